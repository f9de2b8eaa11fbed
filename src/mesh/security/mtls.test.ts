import type { MutualTLSMode, PeerAuthentication, Pod } from '../../models';
import { validateIstioObject } from '../../testing/istioSchemas';
import {
  buildNamespacePeerAuthentication,
  buildWorkloadPeerAuthentication,
  resolveEffectiveMtls,
  setPeerAuthenticationMode,
  setPortLevelMtls,
  sidecarStatus,
  strictWouldBreak,
  validatePeerAuthentication,
} from './mtls';

const ROOT = 'istio-system';

const pa = (
  namespace: string,
  name: string,
  mode?: MutualTLSMode,
  extra: Partial<NonNullable<PeerAuthentication['spec']>> = {},
  created = '2024-01-01T00:00:00Z',
): PeerAuthentication => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'PeerAuthentication',
  metadata: { name, namespace, creationTimestamp: created },
  spec: { ...(mode ? { mtls: { mode } } : {}), ...extra },
});

const reviews = { namespace: 'bookinfo', labels: { app: 'reviews', version: 'v1' }, ports: [9080] };
const sel = { selector: { matchLabels: { app: 'reviews' } } };

describe('resolveEffectiveMtls', () => {
  it('defaults to PERMISSIVE when no policy applies', () => {
    expect(resolveEffectiveMtls([], ROOT, reviews)).toEqual({
      mode: 'PERMISSIVE',
      source: 'default',
      portModes: { '9080': 'PERMISSIVE' },
      ignored: [],
    });
  });

  it.each<[string, PeerAuthentication[], string, string, string | undefined]>([
    ['mesh only', [pa(ROOT, 'default', 'STRICT')], 'STRICT', 'mesh', 'default'],
    [
      'namespace over mesh',
      [pa(ROOT, 'default', 'STRICT'), pa('bookinfo', 'ns', 'DISABLE')],
      'DISABLE',
      'namespace',
      'ns',
    ],
    [
      'workload over namespace and mesh',
      [
        pa(ROOT, 'default', 'STRICT'),
        pa('bookinfo', 'ns', 'DISABLE'),
        pa('bookinfo', 'w', 'PERMISSIVE', sel),
      ],
      'PERMISSIVE',
      'workload',
      'w',
    ],
    [
      'UNSET workload inherits the namespace',
      [pa('bookinfo', 'ns', 'STRICT'), pa('bookinfo', 'w', 'UNSET', sel)],
      'STRICT',
      'namespace',
      'ns',
    ],
    [
      'a workload policy without mtls inherits the mesh',
      [pa(ROOT, 'default', 'DISABLE'), pa('bookinfo', 'w', undefined, sel)],
      'DISABLE',
      'mesh',
      'default',
    ],
    [
      'UNSET namespace inherits the mesh',
      [pa(ROOT, 'default', 'STRICT'), pa('bookinfo', 'ns', 'UNSET')],
      'STRICT',
      'mesh',
      'default',
    ],
    [
      'UNSET everywhere falls back to PERMISSIVE',
      [
        pa(ROOT, 'default', 'UNSET'),
        pa('bookinfo', 'ns', 'UNSET'),
        pa('bookinfo', 'w', 'UNSET', sel),
      ],
      'PERMISSIVE',
      'default',
      undefined,
    ],
    [
      'a non-matching selector is ignored',
      [
        pa('bookinfo', 'ns', 'STRICT'),
        pa('bookinfo', 'w', 'DISABLE', { selector: { matchLabels: { app: 'ratings' } } }),
      ],
      'STRICT',
      'namespace',
      'ns',
    ],
    [
      'a selector needing a label the pod lacks is ignored',
      [
        pa('bookinfo', 'w', 'DISABLE', {
          selector: { matchLabels: { app: 'reviews', version: 'v2' } },
        }),
      ],
      'PERMISSIVE',
      'default',
      undefined,
    ],
    [
      'policies of other namespaces do not apply',
      [pa('other', 'ns', 'STRICT'), pa('other', 'w', 'DISABLE', sel)],
      'PERMISSIVE',
      'default',
      undefined,
    ],
    [
      // istiod ignores selector policies in the root namespace for other namespaces' workloads.
      'a selector policy in the root namespace is not mesh-wide',
      [pa(ROOT, 'w', 'STRICT', sel)],
      'PERMISSIVE',
      'default',
      undefined,
    ],
    [
      // An empty matchLabels selects everything, so it behaves as a namespace-wide policy.
      'an empty selector counts as namespace-wide',
      [pa('bookinfo', 'ns', 'STRICT', { selector: { matchLabels: {} } })],
      'STRICT',
      'namespace',
      'ns',
    ],
  ])('%s', (_name, policies, mode, source, policyName) => {
    const result = resolveEffectiveMtls(policies, ROOT, reviews);
    expect(result.mode).toBe(mode);
    expect(result.source).toBe(source);
    expect(result.policy?.name).toBe(policyName);
    expect(result.portModes['9080']).toBe(mode);
  });

  it('lets the oldest of several matching workload policies win, as istiod does', () => {
    const result = resolveEffectiveMtls(
      [
        pa('bookinfo', 'newer', 'DISABLE', sel, '2024-05-01T00:00:00Z'),
        pa('bookinfo', 'older', 'STRICT', sel, '2024-02-01T00:00:00Z'),
      ],
      ROOT,
      reviews,
    );
    expect(result).toMatchObject({
      mode: 'STRICT',
      source: 'workload',
      policy: { name: 'older', namespace: 'bookinfo' },
      ignored: [{ name: 'newer', namespace: 'bookinfo' }],
    });
  });

  it('breaks a creation-time tie by name, and counts an uncreated policy as newest', () => {
    const tie = resolveEffectiveMtls(
      [pa('bookinfo', 'b', 'DISABLE'), pa('bookinfo', 'a', 'STRICT')],
      ROOT,
      reviews,
    );
    expect(tie.policy?.name).toBe('a');
    const draft: PeerAuthentication = {
      ...pa('bookinfo', 'draft', 'DISABLE'),
      metadata: { name: 'draft', namespace: 'bookinfo' },
    };
    expect(resolveEffectiveMtls([draft, pa('bookinfo', 'z', 'STRICT')], ROOT, reviews).mode).toBe(
      'STRICT',
    );
  });

  it('applies port-level modes from the workload policy; UNSET ports inherit', () => {
    const result = resolveEffectiveMtls(
      [
        pa('bookinfo', 'ns', 'PERMISSIVE'),
        pa('bookinfo', 'w', 'STRICT', {
          ...sel,
          portLevelMtls: {
            '9090': { mode: 'PERMISSIVE' },
            '9091': { mode: 'UNSET' },
            '9092': { mode: 'DISABLE' },
          },
        }),
      ],
      ROOT,
      { ...reviews, ports: [9080, 9090] },
    );
    expect(result.portModes).toEqual({
      '9080': 'STRICT',
      '9090': 'PERMISSIVE',
      '9091': 'STRICT',
      '9092': 'DISABLE',
    });
  });

  it('lets UNSET ports of an UNSET workload policy inherit the namespace mode', () => {
    const result = resolveEffectiveMtls(
      [
        pa('bookinfo', 'ns', 'STRICT'),
        pa('bookinfo', 'w', 'UNSET', {
          ...sel,
          portLevelMtls: { '9090': { mode: 'UNSET' }, '9091': { mode: 'PERMISSIVE' } },
        }),
      ],
      ROOT,
      reviews,
    );
    expect(result).toMatchObject({ mode: 'STRICT', source: 'namespace' });
    expect(result.portModes).toEqual({ '9080': 'STRICT', '9090': 'STRICT', '9091': 'PERMISSIVE' });
  });

  it('ignores port-level settings of a policy that does not select the workload', () => {
    const result = resolveEffectiveMtls(
      [
        pa('bookinfo', 'w', 'STRICT', {
          selector: { matchLabels: { app: 'ratings' } },
          portLevelMtls: { '9090': { mode: 'DISABLE' } },
        }),
      ],
      ROOT,
      reviews,
    );
    expect(result.portModes).toEqual({ '9080': 'PERMISSIVE' });
  });
});

const pod = (
  spec: Pod['spec'],
  status?: Pod['status'],
  annotations?: Record<string, string>,
): Pod => ({
  metadata: { name: 'p', namespace: 'bookinfo', ...(annotations ? { annotations } : {}) },
  spec,
  status,
});

describe('sidecarStatus', () => {
  it('finds a classic sidecar container and its readiness', () => {
    const p = pod(
      {
        containers: [{ name: 'app' }, { name: 'istio-proxy' }],
        initContainers: [{ name: 'istio-validation' }],
      },
      {
        containerStatuses: [
          { name: 'app', ready: true },
          { name: 'istio-proxy', ready: true },
        ],
      },
    );
    expect(sidecarStatus(p)).toEqual({ hasProxy: true, proxyReady: true, native: false });
  });

  it('reports a sidecar that is not ready yet', () => {
    const p = pod(
      { containers: [{ name: 'istio-proxy' }] },
      { containerStatuses: [{ name: 'istio-proxy', ready: false }] },
    );
    expect(sidecarStatus(p)).toEqual({ hasProxy: true, proxyReady: false, native: false });
  });

  it('finds a native sidecar (init container with restartPolicy Always)', () => {
    const p = pod(
      {
        containers: [{ name: 'app' }],
        initContainers: [{ name: 'istio-proxy', restartPolicy: 'Always' }],
      },
      {
        containerStatuses: [{ name: 'app', ready: true }],
        initContainerStatuses: [{ name: 'istio-proxy', ready: true }],
      },
    );
    expect(sidecarStatus(p)).toEqual({ hasProxy: true, proxyReady: true, native: true });
  });

  it('trusts the injector annotation when containers are not listed', () => {
    const p = pod({ containers: [{ name: 'app' }] }, undefined, {
      'sidecar.istio.io/status': '{"containers":["istio-proxy"]}',
    });
    expect(sidecarStatus(p)).toEqual({ hasProxy: true, proxyReady: false, native: false });
  });

  it('reports no proxy for a plain pod, even with an istio-init container name elsewhere', () => {
    const p = pod(
      { containers: [{ name: 'app' }], initContainers: [{ name: 'istio-init' }] },
      { containerStatuses: [{ name: 'app', ready: true }] },
    );
    expect(sidecarStatus(p)).toEqual({ hasProxy: false, proxyReady: false, native: false });
  });
});

describe('strictWouldBreak', () => {
  it('returns only the callers without a sidecar', () => {
    expect(
      strictWouldBreak({
        target: { namespace: 'bookinfo' },
        callers: [
          { workload: 'productpage', hasSidecar: true },
          { workload: 'legacy-cron', hasSidecar: false },
          { workload: 'curl', hasSidecar: false },
        ],
      }),
    ).toEqual(['legacy-cron', 'curl']);
  });

  it('returns nothing when every caller has a sidecar', () => {
    expect(
      strictWouldBreak({ target: 'reviews', callers: [{ workload: 'a', hasSidecar: true }] }),
    ).toEqual([]);
  });
});

describe('PeerAuthentication builders', () => {
  it.each(['v1', 'v1beta1'] as const)(
    'builds a namespace policy named default at %s',
    (version) => {
      const obj = buildNamespacePeerAuthentication('bookinfo', 'STRICT', version);
      expect(obj).toEqual({
        apiVersion: `security.istio.io/${version}`,
        kind: 'PeerAuthentication',
        metadata: { name: 'default', namespace: 'bookinfo' },
        spec: { mtls: { mode: 'STRICT' } },
      });
      expect(() => validateIstioObject(obj)).not.toThrow();
      expect(validatePeerAuthentication(obj)).toEqual([]);
    },
  );

  it.each(['v1', 'v1beta1'] as const)(
    'builds a workload policy with port-level modes at %s',
    (version) => {
      const obj = buildWorkloadPeerAuthentication(
        {
          namespace: 'bookinfo',
          name: 'ratings-metrics-port',
          matchLabels: { app: 'ratings' },
          mode: 'STRICT',
          portLevelMtls: { '9090': 'PERMISSIVE' },
        },
        version,
      );
      expect(obj.spec).toEqual({
        selector: { matchLabels: { app: 'ratings' } },
        mtls: { mode: 'STRICT' },
        portLevelMtls: { '9090': { mode: 'PERMISSIVE' } },
      });
      expect(() => validateIstioObject(obj)).not.toThrow();
      expect(validatePeerAuthentication(obj)).toEqual([]);
    },
  );

  const existing: PeerAuthentication = {
    apiVersion: 'security.istio.io/v1beta1',
    kind: 'PeerAuthentication',
    metadata: {
      name: 'reviews',
      namespace: 'bookinfo',
      resourceVersion: '4711',
      uid: 'u-1',
      labels: { team: 'a' },
      annotations: { note: 'hand-made' },
    },
    spec: {
      selector: { matchLabels: { app: 'reviews' } },
      mtls: { mode: 'PERMISSIVE' },
      portLevelMtls: { '9090': { mode: 'DISABLE' } },
    },
  };

  it('changes only the mode when editing, keeping resourceVersion and apiVersion', () => {
    const before = JSON.parse(JSON.stringify(existing));
    const edited = setPeerAuthenticationMode(existing, 'STRICT');
    expect(edited).toEqual({ ...before, spec: { ...before.spec, mtls: { mode: 'STRICT' } } });
    expect(existing).toEqual(before); // the input is not mutated
    expect(() => validateIstioObject(edited)).not.toThrow();
  });

  it('edits, adds and removes port-level overrides without touching the rest', () => {
    const added = setPortLevelMtls(existing, 8080, 'STRICT');
    expect(added).toEqual({
      ...existing,
      spec: {
        ...existing.spec,
        portLevelMtls: { '9090': { mode: 'DISABLE' }, '8080': { mode: 'STRICT' } },
      },
    });
    const removed = setPortLevelMtls(
      setPortLevelMtls(existing, '9090', undefined),
      8080,
      undefined,
    );
    const rest = { ...existing.spec };
    delete rest.portLevelMtls;
    expect(removed).toEqual({ ...existing, spec: rest });
    expect(() => validateIstioObject(removed)).not.toThrow();
  });
});

describe('validatePeerAuthentication', () => {
  it('requires a selector for port-level mTLS', () => {
    const bad = pa('bookinfo', 'ns', 'STRICT', {
      portLevelMtls: { '9090': { mode: 'PERMISSIVE' } },
    });
    expect(validatePeerAuthentication(bad)).toEqual([
      {
        path: ['spec', 'portLevelMtls'],
        code: 'mtls.port-level-needs-selector',
        severity: 'error',
      },
    ]);
  });

  it('rejects an empty portLevelMtls and bad port numbers', () => {
    expect(
      validatePeerAuthentication(pa('bookinfo', 'w', 'STRICT', { ...sel, portLevelMtls: {} })),
    ).toEqual([
      { path: ['spec', 'portLevelMtls'], code: 'mtls.port-level-empty', severity: 'error' },
    ]);
    expect(
      validatePeerAuthentication(
        pa('bookinfo', 'w', 'STRICT', { ...sel, portLevelMtls: { '70000': { mode: 'STRICT' } } }),
      ),
    ).toEqual([
      {
        // The port is a map key: its own segment, a string.
        path: ['spec', 'portLevelMtls', '70000'],
        code: 'security.port-invalid',
        params: { port: '70000', min: 1, max: 65535 },
        severity: 'error',
      },
    ]);
  });

  it('rejects unknown modes and wildcard selectors', () => {
    const bad = pa('bookinfo', 'w', 'MUTUAL' as MutualTLSMode, {
      selector: { matchLabels: { app: 'rev*' } },
    });
    expect(validatePeerAuthentication(bad)).toEqual([
      {
        path: ['spec', 'selector', 'matchLabels', 'app'],
        code: 'security.selector-label-value-wildcard',
        params: { value: 'rev*' },
        severity: 'error',
      },
      {
        path: ['spec', 'mtls', 'mode'],
        code: 'mtls.mode-unknown',
        params: { mode: 'MUTUAL' },
        severity: 'error',
      },
    ]);
    expect(
      validatePeerAuthentication(
        pa('bookinfo', 'w', 'STRICT', {
          ...sel,
          portLevelMtls: { '9080': { mode: 'MUTUAL' as MutualTLSMode } },
        }),
      ),
    ).toEqual([
      {
        path: ['spec', 'portLevelMtls', '9080', 'mode'],
        code: 'mtls.mode-unknown',
        params: { mode: 'MUTUAL' },
        severity: 'error',
      },
    ]);
  });
});
