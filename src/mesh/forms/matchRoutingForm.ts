/**
 * The A/B (match) routing form: ordered `mcp-` rules, each sending matching requests to weighted
 * versions, and the default route, read from and planned onto a service's VirtualService and
 * DestinationRule (the DestinationRule first: a route may only name subsets that exist).
 */
import type { DestinationRule, VirtualService } from '../../models';
import { DestinationRuleModel, VirtualServiceModel, atVersion } from '../../models';
import { issuesAt, onObject } from '../issues';
import type { Issue, IssuePath } from '../issues';
import { formFromVirtualService, rulesFromForm, subsetsUsed } from '../traffic/matchForm';
import type { MatchFormState } from '../traffic/matchForm';
import {
  RoutingEditError,
  applyMatchRoutes,
  ensureSubsets,
  newDestinationRule,
  newVirtualService,
} from '../traffic/trafficSplit';
import { crossCheck, validateDestinationRule, validateVirtualService } from '../traffic/validation';
import { planEdits } from './editPlan';
import type { EditPlan } from './editPlan';

export type MatchObjects = { vs?: VirtualService; dr?: DestinationRule };

export type MatchContext = {
  namespace: string;
  /** The Service's name, the routes' host. */
  host: string;
  /** networking.istio.io version served (`v1`, or `v1beta1` on Service Mesh 2.6). */
  version: string;
  /** Subsets the form offers (existing ones and those proposed from the Deployments). */
  subsets: { name: string; labels: Record<string, string> }[];
  /** As read from the cluster: what the plan diffs against and writes over. */
  stored: MatchObjects;
};

/** The form's rules and default route as `objects` hold them (the first subset by default). */
export const readMatchRouting = (
  objects: MatchObjects,
  ctx: Pick<MatchContext, 'namespace' | 'host' | 'subsets'>,
): MatchFormState =>
  formFromVirtualService(objects.vs, ctx.host, ctx.namespace, ctx.subsets[0]?.name);

/**
 * Issues about the form's own state (not an object's): located by the form's paths,
 * `['rules', i, 'name']`, `['rules', i, 'conditions', j]`, `['rules', i, 'destinations', k]`,
 * `['default', k]`, `['default']`.
 */
export const isMatchFormIssue = (i: Issue): boolean =>
  i.object === undefined && (i.path[0] === 'rules' || i.path[0] === 'default');

/** The issues a field of the form shows: the form's own, at exactly that path. */
export const matchFieldIssues = (issues: readonly Issue[], path: IssuePath): Issue[] =>
  issuesAt(issues, path).filter(isMatchFormIssue);

/**
 * What Apply would write for this form state, edited onto `base` (the stored objects, or the
 * YAML the user wrote), and what is wrong with it.
 */
export const planMatchRouting = (
  form: MatchFormState,
  base: MatchObjects,
  ctx: MatchContext,
): { plan: EditPlan; vs: VirtualService; dr: DestinationRule } => {
  const built = rulesFromForm(form, ctx.host);
  const baseVs =
    base.vs ??
    newVirtualService({ host: ctx.host, namespace: ctx.namespace, version: ctx.version });
  const used = new Set(subsetsUsed(form));
  const dr = ensureSubsets(
    base.dr ??
      newDestinationRule({ host: ctx.host, namespace: ctx.namespace, version: ctx.version }),
    ctx.subsets.filter((s) => used.has(s.name)).map(({ name, labels }) => ({ name, labels })),
  );
  const issues: Issue[] = [...built.problems];
  let vs: VirtualService = baseVs;
  try {
    vs = applyMatchRoutes(baseVs, built.rules, built.defaultRoute);
  } catch (e) {
    if (!(e instanceof RoutingEditError)) throw e;
    issues.push(e.issue);
  }
  // A field already says what the objects' checks find again (a bad regex, say): once is enough.
  const said = (i: Issue) => JSON.stringify([i.code, i.params ?? {}]);
  const shown = new Set(built.problems.map(said));
  const objectIssues = [
    ...onObject('DestinationRule', validateDestinationRule(dr)),
    ...onObject('VirtualService', validateVirtualService(vs)),
    ...crossCheck(vs, dr),
  ].filter((i) => !shown.has(said(i)));
  const plan = planEdits(
    [
      { model: atVersion(DestinationRuleModel, ctx.version), before: ctx.stored.dr, after: dr },
      { model: atVersion(VirtualServiceModel, ctx.version), before: ctx.stored.vs, after: vs },
    ],
    [...issues, ...objectIssues],
  );
  return { plan, vs, dr };
};
