import type {
  AuthorizationPolicy,
  Deployment,
  PeerAuthentication,
  Pod,
  RequestAuthentication,
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
