import type { WatchK8sResources } from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import { isApiAbsent } from '../k8s/errors';
import { useServedWatches } from '../k8s/useServedWatches';
import { isAmbientNamespace } from '../mesh/security/dataPlane';
import {
  GRPCRouteModel,
  GatewayApiGatewayModel,
  HTTPRouteModel,
  NamespaceModel,
  modelToGroupVersionKind,
} from '../models';
import type {
  GatewayApiGRPCRoute,
  GatewayApiGateway,
  GatewayApiHTTPRoute,
  Namespace,
} from '../models';

type Watched = {
  httpRoutes: GatewayApiHTTPRoute[];
  grpcRoutes: GatewayApiGRPCRoute[];
  gateways: GatewayApiGateway[];
  namespaceObject: Namespace;
};

/**
 * What routing a namespace's Services with Gateway API needs: its HTTPRoutes and GRPCRoutes, its
 * Gateways (waypoints among them) and the Namespace itself (ambient or not). Gateway API may not
 * be served at all: then `served` is false and nothing is an error.
 */
export const useGatewayRouting = (namespace: string) => {
  const watches = useMemo((): WatchK8sResources<Watched> => {
    const list = (model: Parameters<typeof modelToGroupVersionKind>[0]) => ({
      groupVersionKind: modelToGroupVersionKind(model),
      isList: true,
      namespace,
    });
    return {
      httpRoutes: list(HTTPRouteModel),
      grpcRoutes: list(GRPCRouteModel),
      gateways: list(GatewayApiGatewayModel),
      namespaceObject: {
        groupVersionKind: modelToGroupVersionKind(NamespaceModel),
        name: namespace,
        isList: false,
      },
    };
  }, [namespace]);
  const r = useServedWatches<Watched>(watches);
  const keys = Object.keys(watches) as (keyof Watched)[];
  const listOf = <K extends 'httpRoutes' | 'grpcRoutes'>(k: K): Watched[K] =>
    (r[k].loadError ? [] : (r[k].data ?? [])) as Watched[K];
  const namespaceObject = r.namespaceObject.loadError ? undefined : r.namespaceObject.data;
  // Unreadable Gateways: whether a waypoint exists is unknown (undefined), not "none".
  const gatewaysError = r.gateways.loadError;
  return {
    loaded: keys.every((k) => r[k].loaded || r[k].loadError),
    served: !isApiAbsent(r.httpRoutes.loadError),
    grpcServed: !isApiAbsent(r.grpcRoutes.loadError),
    error: (['httpRoutes', 'grpcRoutes'] as const)
      .map((k) => r[k].loadError)
      .find((e) => e && !isApiAbsent(e)),
    httpRoutes: listOf('httpRoutes'),
    grpcRoutes: listOf('grpcRoutes'),
    gateways: gatewaysError && !isApiAbsent(gatewaysError) ? undefined : (r.gateways.data ?? []),
    namespaceObject,
    ambient: isAmbientNamespace(namespaceObject),
  };
};
