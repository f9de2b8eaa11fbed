/**
 * The Istio configuration that applies to a namespace, a Service or a workload: routing
 * (VirtualServices and DestinationRules whose host is the service) and security
 * (PeerAuthentications, AuthorizationPolicies and RequestAuthentications that select the
 * workload's pods, or that have no selector and so cover the whole namespace).
 */
import type {
  AuthorizationPolicy,
  Deployment,
  DestinationRule,
  K8sResourceCommon,
  PeerAuthentication,
  RequestAuthentication,
  Service,
  VirtualService,
} from '../../models';
import { hasSelector, selectorMatches } from '../security/selector';
import type { TabSubject } from './target';

export type AppliedKind =
  | 'VirtualService'
  | 'DestinationRule'
  | 'PeerAuthentication'
  | 'AuthorizationPolicy'
  | 'RequestAuthentication';

export type AppliedConfig = {
  kind: AppliedKind;
  object: K8sResourceCommon;
  /** Why it applies: it routes to the service, it selects the pods, or it covers the namespace. */
  reason: 'host' | 'selector' | 'namespace';
  /** The services this routing object is for (the traffic forms are per service). */
  services: string[];
};

export type NamespaceConfig = {
  services: Service[];
  deployments: Deployment[];
  virtualServices: VirtualService[];
  destinationRules: DestinationRule[];
  peerAuthentications: PeerAuthentication[];
  authorizationPolicies: AuthorizationPolicy[];
  requestAuthentications: RequestAuthentication[];
};

/** A host names the service: its short name, `name.ns`, `name.ns.svc` or the cluster FQDN. */
export const hostNamesService = (host: string | undefined, service: string, namespace: string) =>
  !!host &&
  [
    service,
    `${service}.${namespace}`,
    `${service}.${namespace}.svc`,
    `${service}.${namespace}.svc.cluster.local`,
  ].includes(host);

const labelsMatch = (
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
) =>
  !!selector &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels[k] === v);

const podLabelsOf = (d: Deployment) => d.spec?.template?.metadata?.labels ?? {};

export const appliedConfig = (subject: TabSubject, config: NamespaceConfig): AppliedConfig[] => {
  const { target } = subject;
  const ns = target.namespace;
  const inNs = <T extends K8sResourceCommon>(list: T[]) =>
    list.filter((o) => o.metadata?.namespace === ns);
  const services = inNs(config.services);

  // The services a routing object may be about, and the pod label sets security may select.
  let serviceNames: string[];
  let podLabelSets: Record<string, string>[];
  if (target.kind === 'service') {
    serviceNames = [target.name];
    podLabelSets = inNs(config.deployments)
      .map(podLabelsOf)
      .filter((labels) => labelsMatch(subject.serviceSelector, labels));
  } else if (target.kind === 'workload') {
    const labels = subject.podLabels ?? {};
    podLabelSets = [labels];
    serviceNames = services
      .filter((s) => labelsMatch(s.spec?.selector, labels))
      .map((s) => s.metadata?.name ?? '');
  } else {
    serviceNames = services.map((s) => s.metadata?.name ?? '');
    podLabelSets = [];
  }

  const out: AppliedConfig[] = [];
  for (const vs of inNs(config.virtualServices)) {
    const named = serviceNames.filter((s) =>
      (vs.spec?.hosts ?? []).some((h) => hostNamesService(h, s, ns)),
    );
    if (named.length)
      out.push({ kind: 'VirtualService', object: vs, reason: 'host', services: named });
  }
  for (const dr of inNs(config.destinationRules)) {
    const named = serviceNames.filter((s) => hostNamesService(dr.spec?.host, s, ns));
    if (named.length)
      out.push({ kind: 'DestinationRule', object: dr, reason: 'host', services: named });
  }
  const security: [
    AppliedKind,
    (K8sResourceCommon & { spec?: { selector?: { matchLabels?: Record<string, string> } } })[],
  ][] = [
    ['PeerAuthentication', config.peerAuthentications],
    ['AuthorizationPolicy', config.authorizationPolicies],
    ['RequestAuthentication', config.requestAuthentications],
  ];
  for (const [kind, list] of security) {
    for (const policy of inNs(list)) {
      const selector = policy.spec?.selector;
      if (!hasSelector(selector)) {
        out.push({ kind, object: policy, reason: 'namespace', services: [] });
      } else if (
        target.kind === 'namespace' ||
        podLabelSets.some((labels) => selectorMatches(selector, labels))
      ) {
        out.push({ kind, object: policy, reason: 'selector', services: [] });
      }
    }
  }
  return out;
};
