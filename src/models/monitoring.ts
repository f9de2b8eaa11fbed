import { crdModel } from './common';
import type { K8sResourceCommon, LabelSelector } from './common';

// The Prometheus operator's kinds, as OpenShift's monitoring stack serves them.
const monitoring = (kind: string, plural: string, abbr: string) =>
  crdModel({
    group: 'monitoring.coreos.com',
    version: 'v1',
    kind,
    plural,
    abbr,
    label: kind,
    labelPlural: `${kind}s`,
    namespaced: true,
  });

export const ServiceMonitorModel = monitoring('ServiceMonitor', 'servicemonitors', 'SMON');
export const PodMonitorModel = monitoring('PodMonitor', 'podmonitors', 'PMON');

type NamespaceSelector = { any?: boolean; matchNames?: string[] };

export type ServiceMonitor = K8sResourceCommon & {
  spec: {
    selector: LabelSelector;
    namespaceSelector?: NamespaceSelector;
    endpoints?: { port?: string; path?: string; interval?: string; scheme?: string }[];
    targetLabels?: string[];
  };
};

export type PodMonitor = K8sResourceCommon & {
  spec: {
    selector: LabelSelector;
    namespaceSelector?: NamespaceSelector;
    podMetricsEndpoints?: { port?: string; path?: string; interval?: string }[];
    /** Pod labels copied onto every series scraped. */
    podTargetLabels?: string[];
  };
};
