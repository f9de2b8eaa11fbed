import { crdModel } from './common';
import type { K8sCondition, K8sResourceCommon } from './common';

export const KialiModel = crdModel({
  group: 'kiali.io',
  version: 'v1alpha1',
  kind: 'Kiali',
  plural: 'kialis',
  abbr: 'K',
  label: 'Kiali',
  labelPlural: 'Kialis',
  namespaced: true,
});

// Legacy: the Jaeger operator was removed from the Red Hat catalog on 2025-11-03.
export const JaegerModel = crdModel({
  group: 'jaegertracing.io',
  version: 'v1',
  kind: 'Jaeger',
  plural: 'jaegers',
  abbr: 'J',
  label: 'Jaeger',
  labelPlural: 'Jaegers',
  namespaced: true,
});

export const TempoStackModel = crdModel({
  group: 'tempo.grafana.com',
  version: 'v1alpha1',
  kind: 'TempoStack',
  plural: 'tempostacks',
  abbr: 'TS',
  label: 'TempoStack',
  labelPlural: 'TempoStacks',
  namespaced: true,
});

export const TempoMonolithicModel = crdModel({
  group: 'tempo.grafana.com',
  version: 'v1alpha1',
  kind: 'TempoMonolithic',
  plural: 'tempomonolithics',
  abbr: 'TM',
  label: 'TempoMonolithic',
  labelPlural: 'TempoMonolithics',
  namespaced: true,
});

export const OpenTelemetryCollectorModel = crdModel({
  group: 'opentelemetry.io',
  version: 'v1beta1',
  kind: 'OpenTelemetryCollector',
  plural: 'opentelemetrycollectors',
  abbr: 'OTC',
  label: 'OpenTelemetryCollector',
  labelPlural: 'OpenTelemetryCollectors',
  namespaced: true,
});

export type Kiali = K8sResourceCommon & {
  spec?: {
    version?: string;
    deployment?: { instance_name?: string; namespace?: string; cluster_wide_access?: boolean };
    external_services?: Record<string, unknown>;
    server?: { web_root?: string };
  };
  status?: {
    specVersion?: string;
    deployment?: { instanceName?: string; namespace?: string };
    progress?: { message?: string; duration?: string };
    conditions?: K8sCondition[];
  };
};

export type Jaeger = K8sResourceCommon & {
  spec?: { strategy?: string; storage?: { type?: string } };
  status?: { phase?: string; version?: string };
};

export type TempoStack = K8sResourceCommon & {
  spec?: {
    storage?: { secret?: { name: string; type: string } };
    storageSize?: string;
    tenants?: { mode?: string; authentication?: { tenantName: string; tenantId: string }[] };
    template?: Record<string, unknown>;
  };
  status?: { conditions?: K8sCondition[]; tempoVersion?: string };
};

export type TempoMonolithic = K8sResourceCommon & {
  spec?: {
    storage?: { traces?: { backend?: string; size?: string } };
    jaegerui?: { enabled?: boolean; route?: { enabled?: boolean } };
    multitenancy?: {
      enabled?: boolean;
      mode?: string;
      authentication?: { tenantName: string; tenantId: string }[];
    };
  };
  status?: { conditions?: K8sCondition[] };
};

export type OpenTelemetryCollector = K8sResourceCommon & {
  spec?: { mode?: string; config?: Record<string, unknown> };
  /** `scale.statusReplicas` is "<ready>/<desired>", as the OpenTelemetry operator reports it. */
  status?: { scale?: { replicas?: number; statusReplicas?: string }; version?: string };
};
