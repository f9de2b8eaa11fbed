import type { DaemonSet, Istio, PodMonitor } from '../../models';
import { scrapesSidecars, scrapesZtunnel, ztunnelNamespaces } from './monitorCoverage';
import { proxyPodMonitor, ztunnelPodMonitor } from './observabilityObjects';

const monitor = (
  namespace: string,
  endpoints: NonNullable<PodMonitor['spec']['podMetricsEndpoints']>,
  extra: Partial<PodMonitor['spec']> = {},
): PodMonitor => ({
  metadata: { name: 'm', namespace },
  spec: { selector: {}, podMetricsEndpoints: endpoints, ...extra },
});

const ztunnelDs = (namespace: string, labels = { app: 'ztunnel' }): DaemonSet => ({
  metadata: { name: 'ztunnel', namespace, labels },
});

const istio = (profile?: string, trusted?: string): Istio => ({
  metadata: { name: 'default' },
  spec: {
    namespace: 'istio-system',
    ...(profile ? { profile } : {}),
    ...(trusted ? { values: { pilot: { trustedZtunnelNamespace: trusted } } } : {}),
  },
});

describe('scrapesZtunnel', () => {
  it('takes ztunnel’s port, or a port-less endpoint at a path ztunnel serves', () => {
    expect(scrapesZtunnel(ztunnelPodMonitor('ztunnel'), 'ztunnel')).toBe(true);
    expect(scrapesZtunnel(monitor('ztunnel', [{ port: 'ztunnel-stats' }]), 'ztunnel')).toBe(true);
    // ztunnel answers /metrics and /stats/prometheus alike; /metrics is the default path.
    expect(scrapesZtunnel(monitor('ztunnel', [{ path: '/stats/prometheus' }]), 'ztunnel')).toBe(
      true,
    );
    expect(scrapesZtunnel(monitor('ztunnel', [{}]), 'ztunnel')).toBe(true);
    // Another named port is not ztunnel's, whatever the path.
    expect(
      scrapesZtunnel(monitor('ztunnel', [{ port: 'metrics', path: '/metrics' }]), 'ztunnel'),
    ).toBe(false);
    expect(scrapesZtunnel(proxyPodMonitor('ztunnel'), 'ztunnel')).toBe(false);
    expect(scrapesZtunnel(monitor('ztunnel', [{ path: '/healthz' }]), 'ztunnel')).toBe(false);
  });

  it('counts only a monitor in ztunnel’s own namespace (user-workload monitoring ignores namespaceSelector)', () => {
    expect(scrapesZtunnel(ztunnelPodMonitor('ztunnel'), 'istio-system')).toBe(false);
    const elsewhere = monitor('monitoring', [{ port: 'ztunnel-stats' }], {
      namespaceSelector: { any: true },
    });
    expect(scrapesZtunnel(elsewhere, 'ztunnel')).toBe(false);
  });

  it('leaves the sidecar rule as it was', () => {
    expect(scrapesSidecars(proxyPodMonitor('bookinfo'), 'bookinfo')).toBe(true);
    expect(scrapesSidecars(ztunnelPodMonitor('ztunnel'), 'ztunnel')).toBe(false);
    const wide = monitor('monitoring', [{ port: 'http-envoy-prom' }], {
      namespaceSelector: { matchNames: ['bookinfo'] },
    });
    expect(scrapesSidecars(wide, 'bookinfo')).toBe(true);
    expect(scrapesSidecars(wide, 'shop')).toBe(false);
  });
});

describe('ztunnelNamespaces', () => {
  it('is where a ztunnel DaemonSet runs', () => {
    expect(ztunnelNamespaces([ztunnelDs('ztunnel')], istio('ambient'))).toEqual(['ztunnel']);
    // What runs wins over the control plane's setting, as Kiali detects ambient by the DaemonSet.
    expect(ztunnelNamespaces([ztunnelDs('zt-b'), ztunnelDs('zt-a')], istio())).toEqual([
      'zt-a',
      'zt-b',
    ]);
    expect(ztunnelNamespaces([ztunnelDs('x', { app: 'other' } as { app: string })])).toBe(
      undefined,
    );
  });

  it('before ztunnel runs, is the namespace an ambient control plane trusts', () => {
    expect(ztunnelNamespaces([], istio('ambient', 'zt'))).toEqual(['zt']);
    expect(ztunnelNamespaces([], istio('openshift-ambient'))).toEqual(['ztunnel']);
  });

  it('is undefined on a mesh without ambient', () => {
    expect(ztunnelNamespaces([], istio())).toBeUndefined();
    expect(ztunnelNamespaces([], undefined)).toBeUndefined();
  });
});
