import { useK8sModels } from '@openshift-console/dynamic-plugin-sdk';
import type { WatchK8sResources } from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import { isApiAbsent } from '../k8s/errors';
import { useServedWatches } from '../k8s/useServedWatches';
import { detectIstioApiVersions } from '../mesh/istioApiVersions';
import type { ServedModel } from '../mesh/istioApiVersions';
import type { NamespaceConfig } from '../mesh/observability/istioConfig';
import {
  AuthorizationPolicyModel,
  DeploymentModel,
  DestinationRuleModel,
  PeerAuthenticationModel,
  RequestAuthenticationModel,
  ServiceModel,
  VirtualServiceModel,
  atVersion,
  modelToGroupVersionKind,
} from '../models';
import type { K8sModel } from '../models';

/**
 * Services, Deployments and Istio routing and security objects of one namespace, each Istio kind
 * at the version the cluster serves (v1 on Service Mesh 3; v1beta1 on 2.6).
 */
export const useNamespaceIstioConfig = (namespace: string) => {
  const [models] = useK8sModels();
  const versions = detectIstioApiVersions(Object.values(models ?? {}) as ServedModel[]);
  const networking = versions.networking ?? 'v1';
  const security = versions.security ?? 'v1';
  const pa = versions.peerAuthentication ?? security;
  const watches = useMemo((): WatchK8sResources<NamespaceConfig> => {
    const list = (model: K8sModel) => ({
      groupVersionKind: modelToGroupVersionKind(model),
      isList: true,
      namespace,
    });
    return {
      services: list(ServiceModel),
      deployments: list(DeploymentModel),
      virtualServices: list(atVersion(VirtualServiceModel, networking)),
      destinationRules: list(atVersion(DestinationRuleModel, networking)),
      peerAuthentications: list(atVersion(PeerAuthenticationModel, pa)),
      authorizationPolicies: list(atVersion(AuthorizationPolicyModel, security)),
      requestAuthentications: list(atVersion(RequestAuthenticationModel, security)),
    };
  }, [namespace, networking, security, pa]);
  const r = useServedWatches<NamespaceConfig>(watches);
  const keys = Object.keys(watches) as (keyof NamespaceConfig)[];
  const config = Object.fromEntries(
    keys.map((k) => [k, r[k].loadError ? [] : (r[k].data ?? [])]),
  ) as NamespaceConfig;
  return {
    loaded: keys.every((k) => r[k].loaded || r[k].loadError),
    // A kind whose CRD is absent is simply empty; any other failure is worth saying.
    error: keys.map((k) => r[k].loadError).find((e) => e && !isApiAbsent(e)),
    config,
    versions: { networking, security, peerAuthentication: pa },
  };
};
