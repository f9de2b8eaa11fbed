/**
 * Property-based tests (fast-check) for the Gateway API route editors, as editors.property.test
 * does for VirtualServices: arbitrary hand-written HTTPRoutes and GRPCRoutes (match rules,
 * filters, extra rules and parents, backendRef fields, fields no version of our types knows)
 * must keep everything the form does not own through every edit, and every produced route must
 * pass our checks (the CRDs' CEL rules) and Gateway API's published schema.
 */
import fc from 'fast-check';
import type { HTTPBackendRef } from '../../models';
import { validateGatewayApiObject } from '../../testing/gatewayApiSchemas';
import { clone } from '../primitives';
import {
  defaultRuleIndex,
  editGatewaySplit,
  editGatewayTimeout,
  GatewayRouteEditError,
  readGatewaySplit,
  removeGatewaySplit,
} from './gatewayRoutes';
import type { GatewayRoute, GatewayRouteKind } from './gatewayRoutes';
import { validateGatewayRoute } from './gatewayValidation';

type Obj = Record<string, unknown>;
type Rule = {
  name?: string;
  matches?: Obj[];
  filters?: Obj[];
  backendRefs?: HTTPBackendRef[];
  timeouts?: Obj;
} & Obj;

const NS = 'bookinfo';
const SERVICE = 'reviews';
const BACKENDS = ['reviews', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'reviews-canary'];
// Bounded so the whole file stays well under the 20 s budget.
const RUNS = 120;

/** fast-check builds null-prototype records; API objects are plain JSON. */
const plain = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  arb.map((o) => JSON.parse(JSON.stringify(o)) as T);

const rulesOf = (r: GatewayRoute): Rule[] => (r.spec?.rules ?? []) as Rule[];

/** Valid by the API server's rules as we mirror them (warnings allowed) and by the schema. */
const expectValid = (route: GatewayRoute) => {
  expect(validateGatewayRoute(route).filter((i) => i.severity === 'error')).toEqual([]);
  expect(() => validateGatewayApiObject(route)).not.toThrow();
};

// ---------------------------------------------------------------------------------------------
// Arbitraries

const unknownValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.boolean(),
  fc.record({ nested: fc.string({ maxLength: 4 }) }),
);
/** Optionally adds `futureX` keys: fields a newer Gateway API (or another tool) could add. */
const withUnknown = <T extends object>(arb: fc.Arbitrary<T>, prefix: string): fc.Arbitrary<T> =>
  fc
    .tuple(
      arb,
      fc.dictionary(
        fc.constantFrom('A', 'B').map((s) => `future${prefix}${s}`),
        unknownValue,
        { maxKeys: 2 },
      ),
    )
    .map(([o, extra]) => ({ ...o, ...extra }));

const dnsLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,6}[a-z0-9])?$/);
const headerName = fc.constantFrom('end-user', 'x-tester', 'x-canary', 'cookie', 'X-Trace');
const duration = fc.constantFrom('1s', '3s', '10s', '1m', '1m30s');
const weight = fc.integer({ min: 0, max: 1000 });
const port = fc.constantFrom(9080, 8080, 443);

/** A header (or query) match list, each name once (headers compare case-insensitively). */
const nameValueMatches = fc.uniqueArray(
  fc.record(
    {
      name: headerName,
      value: fc.stringMatching(/^[a-z0-9]{1,6}$/),
      type: fc.constantFrom('Exact', 'RegularExpression'),
    },
    { requiredKeys: ['name', 'value'] },
  ),
  { selector: (h) => h.name.toLowerCase(), minLength: 1, maxLength: 2 },
);

/** An HTTP match that does not match everything: it names a path other than "/" or a condition. */
const httpMatch = fc
  .record(
    {
      path: fc.oneof(
        fc.constantFrom('/api', '/v2/reviews', '/static/').map((value) => ({
          type: 'PathPrefix',
          value,
        })),
        fc.constantFrom('/login', '/health').map((value) => ({ type: 'Exact', value })),
        fc.constant({ type: 'RegularExpression', value: '/item/[0-9]+' }),
      ),
      headers: nameValueMatches,
      queryParams: nameValueMatches,
      method: fc.constantFrom('GET', 'POST', 'DELETE'),
    },
    { requiredKeys: [] },
  )
  .filter((m) => Object.keys(m).length > 0);

const grpcMatch = fc
  .record(
    {
      method: fc.oneof(
        fc.record({ service: fc.constantFrom('pkg.Reviews', 'reviews.v1.Api') }),
        fc.record({
          service: fc.constantFrom('pkg.Reviews'),
          method: fc.constantFrom('Get', 'List'),
        }),
        fc.constant({ type: 'RegularExpression', method: 'Get.*' }),
      ),
      headers: nameValueMatches,
    },
    { requiredKeys: [] },
  )
  .filter((m) => Object.keys(m).length > 0);

/** A catch-all match list as people write it: none, the API server's default, or an empty match. */
const catchAllMatches = fc.constantFrom<(Obj[] | undefined)[]>(
  undefined,
  [],
  [{ path: { type: 'PathPrefix', value: '/' } }],
  [{}],
);
const grpcCatchAll = fc.constantFrom<(Obj[] | undefined)[]>(undefined, [], [{}]);

const headerModifier = fc.record(
  {
    set: fc.uniqueArray(fc.record({ name: headerName, value: fc.constantFrom('1', 'on') }), {
      selector: (h) => h.name.toLowerCase(),
      minLength: 1,
      maxLength: 2,
    }),
    remove: fc.uniqueArray(fc.constantFrom('x-a', 'x-b'), { maxLength: 2 }),
  },
  { requiredKeys: ['set'] },
);

const serviceRef = (names = fc.constantFrom(...BACKENDS)) => fc.record({ name: names, port });

/** Filters a rule may hold beside backendRefs, each type once. */
const ruleFilters = (grpc: boolean) =>
  fc
    .uniqueArray(
      fc.oneof(
        headerModifier.map((m) => ({ type: 'RequestHeaderModifier', requestHeaderModifier: m })),
        headerModifier.map((m) => ({ type: 'ResponseHeaderModifier', responseHeaderModifier: m })),
        fc
          .record({ backendRef: serviceRef(fc.constant('shadow')), percent: fc.nat(100) })
          .map((m) => ({ type: 'RequestMirror', requestMirror: m })),
        ...(grpc
          ? []
          : [
              fc.constantFrom('reviews.internal', 'example.com').map((hostname) => ({
                type: 'URLRewrite',
                urlRewrite: { hostname },
              })),
            ]),
      ),
      { selector: (f) => f.type, maxLength: 2 },
    )
    .map((fs) => fs as Obj[]);

/** A backendRef with whatever a person may add: filters, an explicit namespace, unknown fields. */
const localRef = withUnknown(
  fc.record(
    {
      name: fc.constantFrom(...BACKENDS),
      port,
      weight,
      namespace: fc.constant(NS),
      group: fc.constant(''),
      kind: fc.constant('Service'),
      filters: fc.constant([
        { type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['x-debug'] } },
      ]),
    },
    { requiredKeys: ['name', 'port'] },
  ),
  'Ref',
);
/** Backends that are not the split's: another kind, another namespace. */
const foreignRef = fc.oneof(
  fc.record({
    group: fc.constant('multicluster.x-k8s.io'),
    kind: fc.constant('ServiceImport'),
    name: fc.constantFrom('reviews', 'remote'),
    port,
    weight,
  }),
  fc.record({ name: fc.constantFrom(...BACKENDS), namespace: fc.constant('other'), port, weight }),
);
const backendRefs = fc
  .array(fc.oneof({ weight: 4, arbitrary: localRef }, { weight: 1, arbitrary: foreignRef }), {
    maxLength: 4,
  })
  .map((rs) => rs as HTTPBackendRef[]);

const timeouts = fc
  .tuple(duration, fc.option(fc.constantFrom('100ms', '250ms', '1s'), { nil: undefined }))
  .map(([request, backendRequest]) => ({ request, ...(backendRequest ? { backendRequest } : {}) }));

const httpRule = (matches: fc.Arbitrary<Obj[] | undefined>) =>
  withUnknown(
    fc
      .record(
        {
          matches,
          filters: ruleFilters(false),
          backendRefs,
          timeouts,
        },
        { requiredKeys: ['matches'] },
      )
      .map((r) => {
        const out = { ...r } as Obj;
        if (out.matches === undefined) delete out.matches;
        return out as Rule;
      }),
    'Rule',
  );

const grpcRule = (matches: fc.Arbitrary<Obj[] | undefined>) =>
  withUnknown(
    fc
      .record({ matches, filters: ruleFilters(true), backendRefs }, { requiredKeys: ['matches'] })
      .map((r) => {
        const out = { ...r } as Obj;
        if (out.matches === undefined) delete out.matches;
        return out as Rule;
      }),
    'Rule',
  );

/** A rule that redirects: no backendRefs, as the API server requires. */
const redirectRule = (matches: fc.Arbitrary<Obj[] | undefined>) =>
  fc.record({
    matches,
    filters: fc.constant([
      { type: 'RequestRedirect', requestRedirect: { hostname: 'example.com', statusCode: 301 } },
    ]),
  }) as fc.Arbitrary<Rule>;

const metadata = fc.record(
  {
    name: fc.constant(SERVICE),
    namespace: fc.constant(NS),
    resourceVersion: fc.nat().map(String),
    uid: fc.uuid(),
    labels: fc.dictionary(fc.constantFrom('app', 'team'), dnsLabel, { maxKeys: 2 }),
    annotations: fc.dictionary(fc.constantFrom('example.com/owner'), fc.string({ maxLength: 8 }), {
      maxKeys: 1,
    }),
  },
  { requiredKeys: ['name', 'namespace', 'resourceVersion'] },
);

const parentRefs = fc
  .record({
    port: fc.option(fc.constant(9080), { nil: undefined }),
    gateway: fc.boolean(),
  })
  .map(({ port: p, gateway }) => [
    { group: '', kind: 'Service', name: SERVICE, ...(p !== undefined ? { port: p } : {}) },
    ...(gateway ? [{ name: 'ingress', namespace: 'istio-ingress', sectionName: 'http' }] : []),
  ]);

/** Rule names are unique within a route (the spec's MUST). */
const nameRules = (rules: Rule[], named: boolean[]): Rule[] =>
  rules.map((r, i) => (named[i] ? { ...r, name: `rule-${i}` } : r));

/**
 * A hand-written route: match rules (some redirecting), then maybe a default rule placed among
 * them (Gateway API ranks by specificity, so people put it anywhere), maybe a second catch-all.
 */
const route = (kind: GatewayRouteKind, opts: { redirectDefault?: boolean } = {}) => {
  const grpc = kind === 'GRPCRoute';
  const rule = grpc ? grpcRule : httpRule;
  const match = (grpc ? grpcMatch : httpMatch) as fc.Arbitrary<Obj>;
  const matches = fc.array(match, { minLength: 1, maxLength: 2 });
  const catchAll = grpc ? grpcCatchAll : catchAllMatches;
  const matched = fc.array(
    grpc
      ? rule(matches)
      : fc.oneof(
          { weight: 4, arbitrary: rule(matches) },
          { weight: 1, arbitrary: redirectRule(matches) },
        ),
    { maxLength: 3 },
  );
  const def = opts.redirectDefault && !grpc ? redirectRule(catchAll) : rule(catchAll);
  return fc
    .record({
      metadata,
      spec: withUnknown(
        fc.record(
          { parentRefs, hostnames: fc.constant(['reviews.example.com']) },
          { requiredKeys: ['parentRefs'] },
        ),
        'Spec',
      ),
      matched,
      def: opts.redirectDefault ? def : fc.option(def, { nil: undefined }),
      second: fc.option(rule(catchAll), { nil: undefined }),
      at: fc.nat(3),
      named: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    })
    .map(({ metadata: m, spec, matched: ms, def: d, second, at, named }) => {
      const rules = [...ms];
      if (d) rules.splice(Math.min(at, rules.length), 0, d);
      if (d && second) rules.push(second);
      // An HTTPRoute needs a rule; the API server would add a catch-all one.
      if (!grpc && rules.length === 0)
        rules.push({ matches: [{ path: { type: 'Exact', value: '/only' } }] });
      return {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind,
        metadata: m,
        spec: { ...spec, rules: nameRules(rules, named) },
      } as unknown as GatewayRoute;
    });
};

const weights = fc
  .uniqueArray(fc.constantFrom(...BACKENDS), { minLength: 1, maxLength: 4 })
  .chain((names) =>
    fc
      .tuple(...names.map(() => fc.integer({ min: 0, max: 1000000 })))
      .map((ws) => Object.fromEntries(names.map((n, i) => [n, ws[i]]))),
  );

const KINDS: GatewayRouteKind[] = ['HTTPRoute', 'GRPCRoute'];

// ---------------------------------------------------------------------------------------------

describe('arbitraries', () => {
  it.each(KINDS)('generate valid hand-written %ss', (kind) => {
    fc.assert(
      fc.property(plain(route(kind)), (r) => expectValid(r)),
      { numRuns: 50 },
    );
  });
});

const isLocal = (r: HTTPBackendRef) =>
  (r.group ?? '') === '' && (r.kind ?? 'Service') === 'Service' && (r.namespace ?? NS) === NS;

describe.each(KINDS)('editGatewaySplit on a %s (property)', (kind) => {
  it('changes only the default rule’s backendRefs, validates, and reads back the weights', () => {
    fc.assert(
      fc.property(
        plain(route(kind)),
        plain(weights),
        fc.option(port, { nil: undefined }),
        (r, ws, p) => {
          const before = clone(r);
          const out = editGatewaySplit({
            route: r,
            kind,
            service: SERVICE,
            namespace: NS,
            port: p,
            weights: ws,
          });
          expect(r).toStrictEqual(before);

          const i = defaultRuleIndex(before);
          const rules = rulesOf(out);
          const d = i < 0 ? rules.length - 1 : i;
          expect(defaultRuleIndex(out)).toBe(d);
          expect(readGatewaySplit(out)).toStrictEqual(ws);

          // Everything but that rule's backendRefs is as it was; a new default rule comes last.
          const written = rules[d].backendRefs ?? [];
          const rest = clone(out);
          delete rulesOf(rest)[d].backendRefs;
          if (i < 0) {
            expect(rulesOf(rest)[d]).toStrictEqual({});
            rulesOf(rest).pop();
          }
          const expected = clone(before);
          if (i >= 0) delete rulesOf(expected)[i].backendRefs;
          expect(rest).toStrictEqual(expected);

          // Backends not the split's keep their place among themselves and every field; a kept
          // Service keeps its first backendRef with only the weight changed.
          const old = i < 0 ? [] : (rulesOf(before)[i].backendRefs ?? []);
          expect(written.filter((w) => !isLocal(w))).toStrictEqual(old.filter((w) => !isLocal(w)));
          for (const w of written.filter(isLocal)) {
            const was = old.find((o) => isLocal(o) && o.name === w.name);
            if (was) expect(w).toStrictEqual({ ...was, weight: ws[w.name] });
            else
              expect(w).toStrictEqual({
                name: w.name,
                ...(w.port !== undefined ? { port: w.port } : {}),
                weight: ws[w.name],
              });
            expect(Number.isInteger(w.weight)).toBe(true);
          }

          // A backendRef without a port cannot be written: one was known (given or a sibling's).
          if (written.filter(isLocal).every((w) => w.port !== undefined)) expectValid(out);
          else expect(p).toBeUndefined();
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('edits again to the same result (idempotent) and leaves a route it already matches unchanged', () => {
    fc.assert(
      fc.property(plain(route(kind)), plain(weights), (r, ws) => {
        const input = { kind, service: SERVICE, namespace: NS, port: 9080, weights: ws };
        const once = editGatewaySplit({ ...input, route: r });
        expect(editGatewaySplit({ ...input, route: once })).toStrictEqual(once);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('editGatewaySplit on a redirecting default rule (property)', () => {
  it('refuses, naming the filter, and changes nothing', () => {
    fc.assert(
      fc.property(plain(route('HTTPRoute', { redirectDefault: true })), plain(weights), (r, ws) => {
        const before = clone(r);
        const i = defaultRuleIndex(r);
        let error: unknown;
        try {
          editGatewaySplit({
            route: r,
            kind: 'HTTPRoute',
            service: SERVICE,
            namespace: NS,
            port: 9080,
            weights: ws,
          });
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(GatewayRouteEditError);
        expect((error as GatewayRouteEditError).issue.path).toEqual([
          'spec',
          'rules',
          i,
          'filters',
          0,
        ]);
        expect(r).toStrictEqual(before);
      }),
      { numRuns: 40 },
    );
  });
});

describe.each(KINDS)('removeGatewaySplit on a %s (property)', (kind) => {
  it('leaves one backendRef to the whole Service, or deletes a route that held only the split', () => {
    fc.assert(
      fc.property(plain(route(kind)), plain(weights), (r, ws) => {
        const split = editGatewaySplit({
          route: r,
          kind,
          service: SERVICE,
          namespace: NS,
          port: 9080,
          weights: ws,
        });
        const before = clone(split);
        const result = removeGatewaySplit(split, SERVICE);
        expect(split).toStrictEqual(before);
        const d = defaultRuleIndex(split);
        const locals = (rulesOf(split)[d].backendRefs ?? []).filter(isLocal);
        if (locals.length === 0 || (locals.length === 1 && locals[0].name === SERVICE)) {
          expect(result).toEqual({ kind: 'none' });
          return;
        }
        if (result.kind === 'delete') {
          expect(rulesOf(split)).toHaveLength(1);
          expect(split.spec.parentRefs).toHaveLength(1);
          return;
        }
        expect(result.kind).toBe('update');
        if (result.kind !== 'update') return;
        const out = result.route;
        const refs = rulesOf(out)[d].backendRefs ?? [];
        const mine = refs.filter(isLocal);
        expect(mine).toHaveLength(1);
        expect(mine[0].name).toBe(SERVICE);
        // Other backends keep their share: their weights too, unless the Service's combined
        // weight went over the maximum and every weight shrank alike.
        const others = (rulesOf(split)[d].backendRefs ?? []).filter((x) => !isLocal(x));
        const total = locals.reduce((t, x) => t + (x.weight ?? 1), 0);
        const dropWeight = (xs: HTTPBackendRef[]) => xs.map((x) => ({ ...x, weight: undefined }));
        if (others.length === 0 || total <= 1000000) {
          expect(refs.filter((x) => !isLocal(x))).toStrictEqual(others);
        } else {
          expect(dropWeight(refs.filter((x) => !isLocal(x)))).toStrictEqual(dropWeight(others));
        }
        expect(readGatewaySplit(out)[SERVICE]).toBeDefined();
        const rest = clone(out);
        delete rulesOf(rest)[d].backendRefs;
        const expected = clone(split);
        delete rulesOf(expected)[d].backendRefs;
        expect(rest).toStrictEqual(expected);
        expectValid(out);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('editGatewayTimeout (property)', () => {
  it('changes only the selected rule’s request and backendRequest timeouts', () => {
    const change = fc.option(fc.constantFrom('5s', '30s', '2m'), { nil: null });
    fc.assert(
      fc.property(plain(route('HTTPRoute')), fc.nat(6), change, (r, n, request) => {
        const i = n % rulesOf(r).length;
        const before = clone(r);
        const out = editGatewayTimeout(r, i, { request, backendRequest: null });
        expect(r).toStrictEqual(before);
        expect(rulesOf(out)[i].timeouts).toStrictEqual(request === null ? undefined : { request });
        const rest = clone(out);
        delete rulesOf(rest)[i].timeouts;
        const expected = clone(before);
        delete rulesOf(expected)[i].timeouts;
        expect(rest).toStrictEqual(expected);
        expectValid(out);
      }),
      { numRuns: RUNS },
    );
  });
});
