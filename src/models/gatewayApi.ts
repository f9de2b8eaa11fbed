import { crdModel } from './common';
import type { K8sCondition, K8sResourceCommon } from './common';

/**
 * Kubernetes Gateway API kinds (gateway.networking.k8s.io/v1), which Istio also implements. The
 * plugin lists them beside Istio's own kinds; it does not validate or write them. Their types are
 * the fields the plugin reads (no generated package is installed for them).
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

/** A reference to a Gateway (or Service, for mesh routes) a route attaches to. */
export type ParentReference = {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  sectionName?: string;
  port?: number;
};

export type GatewayApiGateway = K8sResourceCommon & {
  spec?: {
    gatewayClassName?: string;
    listeners?: { name: string; hostname?: string; port: number; protocol: string }[];
  };
  status?: { conditions?: K8sCondition[] };
};

/** Named apart from Istio's HTTPRoute (a VirtualService's http rule). */
export type GatewayApiHTTPRoute = K8sResourceCommon & {
  spec?: { parentRefs?: ParentReference[]; hostnames?: string[] };
  status?: { parents?: { parentRef: ParentReference; conditions?: K8sCondition[] }[] };
};

export type GatewayApiGRPCRoute = GatewayApiHTTPRoute;
