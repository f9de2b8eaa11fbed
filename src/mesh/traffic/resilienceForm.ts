// Form state <-> timeout/HTTPRetry/HTTPFaultInjection of one http rule. The form keeps text as
// typed; turning it into API values happens here so the page and the tests share one mapping.
import type { HTTPFaultInjection, HTTPRetry, HTTPRoute } from '../../models';
import type { IssuePath } from '../issues';
import type { RouteResilience } from './trafficSplit';
import { RETRY_ON_VALUES } from './validation';

export type ResilienceForm = {
  timeout: string;
  attempts: string;
  perTryTimeout: string;
  /** Known Envoy retry conditions that are ticked, in RETRY_ON_VALUES order. */
  retryOn: string[];
  /** Everything else in retryOn, comma-separated: status codes (and unknown tokens, to show). */
  retryOnOther: string;
  delay: string;
  delayPercent: string;
  abortKind: 'http' | 'grpc';
  abortStatus: string;
  abortPercent: string;
  /** Not shown: the form carries it so that editing retries does not drop it. */
  retryRemoteLocalities?: boolean;
};

/** A form field name; also the key the page shows problems under. */
export type ResilienceField = Exclude<keyof ResilienceForm, 'abortKind' | 'retryRemoteLocalities'>;

/**
 * Text in a field that is not a number: `resilience.attempts-not-whole`,
 * `resilience.abort-status-not-whole` or `resilience.percentage` (worded in trafficIssueWords).
 */
export type FormProblem = { field: ResilienceField; code: string };

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

export const formFromRule = (rule?: HTTPRoute): ResilienceForm => {
  const tokens = (rule?.retries?.retryOn ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const delay = rule?.fault?.delay;
  const abort = rule?.fault?.abort;
  return {
    timeout: str(rule?.timeout),
    attempts: str(rule?.retries?.attempts),
    perTryTimeout: str(rule?.retries?.perTryTimeout),
    retryOn: RETRY_ON_VALUES.filter((v) => tokens.includes(v)),
    retryOnOther: tokens.filter((v) => !RETRY_ON_VALUES.includes(v)).join(','),
    delay: str(delay?.fixedDelay),
    // Legacy integer `percent` is shown as the percentage; writing replaces it with `percentage`.
    delayPercent: str(delay?.percentage?.value ?? delay?.percent),
    abortKind: abort?.grpcStatus !== undefined && abort.httpStatus === undefined ? 'grpc' : 'http',
    abortStatus: str(abort?.grpcStatus ?? abort?.httpStatus),
    abortPercent: str(abort?.percentage?.value),
    ...(rule?.retries?.retryRemoteLocalities !== undefined
      ? { retryRemoteLocalities: rule.retries.retryRemoteLocalities }
      : {}),
  };
};

const GROUPS: Record<'timeout' | 'retries' | 'fault', (keyof ResilienceForm)[]> = {
  timeout: ['timeout'],
  retries: ['attempts', 'perTryTimeout', 'retryOn', 'retryOnOther'],
  fault: ['delay', 'delayPercent', 'abortKind', 'abortStatus', 'abortPercent'],
};

const same = (a: ResilienceForm, b: ResilienceForm, fields: (keyof ResilienceForm)[]) =>
  fields.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f]));

/**
 * The changes for applyRouteResilience. Only groups that differ from `initial` are included, so
 * an untouched group (perhaps written by hand in a form we would normalise) is left as it is;
 * within a changed group an emptied field is removed. Text that is not a number is reported
 * here; everything else is left to validateVirtualService on the result.
 */
export const changesFromForm = (
  form: ResilienceForm,
  initial: ResilienceForm,
): { changes: RouteResilience; problems: FormProblem[] } => {
  const problems: FormProblem[] = [];
  const whole = (field: ResilienceField, code: string): number | undefined => {
    const raw = str(form[field]).trim();
    if (!raw) return undefined;
    if (/^\d+$/.test(raw)) return Number(raw);
    problems.push({ field, code });
    return undefined;
  };
  const percent = (field: ResilienceField): { value: number } | undefined => {
    const raw = str(form[field]).trim();
    if (!raw) return undefined;
    const n = Number(raw);
    if (/^\d*\.?\d+$/.test(raw) && Number.isFinite(n)) return { value: n };
    problems.push({ field, code: 'resilience.percentage' });
    return undefined;
  };
  const changes: RouteResilience = {};

  if (!same(form, initial, GROUPS.timeout)) changes.timeout = form.timeout.trim() || null;

  if (!same(form, initial, GROUPS.retries)) {
    const retryOn = [
      ...form.retryOn,
      ...form.retryOnOther
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ].join(',');
    const retries: HTTPRetry = {};
    const attempts = whole('attempts', 'resilience.attempts-not-whole');
    if (attempts !== undefined) retries.attempts = attempts;
    if (form.perTryTimeout.trim()) retries.perTryTimeout = form.perTryTimeout.trim();
    if (retryOn) retries.retryOn = retryOn;
    // Emptying every shown field removes retries, the hidden setting with them.
    changes.retries =
      Object.keys(retries).length > 0
        ? {
            ...retries,
            ...(form.retryRemoteLocalities !== undefined
              ? { retryRemoteLocalities: form.retryRemoteLocalities }
              : {}),
          }
        : null;
  }

  if (!same(form, initial, GROUPS.fault)) {
    const fault: HTTPFaultInjection = {};
    const delayPct = percent('delayPercent');
    if (form.delay.trim() || delayPct) {
      fault.delay = {
        ...(form.delay.trim() ? { fixedDelay: form.delay.trim() } : {}),
        ...(delayPct ? { percentage: delayPct } : {}),
      };
    }
    const abortPct = percent('abortPercent');
    const status = form.abortStatus.trim();
    let code: { httpStatus: number } | { grpcStatus: string } | undefined;
    if (status && form.abortKind === 'grpc') code = { grpcStatus: status };
    else if (status) {
      const n = whole('abortStatus', 'resilience.abort-status-not-whole');
      if (n !== undefined) code = { httpStatus: n };
    }
    if (code || abortPct) fault.abort = { ...code, ...(abortPct ? { percentage: abortPct } : {}) };
    changes.fault = fault.delay || fault.abort ? fault : null;
  }
  return { changes, problems };
};

/** Maps a validation path (`['spec', 'http', 2, 'fault', 'delay', 'percentage', 'value']`) to its form field. */
export const fieldOfIssuePath = (
  path: IssuePath,
  ruleIndex: number,
): ResilienceField | undefined => {
  if (path[0] !== 'spec' || path[1] !== 'http' || path[2] !== ruleIndex) return undefined;
  const rest = path.slice(3);
  const table: [string[], ResilienceField][] = [
    [['timeout'], 'timeout'],
    [['retries', 'attempts'], 'attempts'],
    [['retries', 'perTryTimeout'], 'perTryTimeout'],
    [['retries', 'retryOn'], 'retryOnOther'],
    [['fault', 'delay', 'fixedDelay'], 'delay'],
    [['fault', 'delay', 'percentage'], 'delayPercent'],
    [['fault', 'delay', 'percent'], 'delayPercent'],
    [['fault', 'abort', 'httpStatus'], 'abortStatus'],
    [['fault', 'abort', 'grpcStatus'], 'abortStatus'],
    [['fault', 'abort', 'percentage'], 'abortPercent'],
  ];
  return table.find(([p]) => rest.length >= p.length && p.every((seg, k) => rest[k] === seg))?.[1];
};
