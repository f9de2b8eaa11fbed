/**
 * The traffic forms written in Gateway API: HTTPRoutes and GRPCRoutes attached to a Service
 * (GAMMA mesh routing: a parentRef with `group: ""`, `kind: Service`). Like the VirtualService
 * editors in ./trafficSplit, every function takes the current route, changes only the fields its
 * form owns and returns a copy: other rules, matches, filters, timeouts, rule names, backendRef
 * fields (port, filters, namespace), metadata and fields this code does not know are carried over.
 * Inputs are never mutated.
 *
 * Gateway API has no subsets: each version is a Service of its own (./versionServices), and the
 * split is the default rule's backendRefs. A weight is an integer share (0–1,000,000, default 1),
 * not a percentage: a backend gets weight / sum of the rule's weights.
 */
import { apiVersionOf, GRPCRouteModel, HTTPRouteModel } from '../../models';
import type {
  GatewayApiRoute,
  GRPCRouteMatch,
  GRPCRouteRule,
  HTTPBackendRef,
  HTTPRouteFilter,
  HTTPRouteMatch,
  HTTPRouteRule,
  HTTPRouteTimeouts,
  ParentReference,
  Service,
  ServicePort,
} from '../../models';
import { issue } from '../issues';
import type { Issue } from '../issues';
import { clone } from '../primitives';
import { RoutingEditError } from './trafficSplit';
import type { MatchCondition, RouteShare, RoutingPart, RoutingSummary } from './trafficSplit';

export type GatewayRoute = GatewayApiRoute;
export type GatewayRouteKind = 'HTTPRoute' | 'GRPCRoute';

/**
 * Thrown when the route has a shape the form cannot edit without losing something (a default
 * rule that redirects, a rule that is gone). A RoutingEditError, so code that handles the
 * VirtualService editors' errors handles these too.
 */
export class GatewayRouteEditError extends RoutingEditError {
  constructor(issue: Issue) {
    super(issue);
    this.name = 'GatewayRouteEditError';
  }
}

/*
 * HTTPRoute and GRPCRoute rules share backendRefs, filters (types differ), matches (shapes
 * differ) and name; only HTTPRoute has timeouts. Rules are handled through this common view and
 * matches told apart by the route's kind.
 */
type BackendRef = HTTPBackendRef;
type Rule = Omit<HTTPRouteRule, 'matches' | 'filters'> & {
  matches?: (HTTPRouteMatch | GRPCRouteMatch)[];
  // GRPCRoute's filter types are a subset of HTTPRoute's, with the same fields.
  filters?: (Omit<HTTPRouteFilter, 'type'> & { type: string })[];
};

const isGrpc = (route: GatewayRoute): boolean => route.kind === GRPCRouteModel.kind;

const rulesOf = (route: GatewayRoute | undefined): Rule[] => (route?.spec?.rules ?? []) as Rule[];

/** The route's rules list, created empty when absent, to edit in place on a copy. */
const editableRules = (route: GatewayRoute): Rule[] => {
  const spec = route.spec as { rules?: Rule[] };
  spec.rules = spec.rules ?? [];
  return spec.rules;
};

const rulePath = (i: number) => ['spec', 'rules', i];

/**
 * Whether a Service port speaks gRPC, as Istio selects the protocol: its appProtocol, else its
 * name (`grpc`, `grpc-<suffix>`, `grpc-web`).
 */
export const isGrpcPort = (p: ServicePort): boolean =>
  p.appProtocol !== undefined
    ? /^grpc(-web)?$/i.test(p.appProtocol)
    : /^grpc(-web)?(-.*)?$/i.test(p.name ?? '');

/**
 * The route kind for a Service's traffic: GRPCRoute when the port (by default its first) speaks
 * gRPC and the cluster serves GRPCRoute, HTTPRoute otherwise (it carries gRPC too, as HTTP/2).
 */
export const routeKindFor = (
  service: Service | undefined,
  grpcServed = true,
  port?: number,
): GatewayRouteKind => {
  const ports = service?.spec?.ports ?? [];
  const p = port === undefined ? ports[0] : ports.find((x) => x.port === port);
  return grpcServed && p && isGrpcPort(p) ? 'GRPCRoute' : 'HTTPRoute';
};

/**
 * A parentRef to Service `service` (GAMMA). The group must be "" explicitly: its default is
 * Gateway API's own group, where no kind Service exists.
 */
export const isServiceParent = (
  ref: ParentReference,
  service: string,
  port?: number,
  routeNamespace?: string,
): boolean =>
  ref.group === '' &&
  ref.kind === 'Service' &&
  ref.name === service &&
  (ref.namespace === undefined ||
    routeNamespace === undefined ||
    ref.namespace === routeNamespace) &&
  // A parentRef without a port applies to every port of the Service.
  (port === undefined || ref.port === undefined || ref.port === port);

/**
 * The routes attached to a Service of their own namespace, in the order Gateway API gives
 * precedence between routes: the oldest first, then by name.
 */
export const routesForService = <R extends GatewayRoute>(routes: R[], service: string): R[] =>
  routes
    .filter((r) =>
      (r.spec?.parentRefs ?? []).some((p) =>
        isServiceParent(p, service, undefined, r.metadata?.namespace),
      ),
    )
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const ta = a.r.metadata?.creationTimestamp ?? '\uffff';
      const tb = b.r.metadata?.creationTimestamp ?? '\uffff';
      if (ta !== tb) return ta < tb ? -1 : 1;
      const na = `${a.r.metadata?.namespace ?? ''}/${a.r.metadata?.name ?? ''}`;
      const nb = `${b.r.metadata?.namespace ?? ''}/${b.r.metadata?.name ?? ''}`;
      return na === nb ? a.i - b.i : na < nb ? -1 : 1;
    })
    .map(({ r }) => r);

const isEmpty = (list: unknown[] | undefined) => !list || list.length === 0;

/**
 * A match every request satisfies. HTTPRoute: no conditions but a path of PathPrefix "/" (what
 * the API server defaults an empty match to). GRPCRoute: no method and no headers.
 */
const isCatchAllMatch = (grpc: boolean, m: HTTPRouteMatch | GRPCRouteMatch): boolean => {
  if (grpc) {
    const g = m as GRPCRouteMatch;
    return isEmpty(g.headers) && g.method === undefined;
  }
  const h = m as HTTPRouteMatch;
  return (
    isEmpty(h.headers) &&
    isEmpty(h.queryParams) &&
    h.method === undefined &&
    (h.path === undefined ||
      ((h.path.type ?? 'PathPrefix') === 'PathPrefix' && (h.path.value ?? '/') === '/'))
  );
};

/** A rule that takes every request no more specific rule takes (its matches are ORed). */
const isCatchAllRule = (grpc: boolean, r: Rule): boolean =>
  isEmpty(r.matches) || (r.matches ?? []).some((m) => isCatchAllMatch(grpc, m));

const redirects = (r: Rule): number =>
  (r.filters ?? []).findIndex(
    (f) => f.type === 'RequestRedirect' || f.requestRedirect !== undefined,
  );

/**
 * Index of the default rule: the first rule that matches every request, -1 if none. Unlike a
 * VirtualService's rules, Gateway API orders matches by specificity, and between equally specific
 * matches of one route "the FIRST matching rule (in list order)" wins: a later catch-all rule
 * never gets traffic, so the first one is the rule whose backends split the rest.
 */
export const defaultRuleIndex = (route: GatewayRoute | undefined): number => {
  if (!route) return -1;
  const grpc = isGrpc(route);
  return rulesOf(route).findIndex((r) => isCatchAllRule(grpc, r));
};

/** A backendRef to a Service of the route's own namespace: what a split's versions are. */
const isLocalService = (ref: BackendRef, namespace: string | undefined): boolean =>
  (ref.group ?? '') === '' &&
  (ref.kind ?? 'Service') === 'Service' &&
  (ref.namespace === undefined || ref.namespace === namespace);

/** The largest weight the API accepts. */
const MAX_WEIGHT = 1000000;

/** The API's default weight when a backendRef names none. */
const weightOf = (ref: BackendRef): number => ref.weight ?? 1;

/**
 * The weight the default rule gives each Service of the route's namespace, as written (a
 * backendRef without weight has the API's default, 1). A Service named twice (two ports) gets the
 * sum, which is its share. Other kinds and other namespaces' Services are not the split's.
 */
export const readGatewaySplit = (route: GatewayRoute | undefined): Record<string, number> => {
  const rule = rulesOf(route)[defaultRuleIndex(route)];
  const out: Record<string, number> = {};
  for (const ref of rule?.backendRefs ?? []) {
    if (!isLocalService(ref, route?.metadata?.namespace)) continue;
    out[ref.name] = (out[ref.name] ?? 0) + weightOf(ref);
  }
  return out;
};

/** A route of `kind` named after the Service, attached to it, with no rules yet. */
export const newGatewayRoute = (o: {
  kind: GatewayRouteKind;
  service: string;
  namespace: string;
  port?: number;
}): GatewayRoute => {
  const model = o.kind === 'GRPCRoute' ? GRPCRouteModel : HTTPRouteModel;
  const parent: ParentReference = {
    group: '',
    kind: 'Service',
    name: o.service,
    ...(o.port !== undefined ? { port: o.port } : {}),
  };
  return {
    apiVersion: apiVersionOf(model),
    kind: model.kind,
    metadata: { name: o.service, namespace: o.namespace },
    spec: { parentRefs: [parent], rules: [] },
  } as GatewayRoute;
};

export type GatewaySplitInput = {
  /** The route as read; absent, one is created. */
  route?: GatewayRoute;
  /** The kind to create (the route's own kind wins when there is one). */
  kind: GatewayRouteKind;
  /** The Service whose traffic is split: the route's parent. */
  service: string;
  namespace: string;
  /** The Service port the route attaches to, and new backendRefs use. */
  port?: number;
  /** Weight per backend Service; a Service left out is removed from the default rule. */
  weights: Record<string, number>;
};

/**
 * backendRefs for a split, edited in place: a local Service in `weights` keeps its backendRef
 * (port, filters, anything else) with the new weight; one not in `weights` was removed by the
 * user and is dropped, as is a second backendRef to the same Service; missing ones are appended
 * with `port` (else a sibling's). Zero weights are written as 0: the backend stays visible and
 * gets no traffic. Backends of other kinds or namespaces are not the split's and keep theirs.
 */
const editBackendRefs = (
  refs: BackendRef[],
  namespace: string,
  port: number | undefined,
  weights: Record<string, number>,
): BackendRef[] => {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(weights, k);
  const out: BackendRef[] = [];
  const done = new Set<string>();
  for (const ref of refs) {
    if (!isLocalService(ref, namespace)) {
      out.push(ref);
      continue;
    }
    if (!has(ref.name) || done.has(ref.name)) continue;
    done.add(ref.name);
    out.push({ ...ref, weight: weights[ref.name] });
  }
  const siblingPort = refs.find((r) => isLocalService(r, namespace) && r.port !== undefined)?.port;
  const newPort = port ?? siblingPort;
  for (const name of Object.keys(weights)) {
    if (done.has(name)) continue;
    done.add(name);
    out.push({ name, ...(newPort !== undefined ? { port: newPort } : {}), weight: weights[name] });
  }
  return out;
};

/**
 * The route with its default rule sending to `weights`. Only that rule's backendRefs change;
 * without a default rule, one is appended (its place does not matter: Gateway API ranks matches
 * by specificity, and a catch-all is the least specific). Throws GatewayRouteEditError when the
 * default rule redirects: the API server refuses RequestRedirect beside backendRefs.
 */
export const editGatewaySplit = (input: GatewaySplitInput): GatewayRoute => {
  const { namespace, weights } = input;
  const route = input.route
    ? clone(input.route)
    : newGatewayRoute({ kind: input.kind, service: input.service, namespace, port: input.port });
  // The CRDs require spec, but a route from YAML may lack it.
  if (!route.spec) (route as { spec: object }).spec = {};
  const rules = editableRules(route);
  const i = defaultRuleIndex(route);
  const ns = route.metadata?.namespace ?? namespace;
  if (i < 0) {
    const refs = editBackendRefs([], ns, input.port, weights);
    rules.push(refs.length > 0 ? { backendRefs: refs } : {});
    return route;
  }
  const rule = rules[i];
  const r = redirects(rule);
  if (r >= 0) {
    throw new GatewayRouteEditError({
      ...issue('gateway.split.rule-redirects', [...rulePath(i), 'filters', r]),
      object: route.kind,
    });
  }
  const refs = editBackendRefs(rule.backendRefs ?? [], ns, input.port, weights);
  if (refs.length > 0) rule.backendRefs = refs;
  else delete rule.backendRefs;
  return route;
};

// ---------------------------------------------------------------------------------------------
// Removing the split

export type GatewaySplitRemoval =
  /** No split to remove: no default rule sending to Services other than the parent. */
  | { kind: 'none' }
  | { kind: 'update'; route: GatewayRoute }
  /** Nothing else is in the route: it is deleted. */
  | { kind: 'delete' };

/** Keys of a rule that say something besides where it sends: they keep the rule. */
const settingsOf = (grpc: boolean, rule: Rule): string[] =>
  Object.keys(rule).filter((k) => {
    const v = (rule as Record<string, unknown>)[k];
    if (v === undefined || k === 'backendRefs' || k === 'name') return false;
    // Matches that only say "everything" say nothing a rule without matches would not.
    if (k === 'matches') return !(rule.matches ?? []).every((m) => isCatchAllMatch(grpc, m));
    return true;
  });

/**
 * What removing the split of `service` does to its route, as ./removeSplit does for a
 * VirtualService: the default rule's local Service backends become one backendRef to the whole
 * Service, where the first of them was (beside other backends it keeps their combined weight, so
 * the others' shares do not change). The route is deleted instead when that rule held only the
 * split and the route holds nothing else: no other rule, no other parent, no rule settings.
 * Other rules still need the catch-all: without one, requests no rule matches get 404.
 */
export const removeGatewaySplit = (
  route: GatewayRoute | undefined,
  service: string,
): GatewaySplitRemoval => {
  if (!route) return { kind: 'none' };
  const grpc = isGrpc(route);
  const ns = route.metadata?.namespace;
  const i = defaultRuleIndex(route);
  const rule = rulesOf(route)[i];
  if (!rule || redirects(rule) >= 0) return { kind: 'none' };
  const refs = rule.backendRefs ?? [];
  const local = (r: BackendRef) => isLocalService(r, ns);
  const mine = refs.filter(local);
  const split = mine.length > 1 || mine.some((r) => r.name !== service);
  if (!split) return { kind: 'none' };

  const others = refs.filter((r) => !local(r));
  const otherRules = rulesOf(route).length - 1;
  const parents = route.spec?.parentRefs ?? [];
  const otherParents = parents.filter((p) => !isServiceParent(p, service, undefined, ns));
  const keep =
    otherRules > 0 ||
    others.length > 0 ||
    otherParents.length > 0 ||
    settingsOf(grpc, rule).length > 0;
  if (!keep) return { kind: 'delete' };

  const out = clone(route);
  const outRule = rulesOf(out)[i];
  const outRefs = outRule.backendRefs ?? [];
  const at = outRefs.findIndex(local);
  const parentPort = parents.find((p) => isServiceParent(p, service, undefined, ns))?.port;
  const whole: BackendRef = { ...outRefs[at], name: service };
  delete whole.weight;
  const port = parentPort ?? whole.port;
  if (port !== undefined) whole.port = port;
  const kept = [
    ...outRefs.slice(0, at).filter((r) => !local(r)),
    whole,
    ...outRefs.slice(at + 1).filter((r) => !local(r)),
  ];
  if (others.length > 0) {
    const sum = mine.reduce((s, r) => s + weightOf(r), 0);
    whole.weight = Math.min(sum, MAX_WEIGHT);
    // Over the API's maximum, every weight of the rule shrinks alike so the shares stay.
    if (sum > MAX_WEIGHT) {
      for (const r of kept) {
        if (r === whole) continue;
        const w = weightOf(r);
        r.weight = w === 0 ? 0 : Math.max(1, Math.round((w * MAX_WEIGHT) / sum));
      }
    }
  }
  outRule.backendRefs = kept;
  return { kind: 'update', route: out };
};

// ---------------------------------------------------------------------------------------------
// Timeouts (HTTPRoute only: GRPCRoute has no timeouts field)

export type GatewayTimeouts = {
  /** Each key: absent = untouched; undefined or null = removed; a duration = set. */
  request?: string | null;
  backendRequest?: string | null;
};

/**
 * Sets or removes `timeouts.request` and `timeouts.backendRequest` of one rule, keeping any other
 * timeouts field. An emptied `timeouts` is removed.
 */
export const editGatewayTimeout = <R extends GatewayRoute>(
  route: R,
  ruleIndex: number,
  changes: GatewayTimeouts,
): R => {
  if (isGrpc(route)) {
    throw new GatewayRouteEditError({
      ...issue('gateway.timeout.grpc', rulePath(ruleIndex)),
      object: route.kind,
    });
  }
  const out = clone(route);
  const rule = rulesOf(out)[ruleIndex];
  if (ruleIndex < 0 || !rule) {
    throw new GatewayRouteEditError({
      ...issue('gateway.rule.gone', ['spec', 'rules']),
      object: route.kind,
    });
  }
  const t: HTTPRouteTimeouts = { ...(rule.timeouts ?? {}) };
  for (const k of ['request', 'backendRequest'] as const) {
    if (!(k in changes)) continue;
    const v = changes[k];
    if (v === undefined || v === null) delete t[k];
    else t[k] = v;
  }
  if (Object.keys(t).length > 0) rule.timeouts = t;
  else delete rule.timeouts;
  return out;
};

// ---------------------------------------------------------------------------------------------
// Summary: the same shapes describeRouting gives for a VirtualService

const backendName = (ref: BackendRef, namespace: string | undefined): string =>
  ref.namespace && ref.namespace !== namespace ? `${ref.name}.${ref.namespace}` : ref.name;

/** Share in percent: weight / sum of the rule's weights, each defaulting to 1. */
const sharesOf = (refs: BackendRef[], namespace: string | undefined): RouteShare[] => {
  const total = refs.reduce((t, r) => t + weightOf(r), 0);
  return refs.map((r) => ({
    host: backendName(r, namespace),
    weight: total === 0 ? 0 : Math.round((weightOf(r) * 100) / total),
  }));
};

const OPS = { Exact: 'exact', PathPrefix: 'prefix', RegularExpression: 'regex' } as const;
const opOf = (type: string | undefined, fallback: keyof typeof OPS): MatchCondition['op'] =>
  OPS[(type ?? fallback) as keyof typeof OPS] ?? 'exact';

const httpConditions = (m: HTTPRouteMatch): MatchCondition[] => {
  const out: MatchCondition[] = [];
  if (m.path)
    out.push({ field: 'uri', op: opOf(m.path.type, 'PathPrefix'), value: m.path.value ?? '/' });
  if (m.method) out.push({ field: 'method', op: 'exact', value: m.method });
  for (const h of m.headers ?? []) {
    out.push({ field: 'header', name: h.name, op: opOf(h.type, 'Exact'), value: h.value });
  }
  for (const q of m.queryParams ?? []) {
    out.push({ field: 'query', name: q.name, op: opOf(q.type, 'Exact'), value: q.value });
  }
  return out;
};

/**
 * A gRPC method match as the request path it selects (`/<service>/<method>`), which is how
 * proxies match it: a service alone is a prefix, a regular expression a regex on the path.
 */
const grpcConditions = (m: GRPCRouteMatch): MatchCondition[] => {
  const out: MatchCondition[] = [];
  const mm = m.method;
  if (mm && (mm.service !== undefined || mm.method !== undefined)) {
    if ((mm.type ?? 'Exact') === 'RegularExpression') {
      out.push({
        field: 'uri',
        op: 'regex',
        value: `/${mm.service ?? '[^/]+'}/${mm.method ?? '[^/]+'}`,
      });
    } else if (mm.method === undefined) {
      out.push({ field: 'uri', op: 'prefix', value: `/${mm.service}/` });
    } else if (mm.service === undefined) {
      out.push({ field: 'uri', op: 'regex', value: `/[^/]+/${mm.method}` });
    } else {
      out.push({ field: 'uri', op: 'exact', value: `/${mm.service}/${mm.method}` });
    }
  }
  for (const h of m.headers ?? []) {
    out.push({ field: 'header', name: h.name, op: opOf(h.type, 'Exact'), value: h.value });
  }
  return out;
};

const mirrorPercent = (m: NonNullable<HTTPRouteFilter['requestMirror']>): number | undefined => {
  if (m.percent !== undefined) return m.percent;
  if (m.fraction) return ((m.fraction.numerator ?? 0) * 100) / (m.fraction.denominator ?? 100);
  return undefined;
};

/** The route's rules as routing facts, in the shapes describeRouting gives for a VirtualService. */
export const describeGatewayRouting = (
  route: GatewayRoute | undefined,
  service: string,
): RoutingSummary => {
  const parts: RoutingPart[] = [];
  const grpc = route ? isGrpc(route) : false;
  const ns = route?.metadata?.namespace;
  for (const r of rulesOf(route)) {
    const rule = r.name !== undefined ? { rule: r.name } : {};
    if (redirects(r) >= 0) parts.push({ kind: 'other', ...rule, action: 'redirect' });
    else if (isCatchAllRule(grpc, r))
      parts.push({ kind: 'split', ...rule, parts: sharesOf(r.backendRefs ?? [], ns) });
    else {
      parts.push({
        kind: 'match',
        ...rule,
        conditions: (r.matches ?? []).map((m) =>
          grpc ? grpcConditions(m as GRPCRouteMatch) : httpConditions(m as HTTPRouteMatch),
        ),
        parts: sharesOf(r.backendRefs ?? [], ns),
      });
    }
    if (r.timeouts?.request) parts.push({ kind: 'timeout', ...rule, timeout: r.timeouts.request });
    if (r.retry?.attempts !== undefined)
      parts.push({ kind: 'retries', ...rule, attempts: r.retry.attempts });
    for (const f of r.filters ?? []) {
      if (f.type !== 'RequestMirror' || !f.requestMirror) continue;
      const percent = mirrorPercent(f.requestMirror);
      parts.push({
        kind: 'mirror',
        ...rule,
        host: backendName(f.requestMirror.backendRef as BackendRef, ns),
        ...(percent !== undefined ? { percent } : {}),
      });
    }
  }
  if (parts.length === 0) parts.push({ kind: 'noRouting' });
  return { service, parts };
};

/** The rule types the forms read, for callers that hold a GRPCRoute's rule. */
export type GatewayRouteRule = HTTPRouteRule | GRPCRouteRule;
