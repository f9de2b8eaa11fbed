import type { WatchK8sResources } from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import { useServedWatches } from '../k8s/useServedWatches';
import { serviceAccountOf } from '../mesh/security/authorization';
import { isGatewayDeployment } from '../mesh/security/waypoint';
import { DeploymentModel, modelToGroupVersionKind } from '../models';
import type { Deployment } from '../models';

export type CallerCandidate = {
  namespace: string;
  serviceAccount: string;
  /** The workloads that run as this service account: allowing one allows them all. */
  workloads: string[];
};

type Watched = { deployments: Deployment[] };

// One cluster-wide list, not one watch per member namespace: the count stays constant.
const WATCH: WatchK8sResources<Watched> = {
  deployments: { groupVersionKind: modelToGroupVersionKind(DeploymentModel), isList: true },
};

/**
 * Who could be allowed to call a workload: the service accounts of Deployments in mesh
 * namespaces (only they have the mTLS identity a principal names). A user who may not list
 * Deployments cluster-wide gets those of `fallback` (the page's own namespace).
 */
export const useCallerCandidates = (members: string[], fallback: Deployment[]) => {
  const r = useServedWatches<Watched>(WATCH);
  const forbidden = !!r.deployments.loadError;
  const all = r.deployments.data;
  const memberSet = members.join(',');
  return useMemo(() => {
    const deployments = forbidden ? fallback : (all ?? []);
    const inMesh = new Set(memberSet.split(','));
    const byIdentity = new Map<string, CallerCandidate>();
    for (const d of deployments) {
      const namespace = d.metadata?.namespace ?? '';
      if (!inMesh.has(namespace) && !forbidden) continue;
      if (isGatewayDeployment(d)) continue;
      const serviceAccount = serviceAccountOf(d);
      const key = `${namespace}/${serviceAccount}`;
      const entry = byIdentity.get(key) ?? { namespace, serviceAccount, workloads: [] };
      entry.workloads.push(d.metadata?.name ?? '');
      byIdentity.set(key, entry);
    }
    const candidates = [...byIdentity.values()]
      .map((c) => ({ ...c, workloads: c.workloads.sort() }))
      .sort((a, b) =>
        `${a.namespace}/${a.workloads[0]}`.localeCompare(`${b.namespace}/${b.workloads[0]}`),
      );
    return { loaded: r.deployments.loaded || forbidden, candidates, limited: forbidden };
  }, [all, fallback, memberSet, forbidden, r.deployments.loaded]);
};
