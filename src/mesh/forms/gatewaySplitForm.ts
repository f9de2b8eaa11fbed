/**
 * The traffic split form written in Gateway API: weights per version of a Service on the default
 * rule of an HTTPRoute (or GRPCRoute) whose parent is the Service itself (GAMMA mesh routing).
 * Gateway API has no subsets, so each version is a Service of its own; the form creates the ones
 * missing. On an ambient namespace only a waypoint applies such a route, so the plan also sets
 * one up for the Service when the user agrees, and says what happens otherwise.
 *
 * Write order: the waypoint Gateway, the version Services, the Service's waypoint label, then the
 * route (a route naming a Service that does not exist yet would be refused its ResolvedRefs).
 */
import { ServiceModel, GatewayApiGatewayModel } from '../../models';
import type { K8sModel, Namespace, Service } from '../../models';
import type { GatewayApiGateway } from '../../models';
import { onObject, warning } from '../issues';
import type { Issue } from '../issues';
import { buildWaypoint, waypointFor, waypointSetup, withWaypointLabel } from '../security/waypoint';
import {
  GatewayRouteEditError,
  defaultRuleIndex,
  editGatewaySplit,
  readGatewaySplit,
  removeGatewaySplit,
} from '../traffic/gatewayRoutes';
import type { GatewayRoute, GatewayRouteKind } from '../traffic/gatewayRoutes';
import { crossCheckGatewayRoute, validateGatewayRoute } from '../traffic/gatewayValidation';
import { validateRequestedWeights } from '../traffic/validation';
import type { VersionBackend } from '../traffic/versionServices';
import { planEdits, removal } from './editPlan';
import type { EditPlan, PlannedEdit } from './editPlan';
import { splitShares } from './trafficSplitForm';

export type GatewaySplitObjects = { route?: GatewayRoute };

export type { VersionBackend };

export type GatewaySplitContext = {
  namespace: string;
  /** The Service whose traffic is split: the route's parent. */
  service: Service;
  kind: GatewayRouteKind;
  routeModel: K8sModel;
  /** The Service port the route attaches to (GAMMA routes name one). */
  port?: number;
  backends: VersionBackend[];
  /** The namespace's Services as read. */
  services: Service[];
  /** As read from the cluster: what the plan diffs against and writes over. */
  stored: GatewaySplitObjects;
  /**
   * On an ambient namespace: what decides the waypoint, and whether the user agreed to set one
   * up. Absent with sidecars, which apply mesh routes themselves.
   */
  ambient?: {
    namespaceObject?: Namespace;
    /** The namespace's Gateways; undefined when they could not be read. */
    gateways?: GatewayApiGateway[];
    setUpWaypoint: boolean;
  };
};

/** The weights the route's default rule gives each backend Service, as written (default 1). */
export const readGatewayWeights = (o: GatewaySplitObjects): Record<string, number> =>
  o.route ? readGatewaySplit(o.route) : {};

/** What the plan does about the waypoint, for the form to say. */
export type WaypointPlan =
  | { kind: 'not-needed' }
  /** The Service goes through this waypoint already (its state as read). */
  | { kind: 'in-use'; waypoint: string }
  /** Missing: `create` Gateways and the Service's label, written when `accepted`. */
  | { kind: 'setup'; waypoint: string; create: string[]; label: boolean; accepted: boolean };

const waypointPlan = (ctx: GatewaySplitContext) => {
  const name = ctx.service.metadata?.name ?? '';
  const a = ctx.ambient;
  if (!a) return { plan: { kind: 'not-needed' } as WaypointPlan, edits: [], issues: [] };
  const use = waypointFor(name, a.namespaceObject, a.gateways, ctx.services);
  const need = waypointSetup([{ name, waypoint: use }], a.gateways, ctx.namespace);
  if (!need.needed) {
    const waypoint = use.kind === 'waypoint' ? use.name : need.waypoint;
    return { plan: { kind: 'in-use', waypoint } as WaypointPlan, edits: [], issues: [] };
  }
  const plan: WaypointPlan = {
    kind: 'setup',
    waypoint: use.kind === 'waypoint' ? use.name : need.waypoint,
    create: need.create,
    label: need.label.length > 0,
    accepted: a.setUpWaypoint,
  };
  if (!a.setUpWaypoint) {
    // Written anyway if the user insists: the route is right, it just waits for a waypoint.
    const issue = warning('split.waypoint-required', [], {
      service: name,
      waypoint: plan.waypoint,
    });
    return { plan, edits: [], issues: [issue] };
  }
  const edits: PlannedEdit[] = [
    ...need.create.map((w) => ({
      model: GatewayApiGatewayModel,
      after: buildWaypoint(ctx.namespace, w),
    })),
    ...(need.label.length
      ? [
          {
            model: ServiceModel,
            before: ctx.service,
            after: withWaypointLabel(ctx.service, need.waypoint),
          },
        ]
      : []),
  ];
  return { plan, edits, issues: [] as Issue[] };
};

/**
 * What Apply would write for these weights, edited onto `base` (the stored route, or the YAML the
 * user wrote), and what is wrong with it.
 */
export const planGatewaySplit = (
  weights: Record<string, number>,
  base: GatewaySplitObjects,
  ctx: GatewaySplitContext,
): { plan: EditPlan; route?: GatewayRoute; created: Service[]; waypoint: WaypointPlan } => {
  const name = ctx.service.metadata?.name ?? '';
  const waypoint = waypointPlan(ctx);
  let route: GatewayRoute;
  try {
    route = editGatewaySplit({
      route: base.route,
      kind: ctx.kind,
      service: name,
      namespace: ctx.namespace,
      port: ctx.port,
      weights,
    });
  } catch (e) {
    // The default rule redirects: it cannot also send to backends.
    if (!(e instanceof GatewayRouteEditError)) throw e;
    return { plan: planEdits([], [e.issue]), created: [], waypoint: waypoint.plan };
  }
  const exists = (n: string) => ctx.services.some((s) => s.metadata?.name === n);
  // Only the versions the split names: a version left at no weight needs no Service yet.
  const created = ctx.backends.flatMap((b) =>
    b.create && weights[b.name] !== undefined && !exists(b.name) ? [b.create] : [],
  );
  const total = Object.values(weights).reduce((s, w) => s + w, 0);
  const issues: Issue[] = [
    ...validateRequestedWeights(weights),
    ...(total !== 100 && total > 0
      ? [warning('split.weights-sum', [], { total, shares: splitShares(weights) })]
      : []),
    ...waypoint.issues,
    ...onObject(ctx.kind, validateGatewayRoute(route)),
    ...onObject(ctx.kind, crossCheckGatewayRoute(route, [...ctx.services, ...created])),
  ];
  const plan = planEdits(
    [
      ...waypoint.edits,
      ...created.map((s) => ({ model: ServiceModel, after: s })),
      { model: ctx.routeModel, before: ctx.stored.route, after: route },
    ],
    issues,
  );
  return { plan, route, created, waypoint: waypoint.plan };
};

/**
 * What "Remove split" would write: the route without the split, or its deletion when nothing
 * else is in it. Version Services and the waypoint stay: other routes or policies may use them.
 */
export const planGatewaySplitRemoval = (
  base: GatewaySplitObjects,
  ctx: GatewaySplitContext,
): { plan: EditPlan; kind: 'none' | 'update' | 'delete'; route?: GatewayRoute } => {
  if (!ctx.stored.route || !base.route) return { plan: planEdits([], []), kind: 'none' };
  const result = removeGatewaySplit(base.route, ctx.service.metadata?.name ?? '');
  if (result.kind === 'update') {
    const plan = planEdits(
      [{ model: ctx.routeModel, before: ctx.stored.route, after: result.route }],
      onObject(ctx.kind, validateGatewayRoute(result.route)),
    );
    return { plan, kind: 'update', route: result.route };
  }
  if (result.kind === 'delete') {
    return { plan: planEdits([removal(ctx.stored.route, ctx.routeModel)], []), kind: 'delete' };
  }
  return { plan: planEdits([], []), kind: 'none' };
};

/**
 * The issues a version's weight field shows: the form's own check on that weight, and whatever is
 * said about the weight of the default rule's backendRef naming that Service.
 */
export const backendWeightIssues = (
  issues: readonly Issue[],
  route: GatewayRoute | undefined,
  backend: string,
): Issue[] =>
  issues.filter((i) => {
    if (i.path[0] === 'weights') return i.path[1] === backend;
    if (!route || i.object !== route.kind) return false;
    const [spec, rules, rule, refs, ref, field] = i.path;
    if (spec !== 'spec' || rules !== 'rules' || refs !== 'backendRefs' || field !== 'weight') {
      return false;
    }
    if (typeof rule !== 'number' || typeof ref !== 'number') return false;
    if (rule !== defaultRuleIndex(route)) return false;
    return route.spec?.rules?.[rule]?.backendRefs?.[ref]?.name === backend;
  });
