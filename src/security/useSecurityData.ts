import { useK8sModels } from '@openshift-console/dynamic-plugin-sdk';
import type { WatchK8sResources } from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import { isApiAbsent, isForbidden } from '../k8s/errors';
import { useMeshDetection } from '../k8s/useMeshDetection';
import { useServedWatches } from '../k8s/useServedWatches';
import { detectIstioApiVersions } from '../mesh/istioApiVersions';
import type { ServedModel } from '../mesh/istioApiVersions';
import { isAmbientNamespace } from '../mesh/security/dataPlane';
import type { SecurityApiVersion } from '../mesh/security/mtls';
import { isGatewayDeployment } from '../mesh/security/waypoint';
import { waypointsIn } from '../mesh/security/waypoint';
import { rootNamespaceOf, workloadSecurity } from '../mesh/security/workloadSecurity';
import {
  AuthorizationPolicyModel,
  DeploymentModel,
  GatewayApiGatewayModel,
  NamespaceModel,
  PeerAuthenticationModel,
  PodModel,
  RequestAuthenticationModel,
  ServiceModel,
  atVersion,
  modelToGroupVersionKind,
} from '../models';
import type {
  AuthorizationPolicy,
  Deployment,
  GatewayApiGateway,
  K8sModel,
  Namespace,
  PeerAuthentication,
  Pod,
  RequestAuthentication,
  Service,
} from '../models';

type Watched = {
  deployments: Deployment[];
  pods: Pod[];
  /** Its labels say whether the namespace is ambient; one object, which a project user may get. */
  namespaceObject: Namespace;
  services: Service[];
  /** Waypoints are Gateway API Gateways; the API may not be served at all. */
  gateways: GatewayApiGateway[];
  peerAuthentications: PeerAuthentication[];
  authorizationPolicies: AuthorizationPolicy[];
  requestAuthentications: RequestAuthentication[];
  rootPeerAuthentications: PeerAuthentication[];
  rootAuthorizationPolicies: AuthorizationPolicy[];
  rootRequestAuthentications: RequestAuthentication[];
};

const ROOT_KEYS: (keyof Watched)[] = [
  'rootPeerAuthentications',
  'rootAuthorizationPolicies',
  'rootRequestAuthentications',
];

/** What the ambient view needs and the rest of the page can do without: never a page error. */
const AMBIENT_KEYS: (keyof Watched)[] = ['namespaceObject', 'services', 'gateways'];

const asVersion = (v: string | undefined): SecurityApiVersion => (v === 'v1beta1' ? v : 'v1');

/**
 * Everything the Security page reads for one namespace, at the security.istio.io versions the
 * cluster serves (PeerAuthentication is v1beta1 on 2.6), plus the mesh-wide policies in the root
 * namespace. A user who may not read the root namespace still gets the namespace's view:
 * `meshLevelHidden` says the mesh-wide part is unknown.
 */
export const useSecurityData = (namespace: string) => {
  const [models] = useK8sModels();
  const versions = detectIstioApiVersions(Object.values(models ?? {}) as ServedModel[]);
  const paVersion = asVersion(versions.peerAuthentication);
  const version = asVersion(versions.security);
  const mesh = useMeshDetection();
  const rootNamespace = rootNamespaceOf(mesh.detection, namespace);
  const paModel = atVersion(PeerAuthenticationModel, paVersion);
  const apModel = atVersion(AuthorizationPolicyModel, version);
  const raModel = atVersion(RequestAuthenticationModel, version);

  const watches = useMemo((): WatchK8sResources<Watched> => {
    const list = (model: K8sModel, ns: string) => ({
      groupVersionKind: modelToGroupVersionKind(model),
      isList: true,
      namespace: ns,
    });
    const root = namespace === rootNamespace ? {} : undefined;
    return {
      deployments: list(DeploymentModel, namespace),
      pods: list(PodModel, namespace),
      namespaceObject: {
        groupVersionKind: modelToGroupVersionKind(NamespaceModel),
        name: namespace,
        isList: false,
      },
      services: list(ServiceModel, namespace),
      gateways: list(GatewayApiGatewayModel, namespace),
      peerAuthentications: list(paModel, namespace),
      authorizationPolicies: list(apModel, namespace),
      requestAuthentications: list(raModel, namespace),
      ...(root ?? {
        rootPeerAuthentications: list(paModel, rootNamespace),
        rootAuthorizationPolicies: list(apModel, rootNamespace),
        rootRequestAuthentications: list(raModel, rootNamespace),
      }),
    } as WatchK8sResources<Watched>;
  }, [namespace, rootNamespace, paModel, apModel, raModel]);
  const r = useServedWatches<Watched>(watches);
  const keys = Object.keys(watches) as (keyof Watched)[];
  const data = <K extends keyof Watched>(k: K): Watched[K] =>
    (r[k]?.loadError ? [] : (r[k]?.data ?? [])) as Watched[K];

  const loaded = mesh.loaded && keys.every((k) => r[k].loaded || r[k].loadError);
  // Workloads that cannot be read are no reason to hide the policies: they are reported on
  // their own (workloadsError) and make the STRICT check fail closed.
  const error = keys
    .filter(
      (k) =>
        !ROOT_KEYS.includes(k) && !AMBIENT_KEYS.includes(k) && k !== 'deployments' && k !== 'pods',
    )
    .map((k) => r[k].loadError)
    .find((e) => e && !isApiAbsent(e));
  const meshLevelHidden = ROOT_KEYS.some((k) => r[k] && isForbidden(r[k].loadError));
  const securityInstalled = !isApiAbsent(r.peerAuthentications.loadError);
  // Sidecar coverage needs both; without them the rows prove nothing (STRICT fails closed).
  const workloadsError = r.deployments.loadError ?? r.pods.loadError;
  const workloadsRead = r.deployments.loaded && r.pods.loaded && !workloadsError;

  const peerAuthentications = [...data('peerAuthentications'), ...data('rootPeerAuthentications')];
  const authorizationPolicies = [
    ...data('authorizationPolicies'),
    ...data('rootAuthorizationPolicies'),
  ];
  const requestAuthentications = [
    ...data('requestAuthentications'),
    ...data('rootRequestAuthentications'),
  ];
  const namespaceObject = r.namespaceObject.loadError ? undefined : r.namespaceObject.data;
  const services = data('services');
  // No Gateway API served: no waypoint can exist. Unreadable: whether one does is unknown.
  const gatewaysError = r.gateways.loadError;
  const gateways = gatewaysError && !isApiAbsent(gatewaysError) ? undefined : data('gateways');
  // Waypoints and gateways are Istio's own Deployments, not workloads to secure or to call from.
  const deployments = data('deployments').filter((d) => !isGatewayDeployment(d));
  const rows = workloadSecurity({
    rootNamespace,
    deployments,
    pods: data('pods'),
    peerAuthentications,
    authorizationPolicies,
    requestAuthentications,
    namespaces: namespaceObject ? [namespaceObject] : [],
    services,
    gateways,
  });
  return {
    loaded,
    error,
    securityInstalled,
    meshLevelHidden,
    detection: mesh.detection,
    rootNamespace,
    paVersion,
    version,
    paModel,
    apModel,
    raModel,
    deployments,
    workloadsRead,
    workloadsError,
    peerAuthentications,
    authorizationPolicies,
    requestAuthentications,
    rows,
    namespaceObject,
    namespaceAmbient: isAmbientNamespace(namespaceObject),
    services,
    gateways,
    waypoints: waypointsIn(gateways ?? [], namespace),
  };
};

export type SecurityData = ReturnType<typeof useSecurityData>;
