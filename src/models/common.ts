import type {
  K8sGroupVersionKind,
  K8sModel,
  K8sResourceCommon,
} from '@openshift-console/dynamic-plugin-sdk';

/** A status condition as most operators write it (metav1.Condition and its older cousins). */
export type K8sCondition = {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
};

export type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};

export type { K8sModel, K8sResourceCommon };

/**
 * A kind typed by a generated @kubernetes-models interface (imported type-only), re-based on
 * the SDK's K8sResourceCommon: the generated `apiVersion`/`kind` are literals of one version
 * (we also read and write older ones) and its `IObjectMeta` is not the SDK's metadata type.
 */
export type FromGeneratedKind<T> = Omit<T, 'apiVersion' | 'kind' | 'metadata'> & K8sResourceCommon;

/** An object with its spec, as our builders return it; the CRDs themselves leave spec optional. */
export type WithSpec<T extends { spec?: unknown }> = T & { spec: NonNullable<T['spec']> };

/** The group/version/kind triple that the SDK's watch hooks take, derived from a model. */
export const modelToGroupVersionKind = (model: K8sModel): K8sGroupVersionKind => ({
  group: model.apiGroup,
  version: model.apiVersion,
  kind: model.kind,
});

/** `apiVersion` as written in an object of this model, e.g. `networking.istio.io/v1`. */
export const apiVersionOf = (model: K8sModel): string =>
  model.apiGroup ? `${model.apiGroup}/${model.apiVersion}` : model.apiVersion;

/**
 * The same kind served at another version. Istio kinds are v1 on Service Mesh 3 but v1beta1
 * on 2.6; the spec is identical, so one model definition serves both.
 */
export const atVersion = (model: K8sModel, version: string): K8sModel =>
  model.apiVersion === version ? model : { ...model, apiVersion: version };

/** Shorthand for the many CRD models below; every field the SDK reads is spelled out. */
export const crdModel = (m: {
  group: string;
  version: string;
  kind: string;
  plural: string;
  abbr: string;
  label: string;
  labelPlural: string;
  namespaced: boolean;
  shortNames?: string[];
}): K8sModel => ({
  apiGroup: m.group,
  apiVersion: m.version,
  kind: m.kind,
  plural: m.plural,
  abbr: m.abbr,
  label: m.label,
  labelKey: undefined,
  labelPlural: m.labelPlural,
  namespaced: m.namespaced,
  crd: true,
  ...(m.shortNames ? { shortNames: m.shortNames } : {}),
});
