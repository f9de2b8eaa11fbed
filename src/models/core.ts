import type { K8sCondition, K8sModel, K8sResourceCommon, LabelSelector } from './common';

// Core kinds are not CRDs; the console knows them, but the SDK exports no models for them.
const coreModel = (
  kind: string,
  plural: string,
  abbr: string,
  namespaced: boolean,
  apiGroup?: string,
): K8sModel => ({
  ...(apiGroup ? { apiGroup } : {}),
  apiVersion: 'v1',
  kind,
  plural,
  abbr,
  label: kind,
  labelPlural: `${kind}s`,
  namespaced,
});

export const NamespaceModel = coreModel('Namespace', 'namespaces', 'NS', false);
export const ServiceModel = coreModel('Service', 'services', 'S', true);
export const PodModel = coreModel('Pod', 'pods', 'P', true);
export const ServiceAccountModel = coreModel('ServiceAccount', 'serviceaccounts', 'SA', true);
export const DeploymentModel = coreModel('Deployment', 'deployments', 'D', true, 'apps');
export const StatefulSetModel = coreModel('StatefulSet', 'statefulsets', 'SS', true, 'apps');
export const DaemonSetModel = coreModel('DaemonSet', 'daemonsets', 'DS', true, 'apps');
export const ClusterRoleBindingModel: K8sModel = {
  ...coreModel('ClusterRoleBinding', 'clusterrolebindings', 'CRB', false),
  apiGroup: 'rbac.authorization.k8s.io',
};
export const ConfigMapModel = coreModel('ConfigMap', 'configmaps', 'CM', true);
export const SecretModel = coreModel('Secret', 'secrets', 'S', true);
export const ClusterRoleModel: K8sModel = {
  ...coreModel('ClusterRole', 'clusterroles', 'CR', false),
  apiGroup: 'rbac.authorization.k8s.io',
};
export const CustomResourceDefinitionModel: K8sModel = {
  ...coreModel('CustomResourceDefinition', 'customresourcedefinitions', 'CRD', false),
  apiGroup: 'apiextensions.k8s.io',
};

export type ConfigMap = K8sResourceCommon & { data?: Record<string, string> };

/** Only what the plugin reads of a Secret: its type and which keys it has, never the values. */
export type Secret = K8sResourceCommon & { type?: string; data?: Record<string, string> };

export type PolicyRule = {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  verbs: string[];
};

export type ClusterRole = K8sResourceCommon & { rules?: PolicyRule[] };

export type Namespace = K8sResourceCommon & {
  status?: { phase?: 'Active' | 'Terminating' };
};

export type ServicePort = {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
};

export type Service = K8sResourceCommon & {
  spec?: {
    selector?: Record<string, string>;
    ports?: ServicePort[];
    type?: string;
    clusterIP?: string;
  };
};

export type Container = {
  name: string;
  image?: string;
  restartPolicy?: string;
  ports?: { containerPort: number; name?: string; protocol?: string }[];
};

export type ContainerStatus = { name: string; ready: boolean; restartCount?: number };

export type Pod = K8sResourceCommon & {
  spec?: {
    containers: Container[];
    initContainers?: Container[];
    serviceAccountName?: string;
  };
  status?: {
    phase?: string;
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
    conditions?: K8sCondition[];
  };
};

export type PodTemplate = {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Pod['spec'];
};

export type Deployment = K8sResourceCommon & {
  spec?: { replicas?: number; selector?: LabelSelector; template?: PodTemplate };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    conditions?: K8sCondition[];
  };
};

export type StatefulSet = Deployment;

export type DaemonSet = K8sResourceCommon & {
  spec?: { selector?: LabelSelector; template?: PodTemplate };
  status?: { desiredNumberScheduled?: number; numberReady?: number };
};

export type ServiceAccount = K8sResourceCommon;

export type ClusterRoleBinding = K8sResourceCommon & {
  roleRef: { apiGroup: string; kind: 'ClusterRole'; name: string };
  subjects?: { kind: string; name: string; namespace?: string; apiGroup?: string }[];
};

export type JSONSchemaProps = {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, JSONSchemaProps>;
  items?: JSONSchemaProps;
};

export type CustomResourceDefinition = K8sResourceCommon & {
  spec?: {
    group: string;
    names: { kind: string; plural: string };
    scope: 'Namespaced' | 'Cluster';
    versions: {
      name: string;
      served: boolean;
      storage: boolean;
      schema?: { openAPIV3Schema?: JSONSchemaProps };
    }[];
  };
  status?: { conditions?: K8sCondition[] };
};
