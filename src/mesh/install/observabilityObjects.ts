import { isMap, parseDocument } from 'yaml';
import {
  ClusterRoleBindingModel,
  ClusterRoleModel,
  ConfigMapModel,
  KialiModel,
  NamespaceModel,
  OpenTelemetryCollectorModel,
  PodMonitorModel,
  ServiceMonitorModel,
  TelemetryModel,
  TempoMonolithicModel,
  TempoStackModel,
  apiVersionOf,
} from '../../models';
import type {
  ClusterRole,
  ClusterRoleBinding,
  ConfigMap,
  Istio,
  K8sResourceCommon,
  Kiali,
  Namespace,
  OpenTelemetryCollector,
  PodMonitor,
  ServiceMonitor,
  Telemetry,
  TempoMonolithic,
  TempoStack,
} from '../../models';
import { CREATED_BY_LABEL, CREATED_BY_VALUE } from './installObjects';
import { scrapesZtunnel } from './monitorCoverage';
import {
  ISTIOD_MONITOR,
  MONITORING_CONFIG,
  MONITORING_NAMESPACE,
  PROXY_MONITOR,
  UWM_NAMESPACE,
  UWM_PROMETHEUS,
  ZTUNNEL_MONITOR,
} from './monitoringNames';

/**
 * What the wizard writes to make the mesh observable on OpenShift (Service Mesh 3 docs,
 * "Observability"): user-workload monitoring scraping istiod, the sidecars and, on an ambient
 * mesh, ztunnel; a Tempo instance, an OpenTelemetry collector forwarding to it, Istio's tracing
 * provider and a Telemetry that enables it; Kiali reading both. Plain objects and patches, shown
 * before they are written.
 */

const typeMeta = (model: Parameters<typeof apiVersionOf>[0]) => ({
  apiVersion: apiVersionOf(model),
  kind: model.kind,
});
const ours = { [CREATED_BY_LABEL]: CREATED_BY_VALUE };

// --- metrics --------------------------------------------------------------------------------

export {
  ISTIOD_MONITOR,
  MONITORING_CONFIG,
  MONITORING_NAMESPACE,
  PROXY_MONITOR,
  UWM_NAMESPACE,
  UWM_PROMETHEUS,
  ZTUNNEL_MONITOR,
};

export type MonitoringConfigEdit =
  /** No ConfigMap yet: create it with user-workload monitoring on. */
  | { kind: 'create'; after: ConfigMap }
  /** The ConfigMap with enableUserWorkload set and everything else as it was. */
  | { kind: 'update'; before: ConfigMap; after: ConfigMap }
  | { kind: 'unchanged' }
  /** config.yaml cannot be merged into safely: shown to the user, never overwritten. */
  | { kind: 'malformed'; before: ConfigMap; reason: string };

/**
 * Turns user-workload monitoring on in openshift-monitoring/cluster-monitoring-config by
 * merging `enableUserWorkload: true` into its config.yaml: every other setting, comment and key
 * of the ConfigMap stays as it was.
 */
export const enableUserWorkloadMonitoring = (existing?: ConfigMap): MonitoringConfigEdit => {
  if (!existing) {
    return {
      kind: 'create',
      after: {
        ...typeMeta(ConfigMapModel),
        metadata: { name: MONITORING_CONFIG, namespace: MONITORING_NAMESPACE },
        data: { 'config.yaml': 'enableUserWorkload: true\n' },
      },
    };
  }
  const text = existing.data?.['config.yaml'] ?? '';
  const doc = parseDocument(text);
  if (doc.errors.length) {
    return { kind: 'malformed', before: existing, reason: doc.errors[0].message };
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    return { kind: 'malformed', before: existing, reason: 'config.yaml is not a mapping' };
  }
  if (doc.get('enableUserWorkload') === true) return { kind: 'unchanged' };
  doc.set('enableUserWorkload', true);
  const after = structuredClone(existing);
  after.data = { ...after.data, 'config.yaml': doc.toString() };
  return { kind: 'update', before: existing, after };
};

/** Whether a cluster-monitoring-config turns user-workload monitoring on. */
export const userWorkloadMonitoringEnabled = (config?: ConfigMap): boolean | 'malformed' => {
  if (!config) return false;
  const doc = parseDocument(config.data?.['config.yaml'] ?? '');
  if (doc.errors.length || (doc.contents !== null && !isMap(doc.contents))) return 'malformed';
  return doc.get('enableUserWorkload') === true;
};

/** Scrapes istiod's own metrics (its Service port http-monitoring). */
export const istiodServiceMonitor = (controlPlaneNamespace: string): ServiceMonitor => ({
  ...typeMeta(ServiceMonitorModel),
  metadata: { name: ISTIOD_MONITOR, namespace: controlPlaneNamespace, labels: { ...ours } },
  spec: {
    targetLabels: ['app'],
    selector: { matchLabels: { istio: 'pilot' } },
    endpoints: [{ port: 'http-monitoring', interval: '30s' }],
  },
});

/**
 * Scrapes the Envoy sidecars of one namespace (their /stats/prometheus on port
 * http-envoy-prom): the istio_* metrics Kiali draws its graph from. A pod labelled
 * istio-prometheus-ignore opts out.
 */
export const proxyPodMonitor = (namespace: string): PodMonitor => ({
  ...typeMeta(PodMonitorModel),
  metadata: { name: PROXY_MONITOR, namespace, labels: { ...ours } },
  spec: {
    selector: { matchExpressions: [{ key: 'istio-prometheus-ignore', operator: 'DoesNotExist' }] },
    podMetricsEndpoints: [{ port: 'http-envoy-prom', path: '/stats/prometheus', interval: '30s' }],
  },
});

/**
 * Scrapes ztunnel in its namespace (container port ztunnel-stats, 15020, /metrics): the L4
 * istio_tcp_* metrics of ambient workloads, from which Kiali draws TCP edges and waypoint nodes.
 * The pods' `app` label goes onto the series: Kiali tells ztunnel's reports from a waypoint's by
 * `app="ztunnel"`.
 */
export const ztunnelPodMonitor = (namespace: string): PodMonitor => ({
  ...typeMeta(PodMonitorModel),
  metadata: { name: ZTUNNEL_MONITOR, namespace, labels: { ...ours } },
  spec: {
    selector: { matchLabels: { app: 'ztunnel' } },
    podTargetLabels: ['app'],
    podMetricsEndpoints: [{ port: 'ztunnel-stats', path: '/metrics', interval: '30s' }],
  },
});

// --- tracing --------------------------------------------------------------------------------

export const TEMPO_NAMESPACE = 'tempo';
export const TEMPO_NAME = 'sample';
export const TEMPO_TENANT = 'default';
// The tenant id only has to be unique per tenant; this one is the Tempo Operator docs' example.
const TEMPO_TENANT_ID = '1610b0c3-c509-4592-a256-a1871353dbfa';
export const COLLECTOR_NAME = 'otel';
export const TRACING_PROVIDER = 'otel-tracing';
export const MESH_TELEMETRY = 'mesh-default';

export type TempoChoice =
  /** One pod; traces in memory (lost on restart) or on a persistent volume. Small clusters. */
  | { kind: 'monolithic'; storage: 'memory' | 'pv'; size: string }
  /** The distributed Tempo on object storage: for production. */
  | { kind: 'stack'; secretName: string; secretType: 's3' | 'azure' | 'gcs'; size: string };

/** Where a Tempo instance lives and how it is reached (the operator's Service names). */
export type TempoTarget = {
  kind: 'TempoStack' | 'TempoMonolithic';
  namespace: string;
  name: string;
  tenant: string;
};

export const tempoGateway = (t: TempoTarget) =>
  `tempo-${t.name}-gateway.${t.namespace}.svc.cluster.local`;

const tenants = () => ({
  mode: 'openshift',
  authentication: [{ tenantName: TEMPO_TENANT, tenantId: TEMPO_TENANT_ID }],
});

/**
 * A multi-tenant Tempo (OpenShift mode: the gateway checks OpenShift tokens), as the
 * distributed-tracing console plugin and Kiali over the gateway need. Its namespace comes first.
 */
export const tempoObjects = (choice: TempoChoice): K8sResourceCommon[] => {
  const ns: Namespace = {
    ...typeMeta(NamespaceModel),
    metadata: { name: TEMPO_NAMESPACE, labels: { ...ours } },
  };
  const metadata = { name: TEMPO_NAME, namespace: TEMPO_NAMESPACE, labels: { ...ours } };
  if (choice.kind === 'stack') {
    const stack: TempoStack = {
      ...typeMeta(TempoStackModel),
      metadata,
      spec: {
        storage: { secret: { name: choice.secretName, type: choice.secretType } },
        storageSize: choice.size,
        tenants: tenants(),
        template: {
          gateway: { enabled: true },
          queryFrontend: { jaegerQuery: { enabled: true } },
        },
      },
    };
    return [ns, stack];
  }
  const mono: TempoMonolithic = {
    ...typeMeta(TempoMonolithicModel),
    metadata,
    spec: {
      storage: {
        traces: {
          backend: choice.storage,
          ...(choice.storage === 'pv' ? { size: choice.size } : {}),
        },
      },
      multitenancy: { enabled: true, ...tenants() },
      jaegerui: { enabled: true, route: { enabled: true } },
    },
  };
  return [ns, mono];
};

export const tempoTarget = (choice: TempoChoice): TempoTarget => ({
  kind: choice.kind === 'stack' ? 'TempoStack' : 'TempoMonolithic',
  namespace: TEMPO_NAMESPACE,
  name: TEMPO_NAME,
  tenant: TEMPO_TENANT,
});

/** The collector's Service, as the OpenTelemetry operator names it. */
export const collectorService = (namespace: string, name = COLLECTOR_NAME) =>
  `${name}-collector.${namespace}.svc.cluster.local`;

const SERVICE_CA = '/var/run/secrets/kubernetes.io/serviceaccount/service-ca.crt';

/**
 * An OpenTelemetry collector in the control-plane namespace: OTLP in from the sidecars, OTLP
 * out to the Tempo gateway with the collector's service-account token and the tenant header,
 * plus the ClusterRole and binding that let that account write the tenant's traces.
 */
export const collectorObjects = (
  controlPlaneNamespace: string,
  tempo: TempoTarget,
): K8sResourceCommon[] => {
  const writer = `tempo-${tempo.name}-traces-write`;
  const role: ClusterRole = {
    ...typeMeta(ClusterRoleModel),
    metadata: { name: writer, labels: { ...ours } },
    rules: [
      {
        apiGroups: ['tempo.grafana.com'],
        resources: [tempo.tenant],
        resourceNames: ['traces'],
        verbs: ['create'],
      },
    ],
  };
  const binding: ClusterRoleBinding = {
    ...typeMeta(ClusterRoleBindingModel),
    metadata: { name: writer, labels: { ...ours } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: writer },
    subjects: [
      {
        kind: 'ServiceAccount',
        name: `${COLLECTOR_NAME}-collector`,
        namespace: controlPlaneNamespace,
      },
    ],
  };
  const exporter = `otlp/${tempo.tenant}`;
  const collector: OpenTelemetryCollector = {
    ...typeMeta(OpenTelemetryCollectorModel),
    metadata: { name: COLLECTOR_NAME, namespace: controlPlaneNamespace, labels: { ...ours } },
    spec: {
      mode: 'deployment',
      config: {
        extensions: {
          bearertokenauth: { filename: '/var/run/secrets/kubernetes.io/serviceaccount/token' },
        },
        receivers: {
          otlp: {
            protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } },
          },
        },
        exporters: {
          [exporter]: {
            endpoint: `${tempoGateway(tempo)}:8090`,
            tls: { insecure: false, ca_file: SERVICE_CA },
            auth: { authenticator: 'bearertokenauth' },
            headers: { 'X-Scope-OrgID': tempo.tenant },
          },
        },
        service: {
          extensions: ['bearertokenauth'],
          pipelines: { traces: { receivers: ['otlp'], exporters: [exporter] } },
        },
      },
    },
  };
  return [role, binding, collector];
};

type ExtensionProvider = {
  name: string;
  opentelemetry?: { service: string; port: number };
  [other: string]: unknown;
};

const providersOf = (istio: Istio): ExtensionProvider[] | undefined =>
  (istio.spec?.values?.meshConfig as { extensionProviders?: ExtensionProvider[] } | undefined)
    ?.extensionProviders;

/**
 * The Istio CR with the OpenTelemetry tracing provider added (or repointed at the collector) in
 * place: `spec.values.meshConfig.extensionProviders` keeps every other provider and every other
 * value. The same object when it already has it.
 */
export const withTracingProvider = (istio: Istio, collectorHost: string): Istio => {
  const wanted: ExtensionProvider = {
    name: TRACING_PROVIDER,
    opentelemetry: { service: collectorHost, port: 4317 },
  };
  const current = providersOf(istio)?.find((p) => p.name === TRACING_PROVIDER);
  if (current?.opentelemetry?.service === collectorHost && current.opentelemetry.port === 4317) {
    return istio;
  }
  const next = structuredClone(istio);
  const spec = (next.spec ??= {});
  const values = (spec.values ??= {});
  const meshConfig = ((values.meshConfig as Record<string, unknown> | undefined) ??= {});
  const providers = ((meshConfig.extensionProviders as ExtensionProvider[] | undefined) ??= []);
  const i = providers.findIndex((p) => p.name === TRACING_PROVIDER);
  if (i < 0) providers.push(wanted);
  else providers[i] = { ...providers[i], opentelemetry: wanted.opentelemetry };
  return next;
};

/** A mesh-wide Telemetry in the root namespace that traces through our provider. */
export const meshTelemetry = (rootNamespace: string, samplingPercent: number): Telemetry => ({
  ...typeMeta(TelemetryModel),
  metadata: { name: MESH_TELEMETRY, namespace: rootNamespace, labels: { ...ours } },
  spec: {
    tracing: [
      { providers: [{ name: TRACING_PROVIDER }], randomSamplingPercentage: samplingPercent },
    ],
  },
});

/** Istio's webhook takes a sampling percentage in [0, 100]; 0 would trace nothing. */
export const validateSamplingPercent = (
  value: number,
): 'not-a-number' | 'out-of-range' | undefined =>
  !Number.isFinite(value) ? 'not-a-number' : value <= 0 || value > 100 ? 'out-of-range' : undefined;

/**
 * A storage size the API server accepts as a resource quantity, and that is not nothing: the
 * Tempo CRDs type `storageSize` as a quantity, and a typo ("2GB", "2 Gi") is refused on write.
 */
export const validateStorageSize = (value: string): 'not-a-quantity' | 'zero' | undefined => {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.exec(value.trim());
  if (!m || value.trim() !== value) return 'not-a-quantity';
  return Number(m[1]) === 0 ? 'zero' : undefined;
};

/**
 * Kiali's tracing settings for a multi-tenant Tempo reached through its gateway with Kiali's own
 * token, plus the ClusterRole and binding that let Kiali's service account read the tenant.
 */
export const kialiTracing = (tempo: TempoTarget) => ({
  enabled: true,
  provider: 'tempo',
  use_grpc: false,
  internal_url: `https://${tempoGateway(tempo)}:8080/api/traces/v1/${tempo.tenant}/tempo`,
  auth: { type: 'bearer', use_kiali_token: true, ca_file: SERVICE_CA, insecure_skip_verify: false },
  tempo_config: {
    name: tempo.name,
    namespace: tempo.namespace,
    tenant: tempo.tenant,
    url_format: 'openshift',
  },
});

export const kialiTraceReaderObjects = (
  kialiNamespace: string,
  tempo: TempoTarget,
): K8sResourceCommon[] => {
  const reader = `tempo-${tempo.name}-traces-read`;
  const role: ClusterRole = {
    ...typeMeta(ClusterRoleModel),
    metadata: { name: reader, labels: { ...ours } },
    rules: [
      {
        apiGroups: ['tempo.grafana.com'],
        resources: [tempo.tenant],
        resourceNames: ['traces'],
        verbs: ['get'],
      },
    ],
  };
  const binding: ClusterRoleBinding = {
    ...typeMeta(ClusterRoleBindingModel),
    metadata: { name: `${reader}-kiali`, labels: { ...ours } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: reader },
    subjects: [
      { kind: 'ServiceAccount', name: 'kiali-service-account', namespace: kialiNamespace },
    ],
  };
  return [role, binding];
};

// --- what each step still has to write, from what the cluster holds -------------------------

/** PodMonitors for the member namespaces that have none of ours yet. */
export const missingPodMonitors = (members: string[], podMonitors: PodMonitor[]): PodMonitor[] =>
  members
    .filter(
      (ns) =>
        !podMonitors.some(
          (pm) => pm.metadata?.namespace === ns && pm.metadata?.name === PROXY_MONITOR,
        ),
    )
    .map(proxyPodMonitor);

/**
 * PodMonitors for the ztunnel namespaces nothing scrapes yet (one of the user's own counts: a
 * second monitor on the same pods would double ztunnel's series in Kiali's sums).
 */
export const missingZtunnelPodMonitors = (
  ztunnelNamespaces: string[],
  podMonitors: PodMonitor[],
): PodMonitor[] =>
  ztunnelNamespaces
    .filter((ns) => !podMonitors.some((pm) => scrapesZtunnel(pm, ns)))
    .map(ztunnelPodMonitor);

/**
 * The metrics step: the monitoring ConfigMap edit, then the monitors that do not exist yet. Run
 * again it writes only what is missing, so leaving and coming back resumes it. On an ambient
 * mesh `ztunnelNamespaces` says where ztunnel runs (see monitorCoverage `ztunnelNamespaces`).
 */
export const metricsWrites = ({
  monitoringConfig,
  serviceMonitors,
  podMonitors,
  members,
  controlPlaneNamespace,
  ztunnelNamespaces = [],
}: {
  monitoringConfig?: ConfigMap;
  serviceMonitors: ServiceMonitor[];
  podMonitors: PodMonitor[];
  members: string[];
  controlPlaneNamespace: string;
  ztunnelNamespaces?: string[];
}): { config: MonitoringConfigEdit; create: K8sResourceCommon[] } => ({
  config: enableUserWorkloadMonitoring(monitoringConfig),
  create: [
    ...(serviceMonitors.some(
      (sm) =>
        sm.metadata?.namespace === controlPlaneNamespace && sm.metadata?.name === ISTIOD_MONITOR,
    )
      ? []
      : [istiodServiceMonitor(controlPlaneNamespace)]),
    ...missingPodMonitors(members, podMonitors),
    ...missingZtunnelPodMonitors(ztunnelNamespaces, podMonitors),
  ],
});

/**
 * A multi-tenant Tempo the cluster already has (the wizard uses it instead of creating one):
 * the first TempoStack with OpenShift tenants, else the first such TempoMonolithic.
 */
export const existingTempo = (
  stacks: TempoStack[],
  monolithics: TempoMonolithic[],
): TempoTarget | undefined => {
  const stack = stacks.find((s) => s.spec?.tenants?.authentication?.length);
  if (stack) {
    return {
      kind: 'TempoStack',
      namespace: stack.metadata?.namespace ?? '',
      name: stack.metadata?.name ?? '',
      tenant: stack.spec?.tenants?.authentication?.[0].tenantName ?? '',
    };
  }
  const mono = monolithics.find(
    (m) => m.spec?.multitenancy?.enabled && m.spec.multitenancy.authentication?.length,
  );
  return mono
    ? {
        kind: 'TempoMonolithic',
        namespace: mono.metadata?.namespace ?? '',
        name: mono.metadata?.name ?? '',
        tenant: mono.spec?.multitenancy?.authentication?.[0].tenantName ?? '',
      }
    : undefined;
};

// --- Kiali -------------------------------------------------------------------------------------

const PROMETHEUS = {
  auth: { type: 'bearer', use_kiali_token: true },
  thanos_proxy: { enabled: true },
  url: 'https://thanos-querier.openshift-monitoring.svc.cluster.local:9091',
};

/** The binding that lets Kiali's service account query cluster monitoring (Thanos). */
export const kialiMonitoringBinding = (namespace: string): ClusterRoleBinding => ({
  ...typeMeta(ClusterRoleBindingModel),
  metadata: { name: `kiali-monitoring-rbac-${namespace}` },
  roleRef: {
    apiGroup: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    name: 'cluster-monitoring-view',
  },
  subjects: [{ kind: 'ServiceAccount', name: 'kiali-service-account', namespace }],
});

/**
 * Kiali for Service Mesh 3: metrics from cluster monitoring (Thanos) with its own token, and
 * when a Tempo is given, traces from it with the right to read its tenant.
 */
export const mesh3KialiObjects = ({
  namespace = 'istio-system',
  tempo,
}: {
  namespace?: string;
  tempo?: TempoTarget;
}): K8sResourceCommon[] => {
  const kiali: Kiali = {
    ...typeMeta(KialiModel),
    metadata: { name: 'kiali', namespace },
    spec: {
      version: 'default',
      external_services: {
        prometheus: PROMETHEUS,
        ...(tempo ? { tracing: kialiTracing(tempo) } : {}),
      },
    },
  };
  return [
    kiali,
    kialiMonitoringBinding(namespace),
    ...(tempo ? kialiTraceReaderObjects(namespace, tempo) : []),
  ];
};

/**
 * The Kiali CR pointed at Tempo, edited in place: `external_services.tracing` is replaced, every
 * other setting (its Prometheus, deployment, auth, ...) kept. The same object when it already is.
 */
export const withKialiTracing = (kiali: Kiali, tempo: TempoTarget): Kiali => {
  const wanted = kialiTracing(tempo);
  const current = (kiali.spec?.external_services as { tracing?: unknown } | undefined)?.tracing;
  if (JSON.stringify(current) === JSON.stringify(wanted)) return kiali;
  const next = structuredClone(kiali);
  const spec = (next.spec ??= {});
  spec.external_services = { ...spec.external_services, tracing: wanted };
  return next;
};
