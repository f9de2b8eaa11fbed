import type { WatchK8sResources } from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import {
  MONITORING_CONFIG,
  MONITORING_NAMESPACE,
  UWM_NAMESPACE,
  UWM_PROMETHEUS,
} from '../mesh/install/monitoringNames';
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
  modelToGroupVersionKind,
} from '../models';
import type { K8sModel } from '../models';
import { isApiAbsent } from './errors';
import { useServedWatches } from './useServedWatches';

type Items = { [K in keyof TelemetryObjects]: TelemetryObjects[K]['items'] };

const list = (model: K8sModel, extra: object = {}) => ({
  groupVersionKind: modelToGroupVersionKind(model),
  isList: true,
  ...extra,
});

const WATCHES: WatchK8sResources<Items> = {
  monitoringConfigs: list(ConfigMapModel, {
    namespace: MONITORING_NAMESPACE,
    fieldSelector: `metadata.name=${MONITORING_CONFIG}`,
  }),
  uwmStatefulSets: list(StatefulSetModel, {
    namespace: UWM_NAMESPACE,
    fieldSelector: `metadata.name=${UWM_PROMETHEUS}`,
  }),
  serviceMonitors: list(ServiceMonitorModel),
  podMonitors: list(PodMonitorModel),
  istios: list(IstioModel),
  telemetries: list(TelemetryModel),
  collectors: list(OpenTelemetryCollectorModel),
  tempoStacks: list(TempoStackModel),
  tempoMonolithics: list(TempoMonolithicModel),
  kialis: list(KialiModel),
  clusterRoleBindings: list(ClusterRoleBindingModel),
  // One watch across namespaces, by label: where ztunnel runs, as Kiali detects ambient.
  ztunnelDaemonSets: list(DaemonSetModel, { selector: { matchLabels: { app: 'ztunnel' } } }),
};

/**
 * Everything the telemetry chain is made of, watched. A kind whose CRD is absent reads as an
 * empty list (nothing of it exists); one the user may not read is `readable: false`, so the
 * checklist says it cannot tell rather than claiming it is missing.
 */
export const useTelemetryObjects = (): { loaded: boolean; objects: TelemetryObjects } => {
  const r = useServedWatches<Items>(WATCHES);
  return useMemo(() => {
    const keys = Object.keys(WATCHES) as (keyof Items)[];
    const objects = Object.fromEntries(
      keys.map((k) => {
        const err = r[k].loadError;
        const readable = !err || isApiAbsent(err);
        return [k, { items: err ? [] : (r[k].data ?? []), readable }];
      }),
    ) as TelemetryObjects;
    return { loaded: keys.every((k) => r[k].loaded || r[k].loadError), objects };
  }, [r]);
};
