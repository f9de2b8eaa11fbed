/**
 * How a Service is reached from outside the cluster through the Gateway API, as structured data
 * for the page to word: the HTTPRoutes that attach it to Gateways (not the Service-parent routes
 * of mesh routing), each Gateway's addresses and conditions (Accepted, Programmed) and its
 * listeners' attached routes, the route's conditions per Gateway (Accepted, ResolvedRefs), and
 * the URLs a client would use.
 */
import type {
  GatewayApiGateway,
  GatewayApiGatewayClass,
  GatewayApiHTTPRoute,
  GatewayListener,
  K8sCondition,
} from '../../models';
import { findCondition } from '../conditions';
import { isIngressGateway } from './gatewayClasses';
import {
  admitsNamespace,
  gatewayKey,
  hostnamesIntersect,
  namesService,
  parentGateway,
  refersToGateway,
  takesHttpRoutes,
} from './ingressObjects';
import type { GatewayKey } from './ingressObjects';

export type ConditionView = {
  type: string;
  /** `Missing`: the controller has not written this condition (yet). */
  status: 'True' | 'False' | 'Unknown' | 'Missing';
  reason?: string;
  message?: string;
};

const view = (conditions: K8sCondition[] | undefined, type: string): ConditionView => {
  const c = findCondition(conditions, type);
  return c
    ? {
        type,
        status: c.status,
        ...(c.reason ? { reason: c.reason } : {}),
        ...(c.message ? { message: c.message } : {}),
      }
    : { type, status: 'Missing' };
};

export type ListenerView = {
  name: string;
  port: number;
  protocol: string;
  hostname?: string;
  /** As the controller counts them; undefined before it reported the listener. */
  attachedRoutes?: number;
};

export type GatewayView = GatewayKey & {
  className: string;
  addresses: { type: string; value: string }[];
  accepted: ConditionView;
  programmed: ConditionView;
  listeners: ListenerView[];
};

export type IngressState = 'ready' | 'pending' | 'failed';

export type IngressParentView = {
  gateway: GatewayKey;
  sectionName?: string;
  /** Undefined when the Gateway does not exist (or could not be read). */
  gatewayView?: GatewayView;
  accepted: ConditionView;
  resolvedRefs: ConditionView;
  /** Where a client sends requests: `http://<hostname or address>[:port]/<path>`. */
  urls: string[];
  state: IngressState;
};

export type IngressView = {
  route: GatewayKey;
  hostnames: string[];
  parents: IngressParentView[];
};

/**
 * The HTTPRoutes that expose a Service: a Gateway among their parents (not a waypoint, when the
 * Gateway is known) and a backendRef naming the Service. `<service>-ingress` first, then by name.
 */
export const ingressRoutesFor = (
  service: GatewayKey,
  routes: readonly GatewayApiHTTPRoute[],
  gateways: readonly GatewayApiGateway[] = [],
  classes: readonly GatewayApiGatewayClass[] = [],
): GatewayApiHTTPRoute[] => {
  const byKey = new Map(gateways.map((g) => [gatewayKey(g), g]));
  return routes
    .filter((r) => {
      const ns = r.metadata?.namespace ?? '';
      const toService = (r.spec?.rules ?? []).some((rule) =>
        (rule.backendRefs ?? []).some((b) => namesService(b, ns, service)),
      );
      const viaGateway = (r.spec?.parentRefs ?? []).some((p) => {
        if (!refersToGateway(p)) return false;
        const key = parentGateway(p, ns);
        const gw = byKey.get(`${key.namespace}/${key.name}`);
        return !gw || isIngressGateway(gw, classes);
      });
      return toService && viaGateway;
    })
    .sort((a, b) => {
      const own = `${service.name}-ingress`;
      const an = a.metadata?.name ?? '';
      const bn = b.metadata?.name ?? '';
      return Number(bn === own) - Number(an === own) || an.localeCompare(bn);
    });
};

export const describeGateway = (gw: GatewayApiGateway): GatewayView => {
  const reported = new Map((gw.status?.listeners ?? []).map((l) => [l.name, l.attachedRoutes]));
  return {
    namespace: gw.metadata?.namespace ?? '',
    name: gw.metadata?.name ?? '',
    className: gw.spec?.gatewayClassName ?? '',
    addresses: (gw.status?.addresses ?? []).map((a) => ({
      type: a.type ?? 'IPAddress',
      value: a.value,
    })),
    accepted: view(gw.status?.conditions, 'Accepted'),
    programmed: view(gw.status?.conditions, 'Programmed'),
    listeners: (gw.spec?.listeners ?? []).map((l) => ({
      name: l.name,
      port: l.port,
      protocol: l.protocol,
      ...(l.hostname ? { hostname: l.hostname } : {}),
      ...(reported.has(l.name) ? { attachedRoutes: reported.get(l.name) } : {}),
    })),
  };
};

const DEFAULT_PORT: Record<string, number> = { http: 80, https: 443 };

const hostForUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);

/**
 * The URLs of a route through one Gateway: for each listener it can attach to, the route's
 * precise hostnames, else the listener's precise hostname, else the Gateway's addresses (none
 * before the controller reports one).
 */
export const ingressUrls = (
  route: GatewayApiHTTPRoute,
  gw: GatewayApiGateway,
  sectionName: string | undefined,
  path = '/',
): string[] => {
  const ns = route.metadata?.namespace ?? '';
  const listeners = (gw.spec?.listeners ?? []).filter(
    (l: GatewayListener) =>
      (!sectionName || l.name === sectionName) && takesHttpRoutes(l) && admitsNamespace(gw, l, ns),
  );
  const routeHosts = route.spec?.hostnames ?? [];
  const addresses = (gw.status?.addresses ?? []).map((a) => a.value);
  const urls = listeners.flatMap((l) => {
    const scheme = l.protocol === 'HTTPS' ? 'https' : 'http';
    const port = l.port === DEFAULT_PORT[scheme] ? '' : `:${l.port}`;
    const precise = routeHosts.filter(
      (h) => !h.startsWith('*') && hostnamesIntersect(h, l.hostname),
    );
    const hosts = precise.length
      ? precise
      : l.hostname && !l.hostname.startsWith('*')
        ? [l.hostname]
        : addresses;
    return hosts.map((h) => `${scheme}://${hostForUrl(h)}${port}${path}`);
  });
  return [...new Set(urls)];
};

const stateOf = (conds: ConditionView[]): IngressState => {
  if (conds.every((c) => c.status === 'True')) return 'ready';
  // False for a reason other than waiting is a failure the user must act on.
  const failed = conds.some(
    (c) => c.status === 'False' && c.reason !== 'Pending' && c.reason !== 'AddressNotAssigned',
  );
  return failed ? 'failed' : 'pending';
};

/** One route's ingress, through each Gateway it names. */
export const describeIngress = (
  route: GatewayApiHTTPRoute,
  gateways: readonly GatewayApiGateway[],
  service?: GatewayKey,
): IngressView => {
  const ns = route.metadata?.namespace ?? '';
  const byKey = new Map(gateways.map((g) => [gatewayKey(g), g]));
  const statuses = route.status?.parents ?? [];
  const rule = service
    ? (route.spec?.rules ?? []).find((r) =>
        (r.backendRefs ?? []).some((b) => namesService(b, ns, service)),
      )
    : route.spec?.rules?.[0];
  const path = rule?.matches?.[0]?.path;
  const prefix = path && (path.type ?? 'PathPrefix') === 'PathPrefix' ? (path.value ?? '/') : '/';
  const parents = (route.spec?.parentRefs ?? []).filter(refersToGateway).map((ref) => {
    const key = parentGateway(ref, ns);
    const gw = byKey.get(`${key.namespace}/${key.name}`);
    // The controllers' entries for this parent (another controller's are not about it).
    const entry = statuses.find((s) => {
      const p = s.parentRef;
      return (
        refersToGateway(p) &&
        p.name === key.name &&
        (p.namespace ?? ns) === key.namespace &&
        (p.sectionName ?? '') === (ref.sectionName ?? '')
      );
    });
    const accepted = view(entry?.conditions, 'Accepted');
    const resolvedRefs = view(entry?.conditions, 'ResolvedRefs');
    const gatewayView = gw ? describeGateway(gw) : undefined;
    const conds = [accepted, resolvedRefs, ...(gatewayView ? [gatewayView.programmed] : [])];
    return {
      gateway: key,
      ...(ref.sectionName ? { sectionName: ref.sectionName } : {}),
      ...(gatewayView ? { gatewayView } : {}),
      accepted,
      resolvedRefs,
      urls: gw ? ingressUrls(route, gw, ref.sectionName, prefix) : [],
      // A Gateway we cannot see (another namespace, no access) leaves the route's word.
      state: stateOf(conds),
    } satisfies IngressParentView;
  });
  return {
    route: { namespace: ns, name: route.metadata?.name ?? '' },
    hostnames: route.spec?.hostnames ?? [],
    parents,
  };
};
