/**
 * The ingress form: expose a Service outside the cluster through a Gateway API Gateway, a new
 * one of a class the cluster offers or an existing one (and its listener), with an HTTPRoute
 * `<service>-ingress` that sends requests for a hostname and path prefix to one of the Service's
 * ports. The Gateway is written first: the route attaches to it. An existing ingress route of the
 * Service is edited in place, keeping what the form does not own.
 */
import type {
  GatewayApiGateway,
  GatewayApiGatewayClass,
  GatewayApiHTTPRoute,
  GatewayListener,
  K8sModel,
  Service,
} from '../../models';
import { GatewayApiGatewayModel, HTTPRouteModel } from '../../models';
import { OPENSHIFT_INGRESS_NAMESPACE, isIngressGateway } from '../ingress/gatewayClasses';
import type { OfferedClass } from '../ingress/gatewayClasses';
import {
  HTTP_LISTENER,
  admitsNamespace,
  attachableListeners,
  bindingPlace,
  buildIngressGateway,
  buildIngressRoute,
  gatewayKey,
  hostnamesIntersect,
  readBinding,
  takesHttpRoutes,
  withIngressBinding,
} from '../ingress/ingressObjects';
import type { IngressBinding } from '../ingress/ingressObjects';
import { parsePort, validateIngressGateway, validateIngressRoute } from '../ingress/validation';
import { issue, issuesAt, onObject, warning } from '../issues';
import type { Issue, IssuePath } from '../issues';
import { clone } from '../primitives';
import { planEdits } from './editPlan';
import type { EditPlan, PlannedEdit } from './editPlan';

/** The form's fields, as typed. */
export type ExposeFields = {
  /** A new Gateway, or one that exists. */
  gatewayMode: 'new' | 'existing';
  /** New Gateway: its class, name, listener port (80) and the listener's hostname. */
  className: string;
  gatewayName: string;
  listenerPort: string;
  /** Existing Gateway: `namespace/name`, and the listener (`''`: any that admits the route). */
  existingGateway: string;
  listener: string;
  /** The host name clients use (optional), the path prefix (`/`), the Service port. */
  hostname: string;
  path: string;
  servicePort: string;
};

export type ExposeObjects = { gateway?: GatewayApiGateway; route?: GatewayApiHTTPRoute };

export type ExposeContext = {
  namespace: string;
  service: Service;
  /** The classes the cluster offers (offeredGatewayClasses). */
  classes: readonly OfferedClass[];
  /** Every GatewayClass as read: tells waypoints apart from ingress Gateways. */
  gatewayClasses?: readonly GatewayApiGatewayClass[];
  /** Every Gateway the user can read (other namespaces' too, when allowed). */
  gateways: readonly GatewayApiGateway[];
  /** The namespace's HTTPRoutes: a new route's name must be free. */
  routes: readonly GatewayApiHTTPRoute[];
  /** The namespace's labels, for listeners that admit routes by namespace selector. */
  namespaceLabels?: Record<string, string>;
  gatewayModel?: K8sModel;
  routeModel?: K8sModel;
  /** The Service's ingress route as read (re-read after a conflict): what the plan edits. */
  stored: { route?: GatewayApiHTTPRoute };
};

/** A Gateway a route of the namespace can use, with the listeners that would take it. */
export type ExposableGateway = {
  key: string;
  gateway: GatewayApiGateway;
  listeners: GatewayListener[];
};

/**
 * The Gateways the Service can be exposed through: ingress Gateways (not waypoints) with at
 * least one HTTP(S) listener admitting routes from the namespace; its own namespace's first.
 */
export const exposableGateways = (ctx: ExposeContext): ExposableGateway[] =>
  ctx.gateways
    .filter((g) => !g.metadata?.deletionTimestamp && isIngressGateway(g, ctx.gatewayClasses))
    .map((gateway) => ({
      key: gatewayKey(gateway),
      gateway,
      listeners: attachableListeners(gateway, ctx.namespace, ctx.namespaceLabels),
    }))
    .filter((g) => g.listeners.length > 0)
    .sort(
      (a, b) =>
        Number(b.gateway.metadata?.namespace === ctx.namespace) -
          Number(a.gateway.metadata?.namespace === ctx.namespace) || a.key.localeCompare(b.key),
    );

/** The port a form preselects: the only one, else the first that speaks HTTP by name. */
export const defaultServicePort = (service: Service): string => {
  const ports = service.spec?.ports ?? [];
  if (ports.length === 1) return String(ports[0].port);
  const http = ports.find(
    (p) => p.appProtocol?.startsWith('http') || p.name === 'http' || p.name?.startsWith('http-'),
  );
  return http ? String(http.port) : '';
};

/** A new Gateway's name: one per namespace, as Istio's samples name theirs. */
export const defaultGatewayName = (namespace: string): string =>
  `${namespace.slice(0, 55).replace(/-+$/, '')}-gateway`;

/** The fields as the objects say (a route, or a Gateway still to be written); else defaults. */
export const readExposeFields = (base: ExposeObjects, ctx: ExposeContext): ExposeFields => {
  const service = { namespace: ctx.namespace, name: ctx.service.metadata?.name ?? '' };
  const binding = base.route ? readBinding(base.route, service) : undefined;
  const newGateway =
    base.gateway &&
    (!binding ||
      (binding.gateway.name === base.gateway.metadata?.name &&
        binding.gateway.namespace === base.gateway.metadata?.namespace))
      ? base.gateway
      : undefined;
  const listener0 = newGateway?.spec?.listeners?.[0];
  const exposable = exposableGateways(ctx);
  const common = {
    className: newGateway?.spec?.gatewayClassName ?? ctx.classes[0]?.name ?? '',
    gatewayName: newGateway?.metadata?.name ?? defaultGatewayName(ctx.namespace),
    listenerPort: listener0?.port !== undefined ? String(listener0.port) : '80',
    hostname: binding?.hostname ?? '',
    path: binding?.path ?? '/',
    servicePort:
      binding?.port !== undefined
        ? String(binding.port)
        : binding
          ? ''
          : defaultServicePort(ctx.service),
  };
  if (newGateway) {
    return { ...common, gatewayMode: 'new', existingGateway: '', listener: '' };
  }
  if (binding) {
    return {
      ...common,
      gatewayMode: 'existing',
      existingGateway: `${binding.gateway.namespace}/${binding.gateway.name}`,
      listener: binding.sectionName ?? '',
    };
  }
  // Nothing yet: reuse a Gateway that would take the route, else propose a new one.
  return exposable.length
    ? { ...common, gatewayMode: 'existing', existingGateway: exposable[0].key, listener: '' }
    : { ...common, gatewayMode: 'new', existingGateway: '', listener: '' };
};

/**
 * The Gateway a new-Gateway form proposes: `base`'s (from YAML) with the fields set, or new. Its
 * listener takes every host name (the route names the Service's), so the namespace's other
 * Services can share the Gateway with host names of their own.
 */
const gatewayFromFields = (
  f: ExposeFields,
  base: GatewayApiGateway | undefined,
  namespace: string,
): GatewayApiGateway => {
  const port = parsePort(f.listenerPort);
  const name = f.gatewayName.trim();
  if (!base) return buildIngressGateway({ name, namespace, className: f.className, port });
  const gw = clone(base);
  gw.metadata = { ...gw.metadata, name, namespace };
  gw.spec = {
    ...gw.spec,
    gatewayClassName: f.className,
    listeners: [...(gw.spec?.listeners ?? [])],
  };
  const first = { ...(gw.spec.listeners[0] ?? { name: HTTP_LISTENER, protocol: 'HTTP' }) };
  if (port !== undefined) first.port = port;
  else delete (first as Partial<GatewayListener>).port;
  gw.spec.listeners[0] = first as GatewayListener;
  return gw;
};

const ROUTE = 'HTTPRoute';
const GATEWAY = 'Gateway';

/** Where in the objects each field's value is written (what its issues are about). */
export const exposeFieldPlaces = (
  field: keyof ExposeFields,
  route: GatewayApiHTTPRoute | undefined,
  service: string,
): { object: string; path: IssuePath }[] => {
  const ns = route?.metadata?.namespace ?? '';
  const place = route
    ? bindingPlace(route, { namespace: ns, name: service })
    : { parent: 0, rule: 0, backend: 0 };
  const parent = ['spec', 'parentRefs', Math.max(place.parent, 0)];
  const rule = ['spec', 'rules', Math.max(place.rule, 0)];
  switch (field) {
    case 'className':
      return [{ object: GATEWAY, path: ['spec', 'gatewayClassName'] }];
    case 'gatewayName':
      return [{ object: GATEWAY, path: ['metadata', 'name'] }];
    case 'listenerPort':
      return [{ object: GATEWAY, path: ['spec', 'listeners', 0, 'port'] }];
    case 'hostname':
      return [{ object: ROUTE, path: ['spec', 'hostnames', 0] }];
    case 'existingGateway':
      return [{ object: ROUTE, path: parent }];
    case 'listener':
      return [{ object: ROUTE, path: [...parent, 'sectionName'] }];
    case 'path':
      return [{ object: ROUTE, path: [...rule, 'matches', 0, 'path', 'value'] }];
    case 'servicePort':
      return [
        { object: ROUTE, path: [...rule, 'backendRefs', Math.max(place.backend, 0), 'port'] },
      ];
    default:
      return [];
  }
};

/** The issues one field shows. */
export const exposeFieldIssues = (
  issues: readonly Issue[],
  field: keyof ExposeFields,
  route: GatewayApiHTTPRoute | undefined,
  service: string,
): Issue[] =>
  exposeFieldPlaces(field, route, service).flatMap((p) =>
    issuesAt(issues, p.path, { object: p.object }),
  );

/** What the chosen Gateway and listener say about the form's route, in fields mode. */
const choiceIssues = (
  f: ExposeFields,
  ctx: ExposeContext,
  route: GatewayApiHTTPRoute,
  service: string,
): Issue[] => {
  const at = (field: keyof ExposeFields) => exposeFieldPlaces(field, route, service)[0].path;
  const routeIssue = (i: Issue) => ({ ...i, object: ROUTE });
  const gatewayIssue = (i: Issue) => ({ ...i, object: GATEWAY });
  const found: Issue[] = [];
  const hostname = f.hostname.trim();

  if (f.gatewayMode === 'new') {
    const name = f.gatewayName.trim();
    const offered = ctx.classes.find((c) => c.name === f.className);
    if (!f.className) {
      found.push(gatewayIssue(issue('ingress.class.required', at('className'))));
    } else if (!offered) {
      found.push(
        gatewayIssue(
          issue('ingress.class.not-offered', at('className'), { className: f.className }),
        ),
      );
    } else if (offered.provider === 'openshift' && ctx.namespace !== OPENSHIFT_INGRESS_NAMESPACE) {
      found.push(
        gatewayIssue(
          warning('ingress.class.openshift-namespace', at('className'), {
            className: f.className,
            namespace: OPENSHIFT_INGRESS_NAMESPACE,
          }),
        ),
      );
    }
    if (
      ctx.gateways.some((g) => g.metadata?.namespace === ctx.namespace && g.metadata?.name === name)
    ) {
      found.push(gatewayIssue(issue('ingress.gateway.name-taken', at('gatewayName'), { name })));
    }
    return found;
  }

  if (!f.existingGateway) {
    return [routeIssue(issue('ingress.gateway.required', at('existingGateway')))];
  }
  const gw = ctx.gateways.find((g) => gatewayKey(g) === f.existingGateway);
  if (!gw) {
    return [
      routeIssue(
        issue('ingress.gateway.not-found', at('existingGateway'), { gateway: f.existingGateway }),
      ),
    ];
  }
  if (!isIngressGateway(gw, ctx.gatewayClasses)) {
    return [
      routeIssue(
        issue('ingress.gateway.waypoint', at('existingGateway'), { gateway: f.existingGateway }),
      ),
    ];
  }
  const listeners = gw.spec?.listeners ?? [];
  let usable: GatewayListener[];
  if (f.listener) {
    const l = listeners.find((x) => x.name === f.listener);
    if (!l) {
      found.push(
        routeIssue(
          issue('ingress.listener.not-found', at('listener'), {
            listener: f.listener,
            gateway: f.existingGateway,
          }),
        ),
      );
      return found;
    }
    if (!takesHttpRoutes(l)) {
      found.push(
        routeIssue(
          issue('ingress.listener.not-http', at('listener'), {
            listener: f.listener,
            protocol: l.protocol,
          }),
        ),
      );
    } else if (!admitsNamespace(gw, l, ctx.namespace, ctx.namespaceLabels)) {
      found.push(
        routeIssue(
          issue('ingress.listener.namespace-not-allowed', at('listener'), {
            listener: f.listener,
            namespace: ctx.namespace,
          }),
        ),
      );
    }
    usable = [l];
  } else {
    usable = attachableListeners(gw, ctx.namespace, ctx.namespaceLabels);
    if (!usable.length) {
      found.push(
        routeIssue(
          issue('ingress.listener.none-allows', at('existingGateway'), {
            gateway: f.existingGateway,
            namespace: ctx.namespace,
          }),
        ),
      );
    }
  }
  if (hostname && usable.length && !usable.some((l) => hostnamesIntersect(hostname, l.hostname))) {
    found.push(
      routeIssue(
        issue('ingress.hostname.no-listener-match', ['spec', 'hostnames', 0], {
          hostname,
          listenerHostnames: usable.map((l) => l.hostname ?? '*').join(', '),
        }),
      ),
    );
  }
  return found;
};

/** The Service port the route sends to: required, and one the Service has. */
const servicePortIssues = (
  route: GatewayApiHTTPRoute,
  service: Service,
  namespace: string,
): Issue[] => {
  const name = service.metadata?.name ?? '';
  const place = bindingPlace(route, { namespace, name });
  if (place.rule < 0) return [];
  const backend = route.spec?.rules?.[place.rule]?.backendRefs?.[place.backend];
  const path = ['spec', 'rules', place.rule, 'backendRefs', place.backend, 'port'];
  if (backend?.port === undefined) {
    return [{ ...issue('ingress.service-port.required', path), object: ROUTE }];
  }
  const ports = service.spec?.ports ?? [];
  return ports.some((p) => p.port === backend.port)
    ? []
    : [
        {
          ...issue('ingress.service-port.not-found', path, { port: backend.port, service: name }),
          object: ROUTE,
        },
      ];
};

/**
 * What Apply would write. `fields` undefined: the objects as `base` has them (the YAML view's,
 * or the stored route with nothing changed).
 */
export const planExpose = (
  input: { fields?: ExposeFields },
  base: ExposeObjects,
  ctx: ExposeContext,
): {
  plan: EditPlan;
  gateway?: GatewayApiGateway;
  route?: GatewayApiHTTPRoute;
  /** What each proposed object replaces, as read (for the diffs). */
  before: ExposeObjects;
} => {
  const service = ctx.service.metadata?.name ?? '';
  const f = input.fields;
  let gateway = base.gateway;
  let route = base.route;
  if (f) {
    gateway =
      f.gatewayMode === 'new' ? gatewayFromFields(f, base.gateway, ctx.namespace) : undefined;
    const [gwNs, gwName] =
      f.gatewayMode === 'new'
        ? [ctx.namespace, f.gatewayName.trim()]
        : [f.existingGateway.split('/')[0] ?? '', f.existingGateway.split('/')[1] ?? ''];
    const binding: IngressBinding = {
      namespace: ctx.namespace,
      service,
      port: f.servicePort ? parsePort(f.servicePort) : undefined,
      gateway: { namespace: gwNs, name: gwName },
      ...(f.gatewayMode === 'existing' && f.listener ? { sectionName: f.listener } : {}),
      ...(f.hostname.trim() ? { hostname: f.hostname.trim() } : {}),
      path: f.path.trim() || '/',
    };
    route = base.route ? withIngressBinding(base.route, binding) : buildIngressRoute(binding);
  }

  const storedGateway =
    gateway &&
    ctx.gateways.find(
      (g) =>
        g.metadata?.namespace === gateway?.metadata?.namespace &&
        g.metadata?.name === gateway?.metadata?.name,
    );
  const routeName = route?.metadata?.name;
  const storedRoute =
    ctx.stored.route?.metadata?.name === routeName
      ? ctx.stored.route
      : ctx.routes.find((r) => r.metadata?.name === routeName);
  const proposed: PlannedEdit[] = [
    // The route attaches to the Gateway: the Gateway goes first.
    ...(gateway
      ? [
          {
            model: ctx.gatewayModel ?? GatewayApiGatewayModel,
            before: storedGateway,
            after: gateway,
          },
        ]
      : []),
    ...(route
      ? [{ model: ctx.routeModel ?? HTTPRouteModel, before: storedRoute, after: route }]
      : []),
  ];
  const written = new Set(planEdits(proposed, []).edits.map((e) => e.after));
  const issues: Issue[] = [];
  if (gateway && written.has(gateway)) issues.push(...validateIngressGateway(gateway));
  if (route && written.has(route)) {
    issues.push(
      ...validateIngressRoute(route),
      ...servicePortIssues(route, ctx.service, ctx.namespace),
    );
    if (f) issues.push(...choiceIssues(f, ctx, route, service));
    // A route of that name that is not this Service's ingress is someone else's.
    if (f && storedRoute && storedRoute !== ctx.stored.route) {
      issues.push(
        ...onObject(ROUTE, [
          issue('ingress.route.name-taken', ['metadata', 'name'], { name: routeName ?? '' }),
        ]),
      );
    }
  }
  return {
    plan: planEdits(proposed, issues),
    gateway,
    route,
    before: { gateway: storedGateway, route: storedRoute },
  };
};
