/**
 * The telemetry chain as the wizard leaves it, for tests of what reads it (the readiness rules,
 * the tabs, the overview): each kind as `useTelemetryObjects` hands it over.
 */
import {
  collectorObjects,
  istiodServiceMonitor,
  kialiTracing,
  meshTelemetry,
  proxyPodMonitor,
  tempoTarget,
} from '../mesh/install/observabilityObjects';
import type { TelemetryObjects } from '../mesh/observability/telemetryReadiness';
import {
  ClusterRoleBindingModel,
  ConfigMapModel,
  DaemonSetModel,
  IstioModel,
  KialiModel,
  OpenTelemetryCollectorModel,
  PodMonitorModel,
  ServiceMonitorModel,
  StatefulSetModel,
  TelemetryModel,
  TempoMonolithicModel,
  TempoStackModel,
} from '../models';
import type { ConfigMap, Istio, StatefulSet } from '../models';

export const readable = <T = never>(items: T[] = []) => ({ items, readable: true });
export const hidden = { items: [], readable: false };
export const CP = 'istio-system';
export const tempo = tempoTarget({ kind: 'monolithic', storage: 'memory', size: '2Gi' });

export const monitoringConfig = (yaml: string): ConfigMap => ({
  metadata: { name: 'cluster-monitoring-config', namespace: 'openshift-monitoring' },
  data: { 'config.yaml': yaml },
});
export const uwmPrometheus = (ready: number): StatefulSet => ({
  metadata: { name: 'prometheus-user-workload', namespace: 'openshift-user-workload-monitoring' },
  spec: { replicas: 2 },
  status: { readyReplicas: ready },
});
export const readyCollector = () => {
  const c = collectorObjects(CP, tempo)[2];
  return { ...c, status: { scale: { replicas: 1, statusReplicas: '1/1' } } };
};
export const istio = (providers: unknown[]): Istio => ({
  metadata: { name: 'default' },
  spec: { namespace: CP, values: { meshConfig: { extensionProviders: providers } } },
});
export const otelProvider = {
  name: 'otel-tracing',
  opentelemetry: { service: 'otel-collector.istio-system.svc.cluster.local', port: 4317 },
};
export const ready = [{ type: 'Ready', status: 'True' as const }];

/** Everything the wizard creates, in the state the operators leave it. */
export const complete = (): TelemetryObjects => ({
  monitoringConfigs: readable([monitoringConfig('enableUserWorkload: true\n')]),
  uwmStatefulSets: readable([uwmPrometheus(2)]),
  serviceMonitors: readable([istiodServiceMonitor(CP)]),
  podMonitors: readable([proxyPodMonitor('bookinfo')]),
  istios: readable([istio([otelProvider])]),
  telemetries: readable([meshTelemetry(CP, 1)]),
  collectors: readable([readyCollector()]),
  tempoStacks: readable(),
  tempoMonolithics: readable([
    { metadata: { name: 'sample', namespace: 'tempo' }, status: { conditions: ready } },
  ]),
  kialis: readable([
    {
      metadata: { name: 'kiali', namespace: CP },
      spec: { external_services: { tracing: kialiTracing(tempo) } },
    },
  ]),
  clusterRoleBindings: readable([
    {
      metadata: { name: 'kiali-monitoring-rbac' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'cluster-monitoring-view',
      },
      subjects: [{ kind: 'ServiceAccount', name: 'kiali-service-account', namespace: CP }],
    },
  ]),
  ztunnelDaemonSets: readable(),
});

const TELEMETRY_MODELS = [
  ConfigMapModel,
  StatefulSetModel,
  ServiceMonitorModel,
  PodMonitorModel,
  IstioModel,
  TelemetryModel,
  OpenTelemetryCollectorModel,
  TempoStackModel,
  TempoMonolithicModel,
  KialiModel,
  ClusterRoleBindingModel,
  DaemonSetModel,
];

/** Discovery references (`group~version~Kind`) of every kind the chain is read from. */
export const TELEMETRY_SERVED = TELEMETRY_MODELS.map(
  (m) => `${m.apiGroup ?? 'core'}~${m.apiVersion}~${m.kind}`,
);

/** The objects as the console's watches return them, by the keys `useTelemetryObjects` uses. */
export const telemetryWatches = (o: TelemetryObjects) =>
  Object.fromEntries(
    Object.entries(o).map(([k, r]) => [
      k,
      r.readable ? { data: r.items } : { data: [], loadError: { code: 403 } },
    ]),
  );
