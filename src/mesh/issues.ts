/**
 * One shape for every problem the product finds in what a user asks for: validation of a form,
 * of YAML, a webhook's refusal at dry-run. Structured (a code and its parameters, never a
 * sentence), so the UI words it through the locale, and located by path segments, so it lands on
 * the field that caused it.
 */

/** Where in an object: `['spec', 'http', 0, 'route', 1, 'weight']`. */
export type IssuePath = readonly (string | number)[];

export type Severity = 'error' | 'warning';

export type IssueParams = Record<string, string | number>;

export type Issue = {
  /** Which object it is about when a form edits several: its kind (`VirtualService`). */
  object?: string;
  path: IssuePath;
  /** What is wrong, as a key the UI translates (`weights.sum`, `webhook.rejected`, …). */
  code: string;
  params?: IssueParams;
  severity: Severity;
};

export const issue = (
  code: string,
  path: IssuePath = [],
  params?: IssueParams,
  severity: Severity = 'error',
): Issue => ({ path, code, severity, ...(params ? { params } : {}) });

export const warning = (code: string, path: IssuePath = [], params?: IssueParams): Issue =>
  issue(code, path, params, 'warning');

/** The issue about another object (the form edits a VirtualService and a DestinationRule). */
export const onObject = (object: string, issues: Issue[]): Issue[] =>
  issues.map((i) => ({ ...i, object }));

export const isBlocking = (issues: readonly Issue[]): boolean =>
  issues.some((i) => i.severity === 'error');

/** `spec.http[0].route[1].weight` as the API server writes a field path in its causes. */
export const parseFieldPath = (field: string): IssuePath => {
  const out: (string | number)[] = [];
  for (const part of field.split('.').filter(Boolean)) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
};

/** The inverse of parseFieldPath, for showing a path to a user who reads YAML. */
export const formatPath = (path: IssuePath): string =>
  path.reduce<string>(
    (s, seg) => (typeof seg === 'number' ? `${s}[${seg}]` : s ? `${s}.${seg}` : seg),
    '',
  );

const samePath = (a: IssuePath, b: IssuePath) =>
  a.length === b.length && a.every((seg, i) => seg === b[i]);

/**
 * The issues a field shows: exactly its path (and object), never a neighbour's. `under` also
 * takes the issues inside it (a subset's card shows what is wrong anywhere in that subset).
 */
export const issuesAt = (
  issues: readonly Issue[],
  path: IssuePath,
  opts: { object?: string; under?: boolean } = {},
): Issue[] =>
  issues.filter(
    (i) =>
      (opts.object === undefined || i.object === opts.object) &&
      (opts.under
        ? path.every((seg, k) => i.path[k] === seg) && i.path.length >= path.length
        : samePath(i.path, path)),
  );

/** Issues no field of the form claims: shown together above Apply. */
export const unclaimed = (
  issues: readonly Issue[],
  claimed: readonly { object?: string; path: IssuePath }[],
): Issue[] =>
  issues.filter(
    (i) =>
      !claimed.some(
        (c) => (c.object === undefined || c.object === i.object) && samePath(c.path, i.path),
      ),
  );

/** One issue per object, path, code and parameters: two checks finding the same thing say it once. */
export const dedupe = (issues: readonly Issue[]): Issue[] => {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = JSON.stringify([i.object, i.path, i.code, i.params, i.severity]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/**
 * Transitional: a check that still words its finding in English, wrapped as an issue (code
 * `text`). Each domain's checks move to codes; this goes when the last one has.
 */
export const legacyIssue = (
  v: { path: string; message: string; severity?: string; level?: string },
  object?: string,
): Issue => ({
  ...(object ? { object } : {}),
  path: v.path ? parseFieldPath(v.path) : [],
  code: 'text',
  params: { message: v.message },
  severity: v.severity === 'warning' || v.level === 'warning' ? 'warning' : 'error',
});
