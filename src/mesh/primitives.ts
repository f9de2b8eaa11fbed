/**
 * The small rules every domain checks the same way, written once: names, header names, HTTP
 * methods, service-account principals, and copying an object before editing it. Traffic and
 * security validation import these instead of keeping their own copies (which had drifted: two
 * method lists disagreed on CONNECT and TRACE).
 */

/** A deep copy of a plain object from the cluster, to edit without touching what was read. */
export const clone = <T>(obj: T): T => structuredClone(obj);

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A Kubernetes name of one DNS-1123 label: lowercase letters, digits and "-", at most 63. */
export const isDnsLabel = (s: string): boolean => s.length <= 63 && DNS1123_LABEL.test(s);

/** An HTTP header name as Istio's match and policy fields accept it. */
export const isHeaderName = (s: string): boolean => /^[-_A-Za-z0-9]+$/.test(s);

/** The HTTP methods a route match or a policy may name (RFC 9110 and PATCH). */
export const HTTP_METHODS: readonly string[] = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'OPTIONS',
  'CONNECT',
  'TRACE',
];

/**
 * A SPIFFE-style principal as AuthorizationPolicy names a workload's identity:
 * `<trust domain>/ns/<namespace>/sa/<service account>`.
 */
export const isPrincipal = (s: string): boolean =>
  /^[^/]+\/ns\/[a-z0-9]([-a-z0-9]*[a-z0-9])?\/sa\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(s);
