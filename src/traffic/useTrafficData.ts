import { useK8sModels } from '@openshift-console/dynamic-plugin-sdk';
import type { WatchK8sResources } from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import { isApiAbsent } from '../k8s/errors';
import { useServedWatches } from '../k8s/useServedWatches';
import { detectIstioApiVersions } from '../mesh/istioApiVersions';
import type { ServedModel } from '../mesh/istioApiVersions';
import { routesForService } from '../mesh/traffic/gatewayRoutes';
import type { GatewayRoute } from '../mesh/traffic/gatewayRoutes';
import {
  DeploymentModel,
  DestinationRuleModel,
  GRPCRouteModel,
  HTTPRouteModel,
  ServiceModel,
  VirtualServiceModel,
  atVersion,
  modelToGroupVersionKind,
} from '../models';
import type {
  Deployment,
  DestinationRule,
  GatewayApiGRPCRoute,
  GatewayApiHTTPRoute,
  Service,
  VirtualService,
} from '../models';

type Watched = {
  services: Service[];
  deployments?: Deployment[];
  virtualServices: VirtualService[];
  destinationRules: DestinationRule[];
  httpRoutes: GatewayApiHTTPRoute[];
  grpcRoutes: GatewayApiGRPCRoute[];
};

/** Kinds whose absence or refusal is no page error: Gateway API may not be installed. */
const OPTIONAL: (keyof Watched)[] = ['httpRoutes', 'grpcRoutes'];

/**
 * Services, Deployments and their Istio routing in one namespace (or all), read at the
 * networking.istio.io version the cluster serves: v1 on Service Mesh 3, v1beta1 on 2.6.
 * Without `withDeployments` no Deployment is listed or watched (the service list needs none,
 * and a big mesh has two or more per service).
 */
export const useTrafficData = (namespace?: string, withDeployments = true) => {
  const [models] = useK8sModels();
  const version =
    detectIstioApiVersions(Object.values(models ?? {}) as ServedModel[]).networking ?? 'v1';
  const watches = useMemo((): WatchK8sResources<Watched> => {
    const list = (model: Parameters<typeof modelToGroupVersionKind>[0]) => ({
      groupVersionKind: modelToGroupVersionKind(model),
      isList: true,
      ...(namespace ? { namespace } : {}),
    });
    return {
      services: list(ServiceModel),
      ...(withDeployments ? { deployments: list(DeploymentModel) } : {}),
      virtualServices: list(atVersion(VirtualServiceModel, version)),
      destinationRules: list(atVersion(DestinationRuleModel, version)),
      httpRoutes: list(HTTPRouteModel),
      grpcRoutes: list(GRPCRouteModel),
    };
  }, [namespace, version, withDeployments]);
  const r = useServedWatches<Watched>(watches);
  const keys = Object.keys(watches) as (keyof Watched)[];
  const http = r.httpRoutes.loadError ? undefined : r.httpRoutes.data;
  const grpc = r.grpcRoutes.loadError ? undefined : r.grpcRoutes.data;
  // One array per change of either list: the traffic table memoises its lookups on it.
  const routes = useMemo((): GatewayRoute[] => [...(http ?? []), ...(grpc ?? [])], [http, grpc]);
  return {
    version,
    loaded: keys.every((k) => r[k]?.loaded || r[k]?.loadError),
    error: keys
      .filter((k) => !OPTIONAL.includes(k))
      .map((k) => r[k]?.loadError)
      .find((e) => e && !isApiAbsent(e)),
    istioInstalled: !isApiAbsent(r.virtualServices.loadError),
    services: r.services.data ?? [],
    deployments: r.deployments?.data ?? [],
    virtualServices: r.virtualServices.loadError ? [] : (r.virtualServices.data ?? []),
    destinationRules: r.destinationRules.loadError ? [] : (r.destinationRules.data ?? []),
    /** HTTPRoutes and GRPCRoutes (mesh routes have a Service as parent). */
    routes,
  };
};

/** A host names this service when it is its short name or its in-cluster FQDN. */
export const hostIsService = (host: string | undefined, name: string, namespace: string) =>
  host === name ||
  host === `${name}.${namespace}` ||
  host === `${name}.${namespace}.svc` ||
  host === `${name}.${namespace}.svc.cluster.local`;

export const routingFor = (
  service: Service,
  virtualServices: VirtualService[],
  destinationRules: DestinationRule[],
) => {
  const name = service.metadata?.name ?? '';
  const namespace = service.metadata?.namespace ?? '';
  return {
    vs: virtualServices.find(
      (v) =>
        v.metadata?.namespace === namespace &&
        (v.spec?.hosts ?? []).some((h) => hostIsService(h, name, namespace)),
    ),
    dr: destinationRules.find(
      (d) => d.metadata?.namespace === namespace && hostIsService(d.spec?.host, name, namespace),
    ),
  };
};

const byNamespace = <T extends { metadata?: { namespace?: string } }>(objects: T[]) => {
  const out = new Map<string, T[]>();
  for (const o of objects) {
    const ns = o.metadata?.namespace ?? '';
    const list = out.get(ns);
    if (list) list.push(o);
    else out.set(ns, [o]);
  }
  return out;
};

/**
 * routingFor with the Istio objects grouped by namespace once, so a lookup scans one
 * namespace's objects instead of the whole mesh's (5,000 objects x 500 services otherwise).
 */
export const routingLookup = (
  virtualServices: VirtualService[],
  destinationRules: DestinationRule[],
  routes: GatewayRoute[] = [],
) => {
  const vs = byNamespace(virtualServices);
  const dr = byNamespace(destinationRules);
  const gw = byNamespace(routes);
  return (service: Service) => {
    const ns = service.metadata?.namespace ?? '';
    return {
      ...routingFor(service, vs.get(ns) ?? [], dr.get(ns) ?? []),
      route: routesForService(gw.get(ns) ?? [], service.metadata?.name ?? '')[0],
    };
  };
};

/** The service a host names from a namespace's objects: the inverse of hostIsService. */
const serviceOfHost = (host: string, namespace: string) => {
  const dot = host.indexOf('.');
  if (dot < 0) return host;
  const domain = host.slice(dot + 1);
  return domain === namespace ||
    domain === `${namespace}.svc` ||
    domain === `${namespace}.svc.cluster.local`
    ? host.slice(0, dot)
    : undefined;
};

/**
 * Which services (`namespace/name`) a VirtualService or a DestinationRule names, in one pass
 * over the objects: a list can filter all its services on it without working out any routing.
 */
export const routedServices = (
  virtualServices: VirtualService[],
  destinationRules: DestinationRule[],
  routes: GatewayRoute[] = [],
) => {
  const keys = (ns: string | undefined, hosts: (string | undefined)[]) =>
    hosts.flatMap((h) => {
      const name = h === undefined ? undefined : serviceOfHost(h, ns ?? '');
      return name === undefined ? [] : [`${ns ?? ''}/${name}`];
    });
  return {
    virtualService: new Set(
      virtualServices.flatMap((v) => keys(v.metadata?.namespace, v.spec?.hosts ?? [])),
    ),
    destinationRule: new Set(
      destinationRules.flatMap((d) => keys(d.metadata?.namespace, [d.spec?.host])),
    ),
    // A mesh route's parents are the Services it routes (GAMMA); Gateways are ingress.
    route: new Set(
      routes.flatMap((r) =>
        (r.spec?.parentRefs ?? [])
          .filter((p) => p.group === '' && p.kind === 'Service' && !p.namespace)
          .map((p) => `${r.metadata?.namespace ?? ''}/${p.name}`),
      ),
    ),
  };
};
