import type { IGateway } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway';
import type { IGatewayClass } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/GatewayClass';
import type { IGRPCRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/GRPCRoute';
import type { IHTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import type { IParentReference } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/ParentReference';
import { crdModel } from './common';
import type { FromGeneratedKind, K8sCondition } from './common';

/**
 * Kubernetes Gateway API kinds (gateway.networking.k8s.io/v1), which Istio also implements: the
 * plugin lists them beside Istio's own kinds, and the traffic forms edit HTTPRoutes and
 * GRPCRoutes attached to a Service (GAMMA mesh routing).
 */
const gatewayApi = (kind: string, plural: string, abbr: string) =>
  crdModel({
    group: 'gateway.networking.k8s.io',
    version: 'v1',
    kind,
    plural,
    abbr,
    label: kind,
    labelPlural: `${kind}s`,
    namespaced: true,
  });

// Named after the API: GatewayModel is Istio's networking.istio.io Gateway.
export const GatewayApiGatewayModel = gatewayApi('Gateway', 'gateways', 'GTW');
export const HTTPRouteModel = gatewayApi('HTTPRoute', 'httproutes', 'HTTPR');
export const GRPCRouteModel = gatewayApi('GRPCRoute', 'grpcroutes', 'GRPCR');

/*
 * Object types come from Gateway API's own schemas (@kubernetes-models/gateway-api, type-only:
 * nothing is bundled), re-based on the SDK's K8sResourceCommon as the Istio kinds are.
 *
 * Status is the plugin's looser reading: the generated metav1.Condition makes reason, message
 * and lastTransitionTime required, which the API server enforces on the controller that writes
 * status. We only read it, and treat a condition missing them as any other.
 */

/** A reference to a Gateway (or Service, for mesh routes) a route attaches to. */
export type ParentReference = IParentReference;

/** How a route's status reports each parent it attached to (or failed to). */
export type RouteParentStatus = {
  parentRef: ParentReference;
  controllerName?: string;
  conditions?: K8sCondition[];
};
export type RouteStatus = { parents?: RouteParentStatus[] };

export type GatewayApiGateway = Omit<FromGeneratedKind<IGateway>, 'status'> & {
  status?: Omit<NonNullable<IGateway['status']>, 'conditions' | 'listeners'> & {
    conditions?: K8sCondition[];
    listeners?: { name: string; attachedRoutes?: number; conditions?: K8sCondition[] }[];
  };
};

/** One listener of a Gateway: its name, port, protocol and hostname. */
export type GatewayListener = GatewayApiGateway['spec']['listeners'][number];

/** Named apart from Istio's HTTPRoute (a VirtualService's http rule). */
export type GatewayApiHTTPRoute = Omit<FromGeneratedKind<IHTTPRoute>, 'status'> & {
  status?: RouteStatus;
};
export type HTTPRouteSpec = GatewayApiHTTPRoute['spec'];
export type HTTPRouteRule = NonNullable<HTTPRouteSpec['rules']>[number];
export type HTTPRouteMatch = NonNullable<HTTPRouteRule['matches']>[number];
export type HTTPPathMatch = NonNullable<HTTPRouteMatch['path']>;
export type HTTPHeaderMatch = NonNullable<HTTPRouteMatch['headers']>[number];
export type HTTPQueryParamMatch = NonNullable<HTTPRouteMatch['queryParams']>[number];
export type HTTPRouteFilter = NonNullable<HTTPRouteRule['filters']>[number];
export type HTTPBackendRef = NonNullable<HTTPRouteRule['backendRefs']>[number];
export type HTTPRouteTimeouts = NonNullable<HTTPRouteRule['timeouts']>;

export type GatewayApiGRPCRoute = Omit<FromGeneratedKind<IGRPCRoute>, 'status'> & {
  status?: RouteStatus;
};
export type GRPCRouteSpec = GatewayApiGRPCRoute['spec'];
export type GRPCRouteRule = NonNullable<GRPCRouteSpec['rules']>[number];
export type GRPCRouteMatch = NonNullable<GRPCRouteRule['matches']>[number];
export type GRPCRouteFilter = NonNullable<GRPCRouteRule['filters']>[number];
export type GRPCBackendRef = NonNullable<GRPCRouteRule['backendRefs']>[number];

/** Either route kind the traffic forms edit: their rules share backendRefs, matches and filters. */
export type GatewayApiRoute = GatewayApiHTTPRoute | GatewayApiGRPCRoute;

/**
 * Cluster-scoped: which controller runs the Gateways of a class (Istio's `istio`, OpenShift's
 * `openshift-default`). The ingress form offers the classes their controller has accepted.
 */
export const GatewayClassModel = crdModel({
  group: 'gateway.networking.k8s.io',
  version: 'v1',
  kind: 'GatewayClass',
  plural: 'gatewayclasses',
  abbr: 'GC',
  label: 'GatewayClass',
  labelPlural: 'GatewayClasses',
  namespaced: false,
  shortNames: ['gc'],
});

export type GatewayApiGatewayClass = Omit<FromGeneratedKind<IGatewayClass>, 'status'> & {
  status?: { conditions?: K8sCondition[] };
};
