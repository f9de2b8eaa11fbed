import type {
  Istio,
  IstioCNI,
  IstioRevisionTag,
  K8sCondition,
  Namespace,
  ServiceMeshControlPlane,
  ServiceMeshMemberRoll,
  ZTunnel,
} from '../models';
import { findCondition } from './conditions';

/**
 * Which mesh a cluster runs, derived only from objects read through the API. No I/O here:
 * the overview's hook gathers the lists and this module decides.
 */

export type HealthState = 'healthy' | 'progressing' | 'degraded';

export type Health = {
  state: HealthState;
  /** The operator's own words (condition message) when not healthy. */
  message?: string;
  reason?: string;
};

export type Mesh3ControlPlane = {
  name: string;
  /** Where istiod runs (`spec.namespace`, default istio-system). */
  namespace: string;
  version?: string;
  /** Sail's summary, e.g. "Healthy". */
  state?: string;
  revision: string;
  health: Health;
  /** Namespaces whose labels select this control plane's revision (directly or via a tag). */
  members: string[];
  /** The members enrolled in ambient (ztunnel) rather than with sidecars. */
  ambientMembers: string[];
  /** `spec.profile`: `ambient` when installed for the ambient data plane. */
  profile?: string;
};

export type Mesh2ControlPlane = {
  name: string;
  namespace: string;
  version?: string;
  mode: 'MultiTenant' | 'ClusterWide';
  health: Health;
  /** e.g. "10/10", straight from the operator. */
  readyComponents?: string;
  members: string[];
  pendingMembers: string[];
  /** True when no ServiceMeshMemberRoll exists beside the SMCP (MultiTenant only). */
  memberRollMissing: boolean;
};

export type Mesh3Info = {
  controlPlanes: Mesh3ControlPlane[];
  /** IstioCNI `default`; required on OpenShift. */
  cni?: { version?: string; namespace: string; health: Health };
  /** ZTunnel `default`, the ambient data plane's node proxies, when installed. */
  ztunnel?: { version?: string; namespace: string; health: Health };
};

export type Mesh2Info = { controlPlanes: Mesh2ControlPlane[] };

/** Why the verdict is what it is; the page turns each into a sentence. */
export type DetectionReason =
  | { code: 'no-mesh-apis' }
  | { code: 'sail-api-without-istio' }
  | { code: 'maistra-api-without-smcp' }
  | { code: 'istio-found'; count: number }
  | { code: 'smcp-found'; count: number }
  | { code: 'cni-missing' }
  | { code: 'both-majors' };

export type MeshDetection =
  | { mesh: 'none'; reasons: DetectionReason[] }
  | { mesh: 'ossm3'; ossm3: Mesh3Info; reasons: DetectionReason[] }
  | { mesh: 'ossm2'; ossm2: Mesh2Info; reasons: DetectionReason[] }
  | { mesh: 'both'; ossm3: Mesh3Info; ossm2: Mesh2Info; reasons: DetectionReason[] };

export type MeshDetectionInput = {
  /** sailoperator.io Istio CRD is served (the Service Mesh 3 operator is installed). */
  sailApi: boolean;
  /** maistra.io ServiceMeshControlPlane CRD is served (the 2.x operator is installed). */
  maistraApi: boolean;
  istios?: Istio[];
  istioCNIs?: IstioCNI[];
  revisionTags?: IstioRevisionTag[];
  /** Namespaces carrying `istio-injection`, `istio.io/rev` or `istio.io/dataplane-mode` labels. */
  injectionNamespaces?: Namespace[];
  ztunnels?: ZTunnel[];
  smcps?: ServiceMeshControlPlane[];
  memberRolls?: ServiceMeshMemberRoll[];
};

const DEFAULT_CP_NAMESPACE = 'istio-system';

const SAIL_FAILURE_REASONS = new Set([
  'ReconcileError',
  'ActiveRevisionNotFound',
  'IstioCNINotFound',
  'IstioCNINotHealthy',
]);

const SMCP_FAILURE_REASONS = new Set([
  'InstallError',
  'ReconcileError',
  'ValidationError',
  'DependencyMissingError',
  'ErrMultipleSMCPs',
  'ProbeError',
]);

const isStale = (generation?: number, observed?: number) =>
  generation !== undefined && observed !== undefined && observed < generation;

const firstFalse = (conditions: K8sCondition[] | undefined, types: string[]) =>
  types.map((t) => findCondition(conditions, t)).find((c) => c && c.status !== 'True');

/** Health of a Sail object (Istio, IstioCNI, ZTunnel) from its Ready/Reconciled conditions. */
export const sailHealth = (obj: Istio | IstioCNI | ZTunnel): Health => {
  const conditions = obj.status?.conditions;
  if (obj.metadata?.deletionTimestamp) {
    return { state: 'progressing', reason: 'Deleting' };
  }
  const bad = firstFalse(conditions, ['Reconciled', 'Ready', 'DependenciesHealthy']);
  if (bad) {
    const failed = bad.status === 'False' && SAIL_FAILURE_REASONS.has(bad.reason ?? '');
    return { state: failed ? 'degraded' : 'progressing', reason: bad.reason, message: bad.message };
  }
  if (!findCondition(conditions, 'Ready')) {
    return { state: 'progressing', reason: 'NotYetReconciled' };
  }
  if (isStale(obj.metadata?.generation, obj.status?.observedGeneration)) {
    return { state: 'progressing', reason: 'SpecChanged' };
  }
  return { state: 'healthy' };
};

/** Health of an SMCP: done means Ready=True/ComponentsReady for the current generation. */
export const smcpHealth = (smcp: ServiceMeshControlPlane): Health => {
  const conditions = smcp.status?.conditions;
  if (smcp.metadata?.deletionTimestamp) {
    return { state: 'progressing', reason: 'Deleting' };
  }
  const failed = ['Reconciled', 'Ready', 'Installed']
    .map((t) => findCondition(conditions, t))
    .find((c) => c && c.status === 'False' && SMCP_FAILURE_REASONS.has(c.reason ?? ''));
  if (failed) {
    return { state: 'degraded', reason: failed.reason, message: failed.message };
  }
  const ready = findCondition(conditions, 'Ready');
  if (!ready) {
    return { state: 'progressing', reason: 'NotYetReconciled' };
  }
  if (ready.status !== 'True' || ready.reason !== 'ComponentsReady') {
    return { state: 'progressing', reason: ready.reason, message: ready.message };
  }
  if (isStale(smcp.metadata?.generation, smcp.status?.observedGeneration)) {
    return { state: 'progressing', reason: 'SpecChanged' };
  }
  return { state: 'healthy' };
};

/** Revision an Istio's workloads select: the active one, else the InPlace default (its name). */
export const istioRevision = (istio: Istio): string =>
  istio.status?.activeRevisionName ?? istio.metadata?.name ?? 'default';

/**
 * Which Istio a namespace's labels select. `istio.io/rev` wins over `istio-injection`
 * (istiod's own precedence); `istio-injection=enabled` means the revision or tag `default`, and
 * so does `istio.io/dataplane-mode=ambient` without a revision label.
 */
const revisionSelectedBy = (ns: Namespace): string | undefined => {
  const labels = ns.metadata?.labels ?? {};
  if (labels['istio.io/rev']) return labels['istio.io/rev'];
  if (labels['istio-injection'] === 'enabled') return 'default';
  if (labels['istio.io/dataplane-mode'] === 'ambient') return 'default';
  return undefined;
};

/**
 * A namespace's data plane: ambient when labelled so and not also injecting sidecars (a pod
 * with a sidecar is never captured by ztunnel, so the injection label wins for new pods).
 */
export const namespaceDataPlane = (ns: Namespace): 'sidecar' | 'ambient' | undefined => {
  const labels = ns.metadata?.labels ?? {};
  if (revisionSelectedBy(ns) === undefined) return undefined;
  return labels['istio.io/dataplane-mode'] === 'ambient' && labels['istio-injection'] !== 'enabled'
    ? 'ambient'
    : 'sidecar';
};

const mesh3Members = (
  istio: Istio,
  revisionTags: IstioRevisionTag[],
  namespaces: Namespace[],
): Namespace[] => {
  const revision = istioRevision(istio);
  const aliases = new Set([revision]);
  for (const tag of revisionTags) {
    const target = tag.spec?.targetRef;
    if (!target || !tag.metadata?.name) continue;
    const pointsHere =
      (target.kind === 'Istio' && target.name === istio.metadata?.name) ||
      (target.kind === 'IstioRevision' && target.name === revision);
    if (pointsHere) aliases.add(tag.metadata.name);
  }
  return namespaces.filter((ns) => {
    const rev = revisionSelectedBy(ns);
    return rev !== undefined && aliases.has(rev) && Boolean(ns.metadata?.name);
  });
};

const namesOf = (namespaces: Namespace[]): string[] =>
  namespaces.map((ns) => ns.metadata?.name ?? '').sort();

const byName = <T extends { metadata?: { name?: string; namespace?: string } }>(a: T, b: T) =>
  `${a.metadata?.namespace ?? ''}/${a.metadata?.name ?? ''}`.localeCompare(
    `${b.metadata?.namespace ?? ''}/${b.metadata?.name ?? ''}`,
  );

const describeMesh3 = (input: MeshDetectionInput): Mesh3Info => {
  const tags = input.revisionTags ?? [];
  const namespaces = input.injectionNamespaces ?? [];
  const cni = (input.istioCNIs ?? []).find((c) => c.metadata?.name === 'default');
  const ztunnel = (input.ztunnels ?? []).find((z) => z.metadata?.name === 'default');
  return {
    controlPlanes: [...(input.istios ?? [])].sort(byName).map((istio) => {
      const members = mesh3Members(istio, tags, namespaces);
      return {
        name: istio.metadata?.name ?? '',
        namespace: istio.spec?.namespace ?? DEFAULT_CP_NAMESPACE,
        version: istio.spec?.version,
        state: istio.status?.state,
        revision: istioRevision(istio),
        health: sailHealth(istio),
        members: namesOf(members),
        ambientMembers: namesOf(members.filter((ns) => namespaceDataPlane(ns) === 'ambient')),
        ...(istio.spec?.profile ? { profile: istio.spec.profile } : {}),
      };
    }),
    cni: cni
      ? {
          version: cni.spec?.version,
          namespace: cni.spec?.namespace ?? 'istio-cni',
          health: sailHealth(cni),
        }
      : undefined,
    ztunnel: ztunnel
      ? {
          version: ztunnel.spec?.version,
          namespace: ztunnel.spec?.namespace ?? 'ztunnel',
          health: sailHealth(ztunnel),
        }
      : undefined,
  };
};

const describeMesh2 = (input: MeshDetectionInput): Mesh2Info => ({
  controlPlanes: [...(input.smcps ?? [])].sort(byName).map((smcp) => {
    const namespace = smcp.metadata?.namespace ?? '';
    const mode = smcp.spec?.mode ?? 'MultiTenant';
    // The SMMR must be named "default" and live beside the SMCP; the webhook enforces it.
    const roll = (input.memberRolls ?? []).find(
      (r) => r.metadata?.namespace === namespace && r.metadata?.name === 'default',
    );
    return {
      name: smcp.metadata?.name ?? '',
      namespace,
      version: smcp.spec?.version ?? smcp.status?.appliedSpec?.version,
      mode,
      health: smcpHealth(smcp),
      readyComponents: smcp.status?.annotations?.readyComponentCount,
      members: [...(roll?.status?.configuredMembers ?? roll?.spec?.members ?? [])].sort(),
      pendingMembers: [...(roll?.status?.pendingMembers ?? [])].sort(),
      memberRollMissing: mode === 'MultiTenant' && !roll,
    };
  }),
});

export const detectMesh = (input: MeshDetectionInput): MeshDetection => {
  const istios = input.sailApi ? (input.istios ?? []) : [];
  const smcps = input.maistraApi ? (input.smcps ?? []) : [];
  const reasons: DetectionReason[] = [];

  if (!input.sailApi && !input.maistraApi) {
    return { mesh: 'none', reasons: [{ code: 'no-mesh-apis' }] };
  }
  if (input.sailApi && istios.length === 0) reasons.push({ code: 'sail-api-without-istio' });
  if (input.maistraApi && smcps.length === 0) reasons.push({ code: 'maistra-api-without-smcp' });
  if (istios.length > 0) reasons.push({ code: 'istio-found', count: istios.length });
  if (smcps.length > 0) reasons.push({ code: 'smcp-found', count: smcps.length });

  const has3 = istios.length > 0;
  const has2 = smcps.length > 0;
  const ossm3 = has3 ? describeMesh3({ ...input, istios }) : undefined;
  if (ossm3 && !ossm3.cni) reasons.push({ code: 'cni-missing' });

  if (has3 && has2) {
    reasons.push({ code: 'both-majors' });
    return { mesh: 'both', ossm3: ossm3 as Mesh3Info, ossm2: describeMesh2(input), reasons };
  }
  if (has3) return { mesh: 'ossm3', ossm3: ossm3 as Mesh3Info, reasons };
  if (has2) return { mesh: 'ossm2', ossm2: describeMesh2(input), reasons };
  return { mesh: 'none', reasons };
};

/** Every control plane of either major, Service Mesh 3 first. */
export const controlPlanesOf = (
  detection: MeshDetection | undefined,
): (Mesh3ControlPlane | Mesh2ControlPlane)[] => [
  ...(detection && 'ossm3' in detection ? detection.ossm3.controlPlanes : []),
  ...(detection && 'ossm2' in detection ? detection.ossm2.controlPlanes : []),
];

/** The namespaces in the mesh, of any control plane, sorted. */
export const meshMembers = (detection: MeshDetection | undefined): string[] =>
  [...new Set(controlPlanesOf(detection).flatMap((cp) => cp.members))].sort();
