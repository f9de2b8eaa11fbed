import type { AuthorizationPolicy, Deployment } from '../../models';
import { validateIstioObject } from '../../testing/istioSchemas';
import {
  buildAllowOnlyPolicy,
  buildDenyAllPolicy,
  describePolicy,
  principalOf,
  serviceAccountOf,
  summarizePolicy,
  validateAuthorizationPolicy,
} from './authorization';
import type {
  AllowOnlyInput,
  OperationSummary,
  PolicyDescription,
  SourceDescription,
} from './authorization';

const input: AllowOnlyInput = {
  namespace: 'bookinfo',
  name: 'reviews-only-from-productpage',
  matchLabels: { app: 'reviews' },
  callers: { workloads: [{ namespace: 'bookinfo', serviceAccount: 'bookinfo-productpage' }] },
  methods: ['GET'],
  paths: ['/reviews/*'],
};

const ap = (spec: AuthorizationPolicy['spec']): AuthorizationPolicy => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name: 'p', namespace: 'bookinfo' },
  spec,
});

describe('principals', () => {
  it('builds the SPIFFE identity without its scheme, with a configurable trust domain', () => {
    expect(principalOf({ namespace: 'bookinfo', serviceAccount: 'sa' })).toBe(
      'cluster.local/ns/bookinfo/sa/sa',
    );
    expect(principalOf({ namespace: 'bookinfo', serviceAccount: 'sa' }, 'corp.example')).toBe(
      'corp.example/ns/bookinfo/sa/sa',
    );
  });

  it('reads the service account of a Deployment, defaulting to "default"', () => {
    const d: Deployment = {
      spec: { template: { spec: { containers: [], serviceAccountName: 'bookinfo-reviews' } } },
    };
    expect(serviceAccountOf(d)).toBe('bookinfo-reviews');
    expect(serviceAccountOf({ spec: { template: { spec: { containers: [] } } } })).toBe('default');
    expect(serviceAccountOf({ spec: { containers: [], serviceAccountName: 'pod-sa' } })).toBe(
      'pod-sa',
    );
  });
});

describe('buildAllowOnlyPolicy', () => {
  it.each(['v1', 'v1beta1'] as const)('writes the reference example at %s', (version) => {
    const obj = buildAllowOnlyPolicy(input, version);
    expect(obj).toEqual({
      apiVersion: `security.istio.io/${version}`,
      kind: 'AuthorizationPolicy',
      metadata: { name: 'reviews-only-from-productpage', namespace: 'bookinfo' },
      spec: {
        selector: { matchLabels: { app: 'reviews' } },
        action: 'ALLOW',
        rules: [
          {
            from: [
              { source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-productpage'] } },
            ],
            to: [{ operation: { methods: ['GET'], paths: ['/reviews/*'] } }],
          },
        ],
      },
    });
    expect(() => validateIstioObject(obj)).not.toThrow();
    expect(validateAuthorizationPolicy(obj)).toEqual([]);
  });

  it('ORs workload and namespace callers and ANDs the JWT requirement into each', () => {
    const obj = buildAllowOnlyPolicy(
      {
        ...input,
        callers: { ...input.callers, namespaces: ['frontend'] },
        methods: [],
        paths: undefined,
        requireJwt: true,
        trustDomain: 'td',
      },
      'v1',
    );
    expect(obj.spec?.rules).toEqual([
      {
        from: [
          {
            source: {
              principals: ['td/ns/bookinfo/sa/bookinfo-productpage'],
              requestPrincipals: ['*'],
            },
          },
          { source: { namespaces: ['frontend'], requestPrincipals: ['*'] } },
        ],
      },
    ]);
    expect(() => validateIstioObject(obj)).not.toThrow();
  });

  it('requires only a token when no callers are chosen but requireJwt is set', () => {
    const obj = buildAllowOnlyPolicy(
      { ...input, callers: {}, methods: undefined, paths: undefined, requireJwt: true },
      'v1beta1',
    );
    expect(obj.spec?.rules).toEqual([{ from: [{ source: { requestPrincipals: ['*'] } }] }]);
    expect(() => validateIstioObject(obj)).not.toThrow();
  });

  it('edits an existing policy, keeping the fields it does not own', () => {
    const existing: AuthorizationPolicy = {
      apiVersion: 'security.istio.io/v1beta1',
      kind: 'AuthorizationPolicy',
      metadata: {
        name: 'reviews',
        namespace: 'bookinfo',
        resourceVersion: '99',
        annotations: { owner: 'team-a' },
      },
      spec: {
        selector: { matchLabels: { app: 'old' } },
        action: 'ALLOW',
        rules: [
          {
            from: [{ source: { namespaces: ['legacy'] } }],
            to: [
              { operation: { methods: ['POST'], ports: ['9080'] } },
              { operation: { hosts: ['x'] } },
            ],
            when: [{ key: 'request.headers[x-team]', values: ['a'] }],
          },
          { from: [{ source: { ipBlocks: ['10.0.0.0/8'] } }] },
        ],
      },
    };
    const before = JSON.parse(JSON.stringify(existing));
    const edited = buildAllowOnlyPolicy(input, 'v1', existing);
    expect(existing).toEqual(before);
    expect(edited).toEqual({
      ...before,
      spec: {
        ...before.spec,
        selector: { matchLabels: { app: 'reviews' } },
        rules: [
          {
            from: [
              { source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-productpage'] } },
            ],
            to: [
              { operation: { methods: ['GET'], paths: ['/reviews/*'], ports: ['9080'] } },
              { operation: { hosts: ['x'] } },
            ],
            when: [{ key: 'request.headers[x-team]', values: ['a'] }],
          },
          before.spec.rules[1],
        ],
      },
    });
    expect(() => validateIstioObject(edited)).not.toThrow();
  });

  it('drops an operation that becomes empty when methods and paths are cleared', () => {
    const existing = buildAllowOnlyPolicy(input, 'v1');
    const edited = buildAllowOnlyPolicy({ ...input, methods: [], paths: [] }, 'v1', existing);
    expect(edited.spec?.rules?.[0]).toEqual({ from: existing.spec?.rules?.[0].from });
  });
});

describe('buildDenyAllPolicy', () => {
  it.each(['v1', 'v1beta1'] as const)(
    'writes an ALLOW policy without rules (allow-nothing) at %s',
    (version) => {
      const obj = buildDenyAllPolicy(
        { namespace: 'bookinfo', name: 'deny-all', matchLabels: { app: 'reviews' } },
        version,
      );
      expect(obj.spec).toEqual({ selector: { matchLabels: { app: 'reviews' } } });
      expect(() => validateIstioObject(obj)).not.toThrow();
      expect(validateAuthorizationPolicy(obj)).toEqual([]);
      expect(describePolicy(summarizePolicy(obj))).toEqual({
        effect: 'allow-nothing',
        action: 'ALLOW',
        target: { kind: 'workload', name: 'reviews' },
        rules: [],
      });
    },
  );

  it('writes spec: {} for a whole namespace', () => {
    const obj = buildDenyAllPolicy({ namespace: 'bookinfo', name: 'deny-all' }, 'v1');
    expect(obj.spec).toEqual({});
    expect(() => validateIstioObject(obj)).not.toThrow();
    expect(describePolicy(summarizePolicy(obj))).toEqual({
      effect: 'allow-nothing',
      action: 'ALLOW',
      target: { kind: 'namespace', namespace: 'bookinfo' },
      rules: [],
    });
  });
});

/** A described source: nothing but what the case sets. */
const source = (over: Partial<SourceDescription>): SourceDescription => ({
  callers: [],
  namespaces: [],
  ipBlocks: [],
  remoteIpBlocks: [],
  notCallers: [],
  notNamespaces: [],
  notIpBlocks: [],
  notRemoteIpBlocks: [],
  notRequestPrincipals: [],
  ...over,
});

/** A summarized operation: nothing but what the case sets. */
const operation = (over: Partial<OperationSummary>): OperationSummary => ({
  hosts: [],
  notHosts: [],
  ports: [],
  notPorts: [],
  methods: [],
  notMethods: [],
  paths: [],
  notPaths: [],
  ...over,
});

describe('summarizePolicy and describePolicy', () => {
  it('names a token-only requirement as anyone with a valid end-user token', () => {
    const obj = buildAllowOnlyPolicy(
      {
        namespace: 'bookinfo',
        name: 'require-jwt',
        matchLabels: { app: 'productpage' },
        callers: {},
        requireJwt: true,
      },
      'v1',
    );
    expect(obj.spec?.rules).toEqual([{ from: [{ source: { requestPrincipals: ['*'] } }] }]);
    expect(describePolicy(summarizePolicy(obj))).toEqual({
      effect: 'allow-matching',
      action: 'ALLOW',
      target: { kind: 'workload', name: 'productpage' },
      rules: [{ sources: [source({ token: { kind: 'any' } })], operations: [], conditions: [] }],
    });
  });

  it('says who may call whom, in the issue’s words', () => {
    const summary = summarizePolicy(buildAllowOnlyPolicy(input, 'v1'));
    expect(summary).toMatchObject({
      target: { kind: 'workload', matchLabels: { app: 'reviews' } },
      action: 'ALLOW',
      effect: 'allow-matching',
      requiresMtls: true,
      rules: [
        {
          sources: [
            {
              principals: [
                {
                  trustDomain: 'cluster.local',
                  namespace: 'bookinfo',
                  serviceAccount: 'bookinfo-productpage',
                },
              ],
            },
          ],
          operations: [{ methods: ['GET'], paths: ['/reviews/*'] }],
          conditions: [],
        },
      ],
    });
    const callerName = (p: { serviceAccount?: string; raw: string }) =>
      p.serviceAccount?.replace(/^bookinfo-/, '') ?? p.raw;
    const described = (callers: string[]): PolicyDescription => ({
      effect: 'allow-matching',
      action: 'ALLOW',
      target: { kind: 'workload', name: 'reviews' },
      rules: [
        {
          sources: [source({ callers })],
          operations: [operation({ methods: ['GET'], paths: ['/reviews/*'] })],
          conditions: [],
        },
      ],
    });
    expect(describePolicy(summary, { callerName })).toEqual(described(['productpage']));
    expect(describePolicy(summary)).toEqual(described(['bookinfo-productpage']));
  });

  it('describes DENY with notPrincipals, ports and conditions', () => {
    const s = summarizePolicy(
      ap({
        selector: { matchLabels: { app: 'ratings' } },
        action: 'DENY',
        rules: [
          {
            from: [{ source: { notPrincipals: ['cluster.local/ns/shop/sa/cart'] } }],
            to: [{ operation: { methods: ['DELETE'], ports: ['9080'] } }],
            when: [{ key: 'request.headers[x-env]', notValues: ['prod'] }],
          },
        ],
      }),
    );
    expect(s.effect).toBe('deny-matching');
    expect(describePolicy(s)).toEqual({
      effect: 'deny-matching',
      action: 'DENY',
      target: { kind: 'workload', name: 'ratings' },
      rules: [
        {
          sources: [source({ notCallers: ['shop/cart'] })],
          operations: [operation({ methods: ['DELETE'], ports: ['9080'] })],
          conditions: [{ key: 'request.headers[x-env]', values: [], notValues: ['prod'] }],
        },
      ],
    });
  });

  it('describes AUDIT, CUSTOM, allow-all, deny-all and mesh-wide policies', () => {
    const namespace = { kind: 'namespace', namespace: 'bookinfo' } as const;
    const anyCall = { sources: [], operations: [], conditions: [] };
    expect(
      describePolicy(
        summarizePolicy(
          ap({ action: 'AUDIT', rules: [{ to: [{ operation: { paths: ['/admin/*'] } }] }] }),
        ),
      ),
    ).toEqual({
      effect: 'audit-matching',
      action: 'AUDIT',
      target: namespace,
      rules: [{ sources: [], operations: [operation({ paths: ['/admin/*'] })], conditions: [] }],
    });
    const custom = summarizePolicy(
      ap({ action: 'CUSTOM', provider: { name: 'opa' }, rules: [{}] }),
    );
    expect(custom).toMatchObject({ effect: 'custom-all', provider: 'opa' });
    expect(describePolicy(custom)).toEqual({
      effect: 'custom-all',
      action: 'CUSTOM',
      target: namespace,
      provider: 'opa',
      rules: [anyCall],
    });
    expect(describePolicy(summarizePolicy(ap({ rules: [{}] })))).toEqual({
      effect: 'allow-all',
      action: 'ALLOW',
      target: namespace,
      rules: [anyCall],
    });
    const denyAll = {
      ...ap({ action: 'DENY', rules: [{}] }),
      metadata: { name: 'x', namespace: 'istio-system' },
    };
    expect(describePolicy(summarizePolicy(denyAll, 'istio-system'))).toEqual({
      effect: 'deny-all',
      action: 'DENY',
      target: { kind: 'mesh' },
      rules: [anyCall],
    });
    expect(summarizePolicy(ap({ action: 'DENY' })).effect).toBe('rejected');
  });

  it('names namespaces, IP blocks and end-user tokens', () => {
    const s = summarizePolicy(
      ap({
        targetRefs: [{ kind: 'Service', name: 'reviews' }],
        rules: [
          { from: [{ source: { namespaces: ['frontend', 'qa'], requestPrincipals: ['*'] } }] },
          { from: [{ source: { ipBlocks: ['10.0.0.0/8'] } }] },
        ],
      }),
    );
    expect(s.requiresMtls).toBe(true);
    expect(describePolicy(s)).toEqual({
      effect: 'allow-matching',
      action: 'ALLOW',
      target: { kind: 'targetRefs', refs: [{ kind: 'Service', name: 'reviews' }] },
      rules: [
        {
          sources: [source({ namespaces: ['frontend', 'qa'], token: { kind: 'any' } })],
          operations: [],
          conditions: [],
        },
        { sources: [source({ ipBlocks: ['10.0.0.0/8'] })], operations: [], conditions: [] },
      ],
    });
  });

  it('keeps named request principals, and names a workload without an app label by its labels', () => {
    const s = summarizePolicy(
      ap({
        selector: { matchLabels: { tier: 'db', zone: 'a' } },
        rules: [{ from: [{ source: { requestPrincipals: ['sso/alice', 'sso/bob'] } }] }],
      }),
    );
    expect(describePolicy(s)).toMatchObject({
      target: { kind: 'workload', name: 'tier=db,zone=a' },
      rules: [
        { sources: [source({ token: { kind: 'of', principals: ['sso/alice', 'sso/bob'] } })] },
      ],
    });
    expect(describePolicy(s, { targetName: (l) => `the ${l.tier}` }).target).toEqual({
      kind: 'workload',
      name: 'the db',
    });
  });
});

describe('validateAuthorizationPolicy', () => {
  const only = (spec: AuthorizationPolicy['spec']) => validateAuthorizationPolicy(ap(spec));
  const error = (code: string, path: (string | number)[], params?: Record<string, unknown>) => ({
    code,
    path,
    severity: 'error',
    ...(params ? { params } : {}),
  });

  it('requires rules for DENY and CUSTOM, and a provider for CUSTOM only', () => {
    expect(only({ action: 'DENY', rules: [{}] })).toEqual([]);
    expect(only({ action: 'DENY' })).toEqual([
      error('authz.rules-required', ['spec', 'rules'], { action: 'DENY' }),
    ]);
    expect(only({ action: 'CUSTOM', provider: { name: 'opa' }, rules: [{}] })).toEqual([]);
    expect(only({ action: 'CUSTOM', rules: [{}] })).toEqual([
      error('authz.provider-required', ['spec', 'provider', 'name']),
    ]);
    expect(only({ action: 'ALLOW', provider: { name: 'opa' }, rules: [{}] })).toEqual([
      error('authz.provider-not-custom', ['spec', 'provider'], { action: 'ALLOW' }),
    ]);
  });

  it('rejects unknown actions, and too many rules or target references', () => {
    expect(only({ action: 'MAYBE' as 'ALLOW', rules: [{}] })).toEqual([
      error('authz.action-unknown', ['spec', 'action'], { action: 'MAYBE' }),
    ]);
    expect(only({ rules: Array.from({ length: 513 }, () => ({})) })).toEqual([
      error('authz.rules-too-many', ['spec', 'rules'], { max: 512 }),
    ]);
    const refs = Array.from({ length: 17 }, (_, i) => ({ kind: 'Service', name: `s${i}` }));
    expect(only({ targetRefs: refs })).toEqual([
      error('authz.target-refs-too-many', ['spec', 'targetRefs'], { max: 16 }),
    ]);
    expect(only({ targetRefs: [{ kind: 'Service', name: '' }] })).toEqual([
      error('authz.target-ref-incomplete', ['spec', 'targetRefs', 0]),
    ]);
  });

  it('rejects empty from/to lists and empty source/operation', () => {
    expect(only({ rules: [{ from: [], to: [] }] })).toEqual([
      error('authz.from-empty', ['spec', 'rules', 0, 'from']),
      error('authz.to-empty', ['spec', 'rules', 0, 'to']),
    ]);
    expect(only({ rules: [{ from: [{ source: {} }], to: [{ operation: {} }] }] })).toEqual([
      error('authz.source-empty', ['spec', 'rules', 0, 'from', 0, 'source']),
      error('authz.operation-empty', ['spec', 'rules', 0, 'to', 0, 'operation']),
    ]);
    expect(only({ rules: [{ from: [{}], to: [{}] }] })).toEqual([
      error('authz.source-missing', ['spec', 'rules', 0, 'from', 0, 'source']),
      error('authz.operation-missing', ['spec', 'rules', 0, 'to', 0, 'operation']),
    ]);
  });

  it('checks principal format, allowing prefix and suffix wildcards', () => {
    const ok = [
      'cluster.local/ns/bookinfo/sa/bookinfo-productpage',
      '*',
      'cluster.local/ns/bookinfo/*',
      '*/sa/foo',
    ];
    expect(only({ rules: [{ from: [{ source: { principals: ok } }] }] })).toEqual([]);
    expect(
      only({
        rules: [{ from: [{ source: { notPrincipals: ['spiffe://cluster.local/ns/a/sa/b'] } }] }],
      }),
    ).toEqual([
      error(
        'authz.principal-invalid',
        ['spec', 'rules', 0, 'from', 0, 'source', 'notPrincipals', 0],
        { principal: 'spiffe://cluster.local/ns/a/sa/b' },
      ),
    ]);
    expect(
      only({ rules: [{ from: [{ source: { principals: ['cluster.local/ns/a/*/sa/b*'] } }] }] })[0]
        .path,
    ).toEqual(['spec', 'rules', 0, 'from', 0, 'source', 'principals', 0]);
  });

  it('requires uppercase methods and warns on non-standard ones', () => {
    expect(only({ rules: [{ to: [{ operation: { methods: ['GET', 'POST'] } }] }] })).toEqual([]);
    expect(only({ rules: [{ to: [{ operation: { methods: ['get'] } }] }] })).toEqual([
      error('authz.method-lowercase', ['spec', 'rules', 0, 'to', 0, 'operation', 'methods', 0], {
        method: 'get',
        uppercase: 'GET',
      }),
    ]);
    expect(only({ rules: [{ to: [{ operation: { notMethods: ['FETCH'] } }] }] })).toEqual([
      {
        code: 'authz.method-unknown',
        path: ['spec', 'rules', 0, 'to', 0, 'operation', 'notMethods', 0],
        params: { method: 'FETCH' },
        severity: 'warning',
      },
    ]);
  });

  it('checks paths: exact, prefix, suffix, presence and templates', () => {
    const at = ['spec', 'rules', 0, 'to', 0, 'operation'];
    const ok = ['/reviews', '/reviews/*', '*.html', '*', '/api/{*}/items', '/files/{**}'];
    expect(only({ rules: [{ to: [{ operation: { paths: ok } }] }] })).toEqual([]);
    expect(only({ rules: [{ to: [{ operation: { paths: ['reviews'] } }] }] })).toEqual([
      error('authz.path-not-absolute', [...at, 'paths', 0], { path: 'reviews' }),
    ]);
    expect(only({ rules: [{ to: [{ operation: { notPaths: ['/a/*/b'] } }] }] })).toEqual([
      error('authz.path-wildcard-invalid', [...at, 'notPaths', 0], { path: '/a/*/b' }),
    ]);
    expect(only({ rules: [{ to: [{ operation: { paths: ['/a/{**}/b'] } }] }] })).toEqual([
      error('authz.path-template-invalid', [...at, 'paths', 0], { path: '/a/{**}/b' }),
    ]);
  });

  it('checks ports, IP blocks, namespaces and empty values', () => {
    expect(
      only({
        rules: [
          {
            from: [{ source: { ipBlocks: ['10.0.0.0/8', '1.2.3.4', '2001:db8::/32'] } }],
            to: [{ operation: { ports: ['9080'] } }],
          },
        ],
      }),
    ).toEqual([]);
    expect(
      only({
        rules: [
          {
            from: [{ source: { ipBlocks: ['10.0.0.0/33'], namespaces: ['Bad_NS', ''] } }],
            to: [{ operation: { ports: ['0'] } }],
          },
        ],
      }),
    ).toEqual([
      error('authz.namespace-invalid', ['spec', 'rules', 0, 'from', 0, 'source', 'namespaces', 0], {
        namespace: 'Bad_NS',
      }),
      error('authz.value-empty', ['spec', 'rules', 0, 'from', 0, 'source', 'namespaces', 1]),
      error('authz.ip-invalid', ['spec', 'rules', 0, 'from', 0, 'source', 'ipBlocks', 0], {
        value: '10.0.0.0/33',
      }),
      error('security.port-invalid', ['spec', 'rules', 0, 'to', 0, 'operation', 'ports', 0], {
        port: '0',
        min: 1,
        max: 65535,
      }),
    ]);
    expect(
      only({ rules: [{ to: [{ operation: { hosts: ['a*b'], notHosts: ['*.example.com'] } }] }] }),
    ).toEqual([
      error('authz.wildcard-invalid', ['spec', 'rules', 0, 'to', 0, 'operation', 'hosts', 0], {
        value: 'a*b',
      }),
    ]);
  });

  it('forbids identity fields and identity conditions in CUSTOM policies', () => {
    expect(
      only({
        action: 'CUSTOM',
        provider: { name: 'opa' },
        rules: [{ to: [{ operation: { paths: ['/x'] } }] }],
      }),
    ).toEqual([]);
    expect(
      only({
        action: 'CUSTOM',
        provider: { name: 'opa' },
        rules: [
          {
            from: [{ source: { namespaces: ['a'] } }],
            when: [{ key: 'request.auth.claims[iss]', values: ['x'] }],
          },
        ],
      }),
    ).toEqual([
      error(
        'authz.custom-identity-field',
        ['spec', 'rules', 0, 'from', 0, 'source', 'namespaces'],
        {
          field: 'namespaces',
        },
      ),
      error('authz.custom-identity-condition', ['spec', 'rules', 0, 'when', 0, 'key'], {
        condition: 'request.auth.claims[iss]',
      }),
    ]);
  });

  it('checks conditions need values', () => {
    expect(only({ rules: [{ when: [{ key: 'source.ip', values: ['10.0.0.1'] }] }] })).toEqual([]);
    expect(only({ rules: [{ when: [{ key: 'source.ip' }] }] })).toEqual([
      error('authz.condition-values-missing', ['spec', 'rules', 0, 'when', 0]),
    ]);
    expect(only({ rules: [{ when: [{ key: '', values: ['x'] }] }] })).toEqual([
      error('authz.condition-key-missing', ['spec', 'rules', 0, 'when', 0, 'key']),
    ]);
  });

  it('allows one scope only, and checks selectors and target references', () => {
    expect(only({ targetRefs: [{ kind: 'Service', name: 'reviews' }] })).toEqual([]);
    expect(
      only({
        selector: { matchLabels: { app: 'a' } },
        targetRef: { kind: 'Gateway', name: 'gw', namespace: 'other' },
      }),
    ).toEqual([
      error('authz.scope-conflict', ['spec']),
      error('authz.target-ref-namespace', ['spec', 'targetRef', 'namespace']),
    ]);
    expect(only({ selector: { matchLabels: { 'app*': 'a' } } })).toEqual([
      error('security.selector-label-name-wildcard', ['spec', 'selector', 'matchLabels', 'app*'], {
        label: 'app*',
      }),
    ]);
  });
});
