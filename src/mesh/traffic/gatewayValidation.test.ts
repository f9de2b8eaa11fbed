import type { HTTPRouteRule, Service } from '../../models';
import { validateGatewayApiObject } from '../../testing/gatewayApiSchemas';
import type { GatewayRoute } from './gatewayRoutes';
import { crossCheckGatewayRoute, validateGatewayRoute } from './gatewayValidation';

const NS = 'bookinfo';
const parent = { group: '', kind: 'Service', name: 'reviews', port: 9080 };

/** A route from hand-written (possibly wrong) YAML: the types do not hold it back. */
const route = (spec: Record<string, unknown>, kind = 'HTTPRoute'): GatewayRoute =>
  ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind,
    metadata: { name: 'reviews', namespace: NS },
    spec: { parentRefs: [parent], ...spec },
  }) as unknown as GatewayRoute;

const rules = (...r: unknown[]) => route({ rules: r });
const codes = (r: GatewayRoute) => validateGatewayRoute(r).map((i) => i.code);
const at = (r: GatewayRoute, code: string) =>
  validateGatewayRoute(r).filter((i) => i.code === code);

const backend = (name: string, weight?: number) => ({
  name,
  port: 9080,
  ...(weight !== undefined ? { weight } : {}),
});

describe('validateGatewayRoute', () => {
  it('accepts a well-formed mesh route with matches, filters and timeouts', () => {
    const ok = rules(
      {
        name: 'jason',
        matches: [
          {
            path: { type: 'PathPrefix', value: '/api/v1' },
            method: 'GET',
            headers: [{ name: 'end-user', value: 'jason' }],
            queryParams: [{ name: 'debug', type: 'RegularExpression', value: '^(1|true)$' }],
          },
        ],
        filters: [
          {
            type: 'URLRewrite',
            urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v1' } },
          },
          {
            type: 'RequestHeaderModifier',
            requestHeaderModifier: { set: [{ name: 'x-a', value: '1' }], remove: ['x-b'] },
          },
          {
            type: 'RequestMirror',
            requestMirror: {
              backendRef: backend('shadow'),
              fraction: { numerator: 1, denominator: 10 },
            },
          },
        ],
        backendRefs: [backend('reviews-v2')],
        timeouts: { request: '10s', backendRequest: '2s' },
      },
      {
        backendRefs: [backend('reviews-v1', 90), backend('reviews-v3', 10)],
        timeouts: { request: '0s', backendRequest: '1m' },
      },
    );
    expect(validateGatewayRoute(ok)).toEqual([]);
    expect(() => validateGatewayApiObject(ok)).not.toThrow();
  });

  it('checks the route name and its parents', () => {
    const r = route({
      parentRefs: [
        { kind: 'Service', name: 'reviews' },
        parent,
        { ...parent, port: 9090 },
        { group: 'Bad_Group', kind: 'Gateway', name: '' },
        { name: 'gw', sectionName: 'http' },
        { name: 'gw', sectionName: 'http' },
      ],
      rules: [{}],
    });
    expect(validateGatewayRoute({ ...r, metadata: { name: 'Reviews' } })).toContainEqual({
      path: ['metadata', 'name'],
      code: 'gateway.name.invalid',
      params: { name: 'Reviews' },
      severity: 'error',
    });
    expect(validateGatewayRoute(r)).toEqual([
      {
        path: ['spec', 'parentRefs', 0, 'group'],
        code: 'gateway.parent.service-group',
        params: { name: 'reviews' },
        severity: 'warning',
      },
      // Two ports of one Service are one parent to the CEL rule: sectionName tells them apart.
      {
        path: ['spec', 'parentRefs', 2],
        code: 'gateway.parent.duplicate',
        params: { name: 'reviews' },
        severity: 'error',
      },
      {
        path: ['spec', 'parentRefs', 3, 'group'],
        code: 'gateway.ref.group-invalid',
        params: { group: 'Bad_Group' },
        severity: 'error',
      },
      {
        path: ['spec', 'parentRefs', 3, 'name'],
        code: 'gateway.ref.name-missing',
        severity: 'error',
      },
      {
        path: ['spec', 'parentRefs', 5],
        code: 'gateway.parent.duplicate',
        params: { name: 'gw' },
        severity: 'error',
      },
    ]);
    const mixed = route({ parentRefs: [{ name: 'gw' }, { name: 'gw', sectionName: 'https' }] });
    expect(codes(mixed)).toEqual(['gateway.parent.section-mixed']);
    expect(
      codes(route({ parentRefs: Array.from({ length: 33 }, (_, i) => ({ name: `g${i}` })) })),
    ).toEqual(['gateway.parents.too-many']);
    expect(codes(route({ parentRefs: [{ name: 'gw', port: 0 }] }))).toEqual([
      'gateway.port.invalid',
    ]);
    expect(codes(route({ hostnames: ['*.example.com', 'Example.com'] }))).toEqual([
      'gateway.hostname.invalid',
    ]);
  });

  it('checks rule counts, names and the matches across all rules', () => {
    expect(codes(route({ rules: [] }))).toEqual(['gateway.rules.empty']);
    // A GRPCRoute may have no rules.
    expect(codes(route({ rules: [] }, 'GRPCRoute'))).toEqual([]);
    expect(codes(route({ rules: Array.from({ length: 17 }, () => ({})) }))).toContain(
      'gateway.rules.too-many',
    );
    const matches = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ path: { type: 'Exact', value: `/${i}` } }));
    expect(codes(rules({ matches: matches(65) }))).toEqual(['gateway.matches.too-many']);
    expect(
      at(rules({ matches: matches(64) }, { matches: matches(64) }, {}), 'gateway.matches.total'),
    ).toEqual([
      {
        path: ['spec', 'rules'],
        code: 'gateway.matches.total',
        params: { max: 128, total: 129 },
        severity: 'error',
      },
    ]);
    expect(validateGatewayRoute(rules({ name: 'a' }, { name: 'Bad' }, { name: 'a' }))).toEqual([
      {
        path: ['spec', 'rules', 1, 'name'],
        code: 'gateway.rule.name-invalid',
        params: { name: 'Bad' },
        severity: 'error',
      },
      {
        path: ['spec', 'rules', 2, 'name'],
        code: 'gateway.rule.name-duplicate',
        params: { name: 'a' },
        severity: 'error',
      },
    ]);
  });

  it('checks paths as the CEL rules do for Exact and PathPrefix, and RE2 for regular expressions', () => {
    const path = (type: string, value: string) => rules({ matches: [{ path: { type, value } }] });
    expect(codes(path('PathPrefix', 'api'))).toEqual(['gateway.path.not-absolute']);
    for (const bad of ['/a//b', '/a/./b', '/a/../b', '/a%2fb', '/a%2Fb', '/a#b', '/a/..', '/a/.']) {
      expect(codes(path('Exact', bad))).toEqual(['gateway.path.forbidden']);
    }
    expect(at(path('Exact', '/a/.'), 'gateway.path.forbidden')[0]).toEqual({
      path: ['spec', 'rules', 0, 'matches', 0, 'path', 'value'],
      code: 'gateway.path.forbidden',
      params: { text: '/.' },
      severity: 'error',
    });
    expect(codes(path('PathPrefix', '/a b'))).toEqual(['gateway.path.characters']);
    expect(codes(path('PathPrefix', '/caf%C3%A9'))).toEqual([]);
    expect(codes(path('Glob', '/a'))).toEqual(['gateway.path.type-unknown']);
    expect(codes(path('RegularExpression', '/a(?=b)'))).toEqual(['regex.lookaround']);
    expect(codes(path('RegularExpression', 'no/slash/needed.*'))).toEqual([]);
    expect(codes(path('PathPrefix', `/${'a'.repeat(1024)}`))).toEqual(['gateway.path.too-long']);
  });

  it('checks header and query matches: names, one per name, values, types', () => {
    const r = rules({
      matches: [
        {
          method: 'FETCH',
          headers: [
            { name: 'x-user', value: 'a' },
            { name: 'X-User', value: 'b' },
            { name: 'bad name', value: 'c' },
            { name: 'x-e', value: '' },
            { name: 'x-t', type: 'Prefix', value: 'd' },
            { name: 'x-r', type: 'RegularExpression', value: '(a' },
          ],
          queryParams: [
            { name: 'q', value: 'a' },
            { name: 'Q', value: 'b' },
            { name: 'q', value: 'c' },
          ],
        },
      ],
    });
    const m = ['spec', 'rules', 0, 'matches', 0];
    expect(validateGatewayRoute(r)).toEqual([
      {
        path: [...m, 'method'],
        code: 'gateway.match.method',
        params: { method: 'FETCH' },
        severity: 'error',
      },
      // Header names are case-insensitive, query parameter names are not.
      {
        path: [...m, 'headers', 1, 'name'],
        code: 'gateway.header.duplicate',
        params: { name: 'X-User' },
        severity: 'error',
      },
      {
        path: [...m, 'headers', 2, 'name'],
        code: 'gateway.header.name-invalid',
        params: { name: 'bad name' },
        severity: 'error',
      },
      { path: [...m, 'headers', 3, 'value'], code: 'gateway.match.value-empty', severity: 'error' },
      {
        path: [...m, 'headers', 4, 'type'],
        code: 'gateway.match.type-unknown',
        params: { type: 'Prefix' },
        severity: 'error',
      },
      { path: [...m, 'headers', 5, 'value'], code: 'regex.unbalanced-open', severity: 'error' },
      {
        path: [...m, 'queryParams', 2, 'name'],
        code: 'gateway.query.duplicate',
        params: { name: 'q' },
        severity: 'error',
      },
    ]);
  });

  it('checks gRPC method matches', () => {
    const g = (method: unknown) => route({ rules: [{ matches: [{ method }] }] }, 'GRPCRoute');
    expect(codes(g({ service: 'pkg.Reviews', method: 'Get' }))).toEqual([]);
    expect(codes(g({ service: '.pkg.v1.Reviews' }))).toEqual([]);
    expect(codes(g({ type: 'Exact' }))).toEqual(['gateway.grpc.method-empty']);
    expect(codes(g({ service: 'pkg/Reviews' }))).toEqual(['gateway.grpc.service-invalid']);
    expect(codes(g({ method: 'Get-All' }))).toEqual(['gateway.grpc.method-invalid']);
    expect(codes(g({ type: 'RegularExpression', method: 'Get.*' }))).toEqual([]);
    expect(codes(g({ type: 'RegularExpression', method: 'Get(?!x)' }))).toEqual([
      'regex.lookaround',
    ]);
  });

  it('checks backendRefs: port for Services, integer weights within bounds, all-zero', () => {
    const r = rules({
      backendRefs: [
        { name: 'reviews-v1' },
        { name: 'reviews-v2', port: 9080, weight: 2.5 },
        { name: 'reviews-v3', port: 9080, weight: 1000001 },
        { group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'remote' },
      ],
    });
    const b = ['spec', 'rules', 0, 'backendRefs'];
    expect(validateGatewayRoute(r)).toEqual([
      {
        path: [...b, 0, 'port'],
        code: 'gateway.backend.port-required',
        params: { name: 'reviews-v1' },
        severity: 'error',
      },
      { path: [...b, 1, 'weight'], code: 'gateway.weight.not-whole', severity: 'error' },
      {
        path: [...b, 2, 'weight'],
        code: 'gateway.weight.range',
        params: { max: 1000000 },
        severity: 'error',
      },
    ]);
    expect(
      validateGatewayRoute(rules({ backendRefs: [backend('a', 0), backend('b', 0)] })),
    ).toEqual([{ path: b, code: 'gateway.weight.all-zero', severity: 'warning' }]);
    expect(
      codes(rules({ backendRefs: Array.from({ length: 17 }, (_, i) => backend(`b${i}`)) })),
    ).toEqual(['gateway.backends.too-many']);
  });

  it('checks filters: type and settings go together, some once, redirect without backends', () => {
    const f = ['spec', 'rules', 0, 'filters'];
    expect(
      validateGatewayRoute(
        rules({
          filters: [
            { type: 'RequestHeaderModifier' },
            { type: 'RequestHeaderModifier', requestHeaderModifier: {}, urlRewrite: {} },
            { type: 'Teleport' },
          ],
        }),
      ),
    ).toEqual([
      {
        path: [...f, 0, 'requestHeaderModifier'],
        code: 'gateway.filter.config-missing',
        params: { type: 'RequestHeaderModifier', field: 'requestHeaderModifier' },
        severity: 'error',
      },
      {
        path: [...f, 1, 'type'],
        code: 'gateway.filter.repeated',
        params: { type: 'RequestHeaderModifier' },
        severity: 'error',
      },
      {
        path: [...f, 1, 'urlRewrite'],
        code: 'gateway.filter.config-unexpected',
        params: { type: 'RequestHeaderModifier', field: 'urlRewrite' },
        severity: 'error',
      },
      {
        path: [...f, 2, 'type'],
        code: 'gateway.filter.type-unknown',
        params: { type: 'Teleport' },
        severity: 'error',
      },
    ]);
    const redirect = {
      type: 'RequestRedirect',
      requestRedirect: { scheme: 'https', statusCode: 301 },
    };
    expect(codes(rules({ filters: [redirect] }))).toEqual([]);
    expect(
      at(
        rules({ filters: [redirect], backendRefs: [backend('a')] }),
        'gateway.rule.redirect-with-backends',
      ),
    ).toEqual([
      { path: [...f, 0], code: 'gateway.rule.redirect-with-backends', severity: 'error' },
    ]);
    expect(
      codes(
        rules({
          filters: [redirect, { type: 'URLRewrite', urlRewrite: { hostname: 'a' } }],
          backendRefs: [],
        }),
      ),
    ).toEqual(['gateway.filter.redirect-and-rewrite']);
    expect(
      codes(
        rules({
          filters: [
            { type: 'RequestRedirect', requestRedirect: { scheme: 'ftp', statusCode: 200 } },
          ],
        }),
      ),
    ).toEqual(['gateway.redirect.scheme', 'gateway.redirect.status']);
    // GRPCRoute takes only header modifiers, mirrors and extensions.
    expect(codes(route({ rules: [{ filters: [redirect] }] }, 'GRPCRoute'))).toEqual([
      'gateway.filter.type-unknown',
    ]);
  });

  it('checks path changes and the single PathPrefix match they need', () => {
    const rewrite = (path: unknown, matches?: unknown[]) =>
      rules({
        ...(matches ? { matches } : {}),
        filters: [{ type: 'URLRewrite', urlRewrite: { path } }],
        backendRefs: [backend('a')],
      });
    expect(codes(rewrite({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/' }))).toEqual([]);
    expect(
      codes(
        rewrite({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/' }, [
          { path: { type: 'Exact', value: '/a' } },
        ]),
      ),
    ).toEqual(['gateway.rule.replace-prefix-match']);
    expect(
      codes(
        rewrite({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/' }, [
          { path: { value: '/a' } },
          { path: { value: '/b' } },
        ]),
      ),
    ).toEqual(['gateway.rule.replace-prefix-match']);
    expect(codes(rewrite({ type: 'ReplaceFullPath', replacePrefixMatch: '/' }))).toEqual([
      'gateway.path-modifier.mismatch',
    ]);
    expect(codes(rewrite({ type: 'Swap' }))).toEqual(['gateway.path-modifier.type']);
    // In a backendRef's filters too.
    const inBackend = rules({
      matches: [{ path: { type: 'Exact', value: '/a' } }],
      backendRefs: [
        {
          ...backend('a'),
          filters: [
            {
              type: 'URLRewrite',
              urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } },
            },
          ],
        },
      ],
    });
    expect(codes(inBackend)).toEqual(['gateway.rule.replace-prefix-match']);
  });

  it('checks header modifiers and mirrors', () => {
    const mod = {
      set: [
        { name: 'x-a', value: '1' },
        { name: 'X-A', value: '2' },
      ],
      add: [{ name: 'bad name', value: '' }],
      remove: ['x-b', 'x-b'],
    };
    expect(
      codes(rules({ filters: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: mod }] })),
    ).toEqual([
      'gateway.header.duplicate',
      'gateway.header.name-invalid',
      'gateway.match.value-empty',
      'gateway.header.duplicate',
    ]);
    const mirror = (m: unknown) =>
      rules({ filters: [{ type: 'RequestMirror', requestMirror: m }] });
    expect(codes(mirror({ backendRef: { name: 'shadow' } }))).toEqual([
      'gateway.backend.port-required',
    ]);
    expect(
      codes(mirror({ backendRef: backend('s'), percent: 5, fraction: { numerator: 1 } })),
    ).toEqual(['gateway.mirror.percent-and-fraction']);
    expect(codes(mirror({ backendRef: backend('s'), percent: 101 }))).toEqual([
      'gateway.mirror.percent',
    ]);
    expect(
      codes(mirror({ backendRef: backend('s'), fraction: { numerator: 3, denominator: 2 } })),
    ).toEqual(['gateway.mirror.fraction']);
  });

  it('checks timeouts: the Gateway API duration format, backendRequest within request', () => {
    const t = (timeouts: unknown) => rules({ timeouts });
    expect(codes(t({ request: '1h30m', backendRequest: '500ms' }))).toEqual([]);
    // Valid Go durations the CRD pattern refuses.
    expect(codes(t({ request: '1.5s' }))).toEqual(['gateway.timeout.format']);
    expect(codes(t({ request: '100us' }))).toEqual(['gateway.timeout.format']);
    expect(codes(t({ request: '123456s' }))).toEqual(['gateway.timeout.format']);
    expect(validateGatewayRoute(t({ request: '1s', backendRequest: '2s' }))).toEqual([
      {
        path: ['spec', 'rules', 0, 'timeouts', 'backendRequest'],
        code: 'gateway.timeout.backend-longer',
        severity: 'error',
      },
    ]);
    // 0s turns the request timeout off.
    expect(codes(t({ request: '0s', backendRequest: '2s' }))).toEqual([]);
  });
});

describe('crossCheckGatewayRoute', () => {
  const svc = (name: string, ports = [9080], namespace = NS): Service => ({
    metadata: { name, namespace },
    spec: { selector: { app: name }, ports: ports.map((port) => ({ port })) },
  });
  const services = [
    svc('reviews'),
    svc('reviews-v1'),
    svc('reviews-v2', [8080]),
    svc('reviews-v3', [9080], 'other'),
  ];

  it('finds the parent and backend Services and their ports, as Kiali’s KIA1401/KIA1402 do', () => {
    const r = route({
      parentRefs: [
        parent,
        { group: '', kind: 'Service', name: 'ratings' },
        { name: 'gw' },
        { ...parent, port: 1 },
      ],
      rules: [
        {
          filters: [{ type: 'RequestMirror', requestMirror: { backendRef: backend('shadow') } }],
          backendRefs: [
            backend('reviews-v1'),
            backend('reviews-v2'),
            backend('reviews-v3'),
            { ...backend('reviews-v3'), namespace: 'other' },
            { group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'x', port: 1 },
          ],
        },
      ],
    });
    expect(crossCheckGatewayRoute(r, services)).toEqual([
      {
        path: ['spec', 'parentRefs', 1, 'name'],
        code: 'gateway.parent.service-missing',
        params: { name: 'ratings' },
        severity: 'error',
      },
      {
        path: ['spec', 'parentRefs', 3, 'port'],
        code: 'gateway.parent.port-missing',
        params: { name: 'reviews', port: 1 },
        severity: 'error',
      },
      {
        path: ['spec', 'rules', 0, 'backendRefs', 1, 'port'],
        code: 'gateway.backend.port-missing',
        params: { name: 'reviews-v2', port: 9080 },
        severity: 'error',
      },
      // Another namespace's Service of the same name does not count.
      {
        path: ['spec', 'rules', 0, 'backendRefs', 2, 'name'],
        code: 'gateway.backend.service-missing',
        params: { name: 'reviews-v3' },
        severity: 'error',
      },
      {
        path: ['spec', 'rules', 0, 'filters', 0, 'requestMirror', 'backendRef', 'name'],
        code: 'gateway.backend.service-missing',
        params: { name: 'shadow' },
        severity: 'error',
      },
    ]);
    expect(
      crossCheckGatewayRoute(
        rules({ backendRefs: [backend('reviews-v1')] } as HTTPRouteRule),
        services,
      ),
    ).toEqual([]);
  });
});
