/**
 * What the Security page shows per workload: its data plane (sidecar, ambient or none), the mTLS
 * mode it really gets, and which authorization and end-user-authentication policies apply to it;
 * and what STRICT would break before it is applied.
 */
import type {
  AuthorizationPolicy,
  Deployment,
  GatewayApiGateway,
  Namespace,
  PeerAuthentication,
  Pod,
  RequestAuthentication,
  Service,
  WorkloadSelector,
} from '../../models';
import type { Issue } from '../issues';
import { controlPlanesOf } from '../meshDetection';
import type { MeshDetection } from '../meshDetection';
import { ambientPolicyIssues, gatewayRefsOf, serviceRefsOf } from './ambientAuthorization';
import { serviceAccountOf } from './authorization';
import {
  coverage,
  enforcedMtls,
  isAmbientNamespace,
  isAmbientWorkload,
  workloadDataPlane,
} from './dataPlane';
import type { Coverage, EnforcedMtls, WorkloadDataPlane } from './dataPlane';
import { resolveEffectiveMtls, sidecarStatus } from './mtls';
import type { EffectiveMtls, MtlsMode } from './mtls';
import { hasSelector, selectorMatches } from './selector';
import { servicesSelecting, waypointFor } from './waypoint';
import type { WaypointUse } from './waypoint';

const DEFAULT_ROOT_NAMESPACE = 'istio-system';

/** `partial` while a rollout mixes injected and plain pods; `unknown` when no pod runs. */
export type SidecarCoverage = Coverage;

/** A Service that selects the workload's pods, and the waypoint its traffic goes through. */
export type WorkloadService = { name: string; waypoint: WaypointUse };

export type WorkloadSecurity = {
  name: string;
  namespace: string;
  /** Pod-template labels: what policy selectors match. */
  labels: Record<string, string>;
  /** The Deployment's own selector: the narrowest labels that pick exactly its pods. */
  selector: Record<string, string>;
  serviceAccount: string;
  ports: number[];
  sidecar: SidecarCoverage;
  pods: number;
  podsWithProxy: number;
  dataPlane: WorkloadDataPlane;
  /** What the policies ask for (workload over namespace over mesh). */
  mtls: EffectiveMtls;
  /** What the workload's data plane makes of it (ztunnel ignores DISABLE). */
  enforcedMtls: EnforcedMtls;
  services: WorkloadService[];
  /** Selector policies that apply, and for an ambient workload those on its waypoint too. */
  authorizationPolicies: AuthorizationPolicy[];
  /** What goes wrong with those policies under ztunnel and waypoints (ambient workloads only). */
  policyIssues: Issue[];
  requestAuthentications: RequestAuthentication[];
};

export type SecurityInput = {
  rootNamespace: string;
  deployments: Deployment[];
  pods: Pod[];
  peerAuthentications: PeerAuthentication[];
  authorizationPolicies: AuthorizationPolicy[];
  requestAuthentications: RequestAuthentication[];
  /** The workloads' Namespace objects as read (their labels say which are ambient). */
  namespaces?: Namespace[];
  services?: Service[];
  /** Gateway API Gateways of the namespace; undefined when they could not be read. */
  gateways?: GatewayApiGateway[];
};

const podsOf = (d: Deployment, pods: Pod[]): Pod[] => {
  const selector = d.spec?.selector?.matchLabels ?? {};
  if (Object.keys(selector).length === 0) return [];
  return pods.filter(
    (p) =>
      p.metadata?.namespace === d.metadata?.namespace &&
      selectorMatches({ matchLabels: selector }, p.metadata?.labels),
  );
};

/**
 * Whether a policy of a selector-based kind (AuthorizationPolicy, RequestAuthentication) applies
 * to a workload: in its namespace with no selector or a matching one, or in the root namespace,
 * where both kinds apply mesh-wide. targetRefs policies bind gateways and waypoints, not sidecars.
 */
export const appliesToWorkload = (
  policy: {
    metadata?: { namespace?: string };
    spec?: { selector?: WorkloadSelector; targetRef?: unknown; targetRefs?: unknown[] };
  },
  workload: { namespace: string; labels: Record<string, string> },
  rootNamespace: string,
): boolean => {
  const ns = policy.metadata?.namespace;
  if (ns !== workload.namespace && ns !== rootNamespace) return false;
  if (policy.spec?.targetRef || policy.spec?.targetRefs?.length) return false;
  return (
    !hasSelector(policy.spec?.selector) || selectorMatches(policy.spec?.selector, workload.labels)
  );
};

/**
 * Whether a policy attached with targetRefs applies to an ambient workload: it names one of the
 * workload's Services, or the waypoint Gateway one of them uses.
 */
const attachedToWorkload = (
  policy: AuthorizationPolicy,
  namespace: string,
  services: WorkloadService[],
): boolean => {
  if (policy.metadata?.namespace !== namespace) return false;
  const refs = new Set(serviceRefsOf(policy));
  const gateways = new Set(gatewayRefsOf(policy));
  return services.some(
    (s) =>
      refs.has(s.name) ||
      (s.waypoint.kind === 'waypoint' &&
        s.waypoint.namespace === namespace &&
        gateways.has(s.waypoint.name)),
  );
};

const ports = (d: Deployment): number[] => [
  ...new Set(
    (d.spec?.template?.spec?.containers ?? []).flatMap((c) =>
      (c.ports ?? []).map((p) => p.containerPort),
    ),
  ),
];

/** One row per Deployment, sorted by name. */
export const workloadSecurity = (input: SecurityInput): WorkloadSecurity[] =>
  input.deployments
    .map((d): WorkloadSecurity => {
      const namespace = d.metadata?.namespace ?? '';
      const ns = input.namespaces?.find((n) => n.metadata?.name === namespace);
      const labels = { ...d.spec?.template?.metadata?.labels };
      const running = podsOf(d, input.pods);
      const podsWithProxy = running.filter((p) => sidecarStatus(p).hasProxy).length;
      const dataPlane = workloadDataPlane(running, isAmbientNamespace(ns));
      const workload = { namespace, labels };
      const allServices = input.services ?? [];
      const services = servicesSelecting(allServices, namespace, labels).map((s) => ({
        name: s.metadata?.name ?? '',
        waypoint: waypointFor(s.metadata?.name ?? '', ns, input.gateways, allServices),
      }));
      const ambient = isAmbientWorkload(dataPlane);
      const mtls = resolveEffectiveMtls(input.peerAuthentications, input.rootNamespace, {
        namespace,
        labels,
        ports: ports(d),
      });
      // A sidecar ignores targetRefs policies; ztunnel's workload gets its waypoint's too.
      const authorizationPolicies = input.authorizationPolicies.filter(
        (p) =>
          appliesToWorkload(p, workload, input.rootNamespace) ||
          (ambient && attachedToWorkload(p, namespace, services)),
      );
      return {
        name: d.metadata?.name ?? '',
        namespace,
        labels,
        selector: { ...(d.spec?.selector?.matchLabels ?? labels) },
        serviceAccount: serviceAccountOf(d),
        ports: ports(d),
        sidecar: coverage(running.length, podsWithProxy),
        pods: running.length,
        podsWithProxy,
        dataPlane,
        mtls,
        enforcedMtls: enforcedMtls(mtls, dataPlane),
        services,
        authorizationPolicies,
        policyIssues: authorizationPolicies.flatMap((p) =>
          ambientPolicyIssues(p, { ambient, services }),
        ),
        requestAuthentications: input.requestAuthentications.filter((p) =>
          appliesToWorkload(p, workload, input.rootNamespace),
        ),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

/** The namespace-wide PeerAuthentication istiod uses (oldest wins), or undefined. */
export const namespacePolicyOf = (
  policies: PeerAuthentication[],
  namespace: string,
): PeerAuthentication | undefined =>
  policies
    .filter((p) => p.metadata?.namespace === namespace && !hasSelector(p.spec?.selector))
    .sort(
      (a, b) =>
        Date.parse(a.metadata?.creationTimestamp ?? '') -
          Date.parse(b.metadata?.creationTimestamp ?? '') ||
        (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
    )[0];

/**
 * The workload-level PeerAuthentication for a workload: the one whose selector matches its
 * labels (the one istiod applies), else undefined.
 */
export const workloadPolicyOf = (
  policies: PeerAuthentication[],
  workload: { namespace: string; labels: Record<string, string> },
  rootNamespace: string,
): PeerAuthentication | undefined => {
  const decided = resolveEffectiveMtls(policies, rootNamespace, workload);
  const matching = policies.filter(
    (p) =>
      p.metadata?.namespace === workload.namespace &&
      workload.namespace !== rootNamespace &&
      hasSelector(p.spec?.selector) &&
      selectorMatches(p.spec?.selector, workload.labels),
  );
  const ignored = new Set(decided.ignored.map((r) => r.name));
  return matching.find((p) => !ignored.has(p.metadata?.name ?? '')) ?? matching[0];
};

export type StrictImpact = {
  /**
   * Workloads that would become STRICT but have no pod in the mesh (neither a sidecar nor
   * captured by ztunnel): nothing enforces mTLS on them.
   */
  unenforced: WorkloadSecurity[];
  /**
   * Workloads with pods outside the mesh that can then no longer call the STRICT ones: those pods
   * send plaintext only. Ambient pods are in the mesh (ztunnel speaks mTLS for them); pods still
   * joining ambient are not yet, so they count as outside until ztunnel captures them.
   */
  cutOffCallers: WorkloadSecurity[];
  /**
   * The namespace's workloads or pods could not be read, so whether callers have a sidecar is
   * unknown: the change must be treated as risky (fail closed), never as harmless.
   */
  unknown: boolean;
};

/**
 * What switching `targets` to STRICT does to the namespace. Workloads that keep their own
 * workload-level mode are left out of a namespace-wide change. Callers outside the namespace are
 * not known here; the page says so. `workloadsRead` is false when the Deployments or Pods of the
 * namespace could not be read (not served, forbidden, failed): `rows` is then no evidence.
 */
export const strictImpact = (
  rows: WorkloadSecurity[],
  scope: { kind: 'namespace' } | { kind: 'workload'; name: string },
  workloadsRead: boolean,
): StrictImpact => {
  const becomesStrict = (r: WorkloadSecurity) =>
    scope.kind === 'workload' ? r.name === scope.name : r.mtls.source !== 'workload';
  const targets = rows.filter(becomesStrict);
  const mesh = (r: WorkloadSecurity) => r.dataPlane.mesh;
  const enforcing = targets.filter((r) => mesh(r) === 'all' || mesh(r) === 'partial');
  return {
    unknown: !workloadsRead,
    unenforced: targets.filter((r) => mesh(r) === 'none'),
    // A caller only breaks if something it could call actually enforces STRICT.
    cutOffCallers:
      enforcing.length === 0
        ? []
        : rows.filter(
            (r) => (mesh(r) === 'none' || mesh(r) === 'partial') && !enforcing.includes(r),
          ),
  };
};

/** The mode a namespace or workload gets if its own policy is removed (UNSET): the level above. */
export const inheritedMode = (
  policies: PeerAuthentication[],
  rootNamespace: string,
  workload: { namespace: string; labels?: Record<string, string> },
  level: 'namespace' | 'workload',
): MtlsMode => {
  const others = policies.filter((p) => {
    const ns = p.metadata?.namespace;
    if (level === 'namespace') return ns === rootNamespace && ns !== workload.namespace;
    return !(ns === workload.namespace && hasSelector(p.spec?.selector));
  });
  return resolveEffectiveMtls(others, rootNamespace, { ...workload, labels: {} }).mode;
};

/**
 * Istio's root namespace for a member namespace: the namespace of the control plane it belongs
 * to (meshConfig.rootNamespace defaults to istiod's namespace), else the first control plane's.
 */
export const rootNamespaceOf = (
  detection: MeshDetection | undefined,
  namespace: string,
): string => {
  const planes = controlPlanesOf(detection);
  return (
    planes.find((p) => p.members.includes(namespace) || p.namespace === namespace)?.namespace ??
    planes[0]?.namespace ??
    DEFAULT_ROOT_NAMESPACE
  );
};
