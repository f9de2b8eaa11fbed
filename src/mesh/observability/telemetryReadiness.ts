import type {
  ClusterRoleBinding,
  ConfigMap,
  DaemonSet,
  Istio,
  Kiali,
  OpenTelemetryCollector,
  PodMonitor,
  ServiceMonitor,
  StatefulSet,
  Telemetry,
  TempoMonolithic,
  TempoStack,
} from '../../models';
import { isConditionTrue } from '../conditions';
import { scrapesSidecars, scrapesZtunnel, ztunnelNamespaces } from '../install/monitorCoverage';
import {
  ISTIOD_MONITOR,
  MONITORING_CONFIG,
  MONITORING_NAMESPACE,
  UWM_NAMESPACE,
  UWM_PROMETHEUS,
} from '../install/monitoringNames';
import { userWorkloadMonitoringEnabled } from '../install/observabilityObjects';

/**
 * Which link of the telemetry chain is missing, for the mesh, a namespace or a workload: Kiali's
 * graph needs user-workload monitoring scraping the sidecars (and ztunnel, on an ambient mesh)
 * and Kiali reading Thanos; traces need a tracing provider in Istio, a Telemetry that enables
 * it, the collector and Tempo, and Kiali pointed at Tempo. One function, read by the wizard (is
 * the step done?), the overview (the checklist) and the tabs (why the graph or the traces are
 * empty).
 */

/** What could be read of one kind: a user without access gets `readable: false`, not "absent". */
export type Readable<T> = { items: T[]; readable: boolean };

export type TelemetryObjects = {
  monitoringConfigs: Readable<ConfigMap>;
  uwmStatefulSets: Readable<StatefulSet>;
  serviceMonitors: Readable<ServiceMonitor>;
  podMonitors: Readable<PodMonitor>;
  istios: Readable<Istio>;
  telemetries: Readable<Telemetry>;
  collectors: Readable<OpenTelemetryCollector>;
  tempoStacks: Readable<TempoStack>;
  tempoMonolithics: Readable<TempoMonolithic>;
  kialis: Readable<Kiali>;
  clusterRoleBindings: Readable<ClusterRoleBinding>;
  /** DaemonSets labelled app=ztunnel: where ztunnel runs (none: the mesh is not ambient). */
  ztunnelDaemonSets: Readable<DaemonSet>;
};

export type ReadinessScope =
  /** The whole mesh: every member namespace must be scraped. */
  | { kind: 'mesh'; members: string[] }
  /**
   * `ambient` false: nothing in it is captured by ztunnel, so whether ztunnel is scraped does not
   * matter to it; undefined: not known, and on an ambient mesh it may.
   */
  | { kind: 'namespace'; namespace: string; ambient?: boolean }
  /**
   * `sidecar` false: its pods run without a proxy, so nothing reports its traffic; undefined:
   * not known (no pod runs, or its pods cannot be read). `ambient` as for a namespace.
   */
  | { kind: 'workload'; namespace: string; name: string; sidecar?: boolean; ambient?: boolean };

export type LinkId =
  | 'uwm-enabled'
  | 'uwm-prometheus'
  | 'istiod-scraped'
  | 'proxies-scraped'
  | 'ztunnel-scraped'
  | 'kiali-metrics'
  | 'workload-sidecar'
  | 'tempo-ready'
  | 'collector-ready'
  | 'tracing-provider'
  | 'tracing-telemetry'
  | 'kiali-tracing';

export type LinkState = 'ok' | 'missing' | 'unknown';

/** Where the fix is: a step of the install wizard, or the member namespaces. */
export type FixStep = 'metrics' | 'tracing' | 'kiali-instance' | 'members';

export type ReadinessLink = {
  id: LinkId;
  chain: 'metrics' | 'tracing';
  state: LinkState;
  fix: FixStep;
  /** What the message needs: names of namespaces not scraped, the sampling found, ... */
  detail?: {
    namespaces?: string[];
    sampling?: number;
    malformed?: boolean;
    provider?: string;
  };
};

export type TelemetryReadiness = {
  links: ReadinessLink[];
  /** Every metrics link is ok: Kiali can draw traffic. */
  metricsReady: boolean;
  /** Every tracing link is ok: traces are recorded and readable. */
  tracingReady: boolean;
  /** The first link of each chain that is not ok: what to fix first. */
  firstGap: { metrics?: ReadinessLink; tracing?: ReadinessLink };
};

const KIALI_SA = 'kiali-service-account';
const OTEL_PROVIDER_PORT = 4317;

type ExtensionProvider = { name?: string; opentelemetry?: { service?: string; port?: number } };

const providersOf = (istio: Istio): ExtensionProvider[] =>
  ((istio.spec?.values?.meshConfig as { extensionProviders?: ExtensionProvider[] } | undefined)
    ?.extensionProviders ?? []) as ExtensionProvider[];

const statusReady = (c: OpenTelemetryCollector) => {
  const m = /^(\d+)\/(\d+)$/.exec(c.status?.scale?.statusReplicas ?? '');
  return !!m && Number(m[2]) > 0 && m[1] === m[2];
};

/** The host:port of an OTLP exporter of a collector, e.g. tempo-x-gateway.ns.svc...:8090. */
const exporterEndpoints = (c: OpenTelemetryCollector): string[] => {
  const exporters = (c.spec?.config as { exporters?: Record<string, { endpoint?: string }> })
    ?.exporters;
  return Object.entries(exporters ?? {})
    .filter(([name]) => name === 'otlp' || name.startsWith('otlp/') || name.startsWith('otlphttp'))
    .map(([, e]) => e?.endpoint ?? '')
    .filter(Boolean);
};

type TempoInstance = { kind: string; namespace: string; name: string; ready: boolean };

/** The Tempo an endpoint reaches, by the operator's Service names (tempo-<name>[-...].<ns>). */
const tempoOf = (endpoint: string, tempos: TempoInstance[]) => {
  const host = endpoint.replace(/^[a-z]+:\/\//, '').split(/[:/]/)[0];
  return tempos.find(
    (t) =>
      host.startsWith(`tempo-${t.name}`) &&
      (host.split('.')[1] === t.namespace || host.split('.').length === 1),
  );
};

/** The control plane's Istio: the one whose namespace is `controlPlaneNamespace`, else the first. */
const controlPlaneIstio = (objects: TelemetryObjects, controlPlaneNamespace: string) =>
  objects.istios.items.find(
    (i) => (i.spec?.namespace ?? 'istio-system') === controlPlaneNamespace,
  ) ?? objects.istios.items[0];

/**
 * Where ztunnel runs when the mesh is ambient (undefined when it is not): the namespaces the
 * checklist expects ztunnel's PodMonitor in, and the wizard's metrics step writes it to.
 */
export const meshZtunnelNamespaces = (
  objects: TelemetryObjects,
  controlPlaneNamespace: string,
): string[] | undefined =>
  ztunnelNamespaces(
    objects.ztunnelDaemonSets.items,
    controlPlaneIstio(objects, controlPlaneNamespace),
  );

/**
 * The chain for a scope. `controlPlaneNamespace` is istiod's (and the mesh root namespace);
 * `kialiReadsThanos` is Kiali's own view when it is reachable (false: its Prometheus queries
 * fail), else undefined and the binding decides.
 */
export const telemetryReadiness = (
  objects: TelemetryObjects,
  scope: ReadinessScope,
  controlPlaneNamespace: string,
  kialiReadsThanos?: boolean,
): TelemetryReadiness => {
  const links: ReadinessLink[] = [];
  const add = (link: ReadinessLink) => links.push(link);
  const known = (r: Readable<unknown>, ok: boolean): LinkState =>
    ok ? 'ok' : r.readable ? 'missing' : 'unknown';

  // --- metrics
  const config = objects.monitoringConfigs.items.find(
    (c) => c.metadata?.name === MONITORING_CONFIG && c.metadata?.namespace === MONITORING_NAMESPACE,
  );
  const uwm = userWorkloadMonitoringEnabled(config);
  add({
    id: 'uwm-enabled',
    chain: 'metrics',
    state: known(objects.monitoringConfigs, uwm === true),
    fix: 'metrics',
    ...(uwm === 'malformed' ? { detail: { malformed: true } } : {}),
  });
  const prometheus = objects.uwmStatefulSets.items.find(
    (s) => s.metadata?.name === UWM_PROMETHEUS && s.metadata?.namespace === UWM_NAMESPACE,
  );
  const desired = prometheus?.spec?.replicas ?? 1;
  add({
    id: 'uwm-prometheus',
    chain: 'metrics',
    state: known(
      objects.uwmStatefulSets,
      !!prometheus && desired > 0 && (prometheus.status?.readyReplicas ?? 0) >= desired,
    ),
    fix: 'metrics',
  });
  add({
    id: 'istiod-scraped',
    chain: 'metrics',
    state: known(
      objects.serviceMonitors,
      objects.serviceMonitors.items.some(
        (sm) =>
          sm.metadata?.namespace === controlPlaneNamespace &&
          (sm.metadata?.name === ISTIOD_MONITOR ||
            sm.spec?.selector?.matchLabels?.istio === 'pilot'),
      ),
    ),
    fix: 'metrics',
  });
  const namespaces = scope.kind === 'mesh' ? scope.members : [scope.namespace];
  const unscraped = namespaces.filter(
    (ns) => !objects.podMonitors.items.some((pm) => scrapesSidecars(pm, ns)),
  );
  add({
    id: 'proxies-scraped',
    chain: 'metrics',
    state: known(objects.podMonitors, namespaces.length > 0 && unscraped.length === 0),
    fix: 'metrics',
    detail: { namespaces: unscraped },
  });
  // Ambient workloads are reported by ztunnel (L4) and waypoints only: without ztunnel's
  // metrics Kiali has no TCP edges for them and never draws a waypoint node.
  const ztunnels = meshZtunnelNamespaces(objects, controlPlaneNamespace);
  if (ztunnels && (scope.kind === 'mesh' || scope.ambient !== false)) {
    const ztunnelsUnscraped = ztunnels.filter(
      (ns) => !objects.podMonitors.items.some((pm) => scrapesZtunnel(pm, ns)),
    );
    add({
      id: 'ztunnel-scraped',
      chain: 'metrics',
      state: known(objects.podMonitors, ztunnelsUnscraped.length === 0),
      fix: 'metrics',
      detail: { namespaces: ztunnelsUnscraped },
    });
  }
  const kiali = objects.kialis.items[0];
  const kialiNamespace = kiali?.metadata?.namespace ?? controlPlaneNamespace;
  const monitoringView = objects.clusterRoleBindings.items.some(
    (b) =>
      b.roleRef?.name === 'cluster-monitoring-view' &&
      (b.subjects ?? []).some(
        (s) => s.kind === 'ServiceAccount' && s.name === KIALI_SA && s.namespace === kialiNamespace,
      ),
  );
  add({
    id: 'kiali-metrics',
    chain: 'metrics',
    state:
      kialiReadsThanos !== undefined && kiali
        ? kialiReadsThanos
          ? 'ok'
          : 'missing'
        : !kiali
          ? objects.kialis.readable
            ? 'missing'
            : 'unknown'
          : known(objects.clusterRoleBindings, monitoringView),
    fix: 'kiali-instance',
  });
  // A workload ztunnel captures needs no sidecar: ztunnel (and a waypoint) report its traffic.
  if (scope.kind === 'workload' && !scope.ambient) {
    add({
      id: 'workload-sidecar',
      chain: 'metrics',
      state: scope.sidecar === undefined ? 'unknown' : scope.sidecar ? 'ok' : 'missing',
      fix: 'members',
    });
  }

  // --- tracing
  const tempos: TempoInstance[] = [
    ...objects.tempoStacks.items.map((t) => ({ kind: 'TempoStack', t })),
    ...objects.tempoMonolithics.items.map((t) => ({ kind: 'TempoMonolithic', t })),
  ].map(({ kind, t }) => ({
    kind,
    namespace: t.metadata?.namespace ?? '',
    name: t.metadata?.name ?? '',
    ready: isConditionTrue(t.status?.conditions, 'Ready'),
  }));
  const temposReadable = objects.tempoStacks.readable && objects.tempoMonolithics.readable;
  add({
    id: 'tempo-ready',
    chain: 'tracing',
    state: tempos.some((t) => t.ready) ? 'ok' : temposReadable ? 'missing' : 'unknown',
    fix: 'tracing',
  });
  // A collector counts when it is ready and exports to a ready Tempo.
  const collectors = objects.collectors.items.filter(
    (c) => statusReady(c) && exporterEndpoints(c).some((e) => tempoOf(e, tempos)?.ready),
  );
  add({
    id: 'collector-ready',
    chain: 'tracing',
    state: known(objects.collectors, collectors.length > 0),
    fix: 'tracing',
  });
  const collectorHosts = new Set(
    collectors.map(
      (c) => `${c.metadata?.name}-collector.${c.metadata?.namespace}.svc.cluster.local`,
    ),
  );
  const istio = controlPlaneIstio(objects, controlPlaneNamespace);
  const provider = istio
    ? providersOf(istio).find(
        (p) =>
          p.opentelemetry?.service &&
          collectorHosts.has(p.opentelemetry.service) &&
          (p.opentelemetry.port ?? OTEL_PROVIDER_PORT) === OTEL_PROVIDER_PORT,
      )
    : undefined;
  add({
    id: 'tracing-provider',
    chain: 'tracing',
    state: known(objects.istios, !!provider),
    fix: 'tracing',
    ...(provider?.name ? { detail: { provider: provider.name } } : {}),
  });
  // The Telemetry that applies: the namespace's own, else the root namespace's (mesh-wide).
  const ns = scope.kind === 'mesh' ? undefined : scope.namespace;
  const tracingOf = (t?: Telemetry) =>
    t?.spec?.tracing?.find((tr) => (tr.providers ?? []).some((p) => p.name === provider?.name));
  const meshWide = (list: Telemetry[], namespace: string) =>
    list.find((t) => t.metadata?.namespace === namespace && !t.spec?.selector);
  const applied =
    (ns ? tracingOf(meshWide(objects.telemetries.items, ns)) : undefined) ??
    tracingOf(meshWide(objects.telemetries.items, controlPlaneNamespace));
  // Unset, the percentage falls back to the mesh default (1 %).
  const sampling = applied ? (applied.randomSamplingPercentage ?? 1) : undefined;
  add({
    id: 'tracing-telemetry',
    chain: 'tracing',
    state: known(objects.telemetries, !!provider && sampling !== undefined && sampling > 0),
    fix: 'tracing',
    ...(sampling !== undefined ? { detail: { sampling } } : {}),
  });
  const tracingConfig = (
    kiali?.spec?.external_services as
      | {
          tracing?: {
            enabled?: boolean;
            provider?: string;
            internal_url?: string;
            in_cluster_url?: string;
          };
        }
      | undefined
  )?.tracing;
  const kialiTempo =
    tracingConfig?.enabled &&
    tracingConfig.provider === 'tempo' &&
    tempoOf(tracingConfig.internal_url ?? tracingConfig.in_cluster_url ?? '', tempos)?.ready;
  add({
    id: 'kiali-tracing',
    chain: 'tracing',
    state: kiali ? (kialiTempo ? 'ok' : 'missing') : known(objects.kialis, false),
    fix: 'kiali-instance',
  });

  const chainOf = (chain: ReadinessLink['chain']) => links.filter((l) => l.chain === chain);
  return {
    links,
    metricsReady: chainOf('metrics').every((l) => l.state === 'ok'),
    tracingReady: chainOf('tracing').every((l) => l.state === 'ok'),
    firstGap: {
      metrics: chainOf('metrics').find((l) => l.state !== 'ok'),
      tracing: chainOf('tracing').find((l) => l.state !== 'ok'),
    },
  };
};
