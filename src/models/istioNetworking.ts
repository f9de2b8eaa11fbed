import type { IDestinationRule } from '@kubernetes-models/istio/networking.istio.io/v1/DestinationRule';
import type { IGateway } from '@kubernetes-models/istio/networking.istio.io/v1/Gateway';
import type { IServiceEntry } from '@kubernetes-models/istio/networking.istio.io/v1/ServiceEntry';
import type { ISidecar } from '@kubernetes-models/istio/networking.istio.io/v1/Sidecar';
import type { IVirtualService } from '@kubernetes-models/istio/networking.istio.io/v1/VirtualService';
import { crdModel } from './common';
import type { FromGeneratedKind } from './common';

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

/*
 * Object types come from Istio's own CRD schemas (@kubernetes-models/istio, type-only: nothing
 * is bundled). We take the v1 schemas for objects of either version: v1 (Service Mesh 3) is a
 * superset of every field we write to 2.6's v1beta1. apiVersion, kind and metadata are the
 * SDK's (FromGeneratedKind), so these are K8sResourceCommon and carry either version.
 */

export type VirtualService = FromGeneratedKind<IVirtualService>;
export type VirtualServiceSpec = NonNullable<VirtualService['spec']>;
export type HTTPRoute = NonNullable<VirtualServiceSpec['http']>[number];
export type HTTPMatchRequest = NonNullable<HTTPRoute['match']>[number];
export type StringMatch = NonNullable<HTTPMatchRequest['uri']>;
export type HTTPRouteDestination = NonNullable<HTTPRoute['route']>[number];
export type Destination = HTTPRouteDestination['destination'];
export type PortSelector = NonNullable<Destination['port']>;
export type HTTPRetry = NonNullable<HTTPRoute['retries']>;
export type HTTPFaultInjection = NonNullable<HTTPRoute['fault']>;
export type Percent = NonNullable<HTTPRoute['mirrorPercentage']>;
/** A protobuf Duration as Istio's YAML spells it, e.g. `1.5s`, `300ms`. */
export type Duration = string;

/*
 * The generator inlines Istio's TrafficPolicy message separately at the top level, in each
 * subset and in each port-level setting, and spells the load balancer's oneOfs as a large
 * union. Structurally comparing two of those copies (a subset's policy passed where the
 * host-level one is expected) took tsc about a minute and 3 GB, so the copies are unified:
 * one LoadBalancerSettings and one TrafficPolicy, which subsets and port levels reuse.
 */
type GeneratedDestinationRuleSpec = NonNullable<IDestinationRule['spec']>;
type GeneratedTrafficPolicy = NonNullable<GeneratedDestinationRuleSpec['trafficPolicy']>;
type GeneratedPortTrafficPolicy = NonNullable<GeneratedTrafficPolicy['portLevelSettings']>[number];
type GeneratedSubset = NonNullable<GeneratedDestinationRuleSpec['subsets']>[number];

export type LoadBalancerSettings = NonNullable<GeneratedTrafficPolicy['loadBalancer']>;
export type PortTrafficPolicy = Omit<GeneratedPortTrafficPolicy, 'loadBalancer'> & {
  loadBalancer?: LoadBalancerSettings;
};
export type TrafficPolicy = Omit<GeneratedTrafficPolicy, 'loadBalancer' | 'portLevelSettings'> & {
  loadBalancer?: LoadBalancerSettings;
  portLevelSettings?: PortTrafficPolicy[];
};
export type ConnectionPoolSettings = NonNullable<TrafficPolicy['connectionPool']>;
export type OutlierDetection = NonNullable<TrafficPolicy['outlierDetection']>;
export type ClientTLSSettings = NonNullable<TrafficPolicy['tls']>;
export type Subset = Omit<GeneratedSubset, 'trafficPolicy'> & { trafficPolicy?: TrafficPolicy };
export type DestinationRuleSpec = Omit<
  GeneratedDestinationRuleSpec,
  'trafficPolicy' | 'subsets'
> & {
  trafficPolicy?: TrafficPolicy;
  subsets?: Subset[];
};
export type DestinationRule = Omit<FromGeneratedKind<IDestinationRule>, 'spec'> & {
  spec?: DestinationRuleSpec;
};

export type Gateway = FromGeneratedKind<IGateway>;
export type ServiceEntry = FromGeneratedKind<IServiceEntry>;
export type Sidecar = FromGeneratedKind<ISidecar>;
