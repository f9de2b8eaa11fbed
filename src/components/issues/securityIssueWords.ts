import { issueText } from './issueText';
import type { IssueText, IssueWords } from './issueText';

/**
 * Words for the security domain's issue codes (`security.*`, `mtls.*`, `authz.*`, `jwt.*`; the
 * list is `SECURITY_ISSUE_CODES` in mesh/security/issueCodes).
 */
export const securityIssueWords: IssueWords = (t, code, p) => {
  switch (code) {
    // Shared by every kind
    case 'security.selector-too-many-labels':
      return t('A selector may have at most {{max}} labels.', p);
    case 'security.selector-label-no-name':
      return t('A selector label needs a name.');
    case 'security.selector-label-name-wildcard':
      return t('Label name "{{label}}" may not contain "*".', p);
    case 'security.selector-label-value-wildcard':
      return t('Label value "{{value}}" may not contain "*".', p);
    case 'security.selector-label-value-too-long':
      return t('Label value for "{{label}}" is longer than {{max}} characters.', p);
    case 'security.port-invalid':
      return t('"{{port}}" is not a port number between {{min}} and {{max}}.', p);

    // PeerAuthentication and the mTLS form
    case 'mtls.mode-unknown':
      return t('Mode must be one of UNSET, DISABLE, PERMISSIVE, STRICT; "{{mode}}" is not.', p);
    case 'mtls.port-level-needs-selector':
      return t(
        'Port-level mTLS needs a workload selector; a namespace- or mesh-wide policy cannot set it.',
      );
    case 'mtls.port-level-empty':
      return t('Port-level mTLS needs at least one port; remove it instead.');
    case 'mtls.strict-unacknowledged':
      return t('STRICT will refuse plaintext callers here: acknowledge it before applying.');
    case 'mtls.disable-ignored-ambient':
      return t(
        'ztunnel ignores DISABLE: the ambient workloads of {{target}} keep mutual TLS with mesh callers and accept plaintext as with PERMISSIVE. Only sidecars apply DISABLE.',
        p,
      );

    // AuthorizationPolicy and the allowed-callers form
    case 'authz.no-callers':
      return t(
        'Choose at least one caller or namespace. A policy without callers would let anyone in; use "Deny all calls" to shut the workload off.',
      );
    case 'authz.scope-conflict':
      return t(
        'Use only one of selector, targetRef and targetRefs to choose what the policy protects.',
      );
    case 'authz.target-refs-too-many':
      return t('At most {{max}} targetRefs.', p);
    case 'authz.target-ref-incomplete':
      return t('A target reference needs both kind and name.');
    case 'authz.target-ref-namespace':
      return t('A target reference must be in the policy’s own namespace.');
    case 'authz.action-unknown':
      return t('Action must be ALLOW, DENY, AUDIT or CUSTOM; "{{action}}" is not.', p);
    case 'authz.rules-required':
      return t(
        'A {{action}} policy needs rules; to match every request use one empty rule ({}).',
        p,
      );
    case 'authz.provider-required':
      return t('A CUSTOM policy needs the name of its external authorization provider.');
    case 'authz.provider-not-custom':
      return t('Only CUSTOM policies name a provider; remove it from this {{action}} policy.', p);
    case 'authz.rules-too-many':
      return t('At most {{max}} rules.', p);
    case 'authz.from-empty':
      return t('An empty "from" list is rejected; remove it to allow any source.');
    case 'authz.source-missing':
      return t('Each "from" needs a source.');
    case 'authz.source-empty':
      return t('A source must set at least one field; remove it instead.');
    case 'authz.to-empty':
      return t('An empty "to" list is rejected; remove it to allow any operation.');
    case 'authz.operation-missing':
      return t('Each "to" needs an operation.');
    case 'authz.operation-empty':
      return t('An operation must set at least one field; remove it instead.');
    case 'authz.value-empty':
      return t('Values may not be empty.');
    case 'authz.principal-invalid':
      return t(
        '"{{principal}}" is not a principal; use <trust-domain>/ns/<namespace>/sa/<service-account>, e.g. cluster.local/ns/bookinfo/sa/bookinfo-productpage.',
        p,
      );
    case 'authz.namespace-invalid':
      return t('"{{namespace}}" is not a namespace name.', p);
    case 'authz.wildcard-invalid':
      return t('"{{value}}" may use "*" only alone, at the start or at the end.', p);
    case 'authz.ip-invalid':
      return t('"{{value}}" is not an IP address or CIDR block.', p);
    case 'authz.method-lowercase':
      return t('Method "{{method}}" must be uppercase, e.g. "{{uppercase}}".', p);
    case 'authz.method-unknown':
      return t('"{{method}}" is not a standard HTTP method.', p);
    case 'authz.path-template-invalid':
      return t(
        'Path "{{path}}" is not a valid template: use whole segments {*}, or {**} as the last segment.',
        p,
      );
    case 'authz.path-wildcard-invalid':
      return t(
        'Path "{{path}}" may use "*" only alone, at the start (suffix match) or at the end (prefix match).',
        p,
      );
    case 'authz.path-not-absolute':
      return t('Path "{{path}}" must start with "/" (or be a "*" pattern).', p);
    case 'authz.custom-identity-field':
      return t(
        'A CUSTOM policy cannot use {{field}}: the external authorizer runs before identities are checked.',
        p,
      );
    case 'authz.condition-key-missing':
      return t('A condition needs a key.');
    case 'authz.condition-values-missing':
      return t('A condition needs values or notValues.');
    case 'authz.custom-identity-condition':
      return t(
        'A CUSTOM policy cannot use the condition "{{condition}}": it depends on identities checked later.',
        p,
      );

    // AuthorizationPolicy in the ambient data plane (ztunnel and waypoints)
    case 'authz.l7-on-ztunnel':
      return t(
        'Policy {{policy}} uses {{fields}}, which ztunnel cannot check: bound by a selector in an ambient namespace it is enforced as a DENY, so the calls it should allow are refused. Attach it to a waypoint with targetRefs (Service or waypoint Gateway) instead.',
        p,
      );
    case 'authz.identity-behind-waypoint':
      return t(
        'Calls to Service {{service}} pass through waypoint {{waypoint}}, so ztunnel sees the waypoint’s identity, not the caller’s: the callers policy {{policy}} names are not recognised. Attach the policy to the waypoint with targetRefs.',
        p,
      );
    case 'authz.target-no-waypoint':
      return t(
        'Policy {{policy}} is attached to Service {{service}}, which uses no waypoint, so nothing enforces it. Label the Service istio.io/use-waypoint with a waypoint.',
        p,
      );
    case 'authz.waypoint-missing':
      return t(
        'Service {{service}} uses waypoint {{waypoint}}, which does not exist, so policy {{policy}} is not enforced. Create the waypoint.',
        p,
      );
    case 'authz.waypoint-pending':
      return t(
        'Waypoint {{waypoint}} is not programmed yet: the policy is enforced once Istio runs it.',
        p,
      );
    case 'authz.waypoint-required':
      return t(
        'This policy must be enforced by a waypoint, and Service {{services}} uses none: choose to set up waypoint {{waypoint}}, or allow callers by identity or namespace only.',
        p,
      );
    case 'authz.waypoint-no-service':
      return t(
        'Methods, paths and end-user tokens are checked by a waypoint, which serves Services, and no Service selects {{workload}}. Create a Service for it, or allow callers by identity or namespace only.',
        p,
      );
    case 'authz.waypoint-covers-service':
      return t(
        'A waypoint enforces the policy for every pod behind Service {{services}}, not only those of {{workload}}.',
        p,
      );

    // RequestAuthentication
    case 'jwt.issuer-missing':
      return t('Enter the issuer (the token’s "iss" claim).');
    case 'jwt.issuer-duplicate':
      return t('Issuer "{{issuer}}" already has a rule in this object; edit that one.', p);
    case 'jwt.jwks-uri-not-url':
      return t('"{{uri}}" is not a URL.', p);
    case 'jwt.jwks-uri-not-https':
      return t('The JWKS URI must use https; "{{uri}}" does not.', p);
    case 'jwt.jwks-uri-no-host':
      return t('"{{uri}}" has no host.', p);
    case 'jwt.jwks-both':
      return t('Set either jwksUri or inline jwks, not both; inline jwks is the one used.');
    case 'jwt.audience-empty':
      return t('Audiences may not be empty.');
    case 'jwt.header-name-missing':
      return t('Enter a header name.');
    case 'jwt.header-name-invalid':
      return t('"{{header}}" is not a valid HTTP header name.', p);
    case 'jwt.param-empty':
      return t('Query parameter names may not be empty.');
    default:
      return undefined;
  }
};

/** The sentence for an issue on the security pages. */
export const securityIssueText: IssueText = (t, i) => issueText(t, i, securityIssueWords);
