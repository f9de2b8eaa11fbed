/**
 * The small rules every domain checks the same way, written once: names, hosts, header names,
 * HTTP methods, service-account principals, durations, RE2 expressions, and copying an object
 * before editing it. Traffic and security validation import these instead of keeping their own
 * copies (which had drifted: two method lists disagreed on CONNECT and TRACE).
 */
import { issue } from './issues';
import type { Issue, IssueParams, IssuePath } from './issues';

/** A deep copy of a plain object from the cluster, to edit without touching what was read. */
export const clone = <T>(obj: T): T => structuredClone(obj);

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A Kubernetes name of one DNS-1123 label: lowercase letters, digits and "-", at most 63. */
export const isDnsLabel = (s: string): boolean => s.length <= 63 && DNS1123_LABEL.test(s);

/** An HTTP header name as Istio's match and policy fields accept it. */
export const isHeaderName = (s: string): boolean => /^[-_A-Za-z0-9]+$/.test(s);

/** The HTTP methods a route match or a policy may name (RFC 9110 and PATCH). */
export const HTTP_METHODS: readonly string[] = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'OPTIONS',
  'CONNECT',
  'TRACE',
];

/**
 * A SPIFFE-style principal as AuthorizationPolicy names a workload's identity:
 * `<trust domain>/ns/<namespace>/sa/<service account>`.
 */
export const isPrincipal = (s: string): boolean =>
  /^[^/]+\/ns\/[a-z0-9]([-a-z0-9]*[a-z0-9])?\/sa\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(s);

/**
 * A host as Istio's ValidateWildcardDomain accepts it: a DNS name or a wildcard domain (`*`,
 * `*.example.com`). Labels are checked as lowercase DNS-1123 labels: the reference does not say
 * whether uppercase is accepted, so we refuse it.
 */
export const isValidHost = (host: string): boolean => {
  if (host === '*') return true;
  if (host.length === 0 || host.length > 255) return false;
  const name = host.startsWith('*.') ? host.slice(2) : host;
  const labels = (name.endsWith('.') ? name.slice(0, -1) : name).split('.');
  return labels.every(isDnsLabel);
};

// ---------------------------------------------------------------------------------------------
// Durations

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n, // U+00B5, as Go accepts
  μs: 1000n, // U+03BC, as Go accepts
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n,
};
const NS_PER_MS = 1000000n;

/**
 * Parses a Go duration string (`250ms`, `1m30s`, `1.5s`) to nanoseconds; undefined when it is
 * not one. BigInt keeps long durations exact, which the whole-millisecond check needs.
 */
export const parseDuration = (value: string): bigint | undefined => {
  if (value === '0') return 0n;
  const re = /(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/gy;
  let total = 0n;
  let pos = 0;
  let sign = 1n;
  if (value.startsWith('-') || value.startsWith('+')) {
    sign = value.startsWith('-') ? -1n : 1n;
    pos = 1;
  }
  if (pos >= value.length) return undefined;
  re.lastIndex = pos;
  while (pos < value.length) {
    const m = re.exec(value);
    if (!m || m.index !== pos) return undefined;
    const [, whole, frac = ''] = m;
    if (whole === '' && frac === '') return undefined;
    const unit = UNIT_NS[m[3]];
    let ns = BigInt(whole || '0') * unit;
    if (frac) {
      // Go truncates fractions below one nanosecond.
      ns += (BigInt(frac) * unit) / 10n ** BigInt(frac.length);
    }
    total += ns;
    pos = re.lastIndex;
  }
  return sign * total;
};

/**
 * A duration Istio's webhook accepts: a Go duration, at least 1ms and in whole milliseconds.
 * `allowZero` is for the fields (connectionPool.tcp.idleTimeout) where `0s` means disabled.
 * Codes: `duration.not-text`, `duration.invalid` (value), `duration.too-short`,
 * `duration.too-short-or-zero`, `duration.sub-millisecond`.
 */
export const validateDuration = (
  value: unknown,
  path: IssuePath,
  opts: { allowZero?: boolean } = {},
): Issue[] => {
  if (value === undefined) return [];
  if (typeof value !== 'string') return [issue('duration.not-text', path)];
  const ns = parseDuration(value.trim());
  if (ns === undefined) return [issue('duration.invalid', path, { value })];
  if (opts.allowZero && ns === 0n) return [];
  if (ns < NS_PER_MS) {
    return [issue(opts.allowZero ? 'duration.too-short-or-zero' : 'duration.too-short', path)];
  }
  if (ns % NS_PER_MS !== 0n) return [issue('duration.sub-millisecond', path)];
  return [];
};

// ---------------------------------------------------------------------------------------------
// RE2

/** Why RE2 (Envoy's regex engine) refuses an expression: a `regex.*` code and its parameters. */
export type Re2Problem = { code: string; params?: IssueParams };

/**
 * Finds constructs RE2 rejects but JavaScript would accept, and other syntax errors. Undefined
 * when the expression is acceptable.
 */
export const re2Problem = (regex: string): Re2Problem | undefined => {
  let inClass = false;
  let depth = 0;
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i];
    if (c === '\\') {
      const n = regex[i + 1];
      if (n === undefined) return { code: 'regex.lone-backslash' };
      if (/[1-9]/.test(n) || n === 'k' || n === 'g') return { code: 'regex.backreference' };
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      // A "]" right after "[" or "[^" is a literal in RE2.
      if (regex[i + 1] === '^') i++;
      if (regex[i + 1] === ']') i++;
      continue;
    }
    if (c === '(') {
      depth++;
      const ahead = regex.slice(i + 1, i + 4);
      if (/^\?(=|!|<=|<!)/.test(ahead)) return { code: 'regex.lookaround' };
      if (ahead.startsWith('?>')) return { code: 'regex.atomic-group' };
      continue;
    }
    if (c === ')') {
      depth--;
      if (depth < 0) return { code: 'regex.unbalanced-close' };
      continue;
    }
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(regex.slice(i));
      if (m && (Number(m[1]) > 1000 || (m[3] && Number(m[3]) > 1000))) {
        return { code: 'regex.repeat-too-large', params: { max: 1000 } };
      }
      if (m && m[3] && Number(m[3]) < Number(m[1])) {
        return { code: 'regex.repeat-invalid', params: { repeat: m[0] } };
      }
      if (m && regex[i + m[0].length] === '+') return { code: 'regex.possessive-repeat' };
      continue;
    }
    if ((c === '*' || c === '+' || c === '?') && regex[i + 1] === '+') {
      return { code: 'regex.possessive' };
    }
  }
  if (inClass) return { code: 'regex.unterminated-class' };
  if (depth !== 0) return { code: 'regex.unbalanced-open' };
  // Remaining syntax check through the JS engine, after rewriting the RE2-only forms that JS
  // spells differently (named groups, inline flags).
  const js = regex
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?[imsU-]+\)/g, '')
    .replace(/\(\?[imsU-]+:/g, '(?:');
  try {
    new RegExp(js);
  } catch {
    return { code: 'regex.invalid' };
  }
  return undefined;
};
