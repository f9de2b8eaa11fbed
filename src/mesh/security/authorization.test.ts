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
import type { AllowOnlyInput } from './authorization';

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
      expect(describePolicy(summarizePolicy(obj))).toBe(
        'reviews accepts no calls, except those another ALLOW policy allows',
      );
    },
  );

  it('writes spec: {} for a whole namespace', () => {
    const obj = buildDenyAllPolicy({ namespace: 'bookinfo', name: 'deny-all' }, 'v1');
    expect(obj.spec).toEqual({});
    expect(() => validateIstioObject(obj)).not.toThrow();
    expect(describePolicy(summarizePolicy(obj))).toBe(
      'every workload in namespace bookinfo accepts no calls, except those another ALLOW policy allows',
    );
  });
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
    expect(describePolicy(summarizePolicy(obj))).toBe(
      'productpage accepts calls only from anyone with a valid end-user token',
    );
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
    expect(describePolicy(summary, { callerName })).toBe(
      'reviews accepts calls only from productpage: GET /reviews/*',
    );
    expect(describePolicy(summary)).toBe(
      'reviews accepts calls only from bookinfo-productpage: GET /reviews/*',
    );
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
    expect(describePolicy(s)).toBe(
      'ratings refuses calls from anyone except shop/cart: DELETE on port 9080 when request.headers[x-env] is not prod',
    );
  });

  it('describes AUDIT, CUSTOM, allow-all, deny-all and mesh-wide policies', () => {
    expect(
      describePolicy(
        summarizePolicy(
          ap({ action: 'AUDIT', rules: [{ to: [{ operation: { paths: ['/admin/*'] } }] }] }),
        ),
      ),
    ).toBe('Calls to every workload in namespace bookinfo from anyone: /admin/* are audited');
    const custom = summarizePolicy(
      ap({ action: 'CUSTOM', provider: { name: 'opa' }, rules: [{}] }),
    );
    expect(custom).toMatchObject({ effect: 'custom-all', provider: 'opa' });
    expect(describePolicy(custom)).toBe(
      'Every call to every workload in namespace bookinfo is checked by opa',
    );
    expect(describePolicy(summarizePolicy(ap({ rules: [{}] })))).toBe(
      'every workload in namespace bookinfo accepts all calls',
    );
    const denyAll = {
      ...ap({ action: 'DENY', rules: [{}] }),
      metadata: { name: 'x', namespace: 'istio-system' },
    };
    expect(describePolicy(summarizePolicy(denyAll, 'istio-system'))).toBe(
      'every workload in the mesh refuses all calls',
    );
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
    expect(describePolicy(s)).toBe(
      'Service reviews accepts calls only from namespace frontend or qa with a valid end-user token; or from IP 10.0.0.0/8',
    );
  });
});

describe('validateAuthorizationPolicy', () => {
  const only = (spec: AuthorizationPolicy['spec']) => validateAuthorizationPolicy(ap(spec));

  it('requires rules for DENY and CUSTOM, and a provider for CUSTOM only', () => {
    expect(only({ action: 'DENY', rules: [{}] })).toEqual([]);
    expect(only({ action: 'DENY' })).toEqual([
      {
        path: 'spec.rules',
        message: 'A DENY policy needs rules; to match every request use one empty rule ({}).',
      },
    ]);
    expect(only({ action: 'CUSTOM', provider: { name: 'opa' }, rules: [{}] })).toEqual([]);
    expect(only({ action: 'CUSTOM', rules: [{}] })).toEqual([
      {
        path: 'spec.provider.name',
        message: 'A CUSTOM policy needs the name of its external authorization provider.',
      },
    ]);
    expect(only({ action: 'ALLOW', provider: { name: 'opa' }, rules: [{}] })).toEqual([
      {
        path: 'spec.provider',
        message: 'Only CUSTOM policies name a provider; remove it from this ALLOW policy.',
      },
    ]);
  });

  it('rejects empty from/to lists and empty source/operation', () => {
    expect(only({ rules: [{ from: [], to: [] }] })).toEqual([
      {
        path: 'spec.rules[0].from',
        message: 'An empty "from" list is rejected; remove it to allow any source.',
      },
      {
        path: 'spec.rules[0].to',
        message: 'An empty "to" list is rejected; remove it to allow any operation.',
      },
    ]);
    expect(only({ rules: [{ from: [{ source: {} }], to: [{ operation: {} }] }] })).toEqual([
      {
        path: 'spec.rules[0].from[0].source',
        message: 'A source must set at least one field; remove it instead.',
      },
      {
        path: 'spec.rules[0].to[0].operation',
        message: 'An operation must set at least one field; remove it instead.',
      },
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
      {
        path: 'spec.rules[0].from[0].source.notPrincipals[0]',
        message:
          '"spiffe://cluster.local/ns/a/sa/b" is not a principal; use <trust-domain>/ns/<namespace>/sa/<service-account>, e.g. cluster.local/ns/bookinfo/sa/bookinfo-productpage.',
      },
    ]);
    expect(
      only({ rules: [{ from: [{ source: { principals: ['cluster.local/ns/a/*/sa/b*'] } }] }] })[0]
        .path,
    ).toBe('spec.rules[0].from[0].source.principals[0]');
  });

  it('requires uppercase methods and warns on non-standard ones', () => {
    expect(only({ rules: [{ to: [{ operation: { methods: ['GET', 'POST'] } }] }] })).toEqual([]);
    expect(only({ rules: [{ to: [{ operation: { methods: ['get'] } }] }] })).toEqual([
      {
        path: 'spec.rules[0].to[0].operation.methods[0]',
        message: 'Method "get" must be uppercase, e.g. "GET".',
      },
    ]);
    expect(only({ rules: [{ to: [{ operation: { notMethods: ['FETCH'] } }] }] })).toEqual([
      {
        path: 'spec.rules[0].to[0].operation.notMethods[0]',
        message: '"FETCH" is not a standard HTTP method.',
        level: 'warning',
      },
    ]);
  });

  it('checks paths: exact, prefix, suffix, presence and templates', () => {
    const ok = ['/reviews', '/reviews/*', '*.html', '*', '/api/{*}/items', '/files/{**}'];
    expect(only({ rules: [{ to: [{ operation: { paths: ok } }] }] })).toEqual([]);
    expect(only({ rules: [{ to: [{ operation: { paths: ['reviews'] } }] }] })).toEqual([
      {
        path: 'spec.rules[0].to[0].operation.paths[0]',
        message: 'Path "reviews" must start with "/" (or be a "*" pattern).',
      },
    ]);
    expect(only({ rules: [{ to: [{ operation: { notPaths: ['/a/*/b'] } }] }] })).toEqual([
      {
        path: 'spec.rules[0].to[0].operation.notPaths[0]',
        message:
          'Path "/a/*/b" may use "*" only alone, at the start (suffix match) or at the end (prefix match).',
      },
    ]);
    expect(only({ rules: [{ to: [{ operation: { paths: ['/a/{**}/b'] } }] }] })).toEqual([
      {
        path: 'spec.rules[0].to[0].operation.paths[0]',
        message:
          'Path "/a/{**}/b" is not a valid template: use whole segments {*}, or {**} as the last segment.',
      },
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
      {
        path: 'spec.rules[0].from[0].source.namespaces[0]',
        message: '"Bad_NS" is not a namespace name.',
      },
      { path: 'spec.rules[0].from[0].source.namespaces[1]', message: 'Values may not be empty.' },
      {
        path: 'spec.rules[0].from[0].source.ipBlocks[0]',
        message: '"10.0.0.0/33" is not an IP address or CIDR block.',
      },
      {
        path: 'spec.rules[0].to[0].operation.ports[0]',
        message: '"0" is not a port number between 1 and 65535.',
      },
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
      {
        path: 'spec.rules[0].from[0].source.namespaces',
        message:
          'A CUSTOM policy cannot use namespaces: the external authorizer runs before identities are checked.',
      },
      {
        path: 'spec.rules[0].when[0].key',
        message:
          'A CUSTOM policy cannot use the condition "request.auth.claims[iss]": it depends on identities checked later.',
      },
    ]);
  });

  it('checks conditions need values', () => {
    expect(only({ rules: [{ when: [{ key: 'source.ip', values: ['10.0.0.1'] }] }] })).toEqual([]);
    expect(only({ rules: [{ when: [{ key: 'source.ip' }] }] })).toEqual([
      { path: 'spec.rules[0].when[0]', message: 'A condition needs values or notValues.' },
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
      {
        path: 'spec',
        message:
          'Use only one of selector, targetRef and targetRefs to choose what the policy protects.',
      },
      {
        path: 'spec.targetRef.namespace',
        message: 'A target reference must be in the policy’s own namespace.',
      },
    ]);
    expect(only({ selector: { matchLabels: { 'app*': 'a' } } })).toEqual([
      {
        path: 'spec.selector.matchLabels["app*"]',
        message: 'Label name "app*" may not contain "*".',
      },
    ]);
  });
});
