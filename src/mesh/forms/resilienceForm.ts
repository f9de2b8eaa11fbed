/**
 * The resilience form: timeout, retries and fault injection of one HTTP rule of a service's
 * VirtualService (the default route, or a named rule). The mapping between the form's text and
 * the API's values is in ../traffic/resilienceForm; this plans the write and places the issues.
 */
import type { VirtualService } from '../../models';
import { VirtualServiceModel, atVersion } from '../../models';
import { issue, issuesAt, onObject } from '../issues';
import type { Issue, IssuePath } from '../issues';
import { changesFromForm, formFromRule } from '../traffic/resilienceForm';
import type { ResilienceField, ResilienceForm } from '../traffic/resilienceForm';
import {
  RoutingEditError,
  applyRouteResilience,
  defaultRouteIndex,
  newVirtualService,
  selectRoute,
} from '../traffic/trafficSplit';
import type { RouteSelector } from '../traffic/trafficSplit';
import { validateVirtualService } from '../traffic/validation';
import { planEdits } from './editPlan';
import type { EditPlan } from './editPlan';

/** Which rule the form edits: the default route, or a rule by name. */
export type ResilienceRuleKey = 'default' | `name:${string}`;

export type ResilienceContext = {
  namespace: string;
  /** The Service's name, the route's host. */
  host: string;
  /** networking.istio.io version served (`v1`, or `v1beta1` on Service Mesh 2.6). */
  version: string;
  /** As read from the cluster: what the plan diffs against and writes over. */
  stored?: VirtualService;
};

const selectorOf = (key: ResilienceRuleKey): RouteSelector =>
  key === 'default' ? 'default' : { name: key.slice('name:'.length) };

/**
 * The VirtualService the form edits: `base`, or (a service without one) a new one with a single
 * default route to the service.
 */
export const resilienceBase = (
  base: VirtualService | undefined,
  ctx: Pick<ResilienceContext, 'namespace' | 'host' | 'version'>,
): VirtualService =>
  base ?? {
    ...newVirtualService({ host: ctx.host, namespace: ctx.namespace, version: ctx.version }),
    spec: { hosts: [ctx.host], http: [{ route: [{ destination: { host: ctx.host } }] }] },
  };

/** The rules the form can edit, in the order offered: the default route, then named rules. */
export const resilienceRules = (
  vs: VirtualService,
): ({ key: 'default' } | { key: `name:${string}`; name: string })[] => {
  const http = vs.spec?.http ?? [];
  const defaultIndex = defaultRouteIndex(vs);
  return [
    ...(defaultIndex >= 0 ? [{ key: 'default' as const }] : []),
    ...http.flatMap((r, i) =>
      r.name && i !== defaultIndex ? [{ key: `name:${r.name}` as const, name: r.name }] : [],
    ),
  ];
};

/** The form's fields for a rule of `vs` as it is written. */
export const readResilience = (vs: VirtualService, key: ResilienceRuleKey): ResilienceForm =>
  formFromRule(vs.spec?.http?.[selectRoute(vs, selectorOf(key))]);

/** Where a field's value lives inside its rule; issues at or under these paths are the field's. */
const FIELD_PATHS: Record<ResilienceField, IssuePath[]> = {
  timeout: [['timeout']],
  attempts: [['retries', 'attempts']],
  perTryTimeout: [['retries', 'perTryTimeout']],
  retryOn: [],
  retryOnOther: [['retries', 'retryOn']],
  delay: [['fault', 'delay', 'fixedDelay']],
  delayPercent: [
    ['fault', 'delay', 'percentage'],
    ['fault', 'delay', 'percent'],
  ],
  abortStatus: [
    ['fault', 'abort', 'httpStatus'],
    ['fault', 'abort', 'grpcStatus'],
  ],
  abortPercent: [['fault', 'abort', 'percentage']],
};

const rulePath = (ruleIndex: number): IssuePath => ['spec', 'http', ruleIndex];

/** The VirtualService issues a field of the rule at `ruleIndex` shows. */
export const resilienceFieldIssues = (
  issues: readonly Issue[],
  ruleIndex: number,
  field: ResilienceField,
): Issue[] =>
  FIELD_PATHS[field].flatMap((p) =>
    issuesAt(issues, [...rulePath(ruleIndex), ...p], { object: 'VirtualService', under: true }),
  );

/**
 * What Apply would write for the form's fields on one rule, edited onto `base` (the stored
 * VirtualService or the YAML the user wrote; a new one when there is neither). Groups the user
 * did not touch, compared with what `base` holds, are left exactly as written.
 */
export const planResilience = (
  form: ResilienceForm,
  base: VirtualService | undefined,
  key: ResilienceRuleKey,
  ctx: ResilienceContext,
): { plan: EditPlan; vs: VirtualService; ruleIndex: number } => {
  const edited = resilienceBase(base, ctx);
  const ruleIndex = selectRoute(edited, selectorOf(key));
  const { changes, problems } = changesFromForm(form, readResilience(edited, key));
  // The form's own findings (text that is not a number), at its field's value.
  const issues: Issue[] = onObject(
    'VirtualService',
    problems.map((p) =>
      issue(p.code, [...rulePath(ruleIndex), ...(FIELD_PATHS[p.field][0] ?? [p.field])]),
    ),
  );
  let vs = edited;
  try {
    vs = applyRouteResilience(edited, selectorOf(key), changes);
  } catch (e) {
    if (!(e instanceof RoutingEditError)) throw e;
    issues.push(e.issue);
  }
  const plan = planEdits(
    [{ model: atVersion(VirtualServiceModel, ctx.version), before: ctx.stored, after: vs }],
    [...issues, ...onObject('VirtualService', validateVirtualService(vs))],
  );
  return { plan, vs, ruleIndex };
};
