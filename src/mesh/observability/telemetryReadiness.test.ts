import type { ConfigMap, StatefulSet } from '../../models';
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
import { collectorObjects, meshTelemetry, proxyPodMonitor } from '../install/observabilityObjects';
import { telemetryReadiness } from './telemetryReadiness';
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
});
