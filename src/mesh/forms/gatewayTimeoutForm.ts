/**
 * The timeout form for a Service routed by an HTTPRoute: Gateway API's `timeouts.request` (the
 * whole request, retries included) and `timeouts.backendRequest` (each try to a backend) of one
 * rule. Retries and fault injection have no standard Gateway API field, so this form has none.
 */
import type { K8sModel } from '../../models';
import { onObject } from '../issues';
import type { Issue } from '../issues';
import {
  GatewayRouteEditError,
  defaultRuleIndex,
  editGatewayTimeout,
} from '../traffic/gatewayRoutes';
import type { GatewayRoute } from '../traffic/gatewayRoutes';
import { validateGatewayRoute } from '../traffic/gatewayValidation';
import { planEdits } from './editPlan';
import type { EditPlan } from './editPlan';

export type GatewayTimeoutForm = { request: string; backendRequest: string };
export type GatewayTimeoutField = keyof GatewayTimeoutForm;

/** A rule the form can edit: its index, and its name or whether it is the catch-all rule. */
export type GatewayRuleChoice = { index: number; name?: string; catchAll: boolean };

export const gatewayTimeoutRules = (route: GatewayRoute | undefined): GatewayRuleChoice[] => {
  const catchAll = defaultRuleIndex(route);
  return (route?.spec?.rules ?? []).map((r, index) => ({
    index,
    ...(r.name ? { name: r.name } : {}),
    catchAll: index === catchAll,
  }));
};

/** The rule's timeouts as the fields show them: empty for none. */
export const readGatewayTimeouts = (
  route: GatewayRoute | undefined,
  index: number,
): GatewayTimeoutForm => {
  const rule = route?.spec?.rules?.[index] as { timeouts?: Record<string, unknown> } | undefined;
  const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : String(v));
  return {
    request: text(rule?.timeouts?.request),
    backendRequest: text(rule?.timeouts?.backendRequest),
  };
};

export type GatewayTimeoutContext = {
  routeModel: K8sModel;
  /** As read: what the plan diffs against and writes over. */
  stored?: GatewayRoute;
};

/** What Apply would write for these timeouts on rule `index` of `base`, and what is wrong. */
export const planGatewayTimeouts = (
  form: GatewayTimeoutForm,
  base: GatewayRoute,
  index: number,
  ctx: GatewayTimeoutContext,
): { plan: EditPlan; route?: GatewayRoute } => {
  let route: GatewayRoute;
  try {
    // An emptied field removes the timeout: Gateway API then applies none of its own.
    route = editGatewayTimeout(base, index, {
      request: form.request.trim() || null,
      backendRequest: form.backendRequest.trim() || null,
    });
  } catch (e) {
    if (!(e instanceof GatewayRouteEditError)) throw e;
    return { plan: planEdits([], [e.issue]) };
  }
  const issues = onObject(route.kind ?? 'HTTPRoute', validateGatewayRoute(route));
  return {
    plan: planEdits([{ model: ctx.routeModel, before: ctx.stored, after: route }], issues),
    route,
  };
};

/** The issues one timeout field shows: those on that rule's `timeouts.<field>`. */
export const gatewayTimeoutFieldIssues = (
  issues: readonly Issue[],
  index: number,
  field: GatewayTimeoutField,
): Issue[] =>
  issues.filter((i) => {
    const [spec, rules, rule, timeouts, name] = i.path;
    return (
      spec === 'spec' &&
      rules === 'rules' &&
      rule === index &&
      timeouts === 'timeouts' &&
      name === field
    );
  });
