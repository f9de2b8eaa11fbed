import type { TFunction } from 'i18next';
import { policyText } from '../components/issues/policyText';
import { describePolicy, summarizePolicy } from '../mesh/security/authorization';
import type { DescribeOptions, PrincipalRef } from '../mesh/security/authorization';
import type { DataPlaneKind, WorkloadDataPlane } from '../mesh/security/dataPlane';
import type { MtlsMode, MtlsSource } from '../mesh/security/mtls';
import type { WaypointState } from '../mesh/security/waypoint';
import type { WorkloadSecurity } from '../mesh/security/workloadSecurity';
import type { AuthorizationPolicy } from '../models';

export const modeText = (t: TFunction, mode: MtlsMode | 'UNSET'): string =>
  ({
    STRICT: t('STRICT (mTLS only)'),
    PERMISSIVE: t('PERMISSIVE (mTLS or plaintext)'),
    DISABLE: t('DISABLE (plaintext)'),
    UNSET: t('Inherit'),
  })[mode];

export const sourceText = (t: TFunction, source: MtlsSource, policy?: string): string =>
  ({
    workload: t('from workload policy {{policy}}', { policy }),
    namespace: t('from namespace policy {{policy}}', { policy }),
    mesh: t('from mesh-wide policy {{policy}}', { policy }),
    default: t('Istio default, no policy'),
  })[source];

/** A workload's data plane with its pod counts, e.g. "Ambient (ztunnel) in 2 of 3 pods". */
export const dataPlaneText = (t: TFunction, dp: WorkloadDataPlane): string => {
  const total = dp.pods;
  switch (dp.kind) {
    case 'sidecar':
      if (dp.ambientPods > 0) {
        return t('Sidecar in {{n}} of {{total}} pods, ambient (ztunnel) in {{ambient}}', {
          n: dp.sidecarPods,
          total,
          ambient: dp.ambientPods,
        });
      }
      return dp.sidecarPods === total
        ? t('Sidecar in all pods ({{n}}/{{total}})', { n: dp.sidecarPods, total })
        : t('Sidecar in {{n}} of {{total}} pods', { n: dp.sidecarPods, total });
    case 'ambient':
      return dp.ambientPods === total
        ? t('Ambient (ztunnel) in all pods ({{n}}/{{total}})', { n: dp.ambientPods, total })
        : t('Ambient (ztunnel) in {{n}} of {{total}} pods', { n: dp.ambientPods, total });
    case 'joining':
      return t('Joining ambient: ztunnel has not captured its pods yet (0 of {{total}})', {
        total,
      });
    case 'none':
      return dp.namespaceAmbient ? t('Opted out of ambient') : t('No sidecar');
    default:
      return t('No running pods');
  }
};

/** The data planes a filter offers. */
export const dataPlaneKindText = (t: TFunction, kind: DataPlaneKind): string =>
  ({
    sidecar: t('Sidecar'),
    ambient: t('Ambient (ztunnel)'),
    joining: t('Joining ambient'),
    none: t('Not in the mesh'),
    unknown: t('No running pods'),
  })[kind];

export const waypointStateText = (t: TFunction, name: string, state: WaypointState): string =>
  ({
    programmed: t('{{name}} (programmed)', { name }),
    pending: t('waypoint {{name}} (not programmed yet)', { name }),
    missing: t('waypoint {{name}} (does not exist)', { name }),
    unknown: t('waypoint {{name}} (state unknown)', { name }),
  })[state];

/**
 * Names callers the way people do: a principal whose service account runs a known workload reads
 * as that workload's app ("productpage"), not as "bookinfo-productpage".
 */
export const describeOptionsFor = (rows: WorkloadSecurity[]): DescribeOptions => ({
  callerName: (p: PrincipalRef) => {
    if (!p.serviceAccount) return p.raw;
    const apps = [
      ...new Set(
        rows
          .filter((r) => r.namespace === p.namespace && r.serviceAccount === p.serviceAccount)
          .map((r) => r.labels.app ?? r.name),
      ),
    ];
    const local = rows.some((r) => r.namespace === p.namespace);
    const name = apps.length ? apps.join('/') : p.serviceAccount;
    return local ? name : `${p.namespace}/${name}`;
  },
});

/** A policy in plain words ("reviews accepts calls only from productpage: GET /reviews/*"). */
export const policySentence = (
  t: TFunction,
  policy: AuthorizationPolicy,
  rootNamespace: string,
  describe: DescribeOptions,
): string => policyText(t, describePolicy(summarizePolicy(policy, rootNamespace), describe));
