import { crdModel } from './common';
import type { K8sResourceCommon } from './common';

/**
 * security.istio.io kinds, defined at v1 (Service Mesh 3). On 2.6 PeerAuthentication exists
 * only as v1beta1, and RequestAuthentication is written as v1beta1 too.
 */
const security = (kind: string, plural: string, abbr: string, shortNames: string[]) =>
  crdModel({
    group: 'security.istio.io',
    version: 'v1',
    kind,
    plural,
    abbr,
    label: kind.replace(/([a-z])([A-Z])/g, '$1 $2'),
    labelPlural: `${kind.replace(/([a-z])([A-Z])/g, '$1 $2')}s`,
    namespaced: true,
    shortNames,
  });

export const PeerAuthenticationModel = security('PeerAuthentication', 'peerauthentications', 'PA', [
  'pa',
]);
export const AuthorizationPolicyModel = security(
  'AuthorizationPolicy',
  'authorizationpolicies',
  'AP',
  ['ap'],
);
export const RequestAuthenticationModel = security(
  'RequestAuthentication',
  'requestauthentications',
  'RA',
  ['ra'],
);

export type WorkloadSelector = { matchLabels?: Record<string, string> };

export type MutualTLSMode = 'UNSET' | 'DISABLE' | 'PERMISSIVE' | 'STRICT';

export type PeerAuthentication = K8sResourceCommon & {
  spec?: {
    selector?: WorkloadSelector;
    mtls?: { mode?: MutualTLSMode };
    portLevelMtls?: Record<string, { mode?: MutualTLSMode }>;
  };
};

export type AuthorizationSource = {
  principals?: string[];
  notPrincipals?: string[];
  requestPrincipals?: string[];
  notRequestPrincipals?: string[];
  namespaces?: string[];
  notNamespaces?: string[];
  ipBlocks?: string[];
  notIpBlocks?: string[];
  remoteIpBlocks?: string[];
  notRemoteIpBlocks?: string[];
};

export type AuthorizationOperation = {
  hosts?: string[];
  notHosts?: string[];
  ports?: string[];
  notPorts?: string[];
  methods?: string[];
  notMethods?: string[];
  paths?: string[];
  notPaths?: string[];
};

export type AuthorizationRule = {
  from?: { source: AuthorizationSource }[];
  to?: { operation: AuthorizationOperation }[];
  when?: { key: string; values?: string[]; notValues?: string[] }[];
};

export type AuthorizationPolicy = K8sResourceCommon & {
  spec?: {
    selector?: WorkloadSelector;
    targetRef?: { group?: string; kind: string; name: string; namespace?: string };
    targetRefs?: { group?: string; kind: string; name: string; namespace?: string }[];
    action?: 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';
    provider?: { name: string };
    rules?: AuthorizationRule[];
  };
};

export type JWTRule = {
  issuer: string;
  audiences?: string[];
  jwksUri?: string;
  jwks?: string;
  fromHeaders?: { name: string; prefix?: string }[];
  fromParams?: string[];
  fromCookies?: string[];
  outputPayloadToHeader?: string;
  forwardOriginalToken?: boolean;
};

export type RequestAuthentication = K8sResourceCommon & {
  spec?: {
    selector?: WorkloadSelector;
    jwtRules?: JWTRule[];
  };
};
