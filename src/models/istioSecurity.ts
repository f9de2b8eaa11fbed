import type { IAuthorizationPolicy } from '@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy';
import type { IPeerAuthentication } from '@kubernetes-models/istio/security.istio.io/v1/PeerAuthentication';
import type { IRequestAuthentication } from '@kubernetes-models/istio/security.istio.io/v1/RequestAuthentication';
import { crdModel } from './common';
import type { FromGeneratedKind } from './common';

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

/*
 * Object types come from Istio's own CRD schemas (@kubernetes-models/istio, type-only: nothing
 * is bundled). We take the v1 schemas for objects of either version: v1 (Service Mesh 3) is a
 * superset of every field we write to 2.6's v1beta1.
 */

export type PeerAuthentication = FromGeneratedKind<IPeerAuthentication>;
export type PeerAuthenticationSpec = NonNullable<PeerAuthentication['spec']>;
export type WorkloadSelector = NonNullable<PeerAuthenticationSpec['selector']>;
export type MutualTLSMode = NonNullable<NonNullable<PeerAuthenticationSpec['mtls']>['mode']>;

export type AuthorizationPolicy = FromGeneratedKind<IAuthorizationPolicy>;
export type AuthorizationPolicySpec = NonNullable<AuthorizationPolicy['spec']>;
export type AuthorizationRule = NonNullable<AuthorizationPolicySpec['rules']>[number];
export type AuthorizationSource = NonNullable<
  NonNullable<AuthorizationRule['from']>[number]['source']
>;
export type AuthorizationOperation = NonNullable<
  NonNullable<AuthorizationRule['to']>[number]['operation']
>;

export type RequestAuthentication = FromGeneratedKind<IRequestAuthentication>;
export type RequestAuthenticationSpec = NonNullable<RequestAuthentication['spec']>;
export type JWTRule = NonNullable<RequestAuthenticationSpec['jwtRules']>[number];
