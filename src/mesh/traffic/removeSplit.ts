/**
 * Undoing what the traffic split form wrote. The split form owns one thing: which subsets of the
 * service the default route (the last rule without a match) sends to, and with what weights.
 * Removing the split takes that away and nothing else: match rules, other hosts' destinations,
 * the rule's own settings (timeouts, retries, headers…), and every other field stay.
 *
 * What the default route becomes:
 * - nothing, when the rule held only the split and no match rule is left: the VirtualService
 *   then routes nothing over http, and is deleted when it has no tcp or tls routes either, so
 *   the service is reached as without Istio routing;
 * - a route to the whole service (no subset) otherwise. Istio answers 404 to requests that match
 *   no rule, so match rules without a catch-all after them would cut off everyone else.
 *
 * DestinationRules are left as they are: applyTrafficSplit creates them without any mark, so a
 * subset the split added cannot be told from one written by hand. The subsets no route of the
 * VirtualService uses any more are reported, for the user to remove if nothing else uses them.
 */
import type {
  DestinationRule,
  HTTPRoute,
  HTTPRouteDestination,
  VirtualService,
  WithSpec,
} from '../../models';
import { clone } from '../primitives';
import { defaultRouteIndex } from './trafficSplit';
import { fqdn } from './validation';

export type SplitRemoval =
  /** The VirtualService has no split to remove: no default route sending to subsets. */
  | { kind: 'none' }
  /** The VirtualService stays, edited. */
  | { kind: 'update'; virtualService: WithSpec<VirtualService>; unusedSubsets: string[] }
  /** Nothing is left in the VirtualService: it is deleted. */
  | { kind: 'delete'; unusedSubsets: string[] };

export type SplitRemovalContext = {
  /** The service's host, as the split form names it. */
  host: string;
  namespace: string;
  /** The rule the split was written to, when it was not the last one without a match. */
  routeName?: string;
};

const hasMatch = (r: HTTPRoute): boolean => Array.isArray(r.match) && r.match.length > 0;

/** Keys of a rule that say what it does besides sending somewhere: they keep the rule. */
const settingsOf = (rule: HTTPRoute): string[] =>
  Object.keys(rule).filter(
    (k) => k !== 'route' && k !== 'name' && (rule as Record<string, unknown>)[k] !== undefined,
  );

/** Subset names the routes of these rules send to (or mirror to) for the host. */
const subsetsRouted = (rules: HTTPRoute[], target: string, namespace: string): Set<string> => {
  const used = new Set<string>();
  const note = (d?: { host?: string; subset?: string }) => {
    if (d?.subset && fqdn(d.host ?? '', namespace) === target) used.add(d.subset);
  };
  for (const r of rules) {
    (r.route ?? []).forEach((d) => note(d.destination));
    note(r.mirror);
    (r.mirrors ?? []).forEach((m) => note(m.destination));
  }
  return used;
};

/**
 * The route of the default rule with the split taken out: this host's destinations become one
 * destination of the whole service, where the first of them was. Beside other hosts it keeps
 * their combined weight, so their shares do not change; alone it needs no weight.
 */
const unsplitRoute = (
  route: HTTPRouteDestination[],
  ours: (d: HTTPRouteDestination) => boolean,
): HTTPRouteDestination[] => {
  const mine = route.filter(ours);
  const others = route.filter((d) => !ours(d));
  const first = mine[0];
  const weights = mine.map((d) => d.weight).filter((w): w is number => w !== undefined);
  const whole: HTTPRouteDestination = { ...clone(first), destination: clone(first.destination) };
  delete whole.destination.subset;
  delete whole.weight;
  if (others.length && weights.length) whole.weight = weights.reduce((a, b) => a + b, 0);
  const at = route.indexOf(first);
  return [
    ...route.slice(0, at).filter((d) => !ours(d)),
    whole,
    ...route.slice(at + 1).filter((d) => !ours(d)),
  ];
};

/**
 * What removing the split of `host` does to its VirtualService (see the file comment). Pure: the
 * inputs are not changed. `dr` is only read, to name the subsets left without a route.
 */
export const removeTrafficSplit = (
  vs: VirtualService | undefined,
  dr: DestinationRule | undefined,
  ctx: SplitRemovalContext,
): SplitRemoval => {
  const http = vs?.spec?.http ?? [];
  const i = vs ? defaultRouteIndex(vs, ctx.routeName) : -1;
  const rule = http[i];
  if (!vs || !rule || rule.redirect || rule.directResponse || rule.delegate)
    return { kind: 'none' };
  const target = fqdn(ctx.host, ctx.namespace);
  const ours = (d: HTTPRouteDestination) =>
    fqdn(d.destination?.host ?? '', ctx.namespace) === target;
  const route = rule.route ?? [];
  if (!route.some((d) => ours(d) && d.destination.subset !== undefined)) return { kind: 'none' };

  const others = route.filter((d) => !ours(d));
  const matchRules = http.filter((r, k) => k !== i && hasMatch(r));
  const keepRule = matchRules.length > 0 || others.length > 0 || settingsOf(rule).length > 0;
  const out = clone(vs) as WithSpec<VirtualService>;
  const rules = out.spec.http ?? [];
  if (keepRule) rules[i] = { ...rules[i], route: unsplitRoute(rules[i].route ?? [], ours) };
  else rules.splice(i, 1);

  const used = subsetsRouted(rules, target, ctx.namespace);
  const unusedSubsets = (dr?.spec?.subsets ?? [])
    .map((s) => s.name)
    .filter((name) => !!name && !used.has(name));

  if (rules.length > 0) {
    out.spec.http = rules;
    return { kind: 'update', virtualService: out, unusedSubsets };
  }
  if (out.spec.tcp?.length || out.spec.tls?.length) {
    delete out.spec.http;
    return { kind: 'update', virtualService: out, unusedSubsets };
  }
  return { kind: 'delete', unusedSubsets };
};
