import type { K8sResourceCommon } from '../../models';
import {
  ROOT,
  authorizationPolicy,
  bookinfo,
  deployment,
  peerAuthentication,
  pod,
  requestAuthentication,
  service,
  sidecar,
} from '../../testing/meshConfigFixtures';
import type { Issue } from '../issues';
import { indexMeshConfig } from './meshConfigIndex';
import type { MeshConfigInput } from './meshConfigIndex';
import {
  isMethodPattern,
  portProtocolOf,
  requiresToken,
  validateObject,
} from './validateMeshConfig';

const codes = (issues: Issue[]) => issues.map((i) => [i.code, i.path]);

/** Validates `obj` in a cluster built from `input` (which should already hold it). */
const check = (obj: K8sResourceCommon, input: MeshConfigInput): Issue[] =>
  validateObject(obj, indexMeshConfig(input));

const withPolicies = (p: Partial<MeshConfigInput>): MeshConfigInput => ({ ...bookinfo(), ...p });

const app = (name: string) => ({ selector: { matchLabels: { app: name } } });

describe('selector matches no workload (KIA0004)', () => {
  it.each([
    [
      'PeerAuthentication',
      peerAuthentication('p', 'bookinfo', { ...app('details') }),
      'peerAuthentications',
    ],
    [
      'RequestAuthentication',
      requestAuthentication('p', 'bookinfo', { ...app('details') }),
      'requestAuthentications',
    ],
    [
      'AuthorizationPolicy',
      authorizationPolicy('p', 'bookinfo', { ...app('details') }),
      'authorizationPolicies',
    ],
  ] as const)('warns about a %s selecting nothing', (_kind, obj, list) => {
    expect(check(obj, withPolicies({ [list]: [obj] }))).toEqual([
      {
        path: ['spec', 'selector', 'matchLabels'],
        code: 'config.selector.no-workload',
        params: { kia: 'KIA0004' },
        severity: 'warning',
      },
    ]);
  });

  it('reads a Sidecar selector from workloadSelector.labels', () => {
    const sc = sidecar('s', 'bookinfo', { workloadSelector: { labels: { app: 'details' } } });
    expect(codes(check(sc, withPolicies({ sidecars: [sc] })))).toEqual([
      ['config.selector.no-workload', ['spec', 'workloadSelector', 'labels']],
    ]);
    const ok = sidecar('s', 'bookinfo', { workloadSelector: { labels: { app: 'reviews' } } });
    expect(check(ok, withPolicies({ sidecars: [ok] }))).toEqual([]);
  });

  it('accepts a selector matching a workload, and looks only in the policy namespace', () => {
    const here = peerAuthentication('p', 'bookinfo', {
      ...app('reviews'),
      mtls: { mode: 'STRICT' },
    });
    expect(check(here, withPolicies({ peerAuthentications: [here] }))).toEqual([]);
    const there = peerAuthentication('p', 'other', { ...app('reviews'), mtls: { mode: 'STRICT' } });
    expect(codes(check(there, withPolicies({ peerAuthentications: [there] })))).toEqual([
      ['config.selector.no-workload', ['spec', 'selector', 'matchLabels']],
    ]);
  });

  it('matches a bare pod as a workload', () => {
    const p = authorizationPolicy('p', 'bookinfo', { selector: { matchLabels: { run: 'debug' } } });
    const input = withPolicies({
      authorizationPolicies: [p],
      pods: [pod('debug', 'bookinfo', { run: 'debug' })],
    });
    expect(check(p, input)).toEqual([]);
  });

  it('matches root-namespace AuthorizationPolicies against every namespace', () => {
    const p = authorizationPolicy('p', ROOT, { ...app('reviews') });
    expect(check(p, withPolicies({ authorizationPolicies: [p] }))).toEqual([]);
    // Unless only some namespaces were read: then it cannot know.
    const gone = authorizationPolicy('p', ROOT, { ...app('details') });
    expect(
      check(
        gone,
        withPolicies({ authorizationPolicies: [gone], readNamespaces: ['bookinfo', ROOT] }),
      ),
    ).toEqual([]);
  });

  it('says nothing without a selector, with targetRefs, or when workloads were not read', () => {
    const none = peerAuthentication('default', 'bookinfo', { mtls: { mode: 'STRICT' } });
    expect(check(none, withPolicies({ peerAuthentications: [none] }))).toEqual([]);
    const refs = authorizationPolicy('p', 'bookinfo', {
      targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }],
    });
    expect(check(refs, withPolicies({ authorizationPolicies: [refs] }))).toEqual([]);
    const p = authorizationPolicy('p', 'bookinfo', { ...app('details') });
    expect(
      check(
        p,
        withPolicies({ authorizationPolicies: [p], deployments: undefined, pods: undefined }),
      ),
    ).toEqual([]);
  });
});

describe('one selector-less object per namespace (KIA0002) and per workload (KIA0003)', () => {
  it('reports each of two selector-less PeerAuthentications in one namespace', () => {
    const a = peerAuthentication('a', 'bookinfo', { mtls: { mode: 'STRICT' } });
    const b = peerAuthentication('b', 'bookinfo', { selector: {}, mtls: { mode: 'PERMISSIVE' } });
    const index = indexMeshConfig(withPolicies({ peerAuthentications: [a, b] }));
    expect(validateObject(a, index)).toEqual([
      {
        path: [],
        code: 'config.selectorless.several',
        params: { other: 'b', count: 1, kia: 'KIA0002' },
        severity: 'error',
      },
    ]);
    expect(codes(validateObject(b, index))).toEqual([['config.selectorless.several', []]]);
  });

  it('accepts one per namespace, the root one included', () => {
    const mesh = peerAuthentication('default', ROOT, { mtls: { mode: 'STRICT' } });
    const ns = peerAuthentication('default', 'bookinfo', { mtls: { mode: 'PERMISSIVE' } });
    const index = indexMeshConfig(withPolicies({ peerAuthentications: [mesh, ns] }));
    expect(validateObject(mesh, index)).toEqual([]);
    expect(validateObject(ns, index)).toEqual([]);
  });

  it('applies to RequestAuthentication and Sidecar, not AuthorizationPolicy', () => {
    const ras = [
      requestAuthentication('a', 'bookinfo', {}),
      requestAuthentication('b', 'bookinfo', {}),
    ];
    const scs = [sidecar('a', 'bookinfo', {}), sidecar('b', 'bookinfo', {})];
    const aps = [
      authorizationPolicy('a', 'bookinfo', {}),
      authorizationPolicy('b', 'bookinfo', {}),
    ];
    const index = indexMeshConfig(
      withPolicies({ requestAuthentications: ras, sidecars: scs, authorizationPolicies: aps }),
    );
    expect(validateObject(ras[0], index).map((i) => i.code)).toContain(
      'config.selectorless.several',
    );
    expect(validateObject(scs[1], index).map((i) => i.code)).toEqual([
      'config.selectorless.several',
    ]);
    expect(validateObject(aps[0], index)).toEqual([]);
  });

  it('reports two PeerAuthentications whose selectors pick the same workload', () => {
    const a = peerAuthentication('a', 'bookinfo', { ...app('reviews'), mtls: { mode: 'STRICT' } });
    const b = peerAuthentication('b', 'bookinfo', {
      selector: { matchLabels: { version: 'v2' } },
      mtls: { mode: 'PERMISSIVE' },
    });
    const index = indexMeshConfig(withPolicies({ peerAuthentications: [a, b] }));
    expect(validateObject(a, index)).toEqual([
      {
        path: ['spec', 'selector', 'matchLabels'],
        code: 'config.selector.several',
        params: { other: 'b', workload: 'reviews-v2', kia: 'KIA0003' },
        severity: 'error',
      },
    ]);
    const c = peerAuthentication('c', 'bookinfo', { ...app('ratings'), mtls: { mode: 'STRICT' } });
    expect(check(c, withPolicies({ peerAuthentications: [a, c] }))).toEqual([]);
  });
});

describe('PeerAuthentication port-level mTLS', () => {
  const input = (portLevelMtls: Record<string, unknown>) => {
    const pa = peerAuthentication('reviews', 'bookinfo', {
      ...app('reviews'),
      mtls: { mode: 'STRICT' },
      portLevelMtls,
    });
    return {
      pa,
      input: withPolicies({
        peerAuthentications: [pa],
        services: [
          service('reviews', 'bookinfo', { app: 'reviews' }, [
            { name: 'http', port: 80, targetPort: 9080 },
            { name: 'http-admin', port: 81, targetPort: 'admin' },
          ]),
        ],
        deployments: [
          deployment(
            'reviews-v1',
            'bookinfo',
            { app: 'reviews', version: 'v1' },
            {
              ports: [{ containerPort: 9080 }, { containerPort: 9901, name: 'admin' }],
            },
          ),
        ],
        pods: [],
      }),
    };
  };

  it('accepts target ports, named target ports and declared container ports', () => {
    const { pa, input: i } = input({ '9080': { mode: 'PERMISSIVE' }, '9901': { mode: 'DISABLE' } });
    expect(check(pa, i)).toEqual([]);
  });

  it('says when a key is the Service port rather than the workload port', () => {
    const { pa, input: i } = input({ '80': { mode: 'PERMISSIVE' } });
    expect(check(pa, i)).toEqual([
      {
        path: ['spec', 'portLevelMtls', '80'],
        code: 'config.pa.port-is-service-port',
        params: { port: 80, targetPort: 9080 },
        severity: 'warning',
      },
    ]);
  });

  it('warns about a port nothing exposes', () => {
    const { pa, input: i } = input({ '7000': { mode: 'PERMISSIVE' } });
    expect(codes(check(pa, i))).toEqual([
      ['config.pa.port-not-found', ['spec', 'portLevelMtls', '7000']],
    ]);
  });

  it('says nothing when no workload is selected (KIA0004 covers it)', () => {
    const pa = peerAuthentication('x', 'bookinfo', {
      ...app('details'),
      mtls: { mode: 'STRICT' },
      portLevelMtls: { '7000': { mode: 'DISABLE' } },
    });
    expect(codes(check(pa, withPolicies({ peerAuthentications: [pa] })))).toEqual([
      ['config.selector.no-workload', ['spec', 'selector', 'matchLabels']],
    ]);
  });
});

describe('AuthorizationPolicy references', () => {
  const policy = (source: Record<string, unknown>, to?: Record<string, unknown>) =>
    authorizationPolicy('p', 'bookinfo', {
      ...app('reviews'),
      rules: [{ from: [{ source }], ...(to ? { to: [{ operation: to }] } : {}) }],
    });
  const run = (ap: K8sResourceCommon, extra: Partial<MeshConfigInput> = {}) =>
    check(ap, withPolicies({ authorizationPolicies: [ap as never], ...extra }));

  it('warns about a source namespace that does not exist (KIA0101)', () => {
    expect(
      run(policy({ namespaces: ['bookinfo', 'gone', 'team-*'], notNamespaces: ['nope'] })),
    ).toEqual([
      {
        path: ['spec', 'rules', 0, 'from', 0, 'source', 'namespaces', 1],
        code: 'config.ap.namespace-not-found',
        params: { namespace: 'gone', kia: 'KIA0101' },
        severity: 'warning',
      },
      {
        path: ['spec', 'rules', 0, 'from', 0, 'source', 'notNamespaces', 0],
        code: 'config.ap.namespace-not-found',
        params: { namespace: 'nope', kia: 'KIA0101' },
        severity: 'warning',
      },
    ]);
    expect(run(policy({ namespaces: ['gone'] }), { namespaces: undefined })).toEqual([]);
  });

  it('reports a principal whose service account does not exist (KIA0106)', () => {
    const ap = policy({
      principals: [
        'cluster.local/ns/bookinfo/sa/bookinfo-productpage',
        'cluster.local/ns/bookinfo/sa/ghost',
        'cluster.local/ns/gone/sa/default',
        'cluster.local/ns/bookinfo/sa/*',
        '*',
        'other-domain/ns/bookinfo/sa/ghost',
      ],
    });
    expect(run(ap)).toEqual([
      {
        path: ['spec', 'rules', 0, 'from', 0, 'source', 'principals', 1],
        code: 'config.ap.service-account-not-found',
        params: {
          value: 'cluster.local/ns/bookinfo/sa/ghost',
          namespace: 'bookinfo',
          serviceAccount: 'ghost',
          kia: 'KIA0106',
        },
        severity: 'error',
      },
      {
        path: ['spec', 'rules', 0, 'from', 0, 'source', 'principals', 2],
        code: 'config.ap.service-account-not-found',
        params: {
          value: 'cluster.local/ns/gone/sa/default',
          namespace: 'gone',
          serviceAccount: 'default',
          kia: 'KIA0106',
        },
        severity: 'error',
      },
    ]);
  });

  it('honours the trust domain and unread namespaces and service accounts', () => {
    const ap = policy({
      principals: ['corp.example/ns/bookinfo/sa/ghost', 'corp.example/ns/team-a/sa/x'],
    });
    expect(codes(run(ap, { trustDomain: 'corp.example', readNamespaces: ['bookinfo'] }))).toEqual([
      [
        'config.ap.service-account-not-found',
        ['spec', 'rules', 0, 'from', 0, 'source', 'principals', 0],
      ],
    ]);
    expect(
      run(policy({ principals: ['cluster.local/ns/bookinfo/sa/ghost'] }), {
        serviceAccounts: undefined,
      }),
    ).toEqual([]);
  });

  it('checks serviceAccounts (Istio 1.25+) in both spellings', () => {
    const ap = policy({ serviceAccounts: ['bookinfo-reviews', 'bookinfo/ghost', 'other/default'] });
    expect(codes(run(ap))).toEqual([
      [
        'config.ap.service-account-not-found',
        ['spec', 'rules', 0, 'from', 0, 'source', 'serviceAccounts', 1],
      ],
    ]);
  });

  it('warns about methods no HTTP request has (KIA0102)', () => {
    const ap = policy(
      {},
      { methods: ['GET', 'get', 'P*', '*CH', 'FETCH', '*'], notMethods: ['X*'] },
    );
    expect(codes(run(ap))).toEqual([
      ['config.ap.method-unknown', ['spec', 'rules', 0, 'to', 0, 'operation', 'methods', 1]],
      ['config.ap.method-unknown', ['spec', 'rules', 0, 'to', 0, 'operation', 'methods', 4]],
      ['config.ap.method-unknown', ['spec', 'rules', 0, 'to', 0, 'operation', 'notMethods', 0]],
    ]);
  });

  it.each([
    ['GET', true],
    ['PATCH', true],
    ['*', true],
    ['PO*', true],
    ['*ETE', true],
    ['get', false],
    ['Z*', false],
    ['*Z', false],
    ['*GET*', false],
    ['', false],
  ])('isMethodPattern(%s) is %s', (m, ok) => {
    expect(isMethodPattern(m)).toBe(ok);
  });
});

describe('RequestAuthentication without a policy requiring a token', () => {
  const ra = requestAuthentication('jwt', 'bookinfo', {
    ...app('reviews'),
    jwtRules: [{ issuer: 'https://issuer.example', jwksUri: 'https://issuer.example/jwks' }],
  });
  const requireJwt = (ns: string, selector?: Record<string, string>) =>
    authorizationPolicy('require-jwt', ns, {
      ...(selector ? { selector: { matchLabels: selector } } : {}),
      rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }],
    });

  it('warns when no AuthorizationPolicy on the workloads asks for a request principal', () => {
    expect(check(ra, withPolicies({ requestAuthentications: [ra] }))).toEqual([
      {
        path: [],
        code: 'config.ra.token-optional',
        params: { workload: 'reviews-v1', count: 3 },
        severity: 'warning',
      },
    ]);
  });

  it('counts only the workloads left open', () => {
    const input = withPolicies({
      requestAuthentications: [ra],
      authorizationPolicies: [requireJwt('bookinfo', { app: 'reviews', version: 'v1' })],
    });
    expect(check(ra, input)[0].params).toEqual({ workload: 'reviews-v2', count: 2 });
  });

  it('accepts a policy in the namespace, in the root namespace, or a request.auth condition', () => {
    for (const ap of [
      requireJwt('bookinfo'),
      requireJwt(ROOT),
      requireJwt('bookinfo', { app: 'reviews' }),
      authorizationPolicy('claims', 'bookinfo', {
        rules: [{ when: [{ key: 'request.auth.claims[group]', values: ['admin'] }] }],
      }),
      authorizationPolicy('deny-anon', 'bookinfo', {
        action: 'DENY',
        rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }] }],
      }),
    ]) {
      expect(
        check(ra, withPolicies({ requestAuthentications: [ra], authorizationPolicies: [ap] })),
      ).toEqual([]);
    }
  });

  it('treats a mesh-wide RequestAuthentication as covering every workload', () => {
    const mesh = requestAuthentication('jwt', ROOT, { jwtRules: [{ issuer: 'x' }] });
    const issues = check(
      mesh,
      withPolicies({
        requestAuthentications: [mesh],
        authorizationPolicies: [requireJwt('bookinfo')],
      }),
    );
    // bookinfo is covered; the ingress gateway in the root namespace is not.
    expect(issues[0].params).toEqual({ workload: 'istio-ingressgateway', count: 1 });
  });

  it('says nothing when AuthorizationPolicies were not read or nothing is selected', () => {
    expect(
      check(ra, withPolicies({ requestAuthentications: [ra], authorizationPolicies: undefined })),
    ).toEqual([]);
    const none = requestAuthentication('jwt', 'other', { jwtRules: [{ issuer: 'x' }] });
    expect(check(none, withPolicies({ requestAuthentications: [none] }))).toEqual([]);
  });

  it('knows which policies look at the token', () => {
    expect(requiresToken(requireJwt('bookinfo') as never)).toBe(true);
    expect(requiresToken(authorizationPolicy('a', 'bookinfo', { rules: [{}] }) as never)).toBe(
      false,
    );
    expect(
      requiresToken(
        authorizationPolicy('a', 'bookinfo', {
          action: 'CUSTOM',
          provider: { name: 'ext' },
          rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }],
        }) as never,
      ),
    ).toBe(false);
  });
});

describe('Service port naming (KIA0601, KIA0602)', () => {
  const svc = (ports: Parameters<typeof service>[3]) =>
    service('reviews', 'bookinfo', { app: 'reviews' }, ports);

  it('reports names and appProtocols that do not say the protocol, in the mesh', () => {
    const s = svc([
      { name: 'http', port: 80 },
      { name: 'grpc-web-x', port: 81 },
      { name: 'web', port: 82 },
      { name: 'http2foo', port: 83 },
      { port: 84 },
      { name: 'x', port: 85, appProtocol: 'HTTP' },
      { name: 'y', port: 86, appProtocol: 'kubernetes.io/h2c' },
      { name: 'z', port: 87, appProtocol: 'websocket' },
      { name: 'dns', port: 53, protocol: 'UDP' },
    ]);
    expect(check(s, withPolicies({ services: [s] }))).toEqual([
      {
        path: ['spec', 'ports', 2, 'name'],
        code: 'config.service.port-name',
        params: { name: 'web', port: 82, kia: 'KIA0601' },
        severity: 'error',
      },
      {
        path: ['spec', 'ports', 3, 'name'],
        code: 'config.service.port-name',
        params: { name: 'http2foo', port: 83, kia: 'KIA0601' },
        severity: 'error',
      },
      {
        path: ['spec', 'ports', 4, 'name'],
        code: 'config.service.port-name',
        params: { name: '', port: 84, kia: 'KIA0601' },
        severity: 'error',
      },
      {
        path: ['spec', 'ports', 7, 'appProtocol'],
        code: 'config.service.app-protocol',
        params: { appProtocol: 'websocket', kia: 'KIA0602' },
        severity: 'error',
      },
    ]);
  });

  it('checks only Services in the mesh', () => {
    const s = svc([{ name: 'web', port: 80 }]);
    // ratings has no pod with a proxy.
    const ratings = service('ratings', 'bookinfo', { app: 'ratings' }, [{ name: 'web', port: 80 }]);
    expect(check(ratings, withPolicies({ services: [s, ratings] }))).toEqual([]);
    expect(check(s, withPolicies({ services: [s], memberNamespaces: ['other'] }))).toEqual([]);
    expect(
      codes(check(ratings, withPolicies({ services: [ratings], memberNamespaces: ['bookinfo'] }))),
    ).toEqual([['config.service.port-name', ['spec', 'ports', 0, 'name']]]);
  });

  it.each([
    ['http', 'http'],
    ['http-web', 'http'],
    ['HTTP2-x', 'http2'],
    ['grpc-web', 'grpc-web'],
    ['grpc-web-ui', 'grpc-web'],
    ['tcp-db', 'tcp'],
    ['web', undefined],
    ['httpx', undefined],
  ])('portProtocolOf(%s) is %s', (name, protocol) => {
    expect(portProtocolOf(name)).toBe(protocol);
  });
});
