import type { ConfigMap, Istio } from '../../models';
import {
  collectorObjects,
  collectorService,
  enableUserWorkloadMonitoring,
  istiodServiceMonitor,
  kialiTracing,
  meshTelemetry,
  mesh3KialiObjects,
  metricsWrites,
  withKialiTracing,
  proxyPodMonitor,
  tempoObjects,
  tempoTarget,
  userWorkloadMonitoringEnabled,
  validateSamplingPercent,
  validateStorageSize,
  withTracingProvider,
  ztunnelPodMonitor,
} from './observabilityObjects';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createValidator } = require('../../../preview/cluster/validate');

/** Problems the published schemas (@kubernetes-models/istio, /prometheus-operator) find. */
const schemaProblems = async (group: string, kind: string, obj: unknown) =>
  (await createValidator()).validate({ group, kind, plural: '' }, 'v1', obj) as unknown[];

const config = (yaml: string, extra: Record<string, string> = {}): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'cluster-monitoring-config',
    namespace: 'openshift-monitoring',
    resourceVersion: '7',
    annotations: { owner: 'platform-team' },
  },
  data: { 'config.yaml': yaml, ...extra },
});

describe('enableUserWorkloadMonitoring', () => {
  it('creates the ConfigMap when the cluster has none', () => {
    const edit = enableUserWorkloadMonitoring(undefined);
    expect(edit.kind).toBe('create');
    expect(edit.kind === 'create' && edit.after.data).toEqual({
      'config.yaml': 'enableUserWorkload: true\n',
    });
  });

  it('merges into an existing config, keeping every other setting, comment and key', () => {
    const before = config(
      [
        '# retention agreed with the SRE team',
        'prometheusK8s:',
        '  retention: 15d # do not lower',
        '  volumeClaimTemplate:',
        '    spec: {resources: {requests: {storage: 40Gi}}}',
        'alertmanagerMain:',
        '  enabled: false',
        '',
      ].join('\n'),
      { 'other.yaml': 'kept: true\n' },
    );
    const edit = enableUserWorkloadMonitoring(before);
    if (edit.kind !== 'update') throw new Error(`expected an update, got ${edit.kind}`);
    const text = edit.after.data?.['config.yaml'] ?? '';
    expect(text).toContain('# retention agreed with the SRE team');
    expect(text).toContain('retention: 15d # do not lower');
    expect(text).toContain('storage: 40Gi');
    expect(text).toContain('enabled: false');
    expect(text).toMatch(/^enableUserWorkload: true$/m);
    expect(edit.after.data?.['other.yaml']).toBe('kept: true\n');
    expect(edit.after.metadata).toEqual(before.metadata);
    // The input is not changed in place.
    expect(before.data?.['config.yaml']).not.toContain('enableUserWorkload');
    expect(userWorkloadMonitoringEnabled(edit.after)).toBe(true);
  });

  it('turns a false into true, and leaves a config that already has it alone', () => {
    const edit = enableUserWorkloadMonitoring(config('enableUserWorkload: false\n'));
    expect(edit.kind === 'update' && edit.after.data?.['config.yaml']).toBe(
      'enableUserWorkload: true\n',
    );
    expect(enableUserWorkloadMonitoring(config('enableUserWorkload: true\n')).kind).toBe(
      'unchanged',
    );
    expect(enableUserWorkloadMonitoring(config('')).kind).toBe('update');
  });

  it('refuses to touch a malformed or non-mapping config.yaml', () => {
    const broken = enableUserWorkloadMonitoring(config('prometheusK8s: [retention: 15d\n'));
    expect(broken.kind).toBe('malformed');
    expect(broken.kind === 'malformed' && broken.reason).toBeTruthy();
    expect(enableUserWorkloadMonitoring(config('- a list\n')).kind).toBe('malformed');
    expect(userWorkloadMonitoringEnabled(config('- a list\n'))).toBe('malformed');
    expect(userWorkloadMonitoringEnabled(undefined)).toBe(false);
  });
});

describe('monitors', () => {
  it('validate against the prometheus-operator schemas and scrape what Istio exposes', async () => {
    const sm = istiodServiceMonitor('istio-system');
    const pm = proxyPodMonitor('bookinfo');
    expect(await schemaProblems('monitoring.coreos.com', 'ServiceMonitor', sm)).toEqual([]);
    expect(await schemaProblems('monitoring.coreos.com', 'PodMonitor', pm)).toEqual([]);
    // The same check refuses what Prometheus would: a port must be a name.
    expect(
      await schemaProblems('monitoring.coreos.com', 'PodMonitor', {
        ...pm,
        spec: { ...pm.spec, podMetricsEndpoints: [{ port: 15090 }] },
      }),
    ).toHaveLength(1);
    expect(sm.spec.selector).toEqual({ matchLabels: { istio: 'pilot' } });
    expect(sm.spec.endpoints?.[0].port).toBe('http-monitoring');
    expect(pm.metadata?.namespace).toBe('bookinfo');
    expect(pm.spec.podMetricsEndpoints?.[0]).toMatchObject({
      port: 'http-envoy-prom',
      path: '/stats/prometheus',
    });
  });
});

describe('ztunnel monitor (ambient)', () => {
  it('validates against the prometheus-operator schema and scrapes ztunnel-stats', async () => {
    const pm = ztunnelPodMonitor('ztunnel');
    expect(await schemaProblems('monitoring.coreos.com', 'PodMonitor', pm)).toEqual([]);
    expect(pm).toEqual({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: {
        name: 'istio-ztunnel-monitor',
        namespace: 'ztunnel',
        labels: { 'app.kubernetes.io/created-by': 'mesh-console-plugin' },
      },
      spec: {
        // The ztunnel DaemonSet's selector, as Istio's chart and the Sail operator set it.
        selector: { matchLabels: { app: 'ztunnel' } },
        podTargetLabels: ['app'],
        podMetricsEndpoints: [{ port: 'ztunnel-stats', path: '/metrics', interval: '30s' }],
      },
    });
  });

  const plan = (
    ztunnelNamespaces: string[] | undefined,
    podMonitors = [proxyPodMonitor('bookinfo')],
  ) =>
    metricsWrites({
      monitoringConfig: config('enableUserWorkload: true\n'),
      serviceMonitors: [istiodServiceMonitor('istio-system')],
      podMonitors,
      members: ['bookinfo'],
      controlPlaneNamespace: 'istio-system',
      ztunnelNamespaces,
    }).create;

  it('is part of the metrics step on an ambient mesh only, and only while ztunnel is not scraped', () => {
    expect(plan(undefined)).toEqual([]);
    expect(plan([])).toEqual([]);
    expect(plan(['ztunnel'])).toEqual([ztunnelPodMonitor('ztunnel')]);
    // Written once: run again, the step has nothing more to write.
    expect(plan(['ztunnel'], [proxyPodMonitor('bookinfo'), ztunnelPodMonitor('ztunnel')])).toEqual(
      [],
    );
    // A monitor of the user's own on ztunnel counts (Red Hat's docs scrape /stats/prometheus):
    // a second one would double its series.
    const own = {
      ...proxyPodMonitor('ztunnel'),
      metadata: { name: 'istio-ztunnel-monitor-docs', namespace: 'ztunnel' },
      spec: {
        selector: { matchExpressions: [] },
        podMetricsEndpoints: [{ path: '/stats/prometheus', interval: '30s' }],
      },
    };
    expect(plan(['ztunnel'], [own])).toEqual([proxyPodMonitor('bookinfo')]);
    // The sidecars' monitor placed in ztunnel's namespace does not reach ztunnel's port.
    expect(plan(['ztunnel'], [proxyPodMonitor('bookinfo'), proxyPodMonitor('ztunnel')])).toEqual([
      ztunnelPodMonitor('ztunnel'),
    ]);
  });
});

describe('tracing objects', () => {
  it('makes a multi-tenant TempoMonolithic, or a TempoStack on the chosen object-storage secret', () => {
    const [ns, mono] = tempoObjects({ kind: 'monolithic', storage: 'memory', size: '2Gi' });
    expect(ns).toMatchObject({ kind: 'Namespace', metadata: { name: 'tempo' } });
    expect(mono).toMatchObject({
      kind: 'TempoMonolithic',
      spec: {
        storage: { traces: { backend: 'memory' } },
        multitenancy: { enabled: true, mode: 'openshift' },
      },
    });
    const pv = tempoObjects({ kind: 'monolithic', storage: 'pv', size: '5Gi' })[1];
    expect(pv).toMatchObject({ spec: { storage: { traces: { backend: 'pv', size: '5Gi' } } } });
    const stack = tempoObjects({
      kind: 'stack',
      secretName: 'tempo-s3',
      secretType: 's3',
      size: '10Gi',
    })[1];
    expect(stack).toMatchObject({
      kind: 'TempoStack',
      spec: {
        storage: { secret: { name: 'tempo-s3', type: 's3' } },
        storageSize: '10Gi',
        tenants: { mode: 'openshift' },
      },
    });
  });

  it('points the collector at the tenant through the gateway, with the right to write it', () => {
    const tempo = tempoTarget({ kind: 'monolithic', storage: 'memory', size: '2Gi' });
    const [role, binding, collector] = collectorObjects('istio-system', tempo);
    expect(role).toMatchObject({
      rules: [{ resources: ['default'], resourceNames: ['traces'], verbs: ['create'] }],
    });
    expect(binding).toMatchObject({
      subjects: [{ kind: 'ServiceAccount', name: 'otel-collector', namespace: 'istio-system' }],
    });
    const exporters = (collector as { spec: { config: { exporters: object } } }).spec.config
      .exporters;
    expect(exporters).toEqual({
      'otlp/default': expect.objectContaining({
        endpoint: 'tempo-sample-gateway.tempo.svc.cluster.local:8090',
        headers: { 'X-Scope-OrgID': 'default' },
      }),
    });
    expect(collectorService('istio-system')).toBe('otel-collector.istio-system.svc.cluster.local');
    expect(kialiTracing(tempo)).toMatchObject({
      provider: 'tempo',
      internal_url:
        'https://tempo-sample-gateway.tempo.svc.cluster.local:8080/api/traces/v1/default/tempo',
      tempo_config: { name: 'sample', namespace: 'tempo', tenant: 'default' },
    });
  });

  const istio = (values?: Record<string, unknown>): Istio => ({
    apiVersion: 'sailoperator.io/v1',
    kind: 'Istio',
    metadata: { name: 'default', resourceVersion: '42' },
    spec: { version: 'v1.30.3', namespace: 'istio-system', ...(values ? { values } : {}) },
  });
  const host = 'otel-collector.istio-system.svc.cluster.local';

  it('adds the tracing provider in place, keeping other providers and values', () => {
    const before = istio({
      pilot: { resources: { requests: { cpu: '100m' } } },
      meshConfig: {
        accessLogFile: '/dev/stdout',
        extensionProviders: [{ name: 'envoy-als', envoyHttpAls: { service: 'als', port: 9000 } }],
      },
    });
    const after = withTracingProvider(before, host);
    expect(after.metadata).toEqual(before.metadata);
    expect(after.spec?.values).toEqual({
      pilot: { resources: { requests: { cpu: '100m' } } },
      meshConfig: {
        accessLogFile: '/dev/stdout',
        extensionProviders: [
          { name: 'envoy-als', envoyHttpAls: { service: 'als', port: 9000 } },
          { name: 'otel-tracing', opentelemetry: { service: host, port: 4317 } },
        ],
      },
    });
    // Applied again: nothing left to do, and the input was not changed in place.
    expect(withTracingProvider(after, host)).toBe(after);
    expect(
      (before.spec?.values?.meshConfig as { extensionProviders: unknown[] }).extensionProviders,
    ).toHaveLength(1);
  });

  it('creates what is missing on the way: values, meshConfig, the provider list', () => {
    for (const values of [undefined, {}, { meshConfig: {} }]) {
      const after = withTracingProvider(istio(values), host);
      expect(after.spec?.values?.meshConfig).toEqual({
        extensionProviders: [
          { name: 'otel-tracing', opentelemetry: { service: host, port: 4317 } },
        ],
      });
    }
  });

  it('repoints a provider of that name at the collector, leaving its neighbours', () => {
    const before = istio({
      meshConfig: {
        extensionProviders: [
          { name: 'otel-tracing', opentelemetry: { service: 'old.tracing.svc', port: 4317 } },
          { name: 'zipkin', zipkin: { service: 'zipkin.tracing.svc', port: 9411 } },
        ],
      },
    });
    const after = withTracingProvider(before, host);
    expect(
      (after.spec?.values?.meshConfig as { extensionProviders: unknown[] }).extensionProviders,
    ).toEqual([
      { name: 'otel-tracing', opentelemetry: { service: host, port: 4317 } },
      { name: 'zipkin', zipkin: { service: 'zipkin.tracing.svc', port: 9411 } },
    ]);
  });

  it('enables the provider mesh-wide with the chosen sampling, valid for Istio', async () => {
    const t = meshTelemetry('istio-system', 1);
    expect(await schemaProblems('telemetry.istio.io', 'Telemetry', t)).toEqual([]);
    expect(t.spec?.tracing).toEqual([
      { providers: [{ name: 'otel-tracing' }], randomSamplingPercentage: 1 },
    ]);
    expect(validateSamplingPercent(1)).toBeUndefined();
    expect(validateSamplingPercent(100)).toBeUndefined();
    expect(validateSamplingPercent(0)).toBe('out-of-range');
    expect(validateSamplingPercent(101)).toBe('out-of-range');
    expect(validateSamplingPercent(Number.NaN)).toBe('not-a-number');
  });

  it('accepts a storage size only as a Kubernetes quantity the API server would take', () => {
    for (const ok of ['2Gi', '10Gi', '500Mi', '1.5Ti', '1G', '1000']) {
      expect(validateStorageSize(ok)).toBeUndefined();
    }
    for (const bad of ['2GB', '2 Gi', 'Gi', '', '-1Gi', ' 2Gi', '2gi']) {
      expect(validateStorageSize(bad)).toBe('not-a-quantity');
    }
    expect(validateStorageSize('0Gi')).toBe('zero');
  });
});

describe('Kiali', () => {
  const tempo = tempoTarget({ kind: 'monolithic', storage: 'memory', size: '2Gi' });

  it('reads cluster monitoring with its own token, and Tempo when there is one', () => {
    const [kiali, binding, reader, readerBinding] = mesh3KialiObjects({ tempo });
    expect(kiali).toMatchObject({
      apiVersion: 'kiali.io/v1alpha1',
      spec: {
        external_services: {
          prometheus: {
            auth: { type: 'bearer', use_kiali_token: true },
            thanos_proxy: { enabled: true },
          },
          tracing: { provider: 'tempo', tempo_config: { tenant: 'default' } },
        },
      },
    });
    expect(binding).toMatchObject({
      roleRef: { name: 'cluster-monitoring-view' },
      subjects: [{ name: 'kiali-service-account', namespace: 'istio-system' }],
    });
    expect(reader).toMatchObject({ rules: [{ resources: ['default'], verbs: ['get'] }] });
    expect(readerBinding).toMatchObject({
      subjects: [{ name: 'kiali-service-account', namespace: 'istio-system' }],
    });
    const plain = mesh3KialiObjects({});
    expect(plain).toHaveLength(2);
    expect(plain[0]).not.toHaveProperty('spec.external_services.tracing');
  });

  it('points an existing Kiali at Tempo, keeping the rest of its spec', () => {
    const kiali = {
      apiVersion: 'kiali.io/v1alpha1',
      kind: 'Kiali',
      metadata: { name: 'kiali', namespace: 'istio-system', resourceVersion: '3' },
      spec: {
        version: 'default',
        auth: { strategy: 'openshift' },
        external_services: {
          prometheus: { url: 'https://thanos' },
          tracing: { enabled: false },
        },
      },
    };
    const after = withKialiTracing(kiali, tempo);
    expect(after.spec?.external_services).toEqual({
      prometheus: { url: 'https://thanos' },
      tracing: kialiTracing(tempo),
    });
    expect(after.spec).toMatchObject({ auth: { strategy: 'openshift' }, version: 'default' });
    expect(withKialiTracing(after, tempo)).toBe(after);
  });
});
