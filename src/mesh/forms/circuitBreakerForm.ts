/**
 * The circuit-breaker form: connection limits and outlier ejection of a service (the
 * DestinationRule's host-level trafficPolicy) or of one version (a subset's trafficPolicy).
 * The form owns CIRCUIT_BREAKER_FIELDS only; every other field of the policy is kept.
 */
import type { DestinationRule, TrafficPolicy } from '../../models';
import { DestinationRuleModel, atVersion } from '../../models';
import { issue, issuesAt, onObject } from '../issues';
import type { Issue, IssuePath } from '../issues';
import {
  CIRCUIT_BREAKER_FIELDS,
  RoutingEditError,
  applyCircuitBreaker,
  ensureSubsets,
  newDestinationRule,
} from '../traffic/trafficSplit';
import type { CircuitBreakerSettings } from '../traffic/trafficSplit';
import { validateDestinationRule } from '../traffic/validation';
import { planEdits } from './editPlan';
import type { EditPlan } from './editPlan';

type Group = keyof typeof CIRCUIT_BREAKER_FIELDS;
const DURATIONS = new Set(['connectTimeout', 'idleTimeout', 'interval', 'baseEjectionTime']);

/** The form's values: each owned field as the user types it (empty or absent: not set). */
export type CircuitBreakerValues = Record<string, string>;

/** Where each owned field lives inside a trafficPolicy. */
const groupPath = (group: Group): string[] =>
  group === 'outlierDetection' ? ['outlierDetection'] : ['connectionPool', group];

const groupOf = (field: string): Group | undefined =>
  (Object.keys(CIRCUIT_BREAKER_FIELDS) as Group[]).find((g) =>
    (CIRCUIT_BREAKER_FIELDS[g] as readonly string[]).includes(field),
  );

/** The trafficPolicy the form edits: the subset's, or the host-level one. */
const policyOf = (dr: DestinationRule | undefined, subset?: string): TrafficPolicy | undefined =>
  subset
    ? dr?.spec?.subsets?.find((s) => s.name === subset)?.trafficPolicy
    : dr?.spec?.trafficPolicy;

/** The owned fields of the edited trafficPolicy, as text for the inputs. */
export const readCircuitBreaker = (
  dr: DestinationRule | undefined,
  subset?: string,
): CircuitBreakerValues => {
  const tp = policyOf(dr, subset);
  const out: CircuitBreakerValues = {};
  const read = (obj: object | undefined, fields: readonly string[]) =>
    fields.forEach((f) => {
      const v = (obj as Record<string, unknown> | undefined)?.[f];
      if (v !== undefined) out[f] = String(v);
    });
  read(tp?.connectionPool?.tcp, CIRCUIT_BREAKER_FIELDS.tcp);
  read(tp?.connectionPool?.http, CIRCUIT_BREAKER_FIELDS.http);
  read(tp?.outlierDetection, CIRCUIT_BREAKER_FIELDS.outlierDetection);
  return out;
};

/**
 * The exact path of a field in the DestinationRule: under the subset the form edits (by its
 * index in `dr`), or under the host-level trafficPolicy.
 */
export const circuitBreakerFieldPath = (
  dr: DestinationRule | undefined,
  subset: string | undefined,
  field: string,
): IssuePath => {
  const group = groupOf(field) ?? 'outlierDetection';
  const index = subset ? (dr?.spec?.subsets ?? []).findIndex((s) => s.name === subset) : -1;
  const policy = subset ? ['spec', 'subsets', index, 'trafficPolicy'] : ['spec', 'trafficPolicy'];
  return [...policy, ...groupPath(group), field];
};

/** The issues one field shows: of the DestinationRule, at exactly that field's path. */
export const circuitBreakerFieldIssues = (
  issues: readonly Issue[],
  dr: DestinationRule | undefined,
  subset: string | undefined,
  field: string,
): Issue[] =>
  issuesAt(issues, circuitBreakerFieldPath(dr, subset, field), { object: 'DestinationRule' });

/**
 * The settings the values ask for. The form owns these fields, so an emptied one is removed; a
 * count that is not a whole number is an issue at its field (of `dr`, the object written).
 */
export const circuitBreakerSettings = (
  values: CircuitBreakerValues,
  dr: DestinationRule | undefined,
  subset?: string,
): { settings: CircuitBreakerSettings; issues: Issue[] } => {
  const issues: Issue[] = [];
  const pick = (group: Group) => {
    const obj: Record<string, string | number> = {};
    for (const f of CIRCUIT_BREAKER_FIELDS[group]) {
      const raw = values[f]?.trim();
      if (!raw) continue;
      if (DURATIONS.has(f)) obj[f] = raw;
      else if (/^\d+$/.test(raw)) obj[f] = Number(raw);
      else
        issues.push({
          ...issue('circuit-breaker.whole-number', circuitBreakerFieldPath(dr, subset, f), {
            field: f,
          }),
          object: 'DestinationRule',
        });
    }
    return Object.keys(obj).length ? obj : undefined;
  };
  const tcp = pick('tcp');
  const http = pick('http');
  const outlier = pick('outlierDetection');
  const settings: CircuitBreakerSettings = {
    ...(subset ? { subset } : {}),
    connectionPool: tcp || http ? { ...(tcp ? { tcp } : {}), ...(http ? { http } : {}) } : null,
    outlierDetection: (outlier as CircuitBreakerSettings['outlierDetection']) ?? null,
  };
  return { settings, issues };
};

export type CircuitBreakerContext = {
  namespace: string;
  /** The Service's name, the DestinationRule's host. */
  host: string;
  /** networking.istio.io version served (`v1`, or `v1beta1` on Service Mesh 2.6). */
  version: string;
  /** Subsets the form offers (existing ones and those proposed from the Deployments). */
  subsets: { name: string; labels: Record<string, string> }[];
  /** As read from the cluster: what the plan diffs against and writes over. */
  stored?: DestinationRule;
};

/**
 * The DestinationRule the form edits at a level: `base` (or a new one), with the subset added
 * from the version labels when a subset-level breaker needs it and it is missing.
 */
export const circuitBreakerBase = (
  base: DestinationRule | undefined,
  ctx: CircuitBreakerContext,
  subset?: string,
): DestinationRule => {
  const dr =
    base ?? newDestinationRule({ host: ctx.host, namespace: ctx.namespace, version: ctx.version });
  const proposed = subset ? ctx.subsets.find((s) => s.name === subset) : undefined;
  return proposed ? ensureSubsets(dr, [{ name: proposed.name, labels: proposed.labels }]) : dr;
};

/**
 * What Apply would write for these values at this level (`subset`, or the host when absent),
 * edited onto `base` (the stored DestinationRule, or the YAML the user wrote).
 */
export const planCircuitBreaker = (
  values: CircuitBreakerValues,
  base: DestinationRule | undefined,
  ctx: CircuitBreakerContext & { subset?: string },
): { plan: EditPlan; dr: DestinationRule } => {
  const edited = circuitBreakerBase(base, ctx, ctx.subset);
  const { settings, issues } = circuitBreakerSettings(values, edited, ctx.subset);
  let dr: DestinationRule;
  try {
    dr = applyCircuitBreaker(edited, settings);
  } catch (e) {
    // The subset is not in the DestinationRule, or the DestinationRule has no spec.
    if (!(e instanceof RoutingEditError)) throw e;
    return { plan: planEdits([], [e.issue]), dr: edited };
  }
  const plan = planEdits(
    [{ model: atVersion(DestinationRuleModel, ctx.version), before: ctx.stored, after: dr }],
    [...issues, ...onObject('DestinationRule', validateDestinationRule(dr))],
  );
  return { plan, dr };
};
