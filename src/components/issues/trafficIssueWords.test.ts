import fs from 'node:fs';
import path from 'node:path';
import { circuitBreakerSettings } from '../../mesh/forms/circuitBreakerForm';
import { planGatewaySplit } from '../../mesh/forms/gatewaySplitForm';
import { planResilience } from '../../mesh/forms/resilienceForm';
import { planSplit } from '../../mesh/forms/trafficSplitForm';
import type { Issue } from '../../mesh/issues';
import { editGatewaySplit, editGatewayTimeout } from '../../mesh/traffic/gatewayRoutes';
import type { GatewayRoute } from '../../mesh/traffic/gatewayRoutes';
import { crossCheckGatewayRoute, validateGatewayRoute } from '../../mesh/traffic/gatewayValidation';
import { TRAFFIC_ISSUE_CODES } from '../../mesh/traffic/issueCodes';
import { rulesFromForm } from '../../mesh/traffic/matchForm';
import { formFromRule } from '../../mesh/traffic/resilienceForm';
import { proposeSubsets } from '../../mesh/traffic/subsets';
import {
  RoutingEditError,
  applyCircuitBreaker,
  applyTrafficSplit,
  canaryPlan,
} from '../../mesh/traffic/trafficSplit';
import {
  crossCheck,
  validateDestinationRule,
  validateRequestedWeights,
  validateVirtualService,
} from '../../mesh/traffic/validation';
import { proposeVersionServices } from '../../mesh/traffic/versionServices';
import { HTTPRouteModel } from '../../models';
import type { DestinationRule, Deployment, HTTPRoute, Service, VirtualService } from '../../models';
import { trafficIssueText, trafficIssueWords } from './trafficIssueWords';

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

const HOST = 'reviews.bookinfo.svc.cluster.local';
const meta = { name: 'reviews', namespace: 'bookinfo' };
const vsWith = (spec: VirtualService['spec']): VirtualService => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: meta,
  spec,
});
const drWith = (spec: DestinationRule['spec']): DestinationRule => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: meta,
  spec,
});
const to = (subset: string, weight?: number) => ({
  destination: { host: HOST, subset },
  ...(weight !== undefined ? { weight } : {}),
});
const deployment = (name: string, labels: Record<string, string>, replicas = 1): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'bookinfo' },
  spec: {
    replicas,
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: { containers: [] } },
  },
});
const thrown = (edit: () => unknown): Issue[] => {
  try {
    edit();
  } catch (e) {
    if (e instanceof RoutingEditError) return [e.issue];
    throw e;
  }
  return [];
};

/**
 * What the traffic checks and forms say about inputs wrong in every way that takes a parameter
 * (and many that do not): what the words are tested against.
 */
const emitted = (): Issue[] => {
  const badRules: HTTPRoute[] = [
    {
      match: [
        {
          headers: { 'bad header': { exact: 'x' } },
          uri: { regex: 'a{2000}' },
          method: { regex: 'a{5,2}' },
          authority: { regex: 'x'.repeat(1025) },
          port: 70000,
        },
      ],
      route: [{ destination: { host: 'Bad_Host', subset: 'v1' }, weight: 100 }],
      retries: { attempts: 2, retryOn: 'oops,' },
      timeout: 'abc',
      fault: { abort: { grpcStatus: 'BROKEN' } },
    },
    { match: [{ uri: { exact: '/r' } }], redirect: { uri: '/x' }, route: [to('v1')] },
    {
      match: [{ uri: { exact: '/d' } }],
      directResponse: { status: 200 },
      fault: { delay: { fixedDelay: '1.5ms' } },
    },
    { route: [to('v1')], retries: { attempts: -1 } },
    { match: [{ uri: { exact: '/late' } }], route: [to('v1')] },
  ];
  const stored = {
    vs: vsWith({ hosts: ['reviews'], http: [{ route: [to('v1', 90), to('v3', 10)] }] }),
    dr: drWith({
      host: 'reviews',
      subsets: ['v1', 'v3'].map((v) => ({ name: v, labels: { version: v } })),
    }),
  };
  const splitCtx = {
    namespace: 'bookinfo',
    host: 'reviews',
    version: 'v1',
    subsets: ['v1', 'v3'].map((v) => ({ name: v, labels: { version: v } })),
    stored,
  };
  const rule = (name: string) => ({
    name,
    conditions: [
      { kind: 'header' as const, name: 'x', op: 'exact' as const, value: '1' },
      { kind: 'header' as const, name: 'x', op: 'exact' as const, value: '2' },
    ],
    destinations: [
      { subset: 'v1', weight: '50' },
      { subset: 'v1', weight: '40' },
    ],
  });
  return [...istioEmitted(badRules, stored, splitCtx, rule), ...gatewayEmitted()];
};

const istioEmitted = (
  badRules: HTTPRoute[],
  stored: { vs: VirtualService; dr: DestinationRule },
  splitCtx: Parameters<typeof planSplit>[2],
  rule: (name: string) => Parameters<typeof rulesFromForm>[0]['rules'][number],
): Issue[] => {
  return [
    ...validateVirtualService(vsWith({ hosts: [HOST], http: badRules })),
    ...validateVirtualService(vsWith({ hosts: ['Bad_Host'], http: [{ route: [to('v1')] }] })),
    ...validateVirtualService(vsWith({ hosts: [HOST, HOST], http: [{ route: [to('v1')] }] })),
    ...validateDestinationRule(
      drWith({
        host: 'Bad_Host',
        trafficPolicy: {
          loadBalancer: { simple: 'WRONG' as 'RANDOM' },
          connectionPool: { tcp: { maxConnections: 1.5 } },
        },
        subsets: [
          { name: 'V1', labels: { version: 'V1' } },
          { name: 'v2', labels: { version: 'v2' } },
          { name: 'v2', labels: { version: 'v2b' } },
        ],
      }),
    ),
    ...crossCheck(
      vsWith({ hosts: [HOST], http: [{ route: [to('v1', 50), to('v3', 50)] }] }),
      drWith({
        host: HOST,
        subsets: ['v1', 'v2'].map((v) => ({ name: v, labels: { version: v } })),
      }),
    ),
    ...thrown(() =>
      applyCircuitBreaker(
        { ...drWith({ host: HOST }), spec: undefined },
        { outlierDetection: null },
      ),
    ),
    ...thrown(() => applyCircuitBreaker(stored.dr, { subset: 'v9', outlierDetection: null })),
    ...thrown(() =>
      applyTrafficSplit({
        vs: vsWith({ hosts: [HOST], http: [{ redirect: { uri: '/x' } }] }),
        dr: stored.dr,
        host: HOST,
        namespace: 'bookinfo',
        subsets: [],
        weights: { v1: 100 },
      }),
    ),
    ...proposeSubsets({
      deployments: [
        deployment('web', { app: 'web' }),
        deployment('web-v2', { app: 'web', version: 'v2' }, 0),
      ],
      serviceSelector: { app: 'web' },
      existingSubsets: [{ name: 'v4', labels: { version: 'v4' } }],
    }).warnings,
    ...proposeSubsets({ deployments: [] }).warnings,
    ...planSplit({ v1: 70, v3: 20 }, stored, splitCtx).plan.issues,
    ...validateRequestedWeights({ v1: 101, v3: 0.5 }),
    ...validateRequestedWeights({ v1: 0 }),
    ...canaryPlan([0, 10, 10, 50]),
    ...canaryPlan([]),
    ...circuitBreakerSettings({ maxConnections: 'lots' }, stored.dr).issues,
    ...rulesFromForm(
      {
        rules: [rule('Bad Name'), rule('a'), rule('a')],
        defaultRoute: [],
        defaultLocked: false,
      },
      'reviews',
    ).problems,
    ...planResilience(
      { ...formFromRule(undefined), attempts: 'two', abortStatus: '5o3', abortPercent: 'x' },
      stored.vs,
      'default',
      { namespace: 'bookinfo', host: 'reviews', version: 'v1', stored: stored.vs },
    ).plan.issues,
  ];
};

const service = (name: string, ports: number[] = [9080], labels = { app: 'reviews' }): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'bookinfo' },
  spec: { selector: labels, ports: ports.map((port) => ({ name: 'http', port })) },
});

/** The Gateway API checks, editors and version proposal, on routes wrong in every way. */
const gatewayEmitted = (): Issue[] => {
  const badHttp = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'Bad_Name', namespace: 'bookinfo' },
    spec: {
      parentRefs: [
        { kind: 'Service', name: 'reviews', sectionName: 'Bad_Section' },
        { group: 'Bad_Group', kind: '9kind', name: 'a', namespace: 'Bad_NS' },
        { group: '', kind: 'Service', name: 'reviews', sectionName: 'http' },
        { group: '', kind: 'Service', name: 'reviews', port: 70000 },
        { group: '', kind: 'Service', name: 'nowhere' },
        { group: '', kind: 'Service', name: 'x'.repeat(300), port: 1234 },
      ],
      hostnames: ['Bad_Host', ...Array.from({ length: 16 }, (_, i) => `h${i}.example.com`)],
      rules: [
        {
          name: 'Bad_Rule',
          matches: [
            {
              path: { type: 'PathPrefix', value: '/a//b' },
              method: 'FETCH',
              headers: [
                { name: 'bad header', value: 'x' },
                { name: 'x-a', type: 'Glob', value: '' },
                { name: 'X-A', value: 'y'.repeat(5000) },
              ],
              queryParams: [
                { name: 'bad param', value: 'x' },
                { name: 'q', value: 'x' },
                { name: 'q', value: 'y' },
              ],
            },
            { path: { type: 'Glob', value: '/x' } },
          ],
          filters: [
            { type: 'Teleport' },
            { type: 'RequestHeaderModifier', urlRewrite: {} },
            { type: 'RequestHeaderModifier', requestHeaderModifier: {} },
            { type: 'URLRewrite', urlRewrite: { path: { type: 'Swap' } } },
            {
              type: 'RequestRedirect',
              requestRedirect: { scheme: 'ftp', statusCode: 200, port: 0, hostname: 'Bad_Host' },
            },
            {
              type: 'RequestMirror',
              requestMirror: {
                backendRef: { name: 'mirror' },
                percent: 10,
                fraction: { numerator: 1 },
              },
            },
          ],
          backendRefs: [
            { name: 'reviews-v1', port: 9080, weight: 1.5 },
            { name: 'reviews-v2', port: 9999, weight: 2000000 },
            { name: 'gone', port: 9080 },
          ],
          timeouts: { request: '1 second', backendRequest: '2s' },
        },
        { name: 'dup', backendRefs: [{ name: 'reviews-v1', port: 9080, weight: 0 }] },
        { name: 'dup', timeouts: { request: '1s', backendRequest: '2s' } },
      ],
    },
  } as unknown as GatewayRoute;
  const badGrpc = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GRPCRoute',
    metadata: { name: 'reviews', namespace: 'bookinfo' },
    spec: {
      rules: [
        {
          matches: [
            { method: { service: 'bad service!', method: '9method' } },
            { method: { type: 'Exact' } },
          ],
        },
      ],
    },
  } as unknown as GatewayRoute;
  const redirecting = {
    ...badGrpc,
    kind: 'HTTPRoute',
    spec: { rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: {} }] }] },
  } as unknown as GatewayRoute;
  // Every list over its limit.
  const many = <T>(n: number, f: (i: number) => T): T[] =>
    Array.from({ length: n }, (_, i) => f(i));
  const huge = {
    ...badGrpc,
    kind: 'HTTPRoute',
    spec: {
      parentRefs: many(33, () => ({ group: '', kind: 'Service', name: 'reviews' })),
      rules: many(17, () => ({
        matches: many(65, () => ({
          path: { type: 'Exact', value: `/${'p'.repeat(1100)}` },
          headers: many(17, (k) => ({ name: `x-${k}`, value: 'v' })),
        })),
        filters: many(17, () => ({
          type: 'RequestHeaderModifier',
          requestHeaderModifier: { set: many(17, (k) => ({ name: `x-${k}`, value: 'v' })) },
        })),
        backendRefs: many(17, (k) => ({ name: `b${k}`, port: 80 })),
      })),
    },
  } as unknown as GatewayRoute;
  const hugeGrpc = {
    ...badGrpc,
    spec: {
      rules: [
        {
          matches: [{ method: { service: 's'.repeat(1100) } }],
          filters: [],
        },
      ],
    },
  } as unknown as GatewayRoute;
  const rewriting = {
    ...badGrpc,
    kind: 'HTTPRoute',
    spec: {
      rules: [
        {
          filters: [
            {
              type: 'URLRewrite',
              urlRewrite: { path: { type: 'ReplaceFullPath', replacePrefixMatch: '/' } },
            },
          ],
        },
      ],
    },
  } as unknown as GatewayRoute;
  const services = [service('reviews'), service('reviews-v1'), service('reviews-v2')];
  const deployments = [
    deployment('reviews-v1', { app: 'reviews', version: 'v1' }, 0),
    deployment('reviews-nolabel', { app: 'reviews' }),
  ];
  const reviews = services[0];
  return [
    ...validateGatewayRoute(badHttp),
    ...validateGatewayRoute({ ...badHttp, spec: { rules: [] } } as unknown as GatewayRoute),
    ...validateGatewayRoute(badGrpc),
    ...validateGatewayRoute(huge),
    ...validateGatewayRoute(hugeGrpc),
    ...validateGatewayRoute(rewriting),
    ...crossCheckGatewayRoute(badHttp, services),
    ...thrown(() =>
      editGatewaySplit({
        route: redirecting,
        kind: 'HTTPRoute',
        service: 'reviews',
        namespace: 'bookinfo',
        weights: { 'reviews-v1': 1 },
      }),
    ),
    ...thrown(() => editGatewayTimeout(badGrpc, 0, { request: '1s' })),
    ...thrown(() => editGatewayTimeout(redirecting, 5, { request: '1s' })),
    ...proposeVersionServices({ service: reviews, deployments, services }).warnings,
    ...proposeVersionServices({ service: reviews, deployments: [], services }).warnings,
    ...planGatewaySplit(
      { 'reviews-v1': 50, 'reviews-v2': 50 },
      {},
      {
        namespace: 'bookinfo',
        service: reviews,
        kind: 'HTTPRoute',
        routeModel: HTTPRouteModel,
        port: 9080,
        backends: [],
        services,
        stored: {},
        ambient: {
          namespaceObject: {
            metadata: { name: 'bookinfo', labels: { 'istio.io/dataplane-mode': 'ambient' } },
          },
          gateways: [],
          setUpWaypoint: false,
        },
      },
    ).plan.issues,
  ];
};

describe('trafficIssueWords', () => {
  const keys: string[] = [];
  const recording = (key: string) => {
    keys.push(key);
    return key;
  };

  it.each(TRAFFIC_ISSUE_CODES)('has words for %s', (code) => {
    const text = trafficIssueWords(recording, code, {});
    expect(typeof text).toBe('string');
    expect(text).not.toBe('');
  });

  it('lists each code once, dotted lowercase under a traffic prefix', () => {
    expect(new Set(TRAFFIC_ISSUE_CODES).size).toBe(TRAFFIC_ISSUE_CODES.length);
    for (const code of TRAFFIC_ISSUE_CODES) {
      expect(code).toMatch(
        /^(traffic|duration|regex|split|circuit-breaker|match|resilience|gateway)(\.[a-z0-9]+(-[a-z0-9]+)*)+$/,
      );
    }
  });

  it('lists every code the traffic sources emit, and words no code they do not', () => {
    const root = path.join(__dirname, '..', '..');
    const sources = [
      'mesh/primitives.ts',
      ...fs
        .readdirSync(path.join(root, 'mesh', 'traffic'))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => `mesh/traffic/${f}`),
      ...[
        'trafficSplitForm',
        'gatewaySplitForm',
        'circuitBreakerForm',
        'matchRoutingForm',
        'resilienceForm',
      ].map((f) => `mesh/forms/${f}.ts`),
    ].filter((f) => f !== 'mesh/traffic/issueCodes.ts');
    const literal =
      /'((?:traffic|duration|regex|split|circuit-breaker|match|resilience|gateway)\.[a-z0-9.-]+)'/g;
    const inSources = new Set(
      sources.flatMap((f) =>
        [...fs.readFileSync(path.join(root, f), 'utf8').matchAll(literal)].map((m) => m[1]),
      ),
    );
    const listed = new Set<string>(TRAFFIC_ISSUE_CODES);
    expect([...inSources].filter((c) => !listed.has(c))).toEqual([]);
    expect([...listed].filter((c) => !inSources.has(c))).toEqual([]);
  });

  it('interpolates no name i18next or the extractor would misread', () => {
    keys.length = 0;
    TRAFFIC_ISSUE_CODES.forEach((code) => trafficIssueWords(recording, code, {}));
    const names = keys.flatMap((k) => [...k.matchAll(PLACEHOLDER)].map((m) => m[1]));
    expect(names.filter((n) => RESERVED.includes(n))).toEqual([]);
  });

  it('knows no other domain’s codes', () => {
    expect(trafficIssueWords(recording, 'authz.no-callers', {})).toBeUndefined();
    expect(trafficIssueWords(recording, 'text', {})).toBeUndefined();
  });

  it('finds every parameter its words need in what the checks emit', () => {
    const issues = emitted();
    const { t, missing } = interpolating();
    for (const i of issues) {
      expect(TRAFFIC_ISSUE_CODES).toContain(i.code);
      expect(trafficIssueWords(t, i.code, i.params ?? {})).toBeDefined();
    }
    expect(missing).toEqual([]);
    // Every code whose words take a parameter was emitted above, so none goes unchecked.
    const withParams = TRAFFIC_ISSUE_CODES.filter((code) => {
      const probe = interpolating();
      trafficIssueWords(probe.t, code, {});
      return probe.missing.length > 0;
    });
    const seen = new Set(issues.map((i) => i.code));
    expect(withParams.filter((code) => !seen.has(code))).toEqual([]);
  });

  it('reads as the sentences the browser tests and users know', () => {
    const { t } = interpolating();
    const at = (code: string, params?: Issue['params']): Issue => ({
      path: [],
      code,
      severity: 'error',
      ...(params ? { params } : {}),
    });
    expect(trafficIssueText(t, at('duration.invalid', { value: 'abc' }))).toBe(
      '"abc" is not a duration. Use a form such as 250ms, 5s or 1m30s.',
    );
    expect(trafficIssueText(t, at('duration.sub-millisecond'))).toBe(
      'Use whole milliseconds: Istio does not accept finer durations.',
    );
    expect(trafficIssueText(t, at('traffic.percent.range'))).toBe(
      'Percentage must be 0 or between 0.0001 and 100.',
    );
    expect(trafficIssueText(t, at('split.weight-range', { subset: 'v1' }))).toBe(
      'The weight of v1 must be a whole number from 0 to 100.',
    );
    expect(trafficIssueText(t, at('split.all-zero'))).toBe(
      'Give at least one version a weight above 0: all weights are 0.',
    );
    expect(trafficIssueText(t, at('regex.lookaround'))).toBe(
      'Look-ahead and look-behind ((?=…), (?!…), (?<=…), (?<!…)) are not supported by RE2.',
    );
    expect(
      trafficIssueText(
        t,
        at('traffic.number.range', { field: 'maxEjectionPercent', min: 0, max: 100 }),
      ),
    ).toBe('Max ejection percent must be between 0 and 100.');
    expect(trafficIssueText(t, at('traffic.number.min', { field: 'attempts', min: 0 }))).toBe(
      'Retry attempts must be 0 or more.',
    );
    expect(trafficIssueText(t, at('traffic.number.whole', { field: 'maxRetries' }))).toBe(
      'Max retries must be a whole number.',
    );
    expect(
      trafficIssueText(t, at('circuit-breaker.whole-number', { field: 'maxConnections' })),
    ).toBe('maxConnections must be a whole number.');
    expect(trafficIssueText(t, at('traffic.proposal.no-deployments'))).toBe(
      'The Service selects no Deployments, so no subsets can be proposed.',
    );
    expect(trafficIssueText(t, at('traffic.subset.undefined', { subset: 'v3', host: HOST }))).toBe(
      `Subset "v3" is not defined in the DestinationRule for ${HOST}; add it there first or requests will fail with 503.`,
    );
    expect(trafficIssueText(t, at('traffic.rule.unreachable', { rule: 1 }))).toBe(
      'This rule is never used: rule 1 has no match and takes all traffic first.',
    );
    expect(
      trafficIssueText(t, at('split.canary-step-order', { step: 2, previous: 1, percent: 10 })),
    ).toBe('Step 2 must be larger than step 1 (10%).');
    expect(trafficIssueText(t, at('regex.repeat-invalid', { repeat: '{5,2}' }))).toBe(
      'Invalid repeat count {5,2}.',
    );
    expect(trafficIssueText(t, at('gateway.weight.range', { max: 1000000 }))).toBe(
      'Weight must be between 0 and 1000000.',
    );
    expect(trafficIssueText(t, at('gateway.backend.service-missing', { name: 'reviews-v2' }))).toBe(
      'Service reviews-v2 does not exist in the namespace; requests sent to it fail with 500.',
    );
    expect(trafficIssueText(t, at('gateway.rule.redirect-with-backends'))).toBe(
      'A rule that redirects cannot also send to backends: remove the backends or the RequestRedirect filter.',
    );
  });
});
