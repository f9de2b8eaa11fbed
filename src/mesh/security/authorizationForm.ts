/**
 * The "allowed callers" form's state read back from an existing policy, and which existing policy
 * the form edits, so opening the form on a protected workload shows what is in force.
 */
import type { AuthorizationPolicy } from '../../models';
import { serviceRefsOf } from './ambientAuthorization';
import { parsePrincipal } from './authorization';
import type { CallerWorkload } from './authorization';
import { sameLabels } from './selector';

export type AllowOnlyFormState = {
  callers: CallerWorkload[];
  namespaces: string[];
  methods: string[];
  paths: string[];
  requireJwt: boolean;
  /** Principals the form cannot show as a workload (wildcards, other trust domains): kept as text. */
  otherPrincipals: string[];
};

/**
 * ALLOW policies in `namespace` whose selector is exactly `matchLabels`, then (for an ambient
 * workload, whose policy may sit on its waypoint) those attached to exactly these `services`.
 */
const selecting = (
  aps: AuthorizationPolicy[],
  namespace: string,
  matchLabels: Record<string, string>,
  services: string[] = [],
) => {
  const allow = aps.filter(
    (p) => p.metadata?.namespace === namespace && (p.spec?.action ?? 'ALLOW') === 'ALLOW',
  );
  const attached = (p: AuthorizationPolicy) => !!p.spec?.targetRef || !!p.spec?.targetRefs?.length;
  const bySelector = allow.filter(
    (p) => !attached(p) && sameLabels(p.spec?.selector?.matchLabels, matchLabels),
  );
  const wanted = new Set(services);
  const byService = allow.filter((p) => {
    const refs = serviceRefsOf(p);
    return (
      wanted.size > 0 &&
      refs.length === (p.spec?.targetRefs?.length ?? (p.spec?.targetRef ? 1 : 0)) &&
      refs.length === wanted.size &&
      refs.every((r) => wanted.has(r))
    );
  });
  return [...bySelector, ...byService];
};

/**
 * The allow-only policy to edit: an ALLOW policy with rules on exactly these labels, or attached
 * to exactly these Services (an ambient workload's policy on its waypoint).
 */
export const findAllowOnlyPolicy = (
  aps: AuthorizationPolicy[],
  namespace: string,
  matchLabels: Record<string, string>,
  services: string[] = [],
): AuthorizationPolicy | undefined =>
  selecting(aps, namespace, matchLabels, services).find((p) => (p.spec?.rules?.length ?? 0) > 0);

/** The allow-nothing ("deny all") policy on exactly these labels, if there is one. */
export const findAllowNothingPolicy = (
  aps: AuthorizationPolicy[],
  namespace: string,
  matchLabels: Record<string, string>,
): AuthorizationPolicy | undefined =>
  selecting(aps, namespace, matchLabels).find((p) => !p.spec?.rules?.length);

/** What the form shows for a policy: its first rule's sources and operation (the part it owns). */
export const allowOnlyFormState = (ap: AuthorizationPolicy | undefined): AllowOnlyFormState => {
  const rule = ap?.spec?.rules?.[0];
  const state: AllowOnlyFormState = {
    callers: [],
    namespaces: [],
    methods: [...(rule?.to?.[0]?.operation?.methods ?? [])],
    paths: [...(rule?.to?.[0]?.operation?.paths ?? [])],
    requireJwt: false,
    otherPrincipals: [],
  };
  for (const { source } of rule?.from ?? []) {
    for (const raw of source?.principals ?? []) {
      const p = parsePrincipal(raw);
      if (p.namespace && p.serviceAccount && p.trustDomain === 'cluster.local') {
        state.callers.push({ namespace: p.namespace, serviceAccount: p.serviceAccount });
      } else state.otherPrincipals.push(raw);
    }
    state.namespaces.push(...(source?.namespaces ?? []));
    if (source?.requestPrincipals?.includes('*')) state.requireJwt = true;
  }
  return state;
};
