/**
 * The objects that expose a Service outside the cluster through the Gateway API: a Gateway (or
 * an existing one) and an HTTPRoute attached to it that sends requests to the Service. Built new,
 * or edited in place: an existing route keeps every field the ingress form does not own.
 */
import { GatewayApiGatewayModel, HTTPRouteModel, apiVersionOf } from '../../models';
import type {
  GatewayApiGateway,
  GatewayApiHTTPRoute,
  GatewayListener,
  HTTPBackendRef,
  LabelSelector,
  ParentReference,
} from '../../models';
import { clone } from '../primitives';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
/** The label every namespace carries with its own name (Kubernetes 1.22+). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/** The listener a new Gateway gets. */
export const HTTP_LISTENER = 'http';

export type GatewayKey = { namespace: string; name: string };

export const gatewayKey = (gw: GatewayApiGateway): string =>
  `${gw.metadata?.namespace ?? ''}/${gw.metadata?.name ?? ''}`;

/** A parentRef to a Gateway (the Gateway API's defaults for group and kind). */
export const refersToGateway = (ref: ParentReference): boolean =>
  (ref.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP && (ref.kind ?? 'Gateway') === 'Gateway';

/** The Gateway a parentRef of a route in `routeNamespace` names. */
export const parentGateway = (ref: ParentReference, routeNamespace: string): GatewayKey => ({
  namespace: ref.namespace ?? routeNamespace,
  name: ref.name,
});

/** A backendRef to Service `name` in `namespace`, from a route in `routeNamespace`. */
export const namesService = (
  ref: Pick<HTTPBackendRef, 'group' | 'kind' | 'name' | 'namespace'>,
  routeNamespace: string,
  service: GatewayKey,
): boolean =>
  (ref.group ?? '') === '' &&
  (ref.kind ?? 'Service') === 'Service' &&
  ref.name === service.name &&
  (ref.namespace ?? routeNamespace) === service.namespace;

// --- which listeners take a route -----------------------------------------------------------

const selects = (selector: LabelSelector | undefined, labels: Record<string, string>) => {
  const pairs = Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  return (
    pairs &&
    (selector?.matchExpressions ?? []).every((e) => {
      const has = e.key in labels;
      switch (e.operator) {
        case 'In':
          return has && (e.values ?? []).includes(labels[e.key]);
        case 'NotIn':
          return !has || !(e.values ?? []).includes(labels[e.key]);
        case 'Exists':
          return has;
        case 'DoesNotExist':
          return !has;
        default:
          return false;
      }
    })
  );
};

/** HTTPRoutes attach to HTTP and HTTPS listeners only (TLS, TCP and UDP take other kinds). */
export const takesHttpRoutes = (listener: GatewayListener): boolean => {
  if (listener.protocol !== 'HTTP' && listener.protocol !== 'HTTPS') return false;
  const kinds = listener.allowedRoutes?.kinds;
  return (
    !kinds?.length ||
    kinds.some(
      (k) => (k.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP && k.kind === 'HTTPRoute',
    )
  );
};

/**
 * Whether a listener admits routes from `namespace` (its `allowedRoutes.namespaces`, `Same` by
 * default). `labels` are the namespace's; without them only the name label every namespace
 * carries is known.
 */
export const admitsNamespace = (
  gw: GatewayApiGateway,
  listener: GatewayListener,
  namespace: string,
  labels?: Record<string, string>,
): boolean => {
  const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Same') return gw.metadata?.namespace === namespace;
  if (from === 'Selector') {
    return selects(listener.allowedRoutes?.namespaces?.selector as LabelSelector | undefined, {
      ...labels,
      [NAMESPACE_NAME_LABEL]: namespace,
    });
  }
  return false;
};

/** The listeners of a Gateway an HTTPRoute in `namespace` can attach to. */
export const attachableListeners = (
  gw: GatewayApiGateway,
  namespace: string,
  labels?: Record<string, string>,
): GatewayListener[] =>
  (gw.spec?.listeners ?? []).filter(
    (l) => takesHttpRoutes(l) && admitsNamespace(gw, l, namespace, labels),
  );

/**
 * Whether a route hostname and a listener hostname intersect, as Gateway API matches them: equal,
 * or one a wildcard (`*.example.com`) covering the other. No listener hostname matches all.
 */
export const hostnamesIntersect = (routeHost: string, listenerHost?: string): boolean => {
  if (!listenerHost || routeHost === listenerHost) return true;
  const covers = (wildcard: string, host: string) =>
    wildcard.startsWith('*.') &&
    host.endsWith(wildcard.slice(1)) &&
    host.length > wildcard.length - 1;
  return covers(listenerHost, routeHost) || covers(routeHost, listenerHost);
};

// --- building and editing -------------------------------------------------------------------

/**
 * A Gateway with one plain-HTTP listener that admits routes from its own namespace only: a team
 * exposing its Service does not open the Gateway to other namespaces' routes. Its class's
 * controller deploys the proxy and reports the address.
 */
export const buildIngressGateway = (input: {
  name: string;
  namespace: string;
  className: string;
  /** Undefined while the typed port is not one (the plan then reports it). */
  port: number | undefined;
  hostname?: string;
}): GatewayApiGateway => ({
  apiVersion: apiVersionOf(GatewayApiGatewayModel),
  kind: GatewayApiGatewayModel.kind,
  metadata: { name: input.name, namespace: input.namespace },
  spec: {
    gatewayClassName: input.className,
    listeners: [
      {
        name: HTTP_LISTENER,
        protocol: 'HTTP',
        ...(input.port !== undefined ? { port: input.port } : {}),
        ...(input.hostname ? { hostname: input.hostname } : {}),
        allowedRoutes: { namespaces: { from: 'Same' } },
      } as GatewayListener,
    ],
  },
});

/** What the route binds: the Service (and its port) behind a Gateway's listener. */
export type IngressBinding = {
  /** Where the route lives: the Service's namespace. */
  namespace: string;
  service: string;
  /** Undefined while no Service port is chosen (the plan then reports it). */
  port: number | undefined;
  gateway: GatewayKey;
  /** The listener to attach to; undefined: every listener that admits the route. */
  sectionName?: string;
  /** The host name clients use; undefined: whatever the listener accepts. */
  hostname?: string;
  /** A path prefix; `/` is every request. */
  path: string;
};

const parentRefOf = (b: IngressBinding): ParentReference => ({
  name: b.gateway.name,
  ...(b.gateway.namespace !== b.namespace ? { namespace: b.gateway.namespace } : {}),
  ...(b.sectionName ? { sectionName: b.sectionName } : {}),
});

const backendRefOf = (b: IngressBinding): HTTPBackendRef => ({
  name: b.service,
  ...(b.port !== undefined ? { port: b.port } : {}),
});

/** The name the form gives a new route for a Service. */
export const ingressRouteName = (service: string): string => `${service}-ingress`;

/** A new HTTPRoute sending requests under `path` that reach the Gateway to the Service. */
export const buildIngressRoute = (b: IngressBinding, name = ingressRouteName(b.service)) =>
  ({
    apiVersion: apiVersionOf(HTTPRouteModel),
    kind: HTTPRouteModel.kind,
    metadata: { name, namespace: b.namespace },
    spec: {
      parentRefs: [parentRefOf(b)],
      ...(b.hostname ? { hostnames: [b.hostname] } : {}),
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: b.path } }],
          backendRefs: [backendRefOf(b)],
        },
      ],
    },
  }) as GatewayApiHTTPRoute;

/** Where in a route the Service's ingress binding is, as the form reads and edits it. */
export type BindingPlace = {
  /** Index of the Gateway parentRef (-1: none). */
  parent: number;
  /** Index of the rule sending to the Service, and of its backendRef (-1: none). */
  rule: number;
  backend: number;
};

export const bindingPlace = (route: GatewayApiHTTPRoute, service: GatewayKey): BindingPlace => {
  const ns = route.metadata?.namespace ?? '';
  const parent = (route.spec?.parentRefs ?? []).findIndex(refersToGateway);
  const rules = route.spec?.rules ?? [];
  for (let r = 0; r < rules.length; r++) {
    const backend = (rules[r].backendRefs ?? []).findIndex((b) => namesService(b, ns, service));
    if (backend >= 0) return { parent, rule: r, backend };
  }
  return { parent, rule: -1, backend: -1 };
};

/**
 * The route with the binding's Gateway, listener, first hostname, path prefix and Service port;
 * other parents, hostnames, rules, matches, filters and backends as they were.
 */
export const withIngressBinding = (
  route: GatewayApiHTTPRoute,
  b: IngressBinding,
): GatewayApiHTTPRoute => {
  const next = clone(route);
  const spec = next.spec ?? {};
  next.spec = spec;
  const place = bindingPlace(route, { namespace: b.namespace, name: b.service });

  const parents = [...(spec.parentRefs ?? [])];
  const wanted = parentRefOf(b);
  if (place.parent < 0) {
    parents.push(wanted);
  } else {
    const old = parents[place.parent];
    const same =
      old.name === b.gateway.name && (old.namespace ?? b.namespace) === b.gateway.namespace;
    // The same Gateway keeps its ref (a port, an explicit group); another replaces it.
    const ref: ParentReference = same ? { ...old } : wanted;
    if (b.sectionName) ref.sectionName = b.sectionName;
    else delete ref.sectionName;
    parents[place.parent] = ref;
  }
  spec.parentRefs = parents;

  const hostnames = [...(spec.hostnames ?? [])];
  if (b.hostname) hostnames[0] = b.hostname;
  else hostnames.splice(0, 1);
  if (hostnames.length) spec.hostnames = hostnames;
  else delete spec.hostnames;

  const rules = [...(spec.rules ?? [])];
  if (place.rule < 0) {
    rules.push({
      matches: [{ path: { type: 'PathPrefix', value: b.path } }],
      backendRefs: [backendRefOf(b)],
    });
  } else {
    const rule = { ...rules[place.rule] };
    const backends = [...(rule.backendRefs ?? [])];
    const backend = { ...backends[place.backend] };
    if (b.port !== undefined) backend.port = b.port;
    else delete backend.port;
    backends[place.backend] = backend;
    rule.backendRefs = backends;
    const matches = [...(rule.matches ?? [])];
    const first = matches[0];
    if (first?.path && (first.path.type ?? 'PathPrefix') === 'PathPrefix') {
      matches[0] = { ...first, path: { ...first.path, value: b.path } };
      rule.matches = matches;
    } else if (!matches.length && b.path !== '/') {
      // No match is every path: a narrower prefix needs one.
      rule.matches = [{ path: { type: 'PathPrefix', value: b.path } }];
    }
    rules[place.rule] = rule;
  }
  spec.rules = rules;
  return next;
};

/** The binding a route has for a Service (as the form shows it), when it has one. */
export const readBinding = (
  route: GatewayApiHTTPRoute,
  service: GatewayKey,
): Omit<IngressBinding, 'service' | 'namespace'> | undefined => {
  const place = bindingPlace(route, service);
  const ns = route.metadata?.namespace ?? '';
  if (place.parent < 0) return undefined;
  const ref = (route.spec?.parentRefs ?? [])[place.parent];
  const rule = place.rule >= 0 ? (route.spec?.rules ?? [])[place.rule] : undefined;
  const backend = rule?.backendRefs?.[place.backend];
  const path = rule?.matches?.[0]?.path;
  return {
    gateway: parentGateway(ref, ns),
    ...(ref.sectionName ? { sectionName: ref.sectionName } : {}),
    ...(route.spec?.hostnames?.[0] ? { hostname: route.spec.hostnames[0] } : {}),
    path: path && (path.type ?? 'PathPrefix') === 'PathPrefix' ? (path.value ?? '/') : '/',
    port: backend?.port,
  };
};
