import { crdModel } from './common';
import type { K8sCondition, K8sResourceCommon } from './common';

/** Service Mesh 3 (Sail operator) kinds: all cluster-scoped, sailoperator.io/v1. */
const sail = (kind: string, plural: string, abbr: string) =>
  crdModel({
    group: 'sailoperator.io',
    version: 'v1',
    kind,
    plural,
    abbr,
    label: kind,
    labelPlural: `${kind}s`,
    namespaced: false,
  });

export const IstioModel = sail('Istio', 'istios', 'IST');
export const IstioCNIModel = sail('IstioCNI', 'istiocnis', 'CNI');
export const IstioRevisionModel = sail('IstioRevision', 'istiorevisions', 'IR');
export const IstioRevisionTagModel = sail('IstioRevisionTag', 'istiorevisiontags', 'IRT');
/**
 * ztunnel, the ambient data plane's node proxy (name must be `default`). Served as v1 since the
 * Sail operator 1.29 (Service Mesh 3.3+), as v1alpha1 before: writers pick the served version.
 */
export const ZTunnelModel = sail('ZTunnel', 'ztunnels', 'ZT');

export type IstioUpdateStrategy = {
  type?: 'InPlace' | 'RevisionBased';
  inactiveRevisionDeletionGracePeriodSeconds?: number;
  updateWorkloads?: boolean;
};

export type SailStatus = {
  state?: string;
  observedGeneration?: number;
  conditions?: K8sCondition[];
};

export type Istio = K8sResourceCommon & {
  spec?: {
    version?: string;
    namespace?: string;
    profile?: string;
    updateStrategy?: IstioUpdateStrategy;
    values?: Record<string, unknown>;
  };
  status?: SailStatus & {
    activeRevisionName?: string;
    revisions?: { total?: number; ready?: number; inUse?: number };
  };
};

export type IstioCNI = K8sResourceCommon & {
  spec?: {
    version?: string;
    namespace?: string;
    profile?: string;
    values?: Record<string, unknown>;
  };
  status?: SailStatus;
};

export type ZTunnel = K8sResourceCommon & {
  spec?: {
    version?: string;
    namespace?: string;
    profile?: string;
    targetRef?: { kind?: string; name?: string };
    values?: Record<string, unknown>;
  };
  status?: SailStatus & { istioRevision?: string };
};

export type IstioRevision = K8sResourceCommon & {
  spec?: { version?: string; namespace?: string; values?: Record<string, unknown> };
  status?: SailStatus;
};

export type IstioRevisionTag = K8sResourceCommon & {
  spec?: { targetRef: { kind: 'Istio' | 'IstioRevision'; name: string } };
  status?: SailStatus & { istioRevision?: string; istiodNamespace?: string };
};
