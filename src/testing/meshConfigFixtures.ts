/**
 * Builders of cluster objects for the configuration-validation tests, and a small bookinfo
 * cluster to start each test from.
 */
import type { MeshConfigInput } from '../mesh/config/meshConfigIndex';
import type {
  AuthorizationPolicy,
  Deployment,
  DestinationRule,
  Gateway,
  Namespace,
  PeerAuthentication,
  Pod,
  RequestAuthentication,
  Service,
  ServiceAccount,
  ServicePort,
  ServiceEntry,
  Sidecar,
  VirtualService,
} from '../models';

export const ROOT = 'istio-system';

type Labels = Record<string, string>;
// Specs are loose here: tests write what the cluster may hold, including mistakes.
type AnySpec = Record<string, unknown>;

export const namespace = (name: string): Namespace => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name },
});

export const service = (
  name: string,
  ns: string,
  selector: Labels | undefined,
  ports: ServicePort[] = [{ name: 'http', port: 9080, targetPort: 9080 }],
): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: ns },
  spec: { ...(selector ? { selector } : {}), ports },
});

export const deployment = (
  name: string,
  ns: string,
  labels: Labels,
  opts: { serviceAccount?: string; ports?: { containerPort: number; name?: string }[] } = {},
): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: ns },
  spec: {
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: {
        ...(opts.serviceAccount ? { serviceAccountName: opts.serviceAccount } : {}),
        containers: [{ name: 'app', ports: opts.ports ?? [{ containerPort: 9080, name: 'http' }] }],
      },
    },
  },
});

export const pod = (
  name: string,
  ns: string,
  labels: Labels,
  opts: { proxy?: boolean; serviceAccount?: string } = {},
): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels },
  spec: {
    ...(opts.serviceAccount ? { serviceAccountName: opts.serviceAccount } : {}),
    containers: [{ name: 'app' }, ...(opts.proxy ? [{ name: 'istio-proxy' }] : [])],
  },
});

export const serviceAccount = (name: string, ns: string): ServiceAccount => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name, namespace: ns },
});

const istio =
  <T>(apiVersion: string, kind: string) =>
  (name: string, ns: string, spec: AnySpec, created?: string): T =>
    ({
      apiVersion,
      kind,
      metadata: { name, namespace: ns, ...(created ? { creationTimestamp: created } : {}) },
      spec,
    }) as T;

export const virtualService = istio<VirtualService>('networking.istio.io/v1', 'VirtualService');
export const destinationRule = istio<DestinationRule>('networking.istio.io/v1', 'DestinationRule');
export const gateway = istio<Gateway>('networking.istio.io/v1', 'Gateway');
export const serviceEntry = istio<ServiceEntry>('networking.istio.io/v1', 'ServiceEntry');
export const sidecar = istio<Sidecar>('networking.istio.io/v1', 'Sidecar');
export const peerAuthentication = istio<PeerAuthentication>(
  'security.istio.io/v1',
  'PeerAuthentication',
);
export const authorizationPolicy = istio<AuthorizationPolicy>(
  'security.istio.io/v1',
  'AuthorizationPolicy',
);
export const requestAuthentication = istio<RequestAuthentication>(
  'security.istio.io/v1',
  'RequestAuthentication',
);

/** A route to one destination, as the traffic tests write them. */
export const route = (host: string, subset?: string, weight?: number) => ({
  destination: { host, ...(subset ? { subset } : {}) },
  ...(weight !== undefined ? { weight } : {}),
});

/**
 * Bookinfo in `bookinfo`, plus the root namespace with its ingress gateway and an empty `other`
 * namespace. reviews has v1–v3 and a DestinationRule with those subsets; nothing else is routed.
 */
export const bookinfo = (): MeshConfigInput => ({
  rootNamespace: ROOT,
  namespaces: [namespace('bookinfo'), namespace(ROOT), namespace('other')],
  services: [
    service('productpage', 'bookinfo', { app: 'productpage' }),
    service('reviews', 'bookinfo', { app: 'reviews' }),
    service('ratings', 'bookinfo', { app: 'ratings' }),
    service('istio-ingressgateway', ROOT, { istio: 'ingressgateway' }, [
      { name: 'http2', port: 80, targetPort: 8080 },
      { name: 'https', port: 443, targetPort: 8443 },
    ]),
  ],
  deployments: [
    deployment(
      'productpage-v1',
      'bookinfo',
      { app: 'productpage', version: 'v1' },
      {
        serviceAccount: 'bookinfo-productpage',
      },
    ),
    deployment(
      'reviews-v1',
      'bookinfo',
      { app: 'reviews', version: 'v1' },
      {
        serviceAccount: 'bookinfo-reviews',
      },
    ),
    deployment(
      'reviews-v2',
      'bookinfo',
      { app: 'reviews', version: 'v2' },
      {
        serviceAccount: 'bookinfo-reviews',
      },
    ),
    deployment(
      'reviews-v3',
      'bookinfo',
      { app: 'reviews', version: 'v3' },
      {
        serviceAccount: 'bookinfo-reviews',
      },
    ),
    deployment(
      'ratings-v1',
      'bookinfo',
      { app: 'ratings', version: 'v1' },
      {
        serviceAccount: 'bookinfo-ratings',
      },
    ),
    deployment(
      'istio-ingressgateway',
      ROOT,
      { istio: 'ingressgateway' },
      {
        ports: [
          { containerPort: 8080, name: 'http2' },
          { containerPort: 8443, name: 'https' },
        ],
      },
    ),
  ],
  pods: [
    pod('reviews-v1-abc', 'bookinfo', { app: 'reviews', version: 'v1' }, { proxy: true }),
    pod('productpage-v1-abc', 'bookinfo', { app: 'productpage', version: 'v1' }, { proxy: true }),
  ],
  serviceAccounts: [
    serviceAccount('default', 'bookinfo'),
    serviceAccount('bookinfo-productpage', 'bookinfo'),
    serviceAccount('bookinfo-reviews', 'bookinfo'),
    serviceAccount('bookinfo-ratings', 'bookinfo'),
    serviceAccount('default', ROOT),
    serviceAccount('default', 'other'),
  ],
  gateways: [gateway('bookinfo-gateway', 'bookinfo', { selector: { istio: 'ingressgateway' } })],
  virtualServices: [],
  destinationRules: [
    destinationRule('reviews', 'bookinfo', {
      host: 'reviews',
      subsets: ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } })),
    }),
  ],
  serviceEntries: [],
  sidecars: [],
  peerAuthentications: [],
  authorizationPolicies: [],
  requestAuthentications: [],
});
