/**
 * Form state of the A/B routing form and its conversion to and from the `mcp-` rules and the
 * default route that `applyMatchRoutes` writes. Pure: no React, no API.
 */
import type {
  HTTPMatchRequest,
  HTTPRoute,
  HTTPRouteDestination,
  StringMatch,
  VirtualService,
} from '../../models';
import { issue } from '../issues';
import type { Issue, IssuePath } from '../issues';
import { HTTP_METHODS, isDnsLabel, isHeaderName } from '../primitives';
import { isOwnedRule, OWNED_RULE_PREFIX } from './trafficSplit';
import type { MatchRouteRule } from './trafficSplit';
import { fqdn, validateStringMatch } from './validation';

export type StringOp = 'exact' | 'prefix' | 'regex';
export type ConditionKind = 'header' | 'uri' | 'method' | 'query' | 'sourceLabel';

/** One condition; `name` is the header, query parameter or label key, `op` is unused for labels. */
export type ConditionForm = { kind: ConditionKind; name: string; op: StringOp; value: string };
/** Weight is the text the user typed: empty means "no weight" (allowed for a single subset). */
export type DestinationForm = { subset: string; weight: string };

export type RuleForm = {
  /**
   * Identifies the rule in the page's lists (a React key) while it is edited, renamed and
   * moved; never written. See withRuleIds.
   */
  id?: string;
  /** Without the `mcp-` prefix. */
  name: string;
  conditions: ConditionForm[];
  destinations: DestinationForm[];
  /**
   * An owned rule whose match or route the form cannot show (OR-ed match blocks, scheme,
   * other hosts…): kept exactly as written and shown read-only.
   */
  locked?: HTTPRoute;
};

export type MatchFormState = {
  rules: RuleForm[];
  /** Undefined: the default route is left untouched (absent, or not representable). */
  defaultRoute?: DestinationForm[];
  /** The default rule exists but cannot be shown; the form leaves it as it is. */
  defaultLocked: boolean;
};

const NAMED: readonly ConditionKind[] = ['header', 'query', 'sourceLabel'];
export const conditionHasName = (kind: ConditionKind): boolean => NAMED.includes(kind);
/** Method and source labels are exact-only in the form. */
export const conditionHasOp = (kind: ConditionKind): boolean =>
  kind !== 'method' && kind !== 'sourceLabel';

export const emptyCondition = (kind: ConditionKind = 'header'): ConditionForm => ({
  kind,
  name: '',
  op: 'exact',
  value: '',
});

const opOf = (s: StringMatch): { op: StringOp; value: string } | undefined => {
  const set = (['exact', 'prefix', 'regex'] as const).filter((k) => s[k] !== undefined);
  return set.length === 1 ? { op: set[0], value: s[set[0]] ?? '' } : undefined;
};

const MATCH_FIELDS = new Set(['uri', 'method', 'headers', 'queryParams', 'sourceLabels']);

/** Conditions of a match block, or undefined when it has anything the form does not show. */
const conditionsOf = (m: HTTPMatchRequest): ConditionForm[] | undefined => {
  if (Object.keys(m).some((k) => !MATCH_FIELDS.has(k))) return undefined;
  const out: ConditionForm[] = [];
  const add = (kind: ConditionKind, s: StringMatch, name = '') => {
    const o = opOf(s);
    if (!o || (kind === 'method' && o.op !== 'exact')) return false;
    out.push({ kind, name, ...o });
    return true;
  };
  if (m.uri && !add('uri', m.uri)) return undefined;
  if (m.method && !add('method', m.method)) return undefined;
  for (const [n, s] of Object.entries(m.headers ?? {})) if (!add('header', s, n)) return undefined;
  for (const [n, s] of Object.entries(m.queryParams ?? {}))
    if (!add('query', s, n)) return undefined;
  for (const [n, v] of Object.entries(m.sourceLabels ?? {})) {
    out.push({ kind: 'sourceLabel', name: n, op: 'exact', value: v });
  }
  return out;
};

/** Destinations of a route, or undefined when one goes elsewhere or has fields beyond subset. */
const destinationsOf = (
  route: HTTPRouteDestination[] | undefined,
  host: string,
  namespace: string,
): DestinationForm[] | undefined => {
  if (!route?.length) return undefined;
  const out: DestinationForm[] = [];
  for (const d of route) {
    const extra = Object.keys(d).some((k) => k !== 'destination' && k !== 'weight');
    const dest = d.destination;
    if (
      extra ||
      !dest?.subset ||
      Object.keys(dest).some((k) => k !== 'host' && k !== 'subset') ||
      fqdn(dest.host, namespace) !== fqdn(host, namespace)
    ) {
      return undefined;
    }
    out.push({ subset: dest.subset, weight: d.weight === undefined ? '' : String(d.weight) });
  }
  return out;
};

const hasMatch = (r: HTTPRoute) => Array.isArray(r.match) && r.match.length > 0;

/** Reads the form from a VirtualService; `defaultSubset` seeds the default route when there is none. */
export const formFromVirtualService = (
  vs: VirtualService | undefined,
  host: string,
  namespace: string,
  defaultSubset?: string,
): MatchFormState => {
  const http = vs?.spec?.http ?? [];
  const rules: RuleForm[] = http.filter(isOwnedRule).map((r) => {
    const name = (r.name ?? '').slice(OWNED_RULE_PREFIX.length);
    const conditions = r.match?.length === 1 ? conditionsOf(r.match[0]) : undefined;
    const destinations = destinationsOf(r.route, host, namespace);
    return conditions && destinations
      ? { name, conditions, destinations }
      : { name, conditions: [], destinations: [], locked: r };
  });
  // The default rule as applyMatchRoutes finds it: the last hand-written rule without a match.
  const kept = http.filter((r) => !isOwnedRule(r));
  const def = [...kept].reverse().find((r) => !hasMatch(r));
  if (!def) {
    return {
      rules,
      defaultRoute: defaultSubset ? [{ subset: defaultSubset, weight: '' }] : [],
      defaultLocked: false,
    };
  }
  const destinations =
    def.redirect || def.directResponse || def.delegate
      ? undefined
      : destinationsOf(def.route, host, namespace);
  return destinations
    ? { rules, defaultRoute: destinations, defaultLocked: false }
    : { rules, defaultLocked: true };
};

// ---------------------------------------------------------------------------------------------
// Form -> rules, with problems placed on fields

/**
 * A problem of the form itself, an Issue without object. Paths: `['rules', i, 'name']`,
 * `['rules', i, 'conditions', j]`, `['rules', i, 'destinations', k]`, `['default', k]`, and
 * `['rules', i, 'conditions']`, `['rules', i, 'destinations']`, `['default']` for a missing list.
 */
export type FormProblem = Issue;

/** Rule names: a DNS-1123 label short enough to carry the `mcp-` prefix. */
const RULE_NAME_MAX = 60;

const routeFrom = (
  list: DestinationForm[],
  host: string,
  path: (k: number) => IssuePath,
  problems: FormProblem[],
): HTTPRouteDestination[] => {
  const seen = new Set<string>();
  const route: HTTPRouteDestination[] = [];
  let total = 0;
  list.forEach((d, k) => {
    const raw = d.weight.trim();
    if (!d.subset) problems.push(issue('match.version-missing', path(k)));
    else if (seen.has(d.subset)) {
      problems.push(issue('match.version-twice', path(k), { subset: d.subset }));
    }
    seen.add(d.subset);
    let weight: number | undefined;
    if (raw === '') {
      // Istio accepts an unweighted destination only when it is the only one.
      if (list.length > 1) problems.push(issue('match.weight-missing', path(k)));
    } else if (!/^\d+$/.test(raw) || Number(raw) > 100) {
      problems.push(issue('match.weight-range', path(k)));
    } else {
      weight = Number(raw);
      total += weight;
    }
    route.push({
      destination: { host, subset: d.subset },
      ...(weight !== undefined ? { weight } : {}),
    });
  });
  const weighted = list.every((d) => /^\d+$/.test(d.weight.trim()));
  if (list.length > 1 && weighted && total !== 100) {
    problems.push(issue('match.weights-sum', path(list.length - 1), { total }));
  }
  return route;
};

const conditionProblems = (c: ConditionForm, path: IssuePath): FormProblem[] => {
  const out: FormProblem[] = [];
  if (conditionHasName(c.kind)) {
    if (c.name.trim() === '') out.push(issue('match.name-empty', path));
    else if (c.kind === 'header' && !isHeaderName(c.name)) {
      // The same code as the VirtualService check, so the two say it once.
      out.push(issue('traffic.match.header-name', path, { name: c.name }));
    }
  }
  if (c.kind === 'method') {
    if (!HTTP_METHODS.includes(c.value)) out.push(issue('match.method', path));
  } else if (c.kind === 'sourceLabel') {
    if (c.value === '') out.push(issue('match.label-value-empty', path));
  } else if (c.value === '' && !(c.kind === 'uri' && c.op === 'prefix')) {
    out.push(issue('match.value-empty', path));
  } else {
    // RE2 and the other StringMatch rules, as istiod checks them, on the condition's row.
    for (const i of validateStringMatch({ [c.op]: c.value }, path)) out.push({ ...i, path });
  }
  return out;
};

/** One AND-ed match block from a rule's conditions. */
const matchFrom = (conditions: ConditionForm[], path: IssuePath, problems: FormProblem[]) => {
  const m: HTTPMatchRequest = {};
  const keys = new Set<string>();
  conditions.forEach((c, j) => {
    const p = [...path, 'conditions', j];
    const found = conditionProblems(c, p);
    problems.push(...found);
    const id = conditionHasName(c.kind) ? `${c.kind}:${c.name}` : c.kind;
    if (keys.has(id)) {
      problems.push(
        conditionHasName(c.kind)
          ? issue('match.name-repeated', p, { name: c.name })
          : issue(c.kind === 'uri' ? 'match.uri-repeated' : 'match.method-repeated', p),
      );
    }
    keys.add(id);
    const sm = { [c.op]: c.value } as StringMatch;
    switch (c.kind) {
      case 'uri':
        m.uri = sm;
        break;
      case 'method':
        m.method = { exact: c.value };
        break;
      case 'header':
        m.headers = { ...m.headers, [c.name]: sm };
        break;
      case 'query':
        m.queryParams = { ...m.queryParams, [c.name]: sm };
        break;
      case 'sourceLabel':
        m.sourceLabels = { ...m.sourceLabels, [c.name]: c.value };
        break;
    }
  });
  return m;
};

/**
 * The arguments for applyMatchRoutes, and the problems to show next to fields. Problems are
 * errors: the form must not write while there are any.
 */
export const rulesFromForm = (
  form: MatchFormState,
  host: string,
): {
  rules: MatchRouteRule[];
  defaultRoute?: HTTPRouteDestination[];
  problems: FormProblem[];
} => {
  const problems: FormProblem[] = [];
  const names = new Set<string>();
  const rules = form.rules.map((r, i): MatchRouteRule => {
    const path = ['rules', i];
    const name = r.name.trim();
    if (name === '') problems.push(issue('match.rule-name-empty', [...path, 'name']));
    else if (!isDnsLabel(name) || name.length > RULE_NAME_MAX) {
      problems.push(issue('match.rule-name-invalid', [...path, 'name'], { max: RULE_NAME_MAX }));
    } else if (names.has(name)) {
      problems.push(issue('match.rule-name-taken', [...path, 'name'], { name }));
    }
    names.add(name);
    if (r.locked) {
      return {
        name: `${OWNED_RULE_PREFIX}${name}`,
        match: r.locked.match ?? [],
        route: r.locked.route ?? [],
      };
    }
    if (r.conditions.length === 0) {
      // A rule without a match takes all traffic; that is the default route's job.
      problems.push(issue('match.no-conditions', [...path, 'conditions']));
    }
    if (r.destinations.length === 0) {
      problems.push(issue('match.no-versions', [...path, 'destinations']));
    }
    const match = matchFrom(r.conditions, path, problems);
    const route = routeFrom(r.destinations, host, (k) => [...path, 'destinations', k], problems);
    return { name: `${OWNED_RULE_PREFIX}${name}`, match: [match], route };
  });
  let defaultRoute: HTTPRouteDestination[] | undefined;
  if (!form.defaultLocked) {
    if (!form.defaultRoute?.length) {
      // Requests no rule matches need somewhere to go.
      problems.push(issue('match.default-empty', ['default']));
    } else {
      defaultRoute = routeFrom(form.defaultRoute, host, (k) => ['default', k], problems);
    }
  }
  return { rules, defaultRoute, problems };
};

/** Subset names the form's routes use, for adding missing subsets to the DestinationRule. */
export const subsetsUsed = (form: MatchFormState): string[] => {
  const out = new Set<string>();
  for (const r of form.rules) r.destinations.forEach((d) => d.subset && out.add(d.subset));
  for (const d of form.defaultRoute ?? []) if (d.subset) out.add(d.subset);
  return [...out];
};

let lastRuleId = 0;

/** A new rule id (RuleForm.id), unique in this page load. */
export const newRuleId = (): string => `rule-${++lastRuleId}`;

/** The form with an id on every rule, so lists key rules by identity rather than position. */
export const withRuleIds = (form: MatchFormState): MatchFormState =>
  form.rules.every((r) => r.id)
    ? form
    : { ...form, rules: form.rules.map((r) => (r.id ? r : { ...r, id: newRuleId() })) };

/** Moves item `i` by `delta` places; out-of-range moves return the list unchanged. */
export const move = <T>(list: T[], i: number, delta: number): T[] => {
  const j = i + delta;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return list;
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
};
