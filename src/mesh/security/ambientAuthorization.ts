/**
 * AuthorizationPolicy in Istio's ambient mode. ztunnel, which enforces a policy bound with a
 * workload `selector`, reads only layer-4 attributes (identities, namespaces, IPs, ports); any
 * layer-7 attribute needs a waypoint, which enforces policies attached to it with `targetRefs`.
 * ztunnel fails safe on a layer-7 policy: it enforces it as a DENY, so an ALLOW policy with
 * methods or paths turns away the very calls it meant to let in.
 */
import type { AuthorizationPolicy, AuthorizationPolicySpec } from '../../models';
import type { Issue, IssuePath } from '../issues';
import { clone } from '../primitives';
import { securityIssue, securityWarning } from './issueCodes';
import { hasSelector } from './selector';
import type { WaypointUse } from './waypoint';

/** The `when` keys ztunnel evaluates; every other condition is layer 7. */
export const L4_CONDITION_KEYS: readonly string[] = [
  'source.ip',
  'remote.ip',
  'source.namespace',
  'source.principal',
  'destination.ip',
  'destination.port',
];

/** Source and operation fields only a waypoint (or sidecar) can evaluate. */
const L7_SOURCE_FIELDS = ['requestPrincipals', 'notRequestPrincipals'] as const;
const L7_OPERATION_FIELDS = [
  'hosts',
  'notHosts',
  'methods',
  'notMethods',
  'paths',
  'notPaths',
] as const;

/** Kiali's codes for the same findings, for pages that show both. */
export const AMBIENT_KIALI_CODES = {
  'authz.l7-on-ztunnel': 'KIA0109',
  'authz.target-no-waypoint': 'KIA1317',
} as const;

export type L7Attribute = {
  /** The field (`methods`) or condition key (`request.headers[x-team]`) that needs layer 7. */
  field: string;
  path: IssuePath;
};

/** Every layer-7 attribute a policy uses, where it is. */
export const l7Attributes = (ap: AuthorizationPolicy): L7Attribute[] => {
  const found: L7Attribute[] = [];
  (ap.spec?.rules ?? []).forEach((rule, r) => {
    const at: IssuePath = ['spec', 'rules', r];
    (rule.from ?? []).forEach((f, i) => {
      for (const field of L7_SOURCE_FIELDS) {
        if (f.source?.[field] !== undefined) {
          found.push({ field, path: [...at, 'from', i, 'source', field] });
        }
      }
    });
    (rule.to ?? []).forEach((t, i) => {
      for (const field of L7_OPERATION_FIELDS) {
        if (t.operation?.[field] !== undefined) {
          found.push({ field, path: [...at, 'to', i, 'operation', field] });
        }
      }
    });
    (rule.when ?? []).forEach((c, i) => {
      if (c.key && !L4_CONDITION_KEYS.includes(c.key)) {
        found.push({ field: c.key, path: [...at, 'when', i, 'key'] });
      }
    });
  });
  return found;
};

/** 'L4' when ztunnel can enforce every attribute of the policy, else 'L7' (needs a waypoint). */
export const policyLayer = (ap: AuthorizationPolicy): 'L4' | 'L7' =>
  l7Attributes(ap).length > 0 ? 'L7' : 'L4';

/** The distinct layer-7 fields, in the order they appear, for a message. */
export const l7FieldNames = (ap: AuthorizationPolicy): string[] => [
  ...new Set(l7Attributes(ap).map((a) => a.field)),
];

/** Bound to a proxy with targetRef(s) (a waypoint or gateway) rather than to workloads. */
export const isAttached = (ap: AuthorizationPolicy): boolean =>
  !!ap.spec?.targetRef || (ap.spec?.targetRefs?.length ?? 0) > 0;

const refsOf = (ap: AuthorizationPolicy) =>
  ap.spec?.targetRefs ?? (ap.spec?.targetRef ? [ap.spec.targetRef] : []);

/** The Services (core group) a policy is attached to. */
export const serviceRefsOf = (ap: AuthorizationPolicy): string[] =>
  refsOf(ap)
    .filter((r) => r.kind === 'Service' && !r.group)
    .map((r) => r.name);

/** The Gateway API Gateways (waypoints, or ingress gateways) a policy is attached to. */
export const gatewayRefsOf = (ap: AuthorizationPolicy): string[] =>
  refsOf(ap)
    .filter((r) => r.kind === 'Gateway' && r.group === 'gateway.networking.k8s.io')
    .map((r) => r.name);

/** Where a policy is enforced for an ambient workload. */
export type AmbientEnforcer = 'ztunnel' | 'waypoint';

export const ambientEnforcer = (ap: AuthorizationPolicy): AmbientEnforcer =>
  isAttached(ap) ? 'waypoint' : 'ztunnel';

/**
 * Whether the policy tells callers apart by mTLS identity: behind a waypoint, ztunnel sees the
 * waypoint's identity instead of the caller's, so such a rule no longer matches the caller.
 */
export const namesCallerIdentity = (ap: AuthorizationPolicy): boolean =>
  (ap.spec?.rules ?? []).some(
    (r) =>
      (r.from ?? []).some(
        (f) =>
          !!(
            f.source?.principals?.length ||
            f.source?.notPrincipals?.length ||
            f.source?.namespaces?.length ||
            f.source?.notNamespaces?.length
          ),
      ) || (r.when ?? []).some((c) => c.key === 'source.principal' || c.key === 'source.namespace'),
  );

/** The policy bound to workloads by `selector` (enforced by a sidecar or by ztunnel). */
export const bindToSelector = (
  ap: AuthorizationPolicy,
  matchLabels: Record<string, string>,
): AuthorizationPolicy => {
  const next = clone(ap);
  const spec: Record<string, unknown> = { ...next.spec };
  delete spec.targetRef;
  delete spec.targetRefs;
  next.spec = {
    ...spec,
    selector: { ...next.spec?.selector, matchLabels: { ...matchLabels } },
  } as AuthorizationPolicySpec;
  return next;
};

/** The policy attached to these Services' waypoint(s) with `targetRefs` instead of a selector. */
export const bindToServices = (
  ap: AuthorizationPolicy,
  services: string[],
): AuthorizationPolicy => {
  const next = clone(ap);
  const spec: Record<string, unknown> = { ...next.spec };
  delete spec.selector;
  delete spec.targetRef;
  next.spec = {
    ...spec,
    targetRefs: services.map((name) => ({ kind: 'Service', group: '', name })),
  } as AuthorizationPolicySpec;
  return next;
};

/** What the ambient checks need to know of one workload. */
export type AmbientWorkload = {
  /** Governed by ztunnel (see isAmbientWorkload); the checks say nothing otherwise. */
  ambient: boolean;
  /** The Services that select its pods, and the waypoint each uses. */
  services: { name: string; waypoint: WaypointUse }[];
};

/**
 * What goes wrong with a policy that applies to an ambient workload:
 * - a layer-7 policy enforced by ztunnel (bound by selector, or namespace- or mesh-wide) fails
 *   closed (Kiali's KIA0109);
 * - a policy enforced by ztunnel names callers by identity, but calls through a Service's
 *   waypoint arrive with the waypoint's identity, so those callers are no longer recognised;
 * - a policy attached to a Service that uses no waypoint is not enforced at all (Kiali's
 *   KIA1317), and one whose waypoint is missing or not running yet is not enforced for now.
 * Each issue names the policy (`policy`), so a row can list those of several policies.
 */
export const ambientPolicyIssues = (ap: AuthorizationPolicy, w: AmbientWorkload): Issue[] => {
  if (!w.ambient) return [];
  const policy = ap.metadata?.name ?? '';
  const issues: Issue[] = [];
  if (!isAttached(ap)) {
    const fields = l7FieldNames(ap);
    if (fields.length > 0) {
      issues.push(
        securityWarning(
          'authz.l7-on-ztunnel',
          hasSelector(ap.spec?.selector) ? ['spec', 'selector'] : ['spec'],
          { policy, fields: fields.join(', ') },
        ),
      );
    }
    if (namesCallerIdentity(ap)) {
      for (const s of w.services) {
        if (s.waypoint.kind !== 'waypoint') continue;
        issues.push(
          securityWarning('authz.identity-behind-waypoint', ['spec', 'rules'], {
            policy,
            service: s.name,
            waypoint: s.waypoint.name,
          }),
        );
      }
    }
    return issues;
  }
  const refs = new Set(serviceRefsOf(ap));
  for (const s of w.services.filter((x) => refs.has(x.name))) {
    const at = ['spec', 'targetRefs'];
    if (s.waypoint.kind === 'none') {
      issues.push(securityWarning('authz.target-no-waypoint', at, { policy, service: s.name }));
    } else if (s.waypoint.state === 'missing') {
      issues.push(
        securityWarning('authz.waypoint-missing', at, {
          policy,
          service: s.name,
          waypoint: s.waypoint.name,
        }),
      );
    } else if (s.waypoint.state === 'pending') {
      issues.push(securityWarning('authz.waypoint-pending', at, { waypoint: s.waypoint.name }));
    }
  }
  return issues;
};

/** Where the form's issue about setting up a waypoint sits: its checkbox, not a field. */
export const CREATE_WAYPOINT_PATH = ['createWaypoint'] as const;

/** The form needs a waypoint the user has not agreed to set up: Apply waits for the yes. */
export const waypointRequired = (services: string[], waypoint: string): Issue =>
  securityIssue('authz.waypoint-required', [...CREATE_WAYPOINT_PATH], {
    services: services.join(', '),
    waypoint,
  });
