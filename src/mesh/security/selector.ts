import type { WorkloadSelector } from '../../models';
import type { Issue, IssuePath } from '../issues';
import { securityIssue } from './issueCodes';

/** Whether a selector picks a pod with these labels: every matchLabels pair must be present. */
export const selectorMatches = (
  selector: WorkloadSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean => Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v);

/** Whether two selectors' matchLabels are exactly the same set of pairs. */
export const sameLabels = (
  a: Record<string, string> = {},
  b: Record<string, string> = {},
): boolean =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([k, v]) => b[k] === v);

/** A selector counts only when it has at least one label; `selector: {}` selects everything. */
export const hasSelector = (selector: WorkloadSelector | undefined): boolean =>
  Object.keys(selector?.matchLabels ?? {}).length > 0;

const MAX_SELECTOR_ENTRIES = 4096;
const MAX_LABEL_VALUE = 63;

/** Selector rules shared by every kind (reference §3); `path` is where the selector is. */
export const validateSelector = (
  selector: WorkloadSelector | undefined,
  path: IssuePath,
): Issue[] => {
  const issues: Issue[] = [];
  const entries = Object.entries(selector?.matchLabels ?? {});
  if (entries.length > MAX_SELECTOR_ENTRIES) {
    issues.push(
      securityIssue('security.selector-too-many-labels', [...path, 'matchLabels'], {
        max: MAX_SELECTOR_ENTRIES,
      }),
    );
  }
  for (const [label, value] of entries) {
    const at = [...path, 'matchLabels', label];
    if (!label) issues.push(securityIssue('security.selector-label-no-name', at));
    else if (label.includes('*')) {
      issues.push(securityIssue('security.selector-label-name-wildcard', at, { label }));
    }
    if (value.includes('*')) {
      issues.push(securityIssue('security.selector-label-value-wildcard', at, { value }));
    }
    if (value.length > MAX_LABEL_VALUE) {
      issues.push(
        securityIssue('security.selector-label-value-too-long', at, {
          label,
          max: MAX_LABEL_VALUE,
        }),
      );
    }
  }
  return issues;
};
