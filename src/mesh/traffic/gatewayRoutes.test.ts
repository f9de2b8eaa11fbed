import type {
  GatewayApiGRPCRoute,
  GatewayApiHTTPRoute,
  HTTPRouteRule,
  ParentReference,
  Service,
} from '../../models';
import { validateGatewayApiObject } from '../../testing/gatewayApiSchemas';
import { clone } from '../primitives';
import {
  GatewayRouteEditError,
  defaultRuleIndex,
  describeGatewayRouting,
  editGatewaySplit,
  editGatewayTimeout,
  isServiceParent,
  readGatewaySplit,
  removeGatewaySplit,
  routeKindFor,
  routesForService,
} from './gatewayRoutes';
import type { GatewayRoute } from './gatewayRoutes';
import { validateGatewayRoute } from './gatewayValidation';
import { RoutingEditError } from './trafficSplit';

const NS = 'bookinfo';
const parent = { group: '', kind: 'Service', name: 'reviews', port: 9080 };

const http = (
  rules: HTTPRouteRule[],
  over: Partial<GatewayApiHTTPRoute['spec']> = {},
): GatewayApiHTTPRoute => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: {
    name: 'reviews',
    namespace: NS,
    resourceVersion: '12',
    annotations: { 'example.com/ticket': 'BOOK-7' },
  },
  spec: { parentRefs: [parent], ...over, rules },
});

const grpc = (rules: NonNullable<GatewayApiGRPCRoute['spec']['rules']>): GatewayApiGRPCRoute => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'GRPCRoute',
  metadata: { name: 'reviews', namespace: NS },
  spec: { parentRefs: [parent], rules },
});

const to = (name: string, weight?: number) => ({
  name,
  port: 9080,
  ...(weight !== undefined ? { weight } : {}),
});

const jason: HTTPRouteRule = {
  name: 'jason',
  matches: [{ headers: [{ name: 'end-user', value: 'jason' }] }],
  backendRefs: [to('reviews-v2')],
};

/** Schema-valid and valid by our checks: what every editor output must be. */
const expectValid = (route: GatewayRoute) => {
  expect(() => validateGatewayApiObject(route)).not.toThrow();
  expect(validateGatewayRoute(route)).toEqual([]);
};

describe('isServiceParent and routesForService', () => {
  it('takes a Service parent only with group "" and kind Service, on any or the same port', () => {
    expect(isServiceParent(parent, 'reviews')).toBe(true);
    expect(isServiceParent(parent, 'reviews', 9080)).toBe(true);
    expect(isServiceParent(parent, 'reviews', 9090)).toBe(false);
    expect(isServiceParent({ ...parent, port: undefined }, 'reviews', 9090)).toBe(true);
    // Without group, the parent is Gateway API's own kind "Service", which does not exist.
    expect(isServiceParent({ kind: 'Service', name: 'reviews' }, 'reviews')).toBe(false);
    expect(isServiceParent({ name: 'reviews' }, 'reviews')).toBe(false);
    expect(isServiceParent(parent, 'ratings')).toBe(false);
    expect(isServiceParent({ ...parent, namespace: 'other' }, 'reviews', undefined, NS)).toBe(
      false,
    );
    expect(isServiceParent({ ...parent, namespace: NS }, 'reviews', undefined, NS)).toBe(true);
  });

  it('lists the routes attached to the Service, oldest first, then by name', () => {
    const at = (name: string, ts?: string, parents: ParentReference[] = [parent]) => ({
      ...http([], { parentRefs: parents }),
      metadata: { name, namespace: NS, ...(ts ? { creationTimestamp: ts } : {}) },
    });
    const routes = [
      at('b', '2026-01-02T00:00:00Z'),
      at('new'),
      at('gateway', '2025-01-01T00:00:00Z', [{ group: '', kind: 'Service', name: 'ratings' }]),
      at('a', '2026-01-02T00:00:00Z'),
      at('old', '2026-01-01T00:00:00Z'),
    ];
    expect(routesForService(routes, 'reviews').map((r) => r.metadata?.name)).toEqual([
      'old',
      'a',
      'b',
      'new',
    ]);
    expect(routesForService(routes, 'details')).toEqual([]);
  });
});

describe('defaultRuleIndex', () => {
  it('is the first rule that matches every request', () => {
    const slash = { matches: [{ path: { type: 'PathPrefix' as const, value: '/' } }] };
    expect(defaultRuleIndex(undefined)).toBe(-1);
    expect(defaultRuleIndex(http([jason]))).toBe(-1);
    expect(defaultRuleIndex(http([jason, { backendRefs: [to('reviews')] }]))).toBe(1);
    expect(defaultRuleIndex(http([jason, { ...slash, backendRefs: [to('a')] }]))).toBe(1);
    // The API server's default match, spelled partly.
    expect(defaultRuleIndex(http([{ matches: [{}] }]))).toBe(0);
    expect(defaultRuleIndex(http([{ matches: [{ path: { value: '/' } }] }]))).toBe(0);
    // Matches are ORed: one catch-all among them makes the rule take everything.
    expect(
      defaultRuleIndex(http([{ matches: [{ path: { type: 'Exact', value: '/a' } }, {}] }])),
    ).toBe(0);
    // Gateway API breaks ties by list order: a later catch-all never gets traffic.
    expect(defaultRuleIndex(http([jason, slash, { backendRefs: [to('b')] }]))).toBe(1);
    expect(
      defaultRuleIndex(http([{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }] }])),
    ).toBe(-1);
    expect(defaultRuleIndex(http([{ matches: [{ method: 'GET' }] }]))).toBe(-1);
    expect(
      defaultRuleIndex(http([{ matches: [{ queryParams: [{ name: 'a', value: 'b' }] }] }])),
    ).toBe(-1);
  });

  it('for a GRPCRoute, is the first rule without a method or header match', () => {
    expect(
      defaultRuleIndex(grpc([{ matches: [{ method: { service: 'a.B' } }] }, { backendRefs: [] }])),
    ).toBe(1);
    expect(defaultRuleIndex(grpc([{ matches: [{}] }]))).toBe(0);
    expect(defaultRuleIndex(grpc([{ matches: [{ headers: [{ name: 'x', value: '1' }] }] }]))).toBe(
      -1,
    );
  });
});

describe('readGatewaySplit', () => {
  it('reads the default rule’s Services with their weights as written, 1 when unset', () => {
    const route = http([
      jason,
      {
        backendRefs: [
          to('reviews-v1', 90),
          to('reviews-v2'),
          { ...to('reviews-v3', 0) },
          // Not the split's: another kind and another namespace's Service.
          { group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'remote', port: 9080 },
          { name: 'reviews-v1', namespace: 'other', port: 9080, weight: 5 },
        ],
      },
    ]);
    expect(readGatewaySplit(route)).toEqual({ 'reviews-v1': 90, 'reviews-v2': 1, 'reviews-v3': 0 });
    expect(readGatewaySplit(undefined)).toEqual({});
    expect(readGatewaySplit(http([jason]))).toEqual({});
  });

  it('adds up a Service named twice, which is its share', () => {
    const route = http([
      { backendRefs: [to('reviews-v1', 2), { name: 'reviews-v1', port: 9090, weight: 3 }] },
    ]);
    expect(readGatewaySplit(route)).toEqual({ 'reviews-v1': 5 });
  });
});

describe('editGatewaySplit', () => {
  const input = { kind: 'HTTPRoute' as const, service: 'reviews', namespace: NS, port: 9080 };

  it('creates a route attached to the Service when there is none', () => {
    const out = editGatewaySplit({ ...input, weights: { 'reviews-v1': 90, 'reviews-v2': 10 } });
    expect(out).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'reviews', namespace: NS },
      spec: {
        parentRefs: [{ group: '', kind: 'Service', name: 'reviews', port: 9080 }],
        rules: [{ backendRefs: [to('reviews-v1', 90), to('reviews-v2', 10)] }],
      },
    });
    expectValid(out);
    expect(readGatewaySplit(out)).toEqual({ 'reviews-v1': 90, 'reviews-v2': 10 });
  });

  it('creates a GRPCRoute for a gRPC Service', () => {
    const out = editGatewaySplit({ ...input, kind: 'GRPCRoute', weights: { 'reviews-v1': 1 } });
    expect(out.kind).toBe('GRPCRoute');
    expect(out.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expectValid(out);
  });

  it('edits only the default rule’s backendRefs, keeping every other field', () => {
    const defaultRule: HTTPRouteRule = {
      name: 'default',
      filters: [
        {
          type: 'RequestHeaderModifier',
          requestHeaderModifier: { set: [{ name: 'x-a', value: '1' }] },
        },
      ],
      timeouts: { request: '10s' },
      backendRefs: [
        {
          ...to('reviews-v1', 50),
          filters: [
            { type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['x-b'] } },
          ],
        },
        to('reviews-v3', 50),
        {
          group: 'multicluster.x-k8s.io',
          kind: 'ServiceImport',
          name: 'remote',
          port: 9080,
          weight: 7,
        },
      ],
    };
    const route = http([jason, defaultRule], { hostnames: ['reviews.example.com'] });
    const before = clone(route);
    const out = editGatewaySplit({
      ...input,
      route,
      weights: { 'reviews-v1': 80, 'reviews-v2': 20 },
    });
    expect(route).toEqual(before);
    expect(out.spec.rules?.[1].backendRefs).toEqual([
      { ...defaultRule.backendRefs?.[0], weight: 80 },
      defaultRule.backendRefs?.[2],
      to('reviews-v2', 20),
    ]);
    const rest = clone(out);
    delete rest.spec.rules?.[1].backendRefs;
    const expected = clone(before);
    delete expected.spec.rules?.[1].backendRefs;
    expect(rest).toEqual(expected);
    expect(out.metadata?.resourceVersion).toBe('12');
    expectValid(out);
  });

  it('writes zero weights, drops a second reference to the same Service', () => {
    const route = http([
      { backendRefs: [to('reviews-v1', 1), { ...to('reviews-v1', 2), port: 9090 }] },
    ]);
    const out = editGatewaySplit({
      ...input,
      route,
      weights: { 'reviews-v1': 0, 'reviews-v2': 1 },
    });
    expect(out.spec.rules?.[0].backendRefs).toEqual([to('reviews-v1', 0), to('reviews-v2', 1)]);
  });

  it('appends a catch-all rule when there is none, leaving the match rules as they were', () => {
    const route = http([jason]);
    const out = editGatewaySplit({ ...input, route, weights: { 'reviews-v1': 1 } });
    expect(out.spec.rules).toEqual([jason, { backendRefs: [to('reviews-v1', 1)] }]);
    expectValid(out);
  });

  it('gives new backends the sibling’s port when the Service port is not known', () => {
    const route = http([{ backendRefs: [{ name: 'reviews-v1', port: 8080 }] }]);
    const out = editGatewaySplit({
      ...input,
      port: undefined,
      route,
      weights: { 'reviews-v1': 1, 'reviews-v2': 1 },
    });
    expect(out.spec.rules?.[0].backendRefs?.[1]).toEqual({
      name: 'reviews-v2',
      port: 8080,
      weight: 1,
    });
  });

  it('refuses a default rule that redirects, with the filter’s path', () => {
    const route = http([
      { filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: 'example.com' } }] },
    ]);
    let error: unknown;
    try {
      editGatewaySplit({ ...input, route, weights: { 'reviews-v1': 1 } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GatewayRouteEditError);
    expect(error).toBeInstanceOf(RoutingEditError);
    expect((error as GatewayRouteEditError).issue).toEqual({
      path: ['spec', 'rules', 0, 'filters', 0],
      code: 'gateway.split.rule-redirects',
      severity: 'error',
      object: 'HTTPRoute',
    });
  });

  it('rewrites a URLRewrite default rule: rewriting and forwarding go together', () => {
    const route = http([
      {
        filters: [{ type: 'URLRewrite', urlRewrite: { hostname: 'reviews' } }],
        backendRefs: [to('reviews')],
      },
    ]);
    const out = editGatewaySplit({ ...input, route, weights: { 'reviews-v1': 1 } });
    expect(out.spec.rules?.[0]).toEqual({
      ...route.spec.rules?.[0],
      backendRefs: [to('reviews-v1', 1)],
    });
  });
});

describe('removeGatewaySplit', () => {
  it('has nothing to remove without a route, a default rule or a split in it', () => {
    expect(removeGatewaySplit(undefined, 'reviews')).toEqual({ kind: 'none' });
    expect(removeGatewaySplit(http([jason]), 'reviews')).toEqual({ kind: 'none' });
    expect(removeGatewaySplit(http([{ backendRefs: [to('reviews')] }]), 'reviews')).toEqual({
      kind: 'none',
    });
    expect(
      removeGatewaySplit(
        http([{ filters: [{ type: 'RequestRedirect', requestRedirect: { port: 8080 } }] }]),
        'reviews',
      ),
    ).toEqual({ kind: 'none' });
  });

  it('deletes the route when the split was all it held', () => {
    const route = http([{ backendRefs: [to('reviews-v1', 90), to('reviews-v2', 10)] }]);
    expect(removeGatewaySplit(route, 'reviews')).toEqual({ kind: 'delete' });
  });

  it('sends the default rule to the whole Service when match rules remain', () => {
    const route = http([jason, { backendRefs: [to('reviews-v1', 90), to('reviews-v2', 10)] }]);
    const before = clone(route);
    const out = removeGatewaySplit(route, 'reviews');
    expect(route).toEqual(before);
    expect(out).toEqual({
      kind: 'update',
      route: {
        ...before,
        spec: { ...before.spec, rules: [jason, { backendRefs: [to('reviews')] }] },
      },
    });
    if (out.kind === 'update') expectValid(out.route);
  });

  it('keeps the rule’s own settings, other backends’ shares and other parents', () => {
    const other = {
      group: 'multicluster.x-k8s.io',
      kind: 'ServiceImport',
      name: 'remote',
      port: 9080,
      weight: 2,
    };
    const route = http([
      { timeouts: { request: '5s' }, backendRefs: [to('reviews-v1', 3), other, to('reviews-v2')] },
    ]);
    const out = removeGatewaySplit(route, 'reviews');
    expect(out.kind === 'update' && out.route.spec.rules).toEqual([
      { timeouts: { request: '5s' }, backendRefs: [to('reviews', 4), other] },
    ]);
    const gw = http([{ backendRefs: [to('reviews-v1', 1), to('reviews-v2', 1)] }], {
      parentRefs: [parent, { name: 'ingress', sectionName: 'http' }],
    });
    const kept = removeGatewaySplit(gw, 'reviews');
    expect(kept.kind === 'update' && kept.route.spec.rules).toEqual([
      { backendRefs: [to('reviews')] },
    ]);
  });

  it('shrinks every weight alike when the Service’s combined weight would pass the maximum', () => {
    const other = {
      group: 'multicluster.x-k8s.io',
      kind: 'ServiceImport',
      name: 'remote',
      port: 9080,
    };
    const route = http([
      {
        backendRefs: [
          to('reviews-v1', 1000000),
          to('reviews-v2', 1000000),
          { ...other, weight: 1000000 },
        ],
      },
    ]);
    const out = removeGatewaySplit(route, 'reviews');
    expect(out.kind === 'update' && out.route.spec.rules?.[0].backendRefs).toEqual([
      to('reviews', 1000000),
      { ...other, weight: 500000 },
    ]);
    if (out.kind === 'update') expectValid(out.route);
  });

  it('undoes what editGatewaySplit wrote onto a route with match rules', () => {
    const route = http([jason, { backendRefs: [to('reviews')] }]);
    const split = editGatewaySplit({
      route,
      kind: 'HTTPRoute',
      service: 'reviews',
      namespace: NS,
      port: 9080,
      weights: { 'reviews-v1': 50, 'reviews-v2': 50 },
    });
    expect(removeGatewaySplit(split, 'reviews')).toEqual({ kind: 'update', route });
  });
});

describe('editGatewayTimeout', () => {
  const route = http([
    jason,
    { timeouts: { request: '10s', backendRequest: '2s' }, backendRefs: [to('reviews')] },
  ]);

  it('sets, keeps and removes the rule’s timeouts', () => {
    const before = clone(route);
    const set = editGatewayTimeout(route, 0, { request: '3s' });
    expect(route).toEqual(before);
    expect(set.spec.rules?.[0]).toEqual({ ...jason, timeouts: { request: '3s' } });
    expectValid(set);
    const changed = editGatewayTimeout(route, 1, { backendRequest: '1s' });
    expect(changed.spec.rules?.[1].timeouts).toEqual({ request: '10s', backendRequest: '1s' });
    const removed = editGatewayTimeout(route, 1, { request: null, backendRequest: undefined });
    expect(removed.spec.rules?.[1]).toEqual({ backendRefs: [to('reviews')] });
  });

  it('refuses a rule that is gone and a GRPCRoute, which has no timeouts', () => {
    expect(() => editGatewayTimeout(route, 5, { request: '1s' })).toThrow('gateway.rule.gone');
    expect(() => editGatewayTimeout(route, -1, { request: '1s' })).toThrow('gateway.rule.gone');
    expect(() => editGatewayTimeout(grpc([{}]), 0, { request: '1s' })).toThrow(
      GatewayRouteEditError,
    );
  });
});

describe('describeGatewayRouting', () => {
  it('says nothing is routed without a route or rules', () => {
    expect(describeGatewayRouting(undefined, 'reviews')).toEqual({
      service: 'reviews',
      parts: [{ kind: 'noRouting' }],
    });
  });

  it('gives shares of the weights (1 when unset), matches, timeouts, mirrors and redirects', () => {
    const route = http([
      {
        name: 'jason',
        matches: [
          {
            path: { type: 'PathPrefix', value: '/api' },
            method: 'GET',
            headers: [{ name: 'end-user', value: 'jason' }],
            queryParams: [{ name: 'v', type: 'RegularExpression', value: '[0-9]+' }],
          },
          { path: { type: 'Exact', value: '/x' } },
        ],
        backendRefs: [to('reviews-v2')],
      },
      {
        matches: [{ path: { type: 'Exact', value: '/old' } }],
        filters: [
          {
            type: 'RequestRedirect',
            requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/new' } },
          },
        ],
      },
      {
        timeouts: { request: '5s' },
        filters: [
          {
            type: 'RequestMirror',
            requestMirror: { backendRef: { name: 'shadow', port: 80 }, percent: 10 },
          },
        ],
        backendRefs: [to('reviews-v1', 3), to('reviews-v3')],
      },
    ]);
    expect(describeGatewayRouting(route, 'reviews')).toEqual({
      service: 'reviews',
      parts: [
        {
          kind: 'match',
          rule: 'jason',
          conditions: [
            [
              { field: 'uri', op: 'prefix', value: '/api' },
              { field: 'method', op: 'exact', value: 'GET' },
              { field: 'header', name: 'end-user', op: 'exact', value: 'jason' },
              { field: 'query', name: 'v', op: 'regex', value: '[0-9]+' },
            ],
            [{ field: 'uri', op: 'exact', value: '/x' }],
          ],
          parts: [{ host: 'reviews-v2', weight: 100 }],
        },
        { kind: 'other', action: 'redirect' },
        {
          kind: 'split',
          parts: [
            { host: 'reviews-v1', weight: 75 },
            { host: 'reviews-v3', weight: 25 },
          ],
        },
        { kind: 'timeout', timeout: '5s' },
        { kind: 'mirror', host: 'shadow', percent: 10 },
      ],
    });
  });

  it('reads gRPC method matches as the paths they select', () => {
    const route = grpc([
      {
        matches: [
          { method: { service: 'pkg.Reviews', method: 'Get' } },
          { method: { service: 'pkg.Reviews' } },
          { method: { method: 'Get' }, headers: [{ name: 'x-a', value: '1' }] },
          { method: { type: 'RegularExpression', service: 'pkg\\..*' } },
        ],
        backendRefs: [to('reviews-v2', 0), to('reviews-v1', 0)],
      },
    ]);
    expect(describeGatewayRouting(route, 'reviews').parts).toEqual([
      {
        kind: 'match',
        conditions: [
          [{ field: 'uri', op: 'exact', value: '/pkg.Reviews/Get' }],
          [{ field: 'uri', op: 'prefix', value: '/pkg.Reviews/' }],
          [
            { field: 'uri', op: 'regex', value: '/[^/]+/Get' },
            { field: 'header', name: 'x-a', op: 'exact', value: '1' },
          ],
          [{ field: 'uri', op: 'regex', value: '/pkg\\..*/[^/]+' }],
        ],
        parts: [
          { host: 'reviews-v2', weight: 0 },
          { host: 'reviews-v1', weight: 0 },
        ],
      },
    ]);
  });
});

describe('routeKindFor', () => {
  const svc = (ports: Service['spec']) =>
    ({ metadata: { name: 'reviews' }, spec: ports }) as Service;
  it('is GRPCRoute for a gRPC port when GRPCRoute is served, HTTPRoute otherwise', () => {
    expect(routeKindFor(svc({ ports: [{ name: 'grpc', port: 50051 }] }))).toBe('GRPCRoute');
    expect(routeKindFor(svc({ ports: [{ name: 'grpc-api', port: 50051 }] }))).toBe('GRPCRoute');
    expect(routeKindFor(svc({ ports: [{ name: 'http', appProtocol: 'grpc', port: 1 }] }))).toBe(
      'GRPCRoute',
    );
    expect(routeKindFor(svc({ ports: [{ name: 'grpc', appProtocol: 'http', port: 1 }] }))).toBe(
      'HTTPRoute',
    );
    expect(routeKindFor(svc({ ports: [{ name: 'grpc', port: 50051 }] }), false)).toBe('HTTPRoute');
    expect(
      routeKindFor(
        svc({
          ports: [
            { name: 'http', port: 80 },
            { name: 'grpc', port: 90 },
          ],
        }),
        true,
        90,
      ),
    ).toBe('GRPCRoute');
    expect(routeKindFor(svc({ ports: [{ name: 'grpcish', port: 80 }] }))).toBe('HTTPRoute');
    expect(routeKindFor(undefined)).toBe('HTTPRoute');
  });
});
