import type { ConfigMap, DaemonSet, StatefulSet } from '../../models';
import {
  CP,
  complete,
  hidden,
  istio,
  monitoringConfig,
  readable,
  tempo,
  uwmPrometheus,
} from '../../testing/telemetryFixtures';
import {
  collectorObjects,
  meshTelemetry,
  proxyPodMonitor,
  ztunnelPodMonitor,
} from '../install/observabilityObjects';
import { meshZtunnelNamespaces, telemetryReadiness } from './telemetryReadiness';
import type { ReadinessScope, TelemetryObjects } from './telemetryReadiness';

const bookinfo: ReadinessScope = { kind: 'namespace', namespace: 'bookinfo' };
const states = (o: TelemetryObjects, scope: ReadinessScope = bookinfo, kiali?: boolean) =>
  Object.fromEntries(telemetryReadiness(o, scope, CP, kiali).links.map((l) => [l.id, l.state]));

describe('telemetryReadiness', () => {
  it('is ready on both chains with everything the wizard creates', () => {
    const r = telemetryReadiness(complete(), bookinfo, CP);
    expect(r.metricsReady).toBe(true);
    expect(r.tracingReady).toBe(true);
    expect(r.firstGap).toEqual({ metrics: undefined, tracing: undefined });
  });

  it('names user-workload monitoring first on a cluster where it is off or malformed', () => {
    const off = { ...complete(), monitoringConfigs: readable<ConfigMap>() };
    const r = telemetryReadiness(off, bookinfo, CP);
    expect(r.metricsReady).toBe(false);
    expect(r.firstGap.metrics).toMatchObject({
      id: 'uwm-enabled',
      state: 'missing',
      fix: 'metrics',
    });
    const broken = {
      ...complete(),
      monitoringConfigs: readable([monitoringConfig('prometheusK8s: [\n')]),
    };
    expect(telemetryReadiness(broken, bookinfo, CP).firstGap.metrics?.detail).toEqual({
      malformed: true,
    });
  });

  it('waits for the user-workload Prometheus to be ready', () => {
    const o = { ...complete(), uwmStatefulSets: readable([uwmPrometheus(1)]) };
    expect(states(o)['uwm-prometheus']).toBe('missing');
    expect(
      states({ ...complete(), uwmStatefulSets: readable<StatefulSet>() })['uwm-prometheus'],
    ).toBe('missing');
  });

  it('lists the member namespaces whose sidecars nothing scrapes', () => {
    const scope: ReadinessScope = { kind: 'mesh', members: ['bookinfo', 'shop'] };
    const r = telemetryReadiness(complete(), scope, CP);
    expect(r.firstGap.metrics).toMatchObject({
      id: 'proxies-scraped',
      detail: { namespaces: ['shop'] },
    });
    // A PodMonitor with a namespaceSelector covers other namespaces too.
    const wide = {
      ...complete(),
      podMonitors: readable([
        {
          ...proxyPodMonitor('monitoring'),
          spec: { ...proxyPodMonitor('x').spec, namespaceSelector: { any: true } },
        },
      ]),
    };
    expect(telemetryReadiness(wide, scope, CP).metricsReady).toBe(true);
    // No members at all: nothing is scraped.
    expect(states(complete(), { kind: 'mesh', members: [] })['proxies-scraped']).toBe('missing');
  });

  it('needs istiod scraped and Kiali able to read Thanos', () => {
    expect(states({ ...complete(), serviceMonitors: readable() })['istiod-scraped']).toBe(
      'missing',
    );
    expect(states({ ...complete(), clusterRoleBindings: readable() })['kiali-metrics']).toBe(
      'missing',
    );
    // Kiali's own answer wins over the binding.
    expect(states(complete(), bookinfo, false)['kiali-metrics']).toBe('missing');
    expect(states({ ...complete(), kialis: readable() })['kiali-metrics']).toBe('missing');
  });

  it('says unknown, not missing, for what the user may not read', () => {
    const s = states({
      ...complete(),
      monitoringConfigs: hidden,
      uwmStatefulSets: hidden,
      clusterRoleBindings: hidden,
    });
    expect(s['uwm-enabled']).toBe('unknown');
    expect(s['uwm-prometheus']).toBe('unknown');
    expect(s['kiali-metrics']).toBe('unknown');
    expect(s['proxies-scraped']).toBe('ok');
  });

  it('marks a workload without a sidecar: its traffic is reported by nothing', () => {
    const scope: ReadinessScope = {
      kind: 'workload',
      namespace: 'bookinfo',
      name: 'legacy',
      sidecar: false,
    };
    const r = telemetryReadiness(complete(), scope, CP);
    expect(r.firstGap.metrics).toMatchObject({ id: 'workload-sidecar', fix: 'members' });
    const scaledDown = telemetryReadiness(complete(), { ...scope, sidecar: undefined }, CP);
    expect(scaledDown.links.find((l) => l.id === 'workload-sidecar')?.state).toBe('unknown');
    expect(scaledDown.metricsReady).toBe(false);
  });

  it('follows the tracing chain link by link: Tempo, collector, provider, Telemetry, Kiali', () => {
    const notReadyTempo = {
      ...complete(),
      tempoMonolithics: readable([{ metadata: { name: 'sample', namespace: 'tempo' } }]),
    };
    // The collector exports to a Tempo that is not ready, so it does not count either.
    expect(states(notReadyTempo)).toMatchObject({
      'tempo-ready': 'missing',
      'collector-ready': 'missing',
    });
    const starting = { ...complete(), collectors: readable([collectorObjects(CP, tempo)[2]]) };
    expect(telemetryReadiness(starting, bookinfo, CP).firstGap.tracing?.id).toBe('collector-ready');
    const noProvider = { ...complete(), istios: readable([istio([])]) };
    expect(telemetryReadiness(noProvider, bookinfo, CP).firstGap.tracing?.id).toBe(
      'tracing-provider',
    );
    // A provider pointing somewhere else is not ours.
    const elsewhere = {
      ...complete(),
      istios: readable([
        istio([{ name: 'otel-tracing', opentelemetry: { service: 'old.svc', port: 4317 } }]),
      ]),
    };
    expect(states(elsewhere)['tracing-provider']).toBe('missing');
    const noTelemetry = { ...complete(), telemetries: readable() };
    expect(telemetryReadiness(noTelemetry, bookinfo, CP).firstGap.tracing?.id).toBe(
      'tracing-telemetry',
    );
    const kialiBlind = {
      ...complete(),
      kialis: readable([{ metadata: { name: 'kiali', namespace: CP }, spec: {} }]),
    };
    expect(telemetryReadiness(kialiBlind, bookinfo, CP).firstGap.tracing).toMatchObject({
      id: 'kiali-tracing',
      fix: 'kiali-instance',
    });
  });

  it('treats a sampling of 0 as tracing nothing, and an unset one as the 1 % default', () => {
    const zero = { ...complete(), telemetries: readable([meshTelemetry(CP, 0)]) };
    const r = telemetryReadiness(zero, bookinfo, CP);
    expect(r.firstGap.tracing).toMatchObject({ id: 'tracing-telemetry', detail: { sampling: 0 } });
    const unset = meshTelemetry(CP, 5);
    delete unset.spec?.tracing?.[0].randomSamplingPercentage;
    const dflt = telemetryReadiness(
      { ...complete(), telemetries: readable([unset]) },
      bookinfo,
      CP,
    );
    expect(dflt.tracingReady).toBe(true);
    expect(dflt.links.find((l) => l.id === 'tracing-telemetry')?.detail).toEqual({ sampling: 1 });
  });

  it("takes a namespace's own Telemetry over the mesh-wide one", () => {
    const off = {
      ...meshTelemetry('bookinfo', 0),
      metadata: { name: 'quiet', namespace: 'bookinfo' },
    };
    const o = { ...complete(), telemetries: readable([meshTelemetry(CP, 1), off]) };
    expect(states(o)['tracing-telemetry']).toBe('missing');
    expect(states(o, { kind: 'namespace', namespace: 'shop' })['tracing-telemetry']).toBe('ok');
  });

  describe('on an ambient mesh', () => {
    const ztunnelDs: DaemonSet = {
      metadata: { name: 'ztunnel', namespace: 'ztunnel', labels: { app: 'ztunnel' } },
    };
    const ambient = (o: TelemetryObjects = complete()): TelemetryObjects => ({
      ...o,
      ztunnelDaemonSets: readable([ztunnelDs]),
    });
    const scraped = (o: TelemetryObjects = ambient()): TelemetryObjects => ({
      ...o,
      podMonitors: readable([...o.podMonitors.items, ztunnelPodMonitor('ztunnel')]),
    });
    const mesh: ReadinessScope = { kind: 'mesh', members: ['bookinfo'] };

    it('leaves a mesh without ztunnel as it was: no ztunnel line', () => {
      const ids = telemetryReadiness(complete(), mesh, CP).links.map((l) => l.id);
      expect(ids).toEqual([
        'uwm-enabled',
        'uwm-prometheus',
        'istiod-scraped',
        'proxies-scraped',
        'kiali-metrics',
        'tempo-ready',
        'collector-ready',
        'tracing-provider',
        'tracing-telemetry',
        'kiali-tracing',
      ]);
      expect(meshZtunnelNamespaces(complete(), CP)).toBeUndefined();
    });

    it('needs ztunnel scraped: without it Kiali has no L4 edges and no waypoint', () => {
      const r = telemetryReadiness(ambient(), mesh, CP);
      expect(r.metricsReady).toBe(false);
      expect(r.firstGap.metrics).toEqual({
        id: 'ztunnel-scraped',
        chain: 'metrics',
        state: 'missing',
        fix: 'metrics',
        detail: { namespaces: ['ztunnel'] },
      });
      // Right after the sidecars' line, before Kiali's.
      const ids = r.links.map((l) => l.id);
      expect(ids.indexOf('ztunnel-scraped')).toBe(ids.indexOf('proxies-scraped') + 1);
      // What the wizard's metrics step writes completes it.
      const done = telemetryReadiness(scraped(), mesh, CP);
      expect(done.metricsReady).toBe(true);
      expect(done.links.find((l) => l.id === 'ztunnel-scraped')).toMatchObject({
        state: 'ok',
        detail: { namespaces: [] },
      });
    });

    it('knows an ambient control plane before ztunnel runs, and where ztunnel will be', () => {
      const o: TelemetryObjects = {
        ...complete(),
        istios: readable([
          {
            ...istio([]),
            spec: {
              namespace: CP,
              profile: 'ambient',
              values: { pilot: { trustedZtunnelNamespace: 'ztunnel' } },
            },
          },
        ]),
        ztunnelDaemonSets: hidden,
      };
      expect(meshZtunnelNamespaces(o, CP)).toEqual(['ztunnel']);
      expect(states(o, mesh)['ztunnel-scraped']).toBe('missing');
    });

    it('says unknown when the PodMonitors cannot be read', () => {
      expect(states({ ...ambient(), podMonitors: hidden }, mesh)['ztunnel-scraped']).toBe(
        'unknown',
      );
    });

    it('asks about ztunnel for what it captures, not for sidecar workloads', () => {
      // A namespace whose data plane is not known, and one known to use ztunnel.
      expect(states(ambient())['ztunnel-scraped']).toBe('missing');
      expect(states(ambient(), { ...bookinfo, ambient: true })['ztunnel-scraped']).toBe('missing');
      const sidecars: ReadinessScope = {
        kind: 'workload',
        namespace: 'bookinfo',
        name: 'reviews-v1',
        sidecar: true,
        ambient: false,
      };
      const r = telemetryReadiness(ambient(), sidecars, CP);
      expect(r.links.find((l) => l.id === 'ztunnel-scraped')).toBeUndefined();
      expect(r.metricsReady).toBe(true);
      expect(states(ambient(), { ...bookinfo, ambient: false })['ztunnel-scraped']).toBeUndefined();
    });

    it('does not ask a workload ztunnel captures for a sidecar', () => {
      const captured: ReadinessScope = {
        kind: 'workload',
        namespace: 'bookinfo',
        name: 'reviews-v1',
        sidecar: false,
        ambient: true,
      };
      const seen = states(ambient(), captured);
      expect(seen['workload-sidecar']).toBeUndefined();
      expect(seen['ztunnel-scraped']).toBe('missing');
      // Without ztunnel, a pod without a proxy is still out of the mesh's telemetry.
      expect(states(ambient(), { ...captured, ambient: false })['workload-sidecar']).toBe(
        'missing',
      );
    });
  });
});
