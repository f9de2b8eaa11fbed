import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import { useTelemetryObjects } from '../k8s/useTelemetryObjects';
import { useTelemetryReadinessFn } from '../k8s/useTelemetryReadiness';
import type { TabSubject } from '../mesh/observability/target';
import type { ReadinessScope, TelemetryReadiness } from '../mesh/observability/telemetryReadiness';
import { podDataPlane } from '../mesh/security/dataPlane';
import { sidecarStatus } from '../mesh/security/mtls';
import { PodModel, modelToGroupVersionKind } from '../models';
import type { Pod } from '../models';

export type TabTelemetry = {
  loaded: boolean;
  /**
   * The chain for the tab's subject, on Service Mesh 3 (a Sail Istio exists). Undefined on 2.6,
   * whose control plane brings its own Prometheus and Jaeger: the chain there is not ours.
   */
  readiness?: TelemetryReadiness;
  controlPlane: string;
};

/** The template-hash label pins one ReplicaSet; a workload's pods are all of its ReplicaSets'. */
const workloadSelector = (labels: Record<string, string> = {}) =>
  Object.fromEntries(Object.entries(labels).filter(([k]) => k !== 'pod-template-hash'));

/**
 * Why a tab's graph or traces may be empty: the telemetry chain for its namespace, and for a
 * workload whether its running pods carry a sidecar (nothing else reports their traffic).
 */
export const useTabTelemetry = (
  subject: TabSubject,
  /** What Kiali's own answers say: false when its Prometheus refused it, true when it answered. */
  kialiReadsThanos?: boolean,
): TabTelemetry => {
  const { loaded: objectsLoaded, objects } = useTelemetryObjects();
  const telemetryReadiness = useTelemetryReadinessFn();
  const loaded = objectsLoaded && !!telemetryReadiness;
  const { target } = subject;
  const watch = useMemo(() => {
    const matchLabels = workloadSelector(subject.podLabels);
    return target.kind === 'workload' && Object.keys(matchLabels).length
      ? {
          groupVersionKind: modelToGroupVersionKind(PodModel),
          namespace: target.namespace,
          isList: true,
          selector: { matchLabels },
        }
      : null;
  }, [target, subject.podLabels]);
  const [pods, podsLoaded, podsError] = useK8sWatchResource<Pod[]>(watch);
  return useMemo(() => {
    const istio = objects.istios.items[0];
    const controlPlane = istio?.spec?.namespace ?? 'istio-system';
    if (!loaded || !telemetryReadiness || !istio) return { loaded, controlPlane };
    let scope: ReadinessScope;
    if (target.kind === 'workload') {
      const running = podsError ? [] : (pods ?? []).filter((p) => !p.metadata?.deletionTimestamp);
      scope = {
        kind: 'workload',
        namespace: target.namespace,
        name: target.name,
        ...(running.length
          ? {
              sidecar: running.some((p) => sidecarStatus(p).hasProxy),
              // Captured by ztunnel: its traffic shows only if ztunnel is scraped.
              ambient: running.some((p) => podDataPlane(p, false) === 'ambient'),
            }
          : {}),
      };
    } else {
      scope = { kind: 'namespace', namespace: target.namespace };
    }
    return {
      loaded: !watch || podsLoaded || !!podsError,
      readiness: telemetryReadiness(objects, scope, controlPlane, kialiReadsThanos),
      controlPlane,
    };
  }, [
    loaded,
    telemetryReadiness,
    objects,
    target,
    watch,
    pods,
    podsLoaded,
    podsError,
    kialiReadsThanos,
  ]);
};
