/**
 * What an Istio object applies to, for the configuration list's "applies to" column: structured,
 * so the UI words it.
 */
import type { K8sResourceCommon } from '../../models';
import type { Labels, TargetRef } from './meshConfigIndex';

export type AppliesTo =
  /** VirtualService, DestinationRule, ServiceEntry: the hosts it is about. */
  | { kind: 'hosts'; hosts: string[] }
  /**
   * Workloads with these labels: in the object's namespace, or in every namespace (`mesh`) for an
   * AuthorizationPolicy or RequestAuthentication in the root namespace.
   */
  | { kind: 'selector'; labels: Labels; scope: 'namespace' | 'mesh' }
  /** Every workload of the object's namespace. */
  | { kind: 'namespace' }
  /** Every workload of the mesh (selector-less in the root namespace). */
  | { kind: 'mesh' }
  /** Gateways, waypoints or Services named by targetRef(s). */
  | { kind: 'targetRefs'; refs: TargetRef[] }
  /** A Gateway API route: the Gateways (or Services) it attaches to, and its hostnames. */
  | { kind: 'parents'; refs: TargetRef[]; hosts: string[] }
  /** A kind this does not describe. */
  | { kind: 'unknown' };

type Spec = {
  hosts?: string[];
  host?: string;
  /** A Gateway's selector is the labels; a policy's has them under matchLabels. */
  selector?: Record<string, unknown>;
  workloadSelector?: { labels?: Labels };
  targetRef?: TargetRef;
  targetRefs?: TargetRef[];
  /** Gateway API routes. */
  parentRefs?: (Omit<TargetRef, 'kind'> & { kind?: string })[];
  hostnames?: string[];
};

const nonEmpty = (labels: Labels | undefined): labels is Labels =>
  !!labels && Object.keys(labels).length > 0;

/**
 * `kind` defaults to the object's own (list items from the API often lack it).
 */
export const describeAppliesTo = (
  obj: K8sResourceCommon,
  rootNamespace: string,
  kind: string | undefined = obj.kind,
): AppliesTo => {
  const spec = ((obj as { spec?: Spec }).spec ?? {}) as Spec;
  const inRoot = obj.metadata?.namespace === rootNamespace;
  const scopeless = (): AppliesTo => (inRoot ? { kind: 'mesh' } : { kind: 'namespace' });
  switch (kind) {
    case 'VirtualService':
    case 'ServiceEntry':
      return { kind: 'hosts', hosts: [...(spec.hosts ?? [])] };
    case 'DestinationRule':
      return { kind: 'hosts', hosts: spec.host ? [spec.host] : [] };
    case 'Gateway': {
      const labels = spec.selector as Labels | undefined;
      // A Gateway's selector picks gateway pods of any namespace.
      return nonEmpty(labels)
        ? { kind: 'selector', labels: { ...labels }, scope: 'mesh' }
        : { kind: 'mesh' };
    }
    case 'Sidecar': {
      const labels = spec.workloadSelector?.labels;
      return nonEmpty(labels)
        ? { kind: 'selector', labels: { ...labels }, scope: 'namespace' }
        : scopeless();
    }
    case 'Service': {
      const labels = spec.selector as Labels | undefined;
      return nonEmpty(labels)
        ? { kind: 'selector', labels: { ...labels }, scope: 'namespace' }
        : { kind: 'unknown' };
    }
    case 'HTTPRoute':
    case 'GRPCRoute':
      return {
        kind: 'parents',
        // A parentRef's group and kind default to a Gateway API Gateway.
        refs: (spec.parentRefs ?? []).map((r) => ({
          group: r.group ?? 'gateway.networking.k8s.io',
          ...r,
          kind: r.kind ?? 'Gateway',
        })),
        hosts: [...(spec.hostnames ?? [])],
      };
    case 'PeerAuthentication':
    case 'AuthorizationPolicy':
    case 'RequestAuthentication':
    case 'Telemetry': {
      const refs = [...(spec.targetRef ? [spec.targetRef] : []), ...(spec.targetRefs ?? [])];
      if (refs.length) return { kind: 'targetRefs', refs };
      const labels = spec.selector?.matchLabels as Labels | undefined;
      if (!nonEmpty(labels)) return scopeless();
      // istiod applies root-namespace AuthorizationPolicies and RequestAuthentications with a
      // selector to matching workloads everywhere; a PeerAuthentication or Telemetry only in its
      // namespace.
      const mesh = inRoot && (kind === 'AuthorizationPolicy' || kind === 'RequestAuthentication');
      return { kind: 'selector', labels: { ...labels }, scope: mesh ? 'mesh' : 'namespace' };
    }
    default:
      return { kind: 'unknown' };
  }
};
