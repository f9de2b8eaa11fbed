import type {
  AuthorizationPolicy,
  Deployment,
  GatewayApiGateway,
  Namespace,
  PeerAuthentication,
  Pod,
  RequestAuthentication,
  Service,
} from '../../models';
import { meshMembers } from '../meshDetection';
import type { MeshDetection } from '../meshDetection';
import {
  appliesToWorkload,
  inheritedMode,
  namespacePolicyOf,
  rootNamespaceOf,
  strictImpact,
  workloadPolicyOf,
  workloadSecurity,
} from './workloadSecurity';

const ROOT = 'istio-system';

const deployment = (name: string, app: string, version: string, sa?: string): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'bookinfo' },
  spec: {
    selector: { matchLabels: { app, version } },
    template: {
      metadata: { labels: { app, version } },
      spec: {
        ...(sa ? { serviceAccountName: sa } : {}),
        containers: [{ name: app, ports: [{ containerPort: 9080 }] }],
      },
    },
  },
});

const pod = (app: string, version: string, proxy: boolean, i = 0): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `${app}-${version}-${i}`, namespace: 'bookinfo', labels: { app, version } },
  spec: { containers: [{ name: app }, ...(proxy ? [{ name: 'istio-proxy' }] : [])] },
});

const pa = (
  namespace: string,
  name: string,
  mode: 'STRICT' | 'PERMISSIVE' | 'DISABLE',
  matchLabels?: Record<string, string>,
  created = '2025-01-01T00:00:00Z',
): PeerAuthentication => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'PeerAuthentication',
  metadata: { name, namespace, creationTimestamp: created },
  spec: { ...(matchLabels ? { selector: { matchLabels } } : {}), mtls: { mode } },
});

const ap = (
  namespace: string,
  name: string,
  matchLabels?: Record<string, string>,
): AuthorizationPolicy => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name, namespace },
  spec: matchLabels ? { selector: { matchLabels } } : {},
});

const base = {
  rootNamespace: ROOT,
  deployments: [
    deployment('reviews-v1', 'reviews', 'v1', 'bookinfo-reviews'),
    deployment('productpage-v1', 'productpage', 'v1', 'bookinfo-productpage'),
    deployment('legacy', 'legacy', 'v1'),
  ],
  pods: [
    pod('reviews', 'v1', true),
    pod('productpage', 'v1', true),
    pod('legacy', 'v1', false),
    pod('legacy', 'v1', false, 1),
  ],
  peerAuthentications: [] as PeerAuthentication[],
  authorizationPolicies: [] as AuthorizationPolicy[],
  requestAuthentications: [] as RequestAuthentication[],
};

describe('workloadSecurity', () => {
  it('gives each workload its proxy coverage, identity and effective mode', () => {
    const rows = workloadSecurity({
      ...base,
      peerAuthentications: [
        pa(ROOT, 'default', 'PERMISSIVE'),
        pa('bookinfo', 'default', 'STRICT'),
        pa('bookinfo', 'legacy-plain', 'DISABLE', { app: 'legacy' }),
      ],
    });
    expect(
      rows.map((r) => [r.name, r.sidecar, r.serviceAccount, r.mtls.mode, r.mtls.source]),
    ).toEqual([
      ['legacy', 'none', 'default', 'DISABLE', 'workload'],
      ['productpage-v1', 'all', 'bookinfo-productpage', 'STRICT', 'namespace'],
      ['reviews-v1', 'all', 'bookinfo-reviews', 'STRICT', 'namespace'],
    ]);
    expect(rows[2].ports).toEqual([9080]);
    expect(rows[2].selector).toEqual({ app: 'reviews', version: 'v1' });
  });

  it('says partial while a rollout mixes pods with and without the proxy, unknown with no pods', () => {
    const rows = workloadSecurity({
      ...base,
      pods: [pod('reviews', 'v1', true), pod('reviews', 'v1', false, 1)],
    });
    expect(Object.fromEntries(rows.map((r) => [r.name, r.sidecar]))).toEqual({
      legacy: 'unknown',
      'productpage-v1': 'unknown',
      'reviews-v1': 'partial',
    });
  });

  it('lists the authorization policies that apply: same namespace, root namespace, matching selector', () => {
    const rows = workloadSecurity({
      ...base,
      authorizationPolicies: [
        ap('bookinfo', 'reviews-callers', { app: 'reviews' }),
        ap('bookinfo', 'ns-wide'),
        ap(ROOT, 'mesh-wide'),
        ap(ROOT, 'mesh-reviews', { app: 'reviews' }),
        ap('other', 'elsewhere'),
        ap('bookinfo', 'details-only', { app: 'details' }),
      ],
    });
    const reviews = rows.find((r) => r.name === 'reviews-v1')!;
    expect(reviews.authorizationPolicies.map((p) => p.metadata?.name)).toEqual([
      'reviews-callers',
      'ns-wide',
      'mesh-wide',
      'mesh-reviews',
    ]);
    const legacy = rows.find((r) => r.name === 'legacy')!;
    expect(legacy.authorizationPolicies.map((p) => p.metadata?.name)).toEqual([
      'ns-wide',
      'mesh-wide',
    ]);
  });

  it('does not apply targetRefs policies to sidecar workloads', () => {
    const gw: AuthorizationPolicy = {
      ...ap('bookinfo', 'gateway'),
      spec: { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'gw' }] },
    };
    expect(appliesToWorkload(gw, { namespace: 'bookinfo', labels: { app: 'reviews' } }, ROOT)).toBe(
      false,
    );
  });
});

describe('workloadSecurity in an ambient namespace', () => {
  const ambientNs: Namespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'bookinfo', labels: { 'istio.io/dataplane-mode': 'ambient' } },
  };
  const captured = (app: string, i = 0): Pod => {
    const p = pod(app, 'v1', false, i);
    return {
      ...p,
      metadata: { ...p.metadata, annotations: { 'ambient.istio.io/redirection': 'enabled' } },
    };
  };
  const svc = (name: string, labels: Record<string, string> = {}): Service => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'bookinfo', labels },
    spec: { selector: { app: name } },
  });
  const waypoint: GatewayApiGateway = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'waypoint', namespace: 'bookinfo' },
    spec: { gatewayClassName: 'istio-waypoint', listeners: [] },
    status: { conditions: [{ type: 'Programmed', status: 'True' }] },
  };
  const ambient = {
    ...base,
    namespaces: [ambientNs],
    pods: [captured('reviews'), captured('productpage'), pod('legacy', 'v1', false)],
  };
  const row = (rows: ReturnType<typeof workloadSecurity>, name: string) =>
    rows.find((r) => r.name === name)!;

  it('calls captured workloads ambient and the not yet captured one joining', () => {
    const rows = workloadSecurity(ambient);
    expect(rows.map((r) => [r.name, r.dataPlane.kind, r.dataPlane.mesh])).toEqual([
      ['legacy', 'joining', 'none'],
      ['productpage-v1', 'ambient', 'all'],
      ['reviews-v1', 'ambient', 'all'],
    ]);
    // The pods' sidecar coverage is still what it was: none have one.
    expect(rows.every((r) => r.sidecar === 'none')).toBe(true);
  });

  it('gives ambient workloads mTLS through ztunnel, with DISABLE ignored', () => {
    const rows = workloadSecurity({
      ...ambient,
      peerAuthentications: [pa('bookinfo', 'default', 'DISABLE')],
    });
    expect(row(rows, 'reviews-v1').mtls.mode).toBe('DISABLE');
    expect(row(rows, 'reviews-v1').enforcedMtls).toMatchObject({
      mode: 'PERMISSIVE',
      by: 'ztunnel',
      disableIgnored: true,
    });
    expect(row(rows, 'legacy').enforcedMtls.by).toBe('none');
  });

  it('applies a policy on a Service’s waypoint to the workloads behind that Service only', () => {
    const onWaypoint: AuthorizationPolicy = {
      ...ap('bookinfo', 'reviews-on-waypoint'),
      spec: { targetRefs: [{ kind: 'Service', group: '', name: 'reviews' }], rules: [{}] },
    };
    const onGateway: AuthorizationPolicy = {
      ...ap('bookinfo', 'all-through-waypoint'),
      spec: {
        targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }],
        rules: [{}],
      },
    };
    const rows = workloadSecurity({
      ...ambient,
      services: [svc('reviews', { 'istio.io/use-waypoint': 'waypoint' }), svc('productpage')],
      gateways: [waypoint],
      authorizationPolicies: [onWaypoint, onGateway],
    });
    expect(row(rows, 'reviews-v1').services).toEqual([
      {
        name: 'reviews',
        waypoint: expect.objectContaining({ name: 'waypoint', state: 'programmed' }),
      },
    ]);
    expect(row(rows, 'reviews-v1').authorizationPolicies.map((p) => p.metadata?.name)).toEqual([
      'reviews-on-waypoint',
      'all-through-waypoint',
    ]);
    expect(row(rows, 'productpage-v1').authorizationPolicies).toEqual([]);
    expect(row(rows, 'reviews-v1').policyIssues).toEqual([]);
  });

  it('reports a layer-7 selector policy on an ambient workload as failing closed', () => {
    const l7: AuthorizationPolicy = {
      ...ap('bookinfo', 'reviews-get', { app: 'reviews' }),
      spec: {
        selector: { matchLabels: { app: 'reviews' } },
        rules: [{ to: [{ operation: { methods: ['GET'] } }] }],
      },
    };
    const rows = workloadSecurity({ ...ambient, authorizationPolicies: [l7] });
    expect(row(rows, 'reviews-v1').policyIssues.map((i) => i.code)).toEqual([
      'authz.l7-on-ztunnel',
    ]);
    // The same policy on a sidecar workload is checked by its sidecar: nothing to report.
    expect(workloadSecurity({ ...base, authorizationPolicies: [l7] })[2].policyIssues).toEqual([]);
  });
});

describe('namespacePolicyOf / workloadPolicyOf', () => {
  it('picks the oldest namespace-wide policy, as istiod does', () => {
    const policies = [
      pa('bookinfo', 'newer', 'DISABLE', undefined, '2025-02-01T00:00:00Z'),
      pa('bookinfo', 'older', 'STRICT', undefined, '2025-01-01T00:00:00Z'),
      pa('bookinfo', 'selective', 'STRICT', { app: 'reviews' }),
    ];
    expect(namespacePolicyOf(policies, 'bookinfo')?.metadata?.name).toBe('older');
    expect(namespacePolicyOf(policies, 'other')).toBeUndefined();
  });

  it('finds the workload-level policy that decides the mode', () => {
    const policies = [
      pa('bookinfo', 'b-second', 'DISABLE', { app: 'reviews' }, '2025-02-01T00:00:00Z'),
      pa(
        'bookinfo',
        'a-first',
        'STRICT',
        { app: 'reviews', version: 'v1' },
        '2025-01-01T00:00:00Z',
      ),
    ];
    const w = { namespace: 'bookinfo', labels: { app: 'reviews', version: 'v1' } };
    expect(workloadPolicyOf(policies, w, ROOT)?.metadata?.name).toBe('a-first');
    expect(
      workloadPolicyOf(policies, { namespace: 'bookinfo', labels: { app: 'ratings' } }, ROOT),
    ).toBeUndefined();
  });
});

describe('strictImpact', () => {
  it('names the callers without a proxy that STRICT on the namespace would cut off', () => {
    const rows = workloadSecurity(base);
    const impact = strictImpact(rows, { kind: 'namespace' }, true);
    expect(impact.cutOffCallers.map((r) => r.name)).toEqual(['legacy']);
    expect(impact.unenforced.map((r) => r.name)).toEqual(['legacy']);
  });

  it('leaves out workloads that keep their own workload-level mode', () => {
    const rows = workloadSecurity({
      ...base,
      peerAuthentications: [pa('bookinfo', 'reviews-own', 'PERMISSIVE', { app: 'reviews' })],
    });
    const impact = strictImpact(rows, { kind: 'namespace' }, true);
    expect(impact.unenforced.map((r) => r.name)).toEqual(['legacy']);
    expect(impact.cutOffCallers.map((r) => r.name)).toEqual(['legacy']);
    // STRICT on reviews alone still cuts off legacy, and nothing else.
    const one = strictImpact(rows, { kind: 'workload', name: 'reviews-v1' }, true);
    expect(one.cutOffCallers.map((r) => r.name)).toEqual(['legacy']);
    expect(one.unenforced).toEqual([]);
  });

  it('warns about nothing when every workload has the proxy', () => {
    const rows = workloadSecurity({
      ...base,
      deployments: base.deployments.slice(0, 2),
    });
    expect(strictImpact(rows, { kind: 'namespace' }, true)).toEqual({
      unknown: false,
      unenforced: [],
      cutOffCallers: [],
    });
  });

  it('is unknown, not harmless, when the workloads could not be read', () => {
    // What the real console showed when the Deployment watch was never started: no rows at all.
    expect(strictImpact([], { kind: 'namespace' }, false)).toEqual({
      unknown: true,
      unenforced: [],
      cutOffCallers: [],
    });
    expect(strictImpact([], { kind: 'namespace' }, true).unknown).toBe(false);
  });

  it('counts only workloads outside the mesh: ambient ones speak mTLS through ztunnel', () => {
    const ambientNs: Namespace = {
      metadata: { name: 'bookinfo', labels: { 'istio.io/dataplane-mode': 'ambient' } },
    };
    const captured = (p: Pod): Pod => ({
      ...p,
      metadata: { ...p.metadata, annotations: { 'ambient.istio.io/redirection': 'enabled' } },
    });
    const allAmbient = workloadSecurity({
      ...base,
      namespaces: [ambientNs],
      pods: base.pods.map(captured),
    });
    expect(strictImpact(allAmbient, { kind: 'namespace' }, true)).toEqual({
      unknown: false,
      unenforced: [],
      cutOffCallers: [],
    });
    // A pod of legacy opted out of ambient: that one is really outside, and only that one.
    const optedOut = workloadSecurity({
      ...base,
      namespaces: [ambientNs],
      pods: [
        captured(pod('reviews', 'v1', false)),
        pod('productpage', 'v1', true),
        {
          ...pod('legacy', 'v1', false),
          metadata: {
            ...pod('legacy', 'v1', false).metadata,
            labels: { app: 'legacy', version: 'v1', 'istio.io/dataplane-mode': 'none' },
          },
        },
      ],
    });
    const impact = strictImpact(optedOut, { kind: 'namespace' }, true);
    expect(impact.cutOffCallers.map((r) => r.name)).toEqual(['legacy']);
    expect(impact.unenforced.map((r) => r.name)).toEqual(['legacy']);
  });

  it('counts pods still joining ambient as outside until ztunnel captures them', () => {
    const rows = workloadSecurity({
      ...base,
      namespaces: [
        { metadata: { name: 'bookinfo', labels: { 'istio.io/dataplane-mode': 'ambient' } } },
      ],
    });
    expect(rows.find((r) => r.name === 'legacy')?.dataPlane.kind).toBe('joining');
    expect(
      strictImpact(rows, { kind: 'namespace' }, true).cutOffCallers.map((r) => r.name),
    ).toEqual(['legacy']);
  });

  it('cuts nobody off when no STRICT target has a proxy to enforce it', () => {
    const rows = workloadSecurity(base);
    expect(strictImpact(rows, { kind: 'workload', name: 'legacy' }, true).cutOffCallers).toEqual(
      [],
    );
  });
});

describe('inheritedMode', () => {
  const policies = [pa(ROOT, 'default', 'STRICT'), pa('bookinfo', 'default', 'DISABLE')];
  it('is the mesh mode for a namespace and the namespace mode for a workload', () => {
    expect(inheritedMode(policies, ROOT, { namespace: 'bookinfo' }, 'namespace')).toBe('STRICT');
    expect(
      inheritedMode(policies, ROOT, { namespace: 'bookinfo', labels: { app: 'x' } }, 'workload'),
    ).toBe('DISABLE');
    expect(inheritedMode([], ROOT, { namespace: 'bookinfo' }, 'namespace')).toBe('PERMISSIVE');
  });
});

describe('rootNamespaceOf and meshMembers', () => {
  const plane = (namespace: string, members: string[]) =>
    ({
      name: 'default',
      namespace,
      revision: 'default',
      health: { state: 'healthy' },
      members,
    }) as never;
  const detection = {
    mesh: 'both',
    ossm3: { controlPlanes: [plane('istio-system', ['bookinfo', 'shop'])] },
    ossm2: { controlPlanes: [plane('legacy-cp', ['old-app', 'bookinfo'])] },
    reasons: [],
  } as unknown as MeshDetection;

  it('takes the root namespace from the control plane the namespace belongs to', () => {
    expect(rootNamespaceOf(detection, 'old-app')).toBe('legacy-cp');
    expect(rootNamespaceOf(detection, 'shop')).toBe('istio-system');
    expect(rootNamespaceOf(detection, 'elsewhere')).toBe('istio-system');
    expect(rootNamespaceOf(undefined, 'bookinfo')).toBe('istio-system');
  });

  it('lists every member namespace once, sorted', () => {
    expect(meshMembers(detection)).toEqual(['bookinfo', 'old-app', 'shop']);
    expect(meshMembers(undefined)).toEqual([]);
  });
});
