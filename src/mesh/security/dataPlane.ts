/**
 * Which data plane carries a workload's traffic: an Envoy sidecar in each pod, ztunnel on the
 * node (Istio's ambient mode), or none; and what mTLS the workload then really gets, since
 * ztunnel does not honour every PeerAuthentication mode a sidecar does.
 */
import type { Namespace, Pod } from '../../models';
import { sidecarStatus } from './mtls';
import type { EffectiveMtls, MtlsMode } from './mtls';

/** On a namespace (or a pod): `ambient` enrols it in ztunnel; on a pod `none` opts it out. */
export const DATAPLANE_MODE_LABEL = 'istio.io/dataplane-mode';
/** istio-cni's mark on each pod whose traffic ztunnel now captures. */
export const AMBIENT_REDIRECTION_ANNOTATION = 'ambient.istio.io/redirection';

/** Whether a namespace is labelled into the ambient data plane; unknown (unreadable) is not. */
export const isAmbientNamespace = (ns: Namespace | undefined): boolean =>
  ns?.metadata?.labels?.[DATAPLANE_MODE_LABEL] === 'ambient';

/**
 * One pod's data plane:
 * - `sidecar`: it runs the proxy (ztunnel never captures such a pod: the sidecar wins);
 * - `ambient`: istio-cni marked it captured;
 * - `joining`: its namespace (or its own label) asks for ambient but it is not captured yet;
 * - `none`: outside the mesh, including a pod that opted out with `istio.io/dataplane-mode=none`.
 */
export type PodDataPlane = 'sidecar' | 'ambient' | 'joining' | 'none';

export const podDataPlane = (pod: Pod, namespaceAmbient: boolean): PodDataPlane => {
  if (sidecarStatus(pod).hasProxy) return 'sidecar';
  if (pod.metadata?.annotations?.[AMBIENT_REDIRECTION_ANNOTATION] === 'enabled') return 'ambient';
  const own = pod.metadata?.labels?.[DATAPLANE_MODE_LABEL];
  if (own === 'none') return 'none';
  return own === 'ambient' || namespaceAmbient ? 'joining' : 'none';
};

/** A workload's data plane: the first of these that any of its pods has; `unknown` without pods. */
export type DataPlaneKind = PodDataPlane | 'unknown';

/** How far a workload's pods are covered: by the mesh as a whole, or by one data plane. */
export type Coverage = 'all' | 'partial' | 'none' | 'unknown';

export const coverage = (total: number, covered: number): Coverage => {
  if (total === 0) return 'unknown';
  if (covered === total) return 'all';
  return covered === 0 ? 'none' : 'partial';
};

export type WorkloadDataPlane = {
  kind: DataPlaneKind;
  /** The namespace is labelled for ambient: pods not captured yet are joining, not outside. */
  namespaceAmbient: boolean;
  pods: number;
  sidecarPods: number;
  ambientPods: number;
  joiningPods: number;
  /** Pods in the mesh by either data plane; the rest send and accept plaintext only. */
  mesh: Coverage;
};

/**
 * The data plane of a workload from its running pods. A rollout can mix pods (sidecar to
 * ambient, or into the mesh at all); the sidecar is named first because sidecar policy rules
 * still govern those pods, and the counts tell the rest.
 */
export const workloadDataPlane = (pods: Pod[], namespaceAmbient: boolean): WorkloadDataPlane => {
  const planes = pods.map((p) => podDataPlane(p, namespaceAmbient));
  const count = (k: PodDataPlane) => planes.filter((p) => p === k).length;
  const sidecarPods = count('sidecar');
  const ambientPods = count('ambient');
  const joiningPods = count('joining');
  const kind: DataPlaneKind =
    pods.length === 0
      ? 'unknown'
      : sidecarPods > 0
        ? 'sidecar'
        : ambientPods > 0
          ? 'ambient'
          : joiningPods > 0
            ? 'joining'
            : 'none';
  return {
    kind,
    namespaceAmbient,
    pods: pods.length,
    sidecarPods,
    ambientPods,
    joiningPods,
    mesh: coverage(pods.length, sidecarPods + ambientPods),
  };
};

/**
 * Whether ztunnel's rules (not a sidecar's) govern a workload: it is captured or joining, or it
 * has no pods yet in an ambient namespace (its pods will be captured when they start).
 */
export const isAmbientWorkload = (dp: WorkloadDataPlane): boolean =>
  dp.kind === 'ambient' || dp.kind === 'joining' || (dp.kind === 'unknown' && dp.namespaceAmbient);

/** What enforces a workload's inbound mTLS. */
export type MtlsEnforcer = 'sidecar' | 'ztunnel' | 'none';

export type EnforcedMtls = {
  /** The mode the workload's inbound side applies: never DISABLE under ztunnel. */
  mode: MtlsMode;
  by: MtlsEnforcer;
  /** Per port, as applied. */
  portModes: Record<string, MtlsMode>;
  /** The policies ask for DISABLE (for the workload or a port) and ztunnel ignores it. */
  disableIgnored: boolean;
  /** The ports whose DISABLE ztunnel ignores. */
  ignoredPorts: string[];
};

/**
 * The mTLS a workload really gets from the policies' `mtls` (resolveEffectiveMtls). Under
 * ztunnel, traffic between mesh workloads is always mTLS (HBONE); STRICT and PERMISSIVE are
 * honoured, also per port, but DISABLE is not: a workload or port set to DISABLE behaves as
 * PERMISSIVE (mesh callers use mTLS, plaintext from outside is still accepted).
 */
export const enforcedMtls = (mtls: EffectiveMtls, dp: WorkloadDataPlane): EnforcedMtls => {
  // Sidecar pods follow every mode; a workload with no pod in the mesh enforces nothing.
  const by: MtlsEnforcer =
    dp.kind === 'sidecar' ? 'sidecar' : dp.kind === 'ambient' ? 'ztunnel' : 'none';
  if (by !== 'ztunnel') {
    return {
      mode: mtls.mode,
      by,
      portModes: mtls.portModes,
      disableIgnored: false,
      ignoredPorts: [],
    };
  }
  const underZtunnel = (m: MtlsMode): MtlsMode => (m === 'DISABLE' ? 'PERMISSIVE' : m);
  const ignoredPorts = Object.entries(mtls.portModes)
    .filter(([, m]) => m === 'DISABLE')
    .map(([p]) => p);
  return {
    mode: underZtunnel(mtls.mode),
    by,
    portModes: Object.fromEntries(
      Object.entries(mtls.portModes).map(([p, m]) => [p, underZtunnel(m)]),
    ),
    disableIgnored: mtls.mode === 'DISABLE' || ignoredPorts.length > 0,
    ignoredPorts,
  };
};
