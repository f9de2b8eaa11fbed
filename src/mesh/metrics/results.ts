/**
 * Prometheus answers read into what the metrics table and the canary gate show: numbers per
 * version (per service and version on a namespace), and failures in words a user can act on.
 */
import type { SideStats } from './canaryGate';

/** The parts of Prometheus' HTTP API answer we read (the SDK's PrometheusResponse). */
export type PromSample = [number, string];
export type PromSeries = { metric: Record<string, string>; value?: PromSample };
export type PromResponse = { status?: string; data?: { resultType?: string; result?: unknown } };

/** A sample's value: Prometheus sends numbers as strings, with "NaN", "+Inf" and "-Inf". */
export const sampleValue = (s: PromSample | undefined): number => {
  if (!s || typeof s[1] !== 'string') return NaN;
  if (s[1] === '+Inf') return Infinity;
  if (s[1] === '-Inf') return -Infinity;
  return Number(s[1]);
};

const isSeries = (x: unknown): x is PromSeries =>
  !!x &&
  typeof x === 'object' &&
  !!(x as PromSeries).metric &&
  typeof (x as PromSeries).metric === 'object';

/** The series of an instant-vector answer; [] for anything else. */
export const vectorOf = (r: PromResponse | undefined): PromSeries[] =>
  r?.data?.resultType === 'vector' && Array.isArray(r.data.result)
    ? r.data.result.filter(isSeries)
    : [];

/** The key of a row: its group labels' values, in order ("reviews/v1" on a namespace). */
export const groupKey = (metric: Record<string, string>, labels: string[]) =>
  labels.map((l) => metric[l] ?? '').join('/');

/** One number per group from an instant vector. */
export const valuesBy = (r: PromResponse | undefined, labels: string[]): Map<string, number> =>
  new Map(vectorOf(r).map((s) => [groupKey(s.metric, labels), sampleValue(s.value)]));

export type SignalAnswers = {
  requestRate?: PromResponse;
  errorPercent?: PromResponse;
  p50?: PromResponse;
  p95?: PromResponse;
  p99?: PromResponse;
  tcpSent?: PromResponse;
  tcpReceived?: PromResponse;
};

export type MetricsRow = {
  key: string;
  /** The group labels' values ([version], or [service, version] on a namespace). */
  groups: string[];
  requestRate?: number;
  errorPercent?: number;
  p50?: number;
  p95?: number;
  p99?: number;
  tcpSent?: number;
  tcpReceived?: number;
};

const finite = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n : undefined);

/**
 * One row per version (and service) that any signal mentions, sorted by key. A figure Prometheus
 * did not give, or gave as NaN (a quantile over no samples), is left out, never shown as 0.
 */
export const metricsRows = (answers: SignalAnswers, labels: string[]): MetricsRow[] => {
  const maps = Object.fromEntries(
    Object.entries(answers).map(([k, r]) => [k, valuesBy(r, labels)]),
  ) as Record<keyof SignalAnswers, Map<string, number> | undefined>;
  const keys = new Set<string>();
  Object.values(maps).forEach((m) => m?.forEach((_, k) => keys.add(k)));
  return [...keys]
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
    .map((key) => {
      const row: MetricsRow = { key, groups: key.split('/') };
      (Object.keys(maps) as (keyof SignalAnswers)[]).forEach((k) => {
        const v = finite(maps[k]?.get(key));
        if (v !== undefined) row[k] = v;
      });
      return row;
    });
};

/** True when any signal has TCP series: only then are the byte columns worth showing. */
export const hasTcp = (rows: MetricsRow[]) =>
  rows.some((r) => r.tcpSent !== undefined || r.tcpReceived !== undefined);

export type CanaryAnswers = {
  requests?: PromResponse;
  errors?: PromResponse;
  p95Canary?: PromResponse;
  p95Stable?: PromResponse;
};

const VERSION = 'destination_canonical_revision';

/**
 * The gate's two sides from the canary queries: the canary version alone, and every other
 * version summed. A side without series is undefined (no traffic at all), so the gate says it
 * cannot judge instead of reading zeros.
 */
export const canarySides = (
  a: CanaryAnswers,
  canaryRevision: string,
): { canary?: SideStats; stable?: SideStats } => {
  const requests = valuesBy(a.requests, [VERSION]);
  const errors = valuesBy(a.errors, [VERSION]);
  const p95 = (r?: PromResponse) => {
    const s = vectorOf(r)[0];
    return s ? sampleValue(s.value) : undefined;
  };
  const side = (pick: (v: string) => boolean, p95Ms?: number): SideStats | undefined => {
    const versions = [...requests.keys()].filter(pick);
    if (!versions.length) return undefined;
    const sum = (m: Map<string, number>) => versions.reduce((t, v) => t + (m.get(v) ?? 0), 0);
    return { requests: sum(requests), errors: sum(errors), p95Ms };
  };
  return {
    canary: side((v) => v === canaryRevision, p95(a.p95Canary)),
    stable: side((v) => v !== canaryRevision, p95(a.p95Stable)),
  };
};

/** Why a Prometheus read failed, from the HTTP status the console's fetch reports. */
export type PrometheusFailure = 'forbidden' | 'unauthorized' | 'bad-query' | 'unavailable';

export const prometheusFailure = (error: unknown): PrometheusFailure | undefined => {
  if (!error) return undefined;
  // The console's HttpError carries the status as `code` (and the Response as `response`).
  const e = error as { code?: number; response?: { status?: number }; status?: number };
  const status = e.code ?? e.response?.status ?? e.status;
  if (status === 403) return 'forbidden';
  if (status === 401) return 'unauthorized';
  if (status === 400 || status === 422) return 'bad-query';
  return 'unavailable';
};
