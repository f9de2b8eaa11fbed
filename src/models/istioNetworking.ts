import { crdModel } from './common';
import type { K8sResourceCommon, LabelSelector } from './common';

/**
 * networking.istio.io kinds. Service Mesh 3 (Istio >= 1.24) serves v1; Service Mesh 2.6
 * (Istio 1.20) serves only v1beta1. Models are defined at v1: use `atVersion(model, v)` with the
 * version discovery reports (see mesh/istioApiVersions).
 */
const networking = (kind: string, plural: string, abbr: string, shortNames: string[]) =>
  crdModel({
    group: 'networking.istio.io',
    version: 'v1',
    kind,
    plural,
    abbr,
    label: kind.replace(/([a-z])([A-Z])/g, '$1 $2'),
    labelPlural: `${kind.replace(/([a-z])([A-Z])/g, '$1 $2')}s`,
    namespaced: true,
    shortNames,
  });

export const VirtualServiceModel = networking('VirtualService', 'virtualservices', 'VS', ['vs']);
export const DestinationRuleModel = networking('DestinationRule', 'destinationrules', 'DR', ['dr']);
export const GatewayModel = networking('Gateway', 'gateways', 'GW', ['gw']);
export const ServiceEntryModel = networking('ServiceEntry', 'serviceentries', 'SE', ['se']);
export const SidecarModel = networking('Sidecar', 'sidecars', 'SC', []);

export type StringMatch = { exact?: string; prefix?: string; regex?: string };
export type Duration = string;
export type Percent = { value: number };

export type PortSelector = { number?: number };

export type Destination = { host: string; subset?: string; port?: PortSelector };

export type HTTPRouteDestination = {
  destination: Destination;
  weight?: number;
  headers?: Record<string, unknown>;
};

export type HTTPMatchRequest = {
  name?: string;
  uri?: StringMatch;
  scheme?: StringMatch;
  method?: StringMatch;
  authority?: StringMatch;
  headers?: Record<string, StringMatch>;
  queryParams?: Record<string, StringMatch>;
  withoutHeaders?: Record<string, StringMatch>;
  port?: number;
  sourceLabels?: Record<string, string>;
  sourceNamespace?: string;
  gateways?: string[];
  ignoreUriCase?: boolean;
};

export type HTTPRetry = {
  attempts?: number;
  perTryTimeout?: Duration;
  retryOn?: string;
  retryRemoteLocalities?: boolean;
};

export type HTTPFaultInjection = {
  delay?: { fixedDelay?: Duration; percentage?: Percent; percent?: number };
  abort?: { httpStatus?: number; grpcStatus?: string; percentage?: Percent };
};

export type HTTPRoute = {
  name?: string;
  match?: HTTPMatchRequest[];
  route?: HTTPRouteDestination[];
  timeout?: Duration;
  retries?: HTTPRetry;
  fault?: HTTPFaultInjection;
  mirror?: Destination;
  mirrors?: { destination: Destination; percentage?: Percent }[];
  mirrorPercentage?: Percent;
  // Not edited by our forms, but must survive every edit.
  rewrite?: Record<string, unknown>;
  redirect?: Record<string, unknown>;
  directResponse?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  corsPolicy?: Record<string, unknown>;
  delegate?: { name: string; namespace?: string };
};

export type VirtualService = K8sResourceCommon & {
  spec: {
    hosts?: string[];
    gateways?: string[];
    http?: HTTPRoute[];
    tls?: Record<string, unknown>[];
    tcp?: Record<string, unknown>[];
    exportTo?: string[];
  };
};

export type ConnectionPoolSettings = {
  tcp?: {
    maxConnections?: number;
    connectTimeout?: Duration;
    tcpKeepalive?: Record<string, unknown>;
    maxConnectionDuration?: Duration;
    idleTimeout?: Duration;
  };
  http?: {
    http1MaxPendingRequests?: number;
    http2MaxRequests?: number;
    maxRequestsPerConnection?: number;
    maxRetries?: number;
    idleTimeout?: Duration;
    h2UpgradePolicy?: string;
    useClientProtocol?: boolean;
    maxConcurrentStreams?: number;
  };
};

export type OutlierDetection = {
  consecutiveErrors?: number; // deprecated; never written by us
  consecutive5xxErrors?: number;
  consecutiveGatewayErrors?: number;
  consecutiveLocalOriginFailures?: number;
  splitExternalLocalOriginErrors?: boolean;
  interval?: Duration;
  baseEjectionTime?: Duration;
  maxEjectionPercent?: number;
  minHealthPercent?: number;
};

export type ClientTLSSettings = { mode?: 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL' };

export type TrafficPolicy = {
  loadBalancer?: Record<string, unknown>;
  connectionPool?: ConnectionPoolSettings;
  outlierDetection?: OutlierDetection;
  tls?: ClientTLSSettings & Record<string, unknown>;
  portLevelSettings?: (TrafficPolicy & { port?: PortSelector })[];
};

export type Subset = {
  name: string;
  labels?: Record<string, string>;
  trafficPolicy?: TrafficPolicy;
};

export type DestinationRule = K8sResourceCommon & {
  spec: {
    host: string;
    trafficPolicy?: TrafficPolicy;
    subsets?: Subset[];
    exportTo?: string[];
    workloadSelector?: LabelSelector;
  };
};

export type Gateway = K8sResourceCommon & {
  spec: {
    selector?: Record<string, string>;
    servers?: {
      port: { number: number; name?: string; protocol: string };
      hosts: string[];
      tls?: Record<string, unknown>;
    }[];
  };
};

export type ServiceEntry = K8sResourceCommon & {
  spec: {
    hosts: string[];
    ports?: { number: number; name?: string; protocol?: string }[];
    location?: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
    resolution?: 'NONE' | 'STATIC' | 'DNS' | 'DNS_ROUND_ROBIN';
    exportTo?: string[];
  };
};

export type Sidecar = K8sResourceCommon & {
  spec: {
    workloadSelector?: { labels?: Record<string, string> };
    egress?: { hosts: string[]; port?: Record<string, unknown> }[];
    outboundTrafficPolicy?: { mode?: 'REGISTRY_ONLY' | 'ALLOW_ANY' };
  };
};
