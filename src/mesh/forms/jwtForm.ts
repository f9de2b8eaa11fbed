/**
 * The end-user token form: the JWT issuer a namespace or workload accepts (its
 * RequestAuthentication's first rule) and, optionally, that a valid token is required (an ALLOW
 * policy with requestPrincipals). The RequestAuthentication is written first: tokens must be
 * accepted before they are required.
 */
import type { AuthorizationPolicy, K8sModel, RequestAuthentication } from '../../models';
import { commaList } from '../commaList';
import { onObject } from '../issues';
import type { Issue } from '../issues';
import { buildAllowOnlyPolicy, validateAuthorizationPolicy } from '../security/authorization';
import { allowOnlyFormState } from '../security/authorizationForm';
import type { SecurityApiVersion } from '../security/mtls';
import {
  buildRequestAuthentication,
  setJwtRule,
  validateRequestAuthentication,
} from '../security/requestAuthentication';
import type { JwtRuleInput } from '../security/requestAuthentication';
import { planEdits } from './editPlan';
import type { EditPlan, PlannedEdit } from './editPlan';

/** The form's text fields, as typed. */
export type JwtFields = {
  issuer: string;
  jwksUri: string;
  audiences: string;
  header: string;
  prefix: string;
  params: string;
};

/** The fields as the RequestAuthentication's first rule says (none: all empty). */
export const readJwtFields = (ra: RequestAuthentication | undefined): JwtFields => {
  const rule = ra?.spec?.jwtRules?.[0];
  return {
    issuer: rule?.issuer ?? '',
    jwksUri: rule?.jwksUri ?? '',
    audiences: (rule?.audiences ?? []).join(', '),
    header: rule?.fromHeaders?.[0]?.name ?? '',
    prefix: rule?.fromHeaders?.[0]?.prefix ?? '',
    params: (rule?.fromParams ?? []).join(', '),
  };
};

/** The rule the fields describe; the form shows the first header location, further ones stay. */
export const jwtRuleOf = (f: JwtFields, existing?: RequestAuthentication): JwtRuleInput => {
  const oldHeaders = existing?.spec?.jwtRules?.[0]?.fromHeaders ?? [];
  return {
    issuer: f.issuer.trim(),
    jwksUri: f.jwksUri.trim() || undefined,
    audiences: commaList(f.audiences),
    fromHeaders: f.header.trim()
      ? [
          { name: f.header.trim(), ...(f.prefix ? { prefix: f.prefix } : {}) },
          ...oldHeaders.slice(1),
        ]
      : oldHeaders.slice(1),
    fromParams: commaList(f.params),
  };
};

/** Which part of `spec.jwtRules[0]` each field edits (the prefix is part of the header's). */
const FIELD_OF_RULE: Record<keyof JwtFields, string> = {
  issuer: 'issuer',
  jwksUri: 'jwksUri',
  audiences: 'audiences',
  header: 'fromHeaders',
  prefix: 'fromHeaders',
  params: 'fromParams',
};

/** The issues a field shows: those about its part of the first rule, anywhere inside it. */
export const jwtFieldIssues = (issues: readonly Issue[], field: keyof JwtFields): Issue[] =>
  field === 'prefix'
    ? []
    : issues.filter(
        (i) =>
          i.object === 'RequestAuthentication' &&
          i.path[0] === 'spec' &&
          i.path[1] === 'jwtRules' &&
          i.path[2] === 0 &&
          i.path[3] === FIELD_OF_RULE[field],
      );

export type JwtObjects = { ra?: RequestAuthentication; ap?: AuthorizationPolicy };

export type JwtContext = {
  namespace: string;
  /** The workload's app (or its name) for a workload's form; absent for the namespace's. */
  workload?: { target: string; matchLabels: Record<string, string> };
  version: SecurityApiVersion;
  raModel: K8sModel;
  apModel: K8sModel;
  /** As read from the cluster: what the plan diffs against and writes over. */
  stored: JwtObjects;
};

/** Whether the policy already requires a token (the form then cannot take that back). */
export const jwtRequired = (ap: AuthorizationPolicy | undefined): boolean =>
  allowOnlyFormState(ap).requireJwt;

/**
 * What Apply would write. `fields` undefined: the RequestAuthentication as `base` has it (none:
 * nothing typed yet, so nothing proposed and no errors shouted at an empty form). `require`
 * undefined or already so: the policy as `base` has it.
 */
export const planJwt = (
  input: { fields?: JwtFields; require?: boolean },
  base: JwtObjects,
  ctx: JwtContext,
): { plan: EditPlan; ra?: RequestAuthentication; ap?: AuthorizationPolicy } => {
  const target = ctx.workload?.target ?? ctx.namespace;
  const matchLabels = ctx.workload?.matchLabels ?? {};
  let ra = base.ra;
  if (input.fields) {
    const rule = jwtRuleOf(input.fields, base.ra);
    ra = base.ra
      ? setJwtRule(base.ra, rule, base.ra.spec?.jwtRules?.[0]?.issuer)
      : buildRequestAuthentication(
          { namespace: ctx.namespace, name: `${target}-jwt`, matchLabels, rule },
          ctx.version,
        );
  }
  let ap = base.ap;
  if (input.require && !jwtRequired(base.ap)) {
    const s = allowOnlyFormState(base.ap);
    ap = buildAllowOnlyPolicy(
      {
        namespace: ctx.namespace,
        name: `${target}-require-jwt`,
        matchLabels,
        callers: { workloads: s.callers, namespaces: s.namespaces },
        methods: s.methods,
        paths: s.paths,
        requireJwt: true,
      },
      ctx.version,
      base.ap,
    );
    // A namespace-wide policy has no selector at all (an empty one would read as a mistake).
    if (!ctx.workload && ap.spec) delete ap.spec.selector;
  }
  const proposed: PlannedEdit[] = [
    // Tokens must be accepted before they are required: the RequestAuthentication goes first.
    ...(ra ? [{ model: ctx.raModel, before: ctx.stored.ra, after: ra }] : []),
    ...(ap ? [{ model: ctx.apModel, before: ctx.stored.ap, after: ap }] : []),
  ];
  const plan = planEdits(proposed, []);
  const written = new Set(plan.edits.map((e) => e.after));
  // Only what would be written is checked: an unrelated stored policy is not this form's problem.
  const issues: Issue[] = [
    ...(ra && written.has(ra)
      ? onObject('RequestAuthentication', validateRequestAuthentication(ra))
      : []),
    ...(ap && written.has(ap)
      ? onObject('AuthorizationPolicy', validateAuthorizationPolicy(ap))
      : []),
  ];
  return { plan: planEdits(proposed, issues), ra, ap };
};
