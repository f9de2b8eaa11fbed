import fs from 'node:fs';
import path from 'node:path';
import { planExpose, readExposeFields } from '../../mesh/forms/exposeForm';
import type { ExposeContext } from '../../mesh/forms/exposeForm';
import { offeredGatewayClasses } from '../../mesh/ingress/gatewayClasses';
import { INGRESS_ISSUE_CODES } from '../../mesh/ingress/issueCodes';
import { validateIngressGateway, validateIngressRoute } from '../../mesh/ingress/validation';
import type { Issue } from '../../mesh/issues';
import type { GatewayApiGateway, GatewayApiHTTPRoute } from '../../models';
import { ingressIssueText, ingressIssueWords } from './ingressIssueWords';

// Interpolation names i18next reads as its own options, or our extractor skips.
const RESERVED = ['ns', 'lng', 'lngs', 'context', 'defaultValue', 'replace', 'keyPrefix', 'key'];
const PLACEHOLDER = /{{\s*(\w+)\s*}}/g;

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

const gw = (
  name: string,
  namespace: string,
  listeners: GatewayApiGateway['spec']['listeners'],
  gatewayClassName = 'istio',
): GatewayApiGateway => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name, namespace },
  spec: { gatewayClassName, listeners },
});

/** What the ingress checks and form say about inputs wrong in every way they can be. */
const emitted = (): Issue[] => {
  const classes = offeredGatewayClasses([
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'openshift-default' },
      spec: { controllerName: 'openshift.io/gateway-controller/v1' },
      status: { conditions: [{ type: 'Accepted', status: 'True' }] },
    },
  ]);
  const taken: GatewayApiHTTPRoute = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'productpage-ingress', namespace: 'bookinfo' },
    spec: {},
  };
  const ctx: ExposeContext = {
    namespace: 'bookinfo',
    service: {
      metadata: { name: 'productpage', namespace: 'bookinfo' },
      spec: { ports: [{ port: 9080 }] },
    },
    classes,
    gateways: [
      gw('used', 'bookinfo', []),
      gw('waypoint', 'bookinfo', [], 'istio-waypoint'),
      gw('closed', 'shop', [
        { name: 'http', port: 80, protocol: 'HTTP' },
        { name: 'tls', port: 443, protocol: 'TLS' },
      ]),
      gw('open', 'shop', [
        {
          name: 'apps',
          port: 80,
          protocol: 'HTTP',
          hostname: '*.apps.example.com',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ]),
    ],
    routes: [taken],
    stored: {},
  };
  const base = readExposeFields({}, ctx);
  const plan = (f: Partial<typeof base>) => planExpose({ fields: { ...base, ...f } }, {}, ctx);
  const badGateway = gw('Bad_Name', 'bookinfo', [
    { name: 'a', port: 0, protocol: 'HTTP', hostname: '*' },
    { name: 'b', port: 80, protocol: 'HTTP', hostname: '1.2.3.4' },
    { name: 'c', port: 80, protocol: 'HTTP', hostname: 'Upper.example.com' },
    { name: 'd', port: 80, protocol: 'HTTP', hostname: `${'a.'.repeat(127)}ab` },
  ]);
  const badRoute: GatewayApiHTTPRoute = {
    ...taken,
    metadata: { name: 'Bad Route', namespace: 'bookinfo' },
    spec: {
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: 'x' } }] }],
    },
  };
  return [
    ...validateIngressGateway(badGateway),
    ...validateIngressRoute(badRoute),
    ...plan({ gatewayMode: 'new', className: '' }).plan.issues,
    ...plan({ gatewayMode: 'new', className: 'istio', gatewayName: 'used', servicePort: '' }).plan
      .issues,
    ...plan({ gatewayMode: 'new', className: 'openshift-default', servicePort: '1' }).plan.issues,
    ...plan({ gatewayMode: 'existing', existingGateway: '' }).plan.issues,
    ...plan({ gatewayMode: 'existing', existingGateway: 'bookinfo/nowhere' }).plan.issues,
    ...plan({ gatewayMode: 'existing', existingGateway: 'bookinfo/waypoint' }).plan.issues,
    ...plan({ gatewayMode: 'existing', existingGateway: 'shop/closed' }).plan.issues,
    ...plan({ gatewayMode: 'existing', existingGateway: 'shop/closed', listener: 'x' }).plan.issues,
    ...plan({ gatewayMode: 'existing', existingGateway: 'shop/closed', listener: 'tls' }).plan
      .issues,
    ...plan({ gatewayMode: 'existing', existingGateway: 'shop/closed', listener: 'http' }).plan
      .issues,
    ...plan({ gatewayMode: 'existing', existingGateway: 'shop/open', hostname: 'a.example.com' })
      .plan.issues,
  ];
};

describe('ingressIssueWords', () => {
  const keys: string[] = [];
  const recording = (key: string) => {
    keys.push(key);
    return key;
  };

  it.each(INGRESS_ISSUE_CODES)('has words for %s', (code) => {
    const text = ingressIssueWords(recording, code, {});
    expect(typeof text).toBe('string');
    expect(text).not.toBe('');
  });

  it('lists each code once, dotted lowercase under the ingress prefix', () => {
    expect(new Set(INGRESS_ISSUE_CODES).size).toBe(INGRESS_ISSUE_CODES.length);
    for (const code of INGRESS_ISSUE_CODES) {
      expect(code).toMatch(/^ingress(\.[a-z0-9]+(-[a-z0-9]+)*)+$/);
    }
  });

  it('lists every code the ingress sources emit, and words no code they do not', () => {
    const root = path.join(__dirname, '..', '..');
    const sources = [
      ...fs
        .readdirSync(path.join(root, 'mesh', 'ingress'))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'issueCodes.ts')
        .map((f) => `mesh/ingress/${f}`),
      'mesh/forms/exposeForm.ts',
    ];
    const inSources = new Set(
      sources.flatMap((f) =>
        [...fs.readFileSync(path.join(root, f), 'utf8').matchAll(/'(ingress\.[a-z0-9.-]+)'/g)].map(
          (m) => m[1],
        ),
      ),
    );
    const listed = new Set<string>(INGRESS_ISSUE_CODES);
    expect([...inSources].filter((c) => !listed.has(c))).toEqual([]);
    expect([...listed].filter((c) => !inSources.has(c))).toEqual([]);
  });

  it('interpolates no name i18next or the extractor would misread', () => {
    keys.length = 0;
    INGRESS_ISSUE_CODES.forEach((code) => ingressIssueWords(recording, code, {}));
    const names = keys.flatMap((k) => [...k.matchAll(PLACEHOLDER)].map((m) => m[1]));
    expect(names.filter((n) => RESERVED.includes(n))).toEqual([]);
  });

  it('knows no other domain’s codes', () => {
    expect(ingressIssueWords(recording, 'split.weights-sum', {})).toBeUndefined();
    expect(ingressIssueWords(recording, 'authz.no-callers', {})).toBeUndefined();
  });

  it('emits every code, each with the parameters its words need', () => {
    const issues = emitted();
    const { t, missing } = interpolating();
    for (const i of issues) {
      expect(INGRESS_ISSUE_CODES).toContain(i.code);
      expect(ingressIssueWords(t, i.code, i.params ?? {})).toBeDefined();
    }
    expect(missing).toEqual([]);
    const seen = new Set(issues.map((i) => i.code));
    expect(INGRESS_ISSUE_CODES.filter((code) => !seen.has(code))).toEqual([]);
  });

  it('reads as a sentence with its values in place', () => {
    const { t } = interpolating();
    const at = (code: string, params?: Issue['params']): Issue => ({
      path: [],
      code,
      severity: 'error',
      ...(params ? { params } : {}),
    });
    expect(ingressIssueText(t, at('ingress.hostname.ip', { value: '10.0.0.1' }))).toBe(
      '"10.0.0.1" is an IP address; a Gateway matches host names only.',
    );
    expect(ingressIssueText(t, at('ingress.service-port.required'))).toBe(
      'Choose the port of the service that receives the requests.',
    );
    expect(
      ingressIssueText(
        t,
        at('ingress.listener.none-allows', { gateway: 'shop/gw', namespace: 'bookinfo' }),
      ),
    ).toBe('No HTTP listener of Gateway shop/gw admits routes from namespace bookinfo.');
  });
});
