import type { ClusterServiceVersion, InstallPlan, Subscription } from '../../models';
import { findCondition } from '../conditions';

/**
 * Where one operator's install stands, derived only from its OLM objects (reference:
 * service-mesh-install.md §4.5), so a wizard reopened later resumes where it stood.
 */
export type OperatorInstallState =
  'not-started' | 'resolving' | 'needs-approval' | 'installing' | 'failed' | 'done';

export type OperatorInstallStatus = {
  state: OperatorInstallState;
  /** OLM's own words when something needs the user's attention. */
  message?: string;
  /** The install plan to approve (needs-approval) and what it would install. */
  installPlan?: { name: string; namespace: string; csvNames: string[] };
  installedCSV?: string;
};

const FAILING_CONDITIONS = [
  'ResolutionFailed',
  'CatalogSourcesUnhealthy',
  'BundleUnpackFailed',
  'InstallPlanFailed',
];

const CSV_IN_PROGRESS = new Set(['Pending', 'InstallReady', 'Installing', 'Replacing', '']);

export const deriveOperatorStatus = ({
  subscription,
  installPlan,
  csv,
}: {
  subscription?: Subscription;
  /** The InstallPlan named by the Subscription's `status.installPlanRef`. */
  installPlan?: InstallPlan;
  /** The CSV named by `status.installedCSV` (or `currentCSV`) in the Subscription's namespace. */
  csv?: ClusterServiceVersion;
}): OperatorInstallStatus => {
  if (!subscription) return { state: 'not-started' };
  const status = subscription.status ?? {};

  const failing = FAILING_CONDITIONS.map((t) => findCondition(status.conditions, t)).find(
    (c) => c?.status === 'True',
  );
  if (failing) {
    return { state: 'failed', message: failing.message ?? failing.reason ?? failing.type };
  }
  if (status.state === 'UpgradeFailed') {
    return { state: 'failed', message: 'The operator upgrade failed.' };
  }
  if (installPlan?.status?.phase === 'Failed') {
    const cond = installPlan.status.conditions?.find((c) => c.status === 'False');
    return {
      state: 'failed',
      message: cond?.message ?? installPlan.status.message ?? 'The install plan failed.',
    };
  }
  if (csv?.status?.phase === 'Failed') {
    return {
      state: 'failed',
      message: csv.status.message ?? csv.status.reason ?? 'The operator failed to install.',
      installedCSV: csv.metadata?.name,
    };
  }

  if (status.installedCSV && csv?.status?.phase === 'Succeeded') {
    return { state: 'done', installedCSV: status.installedCSV };
  }
  if (installPlan?.status?.phase === 'RequiresApproval' && !installPlan.spec?.approved) {
    return {
      state: 'needs-approval',
      message: findCondition(status.conditions, 'InstallPlanPending')?.message,
      installPlan: {
        name: installPlan.metadata?.name ?? '',
        namespace: installPlan.metadata?.namespace ?? '',
        csvNames: installPlan.spec?.clusterServiceVersionNames ?? [],
      },
    };
  }
  if (
    !status.installPlanRef ||
    findCondition(status.conditions, 'BundleUnpacking')?.status === 'True'
  ) {
    return { state: 'resolving' };
  }
  if (
    installPlan?.status?.phase === 'Planning' ||
    installPlan?.status?.phase === 'Installing' ||
    installPlan?.status?.phase === 'RequiresApproval' || // approved, not yet picked up
    (status.installedCSV && CSV_IN_PROGRESS.has(csv?.status?.phase ?? ''))
  ) {
    return { state: 'installing', installedCSV: status.installedCSV };
  }
  // Plan complete but the CSV not yet visible (or not yet Succeeded): still installing.
  return { state: 'installing', installedCSV: status.installedCSV };
};
