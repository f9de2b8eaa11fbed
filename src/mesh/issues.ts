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

/**
 * `spec.http[0].route[1].weight` as the API server writes a field path in its causes, with map
 * keys either bare (`headers.set.x-canary`) or bracketed and quoted when they hold dots or are
 * numbers (`spec.portLevelMtls["9080"]`, `labels['app.kubernetes.io/name']`).
 */
export const parseFieldPath = (field: string): IssuePath => {
  const out: (string | number)[] = [];
  let word = '';
  const flush = () => {
    if (word) out.push(word);
    word = '';
  };
  for (let i = 0; i < field.length; i++) {
    const c = field[i];
    if (c === '.') {
      flush();
    } else if (c === '[') {
      flush();
      const close = field.indexOf(']', i);
      if (close < 0) {
        word = field.slice(i);
        break;
      }
      const inner = field.slice(i + 1, close);
      const quoted = /^(["'])(.*)\1$/.exec(inner);
      out.push(quoted ? quoted[2] : /^\d+$/.test(inner) ? Number(inner) : inner);
      i = close;
    } else {
      word += c;
    }
  }
  flush();
  return out;
};

/** The inverse of parseFieldPath, for showing a path to a user who reads YAML. */
export const formatPath = (path: IssuePath): string =>
  path.reduce<string>((s, seg) => {
    if (typeof seg === 'number') return `${s}[${seg}]`;
    // A key that bare notation would misread (a dot, a bracket, digits only) goes in quotes.
    if (/[.[\]]/.test(seg) || /^\d+$/.test(seg)) return `${s}["${seg}"]`;
    return s ? `${s}.${seg}` : seg;
  }, '');

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
