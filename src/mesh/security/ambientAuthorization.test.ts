import fc from 'fast-check';
import type {
  AuthorizationOperation,
  AuthorizationPolicy,
  AuthorizationSource,
} from '../../models';
import { validateIstioObject } from '../../testing/istioSchemas';
import {
  AMBIENT_KIALI_CODES,
  L4_CONDITION_KEYS,
  ambientEnforcer,
  ambientPolicyIssues,
  bindToSelector,
  bindToServices,
  l7Attributes,
  l7FieldNames,
  namesCallerIdentity,
  policyLayer,
} from './ambientAuthorization';
import { buildAllowOnlyPolicy } from './authorization';
import { SECURITY_ISSUE_CODES } from './issueCodes';
import type { WaypointUse } from './waypoint';

const ap = (spec: AuthorizationPolicy['spec']): AuthorizationPolicy => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name: 'reviews-allowed-callers', namespace: 'bookinfo', resourceVersion: '3' },
  spec,
});

const withRule = (
  source: AuthorizationSource | undefined,
  operation: AuthorizationOperation | undefined,
  when?: { key: string; values: string[] }[],
) =>
  ap({
    selector: { matchLabels: { app: 'reviews' } },
    rules: [
      {
        ...(source ? { from: [{ source }] } : {}),
        ...(operation ? { to: [{ operation }] } : {}),
        ...(when ? { when } : {}),
      },
    ],
  });

const PRINCIPAL = 'cluster.local/ns/bookinfo/sa/bookinfo-productpage';

// Arbitraries of what ztunnel can and cannot check.
const list = (value: string): fc.Arbitrary<string[]> => fc.constant([value]);
const l4Source = fc.record(
  {
    principals: list(PRINCIPAL),
    notPrincipals: list('cluster.local/ns/bookinfo/sa/x'),
    namespaces: list('bookinfo'),
    notNamespaces: list('legacy'),
    ipBlocks: list('10.0.0.0/8'),
    notIpBlocks: list('10.1.0.0/16'),
    remoteIpBlocks: list('192.168.0.0/16'),
    notRemoteIpBlocks: list('192.168.1.0/24'),
  },
  { requiredKeys: [] },
);
const l4Operation = fc.record(
  { ports: list('9080'), notPorts: list('15000') },
  { requiredKeys: [] },
);
const l4When = fc.array(
  fc.record({ key: fc.constantFrom(...L4_CONDITION_KEYS), values: list('x') }),
  { maxLength: 3 },
);
/** One layer-7 attribute, and the name the message gives it. */
type Addition = {
  field: string;
  source?: AuthorizationSource;
  operation?: AuthorizationOperation;
  when?: { key: string; values: string[] }[];
};
const L7_ADDITIONS: Addition[] = [
  { field: 'requestPrincipals', source: { requestPrincipals: ['*'] } },
  { field: 'notRequestPrincipals', source: { notRequestPrincipals: ['issuer/sub'] } },
  { field: 'methods', operation: { methods: ['GET'] } },
  { field: 'notMethods', operation: { notMethods: ['DELETE'] } },
  { field: 'paths', operation: { paths: ['/reviews/*'] } },
  { field: 'notPaths', operation: { notPaths: ['/admin'] } },
  { field: 'hosts', operation: { hosts: ['reviews.example.com'] } },
  { field: 'notHosts', operation: { notHosts: ['x.example.com'] } },
  { field: 'request.headers[x-team]', when: [{ key: 'request.headers[x-team]', values: ['a'] }] },
  {
    field: 'request.auth.claims[iss]',
    when: [{ key: 'request.auth.claims[iss]', values: ['https://issuer'] }],
  },
];
const l7Addition = fc.constantFrom(...L7_ADDITIONS);

describe('policyLayer', () => {
  it('is L4 for whatever ztunnel checks: identities, namespaces, IPs, ports, L4 conditions', () => {
    fc.assert(
      fc.property(l4Source, l4Operation, l4When, (source, operation, when) => {
        const p = withRule(source, operation, when);
        expect(policyLayer(p)).toBe('L4');
        expect(l7Attributes(p)).toEqual([]);
      }),
    );
  });

  it('turns L7 with any one request attribute, and names that attribute where it is', () => {
    fc.assert(
      fc.property(l4Source, l4Operation, l4When, l7Addition, (source, operation, when, add) => {
        const p = withRule({ ...source, ...add.source }, { ...operation, ...add.operation }, [
          ...when,
          ...(add.when ?? []),
        ]);
        expect(policyLayer(p)).toBe('L7');
        expect(l7FieldNames(p)).toEqual([add.field]);
      }),
    );
  });

  it('points at each layer-7 attribute', () => {
    const p = withRule({ requestPrincipals: ['*'] }, { methods: ['GET'], paths: ['/a'] }, [
      { key: 'source.ip', values: ['10.0.0.1'] },
      { key: 'request.headers[x]', values: ['y'] },
    ]);
    expect(l7Attributes(p)).toEqual([
      {
        field: 'requestPrincipals',
        path: ['spec', 'rules', 0, 'from', 0, 'source', 'requestPrincipals'],
      },
      { field: 'methods', path: ['spec', 'rules', 0, 'to', 0, 'operation', 'methods'] },
      { field: 'paths', path: ['spec', 'rules', 0, 'to', 0, 'operation', 'paths'] },
      { field: 'request.headers[x]', path: ['spec', 'rules', 0, 'when', 1, 'key'] },
    ]);
  });
});

describe('bindToServices and bindToSelector', () => {
  const built = buildAllowOnlyPolicy(
    {
      namespace: 'bookinfo',
      name: 'reviews-allowed-callers',
      matchLabels: { app: 'reviews' },
      callers: { workloads: [{ namespace: 'bookinfo', serviceAccount: 'bookinfo-productpage' }] },
      methods: ['GET'],
    },
    'v1',
  );

  it('moves the policy to the Services’ waypoint and back, keeping its rules and metadata', () => {
    const attached = bindToServices(built, ['reviews']);
    expect(attached.spec).toEqual({
      action: 'ALLOW',
      rules: built.spec?.rules,
      targetRefs: [{ kind: 'Service', group: '', name: 'reviews' }],
    });
    expect(attached.metadata).toEqual(built.metadata);
    expect(() => validateIstioObject(attached)).not.toThrow();
    const back = bindToSelector(attached, { app: 'reviews' });
    expect(back).toEqual(built);
    expect(() => validateIstioObject(back)).not.toThrow();
  });
});

describe('ambientEnforcer', () => {
  it('is ztunnel for a policy bound by selector (or namespace-wide), the waypoint for targetRefs', () => {
    const bySelector = withRule({ principals: [PRINCIPAL] }, undefined);
    expect(ambientEnforcer(bySelector)).toBe('ztunnel');
    expect(ambientEnforcer(ap({ rules: [{}] }))).toBe('ztunnel');
    expect(ambientEnforcer(bindToServices(bySelector, ['reviews']))).toBe('waypoint');
    expect(
      ambientEnforcer(
        ap({
          targetRef: { kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' },
        }),
      ),
    ).toBe('waypoint');
  });

  it('maps Kiali’s codes for the same findings onto codes this product words', () => {
    for (const code of Object.keys(AMBIENT_KIALI_CODES)) {
      expect(SECURITY_ISSUE_CODES).toContain(code);
    }
  });
});

describe('namesCallerIdentity', () => {
  it('is true when sources or conditions name mTLS identities or namespaces', () => {
    expect(namesCallerIdentity(withRule({ principals: [PRINCIPAL] }, undefined))).toBe(true);
    expect(namesCallerIdentity(withRule({ notNamespaces: ['x'] }, undefined))).toBe(true);
    expect(
      namesCallerIdentity(
        withRule(undefined, undefined, [{ key: 'source.namespace', values: ['bookinfo'] }]),
      ),
    ).toBe(true);
    expect(namesCallerIdentity(withRule({ ipBlocks: ['10.0.0.0/8'] }, { ports: ['9080'] }))).toBe(
      false,
    );
  });
});

describe('ambientPolicyIssues', () => {
  const none: WaypointUse = { kind: 'none' };
  const waypoint = (state: 'programmed' | 'pending' | 'missing'): WaypointUse => ({
    kind: 'waypoint',
    name: 'waypoint',
    namespace: 'bookinfo',
    from: 'service',
    state,
  });
  const codes = (p: AuthorizationPolicy, w: WaypointUse) =>
    ambientPolicyIssues(p, { ambient: true, services: [{ name: 'reviews', waypoint: w }] }).map(
      (i) => [i.code, i.severity, i.params],
    );

  it('warns that an L7 policy bound by selector fails closed under ztunnel (KIA0109)', () => {
    const p = withRule({ principals: [PRINCIPAL] }, { methods: ['GET'], paths: ['/r'] });
    expect(codes(p, none)).toEqual([
      [
        'authz.l7-on-ztunnel',
        'warning',
        { policy: 'reviews-allowed-callers', fields: 'methods, paths' },
      ],
    ]);
    // A sidecar workload checks layer 7 itself: nothing to say.
    expect(ambientPolicyIssues(p, { ambient: false, services: [] })).toEqual([]);
  });

  it('warns that behind a waypoint ztunnel no longer sees the caller a selector policy names', () => {
    const p = withRule({ principals: [PRINCIPAL] }, undefined);
    expect(codes(p, none)).toEqual([]);
    expect(codes(p, waypoint('programmed'))).toEqual([
      [
        'authz.identity-behind-waypoint',
        'warning',
        { policy: 'reviews-allowed-callers', service: 'reviews', waypoint: 'waypoint' },
      ],
    ]);
  });

  it('says when a policy on the waypoint is not enforced: no waypoint, a missing or pending one', () => {
    const p = bindToServices(withRule({ principals: [PRINCIPAL] }, { methods: ['GET'] }), [
      'reviews',
    ]);
    expect(codes(p, waypoint('programmed'))).toEqual([]);
    expect(codes(p, none)).toEqual([
      [
        'authz.target-no-waypoint',
        'warning',
        { policy: 'reviews-allowed-callers', service: 'reviews' },
      ],
    ]);
    expect(codes(p, waypoint('missing'))[0][0]).toBe('authz.waypoint-missing');
    expect(codes(p, waypoint('pending'))).toEqual([
      ['authz.waypoint-pending', 'warning', { waypoint: 'waypoint' }],
    ]);
    // A Service the policy is not attached to is none of its business.
    expect(
      ambientPolicyIssues(p, { ambient: true, services: [{ name: 'ratings', waypoint: none }] }),
    ).toEqual([]);
  });
});
