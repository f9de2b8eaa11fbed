/**
 * Every issue code the ingress domain emits (exposing a Service through a Gateway API Gateway and
 * an HTTPRoute). The words for each are in `components/issues/ingressIssueWords`; a test checks
 * that none is missing and that the sources emit no code left off this list.
 */
export const INGRESS_ISSUE_CODES = [
  // Names (validation.ts)
  'ingress.gateway.name-invalid',
  'ingress.route.name-invalid',
  // Hostnames, as Gateway API's Hostname type accepts them (validation.ts)
  'ingress.hostname.invalid',
  'ingress.hostname.ip',
  'ingress.hostname.wildcard',
  'ingress.hostname.too-long',
  // Ports and paths (validation.ts)
  'ingress.port.invalid',
  'ingress.path.invalid',
  // The form's choices against the cluster (exposeForm.ts)
  'ingress.class.required',
  'ingress.class.not-offered',
  'ingress.class.openshift-namespace',
  'ingress.gateway.required',
  'ingress.gateway.name-taken',
  'ingress.gateway.not-found',
  'ingress.gateway.waypoint',
  'ingress.listener.not-found',
  'ingress.listener.not-http',
  'ingress.listener.namespace-not-allowed',
  'ingress.listener.none-allows',
  'ingress.hostname.no-listener-match',
  'ingress.service-port.required',
  'ingress.service-port.not-found',
  'ingress.route.name-taken',
] as const;

export type IngressIssueCode = (typeof INGRESS_ISSUE_CODES)[number];
