import { crdModel } from './common';
import type { K8sCondition, K8sResourceCommon } from './common';

/** Service Mesh 2.x (Maistra) kinds. The control plane is maistra.io/v2, members are v1. */
export const ServiceMeshControlPlaneModel = crdModel({
  group: 'maistra.io',
  version: 'v2',
  kind: 'ServiceMeshControlPlane',
  plural: 'servicemeshcontrolplanes',
  abbr: 'SMCP',
  label: 'ServiceMeshControlPlane',
  labelPlural: 'ServiceMeshControlPlanes',
  namespaced: true,
  shortNames: ['smcp'],
});

export const ServiceMeshMemberRollModel = crdModel({
  group: 'maistra.io',
  version: 'v1',
  kind: 'ServiceMeshMemberRoll',
  plural: 'servicemeshmemberrolls',
  abbr: 'SMMR',
  label: 'ServiceMeshMemberRoll',
  labelPlural: 'ServiceMeshMemberRolls',
  namespaced: true,
  shortNames: ['smmr'],
});

export const ServiceMeshMemberModel = crdModel({
  group: 'maistra.io',
  version: 'v1',
  kind: 'ServiceMeshMember',
  plural: 'servicemeshmembers',
  abbr: 'SMM',
  label: 'ServiceMeshMember',
  labelPlural: 'ServiceMeshMembers',
  namespaced: true,
  shortNames: ['smm'],
});

export type ServiceMeshControlPlane = K8sResourceCommon & {
  spec?: {
    version?: string;
    mode?: 'MultiTenant' | 'ClusterWide';
    profiles?: string[];
    tracing?: { type?: 'None' | 'Jaeger' | 'Stackdriver'; sampling?: number };
    policy?: { type?: string };
    telemetry?: { type?: string };
    security?: {
      dataPlane?: { mtls?: boolean; automtls?: boolean };
      controlPlane?: { mtls?: boolean; certProvider?: string };
      trust?: { domain?: string };
      manageNetworkPolicy?: boolean;
    };
    gateways?: { openshiftRoute?: { enabled?: boolean } } & Record<string, unknown>;
    addons?: {
      prometheus?: { enabled?: boolean };
      grafana?: { enabled?: boolean };
      kiali?: { enabled?: boolean; name?: string };
    } & Record<string, unknown>;
    meshConfig?: Record<string, unknown>;
  };
  status?: {
    observedGeneration?: number;
    conditions?: K8sCondition[];
    operatorVersion?: string;
    chartVersion?: string;
    readiness?: { components?: { ready?: string[]; unready?: string[]; pending?: string[] } };
    annotations?: Record<string, string>;
    appliedSpec?: { version?: string };
  };
};

export type ServiceMeshMemberRoll = K8sResourceCommon & {
  spec?: {
    members?: string[];
    memberSelectors?: { matchLabels?: Record<string, string> }[];
  };
  status?: {
    members?: string[];
    configuredMembers?: string[];
    pendingMembers?: string[];
    terminatingMembers?: string[];
    conditions?: K8sCondition[];
  };
};

export type ServiceMeshMember = K8sResourceCommon & {
  spec?: { controlPlaneRef: { name: string; namespace: string } };
  status?: { conditions?: K8sCondition[] };
};
