/**
 * The traffic split form: weights per subset of a service, read from and planned onto its
 * VirtualService and DestinationRule (the DestinationRule first: a route may only name subsets
 * that exist).
 */
import type { DestinationRule, VirtualService } from '../../models';
import { DestinationRuleModel, VirtualServiceModel, atVersion } from '../../models';
import { onObject, warning } from '../issues';
import type { Issue } from '../issues';
import { removeTrafficSplit } from '../traffic/removeSplit';
import type { SplitRemoval } from '../traffic/removeSplit';
import { RoutingEditError, applyTrafficSplit, defaultRouteIndex } from '../traffic/trafficSplit';
import {
  crossCheck,
  validateDestinationRule,
  validateRequestedWeights,
  validateVirtualService,
} from '../traffic/validation';
import { planEdits, removal } from './editPlan';
import type { EditPlan } from './editPlan';

export type SplitObjects = { vs?: VirtualService; dr?: DestinationRule };

/**
 * The weights the default route (the last rule without a match) gives each subset, as written:
 * a YAML edit of 70 + 20 reads back as 70 and 20, not as the 78/22 shares they give, so the form
 * never rewrites what the user typed. A lone destination without a weight counts as 100.
 */
export const readSplitWeights = (o: SplitObjects): Record<string, number> => {
  const weights: Record<string, number> = {};
  if (!o.vs) return weights;
  const rule = o.vs.spec?.http?.[defaultRouteIndex(o.vs)];
  const route = rule?.route ?? [];
  for (const d of route) {
    const subset = d.destination?.subset;
    if (subset !== undefined) weights[subset] = d.weight ?? (route.length === 1 ? 100 : 0);
  }
  return weights;
};

export type SplitContext = {
  namespace: string;
  /** The Service's name, the route's host. */
  host: string;
  /** networking.istio.io version served (`v1`, or `v1beta1` on Service Mesh 2.6). */
  version: string;
  /** Subsets the form offers (existing ones and those proposed from the Deployments). */
  subsets: { name: string; labels: Record<string, string> }[];
  /** As read from the cluster: what the plan diffs against and writes over. */
  stored: SplitObjects;
};

/** Shares in percent, one decimal, for weights that do not add up to 100. */
export const splitShares = (weights: Record<string, number>) => {
  const total = Object.values(weights).reduce((s, w) => s + (w > 0 ? w : 0), 0);
  return Object.entries(weights)
    .filter(([, w]) => w > 0)
    .map(([s, w]) => `${s} ${Math.round((1000 * w) / total) / 10} %`)
    .join(', ');
};

/**
 * What Apply would write for these weights, edited onto `base` (the stored objects, or the
 * YAML the user wrote), and what is wrong with it.
 */
export const planSplit = (
  weights: Record<string, number>,
  base: SplitObjects,
  ctx: SplitContext,
): { plan: EditPlan; vs?: VirtualService; dr?: DestinationRule } => {
  const chosen = ctx.subsets.filter((s) => weights[s.name] !== undefined);
  let result: { virtualService: VirtualService; destinationRule: DestinationRule };
  try {
    result = applyTrafficSplit({
      vs: base.vs,
      dr: base.dr,
      host: ctx.host,
      namespace: ctx.namespace,
      subsets: chosen.map(({ name, labels }) => ({ name, labels })),
      weights,
      version: ctx.version,
    });
  } catch (e) {
    // The default route redirects, answers or delegates; or the DestinationRule has no spec.
    if (!(e instanceof RoutingEditError)) throw e;
    return { plan: planEdits([], [e.issue]) };
  }
  const { virtualService: vs, destinationRule: dr } = result;
  const total = Object.values(weights).reduce((s, w) => s + w, 0);
  const issues: Issue[] = [
    ...validateRequestedWeights(weights),
    // Istio takes any total and gives weight / sum; forms write 100, so say what other totals give.
    ...(total !== 100 && total > 0
      ? [warning('split.weights-sum', [], { total, shares: splitShares(weights) })]
      : []),
    ...onObject('DestinationRule', validateDestinationRule(dr)),
    ...onObject('VirtualService', validateVirtualService(vs)),
    ...crossCheck(vs, dr),
  ];
  const plan = planEdits(
    [
      { model: atVersion(DestinationRuleModel, ctx.version), before: ctx.stored.dr, after: dr },
      { model: atVersion(VirtualServiceModel, ctx.version), before: ctx.stored.vs, after: vs },
    ],
    issues,
  );
  return { plan, vs, dr };
};

/**
 * What "Remove split" would write: the VirtualService without the split (removeTrafficSplit),
 * or its deletion when nothing else is in it. Planned from `base` like planSplit; the object
 * deleted is the stored one, at the version read. The DestinationRule is not touched.
 */
export const planSplitRemoval = (
  base: SplitObjects,
  ctx: SplitContext,
): { plan: EditPlan; removal: SplitRemoval; vs?: VirtualService } => {
  // Only a split in the cluster can be removed; one only in unapplied YAML is just discarded.
  if (!ctx.stored.vs) return { plan: planEdits([], []), removal: { kind: 'none' } };
  const result = removeTrafficSplit(base.vs, base.dr ?? ctx.stored.dr, {
    host: ctx.host,
    namespace: ctx.namespace,
  });
  const model = atVersion(VirtualServiceModel, ctx.version);
  if (result.kind === 'update') {
    const vs = result.virtualService;
    const plan = planEdits(
      [{ model, before: ctx.stored.vs, after: vs }],
      onObject('VirtualService', validateVirtualService(vs)),
    );
    return { plan, removal: result, vs };
  }
  if (result.kind === 'delete') {
    return { plan: planEdits([removal(ctx.stored.vs, model)], []), removal: result };
  }
  return { plan: planEdits([], []), removal: { kind: 'none' } };
};

/**
 * The issues a subset's weight field shows: the form's own check on that weight, and whatever is
 * said about the weight of the default route's destination that sends to that subset (ours or
 * the API server's).
 */
export const weightFieldIssues = (
  issues: readonly Issue[],
  vs: VirtualService | undefined,
  subset: string,
): Issue[] =>
  issues.filter((i) => {
    if (i.path[0] === 'weights') return i.path[1] === subset;
    if (i.object !== 'VirtualService') return false;
    const [spec, http, rule, route, dest, field] = i.path;
    if (spec !== 'spec' || http !== 'http' || route !== 'route' || field !== 'weight') return false;
    if (typeof rule !== 'number' || typeof dest !== 'number' || !vs) return false;
    // Only the rule the form splits: a match rule's weights are not these fields'.
    if (rule !== defaultRouteIndex(vs)) return false;
    return vs.spec?.http?.[rule]?.route?.[dest]?.destination?.subset === subset;
  });
