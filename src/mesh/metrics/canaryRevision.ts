/**
 * Which value of Istio's `destination_canonical_revision` metric label stands for a
 * DestinationRule subset, so the canary gate can tell the canary's requests from the rest.
 */
import type { Subset } from '../../models';

/**
 * Pod labels Istio reads a workload's canonical revision from, first found wins (after these it
 * says "latest"). A subset that selects by one of them selects exactly the pods reported under
 * that value.
 */
export const REVISION_LABELS = [
  'service.istio.io/canonical-revision',
  'app.kubernetes.io/version',
  'version',
] as const;

export type SubsetRevision =
  | { revision: string; label: (typeof REVISION_LABELS)[number] }
  /** The DestinationRule has no subset of that name (yet). */
  | { problem: 'no-subset' }
  /** The subset selects pods by other labels: its requests are not labelled apart in metrics. */
  | { problem: 'no-revision-label' };

export const subsetRevision = (subset: Pick<Subset, 'labels'> | undefined): SubsetRevision => {
  if (!subset) return { problem: 'no-subset' };
  for (const label of REVISION_LABELS) {
    const value = subset.labels?.[label];
    if (value) return { revision: value, label };
  }
  return { problem: 'no-revision-label' };
};
