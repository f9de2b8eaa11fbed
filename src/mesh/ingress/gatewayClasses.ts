/**
 * Which GatewayClasses a Service can be exposed through: those whose controller has accepted
 * them, other than the ones that run no ingress (Istio's waypoints and remote gateways). Istio
 * creates `istio`; OpenShift 4.19+ runs Gateways of a class with its own controller name (the
 * administrator creates `openshift-default`, which also installs the mesh it runs on).
 */
import type { GatewayApiGateway, GatewayApiGatewayClass } from '../../models';
import { isConditionTrue } from '../conditions';

export const ISTIO_GATEWAY_CONTROLLER = 'istio.io/gateway-controller';
/** Istio's waypoints: Gateways of this controller's classes carry mesh traffic, not ingress. */
export const ISTIO_MESH_CONTROLLER = 'istio.io/mesh-controller';
/** Istio's class for gateways it only configures and never deploys (multi-network remotes). */
export const ISTIO_REMOTE_CONTROLLER = 'istio.io/unmanaged-gateway';
export const OPENSHIFT_GATEWAY_CONTROLLER = 'openshift.io/gateway-controller/v1';

export const ISTIO_GATEWAY_CLASS = 'istio';
export const ISTIO_WAYPOINT_CLASS = 'istio-waypoint';
export const OPENSHIFT_GATEWAY_CLASS = 'openshift-default';
/** Where OpenShift's documentation creates the Gateways of its class. */
export const OPENSHIFT_INGRESS_NAMESPACE = 'openshift-ingress';

export type ClassProvider = 'istio' | 'openshift' | 'other';

export type OfferedClass = {
  name: string;
  controllerName: string;
  provider: ClassProvider;
  description?: string;
};

export const providerOf = (controllerName: string | undefined): ClassProvider =>
  controllerName === ISTIO_GATEWAY_CONTROLLER
    ? 'istio'
    : controllerName === OPENSHIFT_GATEWAY_CONTROLLER
      ? 'openshift'
      : 'other';

const runsNoIngress = (c: GatewayApiGatewayClass) =>
  c.metadata?.name === ISTIO_WAYPOINT_CLASS ||
  c.spec?.controllerName === ISTIO_MESH_CONTROLLER ||
  c.spec?.controllerName === ISTIO_REMOTE_CONTROLLER;

// Istio's class first (a gateway in the Service's namespace, in the mesh), then OpenShift's.
const RANK: Record<ClassProvider, number> = { istio: 0, openshift: 1, other: 2 };

/** The classes the form offers, Istio's and OpenShift's first, then by name. */
export const offeredGatewayClasses = (classes: readonly GatewayApiGatewayClass[]): OfferedClass[] =>
  classes
    .filter(
      (c) =>
        !!c.metadata?.name &&
        !c.metadata.deletionTimestamp &&
        !runsNoIngress(c) &&
        isConditionTrue(c.status?.conditions, 'Accepted'),
    )
    .map((c) => ({
      name: c.metadata?.name ?? '',
      controllerName: c.spec?.controllerName ?? '',
      provider: providerOf(c.spec?.controllerName),
      ...(c.spec?.description ? { description: c.spec.description } : {}),
    }))
    .sort((a, b) => RANK[a.provider] - RANK[b.provider] || a.name.localeCompare(b.name));

/**
 * Whether a Gateway can take ingress routes: not a waypoint (by its class's name, or its class's
 * controller when the class is known).
 */
export const isIngressGateway = (
  gw: GatewayApiGateway,
  classes: readonly GatewayApiGatewayClass[] = [],
): boolean => {
  const className = gw.spec?.gatewayClassName;
  if (className === ISTIO_WAYPOINT_CLASS) return false;
  const cls = classes.find((c) => c.metadata?.name === className);
  return !cls || !runsNoIngress(cls);
};
