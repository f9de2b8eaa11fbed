import { crdModel } from './common';
import type { K8sCondition, K8sResourceCommon } from './common';

/** Operator Lifecycle Manager (v0, Subscription-based: what OperatorHub uses). */
const olm = (
  kind: string,
  plural: string,
  abbr: string,
  version: string,
  namespaced = true,
  group = 'operators.coreos.com',
) =>
  crdModel({
    group,
    version,
    kind,
    plural,
    abbr,
    label: kind,
    labelPlural: `${kind}s`,
    namespaced,
  });

export const SubscriptionModel = olm('Subscription', 'subscriptions', 'SUB', 'v1alpha1');
export const OperatorGroupModel = olm('OperatorGroup', 'operatorgroups', 'OG', 'v1');
export const ClusterServiceVersionModel = olm(
  'ClusterServiceVersion',
  'clusterserviceversions',
  'CSV',
  'v1alpha1',
);
export const InstallPlanModel = olm('InstallPlan', 'installplans', 'IP', 'v1alpha1');
export const CatalogSourceModel = olm('CatalogSource', 'catalogsources', 'CS', 'v1alpha1');
// Served by the package-server aggregated API, not a CRD; read-only.
export const PackageManifestModel = {
  ...olm('PackageManifest', 'packagemanifests', 'PM', 'v1', true, 'packages.operators.coreos.com'),
  crd: false,
};

export type InstallMode = {
  type: 'OwnNamespace' | 'SingleNamespace' | 'MultiNamespace' | 'AllNamespaces';
  supported: boolean;
};

export type Subscription = K8sResourceCommon & {
  spec: {
    name: string;
    channel?: string;
    source: string;
    sourceNamespace: string;
    installPlanApproval?: 'Automatic' | 'Manual';
    startingCSV?: string;
    config?: Record<string, unknown>;
  };
  status?: {
    currentCSV?: string;
    installedCSV?: string;
    installPlanRef?: { name: string; namespace: string };
    state?: '' | 'UpgradePending' | 'UpgradeAvailable' | 'AtLatestKnown' | 'UpgradeFailed';
    conditions?: K8sCondition[];
    lastUpdated?: string;
  };
};

export type OperatorGroup = K8sResourceCommon & {
  spec?: {
    targetNamespaces?: string[];
    selector?: { matchLabels?: Record<string, string> };
    serviceAccountName?: string;
    upgradeStrategy?: 'Default' | 'TechPreviewUnsafeFailForward';
  };
  status?: { namespaces?: string[]; conditions?: K8sCondition[] };
};

export type ClusterServiceVersionPhase =
  | 'Pending'
  | 'InstallReady'
  | 'Installing'
  | 'Succeeded'
  | 'Failed'
  | 'Unknown'
  | 'Replacing'
  | 'Deleting';

export type ClusterServiceVersion = K8sResourceCommon & {
  spec?: {
    displayName?: string;
    version?: string;
    installModes?: InstallMode[];
    customresourcedefinitions?: { owned?: { name: string; kind: string; version: string }[] };
  };
  status?: {
    phase?: ClusterServiceVersionPhase;
    reason?: string;
    message?: string;
    conditions?: { phase: string; reason?: string; message?: string }[];
  };
};

export type InstallPlan = K8sResourceCommon & {
  spec: {
    approval: 'Automatic' | 'Manual';
    approved: boolean;
    clusterServiceVersionNames: string[];
  };
  status?: {
    phase?: 'Planning' | 'RequiresApproval' | 'Installing' | 'Complete' | 'Failed';
    conditions?: K8sCondition[];
    message?: string;
  };
};

export type CatalogSource = K8sResourceCommon & {
  spec?: { sourceType?: string; displayName?: string; publisher?: string };
  status?: { connectionState?: { lastObservedState?: string } };
};

export type PackageChannel = {
  name: string;
  currentCSV: string;
  currentCSVDesc?: {
    displayName?: string;
    version?: string;
    provider?: { name?: string };
    annotations?: Record<string, string>;
    installModes?: InstallMode[];
    description?: string;
  };
  entries?: { name: string; version: string }[];
};

export type PackageManifest = K8sResourceCommon & {
  status?: {
    packageName: string;
    catalogSource: string;
    catalogSourceNamespace: string;
    catalogSourceDisplayName?: string;
    provider?: { name?: string; url?: string };
    defaultChannel?: string;
    channels?: PackageChannel[];
  };
};
