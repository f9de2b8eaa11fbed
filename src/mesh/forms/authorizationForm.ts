/**
 * The "allowed callers" form: an ALLOW AuthorizationPolicy whose sources are the chosen
 * workloads' identities or namespaces (optionally limited to methods and paths and to requests
 * with an end-user token), or an allow-nothing ("deny all") policy, on every version of an app or
 * on one workload. Reading which policy it edits is `mesh/security/authorizationForm`.
 */
import type { AuthorizationPolicy, K8sModel } from '../../models';
import { onObject } from '../issues';
import type { Issue } from '../issues';
import { buildAllowOnlyPolicy, buildDenyAllPolicy } from '../security/authorization';
import { validateAuthorizationPolicy } from '../security/authorization';
import { allowOnlyFormState } from '../security/authorizationForm';
import type { AllowOnlyFormState } from '../security/authorizationForm';
import { securityIssue } from '../security/issueCodes';
import type { SecurityApiVersion } from '../security/mtls';
import { planEdits } from './editPlan';
import type { EditPlan } from './editPlan';

export type AuthzScope = 'app' | 'workload';
export type AuthzMode = 'allow' | 'deny';

/** What the policy selects and is named after: the app's label, or the workload's own selector. */
export const authzTarget = (
  workload: { name: string; app?: string; selector: Record<string, string> },
  scope: AuthzScope,
): { name: string; matchLabels: Record<string, string> } =>
  scope === 'app' && workload.app
    ? { name: workload.app, matchLabels: { app: workload.app } }
    : { name: workload.name, matchLabels: { ...workload.selector } };

/** Opening the form: a deny-all in force (and no allow-only policy) opens as "Deny all calls". */
export const defaultAuthzMode = (
  allowOnly: AuthorizationPolicy | undefined,
  allowNothing: AuthorizationPolicy | undefined,
): AuthzMode => (allowNothing && !allowOnly ? 'deny' : 'allow');

export type AuthzPolicies = { allow?: AuthorizationPolicy; deny?: AuthorizationPolicy };

export type AuthzContext = {
  namespace: string;
  target: { name: string; matchLabels: Record<string, string> };
  version: SecurityApiVersion;
  model: K8sModel;
  /** As read from the cluster: the allow-only and allow-nothing policies on the target. */
  stored: AuthzPolicies;
};

/** A policy that names no caller lets anyone in: the form refuses it. */
const hasCallers = (s: AllowOnlyFormState) =>
  s.callers.length > 0 || s.namespaces.length > 0 || s.otherPrincipals.length > 0 || s.requireJwt;

/**
 * What Apply would write. `state` is the allow form's fields; undefined means "as `base` says"
 * (nothing edited since it was read, or since the YAML view changed it), so an object the form
 * cannot show in full is written exactly as it is.
 */
export const planAuthorization = (
  input: { mode: AuthzMode; state?: AllowOnlyFormState },
  base: AuthzPolicies,
  ctx: AuthzContext,
): { plan: EditPlan; policy: AuthorizationPolicy; before?: AuthorizationPolicy } => {
  const issues: Issue[] = [];
  let policy: AuthorizationPolicy;
  let before: AuthorizationPolicy | undefined;
  if (input.mode === 'allow') {
    before = ctx.stored.allow;
    const state = input.state ?? allowOnlyFormState(base.allow);
    if (!hasCallers(state)) issues.push(securityIssue('authz.no-callers', []));
    if (!input.state && base.allow) policy = base.allow;
    else {
      policy = buildAllowOnlyPolicy(
        {
          namespace: ctx.namespace,
          name: `${ctx.target.name}-allowed-callers`,
          matchLabels: ctx.target.matchLabels,
          callers: { workloads: state.callers, namespaces: state.namespaces },
          methods: state.methods,
          paths: state.paths,
          requireJwt: state.requireJwt,
        },
        ctx.version,
        base.allow,
      );
      // Principals the form cannot show (wildcards, other trust domains) stay as they were.
      const rule = policy.spec?.rules?.[0];
      if (state.otherPrincipals.length && rule) {
        rule.from = [...(rule.from ?? []), { source: { principals: state.otherPrincipals } }];
      }
    }
  } else {
    before = ctx.stored.deny;
    policy =
      base.deny ??
      buildDenyAllPolicy(
        {
          namespace: ctx.namespace,
          name: `${ctx.target.name}-deny-all`,
          matchLabels: ctx.target.matchLabels,
        },
        ctx.version,
      );
  }
  issues.push(...onObject('AuthorizationPolicy', validateAuthorizationPolicy(policy)));
  return {
    plan: planEdits([{ model: ctx.model, before, after: policy }], issues),
    policy,
    before,
  };
};

/**
 * Under "Deny all calls": the workload's other ALLOW policies with rules, which still let their
 * callers in (an allow-nothing policy only denies what no ALLOW policy allows).
 */
export const otherAllowPolicies = (
  policies: AuthorizationPolicy[],
  mode: AuthzMode,
  written: string | undefined,
): AuthorizationPolicy[] =>
  mode === 'deny'
    ? policies.filter(
        (p) =>
          (p.spec?.action ?? 'ALLOW') === 'ALLOW' &&
          (p.spec?.rules?.length ?? 0) > 0 &&
          p.metadata?.name !== written,
      )
    : [];
