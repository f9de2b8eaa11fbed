import { CONFIG_CODES } from '../../mesh/config/configCodes';
import { withKialiChecks } from '../../mesh/config/kialiChecks';
import { indexMeshConfig } from '../../mesh/config/meshConfigIndex';
import type { MeshConfigInput } from '../../mesh/config/meshConfigIndex';
import { validateAll } from '../../mesh/config/validateMeshConfig';
import type { Issue } from '../../mesh/issues';
import {
  authorizationPolicy,
  bookinfo,
  destinationRule,
  peerAuthentication,
  requestAuthentication,
  route,
  service,
  virtualService,
} from '../../testing/meshConfigFixtures';
import { configIssueText, configIssueWords } from './configIssueWords';

// Interpolation names i18next reads as its own options, or our extractor skips.
const RESERVED = ['ns', 'lng', 'lngs', 'context', 'defaultValue', 'replace', 'keyPrefix', 'key'];
const PLACEHOLDER = /{{\s*(\w+)\s*}}/g;
const CODES = CONFIG_CODES.map((c) => c.code);

/** A `t` that interpolates as i18next does, and records a placeholder it has no value for. */
const interpolating = () => {
  const missing: string[] = [];
  const t = (key: string, values?: Record<string, string | number>) =>
    key.replace(PLACEHOLDER, (_, name: string) => {
      if (values?.[name] === undefined) missing.push(`${key} ← ${name}`);
      return String(values?.[name] ?? '');
    });
  return { t, missing };
};

/**
 * Bookinfo with every kind of mistake the validator knows, most of them in each variant of
 * their parameters (with and without a subset, a port, a workload, a policy).
 */
const broken = (): MeshConfigInput => {
  const base = bookinfo();
  return {
    ...base,
    memberNamespaces: ['bookinfo'],
    services: [
      ...(base.services ?? []),
      // Service port 80 in front of reviews' 9080; a Service selecting no workload.
      service('reviews-web', 'bookinfo', { app: 'reviews' }, [
        { name: 'http', port: 80, targetPort: 9080 },
      ]),
      service('orphan', 'bookinfo', { app: 'orphan' }),
      service('badly-named', 'bookinfo', { app: 'ratings' }, [
        { name: 'web', port: 8080 },
        { port: 8081 } as { name: string; port: number },
        { name: 'x', port: 8082, appProtocol: 'weird' },
      ]),
    ],
    virtualServices: [
      virtualService('everything', 'bookinfo', {
        hosts: ['productpage'],
        gateways: ['no-such-gateway', 'mesh'],
        exportTo: ['ghost'],
        http: [
          { route: [route('nowhere')] },
          { route: [route('reviews', 'v9')] },
          { route: [route('ratings', undefined, 90)] },
          { route: [route('reviews', 'v1', 50), route('reviews', 'v1', 50)] },
          { route: [route('ratings', undefined, 50), route('ratings', undefined, 50)] },
        ],
      }),
      virtualService('productpage-2', 'bookinfo', {
        hosts: ['productpage'],
        http: [{ route: [route('productpage')] }],
      }),
    ],
    destinationRules: [
      ...(base.destinationRules ?? []),
      destinationRule('nowhere', 'bookinfo', { host: 'nowhere' }),
      destinationRule('ratings', 'bookinfo', {
        host: 'ratings',
        trafficPolicy: {
          tls: { mode: 'DISABLE' },
          portLevelSettings: [
            { port: { number: 9080 }, tls: { mode: 'DISABLE' } },
            { port: { number: 1234 } },
          ],
        },
        subsets: [{ name: 'v9', labels: { version: 'v9' } }, { name: 'all' }],
      }),
      destinationRule('reviews-v1', 'bookinfo', {
        host: 'reviews',
        subsets: [{ name: 'v1', labels: { version: 'v1' } }],
      }),
      destinationRule('ratings-all', 'bookinfo', { host: 'ratings' }),
      // No workload behind orphan: a stand-in workload without a name decides.
      destinationRule('orphan', 'bookinfo', {
        host: 'orphan',
        trafficPolicy: { tls: { mode: 'DISABLE' } },
      }),
    ],
    peerAuthentications: [
      peerAuthentication('strict', 'bookinfo', { mtls: { mode: 'STRICT' } }),
      peerAuthentication('also-namespace', 'bookinfo', { mtls: { mode: 'STRICT' } }),
      peerAuthentication('nothing', 'bookinfo', { selector: { matchLabels: { app: 'nothing' } } }),
      peerAuthentication('reviews', 'bookinfo', {
        selector: { matchLabels: { app: 'reviews' } },
        portLevelMtls: { '80': { mode: 'DISABLE' }, '1234': { mode: 'DISABLE' } },
      }),
      peerAuthentication('reviews-2', 'bookinfo', {
        selector: { matchLabels: { app: 'reviews', version: 'v1' } },
      }),
    ],
    authorizationPolicies: [
      authorizationPolicy('ratings', 'bookinfo', {
        selector: { matchLabels: { app: 'ratings' } },
        rules: [
          {
            from: [
              {
                source: {
                  namespaces: ['ghost'],
                  principals: ['cluster.local/ns/bookinfo/sa/ghost'],
                  serviceAccounts: ['phantom'],
                },
              },
            ],
            to: [{ operation: { methods: ['get'] } }],
          },
        ],
      }),
    ],
    requestAuthentications: [
      requestAuthentication('jwt', 'bookinfo', {
        jwtRules: [{ issuer: 'https://issuer.example.com' }],
      }),
    ],
  };
};

const emitted = (): Issue[] => [...validateAll(indexMeshConfig(broken())).values()].flat();

describe('configIssueWords', () => {
  const recording = (key: string) => key;

  it.each(CODES)('has words for %s', (code) => {
    const text = configIssueWords(recording, code, {});
    expect(typeof text).toBe('string');
    expect(text).not.toBe('');
  });

  it('words one of Kiali’s checks with its code and Kiali’s message', () => {
    const { t, missing } = interpolating();
    const kiali = withKialiChecks(
      [],
      [{ code: 'KIA0301', message: 'More than one Gateway', severity: 'warning', path: [] }],
    );
    expect(configIssueText(t, kiali[0])).toBe('Kiali reports KIA0301: More than one Gateway');
    expect(missing).toEqual([]);
  });

  it('knows no other domain’s codes', () => {
    expect(configIssueWords(recording, 'authz.no-callers', {})).toBeUndefined();
    expect(configIssueWords(recording, 'config.nothing', {})).toBeUndefined();
  });

  it('interpolates no name i18next or the extractor would misread', () => {
    const keys: string[] = [];
    const t = (key: string) => {
      keys.push(key);
      return key;
    };
    // Every variant: with and without the optional parameters.
    const full = { subset: 's', port: 1, workload: 'w', peerAuthentication: 'p', name: 'n' };
    CODES.forEach((code) => {
      configIssueWords(t, code, {});
      configIssueWords(t, code, full);
    });
    const names = keys.flatMap((k) => [...k.matchAll(PLACEHOLDER)].map((m) => m[1]));
    expect(names.filter((n) => RESERVED.includes(n))).toEqual([]);
  });

  it('finds every parameter its words need in what the validator emits, for every code', () => {
    const issues = emitted();
    expect([...new Set(issues.map((i) => i.code))].sort()).toEqual([...CODES].sort());
    const { t, missing } = interpolating();
    for (const i of issues) expect(configIssueWords(t, i.code, i.params ?? {})).toBeDefined();
    expect(missing).toEqual([]);
    // The optional parameters came in both variants.
    const variants = (code: string, param: string) =>
      new Set(issues.filter((i) => i.code === code).map((i) => i.params?.[param] !== undefined));
    expect(variants('config.vs.repeated-destination', 'subset')).toEqual(new Set([true, false]));
    expect(variants('config.dr.tls-disabled-strict', 'port')).toEqual(new Set([true, false]));
    expect(variants('config.dr.tls-disabled-strict', 'workload')).toEqual(new Set([true, false]));
    expect(variants('config.service.port-name', 'name')).toEqual(new Set([true]));
  });

  it('reads as sentences a mesh operator understands', () => {
    const { t } = interpolating();
    const at = (code: string, params: Issue['params']): Issue => ({
      path: [],
      code,
      severity: 'warning',
      params,
    });
    expect(
      configIssueText(
        t,
        at('config.vs.subset-not-found', { host: 'ratings', subset: 'v9', kia: 'KIA1107' }),
      ),
    ).toBe(
      'No DestinationRule defines subset v9 of ratings: requests routed to it fail with 503 (no healthy upstream).',
    );
    expect(
      configIssueText(
        t,
        at('config.dr.tls-disabled-strict', {
          host: 'ratings',
          port: 9080,
          workload: 'ratings-v1',
          peerAuthentication: 'bookinfo/strict',
        }),
      ),
    ).toBe(
      'This rule sends plaintext (tls.mode DISABLE) to port 9080 of ratings, whose workloads only accept mTLS (STRICT): every such request is refused. Workload ratings-v1 is STRICT. PeerAuthentication bookinfo/strict makes it so. Remove the DISABLE setting or use ISTIO_MUTUAL.',
    );
    expect(configIssueText(t, at('config.service.port-name', { name: '', port: 8081 }))).toBe(
      'Port 8081 has no name, so Istio has to guess its protocol. Name it after its protocol (http, grpc, tcp…) or set appProtocol.',
    );
  });
});
