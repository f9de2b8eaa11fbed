/**
 * Which version of the Istio APIs the cluster serves. Service Mesh 3 serves v1; 2.6 serves
 * v1beta1 for networking and for PeerAuthentication. Forms write the best served version.
 */

export type ServedModel = { apiGroup?: string; apiVersion: string; kind: string };

export type IstioApiVersions = {
  networking?: string;
  security?: string;
  /** PeerAuthentication is the one security kind that 2.6 serves only as v1beta1. */
  peerAuthentication?: string;
};

const PREFERENCE = ['v1', 'v1beta1', 'v1alpha3'];

const best = (models: ServedModel[], group: string, kind: string): string | undefined => {
  const served = new Set(
    models.filter((m) => m.apiGroup === group && m.kind === kind).map((m) => m.apiVersion),
  );
  return PREFERENCE.find((v) => served.has(v));
};

export const detectIstioApiVersions = (models: ServedModel[]): IstioApiVersions => ({
  networking: best(models, 'networking.istio.io', 'VirtualService'),
  security: best(models, 'security.istio.io', 'AuthorizationPolicy'),
  peerAuthentication: best(models, 'security.istio.io', 'PeerAuthentication'),
});
