/**
 * Traces as Kiali returns them from its tracing backend (Jaeger JSON, whether the backend is
 * Jaeger or Tempo; reference §2.4), checked at the boundary, and what the Traces tab draws:
 * one summary per trace, duration-over-time points and a span waterfall.
 *
 * Over Tempo a search answer is not whole traces (Kiali 2.27 tracing/tempo/http_client.go
 * convertBatchTrace, otel/model/converter ConvertSpanSet): each trace holds only the spans that
 * matched the query (at most 10, `matched` counting them all), every span carries its `process`
 * inline with the queried service's name, `processes` is empty and there are no `references`.
 * So a search answer never says which span is the root; the trace by id does.
 */
import { decoded, describeType, isRecord, malformed, numberOf, optionalString } from './decode';
import type { Decoded } from './decode';

export type SpanTag = { key: string; value: string };

export type Span = {
  spanID: string;
  traceID: string;
  operationName: string;
  /** Parent spans (CHILD_OF first), by span ID. */
  parents: string[];
  /** Microseconds since the epoch. */
  startTime: number;
  /** Microseconds. */
  duration: number;
  tags: SpanTag[];
  serviceName: string;
};

export type Trace = {
  traceID: string;
  spans: Span[];
  /**
   * A Tempo search answer: the spans are only those that matched, not the whole trace, and
   * `matched` is how many matched in all.
   */
  matchedOnly?: { matched: number };
};

/**
 * Tempo's trace by id carries OTLP JSON ids, which are base64 (8 bytes: 12 characters ending in
 * "="); Kiali passes them on. Hex, as Jaeger, Tempo's search and the tracing UIs write them.
 */
const hexId = (id: string): string => {
  if (!/^[A-Za-z0-9+/]+=+$/.test(id) || id.length % 4 !== 0) return id;
  try {
    return Array.from(atob(id), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  } catch {
    return id;
  }
};

const tagValue = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : (JSON.stringify(v) ?? '');

const decodeTrace = (json: unknown, index: number): Decoded<Trace> => {
  if (!isRecord(json) || typeof json.traceID !== 'string' || !json.traceID) {
    return malformed(`trace ${index + 1} has no traceID`);
  }
  if (!Array.isArray(json.spans)) return malformed(`trace ${json.traceID} has no spans list`);
  const processes = isRecord(json.processes) ? json.processes : {};
  const spans: Span[] = [];
  for (const s of json.spans) {
    const start = isRecord(s) ? numberOf(s.startTime) : undefined;
    const duration = isRecord(s) ? numberOf(s.duration) : undefined;
    if (
      !isRecord(s) ||
      typeof s.spanID !== 'string' ||
      start === undefined ||
      duration === undefined
    ) {
      return malformed(`trace ${json.traceID} has a span without spanID, startTime or duration`);
    }
    const refs = (Array.isArray(s.references) ? s.references : []).filter(isRecord);
    const parents = [
      ...refs.filter((r) => r.refType === 'CHILD_OF'),
      ...refs.filter((r) => r.refType !== 'CHILD_OF'),
    ]
      .map((r) => optionalString(r.spanID))
      .filter((id): id is string => !!id)
      .map(hexId);
    const process = isRecord(processes[String(s.processID)])
      ? (processes[String(s.processID)] as Record<string, unknown>)
      : {};
    spans.push({
      spanID: hexId(s.spanID),
      traceID: optionalString(s.traceID) ?? json.traceID,
      operationName: optionalString(s.operationName) ?? '',
      parents,
      startTime: start,
      duration: Math.max(0, duration),
      tags: (Array.isArray(s.tags) ? s.tags : [])
        .filter(isRecord)
        .filter((t) => typeof t.key === 'string')
        .map((t) => ({ key: t.key as string, value: tagValue(t.value) })),
      serviceName:
        optionalString(process.serviceName) ??
        optionalString(isRecord(s.process) ? s.process.serviceName : undefined) ??
        '',
    });
  }
  return decoded({ traceID: json.traceID, spans });
};

export type TraceList = { traces: Trace[]; errors: string[] };

/** The backend's `errors` (Kiali's StructuredError `{code?, msg, traceID?}`), null when none. */
type BackendError = { code?: number; message: string };
const structuredErrors = (v: unknown): BackendError[] =>
  (Array.isArray(v) ? v : []).flatMap((e) => {
    const message = isRecord(e)
      ? (optionalString(e.msg) ?? optionalString(e.message))
      : optionalString(e);
    return message ? [{ code: isRecord(e) ? numberOf(e.code) : undefined, message }] : [];
  });
const backendErrors = (v: unknown): string[] => structuredErrors(v).map((e) => e.message);

/** Kiali's conversion of a Tempo search result: no process table, each span's process inline. */
const isTempoSearchResult = (json: unknown): boolean =>
  isRecord(json) &&
  isRecord(json.processes) &&
  Object.keys(json.processes).length === 0 &&
  Array.isArray(json.spans) &&
  json.spans.length > 0 &&
  json.spans.every((s) => isRecord(s) && isRecord(s.process));

/** `…/services/{svc}/traces` and `…/workloads/{w}/traces`: `{data: [Trace], errors}`. */
export const decodeTraceList = (json: unknown): Decoded<TraceList> => {
  if (!isRecord(json)) return malformed(`Kiali's traces are ${describeType(json)}, not an object`);
  if (json.data !== null && json.data !== undefined && !Array.isArray(json.data)) {
    return malformed(`Kiali's traces "data" is ${describeType(json.data)}, not a list`);
  }
  const traces: Trace[] = [];
  for (const [i, t] of ((json.data as unknown[] | null) ?? []).entries()) {
    const one = decodeTrace(t, i);
    if (!one.ok) return one;
    traces.push(
      isTempoSearchResult(t)
        ? {
            ...one.value,
            matchedOnly: {
              matched: Math.max(
                numberOf((t as Record<string, unknown>).matched) ?? 0,
                one.value.spans.length,
              ),
            },
          }
        : one.value,
    );
  }
  return decoded({ traces, errors: backendErrors(json.errors) });
};

export type SingleTrace =
  | { found: true; trace: Trace }
  /** The tracing backend has no such trace (never had it, or no longer keeps it). */
  | { found: false; notFound: true; message?: string }
  /** The backend answered with errors of its own instead of the trace. */
  | { found: false; notFound: false; message: string };

/** No trace, or one without spans (Kiali's Go zero value, or a trace it could not convert). */
const isEmptyTrace = (data: unknown): boolean =>
  data === null ||
  data === undefined ||
  (isRecord(data) &&
    (data.spans === null ||
      data.spans === undefined ||
      (Array.isArray(data.spans) && data.spans.length === 0)));

/**
 * `GET /api/traces/{id}`: `{data: Trace, errors}`. Over Jaeger, Kiali answers a trace that does not
 * exist with 200, an empty trace (its Go zero value: `traceID: ""`, `spans: null`) and Jaeger's
 * `errors: [{code: 404, msg: "trace not found"}]` (tracing/jaeger/http_client.go).
 */
export const decodeSingleTrace = (json: unknown): Decoded<SingleTrace> => {
  if (!isRecord(json)) return malformed(`Kiali's trace is ${describeType(json)}, not an object`);
  if (isEmptyTrace(json.data)) {
    const errors = structuredErrors(json.errors);
    const other = errors.filter((e) => e.code !== 404);
    if (errors.length > 0 && other.length === errors.length) {
      return decoded({
        found: false,
        notFound: false,
        message: other.map((e) => e.message).join('; '),
      });
    }
    const notFound = errors.find((e) => e.code === 404)?.message;
    return decoded({ found: false, notFound: true, ...(notFound ? { message: notFound } : {}) });
  }
  const trace = decodeTrace(json.data, 0);
  return trace.ok ? decoded({ found: true, trace: trace.value }) : trace;
};

/** A span failed: Jaeger's `error=true` tag, or OpenTelemetry's status code ERROR. */
export const isErrorSpan = (s: Span): boolean =>
  s.tags.some(
    (t) =>
      (t.key === 'error' && t.value === 'true') ||
      (t.key === 'otel.status_code' && t.value.toUpperCase() === 'ERROR'),
  );

export type SpanName = { service: string; operation: string };

export type TraceSummary = {
  traceID: string;
  /** The root span; unknown for a Tempo search answer, which holds only matched spans. */
  root?: SpanName;
  /** For a Tempo search answer: the earliest span that matched. */
  matchedSpan?: SpanName;
  /** Of the spans the answer holds (for a Tempo search answer: the matched ones). */
  startMicros: number;
  durationMicros: number;
  spanCount: number;
  /** For a Tempo search answer: how many spans matched in all. */
  matchedCount?: number;
  errorCount: number;
  services: string[];
};

const rootsOf = (trace: Trace): Span[] => {
  const ids = new Set(trace.spans.map((s) => s.spanID));
  return trace.spans.filter((s) => !s.parents.some((p) => ids.has(p)));
};

export const summarizeTrace = (trace: Trace): TraceSummary => {
  const start = Math.min(...trace.spans.map((s) => s.startTime));
  const end = Math.max(...trace.spans.map((s) => s.startTime + s.duration));
  const byStart = (a: Span, b: Span) => a.startTime - b.startTime;
  const first = trace.matchedOnly
    ? [...trace.spans].sort(byStart)[0]
    : ([...rootsOf(trace)].sort(byStart)[0] ?? trace.spans[0]);
  const name = first ? { service: first.serviceName, operation: first.operationName } : undefined;
  return {
    traceID: trace.traceID,
    ...(name ? (trace.matchedOnly ? { matchedSpan: name } : { root: name }) : {}),
    startMicros: trace.spans.length ? start : 0,
    durationMicros: trace.spans.length ? end - start : 0,
    spanCount: trace.spans.length,
    ...(trace.matchedOnly ? { matchedCount: trace.matchedOnly.matched } : {}),
    errorCount: trace.spans.filter(isErrorSpan).length,
    services: [...new Set(trace.spans.map((s) => s.serviceName).filter(Boolean))].sort(),
  };
};

/** Newest first, as a list of recent traces is read. */
export const summarizeTraces = (traces: Trace[]): TraceSummary[] =>
  traces
    .filter((t) => t.spans.length > 0)
    .map(summarizeTrace)
    .sort((a, b) => b.startMicros - a.startMicros);

export type DurationPoint = {
  traceID: string;
  /** 0 (window start) .. 1 (window end). */
  x: number;
  /** 0 (no time) .. 1 (the longest trace, rounded up to a readable axis maximum). */
  y: number;
  error: boolean;
  durationMicros: number;
};

/** A readable axis maximum at or above `max`: 1, 2 or 5 times a power of ten. */
export const niceCeiling = (max: number): number => {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].find((m) => m * power >= max) ?? 10) * power;
};

/** Duration-over-time scatter points inside the queried window, and the y-axis maximum. */
export const durationPoints = (
  summaries: TraceSummary[],
  window: { startMicros: number; endMicros: number },
): { points: DurationPoint[]; maxMicros: number } => {
  const maxMicros = niceCeiling(Math.max(0, ...summaries.map((s) => s.durationMicros)));
  const span = Math.max(1, window.endMicros - window.startMicros);
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return {
    maxMicros,
    points: summaries.map((s) => ({
      traceID: s.traceID,
      x: clamp((s.startMicros - window.startMicros) / span),
      y: clamp(s.durationMicros / maxMicros),
      error: s.errorCount > 0,
      durationMicros: s.durationMicros,
    })),
  };
};

export type WaterfallRow = {
  span: Span;
  depth: number;
  /** Start after the trace's start, and where the bar starts and how wide it is, in percent. */
  offsetMicros: number;
  offsetPercent: number;
  widthPercent: number;
  error: boolean;
};

/**
 * Spans in tree order (each parent before its children, siblings by start time) with the bar
 * geometry of a waterfall. A span whose parent is not in the trace starts a tree of its own.
 */
export const waterfallRows = (trace: Trace): WaterfallRow[] => {
  if (trace.spans.length === 0) return [];
  const { startMicros, durationMicros } = summarizeTrace(trace);
  const total = durationMicros > 0 ? durationMicros : 1;
  const ids = new Set(trace.spans.map((s) => s.spanID));
  const children = new Map<string, Span[]>();
  for (const s of trace.spans) {
    const parent = s.parents.find((p) => ids.has(p) && p !== s.spanID);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const byStart = (a: Span, b: Span) => a.startTime - b.startTime;
  const rows: WaterfallRow[] = [];
  const seen = new Set<string>();
  const visit = (s: Span, depth: number) => {
    if (seen.has(s.spanID)) return; // a reference cycle: show each span once
    seen.add(s.spanID);
    const offset = s.startTime - startMicros;
    rows.push({
      span: s,
      depth,
      offsetMicros: offset,
      offsetPercent: (offset / total) * 100,
      widthPercent: durationMicros > 0 ? (s.duration / total) * 100 : 100,
      error: isErrorSpan(s),
    });
    [...(children.get(s.spanID) ?? [])].sort(byStart).forEach((c) => visit(c, depth + 1));
  };
  [...rootsOf(trace)].sort(byStart).forEach((r) => visit(r, 0));
  // Spans only reachable through a cycle have no root; list them rather than lose them.
  [...trace.spans].sort(byStart).forEach((s) => visit(s, 0));
  return rows;
};

/** Query parameters for the traces endpoints: the last `durationSeconds` before `nowMs`. */
export const tracesQuery = (durationSeconds: number, nowMs: number, limit: number) => {
  const endMicros = Math.floor(nowMs) * 1000;
  return {
    startMicros: String(endMicros - durationSeconds * 1_000_000),
    endMicros: String(endMicros),
    limit: String(limit),
  };
};

/** "850µs", "12.3ms", "1.25s": three significant digits at most. */
export const formatMicros = (us: number): string => {
  if (us === 0) return '0';
  if (Math.round(us) < 1000) return `${Math.round(us)}µs`;
  const ms = Number((us / 1000).toPrecision(3));
  if (ms < 1000) return `${ms}ms`;
  return `${Number((us / 1_000_000).toPrecision(3))}s`;
};
