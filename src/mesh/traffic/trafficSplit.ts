/**
 * Edits VirtualServices and DestinationRules for the traffic forms. Every function takes the
 * current object, changes only the fields its form owns and returns a copy; everything else
 * (other rules, matches, rewrites, headers, annotations, labels, metadata including
 * resourceVersion, fields this code does not know) is carried over untouched. Inputs are never
 * mutated.
 */
import { apiVersionOf, atVersion, DestinationRuleModel, VirtualServiceModel } from '../../models';
import type {
  ConnectionPoolSettings,
  Destination,
  DestinationRule,
  HTTPFaultInjection,
  HTTPMatchRequest,
  HTTPRetry,
  HTTPRoute,
  HTTPRouteDestination,
  OutlierDetection,
  Subset,
  TrafficPolicy,
  VirtualService,
  WithSpec,
} from '../../models';
import { issue } from '../issues';
import type { Issue } from '../issues';
import { clone } from '../primitives';
import { fqdn } from './validation';

/**
 * Thrown when the existing object has a shape the form cannot edit without losing something.
 * Carries what to tell the user as an issue (a code, never a sentence); the message is the code,
 * for logs.
 */
export class RoutingEditError extends Error {
  constructor(readonly issue: Issue) {
    super(issue.code);
    this.name = 'RoutingEditError';
  }
}

const hasMatch = (r: HTTPRoute): boolean => Array.isArray(r.match) && r.match.length > 0;

/** A copy to edit. The CRD does not require spec: a VirtualService without one starts empty. */
const editableVs = (vs: VirtualService): WithSpec<VirtualService> => {
  const out = clone(vs);
  return { ...out, spec: out.spec ?? {} };
};

/** A copy to edit. A DestinationRule without spec has no host, and the form cannot invent one. */
const editableDr = (dr: DestinationRule): WithSpec<DestinationRule> => {
  const out = clone(dr);
  if (!out.spec) {
    throw new RoutingEditError({
      ...issue('traffic.dr.no-spec', ['spec'], { name: dr.metadata?.name ?? '' }),
      object: 'DestinationRule',
    });
  }
  return { ...out, spec: out.spec };
};

/** The service name in a host: `reviews.bookinfo.svc.cluster.local` -> `reviews`. */
export const serviceNameOf = (host: string): string => host.split('.')[0];

export const newVirtualService = (o: {
  host: string;
  namespace: string;
  /** Served networking.istio.io version: `v1` on Service Mesh 3, `v1beta1` on 2.6. */
  version?: string;
}): WithSpec<VirtualService> => ({
  apiVersion: apiVersionOf(atVersion(VirtualServiceModel, o.version ?? 'v1')),
  kind: VirtualServiceModel.kind,
  metadata: { name: serviceNameOf(o.host), namespace: o.namespace },
  spec: { hosts: [o.host], http: [] },
});

export const newDestinationRule = (o: {
  host: string;
  namespace: string;
  version?: string;
}): WithSpec<DestinationRule> => ({
  apiVersion: apiVersionOf(atVersion(DestinationRuleModel, o.version ?? 'v1')),
  kind: DestinationRuleModel.kind,
  metadata: { name: serviceNameOf(o.host), namespace: o.namespace },
  spec: { host: o.host, subsets: [] },
});

/** Index of the default route: the rule named `routeName`, else the last rule without match. */
export const defaultRouteIndex = (vs: VirtualService, routeName?: string): number => {
  const http = vs.spec?.http ?? [];
  if (routeName !== undefined) return http.findIndex((r) => r.name === routeName);
  for (let i = http.length - 1; i >= 0; i--) if (!hasMatch(http[i])) return i;
  return -1;
};

/** Adds the subsets the DR lacks (by name) at the end; existing subsets are never changed. */
export const ensureSubsets = (
  dr: DestinationRule,
  subsets: Subset[],
): WithSpec<DestinationRule> => {
  const out = editableDr(dr);
  const list = out.spec.subsets ?? [];
  for (const s of subsets) {
    // A subset of the same name is kept as written, even if its labels differ from ours.
    if (!list.some((e) => e.name === s.name)) list.push(clone(s));
  }
  out.spec.subsets = list;
  return out;
};

/**
 * Rewrites a route[] for a split of `host` by subset, editing in place: destinations of this
 * host whose subset is in `weights` get the new weight (port, headers and any other field
 * kept); missing subsets are appended; destinations of this host whose subset is not in
 * `weights` (or that have no subset) were removed by the user and are dropped. Zero weights are
 * written as 0, not dropped: the destination stays visible in the form and gets no traffic.
 * Destinations to other hosts are not owned by the split and are kept with their weights.
 */
const editRoute = (
  route: HTTPRouteDestination[],
  host: string,
  namespace: string,
  order: string[],
  weights: Record<string, number>,
): HTTPRouteDestination[] => {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(weights, k);
  const target = fqdn(host, namespace);
  const ours = (d: HTTPRouteDestination) => fqdn(d.destination?.host ?? '', namespace) === target;
  const sibling = route.find(ours);
  const out: HTTPRouteDestination[] = [];
  const done = new Set<string>();
  for (const d of route) {
    if (!ours(d)) {
      out.push(d);
      continue;
    }
    const subset = d.destination.subset;
    if (subset === undefined || !has(subset) || done.has(subset)) continue;
    done.add(subset);
    out.push({ ...d, weight: weights[subset] });
  }
  for (const subset of order) {
    if (done.has(subset) || !has(subset)) continue;
    done.add(subset);
    const destination: Destination = { host: sibling?.destination.host ?? host, subset };
    if (sibling?.destination.port) destination.port = clone(sibling.destination.port);
    out.push({ destination, weight: weights[subset] });
  }
  return out;
};

export type TrafficSplitInput = {
  vs?: VirtualService;
  dr?: DestinationRule;
  /** The service's host as routes should name it, preferably its FQDN. */
  host: string;
  namespace: string;
  /** Subsets the split uses; missing ones are added to the DestinationRule. */
  subsets: Subset[];
  /** Weight per subset name; a subset left out is removed from the route. */
  weights: Record<string, number>;
  /** Edit the rule with this name instead of the last rule without a match. */
  routeName?: string;
  /** networking.istio.io version for objects created here (`v1` or `v1beta1`). */
  version?: string;
};

export const applyTrafficSplit = (
  input: TrafficSplitInput,
): { virtualService: WithSpec<VirtualService>; destinationRule: WithSpec<DestinationRule> } => {
  const { host, namespace, weights, routeName } = input;
  const dr = ensureSubsets(
    input.dr ?? newDestinationRule({ host, namespace, version: input.version }),
    input.subsets,
  );
  const vs = editableVs(input.vs ?? newVirtualService({ host, namespace, version: input.version }));
  const http = vs.spec.http ?? [];
  vs.spec.http = http;
  const order = [...input.subsets.map((s) => s.name), ...Object.keys(weights)];
  const i = defaultRouteIndex(vs, routeName);
  if (i < 0) {
    // No default route yet: one without a match goes last, so existing match rules keep priority.
    const rule: HTTPRoute = {
      ...(routeName !== undefined ? { name: routeName } : {}),
      route: editRoute([], host, namespace, order, weights),
    };
    http.push(rule);
  } else {
    const rule = http[i];
    if (rule.redirect || rule.directResponse || rule.delegate) {
      throw new RoutingEditError({
        ...issue('split.rule-not-splittable', ['spec', 'http', i]),
        object: 'VirtualService',
      });
    }
    rule.route = editRoute(rule.route ?? [], host, namespace, order, weights);
  }
  return { virtualService: vs, destinationRule: dr };
};

// ---------------------------------------------------------------------------------------------
// Canary and blue-green: arithmetic on weights, applied with applyTrafficSplit.

/**
 * Checks a canary plan: canary percentages, whole numbers, strictly increasing, ending at 100.
 * Paths are `['steps', i]`; step numbers in the params count from 1, as the user reads the plan.
 */
export const canaryPlan = (steps: number[]): Issue[] => {
  if (steps.length === 0) return [issue('split.canary-no-steps', ['steps'])];
  const issues: Issue[] = [];
  steps.forEach((s, i) => {
    if (!Number.isInteger(s) || s < 1 || s > 100) {
      issues.push(issue('split.canary-step-range', ['steps', i]));
    } else if (i > 0 && s <= steps[i - 1]) {
      issues.push(
        issue('split.canary-step-order', ['steps', i], {
          step: i + 1,
          previous: i,
          percent: steps[i - 1],
        }),
      );
    }
  });
  if (steps[steps.length - 1] !== 100) {
    issues.push(issue('split.canary-last-step', ['steps', steps.length - 1]));
  }
  return issues;
};

/** The canary's current share in percent of the traffic between stable and canary. */
export const canaryPercent = (
  weights: Record<string, number>,
  stable: string,
  canary: string,
): number => {
  const s = weights[stable] ?? 0;
  const c = weights[canary] ?? 0;
  return s + c === 0 ? 0 : Math.round((c * 100) / (s + c));
};

const twoWay = (
  weights: Record<string, number>,
  stable: string,
  canary: string,
  percent: number,
): Record<string, number> => {
  // Other subsets stay in the route with weight 0: the canary form moves all traffic between two.
  const out: Record<string, number> = {};
  for (const k of Object.keys(weights)) out[k] = 0;
  out[stable] = 100 - percent;
  out[canary] = percent;
  return out;
};

/**
 * Weights for the next plan step after the canary's current share (a share between steps moves
 * to the next larger step). Undefined when the canary already has 100% or the plan is invalid.
 */
export const nextCanaryStep = (
  currentWeights: Record<string, number>,
  stable: string,
  canary: string,
  plan: number[],
): Record<string, number> | undefined => {
  if (canaryPlan(plan).length > 0) return undefined;
  // Share of all traffic, rounded down: the canary is done only when nothing else gets traffic
  // (a third subset still weighted, or a stable share below 0.5%, must not end the canary).
  const total = Object.values(currentWeights).reduce((t, w) => t + w, 0);
  const current = total === 0 ? 0 : Math.floor(((currentWeights[canary] ?? 0) * 100) / total);
  const next = plan.find((s) => s > current);
  return next === undefined ? undefined : twoWay(currentWeights, stable, canary, next);
};

/** Weights that send everything back to the stable subset. */
export const rollbackCanary = (
  currentWeights: Record<string, number>,
  stable: string,
  canary: string,
): Record<string, number> => twoWay(currentWeights, stable, canary, 0);

/** Blue-green: all traffic to `to`, every other subset kept at 0. */
export const switchAll = (to: string, subsets: string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const s of subsets) out[s] = 0;
  out[to] = 100;
  return out;
};

// ---------------------------------------------------------------------------------------------
// A/B routing

/** Rules the A/B form owns carry this name prefix; every other rule is hand-written. */
export const OWNED_RULE_PREFIX = 'mcp-';

export const isOwnedRule = (r: HTTPRoute): boolean =>
  typeof r.name === 'string' && r.name.startsWith(OWNED_RULE_PREFIX);

export type MatchRouteRule = {
  name: string;
  match: HTTPMatchRequest[];
  route: HTTPRouteDestination[];
};

const ownedName = (name: string) =>
  name.startsWith(OWNED_RULE_PREFIX) ? name : `${OWNED_RULE_PREFIX}${name}`;

/**
 * Replaces the form's own match rules (named `mcp-…`) with `rules`, in order. Hand-written
 * rules keep their order. The owned block goes where it was before (or just before the default
 * route when new), and never after the default route, which would make it unreachable. An owned
 * rule that keeps its name keeps its other fields (timeout, retries, fault…): only `match` and
 * `route` are replaced. `defaultRoute`, when given, replaces the default rule's `route` only;
 * when there is no default rule one is appended.
 */
export const applyMatchRoutes = (
  vs: VirtualService,
  rules: MatchRouteRule[],
  defaultRoute?: HTTPRouteDestination[],
): WithSpec<VirtualService> => {
  const out = editableVs(vs);
  const before = out.spec.http ?? [];
  const previous = new Map(before.filter(isOwnedRule).map((r) => [r.name as string, r]));
  const firstOwned = before.findIndex(isOwnedRule);
  const kept = before.filter((r) => !isOwnedRule(r));

  let d = -1;
  for (let i = kept.length - 1; i >= 0; i--) {
    if (!hasMatch(kept[i])) {
      d = i;
      break;
    }
  }
  if (defaultRoute !== undefined) {
    if (d < 0) {
      kept.push({ route: clone(defaultRoute) });
      d = kept.length - 1;
    } else {
      if (kept[d].redirect || kept[d].directResponse || kept[d].delegate) {
        throw new RoutingEditError(issue('match.default-not-routable', ['spec', 'http']));
      }
      kept[d] = { ...kept[d], route: clone(defaultRoute) };
    }
  }

  const owned: HTTPRoute[] = rules.map((r) => {
    const name = ownedName(r.name);
    return { ...(previous.get(name) ?? {}), name, match: clone(r.match), route: clone(r.route) };
  });
  // Position among kept rules: where the owned block started (counted in kept rules before it).
  const keptBefore =
    firstOwned < 0 ? -1 : before.slice(0, firstOwned).filter((r) => !isOwnedRule(r)).length;
  const limit = d < 0 ? kept.length : d;
  const at = keptBefore < 0 ? limit : Math.min(keptBefore, limit);
  out.spec.http = [...kept.slice(0, at), ...owned, ...kept.slice(at)];
  return out;
};

// ---------------------------------------------------------------------------------------------
// Owned-field merging for the circuit-breaker and resilience forms

/**
 * Sets the `owned` keys of `existing` from `next` (absent or undefined in `next` = unset) and
 * keeps every other key. `next === null` unsets all owned keys. Returns undefined when nothing
 * is left, so the caller can drop an object it emptied.
 */
const mergeOwned = <T extends object>(
  existing: T | undefined,
  next: Partial<T> | null,
  owned: readonly (keyof T)[],
): T | undefined => {
  const out = { ...(existing ?? {}) } as Record<string, unknown>;
  for (const k of owned) {
    delete out[k as string];
    const v = next?.[k];
    if (v !== undefined && v !== null) out[k as string] = clone(v);
  }
  return Object.keys(out).length > 0 ? (out as T) : undefined;
};

const setOrDelete = <T extends object, K extends keyof T>(o: T, k: K, v: T[K] | undefined) => {
  if (v === undefined) delete o[k];
  else o[k] = v;
};

export const CIRCUIT_BREAKER_FIELDS = {
  tcp: ['maxConnections', 'connectTimeout'],
  http: [
    'http1MaxPendingRequests',
    'http2MaxRequests',
    'maxRequestsPerConnection',
    'maxRetries',
    'idleTimeout',
  ],
  outlierDetection: [
    'consecutive5xxErrors',
    'consecutiveGatewayErrors',
    'interval',
    'baseEjectionTime',
    'maxEjectionPercent',
    'minHealthPercent',
  ],
} as const;

type TcpPool = NonNullable<ConnectionPoolSettings['tcp']>;
type HttpPool = NonNullable<ConnectionPoolSettings['http']>;

export type CircuitBreakerSettings = {
  /** Edit this subset's trafficPolicy instead of the host-level one. */
  subset?: string;
  /** Absent: untouched. null: the form's fields removed. Object: the form's fields set. */
  connectionPool?: {
    tcp?: Pick<TcpPool, (typeof CIRCUIT_BREAKER_FIELDS.tcp)[number]>;
    http?: Pick<HttpPool, (typeof CIRCUIT_BREAKER_FIELDS.http)[number]>;
  } | null;
  outlierDetection?: Pick<
    OutlierDetection,
    (typeof CIRCUIT_BREAKER_FIELDS.outlierDetection)[number]
  > | null;
};

/**
 * Edits the circuit-breaker fields (CIRCUIT_BREAKER_FIELDS) of the host-level or one subset's
 * trafficPolicy. Other connection-pool and outlier fields (tcpKeepalive, h2UpgradePolicy, a
 * hand-written deprecated consecutiveErrors…) are kept; the deprecated field is never written.
 */
export const applyCircuitBreaker = (
  dr: DestinationRule,
  settings: CircuitBreakerSettings,
): WithSpec<DestinationRule> => {
  const out = editableDr(dr);
  let holder: { trafficPolicy?: TrafficPolicy };
  if (settings.subset !== undefined) {
    const s = out.spec.subsets?.find((x) => x.name === settings.subset);
    if (!s) {
      throw new RoutingEditError(
        issue('circuit-breaker.no-subset', [], { subset: settings.subset }),
      );
    }
    holder = s;
  } else {
    holder = out.spec;
  }
  const tp: TrafficPolicy = holder.trafficPolicy ?? {};
  if (settings.connectionPool !== undefined) {
    const next = settings.connectionPool;
    const cp: ConnectionPoolSettings = { ...(tp.connectionPool ?? {}) };
    setOrDelete(cp, 'tcp', mergeOwned(cp.tcp, next?.tcp ?? null, CIRCUIT_BREAKER_FIELDS.tcp));
    setOrDelete(cp, 'http', mergeOwned(cp.http, next?.http ?? null, CIRCUIT_BREAKER_FIELDS.http));
    setOrDelete(tp, 'connectionPool', Object.keys(cp).length > 0 ? cp : undefined);
  }
  if (settings.outlierDetection !== undefined) {
    setOrDelete(
      tp,
      'outlierDetection',
      mergeOwned(
        tp.outlierDetection,
        settings.outlierDetection,
        CIRCUIT_BREAKER_FIELDS.outlierDetection,
      ),
    );
  }
  // An empty trafficPolicy is rejected by the webhook; drop it only if this edit emptied it.
  setOrDelete(holder, 'trafficPolicy', Object.keys(tp).length > 0 ? tp : undefined);
  return out;
};

// ---------------------------------------------------------------------------------------------
// Timeouts, retries, faults

export type RouteSelector = { name: string } | { index: number } | 'default';

export type RouteResilience = {
  /** Each key: absent = untouched; undefined or null = removed; value = set. */
  timeout?: string | null;
  retries?: HTTPRetry | null;
  fault?: HTTPFaultInjection | null;
};

const RETRY_FIELDS = ['attempts', 'perTryTimeout', 'retryOn', 'retryRemoteLocalities'] as const;
// Legacy integer `percent` is owned too: the form shows it as `percentage` and writes that.
const DELAY_FIELDS = ['fixedDelay', 'percentage', 'percent'] as const;
const ABORT_FIELDS = ['httpStatus', 'grpcStatus', 'percentage'] as const;

export const selectRoute = (vs: VirtualService, selector: RouteSelector): number => {
  const http = vs.spec?.http ?? [];
  if (selector === 'default') return defaultRouteIndex(vs);
  if ('index' in selector)
    return selector.index >= 0 && selector.index < http.length ? selector.index : -1;
  return http.findIndex((r) => r.name === selector.name);
};

/**
 * Sets timeout, retries and/or fault on one http rule. Retry and fault sub-fields the form
 * does not know (newer Istio additions) are kept.
 */
export const applyRouteResilience = (
  vs: VirtualService,
  routeSelector: RouteSelector,
  changes: RouteResilience,
): WithSpec<VirtualService> => {
  const out = editableVs(vs);
  const i = selectRoute(out, routeSelector);
  if (i < 0) throw new RoutingEditError(issue('resilience.rule-gone', ['spec', 'http']));
  const rule = (out.spec.http ?? [])[i];
  if ('timeout' in changes) setOrDelete(rule, 'timeout', changes.timeout ?? undefined);
  if ('retries' in changes) {
    setOrDelete(rule, 'retries', mergeOwned(rule.retries, changes.retries ?? null, RETRY_FIELDS));
  }
  if ('fault' in changes) {
    const next = changes.fault ?? null;
    const fault: HTTPFaultInjection = { ...(rule.fault ?? {}) };
    setOrDelete(fault, 'delay', mergeOwned(fault.delay, next?.delay ?? null, DELAY_FIELDS));
    setOrDelete(fault, 'abort', mergeOwned(fault.abort, next?.abort ?? null, ABORT_FIELDS));
    setOrDelete(rule, 'fault', Object.keys(fault).length > 0 ? fault : undefined);
  }
  return out;
};

// ---------------------------------------------------------------------------------------------
// Summary of a service's routing, as data: src/components/issues/routingText.ts words it.

export type RouteShare = { host: string; subset?: string; weight: number };

export type MatchCondition = {
  field:
    | 'uri'
    | 'scheme'
    | 'method'
    | 'authority'
    | 'header'
    | 'query'
    | 'port'
    | 'sourceLabels'
    | 'sourceNamespace';
  name?: string;
  op?: 'exact' | 'prefix' | 'regex';
  value: string;
};

export type RoutingPart =
  | { kind: 'split'; rule?: string; parts: RouteShare[] }
  | { kind: 'match'; rule?: string; conditions: MatchCondition[][]; parts: RouteShare[] }
  | { kind: 'other'; rule?: string; action: 'redirect' | 'directResponse' | 'delegate' }
  | { kind: 'timeout'; rule?: string; timeout: string }
  | { kind: 'retries'; rule?: string; attempts: number }
  | { kind: 'fault'; rule?: string; delay?: string; abort?: string }
  | { kind: 'mirror'; rule?: string; subset?: string; host: string; percent?: number }
  | { kind: 'circuitBreaker'; subset?: string }
  | { kind: 'noRouting' };

export type RoutingSummary = { service: string; parts: RoutingPart[] };

/** Traffic share in percent: weight / sum; a single destination gets 100, unweighted siblings 0. */
const shares = (route: HTTPRouteDestination[]): RouteShare[] => {
  const total = route.reduce((t, d) => t + (d.weight ?? 0), 0);
  return route.map((d) => ({
    host: d.destination.host,
    ...(d.destination.subset !== undefined ? { subset: d.destination.subset } : {}),
    weight:
      route.length === 1 ? 100 : total === 0 ? 0 : Math.round(((d.weight ?? 0) * 100) / total),
  }));
};

const conditionsOf = (m: HTTPMatchRequest): MatchCondition[] => {
  const out: MatchCondition[] = [];
  const sm = (
    field: MatchCondition['field'],
    s: Record<string, string | undefined>,
    name?: string,
  ) => {
    const op = (['exact', 'prefix', 'regex'] as const).find((k) => s[k] !== undefined);
    if (op) out.push({ field, ...(name !== undefined ? { name } : {}), op, value: s[op] ?? '' });
  };
  for (const f of ['uri', 'scheme', 'method', 'authority'] as const) if (m[f]) sm(f, m[f] ?? {});
  for (const [n, s] of Object.entries(m.headers ?? {})) sm('header', s, n);
  for (const [n, s] of Object.entries(m.queryParams ?? {})) sm('query', s, n);
  if (m.port !== undefined) out.push({ field: 'port', value: String(m.port) });
  for (const [n, v] of Object.entries(m.sourceLabels ?? {})) {
    out.push({ field: 'sourceLabels', name: n, value: v });
  }
  if (m.sourceNamespace) out.push({ field: 'sourceNamespace', value: m.sourceNamespace });
  return out;
};

export const describeRouting = (vs?: VirtualService, dr?: DestinationRule): RoutingSummary => {
  const host = vs?.spec?.hosts?.[0] ?? dr?.spec?.host ?? '';
  const parts: RoutingPart[] = [];
  for (const r of vs?.spec?.http ?? []) {
    const rule = r.name !== undefined ? { rule: r.name } : {};
    if (r.redirect) parts.push({ kind: 'other', ...rule, action: 'redirect' });
    else if (r.directResponse) parts.push({ kind: 'other', ...rule, action: 'directResponse' });
    else if (r.delegate) parts.push({ kind: 'other', ...rule, action: 'delegate' });
    else if (hasMatch(r)) {
      parts.push({
        kind: 'match',
        ...rule,
        conditions: (r.match ?? []).map(conditionsOf),
        parts: shares(r.route ?? []),
      });
    } else parts.push({ kind: 'split', ...rule, parts: shares(r.route ?? []) });
    if (r.timeout) parts.push({ kind: 'timeout', ...rule, timeout: r.timeout });
    if (r.retries && r.retries.attempts !== undefined) {
      parts.push({ kind: 'retries', ...rule, attempts: r.retries.attempts });
    }
    if (r.fault) {
      parts.push({
        kind: 'fault',
        ...rule,
        ...(r.fault.delay?.fixedDelay ? { delay: r.fault.delay.fixedDelay } : {}),
        ...(r.fault.abort
          ? { abort: String(r.fault.abort.httpStatus ?? r.fault.abort.grpcStatus ?? '') }
          : {}),
      });
    }
    if (r.mirror) {
      parts.push({
        kind: 'mirror',
        ...rule,
        host: r.mirror.host,
        ...(r.mirror.subset ? { subset: r.mirror.subset } : {}),
        ...(r.mirrorPercentage ? { percent: r.mirrorPercentage.value } : {}),
      });
    }
  }
  const breaks = (tp?: TrafficPolicy) => !!(tp?.connectionPool || tp?.outlierDetection);
  if (breaks(dr?.spec?.trafficPolicy)) parts.push({ kind: 'circuitBreaker' });
  for (const s of dr?.spec?.subsets ?? []) {
    if (breaks(s.trafficPolicy)) parts.push({ kind: 'circuitBreaker', subset: s.name });
  }
  if (parts.length === 0) parts.push({ kind: 'noRouting' });
  return { service: serviceNameOf(host), parts };
};
