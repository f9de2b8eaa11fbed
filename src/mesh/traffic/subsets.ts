/**
 * Proposes DestinationRule subsets from the `version` labels of the workloads behind a Service,
 * and reports which Deployments each subset (proposed or already defined) selects.
 */
import type { Deployment, Subset } from '../../models';
import { warning } from '../issues';
import type { Issue } from '../issues';

export const VERSION_LABEL = 'version';

export type SubsetCoverage = {
  name: string;
  labels: Record<string, string>;
  /** Names of the Deployments behind the Service whose pods this subset selects. */
  deployments: string[];
  /** True when the subset comes from the existing DestinationRule rather than a proposal. */
  existing: boolean;
};

/**
 * What a proposal warns about, as issues without a path (they are about the Service's
 * Deployments, not a field): `traffic.proposal.*`, with the subset or Deployment in the params.
 */
export type SubsetWarning = Issue;

export type SubsetProposal = { subsets: SubsetCoverage[]; warnings: SubsetWarning[] };

/** Turns a label value into a DNS-1123 label usable as a subset name (`V1.2_beta` -> `v1-2-beta`). */
export const sanitizeSubsetName = (value: string): string => {
  const name = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return name || 'subset';
};

const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

const podLabels = (d: Deployment) => d.spec?.template?.metadata?.labels ?? {};

/**
 * Deployments whose pods a Service selects. A Service without a selector has no
 * automatically managed endpoints, so it selects none.
 */
export const deploymentsBehindService = (
  serviceSelector: Record<string, string> | undefined,
  deployments: Deployment[],
): Deployment[] =>
  !serviceSelector || Object.keys(serviceSelector).length === 0
    ? []
    : deployments.filter((d) => matches(serviceSelector, podLabels(d)));

/**
 * Proposes one subset per distinct `version` label among the Service's Deployments, keeps the
 * DestinationRule's existing subsets first (a proposal never renames or replaces one), and
 * reports coverage. Warnings: a subset selecting no Deployment (or only ones scaled to zero),
 * and Deployments no subset selects (traffic to them cannot be targeted by a split).
 */
export const proposeSubsets = (input: {
  deployments: Deployment[];
  serviceSelector?: Record<string, string>;
  existingSubsets?: Subset[];
  versionLabel?: string;
}): SubsetProposal => {
  const versionLabel = input.versionLabel ?? VERSION_LABEL;
  const behind = deploymentsBehindService(input.serviceSelector, input.deployments);
  const existing = input.existingSubsets ?? [];
  const names = new Set(existing.map((s) => s.name));
  const coveredValues = new Set(
    existing
      .filter((s) => s.labels && Object.keys(s.labels).length === 1)
      .map((s) => s.labels?.[versionLabel])
      .filter((v): v is string => v !== undefined),
  );

  const proposed: Subset[] = [];
  for (const d of behind) {
    const version = podLabels(d)[versionLabel];
    if (version === undefined || coveredValues.has(version)) continue;
    coveredValues.add(version);
    // Two values may sanitise to the same name (`V1`, `v1`): suffix to keep names unique.
    const base = sanitizeSubsetName(version);
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base.slice(0, 60)}-${n}`;
    names.add(name);
    // Labels keep the raw value: they must equal the pods' labels exactly.
    proposed.push({ name, labels: { [versionLabel]: version } });
  }

  const subsets: SubsetCoverage[] = [
    ...existing.map((s) => ({ s, existing: true })),
    ...proposed.map((s) => ({ s, existing: false })),
  ].map(({ s, existing: isExisting }) => ({
    name: s.name,
    labels: { ...(s.labels ?? {}) },
    deployments: behind.filter((d) => matches(s.labels ?? {}, podLabels(d))).map(nameOf),
    existing: isExisting,
  }));

  const warnings: SubsetWarning[] = [];
  if (behind.length === 0) warnings.push(warning('traffic.proposal.no-deployments'));
  for (const s of subsets) {
    const selected = behind.filter((d) => s.deployments.includes(nameOf(d)));
    if (selected.length === 0) {
      warnings.push(warning('traffic.proposal.subset-selects-nothing', [], { subset: s.name }));
    } else if (selected.every((d) => d.spec?.replicas === 0)) {
      warnings.push(warning('traffic.proposal.subset-scaled-to-zero', [], { subset: s.name }));
    }
  }
  for (const d of behind) {
    if (!subsets.some((s) => s.deployments.includes(nameOf(d)))) {
      warnings.push(
        warning('traffic.proposal.deployment-uncovered', [], {
          deployment: nameOf(d),
          label: versionLabel,
        }),
      );
    }
  }
  return { subsets, warnings };
};

const nameOf = (d: Deployment): string => d.metadata?.name ?? '';
