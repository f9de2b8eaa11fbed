/**
 * Waypoints: the per-namespace Envoy proxies of Istio's ambient mode that enforce layer-7 policy
 * (methods, paths, tokens) for the Services that use them. A waypoint is a Gateway API Gateway of
 * class `istio-waypoint`; a Service, or a whole namespace, uses it with `istio.io/use-waypoint`.
 */
import { GatewayApiGatewayModel, apiVersionOf } from '../../models';
import type { GatewayApiGateway, Namespace, Service } from '../../models';
import { isConditionTrue } from '../conditions';
import { clone } from '../primitives';
import { selectorMatches } from './selector';

export const USE_WAYPOINT_LABEL = 'istio.io/use-waypoint';
/** Where the named waypoint runs when not in the Service's own namespace. */
export const USE_WAYPOINT_NAMESPACE_LABEL = 'istio.io/use-waypoint-namespace';
/** On the waypoint: which traffic it handles (`service`, `workload`, `all`, `none`). */
export const WAYPOINT_FOR_LABEL = 'istio.io/waypoint-for';
export const WAYPOINT_GATEWAY_CLASS = 'istio-waypoint';
/** The name Istio's own tooling (`istioctl waypoint apply`) gives a namespace's waypoint. */
export const DEFAULT_WAYPOINT_NAME = 'waypoint';
/** HBONE, the mTLS tunnel ztunnel and waypoints speak. */
export const HBONE_PORT = 15008;

export const isWaypoint = (gw: GatewayApiGateway): boolean =>
  gw.spec?.gatewayClassName === WAYPOINT_GATEWAY_CLASS;

/**
 * - `programmed`: the Gateway exists and Istio runs it (condition Programmed=True);
 * - `pending`: it exists but is not programmed yet (starting, or failing: its condition says);
 * - `missing`: the label names a waypoint that does not exist in a namespace we could read;
 * - `unknown`: its Gateways could not be read (another namespace, no access).
 */
export type WaypointState = 'programmed' | 'pending' | 'missing' | 'unknown';

export type WaypointUse =
  | { kind: 'none' }
  | {
      kind: 'waypoint';
      name: string;
      namespace: string;
      /** Which label chose it: the Service's own or its namespace's. */
      from: 'service' | 'namespace';
      state: WaypointState;
      gateway?: GatewayApiGateway;
    };

/** A waypoint Gateway's own state: Istio marks it Programmed once it runs. */
export const waypointStateOf = (gateway: GatewayApiGateway): WaypointState =>
  isConditionTrue(gateway.status?.conditions, 'Programmed') ? 'programmed' : 'pending';

const stateOf = (gateway: GatewayApiGateway | undefined, readable: boolean): WaypointState => {
  if (!gateway) return readable ? 'missing' : 'unknown';
  return waypointStateOf(gateway);
};

/**
 * The waypoint a Service's traffic goes through: `istio.io/use-waypoint` on the Service, else on
 * its namespace (`none` on the Service opts it out of a namespace-wide waypoint). `gateways` are
 * the Gateways of the Service's namespace as read, undefined when they could not be.
 */
export const waypointFor = (
  serviceName: string,
  namespace: Namespace | undefined,
  gateways: GatewayApiGateway[] | undefined,
  services: Service[],
): WaypointUse => {
  const service = services.find((s) => s.metadata?.name === serviceName);
  const ns = service?.metadata?.namespace ?? namespace?.metadata?.name ?? '';
  const own = service?.metadata?.labels ?? {};
  const nsLabels = namespace?.metadata?.labels ?? {};
  const [labels, from] = own[USE_WAYPOINT_LABEL]
    ? [own, 'service' as const]
    : [nsLabels, 'namespace' as const];
  const name = labels[USE_WAYPOINT_LABEL];
  if (!name || name === 'none') return { kind: 'none' };
  const where = labels[USE_WAYPOINT_NAMESPACE_LABEL] || ns;
  const gateway = (gateways ?? []).find(
    (g) => g.metadata?.name === name && g.metadata?.namespace === where,
  );
  // Only this namespace's Gateways are read: another's waypoint may exist unseen.
  const readable = gateways !== undefined && where === ns;
  return {
    kind: 'waypoint',
    name,
    namespace: where,
    from,
    state: stateOf(gateway, readable),
    ...(gateway ? { gateway } : {}),
  };
};

/** The Services whose selector picks pods with these labels (a Service without one picks none). */
export const servicesSelecting = (
  services: Service[],
  namespace: string,
  podLabels: Record<string, string>,
): Service[] =>
  services
    .filter(
      (s) =>
        s.metadata?.namespace === namespace &&
        Object.keys(s.spec?.selector ?? {}).length > 0 &&
        selectorMatches({ matchLabels: s.spec?.selector }, podLabels),
    )
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));

/**
 * The Services in front of the pods a policy's labels select (every version of an app, or one
 * workload): a policy on the waypoint must be attached to each, or calls through the others
 * reach those pods unchecked.
 */
export const servicesForTarget = (
  services: Service[],
  namespace: string,
  matchLabels: Record<string, string>,
  workloads: { namespace: string; labels: Record<string, string> }[],
): Service[] => {
  const picked = workloads.filter(
    (w) => w.namespace === namespace && selectorMatches({ matchLabels }, w.labels),
  );
  return services
    .filter((s) => picked.some((w) => servicesSelecting([s], namespace, w.labels).length > 0))
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
};

/**
 * Whether these Services also reach pods the policy's labels do not select: a waypoint enforces a
 * policy attached to a Service for every pod behind it, so protecting one version then protects
 * its siblings too.
 */
export const servicesReachBeyond = (
  services: Service[],
  matchLabels: Record<string, string>,
  workloads: { labels: Record<string, string> }[],
): boolean =>
  workloads.some(
    (w) =>
      !selectorMatches({ matchLabels }, w.labels) &&
      services.some((s) => selectorMatches({ matchLabels: s.spec?.selector }, w.labels)),
  );

/** Whether a waypoint takes traffic addressed to Services (`service`, the default, or `all`). */
export const servesServices = (gw: GatewayApiGateway): boolean => {
  const forWhat = gw.metadata?.labels?.[WAYPOINT_FOR_LABEL];
  return forWhat === undefined || forWhat === 'service' || forWhat === 'all';
};

/** The waypoint Gateways of a namespace that serve Services, by name. */
export const waypointsIn = (gateways: GatewayApiGateway[], namespace: string) =>
  gateways
    .filter((g) => g.metadata?.namespace === namespace && isWaypoint(g) && servesServices(g))
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));

/**
 * A waypoint for a namespace's Services, as Istio documents it (`istioctl waypoint generate`):
 * Istio then runs a Deployment and a Service of this name and marks the Gateway Programmed.
 */
export const buildWaypoint = (
  namespace: string,
  name: string = DEFAULT_WAYPOINT_NAME,
): GatewayApiGateway => ({
  apiVersion: apiVersionOf(GatewayApiGatewayModel),
  kind: GatewayApiGatewayModel.kind,
  metadata: { name, namespace, labels: { [WAYPOINT_FOR_LABEL]: 'service' } },
  spec: {
    gatewayClassName: WAYPOINT_GATEWAY_CLASS,
    listeners: [{ name: 'mesh', port: HBONE_PORT, protocol: 'HBONE' }],
  },
});

/** The Service with `istio.io/use-waypoint: <waypoint>`; every other field as it was. */
export const withWaypointLabel = (service: Service, waypoint: string): Service => {
  const next = clone(service);
  next.metadata = {
    ...next.metadata,
    labels: { ...next.metadata?.labels, [USE_WAYPOINT_LABEL]: waypoint },
  };
  return next;
};

/**
 * A Deployment Istio runs for a Gateway API Gateway (a waypoint, an ingress gateway): mesh
 * infrastructure, not an application workload a user secures or names as a caller.
 */
export const isGatewayDeployment = (d: {
  metadata?: { labels?: Record<string, string> };
}): boolean => Boolean(d.metadata?.labels?.['gateway.networking.k8s.io/gateway-name']);

/** What must be written for some Services to go through a waypoint. */
export type WaypointSetupNeed = {
  /** The waypoint the unlabelled Services are given. */
  waypoint: string;
  /** Waypoint Gateways to create. */
  create: string[];
  /** Services to label with `istio.io/use-waypoint`. */
  label: string[];
  needed: boolean;
};

/**
 * What Services need for their traffic to go through a waypoint: a label for those that use none
 * (the namespace's own waypoint if it has one, else the name Istio's tooling would give it), and
 * the Gateway for a waypoint that is named but missing.
 */
export const waypointSetup = (
  uses: { name: string; waypoint: WaypointUse }[],
  gateways: GatewayApiGateway[] | undefined,
  namespace: string,
): WaypointSetupNeed => {
  const existing = waypointsIn(gateways ?? [], namespace);
  const waypoint =
    existing.find((g) => g.metadata?.name === DEFAULT_WAYPOINT_NAME)?.metadata?.name ??
    existing[0]?.metadata?.name ??
    DEFAULT_WAYPOINT_NAME;
  const label = uses.filter((u) => u.waypoint.kind === 'none').map((u) => u.name);
  const named = uses.flatMap((u) =>
    u.waypoint.kind === 'waypoint' && u.waypoint.state === 'missing' ? [u.waypoint.name] : [],
  );
  const exists = (name: string) => existing.some((g) => g.metadata?.name === name);
  const create = [...new Set([...named, ...(label.length > 0 ? [waypoint] : [])])].filter(
    (name) => !exists(name),
  );
  return { waypoint, create, label, needed: label.length > 0 || create.length > 0 };
};
