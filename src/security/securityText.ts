import type { TFunction } from 'i18next';
import { policyText } from '../components/issues/policyText';
import { describePolicy, summarizePolicy } from '../mesh/security/authorization';
import type { DescribeOptions, PrincipalRef } from '../mesh/security/authorization';
import type { MtlsMode, MtlsSource } from '../mesh/security/mtls';
import type { SidecarCoverage, WorkloadSecurity } from '../mesh/security/workloadSecurity';
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

export const sidecarText = (
  t: TFunction,
  row: Pick<WorkloadSecurity, 'sidecar' | 'pods' | 'podsWithProxy'>,
) =>
  ({
    all: t('Sidecar in all pods ({{n}}/{{total}})', { n: row.podsWithProxy, total: row.pods }),
    partial: t('Sidecar in {{n}} of {{total}} pods', { n: row.podsWithProxy, total: row.pods }),
    none: t('No sidecar'),
    unknown: t('No running pods'),
  })[row.sidecar as SidecarCoverage];

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
