/**
 * The mTLS form: the mode of a namespace (mesh-wide in the root namespace) or of one workload,
 * with port-level exceptions for a workload, read from and planned onto the PeerAuthentication
 * istiod uses at that level (edited when it exists, created when the form sets anything).
 */
import type { K8sModel, MutualTLSMode, PeerAuthentication } from '../../models';
import { onObject } from '../issues';
import type { Issue } from '../issues';
import { securityIssue, securityWarning } from '../security/issueCodes';
import {
  buildNamespacePeerAuthentication,
  buildWorkloadPeerAuthentication,
  setPeerAuthenticationMode,
  setPortLevelMtls,
  validatePeerAuthentication,
} from '../security/mtls';
import type { SecurityApiVersion } from '../security/mtls';
import { planEdits } from './editPlan';
import type { EditPlan } from './editPlan';

export type MtlsState = {
  mode: MutualTLSMode;
  /** Port (as written in the policy) → mode; UNSET means "same as the workload". */
  ports: Record<string, MutualTLSMode>;
};

/** The form's state as the policy says it (no policy: everything inherited). */
export const readMtls = (pa: PeerAuthentication | undefined): MtlsState => ({
  mode: pa?.spec?.mtls?.mode ?? 'UNSET',
  ports: Object.fromEntries(
    Object.entries(pa?.spec?.portLevelMtls ?? {}).map(([p, s]) => [p, s?.mode ?? 'UNSET']),
  ),
});

/** The ports the form offers: the workload's container ports and those the policy names, in order. */
export const mtlsPorts = (
  workloadPorts: readonly (number | string)[],
  pa: PeerAuthentication | undefined,
): string[] =>
  [...new Set([...workloadPorts.map(String), ...Object.keys(pa?.spec?.portLevelMtls ?? {})])].sort(
    (a, b) => Number(a) - Number(b),
  );

export type MtlsContext = {
  namespace: string;
  /** The workload the form is for; absent for a namespace (or, in the root namespace, the mesh). */
  workload?: {
    name: string;
    selector: Record<string, string>;
    ports: readonly (number | string)[];
  };
  /** security.istio.io version PeerAuthentication is served at (v1beta1 on Service Mesh 2.6). */
  version: SecurityApiVersion;
  model: K8sModel;
  /** As read from the cluster: what the plan diffs against and writes over. */
  stored?: PeerAuthentication;
  /**
   * STRICT here may cut callers off or leave workloads unenforced (or that is unknown, or it is
   * mesh-wide): going STRICT then needs the user's acknowledgement.
   */
  strictRisky: boolean;
  strictAcknowledged: boolean;
  /**
   * Workloads of the ambient data plane fall under this policy (the namespace is ambient, or the
   * workload is): ztunnel ignores DISABLE, so asking for it gets a warning, not a refusal, since
   * sidecar workloads beside them still apply it.
   */
  ambient?: boolean;
};

/** Where the STRICT acknowledgement's issue sits: the checkbox, not a field of the object. */
export const STRICT_ACK_PATH = ['strictAcknowledged'] as const;

/**
 * What Apply would write for this state, edited onto `base` (the stored policy, or the YAML the
 * user wrote): the policy's mode and only the ports whose mode changed; a new policy only when
 * the form sets something. `risky`: the result goes STRICT where that needs acknowledging.
 */
export const planMtls = (
  state: MtlsState,
  base: PeerAuthentication | undefined,
  ctx: MtlsContext,
): { plan: EditPlan; pa?: PeerAuthentication; risky: boolean } => {
  const current = readMtls(base);
  const overrides = Object.fromEntries(
    Object.entries(state.ports).filter(([, m]) => m !== 'UNSET'),
  ) as Record<string, MutualTLSMode>;
  let pa: PeerAuthentication | undefined;
  if (base) {
    pa = state.mode === current.mode ? base : setPeerAuthenticationMode(base, state.mode);
    if (ctx.workload) {
      for (const port of mtlsPorts(ctx.workload.ports, base)) {
        if ((state.ports[port] ?? 'UNSET') !== (current.ports[port] ?? 'UNSET')) {
          pa = setPortLevelMtls(pa, port, overrides[port]);
        }
      }
    }
  } else if (state.mode !== 'UNSET' || Object.keys(overrides).length > 0) {
    pa = ctx.workload
      ? buildWorkloadPeerAuthentication(
          {
            namespace: ctx.namespace,
            name: `${ctx.workload.name}-mtls`,
            matchLabels: ctx.workload.selector,
            mode: state.mode,
            portLevelMtls: overrides,
          },
          ctx.version,
        )
      : buildNamespacePeerAuthentication(ctx.namespace, state.mode, ctx.version);
  }
  const proposed = pa ? [{ model: ctx.model, before: ctx.stored, after: pa }] : [];
  const changes = planEdits(proposed, []).edits.length > 0;
  const goesStrict = pa
    ? pa.spec?.mtls?.mode === 'STRICT' ||
      Object.values(pa.spec?.portLevelMtls ?? {}).some((s) => s?.mode === 'STRICT')
    : false;
  const risky = goesStrict && changes && ctx.strictRisky;
  const target = ctx.workload?.name ?? ctx.namespace;
  const ignored: Issue[] =
    ctx.ambient && pa
      ? [
          ...(pa.spec?.mtls?.mode === 'DISABLE' ? [['spec', 'mtls', 'mode']] : []),
          ...Object.entries(pa.spec?.portLevelMtls ?? {})
            .filter(([, setting]) => setting?.mode === 'DISABLE')
            .map(([port]) => ['spec', 'portLevelMtls', port, 'mode']),
        ].map((path) => securityWarning('mtls.disable-ignored-ambient', path, { target }))
      : [];
  const issues: Issue[] = [
    ...(pa ? onObject('PeerAuthentication', [...validatePeerAuthentication(pa), ...ignored]) : []),
    ...(risky && !ctx.strictAcknowledged
      ? [securityIssue('mtls.strict-unacknowledged', [...STRICT_ACK_PATH])]
      : []),
  ];
  return { plan: planEdits(proposed, issues), pa, risky };
};
