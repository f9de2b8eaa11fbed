'use strict';
// What the cluster's telemetry pipeline would have collected, read from the stand-in's objects:
// the namespaces whose sidecars a Prometheus scrapes (and whether Kiali may query it), and the
// share of requests traced into a Tempo Kiali reads. The stand-in Kiali shows traffic and traces
// only where this pipeline exists, as a real Kiali over an unconfigured cluster shows none.
const YAML = require('yaml');
const { fqdn } = require('./readMesh');

const parseYaml = (text) => {
  try {
    return YAML.parse(text || '') ?? {};
  } catch {
    return undefined;
  }
};

const serviceExists = (api, host) => {
  const [name, ns] = String(host || '')
    .replace(/^[a-z]+:\/\//, '')
    .split(/[:/]/)[0]
    .split('.');
  return ns ? api.find('v1', 'Service', ns, name) : undefined;
};

/** A PodMonitor endpoint on the sidecars' Prometheus port or path. */
const sidecarEndpoint = (e) => e?.port === 'http-envoy-prom' || e?.path === '/stats/prometheus';

/** The namespaces a PodMonitor selects pods in. */
const podMonitorNamespaces = (pm, allNamespaces) => {
  const sel = pm.spec?.namespaceSelector;
  if (sel?.any) return allNamespaces;
  if (sel?.matchNames?.length) return sel.matchNames;
  return [pm.metadata.namespace];
};

/**
 * What user-workload monitoring's Prometheus scrapes of the sidecars, whoever may read it:
 * when it is on in `cluster-monitoring-config` and `prometheus-user-workload` is ready, each
 * PodMonitor with an endpoint on the sidecars' metrics ({namespace, name, namespaces it covers,
 * port, path, interval}); otherwise none. Pod selectors are not evaluated.
 */
const userWorkloadMonitoringRuns = (api) => {
  const config = api.find('v1', 'ConfigMap', 'openshift-monitoring', 'cluster-monitoring-config');
  const uwm = parseYaml(config?.data?.['config.yaml'])?.enableUserWorkload === true;
  const prometheus = api.find(
    'apps/v1',
    'StatefulSet',
    'openshift-user-workload-monitoring',
    'prometheus-user-workload',
  );
  return uwm && prometheus?.status?.readyReplicas > 0;
};

const userWorkloadPodMonitors = (api) => {
  if (!userWorkloadMonitoringRuns(api)) return [];
  const namespaces = api.findAll('v1', 'Namespace').map((n) => n.metadata.name);
  return api.findAll('monitoring.coreos.com/v1', 'PodMonitor').flatMap((pm) => {
    const endpoint = (pm.spec?.podMetricsEndpoints || []).find(sidecarEndpoint);
    if (!endpoint) return [];
    return [
      {
        namespace: pm.metadata.namespace,
        name: pm.metadata.name,
        namespaces: podMonitorNamespaces(pm, namespaces),
        port: endpoint.port,
        path: endpoint.path,
        interval: endpoint.interval,
      },
    ];
  });
};

/**
 * A PodMonitor endpoint that reaches ztunnel's metrics: its container port `ztunnel-stats`
 * (15020), or no port (every declared one) at a path ztunnel serves them on (`/metrics`, the
 * default, or `/stats/prometheus`, which Red Hat's ambient docs use).
 */
const ztunnelEndpoint = (e) =>
  e?.port === 'ztunnel-stats' ||
  (!e?.port && ['/metrics', '/stats/prometheus'].includes(e?.path ?? '/metrics'));

/**
 * Whether user-workload monitoring scrapes ztunnel: it is on and running, and a PodMonitor in the
 * namespace of a ztunnel DaemonSet has an endpoint on ztunnel's metrics (only its own namespace:
 * user-workload monitoring ignores namespaceSelector). The plugin's checklist reads PodMonitors
 * the same way. ztunnel reports the ambient data plane's L4 traffic (istio_tcp_*), never HTTP.
 */
const ztunnelScraped = (api) => {
  if (!userWorkloadMonitoringRuns(api)) return false;
  const ztunnelNamespaces = api
    .findAll('apps/v1', 'DaemonSet')
    .filter((ds) => (ds.metadata.labels || {}).app === 'ztunnel')
    .map((ds) => ds.metadata.namespace);
  return api
    .findAll('monitoring.coreos.com/v1', 'PodMonitor')
    .some(
      (pm) =>
        (pm.spec?.podMetricsEndpoints || []).some(ztunnelEndpoint) &&
        ztunnelNamespaces.includes(pm.metadata.namespace),
    );
};

/**
 * Metrics Kiali can query: on Service Mesh 3, user-workload monitoring's Prometheus (on, running)
 * scraping the namespaces that have a PodMonitor, read through Thanos with the
 * cluster-monitoring-view binding; on 2.6, the control plane's own Prometheus add-on scraping
 * the configured members. `ztunnel`: ztunnel's L4 metrics are scraped too. `error` is what Kiali
 * answers when its Prometheus queries fail.
 */
const readMetrics = (api) => {
  const smcp = api.findAll('maistra.io/v2', 'ServiceMeshControlPlane')[0];
  if (smcp && !api.findAll('sailoperator.io/v1', 'Istio').length) {
    if (smcp.spec?.addons?.prometheus?.enabled === false) return { scraped: new Set() };
    const roll = api.find(
      'maistra.io/v1',
      'ServiceMeshMemberRoll',
      smcp.metadata.namespace,
      'default',
    );
    return {
      scraped: new Set([smcp.metadata.namespace, ...(roll?.status?.configuredMembers || [])]),
    };
  }
  const kiali = api.findAll('kiali.io/v1alpha1', 'Kiali')[0];
  const kialiNs = kiali?.metadata.namespace || 'istio-system';
  const mayQuery = api
    .findAll('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding')
    .some(
      (b) =>
        b.roleRef?.name === 'cluster-monitoring-view' &&
        (b.subjects || []).some(
          (s) =>
            s.kind === 'ServiceAccount' &&
            s.name === 'kiali-service-account' &&
            s.namespace === kialiNs,
        ),
    );
  // Thanos answers 403 to a token without cluster-monitoring-view.
  if (!mayQuery) return { scraped: new Set(), error: 'client_error: client error: 403' };
  return {
    scraped: new Set(userWorkloadPodMonitors(api).flatMap((m) => m.namespaces)),
    ztunnel: ztunnelScraped(api),
  };
};

const ready = (obj) =>
  (obj?.status?.conditions || []).some((c) => c.type === 'Ready' && c.status === 'True');

/**
 * The share of requests in `namespace` that end up in a Tempo: Istio's tracing provider points
 * at a running OpenTelemetry collector that exports to a ready Tempo, and a Telemetry (the
 * namespace's own, else the root namespace's) enables that provider. 0 when any link is missing.
 */
const samplingFor = (api, namespace) => {
  const istio = api.findAll('sailoperator.io/v1', 'Istio')[0];
  if (!istio) return 0;
  const root = istio.spec?.namespace || 'istio-system';
  const providers = istio.spec?.values?.meshConfig?.extensionProviders || [];
  const collectors = api.findAll('opentelemetry.io/v1beta1', 'OpenTelemetryCollector');
  const tempos = [
    ...api.findAll('tempo.grafana.com/v1alpha1', 'TempoStack'),
    ...api.findAll('tempo.grafana.com/v1alpha1', 'TempoMonolithic'),
  ];
  const working = providers.filter((p) => {
    const host = p.opentelemetry?.service;
    if (!host || !serviceExists(api, host)) return false;
    const [svc, ns] = host.split('.');
    const c = collectors.find(
      (x) => x.metadata.namespace === ns && `${x.metadata.name}-collector` === svc,
    );
    if (!/^(\d+)\/\1$/.test(c?.status?.scale?.statusReplicas || '')) return false;
    const endpoints = Object.entries(c.spec?.config?.exporters || {})
      .filter(([name]) => name === 'otlp' || name.startsWith('otlp'))
      .map(([, e]) => e?.endpoint);
    return endpoints.some((e) => {
      const target = serviceExists(api, fqdn(String(e || '').split(':')[0], ns));
      return (
        target &&
        tempos.some(
          (t) =>
            ready(t) &&
            t.metadata.namespace === target.metadata.namespace &&
            target.metadata.name.startsWith(`tempo-${t.metadata.name}`),
        )
      );
    });
  });
  if (!working.length) return 0;
  const names = new Set(working.map((p) => p.name));
  const telemetries = api.findAll('telemetry.istio.io/v1', 'Telemetry');
  const mesh = (ns) => telemetries.find((t) => t.metadata.namespace === ns && !t.spec?.selector);
  for (const t of [mesh(namespace), mesh(root)]) {
    const tracing = (t?.spec?.tracing || []).find((tr) =>
      (tr.providers || []).some((p) => names.has(p.name)),
    );
    if (tracing) return Math.min(Math.max(tracing.randomSamplingPercentage ?? 1, 0), 100) / 100;
  }
  return 0;
};

module.exports = { readMetrics, samplingFor, userWorkloadPodMonitors };
