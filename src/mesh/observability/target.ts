/**
 * What a "Service Mesh" or "Traces" tab is about, from the object the console hands it, and the
 * Kiali API paths for it.
 */
import type { K8sResourceCommon } from '../../models';
import type { MeshTarget } from './links';

type TabObject = K8sResourceCommon & {
  spec?: {
    selector?: unknown;
    template?: { metadata?: { labels?: Record<string, string> } };
  };
};

export type TabSubject = {
  target: MeshTarget;
  /** The pod labels of a workload (security policies select on these). */
  podLabels?: Record<string, string>;
  /** A Service's selector (its workloads are the ones whose pod labels it matches). */
  serviceSelector?: Record<string, string>;
};

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'DeploymentConfig']);

/**
 * Kiali's workload for a pod: the Deployment above its ReplicaSet (the ReplicaSet's name is the
 * Deployment's plus the pod-template-hash), else its owner, else the pod itself.
 */
const workloadOfPod = (pod: K8sResourceCommon): string => {
  const owner =
    pod.metadata?.ownerReferences?.find((o) => o.controller) ?? pod.metadata?.ownerReferences?.[0];
  if (!owner) return pod.metadata?.name ?? '';
  const hash = pod.metadata?.labels?.['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) {
    return owner.name.slice(0, -hash.length - 1);
  }
  return owner.name;
};

const stringMap = (v: unknown): Record<string, string> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(
        Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'),
      )
    : undefined;

export const tabSubjectOf = (obj: TabObject | undefined): TabSubject | undefined => {
  const name = obj?.metadata?.name;
  if (!obj || !name) return undefined;
  const namespace = obj.metadata?.namespace ?? '';
  if (obj.kind === 'Namespace' || obj.kind === 'Project') {
    return { target: { kind: 'namespace', namespace: name } };
  }
  if (!namespace) return undefined;
  if (obj.kind === 'Service') {
    return {
      target: { kind: 'service', namespace, name },
      serviceSelector: stringMap(obj.spec?.selector),
    };
  }
  if (obj.kind === 'Pod') {
    return {
      target: { kind: 'workload', namespace, name: workloadOfPod(obj) },
      podLabels: obj.metadata?.labels ?? {},
    };
  }
  if (obj.kind && WORKLOAD_KINDS.has(obj.kind)) {
    return {
      target: { kind: 'workload', namespace, name },
      podLabels: obj.spec?.template?.metadata?.labels ?? {},
    };
  }
  return undefined;
};

const seg = encodeURIComponent;

export const graphApiPath = (target: MeshTarget): string => {
  switch (target.kind) {
    case 'namespace':
      return '/api/namespaces/graph';
    case 'service':
      return `/api/namespaces/${seg(target.namespace)}/services/${seg(target.name)}/graph`;
    default:
      return `/api/namespaces/${seg(target.namespace)}/workloads/${seg(target.name)}/graph`;
  }
};

export const tracesApiPath = (target: MeshTarget): string | undefined => {
  switch (target.kind) {
    case 'service':
      return `/api/namespaces/${seg(target.namespace)}/services/${seg(target.name)}/traces`;
    case 'workload':
      return `/api/namespaces/${seg(target.namespace)}/workloads/${seg(target.name)}/traces`;
    default:
      return undefined;
  }
};

export const traceApiPath = (traceId: string) => `/api/traces/${seg(traceId)}`;

/**
 * The name Istio's proxies give this object's spans: `<canonical service>.<namespace>`, where
 * the canonical service is the `service.istio.io/canonical-name` label, else `app`, else the name.
 */
export const meshServiceName = (subject: TabSubject): string => {
  const { target, podLabels } = subject;
  const base =
    target.kind === 'service'
      ? target.name
      : target.kind === 'workload'
        ? (podLabels?.['service.istio.io/canonical-name'] ?? podLabels?.app ?? target.name)
        : target.namespace;
  return `${base}.${target.namespace}`;
};
