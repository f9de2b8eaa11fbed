/**
 * The "allowed callers" form: an ALLOW AuthorizationPolicy whose sources are the chosen
 * workloads' identities or namespaces (optionally limited to methods and paths and to requests
 * with an end-user token), or an allow-nothing ("deny all") policy, on every version of an app or
 * on one workload. Reading which policy it edits is `mesh/security/authorizationForm`.
 *
 * For a workload of the ambient data plane the policy takes the form its enforcer needs: bound
 * by selector for ztunnel while it names callers only by identity or namespace (layer 4) and no
 * waypoint is in the way; attached to the workload's Services' waypoint with targetRefs when it
 * checks methods, paths or tokens (layer 7), or when a Service already sends calls through a
 * waypoint (ztunnel then sees the waypoint, not the caller). A missing waypoint is set up only
 * with the user's yes: the Gateway, then the Services' `istio.io/use-waypoint` label.
 */
import type {
  AuthorizationPolicy,
  GatewayApiGateway,
  K8sModel,
  K8sResourceCommon,
  Namespace,
  Service,
} from '../../models';
import { onObject } from '../issues';
import type { Issue } from '../issues';
import {
  ambientPolicyIssues,
  bindToSelector,
  bindToServices,
  isAttached,
  l7FieldNames,
  serviceRefsOf,
  waypointRequired,
} from '../security/ambientAuthorization';
import { buildAllowOnlyPolicy, buildDenyAllPolicy } from '../security/authorization';
import { validateAuthorizationPolicy } from '../security/authorization';
import { allowOnlyFormState } from '../security/authorizationForm';
import type { AllowOnlyFormState } from '../security/authorizationForm';
import { securityIssue, securityWarning } from '../security/issueCodes';
import type { SecurityApiVersion } from '../security/mtls';
import { buildWaypoint, withWaypointLabel, waypointFor, waypointSetup } from '../security/waypoint';
import type { WaypointUse } from '../security/waypoint';
import { planEdits } from './editPlan';
import type { EditPlan, PlannedEdit } from './editPlan';

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

export type AuthzPolicies = {
  allow?: AuthorizationPolicy;
  deny?: AuthorizationPolicy;
  /** The waypoint Gateway and Services as the YAML view last read them, written as they are. */
  extra?: K8sResourceCommon[];
};

/** What the form knows of an ambient workload's surroundings. */
export type AuthzAmbient = {
  /** The Services that select the workload's pods, as read. */
  services: Service[];
  namespace?: Namespace;
  /** The namespace's Gateway API Gateways; undefined when they could not be read. */
  gateways?: GatewayApiGateway[];
  serviceModel: K8sModel;
  gatewayModel: K8sModel;
  /** The workload the form opened on, for messages. */
  workload: string;
  /** Only that workload's pods are protected, while a waypoint serves its whole Service. */
  workloadOnly: boolean;
};

export type AuthzContext = {
  namespace: string;
  target: { name: string; matchLabels: Record<string, string> };
  version: SecurityApiVersion;
  model: K8sModel;
  /** As read from the cluster: the allow-only and allow-nothing policies on the target. */
  stored: AuthzPolicies;
  /** Set for a workload governed by ztunnel (not by a sidecar). */
  ambient?: AuthzAmbient;
};

/** What sets up a waypoint for the policy: the Gateways to create, the Services to label. */
export type WaypointSetup = { waypoint: string; create: string[]; label: string[] };

/**
 * Who enforces the policy the plan writes: the workload's sidecar, ztunnel (bound by selector,
 * layer 4 only), or the waypoint of its Services (attached with targetRefs), and why.
 */
export type AuthzPlacement =
  | { by: 'sidecar' }
  | { by: 'ztunnel' }
  | {
      by: 'waypoint';
      /** The layer-7 fields that need the waypoint; none when a waypoint was in use already. */
      l7Fields: string[];
      services: { name: string; waypoint: WaypointUse }[];
      /** What is missing for the waypoint to enforce it, and whether the plan sets it up. */
      setup?: WaypointSetup & { accepted: boolean };
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
  input: { mode: AuthzMode; state?: AllowOnlyFormState; createWaypoint?: boolean },
  base: AuthzPolicies,
  ctx: AuthzContext,
): {
  plan: EditPlan;
  policy: AuthorizationPolicy;
  before?: AuthorizationPolicy;
  placement: AuthzPlacement;
  /** The waypoint Gateway and Service edits, in write order, before the policy's own. */
  waypointEdits: PlannedEdit[];
} => {
  const issues: Issue[] = [];
  let policy: AuthorizationPolicy;
  let before: AuthorizationPolicy | undefined;
  let formWritten = false;
  if (input.mode === 'allow') {
    before = ctx.stored.allow;
    const state = input.state ?? allowOnlyFormState(base.allow);
    if (!hasCallers(state)) issues.push(securityIssue('authz.no-callers', []));
    if (!input.state && base.allow) policy = base.allow;
    else {
      formWritten = true;
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
  let placement: AuthzPlacement = { by: 'sidecar' };
  let waypointEdits: PlannedEdit[] = [];
  // An allow-nothing policy stays with ztunnel: it refuses every call, the waypoint's included.
  if (ctx.ambient && input.mode === 'allow') {
    const placed = placeForAmbient(policy, formWritten, input.createWaypoint ?? false, base, ctx);
    policy = placed.policy;
    placement = placed.placement;
    waypointEdits = placed.edits;
    issues.push(...placed.issues);
  } else if (ctx.ambient) {
    placement = { by: 'ztunnel' };
  }
  issues.push(...onObject('AuthorizationPolicy', validateAuthorizationPolicy(policy)));
  return {
    plan: planEdits([...waypointEdits, { model: ctx.model, before, after: policy }], issues),
    policy,
    before,
    placement,
    waypointEdits,
  };
};

const sameObject = (a: K8sResourceCommon, b: K8sResourceCommon) =>
  a.kind === b.kind &&
  a.metadata?.name === b.metadata?.name &&
  a.metadata?.namespace === b.metadata?.namespace;

/**
 * The ambient form of an allow policy. One the form wrote is bound where its enforcer needs it;
 * one read as it is (or from the YAML view) keeps its binding. A policy on the waypoint then
 * needs every Service it is attached to to use an existing waypoint: what is missing is set up
 * when `accepted`, else it holds Apply with the reason.
 */
const placeForAmbient = (
  built: AuthorizationPolicy,
  formWritten: boolean,
  accepted: boolean,
  base: AuthzPolicies,
  ctx: AuthzContext,
): {
  policy: AuthorizationPolicy;
  placement: AuthzPlacement;
  edits: PlannedEdit[];
  issues: Issue[];
} => {
  const a = ctx.ambient as AuthzAmbient;
  const issues: Issue[] = [];
  const uses = a.services.map((s) => ({
    name: s.metadata?.name ?? '',
    waypoint: waypointFor(s.metadata?.name ?? '', a.namespace, a.gateways, a.services),
  }));
  const l7Fields = l7FieldNames(built);
  let policy = built;
  if (formWritten) {
    const viaWaypoint = l7Fields.length > 0 || uses.some((u) => u.waypoint.kind === 'waypoint');
    if (!viaWaypoint) policy = bindToSelector(built, ctx.target.matchLabels);
    else if (uses.length === 0) {
      issues.push(securityIssue('authz.waypoint-no-service', [], { workload: a.workload }));
    } else {
      policy = bindToServices(
        built,
        uses.map((u) => u.name),
      );
    }
  }
  if (!isAttached(policy)) {
    issues.push(
      ...onObject(
        'AuthorizationPolicy',
        ambientPolicyIssues(policy, { ambient: true, services: uses }),
      ),
    );
    return { policy, placement: { by: 'ztunnel' }, edits: [], issues };
  }

  const refs = new Set(serviceRefsOf(policy));
  const attached = uses.filter((u) => refs.has(u.name));
  const { waypoint, create, label, needed } = waypointSetup(attached, a.gateways, ctx.namespace);
  const named = attached.flatMap((u) =>
    u.waypoint.kind === 'waypoint' && u.waypoint.state === 'missing' ? [u.waypoint.name] : [],
  );
  const edits: PlannedEdit[] = [];
  if (needed && accepted) {
    const fromYaml = <T extends K8sResourceCommon>(obj: T): T =>
      (base.extra?.find((o) => sameObject(o, obj)) as T | undefined) ?? obj;
    for (const name of create) {
      edits.push({ model: a.gatewayModel, after: fromYaml(buildWaypoint(ctx.namespace, name)) });
    }
    for (const name of label) {
      const service = a.services.find((s) => s.metadata?.name === name) as Service;
      edits.push({
        model: a.serviceModel,
        before: service,
        after: fromYaml(withWaypointLabel(service, waypoint)),
      });
    }
  } else if (needed) {
    const lacking = attached
      .filter(
        (u) =>
          label.includes(u.name) ||
          (u.waypoint.kind === 'waypoint' && named.includes(u.waypoint.name)),
      )
      .map((u) => u.name);
    issues.push(waypointRequired(lacking, create[0] ?? waypoint));
  }
  if (a.workloadOnly) {
    issues.push(
      securityWarning('authz.waypoint-covers-service', ['spec', 'targetRefs'], {
        services: attached.map((u) => u.name).join(', '),
        workload: a.workload,
      }),
    );
  }
  // Judged as the cluster will be once the setup is written: a new waypoint starts unprogrammed.
  const written = needed && accepted;
  const servicesAfter = written
    ? a.services.map((s) =>
        label.includes(s.metadata?.name ?? '') ? withWaypointLabel(s, waypoint) : s,
      )
    : a.services;
  const gatewaysAfter = written
    ? [...(a.gateways ?? []), ...create.map((name) => buildWaypoint(ctx.namespace, name))]
    : a.gateways;
  const after = attached.map((u) => ({
    name: u.name,
    waypoint: waypointFor(u.name, a.namespace, gatewaysAfter, servicesAfter),
  }));
  const found = ambientPolicyIssues(policy, { ambient: true, services: after }).filter(
    // What waypointRequired already says, not said twice.
    (i) =>
      accepted ||
      !needed ||
      (i.code !== 'authz.target-no-waypoint' && i.code !== 'authz.waypoint-missing'),
  );
  issues.push(...onObject('AuthorizationPolicy', found));
  return {
    policy,
    placement: {
      by: 'waypoint',
      l7Fields,
      services: attached,
      ...(needed ? { setup: { waypoint, create, label, accepted } } : {}),
    },
    edits,
    issues,
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
