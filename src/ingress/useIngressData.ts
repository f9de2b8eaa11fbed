import { useAccessReview, useK8sModels } from '@openshift-console/dynamic-plugin-sdk';
import type {
  K8sVerb,
  WatchK8sResource,
  WatchK8sResources,
} from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import { isApiAbsent } from '../k8s/errors';
import { useRereadable } from '../k8s/useRereadable';
import { useServedWatches } from '../k8s/useServedWatches';
import { offeredGatewayClasses } from '../mesh/ingress/gatewayClasses';
import { ingressRoutesFor } from '../mesh/ingress/ingressStatus';
import { detectIstioApiVersions } from '../mesh/istioApiVersions';
import type { ServedModel } from '../mesh/istioApiVersions';
import {
  GatewayApiGatewayModel,
  GatewayClassModel,
  GatewayModel,
  HTTPRouteModel,
  NamespaceModel,
  ServiceModel,
  VirtualServiceModel,
  atVersion,
  modelToGroupVersionKind,
} from '../models';
import type {
  Gateway,
  GatewayApiGateway,
  GatewayApiGatewayClass,
  GatewayApiHTTPRoute,
  K8sModel,
  Namespace,
  Service,
  VirtualService,
} from '../models';

type Watched = {
  services: Service[];
  gateways: GatewayApiGateway[];
  routes: GatewayApiHTTPRoute[];
  classes?: GatewayApiGatewayClass[];
  namespace?: Namespace;
  virtualServices: VirtualService[];
  istioGateways: Gateway[];
};

const list = (model: K8sModel, namespace?: string): WatchK8sResource => ({
  groupVersionKind: modelToGroupVersionKind(model),
  isList: true,
  ...(namespace ? { namespace } : {}),
});

/** Whether the user may do `verb` on `resource` everywhere (undefined while it is asked). */
const useClusterWide = (group: string, resource: string, verb: K8sVerb = 'list') => {
  const [allowed, loading] = useAccessReview({ group, resource, verb });
  return loading ? undefined : allowed;
};

/**
 * What the ingress page reads for one Service: the namespace's Services and HTTPRoutes, every
 * Gateway the user may list (another namespace's Gateway may admit this one's routes; only the
 * namespace's when the user may not list them all), the GatewayClasses and the namespace's
 * labels when the user may read them, and the namespace's VirtualServices and the Istio Gateways
 * they bind to (the older ingress path). Watches start once the access reviews have answered,
 * so a refused cluster-wide list never reaches the API server.
 */
export const useIngressData = (namespace: string, serviceName: string) => {
  const [models] = useK8sModels();
  const networking =
    detectIstioApiVersions(Object.values(models ?? {}) as ServedModel[]).networking ?? 'v1';
  const allGateways = useClusterWide(GatewayApiGatewayModel.apiGroup ?? '', 'gateways');
  const allIstioGateways = useClusterWide(GatewayModel.apiGroup ?? '', 'gateways');
  const classesReadable = useClusterWide(GatewayClassModel.apiGroup ?? '', 'gatewayclasses');
  const [nsReadable, nsLoading] = useAccessReview({
    group: '',
    resource: 'namespaces',
    verb: 'get',
    name: namespace,
  });
  const asked =
    allGateways !== undefined &&
    allIstioGateways !== undefined &&
    classesReadable !== undefined &&
    !nsLoading;

  const watches = useMemo((): WatchK8sResources<Watched> => {
    if (!asked) return {} as WatchK8sResources<Watched>;
    return {
      services: list(ServiceModel, namespace),
      gateways: list(GatewayApiGatewayModel, allGateways ? undefined : namespace),
      routes: list(HTTPRouteModel, namespace),
      ...(classesReadable ? { classes: list(GatewayClassModel) } : {}),
      ...(nsReadable
        ? {
            namespace: {
              groupVersionKind: modelToGroupVersionKind(NamespaceModel),
              name: namespace,
            },
          }
        : {}),
      virtualServices: list(atVersion(VirtualServiceModel, networking), namespace),
      istioGateways: list(
        atVersion(GatewayModel, networking),
        allIstioGateways ? undefined : namespace,
      ),
    };
  }, [asked, namespace, allGateways, allIstioGateways, classesReadable, nsReadable, networking]);
  const r = useServedWatches<Watched>(watches);
  const keys = Object.keys(watches) as (keyof Watched)[];
  const loaded = asked && keys.every((k) => r[k]?.loaded || r[k]?.loadError);
  const gatewayApiServed = !isApiAbsent(r.routes?.loadError);
  // Istio's kinds are optional here: without them there is no older ingress to show.
  const error = (['services', 'gateways', 'routes'] as const)
    .map((k) => r[k]?.loadError)
    .find((e) => e && !isApiAbsent(e));

  const services = r.services?.data ?? [];
  const service = services.find((s) => s.metadata?.name === serviceName);
  const gateways = useMemo(
    () => (r.gateways?.loadError ? [] : (r.gateways?.data ?? [])),
    [r.gateways],
  );
  const routes = useMemo(() => (r.routes?.loadError ? [] : (r.routes?.data ?? [])), [r.routes]);
  const gatewayClasses = useMemo(
    () => (r.classes?.loadError ? [] : (r.classes?.data ?? [])),
    [r.classes],
  );
  const ingressRoutes = useMemo(
    () => ingressRoutesFor({ namespace, name: serviceName }, routes, gateways, gatewayClasses),
    [namespace, serviceName, routes, gateways, gatewayClasses],
  );
  // The route the form edits, re-read after a conflict until the watch has caught up.
  const latest = useRereadable(ingressRoutes[0], HTTPRouteModel, namespace);
  return {
    networking,
    loaded,
    error,
    gatewayApiServed,
    service,
    gateways,
    routes,
    gatewayClasses,
    classes: useMemo(() => offeredGatewayClasses(gatewayClasses), [gatewayClasses]),
    /** Whether the classes could be read at all (a user may not list them). */
    classesReadable: !!classesReadable && !r.classes?.loadError,
    namespaceLabels: r.namespace?.loadError ? undefined : r.namespace?.data?.metadata?.labels,
    ingressRoutes,
    route: latest.current,
    reread: latest.reread,
    virtualServices: r.virtualServices?.loadError ? [] : (r.virtualServices?.data ?? []),
    istioGateways: r.istioGateways?.loadError ? [] : (r.istioGateways?.data ?? []),
  };
};

export type IngressData = ReturnType<typeof useIngressData>;
