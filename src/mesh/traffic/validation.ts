/**
 * Client-side checks mirroring istiod's validating webhook (and, marked as warnings, the
 * analyzers and Kiali checks) for the VirtualService and DestinationRule fields our forms write.
 * Source of the rules: shared/reference/istio-api-rules.md (§3–§5, §10). Where the reference is
 * silent, the check is the stricter reading and a comment says so: a form may then refuse
 * something istiod would accept, but never let through something istiod rejects.
 */
import type {
  ConnectionPoolSettings,
  Destination,
  DestinationRule,
  DestinationRuleSpec,
  HTTPFaultInjection,
  HTTPMatchRequest,
  HTTPRetry,
  HTTPRoute,
  HTTPRouteDestination,
  OutlierDetection,
  Percent,
  StringMatch,
  TrafficPolicy,
  VirtualService,
} from '../../models';

export type ValidationIssue = {
  /** Field path inside the object, e.g. `spec.http[0].route[1].weight`. */
  path: string;
  /** What is wrong and what to do, in plain English. */
  message: string;
  /** Absent means error (the write would be rejected); warnings are advice. */
  severity?: 'warning';
};

const warning = (path: string, message: string): ValidationIssue => ({
  path,
  message,
  severity: 'warning',
});

export const isError = (issue: ValidationIssue): boolean => issue.severity !== 'warning';

const INT32_MAX = 2147483647;

/** Path segment for a map key: bare when it is an identifier, bracketed otherwise. */
const key = (base: string, k: string): string =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `${base}.${k}` : `${base}['${k}']`;

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
 * A duration the webhook accepts: a Go duration, at least 1ms and in whole milliseconds.
 * `allowZero` is for the one field (connectionPool.tcp.idleTimeout) where `0s` means disabled.
 */
export const validateDuration = (
  value: unknown,
  path: string,
  opts: { allowZero?: boolean } = {},
): ValidationIssue[] => {
  if (value === undefined) return [];
  if (typeof value !== 'string') {
    return [{ path, message: 'Enter a duration such as 250ms, 5s or 1m30s.' }];
  }
  const ns = parseDuration(value.trim());
  if (ns === undefined) {
    return [
      { path, message: `"${value}" is not a duration. Use a form such as 250ms, 5s or 1m30s.` },
    ];
  }
  if (opts.allowZero && ns === 0n) return [];
  if (ns < NS_PER_MS) {
    return [
      {
        path,
        message: `Duration must be at least 1ms${opts.allowZero ? ' (or 0s to disable)' : ''}.`,
      },
    ];
  }
  if (ns % NS_PER_MS !== 0n) {
    return [{ path, message: 'Use whole milliseconds: Istio does not accept finer durations.' }];
  }
  return [];
};

// ---------------------------------------------------------------------------------------------
// Numbers

/** `{value}` percentages (fault, mirror): 0, or between 0.0001 and 100. */
export const validatePercentage = (p: Percent | undefined, path: string): ValidationIssue[] => {
  if (p === undefined) return [];
  const v = p?.value;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    return [{ path: `${path}.value`, message: 'Enter a percentage between 0 and 100.' }];
  }
  if (v !== 0 && (v < 0.0001 || v > 100)) {
    return [
      {
        path: `${path}.value`,
        message: 'Percentage must be 0 or between 0.0001 and 100.',
      },
    ];
  }
  return [];
};

const validateCount = (
  value: unknown,
  path: string,
  what: string,
  min = 0,
  max = INT32_MAX,
): ValidationIssue[] => {
  if (value === undefined) return [];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return [{ path, message: `${what} must be a whole number.` }];
  }
  if (value < min || value > max) {
    return [
      {
        path,
        message:
          max === INT32_MAX
            ? `${what} must be ${min} or more.`
            : `${what} must be between ${min} and ${max}.`,
      },
    ];
  }
  return [];
};

// ---------------------------------------------------------------------------------------------
// Names and hosts

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const isDns1123Label = (s: string): boolean => s.length <= 63 && DNS1123_LABEL.test(s);

/**
 * A DNS name or a wildcard domain (`*`, `*.example.com`), as the webhook's
 * ValidateWildcardDomain accepts. Labels are checked as lowercase DNS-1123 labels: the
 * reference does not say whether uppercase is accepted, so we refuse it.
 */
export const isValidHost = (host: string): boolean => {
  if (host === '*') return true;
  if (host.length === 0 || host.length > 255) return false;
  const name = host.startsWith('*.') ? host.slice(2) : host;
  const labels = (name.endsWith('.') ? name.slice(0, -1) : name).split('.');
  return labels.every(isDns1123Label);
};

/** Whether two host patterns overlap (one equals or is covered by the other's wildcard). */
export const hostsOverlap = (a: string, b: string): boolean => {
  if (a === b || a === '*' || b === '*') return true;
  const covers = (wild: string, other: string) =>
    wild.startsWith('*.') && (other.endsWith(wild.slice(1)) || other === wild);
  return covers(a, b) || covers(b, a);
};

const validateDestination = (d: Destination | undefined, path: string): ValidationIssue[] => {
  if (!d || typeof d.host !== 'string' || d.host === '') {
    return [{ path: `${path}.host`, message: 'Choose a destination host.' }];
  }
  const issues: ValidationIssue[] = [];
  if (d.host === '*') {
    issues.push({
      path: `${path}.host`,
      message: 'A destination host cannot be "*". Name one service.',
    });
  } else if (!isValidHost(d.host)) {
    issues.push({
      path: `${path}.host`,
      message: `"${d.host}" is not a valid host name. Use a service name or its FQDN.`,
    });
  }
  if (d.subset !== undefined && !isDns1123Label(d.subset)) {
    issues.push({
      path: `${path}.subset`,
      message: 'Subset name must be a DNS-1123 label (lowercase letters, digits and "-").',
    });
  }
  if (d.port?.number !== undefined) {
    issues.push(...validateCount(d.port.number, `${path}.port.number`, 'Port', 1, 65535));
  }
  return issues;
};

// ---------------------------------------------------------------------------------------------
// StringMatch and RE2

/**
 * Finds constructs RE2 (Envoy's regex engine) rejects but JavaScript would accept, and other
 * syntax errors. Returns a message, or undefined when the expression is acceptable.
 */
export const re2Problem = (regex: string): string | undefined => {
  let inClass = false;
  let depth = 0;
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i];
    if (c === '\\') {
      const n = regex[i + 1];
      if (n === undefined) return 'The expression ends with a lone "\\".';
      if (/[1-9]/.test(n) || n === 'k' || n === 'g') {
        return 'Backreferences (\\1, \\k<name>) are not supported by RE2; rewrite without them.';
      }
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
      if (/^\?(=|!|<=|<!)/.test(ahead)) {
        return 'Look-ahead and look-behind ((?=…), (?!…), (?<=…), (?<!…)) are not supported by RE2.';
      }
      if (ahead.startsWith('?>')) return 'Atomic groups (?>…) are not supported by RE2.';
      continue;
    }
    if (c === ')') {
      depth--;
      if (depth < 0) return 'Unbalanced ")" in the expression.';
      continue;
    }
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(regex.slice(i));
      if (m && (Number(m[1]) > 1000 || (m[3] && Number(m[3]) > 1000))) {
        return 'Repeat counts above 1000 are not supported by RE2.';
      }
      if (m && m[3] && Number(m[3]) < Number(m[1])) return `Invalid repeat count ${m[0]}.`;
      if (m && regex[i + m[0].length] === '+') {
        return 'Possessive quantifiers (such as {2}+) are not supported by RE2.';
      }
      continue;
    }
    if ((c === '*' || c === '+' || c === '?') && regex[i + 1] === '+') {
      return 'Possessive quantifiers (such as a*+) are not supported by RE2.';
    }
  }
  if (inClass) return 'Unterminated "[" in the expression.';
  if (depth !== 0) return 'Unbalanced "(" in the expression.';
  // Remaining syntax check through the JS engine, after rewriting the RE2-only forms that JS
  // spells differently (named groups, inline flags).
  const js = regex
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?[imsU-]+\)/g, '')
    .replace(/\(\?[imsU-]+:/g, '(?:');
  try {
    new RegExp(js);
  } catch {
    return 'This is not a valid regular expression.';
  }
  return undefined;
};

export const validateStringMatch = (
  m: StringMatch | undefined,
  path: string,
  opts: { allowEmptyPrefix?: boolean } = {},
): ValidationIssue[] => {
  if (m === undefined) return [];
  const set = (['exact', 'prefix', 'regex'] as const).filter((k) => m?.[k] !== undefined);
  if (set.length !== 1) {
    return [{ path, message: 'Set exactly one of exact, prefix or regex.' }];
  }
  if (m.prefix !== undefined && m.prefix === '' && !opts.allowEmptyPrefix) {
    return [{ path: `${path}.prefix`, message: 'A prefix cannot be empty.' }];
  }
  if (m.regex !== undefined) {
    if (m.regex === '') return [{ path: `${path}.regex`, message: 'A regex cannot be empty.' }];
    if (m.regex.length > 1024) {
      return [{ path: `${path}.regex`, message: 'A regex can be at most 1024 characters long.' }];
    }
    const problem = re2Problem(m.regex);
    if (problem) return [{ path: `${path}.regex`, message: problem }];
  }
  return [];
};

// Conservative reading of the webhook's header-name check: letters, digits, "-" and "_".
const HEADER_NAME = /^[-_A-Za-z0-9]+$/;
const JWT_CLAIM_PREFIX = '@request.auth.claims.';

const validateMatch = (
  m: HTTPMatchRequest,
  path: string,
  gatewayBound: boolean,
): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  issues.push(...validateStringMatch(m.uri, `${path}.uri`, { allowEmptyPrefix: true }));
  for (const f of ['scheme', 'method', 'authority'] as const) {
    issues.push(...validateStringMatch(m[f], `${path}.${f}`));
  }
  for (const f of ['headers', 'withoutHeaders', 'queryParams'] as const) {
    for (const [name, sm] of Object.entries(m[f] ?? {})) {
      const p = key(`${path}.${f}`, name);
      if (f !== 'queryParams') {
        if (name.startsWith(JWT_CLAIM_PREFIX)) {
          if (!gatewayBound) {
            issues.push({
              path: p,
              message:
                'JWT claim matches work only on a VirtualService bound to a gateway; remove it or add a gateway.',
            });
          }
        } else if (!HEADER_NAME.test(name)) {
          issues.push({
            path: p,
            message: `"${name}" is not a valid header name (letters, digits, "-" and "_").`,
          });
        }
      } else if (name === '') {
        issues.push({ path: p, message: 'A query parameter name cannot be empty.' });
      }
      issues.push(...validateStringMatch(sm, p));
    }
  }
  if (m.sourceNamespace !== undefined && !isDns1123Label(m.sourceNamespace)) {
    issues.push({
      path: `${path}.sourceNamespace`,
      message: 'Source namespace must be a valid namespace name.',
    });
  }
  issues.push(...validateCount(m.port, `${path}.port`, 'Port', 1, 65535));
  return issues;
};

// ---------------------------------------------------------------------------------------------
// Routes: weights, retries, timeout, fault, mirror

export const validateWeights = (
  route: HTTPRouteDestination[] | undefined,
  path: string,
): ValidationIssue[] => {
  if (!route || route.length === 0) return [];
  const issues: ValidationIssue[] = [];
  let total = 0;
  route.forEach((d, i) => {
    issues.push(...validateDestination(d.destination, `${path}[${i}].destination`));
    if (d.weight === undefined) return;
    if (typeof d.weight !== 'number' || !Number.isInteger(d.weight)) {
      issues.push({ path: `${path}[${i}].weight`, message: 'Weight must be a whole number.' });
    } else if (d.weight < 0 || d.weight > INT32_MAX) {
      issues.push({ path: `${path}[${i}].weight`, message: 'Weight cannot be negative.' });
    } else {
      total += d.weight;
    }
  });
  if (route.length > 1 && total === 0 && issues.length === 0) {
    issues.push({
      path,
      message: 'Give at least one destination a weight above 0: all weights are 0.',
    });
  }
  // Not an error (a single destination gets all traffic whatever its weight), but a weight
  // other than 100 there usually means the user expected a share (KIA1104).
  if (route.length === 1 && route[0].weight !== undefined && route[0].weight !== 100) {
    issues.push(
      warning(
        `${path}[0].weight`,
        'A single destination receives all traffic; its weight is ignored.',
      ),
    );
  }
  if (route.length > 1) {
    route.forEach((d, i) => {
      if (d.weight === undefined) {
        issues.push(
          warning(
            `${path}[${i}].weight`,
            'A destination without a weight receives no traffic when it has siblings; set a weight.',
          ),
        );
      }
    });
  }
  return issues;
};

// Envoy retry policies accepted by the webhook (x-envoy-retry-on and x-envoy-retry-grpc-on).
export const RETRY_ON_VALUES: readonly string[] = [
  '5xx',
  'gateway-error',
  'reset',
  'reset-before-request',
  'connect-failure',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'retriable-headers',
  'envoy-ratelimited',
  'http3-post-connect-failure',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
];

export const validateRetries = (r: HTTPRetry | undefined, path: string): ValidationIssue[] => {
  if (r === undefined) return [];
  const issues = validateCount(r.attempts, `${path}.attempts`, 'Retry attempts');
  if (r.attempts === 0 || r.attempts === undefined) {
    // The reference states the rule for attempts == 0; an unset attempts is the same value in
    // proto3, so we apply it there too.
    for (const f of ['perTryTimeout', 'retryOn', 'retryRemoteLocalities'] as const) {
      if (r[f] !== undefined) {
        issues.push({
          path: `${path}.${f}`,
          message: 'Retries are disabled (0 attempts): remove this setting or set attempts.',
        });
      }
    }
  }
  issues.push(...validateDuration(r.perTryTimeout, `${path}.perTryTimeout`));
  if (r.retryOn !== undefined) {
    for (const raw of r.retryOn.split(',')) {
      const token = raw.trim();
      // Numeric tokens are status codes; the reference does not give a range, we require HTTP's.
      const ok = /^\d+$/.test(token)
        ? Number(token) >= 100 && Number(token) <= 599
        : RETRY_ON_VALUES.includes(token);
      if (!ok) {
        issues.push({
          path: `${path}.retryOn`,
          message:
            token === ''
              ? 'retryOn has an empty entry; remove the extra comma.'
              : `"${token}" is not a retry condition. Use an HTTP status code or one of: ${RETRY_ON_VALUES.join(', ')}.`,
        });
      }
    }
  }
  return issues;
};

export const GRPC_STATUS_NAMES: readonly string[] = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

export const validateFault = (
  f: HTTPFaultInjection | undefined,
  path: string,
): ValidationIssue[] => {
  if (f === undefined) return [];
  const issues: ValidationIssue[] = [];
  if (!f.delay && !f.abort) {
    return [{ path, message: 'Fault injection needs a delay, an abort, or both.' }];
  }
  if (f.delay) {
    if (f.delay.exponentialDelay !== undefined) {
      issues.push({
        path: `${path}.delay.exponentialDelay`,
        message: 'Exponential delay is not supported; use a fixed delay.',
      });
    }
    if (f.delay.fixedDelay === undefined) {
      issues.push({ path: `${path}.delay.fixedDelay`, message: 'Enter the delay to inject.' });
    }
    issues.push(...validateDuration(f.delay.fixedDelay, `${path}.delay.fixedDelay`));
    issues.push(...validatePercentage(f.delay.percentage, `${path}.delay.percentage`));
    issues.push(
      ...validateCount(f.delay.percent, `${path}.delay.percent`, 'Delay percent', 0, 100),
    );
  }
  if (f.abort) {
    const p = `${path}.abort`;
    if (f.abort.http2Error !== undefined) {
      issues.push({
        path: `${p}.http2Error`,
        message: 'HTTP/2 error aborts are not supported yet; use an HTTP or gRPC status.',
      });
    }
    if (f.abort.httpStatus !== undefined && f.abort.grpcStatus !== undefined) {
      issues.push({ path: p, message: 'Set either an HTTP status or a gRPC status, not both.' });
    }
    if (f.abort.httpStatus !== undefined) {
      issues.push(
        ...validateCount(f.abort.httpStatus, `${p}.httpStatus`, 'Abort HTTP status', 200, 599),
      );
    }
    if (f.abort.grpcStatus !== undefined && !GRPC_STATUS_NAMES.includes(f.abort.grpcStatus)) {
      issues.push({
        path: `${p}.grpcStatus`,
        message: `"${f.abort.grpcStatus}" is not a gRPC status. Use a name such as UNAVAILABLE.`,
      });
    }
    if (
      f.abort.httpStatus === undefined &&
      f.abort.grpcStatus === undefined &&
      !f.abort.http2Error
    ) {
      // The reference marks this as a webhook warning, not an error.
      issues.push(warning(p, 'The abort has no HTTP or gRPC status; set one.'));
    }
    issues.push(...validatePercentage(f.abort.percentage, `${p}.percentage`));
  }
  return issues;
};

const hasMatch = (r: HTTPRoute): boolean => Array.isArray(r.match) && r.match.length > 0;

export const validateHttpRoute = (
  r: HTTPRoute,
  path: string,
  gatewayBound: boolean,
): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  if (!r.route?.length && !r.redirect && !r.directResponse && !r.delegate) {
    issues.push({
      path: `${path}.route`,
      message: 'Each HTTP rule needs a route (or a redirect or direct response).',
    });
  }
  if (r.redirect) {
    for (const f of ['route', 'fault', 'rewrite', 'directResponse'] as const) {
      if (r[f] !== undefined) {
        issues.push({
          path: `${path}.${f}`,
          message: `A rule with a redirect cannot also have ${f}; remove one of them.`,
        });
      }
    }
  } else if (r.directResponse) {
    for (const f of ['route', 'fault', 'rewrite'] as const) {
      if (r[f] !== undefined) {
        issues.push({
          path: `${path}.${f}`,
          message: `A rule with a direct response cannot also have ${f}; remove one of them.`,
        });
      }
    }
  }
  if (r.mirror && r.mirrors) {
    issues.push({ path: `${path}.mirrors`, message: 'Use either mirror or mirrors, not both.' });
  }
  (r.match ?? []).forEach((m, i) =>
    issues.push(...validateMatch(m, `${path}.match[${i}]`, gatewayBound)),
  );
  issues.push(...validateWeights(r.route, `${path}.route`));
  issues.push(...validateDuration(r.timeout, `${path}.timeout`));
  issues.push(...validateRetries(r.retries, `${path}.retries`));
  issues.push(...validateFault(r.fault, `${path}.fault`));
  if (r.fault && (r.timeout !== undefined || r.retries !== undefined)) {
    issues.push(
      warning(
        `${path}.fault`,
        'Timeouts and retries are not applied on a rule that injects faults.',
      ),
    );
  }
  if (r.mirror) issues.push(...validateDestination(r.mirror, `${path}.mirror`));
  issues.push(...validatePercentage(r.mirrorPercentage, `${path}.mirrorPercentage`));
  (r.mirrors ?? []).forEach((m, i) => {
    issues.push(...validateDestination(m.destination, `${path}.mirrors[${i}].destination`));
    issues.push(...validatePercentage(m.percentage, `${path}.mirrors[${i}].percentage`));
  });
  return issues;
};

/** Whether the VS applies to sidecars (no gateways, or the reserved `mesh` gateway). */
export const isMeshBound = (vs: VirtualService): boolean =>
  !vs.spec?.gateways?.length || vs.spec.gateways.includes('mesh');

export const validateVirtualService = (vs: VirtualService): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  const spec = vs.spec ?? {};
  const hosts = spec.hosts ?? [];
  if (!spec.http?.length && !spec.tcp?.length && !spec.tls?.length) {
    issues.push({ path: 'spec.http', message: 'Add at least one HTTP, TCP or TLS route.' });
  }
  if (hosts.length === 0) {
    // A delegate VS: only http routes, reached from another VS.
    if (spec.gateways?.length) {
      issues.push({
        path: 'spec.gateways',
        message: 'A VirtualService without hosts is a delegate and cannot name gateways.',
      });
    }
    if (spec.tcp?.length || spec.tls?.length) {
      issues.push({
        path: 'spec.tcp',
        message: 'A VirtualService without hosts is a delegate and supports only HTTP routes.',
      });
    }
  }
  const meshBound = isMeshBound(vs);
  let allValid = true;
  hosts.forEach((h, i) => {
    if (h === '*' && meshBound) {
      issues.push({
        path: `spec.hosts[${i}]`,
        message: 'Host "*" is not allowed on a VirtualService for the mesh; name the service.',
      });
    } else if (!isValidHost(h)) {
      allValid = false;
      issues.push({
        path: `spec.hosts[${i}]`,
        message: `"${h}" is not a valid host. Use a service name, FQDN or *.domain.`,
      });
    }
  });
  if (allValid) {
    for (let i = 0; i < hosts.length; i++) {
      for (let j = i + 1; j < hosts.length; j++) {
        if (hostsOverlap(hosts[i], hosts[j])) {
          issues.push({
            path: `spec.hosts[${j}]`,
            message: `Host "${hosts[j]}" duplicates or overlaps "${hosts[i]}"; remove one.`,
          });
        }
      }
    }
  }
  const gatewayBound = !!spec.gateways?.some((g) => g !== 'mesh');
  const http = spec.http ?? [];
  http.forEach((r, i) => issues.push(...validateHttpRoute(r, `spec.http[${i}]`, gatewayBound)));
  // IST0130: the first rule without a match catches everything after it.
  const catchAll = http.findIndex((r) => !hasMatch(r));
  if (catchAll >= 0 && catchAll < http.length - 1) {
    for (let i = catchAll + 1; i < http.length; i++) {
      issues.push(
        warning(
          `spec.http[${i}]`,
          `This rule is never used: rule ${catchAll + 1} has no match and takes all traffic first.`,
        ),
      );
    }
  }
  return issues;
};

// ---------------------------------------------------------------------------------------------
// DestinationRule

const validateLabels = (labels: Record<string, string> | undefined, path: string) => {
  const issues: ValidationIssue[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    const p = key(path, k);
    if (k === '' || k.includes('*')) {
      issues.push({ path: p, message: 'Label keys must be non-empty and cannot contain "*".' });
    }
    if (typeof v !== 'string' || v.includes('*') || v.length > 63) {
      issues.push({
        path: p,
        message: 'Label values cannot contain "*" and are at most 63 characters.',
      });
    }
  }
  return issues;
};

export const validateConnectionPool = (
  cp: ConnectionPoolSettings | undefined,
  path: string,
): ValidationIssue[] => {
  if (cp === undefined) return [];
  if (!cp.tcp && !cp.http) {
    return [{ path, message: 'A connection pool needs TCP or HTTP settings.' }];
  }
  const issues: ValidationIssue[] = [];
  if (cp.tcp) {
    const p = `${path}.tcp`;
    issues.push(...validateCount(cp.tcp.maxConnections, `${p}.maxConnections`, 'Max connections'));
    issues.push(...validateDuration(cp.tcp.connectTimeout, `${p}.connectTimeout`));
    issues.push(...validateDuration(cp.tcp.maxConnectionDuration, `${p}.maxConnectionDuration`));
    issues.push(...validateDuration(cp.tcp.idleTimeout, `${p}.idleTimeout`, { allowZero: true }));
  }
  if (cp.http) {
    const p = `${path}.http`;
    const h = cp.http;
    issues.push(
      ...validateCount(
        h.http1MaxPendingRequests,
        `${p}.http1MaxPendingRequests`,
        'Max pending HTTP/1.1 requests',
      ),
      ...validateCount(h.http2MaxRequests, `${p}.http2MaxRequests`, 'Max HTTP/2 requests'),
      ...validateCount(
        h.maxRequestsPerConnection,
        `${p}.maxRequestsPerConnection`,
        'Max requests per connection',
      ),
      ...validateCount(h.maxRetries, `${p}.maxRetries`, 'Max retries'),
      ...validateCount(
        h.maxConcurrentStreams,
        `${p}.maxConcurrentStreams`,
        'Max concurrent streams',
      ),
      ...validateDuration(h.idleTimeout, `${p}.idleTimeout`),
    );
    if (h.useClientProtocol === true && h.h2UpgradePolicy === 'UPGRADE') {
      issues.push({
        path: `${p}.h2UpgradePolicy`,
        message: 'Upgrading to HTTP/2 conflicts with "use client protocol"; turn one off.',
      });
    }
  }
  return issues;
};

export const validateOutlierDetection = (
  od: OutlierDetection | undefined,
  path: string,
): ValidationIssue[] => {
  if (od === undefined) return [];
  const issues: ValidationIssue[] = [
    ...validateCount(od.consecutive5xxErrors, `${path}.consecutive5xxErrors`, 'Consecutive 5xx'),
    ...validateCount(
      od.consecutiveGatewayErrors,
      `${path}.consecutiveGatewayErrors`,
      'Consecutive gateway errors',
    ),
    ...validateCount(
      od.consecutiveLocalOriginFailures,
      `${path}.consecutiveLocalOriginFailures`,
      'Consecutive local-origin failures',
    ),
    ...validateCount(od.consecutiveErrors, `${path}.consecutiveErrors`, 'Consecutive errors'),
    ...validateDuration(od.interval, `${path}.interval`),
    ...validateDuration(od.baseEjectionTime, `${path}.baseEjectionTime`),
    ...validateCount(
      od.maxEjectionPercent,
      `${path}.maxEjectionPercent`,
      'Max ejection percent',
      0,
      100,
    ),
    ...validateCount(od.minHealthPercent, `${path}.minHealthPercent`, 'Min health percent', 0, 100),
  ];
  if (od.consecutiveErrors !== undefined) {
    issues.push(
      warning(
        `${path}.consecutiveErrors`,
        'consecutiveErrors is deprecated; use consecutive5xxErrors instead.',
      ),
    );
  }
  if ((od.consecutiveLocalOriginFailures ?? 0) > 0 && od.splitExternalLocalOriginErrors !== true) {
    issues.push({
      path: `${path}.splitExternalLocalOriginErrors`,
      message: 'Local-origin failures count only when splitExternalLocalOriginErrors is on.',
    });
  }
  // 5xx errors include gateway errors; Envoy's default threshold is 5 when unset.
  if (
    od.consecutiveGatewayErrors !== undefined &&
    od.consecutiveGatewayErrors >= (od.consecutive5xxErrors ?? 5) &&
    (od.consecutive5xxErrors ?? 5) > 0
  ) {
    issues.push(
      warning(
        `${path}.consecutiveGatewayErrors`,
        'Gateway errors are also 5xx errors: set this below consecutive 5xx errors or it has no effect.',
      ),
    );
  }
  return issues;
};

const LB_SIMPLE = [
  'UNSPECIFIED',
  'LEAST_CONN',
  'RANDOM',
  'PASSTHROUGH',
  'ROUND_ROBIN',
  'LEAST_REQUEST',
];

export const validateTrafficPolicy = (
  tp: TrafficPolicy | undefined,
  path: string,
): ValidationIssue[] => {
  if (tp === undefined) return [];
  if (Object.keys(tp).length === 0) {
    return [{ path, message: 'A traffic policy needs at least one setting; remove it if empty.' }];
  }
  const issues: ValidationIssue[] = [
    ...validateConnectionPool(tp.connectionPool, `${path}.connectionPool`),
    ...validateOutlierDetection(tp.outlierDetection, `${path}.outlierDetection`),
  ];
  const lb = tp.loadBalancer;
  if (lb) {
    if (lb.simple !== undefined && lb.consistentHash !== undefined) {
      issues.push({
        path: `${path}.loadBalancer`,
        message: 'Choose either a simple load balancer or consistent hashing, not both.',
      });
    }
    if (lb.simple !== undefined && !LB_SIMPLE.includes(lb.simple)) {
      issues.push({
        path: `${path}.loadBalancer.simple`,
        message: `Load balancer must be one of ${LB_SIMPLE.join(', ')}.`,
      });
    }
  }
  if (tp.tunnel !== undefined && tp.proxyProtocol !== undefined) {
    issues.push({
      path: `${path}.tunnel`,
      message: 'Tunnel and proxy protocol cannot be used together.',
    });
  }
  (tp.portLevelSettings ?? []).forEach((pls, i) => {
    const p = `${path}.portLevelSettings[${i}]`;
    const { port, ...rest } = pls;
    if (port?.number === undefined) {
      issues.push({ path: `${p}.port`, message: 'Port-level settings need a port number.' });
    } else {
      issues.push(...validateCount(port.number, `${p}.port.number`, 'Port', 1, 65535));
    }
    if (Object.keys(rest).length === 0) {
      issues.push({ path: p, message: 'Port-level settings need at least one policy.' });
    } else {
      issues.push(...validateTrafficPolicy(rest, p));
    }
  });
  // TLS settings are not written by our forms; the webhook's TLS rules are not mirrored here.
  return issues;
};

export const validateDestinationRule = (dr: DestinationRule): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  // The CRD does not require spec (nor its host): read what is there.
  const spec: Partial<DestinationRuleSpec> = dr.spec ?? {};
  if (!spec.host) {
    issues.push({ path: 'spec.host', message: 'Enter the host this rule applies to.' });
  } else if (!isValidHost(spec.host)) {
    issues.push({
      path: 'spec.host',
      message: `"${spec.host}" is not a valid host. Use a service name or its FQDN.`,
    });
  }
  issues.push(...validateTrafficPolicy(spec.trafficPolicy, 'spec.trafficPolicy'));
  const seen = new Map<string, number>();
  (spec.subsets ?? []).forEach((s, i) => {
    const p = `spec.subsets[${i}]`;
    if (!s.name) {
      issues.push({ path: `${p}.name`, message: 'Each subset needs a name.' });
    } else if (!isDns1123Label(s.name)) {
      issues.push({
        path: `${p}.name`,
        message: `Subset name "${s.name}" must be a DNS-1123 label: lowercase letters, digits and "-", at most 63.`,
      });
    } else if (seen.has(s.name)) {
      issues.push({
        path: `${p}.name`,
        message: `Subset "${s.name}" is defined twice (also subset ${(seen.get(s.name) ?? 0) + 1}); rename or remove one.`,
      });
    }
    if (s.name && !seen.has(s.name)) seen.set(s.name, i);
    issues.push(...validateLabels(s.labels, `${p}.labels`));
    if (!s.labels || Object.keys(s.labels).length === 0) {
      issues.push(
        warning(`${p}.labels`, 'This subset has no labels, so it selects every pod of the host.'),
      );
    }
    issues.push(...validateTrafficPolicy(s.trafficPolicy, `${p}.trafficPolicy`));
  });
  if (spec.workloadSelector) {
    issues.push(...validateLabels(spec.workloadSelector.matchLabels, 'spec.workloadSelector'));
    const own = dr.metadata?.namespace;
    (spec.exportTo ?? []).forEach((e, i) => {
      if (e !== '.' && e !== own) {
        issues.push({
          path: `spec.exportTo[${i}]`,
          message: 'A rule with a workload selector can only be exported to its own namespace.',
        });
      }
    });
  }
  return issues;
};

// ---------------------------------------------------------------------------------------------
// Cross-object checks

export type CrossCheckIssue = ValidationIssue & { kind: 'VirtualService' | 'DestinationRule' };

/**
 * Normalises a host to its FQDN so that `reviews`, `reviews.bookinfo` and
 * `reviews.bookinfo.svc.cluster.local` compare equal. Short names resolve in the object's
 * namespace. Assumes the cluster domain `cluster.local`.
 */
export const fqdn = (host: string, namespace?: string): string => {
  if (host.includes('*')) return host;
  const parts = host.split('.');
  if (parts.length === 1 && namespace) return `${host}.${namespace}.svc.cluster.local`;
  if (parts.length === 2) return `${host}.svc.cluster.local`;
  if (parts.length === 3 && parts[2] === 'svc') return `${host}.cluster.local`;
  return host;
};

type DestinationRef = { destination: Destination; path: string };

const vsDestinations = (vs: VirtualService): DestinationRef[] => {
  const refs: DestinationRef[] = [];
  (vs.spec?.http ?? []).forEach((r, i) => {
    (r.route ?? []).forEach((d, j) =>
      refs.push({ destination: d.destination, path: `spec.http[${i}].route[${j}].destination` }),
    );
    if (r.mirror) refs.push({ destination: r.mirror, path: `spec.http[${i}].mirror` });
    (r.mirrors ?? []).forEach((m, j) =>
      refs.push({ destination: m.destination, path: `spec.http[${i}].mirrors[${j}].destination` }),
    );
  });
  for (const kind of ['tcp', 'tls'] as const) {
    (vs.spec?.[kind] ?? []).forEach((r, i) => {
      (r.route ?? []).forEach((d, j) =>
        refs.push({
          destination: d.destination,
          path: `spec.${kind}[${i}].route[${j}].destination`,
        }),
      );
    });
  }
  return refs;
};

/**
 * Checks a VirtualService against the DestinationRule of one host: every subset a route names
 * must be defined (KIA1107 / IST0101: otherwise requests fail with 503), and subsets nothing
 * routes to are reported as a warning (another VirtualService may still use them).
 */
export const crossCheck = (vs: VirtualService, dr?: DestinationRule): CrossCheckIssue[] => {
  const issues: CrossCheckIssue[] = [];
  const vsNs = vs.metadata?.namespace;
  const drHost = dr?.spec ? fqdn(dr.spec.host, dr.metadata?.namespace) : undefined;
  // Without a DR, subsets of the VS's own hosts are the ones known to be missing.
  const ownHosts = new Set((vs.spec?.hosts ?? []).map((h) => fqdn(h, vsNs)));
  const defined = new Set((dr?.spec?.subsets ?? []).map((s) => s.name));
  const used = new Set<string>();
  for (const { destination, path } of vsDestinations(vs)) {
    if (!destination?.subset) continue;
    const sameHost = drHost !== undefined && fqdn(destination.host, vsNs) === drHost;
    if (sameHost) used.add(destination.subset);
    const missing =
      dr === undefined
        ? ownHosts.has(fqdn(destination.host, vsNs))
        : sameHost && !defined.has(destination.subset);
    if (missing) {
      issues.push({
        kind: 'VirtualService',
        path: `${path}.subset`,
        message: `Subset "${destination.subset}" is not defined in the DestinationRule for ${destination.host}; add it there first or requests will fail with 503.`,
      });
    }
  }
  if (dr) {
    (dr.spec?.subsets ?? []).forEach((s, i) => {
      if (!used.has(s.name)) {
        issues.push({
          kind: 'DestinationRule',
          path: `spec.subsets[${i}]`,
          message: `No route in VirtualService ${vs.metadata?.name ?? ''} sends traffic to subset "${s.name}".`,
          severity: 'warning',
        });
      }
    });
  }
  return issues;
};

/**
 * The weights a user asks for in the split form. Checked on the request itself, not only on the
 * written route: a route left with one destination ignores its weight and sends it everything,
 * which is the opposite of "all weights 0".
 */
export const validateRequestedWeights = (weights: Record<string, number>): ValidationIssue[] => {
  const values = Object.values(weights);
  const issues: ValidationIssue[] = [];
  for (const [subset, w] of Object.entries(weights)) {
    if (!Number.isInteger(w) || w < 0 || w > 100) {
      issues.push({
        path: `weights.${subset}`,
        message: `The weight of ${subset} must be a whole number from 0 to 100.`,
      });
    }
  }
  if (values.length > 0 && values.every((w) => w === 0)) {
    issues.push({
      path: 'weights',
      message: 'Give at least one version a weight above 0: all weights are 0.',
    });
  }
  return issues;
};
