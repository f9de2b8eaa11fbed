/**
 * The older ingress path, read only: an Istio `networking.istio.io` Gateway (its ingress gateway
 * pods and the hosts its servers accept) and a VirtualService bound to it (`spec.gateways`) that
 * routes to the Service. Service Mesh 2 clusters and many Service Mesh 3 ones still expose
 * services this way; the page says so instead of offering a second ingress blindly.
 */
import type { Gateway, VirtualService } from '../../models';
import type { GatewayKey } from './ingressObjects';

/** Whether a VirtualService host (or destination host) names the Service, from namespace `from`. */
export const hostNamesService = (host: string | undefined, service: GatewayKey, from: string) => {
  if (!host) return false;
  const { name, namespace } = service;
  if (host === name) return from === namespace;
  return [
    `${name}.${namespace}`,
    `${name}.${namespace}.svc`,
    `${name}.${namespace}.svc.cluster.local`,
  ].includes(host);
};

/** A `spec.gateways` entry: `mesh` (sidecars, not a Gateway), `name`, or `namespace/name`. */
export const istioGatewayRef = (ref: string, vsNamespace: string): GatewayKey | undefined => {
  if (ref === 'mesh') return undefined;
  const slash = ref.indexOf('/');
  if (slash >= 0) return { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) };
  // The short form of an FQDN reference (`name.namespace.svc.cluster.local`) names its namespace.
  const [name, namespace] = ref.split('.');
  return { namespace: namespace ?? vsNamespace, name };
};

export type IstioIngressView = {
  virtualService: GatewayKey;
  hosts: string[];
  gateways: (GatewayKey & {
    /** Undefined when the Gateway does not exist or could not be read. */
    serverHosts?: string[];
    selector?: Record<string, string>;
  })[];
};

/** The VirtualServices that route requests arriving at an Istio Gateway to the Service. */
export const istioIngressFor = (
  service: GatewayKey,
  virtualServices: readonly VirtualService[],
  istioGateways: readonly Gateway[],
): IstioIngressView[] =>
  virtualServices.flatMap((vs) => {
    const ns = vs.metadata?.namespace ?? '';
    const refs = (vs.spec?.gateways ?? []).flatMap((g) => istioGatewayRef(g, ns) ?? []);
    if (!refs.length) return [];
    const spec = vs.spec ?? {};
    const routes = [...(spec.http ?? []), ...(spec.tcp ?? []), ...(spec.tls ?? [])];
    const toService = routes.some((r) =>
      (r.route ?? []).some((d) => hostNamesService(d.destination?.host, service, ns)),
    );
    if (!toService) return [];
    return [
      {
        virtualService: { namespace: ns, name: vs.metadata?.name ?? '' },
        hosts: spec.hosts ?? [],
        gateways: refs.map((ref) => {
          const gw = istioGateways.find(
            (g) => g.metadata?.namespace === ref.namespace && g.metadata?.name === ref.name,
          );
          return gw
            ? {
                ...ref,
                serverHosts: [...new Set((gw.spec?.servers ?? []).flatMap((s) => s.hosts ?? []))],
                ...(gw.spec?.selector ? { selector: gw.spec.selector } : {}),
              }
            : ref;
        }),
      },
    ];
  });
