/**
 * Client-side checks mirroring istiod's validating webhook (and, marked as warnings, the
 * analyzers and Kiali checks) for the VirtualService and DestinationRule fields our forms write.
 * Source of the rules: shared/reference/istio-api-rules.md (§3–§5, §10). Where the reference is
 * silent, the check is the stricter reading and a comment says so: a form may then refuse
 * something istiod would accept, but never let through something istiod rejects.
 *
 * Every finding is an Issue: a code (`traffic.*`, and the shared `duration.*` and `regex.*` of
 * ../primitives), its parameters and its path in the object, never a sentence. The words are in
 * src/components/issues/trafficIssueWords.ts.
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
import { issue, warning } from '../issues';
import type { Issue, IssuePath } from '../issues';
import { isDnsLabel, isHeaderName, isValidHost, re2Problem, validateDuration } from '../primitives';

const INT32_MAX = 2147483647;

// ---------------------------------------------------------------------------------------------
// Numbers

/** `{value}` percentages (fault, mirror): 0, or between 0.0001 and 100. */
export const validatePercentage = (p: Percent | undefined, path: IssuePath): Issue[] => {
  if (p === undefined) return [];
  const v = p?.value;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    return [issue('traffic.percent.invalid', [...path, 'value'])];
  }
  if (v !== 0 && (v < 0.0001 || v > 100)) {
    return [issue('traffic.percent.range', [...path, 'value'])];
  }
  return [];
};

/**
 * A whole number in a range. `field` names the field for the words (`maxConnections`, `port`…):
 * an identifier, worded by trafficIssueWords.
 */
const validateCount = (
  value: unknown,
  path: IssuePath,
  field: string,
  min = 0,
  max = INT32_MAX,
): Issue[] => {
  if (value === undefined) return [];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return [issue('traffic.number.whole', path, { field })];
  }
  if (value < min || value > max) {
    return [
      max === INT32_MAX
        ? issue('traffic.number.min', path, { field, min })
        : issue('traffic.number.range', path, { field, min, max }),
    ];
  }
  return [];
};

// ---------------------------------------------------------------------------------------------
// Hosts

/** Whether two host patterns overlap (one equals or is covered by the other's wildcard). */
export const hostsOverlap = (a: string, b: string): boolean => {
  if (a === b || a === '*' || b === '*') return true;
  const covers = (wild: string, other: string) =>
    wild.startsWith('*.') && (other.endsWith(wild.slice(1)) || other === wild);
  return covers(a, b) || covers(b, a);
};

const validateDestination = (d: Destination | undefined, path: IssuePath): Issue[] => {
  if (!d || typeof d.host !== 'string' || d.host === '') {
    return [issue('traffic.destination.host-missing', [...path, 'host'])];
  }
  const issues: Issue[] = [];
  if (d.host === '*') {
    issues.push(issue('traffic.destination.host-wildcard', [...path, 'host']));
  } else if (!isValidHost(d.host)) {
    issues.push(issue('traffic.destination.host-invalid', [...path, 'host'], { host: d.host }));
  }
  if (d.subset !== undefined && !isDnsLabel(d.subset)) {
    issues.push(issue('traffic.destination.subset-invalid', [...path, 'subset']));
  }
  if (d.port?.number !== undefined) {
    issues.push(...validateCount(d.port.number, [...path, 'port', 'number'], 'port', 1, 65535));
  }
  return issues;
};

// ---------------------------------------------------------------------------------------------
// StringMatch

const REGEX_MAX = 1024;

export const validateStringMatch = (
  m: StringMatch | undefined,
  path: IssuePath,
  opts: { allowEmptyPrefix?: boolean } = {},
): Issue[] => {
  if (m === undefined) return [];
  const set = (['exact', 'prefix', 'regex'] as const).filter((k) => m?.[k] !== undefined);
  if (set.length !== 1) return [issue('traffic.string-match.one-of', path)];
  if (m.prefix !== undefined && m.prefix === '' && !opts.allowEmptyPrefix) {
    return [issue('traffic.string-match.empty-prefix', [...path, 'prefix'])];
  }
  if (m.regex !== undefined) {
    const at = [...path, 'regex'];
    if (m.regex === '') return [issue('traffic.string-match.empty-regex', at)];
    if (m.regex.length > REGEX_MAX) {
      return [issue('traffic.string-match.regex-too-long', at, { max: REGEX_MAX })];
    }
    const problem = re2Problem(m.regex);
    if (problem) return [issue(problem.code, at, problem.params)];
  }
  return [];
};

const JWT_CLAIM_PREFIX = '@request.auth.claims.';

const validateMatch = (m: HTTPMatchRequest, path: IssuePath, gatewayBound: boolean): Issue[] => {
  const issues: Issue[] = [];
  issues.push(...validateStringMatch(m.uri, [...path, 'uri'], { allowEmptyPrefix: true }));
  for (const f of ['scheme', 'method', 'authority'] as const) {
    issues.push(...validateStringMatch(m[f], [...path, f]));
  }
  for (const f of ['headers', 'withoutHeaders', 'queryParams'] as const) {
    for (const [name, sm] of Object.entries(m[f] ?? {})) {
      const p = [...path, f, name];
      if (f !== 'queryParams') {
        if (name.startsWith(JWT_CLAIM_PREFIX)) {
          if (!gatewayBound) issues.push(issue('traffic.match.jwt-claim-needs-gateway', p));
        } else if (!isHeaderName(name)) {
          // Conservative reading of the webhook's header-name check: letters, digits, "-", "_".
          issues.push(issue('traffic.match.header-name', p, { name }));
        }
      } else if (name === '') {
        issues.push(issue('traffic.match.query-name-empty', p));
      }
      issues.push(...validateStringMatch(sm, p));
    }
  }
  if (m.sourceNamespace !== undefined && !isDnsLabel(m.sourceNamespace)) {
    issues.push(issue('traffic.match.source-namespace', [...path, 'sourceNamespace']));
  }
  issues.push(...validateCount(m.port, [...path, 'port'], 'port', 1, 65535));
  return issues;
};

// ---------------------------------------------------------------------------------------------
// Routes: weights, retries, timeout, fault, mirror

export const validateWeights = (
  route: HTTPRouteDestination[] | undefined,
  path: IssuePath,
): Issue[] => {
  if (!route || route.length === 0) return [];
  const issues: Issue[] = [];
  let total = 0;
  route.forEach((d, i) => {
    issues.push(...validateDestination(d.destination, [...path, i, 'destination']));
    if (d.weight === undefined) return;
    if (typeof d.weight !== 'number' || !Number.isInteger(d.weight)) {
      issues.push(issue('traffic.weight.not-whole', [...path, i, 'weight']));
    } else if (d.weight < 0 || d.weight > INT32_MAX) {
      issues.push(issue('traffic.weight.negative', [...path, i, 'weight']));
    } else {
      total += d.weight;
    }
  });
  if (route.length > 1 && total === 0 && issues.length === 0) {
    issues.push(issue('traffic.weight.all-zero', path));
  }
  // Not an error (a single destination gets all traffic whatever its weight), but a weight
  // other than 100 there usually means the user expected a share (KIA1104).
  if (route.length === 1 && route[0].weight !== undefined && route[0].weight !== 100) {
    issues.push(warning('traffic.weight.single-ignored', [...path, 0, 'weight']));
  }
  if (route.length > 1) {
    route.forEach((d, i) => {
      if (d.weight === undefined) {
        issues.push(warning('traffic.weight.missing', [...path, i, 'weight']));
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

export const validateRetries = (r: HTTPRetry | undefined, path: IssuePath): Issue[] => {
  if (r === undefined) return [];
  const issues = validateCount(r.attempts, [...path, 'attempts'], 'attempts');
  if (r.attempts === 0 || r.attempts === undefined) {
    // The reference states the rule for attempts == 0; an unset attempts is the same value in
    // proto3, so we apply it there too.
    for (const f of ['perTryTimeout', 'retryOn', 'retryRemoteLocalities'] as const) {
      if (r[f] !== undefined) issues.push(issue('traffic.retries.disabled-setting', [...path, f]));
    }
  }
  issues.push(...validateDuration(r.perTryTimeout, [...path, 'perTryTimeout']));
  if (r.retryOn !== undefined) {
    for (const raw of r.retryOn.split(',')) {
      const token = raw.trim();
      // Numeric tokens are status codes; the reference does not give a range, we require HTTP's.
      const ok = /^\d+$/.test(token)
        ? Number(token) >= 100 && Number(token) <= 599
        : RETRY_ON_VALUES.includes(token);
      if (!ok) {
        issues.push(
          token === ''
            ? issue('traffic.retries.retry-on-empty', [...path, 'retryOn'])
            : issue('traffic.retries.retry-on-unknown', [...path, 'retryOn'], {
                token,
                allowed: RETRY_ON_VALUES.join(', '),
              }),
        );
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

export const validateFault = (f: HTTPFaultInjection | undefined, path: IssuePath): Issue[] => {
  if (f === undefined) return [];
  const issues: Issue[] = [];
  if (!f.delay && !f.abort) return [issue('traffic.fault.empty', path)];
  if (f.delay) {
    const p = [...path, 'delay'];
    if (f.delay.exponentialDelay !== undefined) {
      issues.push(issue('traffic.fault.exponential-delay', [...p, 'exponentialDelay']));
    }
    if (f.delay.fixedDelay === undefined) {
      issues.push(issue('traffic.fault.delay-missing', [...p, 'fixedDelay']));
    }
    issues.push(...validateDuration(f.delay.fixedDelay, [...p, 'fixedDelay']));
    issues.push(...validatePercentage(f.delay.percentage, [...p, 'percentage']));
    issues.push(...validateCount(f.delay.percent, [...p, 'percent'], 'percent', 0, 100));
  }
  if (f.abort) {
    const p = [...path, 'abort'];
    if (f.abort.http2Error !== undefined) {
      issues.push(issue('traffic.fault.http2-error', [...p, 'http2Error']));
    }
    if (f.abort.httpStatus !== undefined && f.abort.grpcStatus !== undefined) {
      issues.push(issue('traffic.fault.both-statuses', p));
    }
    if (f.abort.httpStatus !== undefined) {
      issues.push(
        ...validateCount(f.abort.httpStatus, [...p, 'httpStatus'], 'httpStatus', 200, 599),
      );
    }
    if (f.abort.grpcStatus !== undefined && !GRPC_STATUS_NAMES.includes(f.abort.grpcStatus)) {
      issues.push(
        issue('traffic.fault.grpc-status', [...p, 'grpcStatus'], { status: f.abort.grpcStatus }),
      );
    }
    if (
      f.abort.httpStatus === undefined &&
      f.abort.grpcStatus === undefined &&
      !f.abort.http2Error
    ) {
      // The reference marks this as a webhook warning, not an error.
      issues.push(warning('traffic.fault.abort-no-status', p));
    }
    issues.push(...validatePercentage(f.abort.percentage, [...p, 'percentage']));
  }
  return issues;
};

const hasMatch = (r: HTTPRoute): boolean => Array.isArray(r.match) && r.match.length > 0;

export const validateHttpRoute = (
  r: HTTPRoute,
  path: IssuePath,
  gatewayBound: boolean,
): Issue[] => {
  const issues: Issue[] = [];
  if (!r.route?.length && !r.redirect && !r.directResponse && !r.delegate) {
    issues.push(issue('traffic.rule.no-action', [...path, 'route']));
  }
  if (r.redirect) {
    for (const f of ['route', 'fault', 'rewrite', 'directResponse'] as const) {
      if (r[f] !== undefined) {
        issues.push(issue('traffic.rule.redirect-conflict', [...path, f], { field: f }));
      }
    }
  } else if (r.directResponse) {
    for (const f of ['route', 'fault', 'rewrite'] as const) {
      if (r[f] !== undefined) {
        issues.push(issue('traffic.rule.direct-response-conflict', [...path, f], { field: f }));
      }
    }
  }
  if (r.mirror && r.mirrors)
    issues.push(issue('traffic.rule.mirror-and-mirrors', [...path, 'mirrors']));
  (r.match ?? []).forEach((m, i) =>
    issues.push(...validateMatch(m, [...path, 'match', i], gatewayBound)),
  );
  issues.push(...validateWeights(r.route, [...path, 'route']));
  issues.push(...validateDuration(r.timeout, [...path, 'timeout']));
  issues.push(...validateRetries(r.retries, [...path, 'retries']));
  issues.push(...validateFault(r.fault, [...path, 'fault']));
  if (r.fault && (r.timeout !== undefined || r.retries !== undefined)) {
    issues.push(warning('traffic.rule.fault-ignores-resilience', [...path, 'fault']));
  }
  if (r.mirror) issues.push(...validateDestination(r.mirror, [...path, 'mirror']));
  issues.push(...validatePercentage(r.mirrorPercentage, [...path, 'mirrorPercentage']));
  (r.mirrors ?? []).forEach((m, i) => {
    issues.push(...validateDestination(m.destination, [...path, 'mirrors', i, 'destination']));
    issues.push(...validatePercentage(m.percentage, [...path, 'mirrors', i, 'percentage']));
  });
  return issues;
};

/** Whether the VS applies to sidecars (no gateways, or the reserved `mesh` gateway). */
export const isMeshBound = (vs: VirtualService): boolean =>
  !vs.spec?.gateways?.length || vs.spec.gateways.includes('mesh');

export const validateVirtualService = (vs: VirtualService): Issue[] => {
  const issues: Issue[] = [];
  const spec = vs.spec ?? {};
  const hosts = spec.hosts ?? [];
  if (!spec.http?.length && !spec.tcp?.length && !spec.tls?.length) {
    issues.push(issue('traffic.vs.no-routes', ['spec', 'http']));
  }
  if (hosts.length === 0) {
    // A delegate VS: only http routes, reached from another VS.
    if (spec.gateways?.length)
      issues.push(issue('traffic.vs.delegate-gateways', ['spec', 'gateways']));
    if (spec.tcp?.length || spec.tls?.length) {
      issues.push(issue('traffic.vs.delegate-http-only', ['spec', 'tcp']));
    }
  }
  const meshBound = isMeshBound(vs);
  let allValid = true;
  hosts.forEach((h, i) => {
    if (h === '*' && meshBound) {
      issues.push(issue('traffic.vs.mesh-wildcard-host', ['spec', 'hosts', i]));
    } else if (!isValidHost(h)) {
      allValid = false;
      issues.push(issue('traffic.vs.host-invalid', ['spec', 'hosts', i], { host: h }));
    }
  });
  if (allValid) {
    for (let i = 0; i < hosts.length; i++) {
      for (let j = i + 1; j < hosts.length; j++) {
        if (hostsOverlap(hosts[i], hosts[j])) {
          issues.push(
            issue('traffic.vs.host-overlap', ['spec', 'hosts', j], {
              host: hosts[j],
              other: hosts[i],
            }),
          );
        }
      }
    }
  }
  const gatewayBound = !!spec.gateways?.some((g) => g !== 'mesh');
  const http = spec.http ?? [];
  http.forEach((r, i) => issues.push(...validateHttpRoute(r, ['spec', 'http', i], gatewayBound)));
  // IST0130: the first rule without a match catches everything after it.
  const catchAll = http.findIndex((r) => !hasMatch(r));
  if (catchAll >= 0 && catchAll < http.length - 1) {
    for (let i = catchAll + 1; i < http.length; i++) {
      // `rule` counts from 1, as the forms number rules.
      issues.push(warning('traffic.rule.unreachable', ['spec', 'http', i], { rule: catchAll + 1 }));
    }
  }
  return issues;
};

// ---------------------------------------------------------------------------------------------
// DestinationRule

const validateLabels = (labels: Record<string, string> | undefined, path: IssuePath): Issue[] => {
  const issues: Issue[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    const p = [...path, k];
    if (k === '' || k.includes('*')) issues.push(issue('traffic.labels.key-invalid', p));
    if (typeof v !== 'string' || v.includes('*') || v.length > 63) {
      issues.push(issue('traffic.labels.value-invalid', p));
    }
  }
  return issues;
};

export const validateConnectionPool = (
  cp: ConnectionPoolSettings | undefined,
  path: IssuePath,
): Issue[] => {
  if (cp === undefined) return [];
  if (!cp.tcp && !cp.http) return [issue('traffic.pool.empty', path)];
  const issues: Issue[] = [];
  const count = (obj: object, p: IssuePath, field: string) =>
    validateCount((obj as Record<string, unknown>)[field], [...p, field], field);
  if (cp.tcp) {
    const p = [...path, 'tcp'];
    issues.push(...count(cp.tcp, p, 'maxConnections'));
    issues.push(...validateDuration(cp.tcp.connectTimeout, [...p, 'connectTimeout']));
    issues.push(...validateDuration(cp.tcp.maxConnectionDuration, [...p, 'maxConnectionDuration']));
    issues.push(
      ...validateDuration(cp.tcp.idleTimeout, [...p, 'idleTimeout'], { allowZero: true }),
    );
  }
  if (cp.http) {
    const p = [...path, 'http'];
    const h = cp.http;
    issues.push(
      ...count(h, p, 'http1MaxPendingRequests'),
      ...count(h, p, 'http2MaxRequests'),
      ...count(h, p, 'maxRequestsPerConnection'),
      ...count(h, p, 'maxRetries'),
      ...count(h, p, 'maxConcurrentStreams'),
      ...validateDuration(h.idleTimeout, [...p, 'idleTimeout']),
    );
    if (h.useClientProtocol === true && h.h2UpgradePolicy === 'UPGRADE') {
      issues.push(issue('traffic.pool.h2-upgrade-conflict', [...p, 'h2UpgradePolicy']));
    }
  }
  return issues;
};

export const validateOutlierDetection = (
  od: OutlierDetection | undefined,
  path: IssuePath,
): Issue[] => {
  if (od === undefined) return [];
  const count = (field: keyof OutlierDetection, min?: number, max?: number) =>
    validateCount(od[field], [...path, field], field, min, max);
  const issues: Issue[] = [
    ...count('consecutive5xxErrors'),
    ...count('consecutiveGatewayErrors'),
    ...count('consecutiveLocalOriginFailures'),
    ...count('consecutiveErrors'),
    ...validateDuration(od.interval, [...path, 'interval']),
    ...validateDuration(od.baseEjectionTime, [...path, 'baseEjectionTime']),
    ...count('maxEjectionPercent', 0, 100),
    ...count('minHealthPercent', 0, 100),
  ];
  if (od.consecutiveErrors !== undefined) {
    issues.push(
      warning('traffic.outlier.consecutive-errors-deprecated', [...path, 'consecutiveErrors']),
    );
  }
  if ((od.consecutiveLocalOriginFailures ?? 0) > 0 && od.splitExternalLocalOriginErrors !== true) {
    issues.push(
      issue('traffic.outlier.local-origin-needs-split', [
        ...path,
        'splitExternalLocalOriginErrors',
      ]),
    );
  }
  // 5xx errors include gateway errors; Envoy's default threshold is 5 when unset.
  if (
    od.consecutiveGatewayErrors !== undefined &&
    od.consecutiveGatewayErrors >= (od.consecutive5xxErrors ?? 5) &&
    (od.consecutive5xxErrors ?? 5) > 0
  ) {
    issues.push(
      warning('traffic.outlier.gateway-errors-ineffective', [...path, 'consecutiveGatewayErrors']),
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

export const validateTrafficPolicy = (tp: TrafficPolicy | undefined, path: IssuePath): Issue[] => {
  if (tp === undefined) return [];
  if (Object.keys(tp).length === 0) return [issue('traffic.policy.empty', path)];
  const issues: Issue[] = [
    ...validateConnectionPool(tp.connectionPool, [...path, 'connectionPool']),
    ...validateOutlierDetection(tp.outlierDetection, [...path, 'outlierDetection']),
  ];
  const lb = tp.loadBalancer;
  if (lb) {
    if (lb.simple !== undefined && lb.consistentHash !== undefined) {
      issues.push(issue('traffic.policy.lb-both', [...path, 'loadBalancer']));
    }
    if (lb.simple !== undefined && !LB_SIMPLE.includes(lb.simple)) {
      issues.push(
        issue('traffic.policy.lb-unknown', [...path, 'loadBalancer', 'simple'], {
          allowed: LB_SIMPLE.join(', '),
        }),
      );
    }
  }
  if (tp.tunnel !== undefined && tp.proxyProtocol !== undefined) {
    issues.push(issue('traffic.policy.tunnel-and-proxy-protocol', [...path, 'tunnel']));
  }
  (tp.portLevelSettings ?? []).forEach((pls, i) => {
    const p = [...path, 'portLevelSettings', i];
    const { port, ...rest } = pls;
    if (port?.number === undefined) {
      issues.push(issue('traffic.policy.port-missing', [...p, 'port']));
    } else {
      issues.push(...validateCount(port.number, [...p, 'port', 'number'], 'port', 1, 65535));
    }
    if (Object.keys(rest).length === 0) {
      issues.push(issue('traffic.policy.port-empty', p));
    } else {
      issues.push(...validateTrafficPolicy(rest, p));
    }
  });
  // TLS settings are not written by our forms; the webhook's TLS rules are not mirrored here.
  return issues;
};

export const validateDestinationRule = (dr: DestinationRule): Issue[] => {
  const issues: Issue[] = [];
  // The CRD does not require spec (nor its host): read what is there.
  const spec: Partial<DestinationRuleSpec> = dr.spec ?? {};
  if (!spec.host) {
    issues.push(issue('traffic.dr.host-missing', ['spec', 'host']));
  } else if (!isValidHost(spec.host)) {
    issues.push(issue('traffic.dr.host-invalid', ['spec', 'host'], { host: spec.host }));
  }
  issues.push(...validateTrafficPolicy(spec.trafficPolicy, ['spec', 'trafficPolicy']));
  const seen = new Map<string, number>();
  (spec.subsets ?? []).forEach((s, i) => {
    const p = ['spec', 'subsets', i];
    if (!s.name) {
      issues.push(issue('traffic.subset.name-missing', [...p, 'name']));
    } else if (!isDnsLabel(s.name)) {
      issues.push(issue('traffic.subset.name-invalid', [...p, 'name'], { name: s.name }));
    } else if (seen.has(s.name)) {
      // `other` counts from 1, as a list of subsets is read.
      issues.push(
        issue('traffic.subset.duplicate', [...p, 'name'], {
          name: s.name,
          other: (seen.get(s.name) ?? 0) + 1,
        }),
      );
    }
    if (s.name && !seen.has(s.name)) seen.set(s.name, i);
    issues.push(...validateLabels(s.labels, [...p, 'labels']));
    if (!s.labels || Object.keys(s.labels).length === 0) {
      issues.push(warning('traffic.subset.no-labels', [...p, 'labels']));
    }
    issues.push(...validateTrafficPolicy(s.trafficPolicy, [...p, 'trafficPolicy']));
  });
  if (spec.workloadSelector) {
    issues.push(...validateLabels(spec.workloadSelector.matchLabels, ['spec', 'workloadSelector']));
    const own = dr.metadata?.namespace;
    (spec.exportTo ?? []).forEach((e, i) => {
      if (e !== '.' && e !== own) {
        issues.push(issue('traffic.dr.export-own-namespace', ['spec', 'exportTo', i]));
      }
    });
  }
  return issues;
};

// ---------------------------------------------------------------------------------------------
// Cross-object checks

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

type DestinationRef = { destination: Destination; path: IssuePath };

const vsDestinations = (vs: VirtualService): DestinationRef[] => {
  const refs: DestinationRef[] = [];
  (vs.spec?.http ?? []).forEach((r, i) => {
    (r.route ?? []).forEach((d, j) =>
      refs.push({
        destination: d.destination,
        path: ['spec', 'http', i, 'route', j, 'destination'],
      }),
    );
    if (r.mirror) refs.push({ destination: r.mirror, path: ['spec', 'http', i, 'mirror'] });
    (r.mirrors ?? []).forEach((m, j) =>
      refs.push({
        destination: m.destination,
        path: ['spec', 'http', i, 'mirrors', j, 'destination'],
      }),
    );
  });
  for (const kind of ['tcp', 'tls'] as const) {
    (vs.spec?.[kind] ?? []).forEach((r, i) => {
      (r.route ?? []).forEach((d, j) =>
        refs.push({
          destination: d.destination,
          path: ['spec', kind, i, 'route', j, 'destination'],
        }),
      );
    });
  }
  return refs;
};

/**
 * Checks a VirtualService against the DestinationRule of one host: every subset a route names
 * must be defined (KIA1107 / IST0101: otherwise requests fail with 503), and subsets nothing
 * routes to are reported as a warning (another VirtualService may still use them). Each issue
 * names its object (`VirtualService` or `DestinationRule`).
 */
export const crossCheck = (vs: VirtualService, dr?: DestinationRule): Issue[] => {
  const issues: Issue[] = [];
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
        ...issue('traffic.subset.undefined', [...path, 'subset'], {
          subset: destination.subset,
          host: destination.host,
        }),
        object: 'VirtualService',
      });
    }
  }
  if (dr) {
    (dr.spec?.subsets ?? []).forEach((s, i) => {
      if (!used.has(s.name)) {
        issues.push({
          ...warning('traffic.subset.unused', ['spec', 'subsets', i], {
            subset: s.name,
            virtualService: vs.metadata?.name ?? '',
          }),
          object: 'DestinationRule',
        });
      }
    });
  }
  return issues;
};

/**
 * The weights a user asks for in the split form. Checked on the request itself, not only on the
 * written route: a route left with one destination ignores its weight and sends it everything,
 * which is the opposite of "all weights 0". Paths are the form's: `['weights', subset]`.
 */
export const validateRequestedWeights = (weights: Record<string, number>): Issue[] => {
  const values = Object.values(weights);
  const issues: Issue[] = [];
  for (const [subset, w] of Object.entries(weights)) {
    if (!Number.isInteger(w) || w < 0 || w > 100) {
      issues.push(issue('split.weight-range', ['weights', subset], { subset }));
    }
  }
  if (values.length > 0 && values.every((w) => w === 0)) {
    issues.push(issue('split.all-zero', ['weights']));
  }
  return issues;
};
