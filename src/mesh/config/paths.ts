/**
 * Where the Istio configuration pages live. The details page of an object is addressed by its
 * namespace, Kiali's name for its kind (the lowercase plural, `k8s` before Gateway API kinds:
 * `virtualservices`, `k8shttproutes`) and its name, as Kiali's own details pages are.
 */
export const ISTIO_CONFIG_PATH = '/service-mesh/istio-config';

const seg = encodeURIComponent;

export const configDetailsPath = (namespace: string, type: string, name: string): string =>
  `${ISTIO_CONFIG_PATH}/ns/${seg(namespace)}/${seg(type)}/${seg(name)}`;
