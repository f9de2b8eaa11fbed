import type { WatchK8sResources } from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import { detectMesh } from '../mesh/meshDetection';
import type { MeshDetection } from '../mesh/meshDetection';
import {
  IstioCNIModel,
  IstioModel,
  IstioRevisionTagModel,
  NamespaceModel,
  ServiceMeshControlPlaneModel,
  ServiceMeshMemberRollModel,
  ZTunnelModel,
  modelToGroupVersionKind,
} from '../models';
import type {
  Istio,
  IstioCNI,
  IstioRevisionTag,
  K8sModel,
  Namespace,
  ServiceMeshControlPlane,
  ServiceMeshMemberRoll,
  ZTunnel,
} from '../models';
import { errorMessage, isApiAbsent, isForbidden } from './errors';
import { useServedWatches } from './useServedWatches';

type Watched = {
  istios: Istio[];
  istioCNIs: IstioCNI[];
  revisionTags: IstioRevisionTag[];
  injectedNamespaces: Namespace[];
  revisionNamespaces: Namespace[];
  ambientNamespaces: Namespace[];
  ztunnels: ZTunnel[];
  smcps: ServiceMeshControlPlane[];
  memberRolls: ServiceMeshMemberRoll[];
};

const list = (model: K8sModel, selector?: WatchK8sResources<Watched>['istios']['selector']) => ({
  groupVersionKind: modelToGroupVersionKind(model),
  isList: true,
  ...(selector ? { selector } : {}),
});

// Selectors keep the namespace watches proportional to mesh members, not to the cluster.
const WATCHES: WatchK8sResources<Watched> = {
  istios: list(IstioModel),
  istioCNIs: list(IstioCNIModel),
  revisionTags: list(IstioRevisionTagModel),
  injectedNamespaces: list(NamespaceModel, {
    matchExpressions: [{ key: 'istio-injection', operator: 'Exists' }],
  }),
  revisionNamespaces: list(NamespaceModel, {
    matchExpressions: [{ key: 'istio.io/rev', operator: 'Exists' }],
  }),
  ambientNamespaces: list(NamespaceModel, {
    matchExpressions: [{ key: 'istio.io/dataplane-mode', operator: 'Exists' }],
  }),
  // Served at v1 from Service Mesh 3.3; on older operators the watch finds no API: no ztunnel.
  ztunnels: list(ZTunnelModel),
  smcps: list(ServiceMeshControlPlaneModel),
  memberRolls: list(ServiceMeshMemberRollModel),
};

const MODEL_OF: Record<keyof Watched, K8sModel> = {
  istios: IstioModel,
  istioCNIs: IstioCNIModel,
  revisionTags: IstioRevisionTagModel,
  injectedNamespaces: NamespaceModel,
  revisionNamespaces: NamespaceModel,
  ambientNamespaces: NamespaceModel,
  ztunnels: ZTunnelModel,
  smcps: ServiceMeshControlPlaneModel,
  memberRolls: ServiceMeshMemberRollModel,
};

export type WatchFailure = {
  /** e.g. "Istio" or "Namespace". */
  kind: string;
  group?: string;
  forbidden: boolean;
  message: string;
};

export type MeshDetectionResult = {
  loaded: boolean;
  detection?: MeshDetection;
  failures: WatchFailure[];
};

/** Watches every control-plane kind of both mesh majors and says which mesh the cluster runs. */
export const useMeshDetection = (): MeshDetectionResult => {
  const results = useServedWatches<Watched>(WATCHES);

  return useMemo(() => {
    const keys = Object.keys(WATCHES) as (keyof Watched)[];
    const loaded = keys.every((k) => results[k].loaded || results[k].loadError);
    const failures: WatchFailure[] = [];
    const seen = new Set<string>();
    for (const k of keys) {
      const err = results[k].loadError;
      const model = MODEL_OF[k];
      // ztunnel is a detail of the data plane: not being able to read it hides the detail only.
      if (!err || isApiAbsent(err) || seen.has(model.kind) || k === 'ztunnels') continue;
      seen.add(model.kind);
      failures.push({
        kind: model.kind,
        group: model.apiGroup,
        forbidden: isForbidden(err),
        message: errorMessage(err),
      });
    }
    if (!loaded || failures.length > 0) return { loaded, failures };

    const data = <K extends keyof Watched>(k: K): Watched[K] =>
      results[k].loadError ? ([] as unknown as Watched[K]) : (results[k].data ?? []);
    const byName = new Map<string, Namespace>();
    for (const ns of [
      ...data('injectedNamespaces'),
      ...data('revisionNamespaces'),
      ...data('ambientNamespaces'),
    ]) {
      if (ns.metadata?.name) byName.set(ns.metadata.name, ns);
    }
    const detection = detectMesh({
      sailApi: !isApiAbsent(results.istios.loadError),
      maistraApi: !isApiAbsent(results.smcps.loadError),
      istios: data('istios'),
      istioCNIs: data('istioCNIs'),
      revisionTags: data('revisionTags'),
      injectionNamespaces: [...byName.values()],
      ztunnels: data('ztunnels'),
      smcps: data('smcps'),
      memberRolls: data('memberRolls'),
    });
    return { loaded: true, detection, failures };
  }, [results]);
};
