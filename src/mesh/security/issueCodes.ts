/**
 * Every issue code the security domain emits: its checks (selectors, PeerAuthentication,
 * AuthorizationPolicy, RequestAuthentication, the ambient data plane) and its forms. The words
 * for each are in
 * `components/issues/securityIssueWords`; a test checks that none is missing.
 */
import { issue } from '../issues';
import type { Issue, IssueParams, IssuePath } from '../issues';

export const SECURITY_ISSUE_CODES = [
  // Shared by every kind
  'security.selector-too-many-labels',
  'security.selector-label-no-name',
  'security.selector-label-name-wildcard',
  'security.selector-label-value-wildcard',
  'security.selector-label-value-too-long',
  'security.port-invalid',
  // PeerAuthentication and the mTLS form
  'mtls.mode-unknown',
  'mtls.port-level-needs-selector',
  'mtls.port-level-empty',
  'mtls.strict-unacknowledged',
  'mtls.disable-ignored-ambient',
  // AuthorizationPolicy and the allowed-callers form
  'authz.no-callers',
  'authz.scope-conflict',
  'authz.target-refs-too-many',
  'authz.target-ref-incomplete',
  'authz.target-ref-namespace',
  'authz.action-unknown',
  'authz.rules-required',
  'authz.provider-required',
  'authz.provider-not-custom',
  'authz.rules-too-many',
  'authz.from-empty',
  'authz.source-missing',
  'authz.source-empty',
  'authz.to-empty',
  'authz.operation-missing',
  'authz.operation-empty',
  'authz.value-empty',
  'authz.principal-invalid',
  'authz.namespace-invalid',
  'authz.wildcard-invalid',
  'authz.ip-invalid',
  'authz.method-lowercase',
  'authz.method-unknown',
  'authz.path-template-invalid',
  'authz.path-wildcard-invalid',
  'authz.path-not-absolute',
  'authz.custom-identity-field',
  'authz.condition-key-missing',
  'authz.condition-values-missing',
  'authz.custom-identity-condition',
  // AuthorizationPolicy in the ambient data plane (ztunnel and waypoints)
  'authz.l7-on-ztunnel',
  'authz.identity-behind-waypoint',
  'authz.target-no-waypoint',
  'authz.waypoint-missing',
  'authz.waypoint-pending',
  'authz.waypoint-required',
  'authz.waypoint-no-service',
  'authz.waypoint-covers-service',
  // RequestAuthentication
  'jwt.issuer-missing',
  'jwt.issuer-duplicate',
  'jwt.jwks-uri-not-url',
  'jwt.jwks-uri-not-https',
  'jwt.jwks-uri-no-host',
  'jwt.jwks-both',
  'jwt.audience-empty',
  'jwt.header-name-missing',
  'jwt.header-name-invalid',
  'jwt.param-empty',
] as const;

export type SecurityIssueCode = (typeof SECURITY_ISSUE_CODES)[number];

/** An error of the security domain: only a listed code type-checks, so none lacks its words. */
export const securityIssue = (
  code: SecurityIssueCode,
  path: IssuePath,
  params?: IssueParams,
): Issue => issue(code, path, params);

export const securityWarning = (
  code: SecurityIssueCode,
  path: IssuePath,
  params?: IssueParams,
): Issue => issue(code, path, params, 'warning');
