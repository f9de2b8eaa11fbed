/**
 * Property-based tests (fast-check) for the traffic editors: arbitrary hand-written
 * VirtualServices and DestinationRules, including fields no form knows (`future…` keys at spec,
 * rule, destination, subset and policy level), must keep every unowned field through every form
 * edit, and every produced object must validate against Istio's CRD schema.
 */
import fc from 'fast-check';
import type {
  DestinationRule,
  HTTPFaultInjection,
  HTTPRetry,
  HTTPRoute,
  HTTPRouteDestination,
  Subset,
  TrafficPolicy,
  VirtualService,
  WithSpec,
} from '../../models';
import { validateIstioObject } from '../../testing/istioSchemas';
import { clone } from '../primitives';
import {
  applyCircuitBreaker,
  applyMatchRoutes,
  applyRouteResilience,
  applyTrafficSplit,
  CIRCUIT_BREAKER_FIELDS,
  defaultRouteIndex,
  isOwnedRule,
  nextCanaryStep,
  rollbackCanary,
  selectRoute,
} from './trafficSplit';
import type { CircuitBreakerSettings, MatchRouteRule, RouteResilience } from './trafficSplit';
import { fqdn } from './validation';

type Obj = Record<string, unknown>;

const NS = 'bookinfo';
const FQDN = `reviews.${NS}.svc.cluster.local`;
const SUBSET_NAMES = ['v1', 'v2', 'v3', 'canary', 'stable', 'blue', 'green'];
// Bounded so the whole file stays well under the 20 s budget.
const RUNS = 150;

/**
 * fast-check builds records with a null prototype; API objects are plain JSON, so each is read
 * back through JSON as the API server would serve it.
 */
const plain = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  arb.map((o) => JSON.parse(JSON.stringify(o)) as T);

/** Removes every `future…` key (fields the CRD schema does not know) before schema validation. */
const stripFuture = (o: unknown): unknown => {
  if (Array.isArray(o)) return o.map(stripFuture);
  if (o === null || typeof o !== 'object') return o;
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) if (!k.startsWith('future')) out[k] = stripFuture(v);
  return out;
};

/** Schema validation of the known fields, at the object's own apiVersion (v1 here). */
const expectSchemaValid = (obj: VirtualService | DestinationRule) => {
  expect(obj.apiVersion).toBe('networking.istio.io/v1');
  expect(() => validateIstioObject(stripFuture(obj) as VirtualService)).not.toThrow();
};

const pick = (o: unknown, keys: readonly string[]): Obj => {
  const out: Obj = {};
  for (const k of keys) if (o && (o as Obj)[k] !== undefined) out[k] = (o as Obj)[k];
  return out;
};
const omit = (o: unknown, keys: readonly string[]): Obj => {
  const out: Obj = { ...((o as Obj | undefined) ?? {}) };
  for (const k of keys) delete out[k];
  return out;
};

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** A field no version of our types knows, as a newer Istio (or another tool) could add. */
const unknownValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.record({ nested: fc.string({ maxLength: 4 }), n: fc.nat(9) }),
);
/** Optionally adds `futureX` keys to an object. */
const withUnknown = <T extends object>(arb: fc.Arbitrary<T>, prefix: string): fc.Arbitrary<T> =>
  fc
    .tuple(
      arb,
      fc.dictionary(
        fc.constantFrom('A', 'B', 'C').map((s) => `future${prefix}${s}`),
        unknownValue,
        { maxKeys: 2 },
      ),
    )
    .map(([o, extra]) => ({ ...o, ...extra }));

const dnsLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,6}[a-z0-9])?$/);
const subsetName = fc.constantFrom(...SUBSET_NAMES);
const duration = fc.constantFrom('1s', '250ms', '3s', '10s', '1m', '30s');
const ourHost = fc.constantFrom('reviews', `reviews.${NS}`, `reviews.${NS}.svc`, FQDN);
const otherHost = fc.constantFrom('ratings', `details.${NS}.svc.cluster.local`, 'example.com');
const headerName = fc.constantFrom('end-user', 'x-tester', 'x-canary', 'cookie');

/** StringMatch is a one-of: exactly one of exact, prefix, regex. */
const stringMatch = fc.oneof(
  fc.string({ minLength: 1, maxLength: 8 }).map((exact) => ({ exact })),
  fc.constantFrom('/', '/api', '/v2/').map((prefix) => ({ prefix })),
  fc.constantFrom('.*', '^/api/.*', 'v[0-9]+').map((regex) => ({ regex })),
);

const httpMatch = fc.record(
  {
    name: dnsLabel,
    uri: stringMatch,
    method: fc.constantFrom('GET', 'POST', 'PUT').map((exact) => ({ exact })),
    headers: fc.dictionary(headerName, stringMatch, { minKeys: 1, maxKeys: 2 }),
    queryParams: fc.dictionary(fc.constantFrom('debug', 'v'), stringMatch, { maxKeys: 2 }),
    ignoreUriCase: fc.boolean(),
    port: fc.integer({ min: 1, max: 65535 }),
  },
  { requiredKeys: ['uri'] },
);

const destinationTo = (host: fc.Arbitrary<string>) =>
  withUnknown(
    fc.record(
      {
        host,
        subset: subsetName,
        port: fc.constantFrom(9080, 8080, 443).map((number) => ({ number })),
      },
      { requiredKeys: ['host'] },
    ),
    'Dest',
  );

const headerOps = fc.record(
  {
    request: fc.record({ set: fc.dictionary(headerName, fc.string({ maxLength: 5 })) }),
    response: fc.record({ remove: fc.array(headerName, { maxLength: 2 }) }),
  },
  { requiredKeys: [] },
);

const routeDestination = withUnknown(
  fc.record(
    {
      destination: fc.oneof(
        { weight: 3, arbitrary: destinationTo(ourHost) },
        { weight: 1, arbitrary: destinationTo(otherHost) },
      ),
      weight: fc.integer({ min: 0, max: 100 }),
      headers: headerOps,
    },
    { requiredKeys: ['destination'] },
  ),
  'RouteDest',
) as fc.Arbitrary<HTTPRouteDestination>;

/** A non-empty route whose weights cannot all be 0 (the webhook rejects a total of 0). */
const route = fc
  .array(routeDestination, { minLength: 1, maxLength: 4 })
  .map((r) =>
    r.length > 1 && r.every((d) => !d.weight) ? [{ ...r[0], weight: 1 }, ...r.slice(1)] : r,
  );

const retries: fc.Arbitrary<HTTPRetry> = withUnknown(
  fc.record(
    {
      attempts: fc.integer({ min: 1, max: 5 }),
      perTryTimeout: duration,
      retryOn: fc.constantFrom('5xx', 'gateway-error,503', 'connect-failure,refused-stream'),
      retryRemoteLocalities: fc.boolean(),
    },
    { requiredKeys: ['attempts'] },
  ),
  'Retry',
);

const percentage = fc.integer({ min: 0, max: 100 }).map((value) => ({ value }));
const fault: fc.Arbitrary<HTTPFaultInjection> = withUnknown(
  fc.oneof(
    fc.record({
      delay: withUnknown(fc.record({ fixedDelay: duration, percentage }), 'Delay'),
    }),
    fc.record({
      abort: withUnknown(
        fc.record({ httpStatus: fc.integer({ min: 200, max: 599 }), percentage }),
        'Abort',
      ),
    }),
    fc.record({
      delay: fc.record({ fixedDelay: duration, percentage }),
      abort: fc.record({ grpcStatus: fc.constantFrom('UNAVAILABLE', 'INTERNAL'), percentage }),
    }),
  ),
  'Fault',
);

/** Everything a hand-written rule that routes may carry besides match and route. */
const ruleExtras = {
  rewrite: fc.constantFrom({ uri: '/' }, { authority: 'reviews' }),
  timeout: duration,
  retries,
  fault,
  mirror: destinationTo(otherHost),
  mirrorPercentage: percentage,
  corsPolicy: fc.record({
    allowOrigins: fc.constant([{ exact: 'https://example.com' }]),
    allowMethods: fc.subarray(['GET', 'POST'], { minLength: 1 }),
  }),
  headers: headerOps,
};

const matchedRule = withUnknown(
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record(
        { match: fc.array(httpMatch, { minLength: 1, maxLength: 2 }), route, ...ruleExtras },
        { requiredKeys: ['match', 'route'] },
      ),
    },
    // Redirect rules are fine anywhere but as the default route.
    {
      weight: 1,
      arbitrary: fc.record({
        match: fc.array(httpMatch, { minLength: 1, maxLength: 2 }),
        redirect: fc.constantFrom({ uri: '/new' }, { authority: 'elsewhere', redirectCode: 301 }),
      }),
    },
  ),
  'Rule',
) as fc.Arbitrary<HTTPRoute>;

const defaultRule = withUnknown(
  fc.record({ route, ...ruleExtras }, { requiredKeys: ['route'] }),
  'Rule',
) as fc.Arbitrary<HTTPRoute>;

/** Rule names are unique (defaultRouteIndex and selectors look rules up by name). */
const nameRules = (rules: HTTPRoute[], named: boolean[]): HTTPRoute[] =>
  rules.map((r, i) => (named[i] ? { ...r, name: `rule-${i}` } : r));

const metadata = (name: string) =>
  fc.record(
    {
      name: fc.constant(name),
      namespace: fc.constant(NS),
      resourceVersion: fc.nat().map(String),
      uid: fc.uuid(),
      generation: fc.integer({ min: 1, max: 50 }),
      labels: fc.dictionary(fc.constantFrom('app', 'team', 'env'), dnsLabel, { maxKeys: 2 }),
      annotations: fc.dictionary(
        fc.constantFrom('example.com/owner', 'kubectl.kubernetes.io/last-applied-configuration'),
        fc.string({ maxLength: 10 }),
        { maxKeys: 2 },
      ),
    },
    { requiredKeys: ['name', 'namespace', 'resourceVersion'] },
  );

/** A hand-written VirtualService; `withDefault` false gives one without a default rule. */
const virtualService = (withDefault: fc.Arbitrary<boolean> = fc.boolean()) =>
  fc
    .record({
      metadata: metadata('reviews'),
      spec: withUnknown(
        fc.record(
          {
            hosts: fc.tuple(ourHost).map((h) => h as string[]),
            gateways: fc.constantFrom<string[]>(['mesh'], [`${NS}/gw`, 'mesh']),
            exportTo: fc.constantFrom<string[]>(['.'], ['*']),
          },
          { requiredKeys: ['hosts'] },
        ),
        'Spec',
      ),
      matched: fc.array(matchedRule, { maxLength: 3 }),
      def: fc.option(defaultRule, { nil: undefined }),
      hasDefault: withDefault,
      named: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    })
    .map(({ metadata: m, spec, matched, def, hasDefault, named }): WithSpec<VirtualService> => {
      const rules = hasDefault && def ? [...matched, def] : matched;
      return {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: m,
        spec: { ...spec, http: nameRules(rules, named) },
      };
    });

const connectionPool = withUnknown(
  fc.record(
    {
      tcp: withUnknown(
        fc.record(
          {
            maxConnections: fc.nat(1000),
            connectTimeout: duration,
            tcpKeepalive: fc.record({ time: duration, probes: fc.integer({ min: 1, max: 9 }) }),
            maxConnectionDuration: duration,
          },
          { requiredKeys: ['tcpKeepalive'] },
        ),
        'Tcp',
      ),
      http: withUnknown(
        fc.record(
          {
            http1MaxPendingRequests: fc.nat(1000),
            http2MaxRequests: fc.nat(1000),
            maxRequestsPerConnection: fc.nat(10),
            maxRetries: fc.nat(10),
            idleTimeout: duration,
            h2UpgradePolicy: fc.constantFrom('DEFAULT', 'DO_NOT_UPGRADE'),
            maxConcurrentStreams: fc.nat(100),
          },
          { requiredKeys: ['h2UpgradePolicy'] },
        ),
        'Http',
      ),
    },
    { requiredKeys: [] },
  ),
  'Pool',
).filter((p) => Object.keys(p).length > 0);

const outlierDetection = withUnknown(
  fc.record(
    {
      consecutiveErrors: fc.nat(10), // deprecated; hand-written ones must survive
      consecutive5xxErrors: fc.nat(10),
      consecutiveGatewayErrors: fc.nat(10),
      interval: duration,
      baseEjectionTime: duration,
      maxEjectionPercent: fc.nat(100),
      minHealthPercent: fc.nat(100),
      splitExternalLocalOriginErrors: fc.constant(true),
      consecutiveLocalOriginFailures: fc.nat(5),
    },
    { requiredKeys: ['splitExternalLocalOriginErrors'] },
  ),
  'Outlier',
);

const loadBalancer = fc.oneof(
  fc.constantFrom('ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM').map((simple) => ({ simple })),
  fc.constant({ consistentHash: { httpHeaderName: 'x-user' } }),
);

const trafficPolicy: fc.Arbitrary<TrafficPolicy> = withUnknown(
  fc.record(
    {
      loadBalancer,
      tls: fc.constantFrom({ mode: 'ISTIO_MUTUAL' as const }, { mode: 'DISABLE' as const }),
      connectionPool,
      outlierDetection,
      portLevelSettings: fc.array(
        fc.record({
          port: fc.constantFrom(9080, 8080).map((number) => ({ number })),
          loadBalancer,
        }),
        { minLength: 1, maxLength: 2 },
      ),
    },
    { requiredKeys: [] },
  ),
  'Policy',
).filter((tp) => Object.keys(tp).length > 0);

const subset: fc.Arbitrary<Subset> = withUnknown(
  fc.record(
    {
      name: subsetName,
      labels: fc.dictionary(fc.constantFrom('version', 'track'), dnsLabel, { minKeys: 1 }),
      trafficPolicy,
    },
    { requiredKeys: ['name', 'labels'] },
  ),
  'Subset',
);

const destinationRule: fc.Arbitrary<WithSpec<DestinationRule>> = fc.record({
  apiVersion: fc.constant('networking.istio.io/v1'),
  kind: fc.constant('DestinationRule'),
  metadata: metadata('reviews'),
  spec: withUnknown(
    fc.record(
      {
        host: ourHost,
        trafficPolicy,
        subsets: fc.uniqueArray(subset, { selector: (s) => s.name, maxLength: 4 }),
        exportTo: fc.constantFrom<string[]>(['.'], ['*']),
      },
      { requiredKeys: ['host'] },
    ),
    'Spec',
  ),
});

// ---------------------------------------------------------------------------------------------
// Generators sanity: what we generate is itself schema-valid, so failures below are the editors'.

describe('arbitraries', () => {
  it('generate schema-valid hand-written objects', () => {
    fc.assert(
      fc.property(plain(virtualService()), plain(destinationRule), (vs, dr) => {
        expectSchemaValid(vs);
        expectSchemaValid(dr);
      }),
      { numRuns: 50 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 1. applyTrafficSplit

const splitRequest = fc.uniqueArray(subsetName, { minLength: 1, maxLength: 4 }).chain((names) =>
  fc.record({
    subsets: fc.constant(names.map((name) => ({ name, labels: { version: name } }))),
    weights: fc
      .tuple(...names.map(() => fc.integer({ min: 0, max: 100 })))
      .map((ws) => Object.fromEntries(names.map((n, i) => [n, ws[i]]))),
    host: ourHost,
  }),
);

describe('applyTrafficSplit (property)', () => {
  it('changes only the default rule’s route and appends only missing subsets', () => {
    fc.assert(
      fc.property(
        plain(virtualService()),
        plain(destinationRule),
        plain(splitRequest),
        function splitKeepsEverythingButTheDefaultRoute(vs, dr, req) {
          const [vsBefore, drBefore] = [clone(vs), clone(dr)];
          const out = applyTrafficSplit({ vs, dr, namespace: NS, ...req });
          // Inputs are not mutated.
          expect(vs).toStrictEqual(vsBefore);
          expect(dr).toStrictEqual(drBefore);

          const i = defaultRouteIndex(vsBefore);
          const outVs = clone(out.virtualService);
          const http = outVs.spec.http ?? [];
          const d = i < 0 ? http.length - 1 : i;
          const written = http[d].route ?? [];
          // Everything but that rule's route is as it was (a new default rule is appended last).
          delete http[d].route;
          if (i < 0) {
            expect(http[d]).toStrictEqual({});
            http.pop();
          }
          const expected = clone(vsBefore);
          if (i >= 0) delete expected.spec.http?.[i].route;
          expect(outVs).toStrictEqual(expected);
          expect(out.virtualService.metadata?.resourceVersion).toBe(vs.metadata?.resourceVersion);

          // The route: our subsets get exactly the requested weights, once each; destinations to
          // other hosts keep theirs; an existing destination keeps its other fields.
          const ours = (h: string) => fqdn(h, NS) === fqdn(req.host, NS);
          const oldRoute = i < 0 ? [] : (vsBefore.spec.http?.[i].route ?? []);
          const mine = written.filter((w) => ours(w.destination.host));
          expect(mine.map((w) => [w.destination.subset, w.weight]).sort()).toStrictEqual(
            Object.entries(req.weights).sort(),
          );
          expect(written.filter((w) => !ours(w.destination.host))).toStrictEqual(
            oldRoute.filter((w) => !ours(w.destination.host)),
          );
          for (const w of mine) {
            const was = oldRoute.find(
              (o) => ours(o.destination.host) && o.destination.subset === w.destination.subset,
            );
            if (was) expect(w).toStrictEqual({ ...was, weight: w.weight });
          }

          // DestinationRule: existing subsets untouched, missing ones appended in order.
          const names = (drBefore.spec.subsets ?? []).map((s) => s.name);
          const outDr = clone(out.destinationRule);
          const appended = (outDr.spec.subsets ?? []).splice(names.length);
          expect(appended).toStrictEqual(req.subsets.filter((s) => !names.includes(s.name)));
          if (!drBefore.spec.subsets && outDr.spec.subsets?.length === 0) delete outDr.spec.subsets;
          expect(outDr).toStrictEqual(drBefore);
          expect(out.destinationRule.metadata?.resourceVersion).toBe(dr.metadata?.resourceVersion);

          expectSchemaValid(out.virtualService);
          expectSchemaValid(out.destinationRule);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 2. applyMatchRoutes

const abRules: fc.Arbitrary<MatchRouteRule[]> = fc
  .uniqueArray(fc.constantFrom('jason', 'kim', 'mcp-kim', 'testers', 'mobile'), {
    maxLength: 3,
    selector: (n) => n.replace(/^mcp-/, ''),
  })
  .chain((names) =>
    fc.tuple(
      ...names.map((name) =>
        fc.record({
          name: fc.constant(name),
          match: fc.array(httpMatch, { minLength: 1, maxLength: 2 }),
          route,
        }),
      ),
    ),
  );

/** A VirtualService a previous A/B edit left owned rules in, possibly moved around by hand. */
const vsWithOwnedRules = fc
  .tuple(
    virtualService(),
    fc.array(
      fc.record({
        at: fc.nat(5),
        rule: fc.record({
          name: fc.constantFrom('mcp-jason', 'mcp-old'),
          match: fc.array(httpMatch, { minLength: 1, maxLength: 1 }),
          route,
          timeout: duration,
        }),
      }),
      { maxLength: 2 },
    ),
  )
  .map(([vs, owned]) => {
    const http = [...(vs.spec.http ?? [])];
    const seen = new Set<string>();
    for (const { at, rule } of owned) {
      if (seen.has(rule.name)) continue;
      seen.add(rule.name);
      http.splice(Math.min(at, http.length), 0, rule);
    }
    return { ...vs, spec: { ...vs.spec, http } };
  });

describe('applyMatchRoutes (property)', () => {
  it('keeps hand-written rules and their order, and everything outside spec.http', () => {
    fc.assert(
      fc.property(
        plain(vsWithOwnedRules),
        plain(abRules),
        fc.option(plain(route), { nil: undefined }),
        function matchRoutesKeepHandWrittenRules(vs, rules, defaultRoute) {
          const before = clone(vs);
          const out = applyMatchRoutes(vs, rules, defaultRoute);
          expect(vs).toStrictEqual(before);
          expect(omit(out.spec, ['http'])).toStrictEqual(omit(before.spec, ['http']));
          expect(omit(out, ['spec'])).toStrictEqual(omit(before, ['spec']));

          const http = out.spec.http ?? [];
          const handBefore = (before.spec.http ?? []).filter((r) => !isOwnedRule(r));
          let handAfter = http.filter((r) => !isOwnedRule(r));
          // The default rule (last hand-written rule without match) may only get the new route.
          let d = -1;
          for (let k = handBefore.length - 1; k >= 0 && d < 0; k--) {
            if (!handBefore[k].match?.length) d = k;
          }
          if (defaultRoute !== undefined) {
            if (d < 0) {
              expect(handAfter[handAfter.length - 1]).toStrictEqual({ route: defaultRoute });
              handAfter = handAfter.slice(0, -1);
            } else {
              expect(handAfter[d].route).toStrictEqual(defaultRoute);
              handAfter = handAfter.map((r, k) =>
                k === d ? { ...r, route: handBefore[d].route } : r,
              );
              if (handBefore[d].route === undefined) delete handAfter[d].route;
            }
          }
          expect(handAfter).toStrictEqual(handBefore);

          // Owned rules: exactly the requested ones, in order, contiguous, before the default.
          const ownedAt = http.map((r, k) => (isOwnedRule(r) ? k : -1)).filter((k) => k >= 0);
          expect(ownedAt.map((k) => http[k].name)).toStrictEqual(
            rules.map((r) => (r.name.startsWith('mcp-') ? r.name : `mcp-${r.name}`)),
          );
          for (const [n, k] of ownedAt.entries()) {
            expect(http[k].match).toStrictEqual(rules[n].match);
            expect(http[k].route).toStrictEqual(rules[n].route);
            if (n > 0) expect(k).toBe(ownedAt[n - 1] + 1);
          }
          const def = defaultRouteIndex(out);
          if (def >= 0 && ownedAt.length > 0) expect(ownedAt[ownedAt.length - 1]).toBeLessThan(def);

          expectSchemaValid(out);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 3. applyCircuitBreaker

const TCP = CIRCUIT_BREAKER_FIELDS.tcp;
const HTTP = CIRCUIT_BREAKER_FIELDS.http;
const OUTLIER = CIRCUIT_BREAKER_FIELDS.outlierDetection;

/** Form input; extra keys (including the deprecated consecutiveErrors) must not be written. */
const cbSettings = fc.record(
  {
    connectionPool: fc.option(
      fc.record(
        {
          tcp: fc.record(
            { maxConnections: fc.nat(500), connectTimeout: duration, futureFormTcp: fc.nat() },
            { requiredKeys: [] },
          ),
          http: fc.record(
            {
              http1MaxPendingRequests: fc.nat(500),
              http2MaxRequests: fc.nat(500),
              maxRequestsPerConnection: fc.nat(10),
              maxRetries: fc.nat(10),
              idleTimeout: duration,
              maxConcurrentStreams: fc.nat(9),
            },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
      { nil: null },
    ),
    outlierDetection: fc.option(
      fc.record(
        {
          consecutive5xxErrors: fc.nat(10),
          consecutiveGatewayErrors: fc.nat(10),
          interval: duration,
          baseEjectionTime: duration,
          maxEjectionPercent: fc.nat(100),
          minHealthPercent: fc.nat(100),
          consecutiveErrors: fc.nat(10),
        },
        { requiredKeys: [] },
      ),
      { nil: null },
    ),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<CircuitBreakerSettings>;

/** The DR with the addressed level's circuit-breaker fields removed, and emptied objects pruned. */
const withoutOwned = (
  dr: WithSpec<DestinationRule>,
  subset: string | undefined,
): WithSpec<DestinationRule> => {
  const c = clone(dr);
  const holder: { trafficPolicy?: TrafficPolicy } | undefined =
    subset === undefined ? c.spec : c.spec.subsets?.find((s) => s.name === subset);
  const tp = holder?.trafficPolicy as Obj | undefined;
  if (!holder || !tp) return c;
  const prune = (o: Obj, k: string) => {
    if (o[k] && Object.keys(o[k] as Obj).length === 0) delete o[k];
  };
  const cp = tp.connectionPool as Obj | undefined;
  if (cp) {
    if (cp.tcp) cp.tcp = omit(cp.tcp, TCP);
    if (cp.http) cp.http = omit(cp.http, HTTP);
    prune(cp, 'tcp');
    prune(cp, 'http');
    prune(tp, 'connectionPool');
  }
  if (tp.outlierDetection) tp.outlierDetection = omit(tp.outlierDetection, OUTLIER);
  prune(tp, 'outlierDetection');
  if (Object.keys(tp).length === 0) delete holder.trafficPolicy;
  return c;
};

const policyAt = (
  dr: WithSpec<DestinationRule>,
  subset: string | undefined,
): TrafficPolicy | undefined =>
  subset === undefined
    ? dr.spec.trafficPolicy
    : dr.spec.subsets?.find((s) => s.name === subset)?.trafficPolicy;

describe('applyCircuitBreaker (property)', () => {
  it('changes only the owned connectionPool/outlierDetection fields at the addressed level', () => {
    fc.assert(
      fc.property(
        plain(destinationRule),
        plain(cbSettings),
        fc.nat(4),
        function circuitBreakerKeepsUnownedFields(dr, settings, which) {
          const names = (dr.spec.subsets ?? []).map((s) => s.name);
          const subset = which < names.length ? names[which] : undefined;
          const before = clone(dr);
          const out = applyCircuitBreaker(dr, { ...settings, subset });
          expect(dr).toStrictEqual(before);

          // Outside the owned fields of the addressed level nothing changed.
          expect(withoutOwned(out, subset)).toStrictEqual(withoutOwned(before, subset));

          const tpIn = policyAt(before, subset);
          const tpOut = policyAt(out, subset);
          const cpIn = tpIn?.connectionPool;
          const cpOut = tpOut?.connectionPool;
          if ('connectionPool' in settings) {
            expect(pick(cpOut?.tcp, TCP)).toStrictEqual(pick(settings.connectionPool?.tcp, TCP));
            expect(pick(cpOut?.http, HTTP)).toStrictEqual(
              pick(settings.connectionPool?.http, HTTP),
            );
          } else {
            expect(cpOut).toStrictEqual(cpIn);
          }
          if ('outlierDetection' in settings) {
            expect(pick(tpOut?.outlierDetection, OUTLIER)).toStrictEqual(
              pick(settings.outlierDetection, OUTLIER),
            );
          } else {
            expect(tpOut?.outlierDetection).toStrictEqual(tpIn?.outlierDetection);
          }
          // consecutiveErrors is never written: whatever was hand-written stays, nothing is added.
          expect(tpOut?.outlierDetection?.consecutiveErrors).toBe(
            tpIn?.outlierDetection?.consecutiveErrors,
          );
          // No empty object is left behind for the webhook to reject.
          for (const o of [tpOut, cpOut, cpOut?.tcp, cpOut?.http, tpOut?.outlierDetection]) {
            if (o !== undefined) expect(Object.keys(o).length).toBeGreaterThan(0);
          }
          expectSchemaValid(out);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 4. applyRouteResilience

const RETRY = ['attempts', 'perTryTimeout', 'retryOn', 'retryRemoteLocalities'];
const DELAY = ['fixedDelay', 'percentage', 'percent'];
const ABORT = ['httpStatus', 'grpcStatus', 'percentage'];

const resilienceChanges = fc.record(
  {
    timeout: fc.option(duration, { nil: null }),
    retries: fc.option(retries, { nil: null }),
    fault: fc.option(fault, { nil: null }),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<RouteResilience>;

const ownedView = (rule: HTTPRoute | undefined) => ({
  timeout: rule?.timeout,
  retries: pick(rule?.retries, RETRY),
  delay: pick(rule?.fault?.delay, DELAY),
  abort: pick(rule?.fault?.abort, ABORT),
});
const unownedView = (rule: HTTPRoute | undefined) => {
  const r = omit(rule, ['timeout', 'retries', 'fault']);
  const f = (rule?.fault ?? {}) as Obj;
  return {
    rule: r,
    retries: omit(rule?.retries, RETRY),
    fault: omit(f, ['delay', 'abort']),
    delay: omit(f.delay, DELAY),
    abort: omit(f.abort, ABORT),
  };
};

describe('applyRouteResilience (property)', () => {
  it('changes only timeout/retries/fault owned keys of the selected rule', () => {
    fc.assert(
      fc.property(
        plain(virtualService(fc.constant(true))),
        fc.oneof(
          fc.constant('default' as const),
          fc.nat(4).map((index) => ({ index })),
          fc.nat(4).map((k) => ({ name: `rule-${k}` })),
        ),
        plain(resilienceChanges),
        function resilienceEditsOnlyOwnedKeys(vs, selector, changes) {
          fc.pre(selectRoute(vs, selector) >= 0);
          const before = clone(vs);
          const i = selectRoute(before, selector);
          const out = applyRouteResilience(vs, selector, changes);
          expect(vs).toStrictEqual(before);
          const httpOut = out.spec.http ?? [];
          const httpIn = before.spec.http ?? [];
          expect(httpOut.length).toBe(httpIn.length);
          httpOut.forEach((r, k) => {
            if (k !== i) expect(r).toStrictEqual(httpIn[k]);
          });
          expect(omit(out.spec, ['http'])).toStrictEqual(omit(before.spec, ['http']));
          expect(omit(out, ['spec'])).toStrictEqual(omit(before, ['spec']));

          expect(unownedView(httpOut[i])).toStrictEqual(unownedView(httpIn[i]));
          const want = ownedView(httpIn[i]);
          if ('timeout' in changes) want.timeout = changes.timeout ?? undefined;
          if ('retries' in changes) want.retries = pick(changes.retries, RETRY);
          if ('fault' in changes) {
            want.delay = pick(changes.fault?.delay, DELAY);
            want.abort = pick(changes.fault?.abort, ABORT);
          }
          expect(ownedView(httpOut[i])).toStrictEqual(want);
          for (const o of [httpOut[i].retries, httpOut[i].fault]) {
            if (o !== undefined) expect(Object.keys(o).length).toBeGreaterThan(0);
          }
          expectSchemaValid(out);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Canary arithmetic

/** A valid plan: strictly increasing whole percentages ending at 100. */
const canaryPlanArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 6 })
  .map((s) => [...s.sort((a, b) => a - b), 100]);

/** Weights summing to 100 over stable, canary and optionally a third subset. */
const canaryWeights = fc
  .record({ a: fc.nat(100), b: fc.nat(100), third: fc.boolean() })
  .map(({ a, b, third }) => {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const w: Record<string, number> = { stable: lo, canary: hi - lo };
    if (third) w.other = 100 - hi;
    else w.stable += 100 - hi;
    return w;
  });

const sum = (w: Record<string, number>) => Object.values(w).reduce((t, v) => t + v, 0);

describe('canary arithmetic (property)', () => {
  it('steps sum to 100, never lower the canary share, and reach 100 within the plan', () => {
    fc.assert(
      fc.property(canaryPlanArb, canaryWeights, function canaryPromotesToCompletion(plan, start) {
        let w = start;
        let steps = 0;
        for (;;) {
          const next = nextCanaryStep(w, 'stable', 'canary', plan);
          if (next === undefined) break;
          steps++;
          expect(steps).toBeLessThanOrEqual(plan.length);
          expect(sum(next)).toBe(100);
          expect(Object.keys(next).sort()).toStrictEqual(
            [...new Set([...Object.keys(w), 'stable', 'canary'])].sort(),
          );
          // The canary's share of all traffic strictly grows (and so never decreases).
          expect(next.canary).toBeGreaterThan((w.canary * 100) / sum(w));
          w = next;
        }
        // Done means all traffic on the canary.
        expect(w.canary).toBe(100);
        expect(sum(w)).toBe(100);
      }),
      { numRuns: 300 },
    );
  });

  it('rollback sends everything to stable', () => {
    fc.assert(
      fc.property(canaryWeights, function rollbackGivesStable100(w) {
        const r = rollbackCanary(w, 'stable', 'canary');
        expect(r.stable).toBe(100);
        expect(sum(r)).toBe(100);
        expect(Object.keys(r).sort()).toStrictEqual(Object.keys(w).sort());
      }),
      { numRuns: 100 },
    );
  });
});
