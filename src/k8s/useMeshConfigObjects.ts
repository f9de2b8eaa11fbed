import { useK8sModels } from '@openshift-console/dynamic-plugin-sdk';
import type {
  K8sModel as SdkModel,
  WatchK8sResources,
} from '@openshift-console/dynamic-plugin-sdk';
import { useMemo, useRef } from 'react';
import { indexMeshConfig } from '../mesh/config/meshConfigIndex';
import type { ConfigKind, MeshConfigIndex, MeshConfigInput } from '../mesh/config/meshConfigIndex';
import { meshMembers } from '../mesh/meshDetection';
import { rootNamespaceOf } from '../mesh/security/workloadSecurity';
import {
  AuthorizationPolicyModel,
  DeploymentModel,
  DestinationRuleModel,
  GRPCRouteModel,
  GatewayApiGatewayModel,
  GatewayModel,
  HTTPRouteModel,
  NamespaceModel,
  PeerAuthenticationModel,
  RequestAuthenticationModel,
  ServiceAccountModel,
  ServiceEntryModel,
  ServiceModel,
  SidecarModel,
  StatefulSetModel,
  TelemetryModel,
  VirtualServiceModel,
  atVersion,
  modelToGroupVersionKind,
} from '../models';
import type { K8sModel, K8sResourceCommon } from '../models';
import { isApiAbsent } from './errors';
import { useMeshDetection } from './useMeshDetection';
import { useServedWatches } from './useServedWatches';

/**
 * A kind the configuration page lists. `type` is Kiali's name for it (the lowercase plural, with
 * `k8s` before the Gateway API kinds, whose Gateway would otherwise clash with Istio's): the
 * segment of the details page's path. `id` is the lowercase kind under the same rule, for test
 * ids. `validated` is the kind the validator checks it as, if it does.
 */
export type ListedKind = {
  type: string;
  id: string;
  kind: string;
  model: K8sModel;
  validated?: ConfigKind;
  /** Listed only when the validator finds a problem in it (Services: the mesh has thousands). */
  onlyWithProblems?: boolean;
};

type KindSpec = ListedKind & {
  key: string;
  input?: keyof MeshConfigInput;
};

// In the order the page lists kinds.
const LISTED: KindSpec[] = [
  {
    key: 'virtualServices',
    type: 'virtualservices',
    id: 'virtualservice',
    kind: 'VirtualService',
    model: VirtualServiceModel,
    validated: 'VirtualService',
    input: 'virtualServices',
  },
  {
    key: 'destinationRules',
    type: 'destinationrules',
    id: 'destinationrule',
    kind: 'DestinationRule',
    model: DestinationRuleModel,
    validated: 'DestinationRule',
    input: 'destinationRules',
  },
  {
    key: 'gateways',
    type: 'gateways',
    id: 'gateway',
    kind: 'Gateway',
    model: GatewayModel,
    validated: 'Gateway',
    input: 'gateways',
  },
  {
    key: 'serviceEntries',
    type: 'serviceentries',
    id: 'serviceentry',
    kind: 'ServiceEntry',
    model: ServiceEntryModel,
    validated: 'ServiceEntry',
    input: 'serviceEntries',
  },
  {
    key: 'sidecars',
    type: 'sidecars',
    id: 'sidecar',
    kind: 'Sidecar',
    model: SidecarModel,
    validated: 'Sidecar',
    input: 'sidecars',
  },
  {
    key: 'peerAuthentications',
    type: 'peerauthentications',
    id: 'peerauthentication',
    kind: 'PeerAuthentication',
    model: PeerAuthenticationModel,
    validated: 'PeerAuthentication',
    input: 'peerAuthentications',
  },
  {
    key: 'authorizationPolicies',
    type: 'authorizationpolicies',
    id: 'authorizationpolicy',
    kind: 'AuthorizationPolicy',
    model: AuthorizationPolicyModel,
    validated: 'AuthorizationPolicy',
    input: 'authorizationPolicies',
  },
  {
    key: 'requestAuthentications',
    type: 'requestauthentications',
    id: 'requestauthentication',
    kind: 'RequestAuthentication',
    model: RequestAuthenticationModel,
    validated: 'RequestAuthentication',
    input: 'requestAuthentications',
  },
  {
    key: 'telemetries',
    type: 'telemetries',
    id: 'telemetry',
    kind: 'Telemetry',
    model: TelemetryModel,
  },
  {
    key: 'k8sGateways',
    type: 'k8sgateways',
    id: 'k8sgateway',
    kind: 'Gateway',
    model: GatewayApiGatewayModel,
  },
  {
    key: 'httpRoutes',
    type: 'k8shttproutes',
    id: 'k8shttproute',
    kind: 'HTTPRoute',
    model: HTTPRouteModel,
  },
  {
    key: 'grpcRoutes',
    type: 'k8sgrpcroutes',
    id: 'k8sgrpcroute',
    kind: 'GRPCRoute',
    model: GRPCRouteModel,
  },
  {
    key: 'services',
    type: 'services',
    id: 'service',
    kind: 'Service',
    model: ServiceModel,
    validated: 'Service',
    input: 'services',
    onlyWithProblems: true,
  },
];

/**
 * What the checks read besides the listed kinds: the workloads (as their controllers' pod
 * templates) and who they run as. Not Pods: on a big mesh their list is the largest by far
 * (3.3 MB of 5.5 MB on large-5000, with status) and the templates say what the checks need;
 * a pod no Deployment or StatefulSet owns (a bare pod, a DaemonSet's) is therefore not counted as
 * a workload, so a selector that matches only such pods is reported as matching nothing.
 */
const INDEX_ONLY: { key: string; model: K8sModel; input: keyof MeshConfigInput }[] = [
  { key: 'deployments', model: DeploymentModel, input: 'deployments' },
  { key: 'statefulSets', model: StatefulSetModel, input: 'statefulSets' },
  { key: 'serviceAccounts', model: ServiceAccountModel, input: 'serviceAccounts' },
];

/** Mesh-wide policies of the root namespace, read beside one namespace's objects. */
const ROOT_POLICIES: { key: string; model: K8sModel; input: keyof MeshConfigInput }[] = [
  { key: 'rootPeerAuthentications', model: PeerAuthenticationModel, input: 'peerAuthentications' },
  {
    key: 'rootAuthorizationPolicies',
    model: AuthorizationPolicyModel,
    input: 'authorizationPolicies',
  },
  {
    key: 'rootRequestAuthentications',
    model: RequestAuthenticationModel,
    input: 'requestAuthentications',
  },
];

const VERSIONS = ['v1', 'v1beta1', 'v1alpha3', 'v1alpha1'];

/** The index while the lists load: nothing in it, so nothing is reported. */
const UNLOADED = indexMeshConfig({ rootNamespace: '' });

/** The list of a kind whose CRD is absent: always the same array, so nothing recomputes. */
const NONE: K8sResourceCommon[] = [];

/** The most stable version discovery serves of a kind; its model's own when none is. */
const servedVersion = (models: SdkModel[], model: K8sModel): string => {
  if (!model.apiGroup) return model.apiVersion;
  const served = new Set(
    models
      .filter((m) => m.apiGroup === model.apiGroup && m.kind === model.kind)
      .map((m) => m.apiVersion),
  );
  return VERSIONS.find((v) => served.has(v)) ?? model.apiVersion;
};

/**
 * Recomputes only when one of `parts` is another object than before (the watch hooks hand out
 * the same arrays while nothing changed): indexing thousands of objects happens once per change
 * of the cluster, not once per render.
 */
const useOnParts = <T>(parts: unknown[], build: () => T): T => {
  const last = useRef<{ parts: unknown[]; value: T }>();
  const prev = last.current;
  if (!prev || prev.parts.length !== parts.length || prev.parts.some((p, i) => p !== parts[i])) {
    last.current = { parts, value: build() };
  }
  return (last.current as { value: T }).value;
};

export type ListedObject = { kind: ListedKind; obj: K8sResourceCommon };

export type MeshConfigObjects = {
  loaded: boolean;
  /** A listed kind that could not be read for another reason than its CRD being absent. */
  error?: unknown;
  /** Whether Istio's CRDs are served at all. */
  istioInstalled: boolean;
  rootNamespace: string;
  /** The kinds the page lists, each at the version the cluster serves. */
  kinds: ListedKind[];
  /** Every object of the listed kinds in the namespace (or all of them), Services included. */
  objects: ListedObject[];
  index: MeshConfigIndex;
  /** Kinds the checks need that could not be read: their checks are skipped. */
  unread: string[];
};

/**
 * The Istio configuration of one namespace (or of all) with what its checks need, watched at the
 * versions the cluster serves: one list per kind whatever the number of namespaces (cluster-wide
 * lists for all namespaces), plus the root namespace's mesh-wide policies when one namespace is
 * shown. Lists that cannot be read are left out of the index, so the checks that need them say
 * nothing rather than report everything broken; kinds whose CRDs are absent are empty.
 */
export const useMeshConfigObjects = (namespace?: string): MeshConfigObjects => {
  const [models] = useK8sModels();
  const served = useMemo(() => Object.values(models ?? {}), [models]);
  const mesh = useMeshDetection();
  const rootNamespace = rootNamespaceOf(mesh.detection, namespace ?? '');
  // By content: a new detection with the same members must not re-index the configuration.
  const membersKey = mesh.detection ? meshMembers(mesh.detection).join(',') : undefined;
  const members = useMemo(
    () => (membersKey === undefined ? undefined : membersKey.split(',').filter(Boolean)),
    [membersKey],
  );

  const kinds = useMemo(
    (): KindSpec[] =>
      LISTED.map((k) => ({ ...k, model: atVersion(k.model, servedVersion(served, k.model)) })),
    [served],
  );
  const versionsKey = kinds.map((k) => k.model.apiVersion).join(',');
  const rootExtra = !!namespace && namespace !== rootNamespace;

  const watches = useMemo(() => {
    const list = (model: K8sModel, ns?: string) => ({
      groupVersionKind: modelToGroupVersionKind(model),
      isList: true,
      ...(ns ? { namespace: ns } : {}),
    });
    const at = (model: K8sModel) => atVersion(model, servedVersion(served, model));
    return Object.fromEntries([
      ...kinds.map((k) => [k.key, list(k.model, namespace)]),
      ...INDEX_ONLY.map((k) => [k.key, list(k.model, namespace)]),
      ...(rootExtra ? ROOT_POLICIES.map((k) => [k.key, list(at(k.model), rootNamespace)]) : []),
      ['namespaces', list(NamespaceModel)],
    ]) as WatchK8sResources<Record<string, K8sResourceCommon[]>>;
    // versionsKey stands for the served versions of `kinds` and `served`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [versionsKey, namespace, rootNamespace, rootExtra]);

  const r = useServedWatches<Record<string, K8sResourceCommon[]>>(watches);
  const keys = Object.keys(watches);
  const loaded = mesh.loaded && keys.every((k) => r[k]?.loaded || r[k]?.loadError);
  /** A list as the index takes it: undefined when it could not be read, empty when not served. */
  const read = (k: string): K8sResourceCommon[] | undefined => {
    const res = r[k];
    if (!res) return undefined;
    if (res.loadError) return isApiAbsent(res.loadError) ? NONE : undefined;
    return res.loaded ? (res.data ?? []) : undefined;
  };
  const parts = keys.map(read);

  // Built once everything is in: each list arriving would otherwise re-index the whole mesh
  // (about 100 ms each on large-5000) for a page that still shows its spinner.
  const index = useOnParts([...parts, rootNamespace, members, namespace, loaded], () => {
    if (!loaded) return UNLOADED;
    const input: MeshConfigInput = {
      rootNamespace,
      ...(namespace ? { readNamespaces: [namespace] } : {}),
      ...(members ? { memberNamespaces: members } : {}),
    };
    const add = (field: keyof MeshConfigInput, items: K8sResourceCommon[] | undefined) => {
      if (!items) return;
      const prev = input[field] as K8sResourceCommon[] | undefined;
      (input as Record<string, unknown>)[field] = prev ? [...prev, ...items] : items;
    };
    for (const k of kinds) if (k.input) add(k.input, read(k.key));
    for (const k of INDEX_ONLY) add(k.input, read(k.key));
    if (rootExtra) for (const k of ROOT_POLICIES) add(k.input, read(k.key));
    add('namespaces', read('namespaces'));
    return indexMeshConfig(input);
  });

  const objects = useOnParts(
    kinds.map((k) => read(k.key)),
    () => kinds.flatMap((k) => (read(k.key) ?? []).map((obj) => ({ kind: k, obj }))),
  );

  // Services are listed only for their problems: not reading them skips checks, nothing more.
  const listedKeys = new Set(kinds.filter((k) => !k.onlyWithProblems).map((k) => k.key));
  return {
    loaded,
    error: keys
      .filter((k) => listedKeys.has(k))
      .map((k) => r[k]?.loadError)
      .find((e) => e && !isApiAbsent(e)),
    istioInstalled: !isApiAbsent(r.virtualServices?.loadError),
    rootNamespace,
    kinds,
    objects,
    index,
    unread: [...kinds.filter((k) => k.validated), ...INDEX_ONLY]
      .filter((k) => r[k.key]?.loadError && !isApiAbsent(r[k.key]?.loadError))
      .map((k) => k.model.kind),
  };
};
