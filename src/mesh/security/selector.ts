import type { WorkloadSelector } from '../../models';

/**
 * A problem found in an object, addressed by a path such as `spec.rules[0].from`. Without `level`
 * it is an error that the API server would reject; warnings are advice.
 */
export type ValidationIssue = { path: string; message: string; level?: 'warning' };

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

/** Selector rules shared by every kind (reference §3). */
export const validateSelector = (
  selector: WorkloadSelector | undefined,
  path: string,
): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  const entries = Object.entries(selector?.matchLabels ?? {});
  if (entries.length > MAX_SELECTOR_ENTRIES) {
    issues.push({
      path: `${path}.matchLabels`,
      message: `A selector may have at most ${MAX_SELECTOR_ENTRIES} labels.`,
    });
  }
  for (const [key, value] of entries) {
    const at = `${path}.matchLabels[${JSON.stringify(key)}]`;
    if (!key) issues.push({ path: at, message: 'A selector label needs a name.' });
    else if (key.includes('*')) {
      issues.push({ path: at, message: `Label name "${key}" may not contain "*".` });
    }
    if (value.includes('*')) {
      issues.push({ path: at, message: `Label value "${value}" may not contain "*".` });
    }
    if (value.length > 63) {
      issues.push({ path: at, message: `Label value for "${key}" is longer than 63 characters.` });
    }
  }
  return issues;
};
