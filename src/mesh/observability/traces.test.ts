import {
  decodeSingleTrace,
  decodeTraceList,
  durationPoints,
  formatMicros,
  niceCeiling,
  summarizeTraces,
  tracesQuery,
  waterfallRows,
} from './traces';
import type { Trace } from './traces';

const T0 = 1_763_900_000_000_000; // µs
const span = (
  spanID: string,
  processID: string,
  operationName: string,
  start: number,
  duration: number,
  parent?: string,
  tags: { key: string; type: string; value: unknown }[] = [],
) => ({
  traceID: 't1',
  spanID,
  operationName,
  references: parent ? [{ refType: 'CHILD_OF', traceID: 't1', spanID: parent }] : [],
  startTime: T0 + start,
  duration,
  tags,
  logs: [],
  processID,
  warnings: null,
});

// productpage calls reviews (which calls ratings) and details; the ratings call fails.
const jaegerTrace = {
  traceID: 't1',
  spans: [
    span('d', 'p3', 'details.bookinfo.svc.cluster.local:9080/*', 1_000, 2_000, 'a'),
    span('a', 'p1', 'productpage.bookinfo.svc.cluster.local:9080/productpage', 0, 40_000),
    span('b', 'p2', 'reviews.bookinfo.svc.cluster.local:9080/*', 5_000, 30_000, 'a'),
    span('c', 'p4', 'ratings.bookinfo.svc.cluster.local:9080/*', 10_000, 10_000, 'b', [
      { key: 'error', type: 'bool', value: true },
      { key: 'http.status_code', type: 'string', value: '503' },
    ]),
  ],
  processes: {
    p1: { serviceName: 'productpage.bookinfo', tags: [] },
    p2: { serviceName: 'reviews.bookinfo', tags: [] },
    p3: { serviceName: 'details.bookinfo', tags: [] },
    p4: { serviceName: 'ratings.bookinfo', tags: [] },
  },
  warnings: null,
};

const later = {
  traceID: 't2',
  spans: [{ ...span('x', 'p1', 'GET /health', 60_000_000, 900), traceID: 't2' }],
  processes: { p1: { serviceName: 'reviews.bookinfo' } },
};

const list = (json: unknown) => {
  const r = decodeTraceList(json);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('decodeTraceList', () => {
  it('reads traces with their spans’ services from the process table', () => {
    const { traces, errors } = list({
      data: [jaegerTrace],
      errors: [],
      tracingServiceName: 'reviews.bookinfo',
    });
    expect(errors).toEqual([]);
    expect(traces[0].spans.map((s) => [s.spanID, s.serviceName, s.parents])).toEqual([
      ['d', 'details.bookinfo', ['a']],
      ['a', 'productpage.bookinfo', []],
      ['b', 'reviews.bookinfo', ['a']],
      ['c', 'ratings.bookinfo', ['b']],
    ]);
    expect(traces[0].spans[3].tags).toEqual([
      { key: 'error', value: 'true' },
      { key: 'http.status_code', value: '503' },
    ]);
  });

  it('passes on the tracing backend’s own errors and accepts no data', () => {
    expect(list({ data: null, errors: [{ code: 500, msg: 'tempo: connection refused' }] })).toEqual(
      {
        traces: [],
        errors: ['tempo: connection refused'],
      },
    );
  });

  it.each([
    ['not an object', [], "Kiali's traces are a list, not an object"],
    ['data not a list', { data: {} }, 'Kiali\'s traces "data" is an object, not a list'],
    ['a trace without ID', { data: [{ spans: [] }] }, 'trace 1 has no traceID'],
    ['spans missing', { data: [{ traceID: 't9' }] }, 'trace t9 has no spans list'],
    [
      'a span without duration',
      { data: [{ traceID: 't9', spans: [{ spanID: 's', startTime: 1 }] }] },
      'trace t9 has a span without spanID, startTime or duration',
    ],
  ])('rejects %s', (_, json, error) => {
    expect(decodeTraceList(json)).toEqual({ ok: false, error });
  });
});

describe('decodeSingleTrace', () => {
  it('reads one trace', () => {
    const r = decodeSingleTrace({ data: jaegerTrace, errors: null });
    expect(r.ok && r.value.found && r.value.trace.spans).toHaveLength(4);
  });

  it('says "not found" for Kiali’s answer over Jaeger: 200, an empty trace and a 404 error', () => {
    // GET /api/traces/{id} of Kiali 2.27 over Jaeger's HTTP API: TracingSingleTrace with the Go
    // zero value of Trace (tracing/jaeger/model/json/model.go) and Jaeger's own errors.
    expect(
      decodeSingleTrace({
        data: { traceID: '', spans: null, processes: null, warnings: null, matched: 0 },
        errors: [{ code: 404, msg: 'trace not found' }],
      }),
    ).toEqual({ ok: true, value: { found: false, notFound: true, message: 'trace not found' } });
    expect(decodeSingleTrace({ data: null, errors: [] })).toEqual({
      ok: true,
      value: { found: false, notFound: true },
    });
  });

  it('passes on other errors the backend sent instead of the trace', () => {
    expect(
      decodeSingleTrace({
        data: { traceID: '', spans: null, processes: null, warnings: null, matched: 0 },
        errors: [{ code: 500, msg: 'cassandra: timeout' }],
      }),
    ).toEqual({
      ok: true,
      value: { found: false, notFound: false, message: 'cassandra: timeout' },
    });
  });

  it('still rejects a trace with broken spans', () => {
    expect(decodeSingleTrace({ data: { traceID: 't1', spans: [{ spanID: 'a' }] } })).toEqual({
      ok: false,
      error: 'trace t1 has a span without spanID, startTime or duration',
    });
  });
});

// A Tempo search answer as Kiali 2.27 converts it (tracing/tempo/http_client.go
// convertBatchTrace, tracing/otel/model/converter ConvertSpanSet): the spans of the spanSet that
// matched `.service.name = "reviews.bookinfo"`, each with its process inline and named after the
// queried service, no process table, no references; `matched` counts every matched span.
const tempoSpan = (spanID: string, operationName: string, start: number, duration: number) => ({
  traceID: 'e3a1c7',
  spanID,
  operationName,
  references: [],
  startTime: T0 + start,
  duration,
  tags: [
    { key: 'node_id', type: 'string', value: 'sidecar~10.128.2.7~reviews-v2-5b9d.bookinfo~…' },
    { key: 'upstream_cluster', type: 'string', value: 'inbound|9080||' },
  ],
  logs: [],
  process: { serviceName: 'reviews.bookinfo', tags: [] },
  warnings: [],
});
const tempoSearchTrace = {
  traceID: 'e3a1c7',
  spans: [
    tempoSpan('b7ad6b7169203331', 'ratings.bookinfo.svc.cluster.local:9080/*', 9_000, 12_000),
    tempoSpan('00f067aa0ba902b7', 'reviews.bookinfo.svc.cluster.local:9080/*', 5_000, 30_000),
  ],
  processes: {},
  warnings: [],
  matched: 3,
};

describe('a Tempo search answer', () => {
  it('is marked as holding only the matched spans, and names no root', () => {
    const { traces } = list({
      data: [tempoSearchTrace],
      errors: null,
      tracingServiceName: 'reviews.bookinfo',
    });
    expect(traces[0].matchedOnly).toEqual({ matched: 3 });
    expect(traces[0].spans.map((s) => s.serviceName)).toEqual([
      'reviews.bookinfo',
      'reviews.bookinfo',
    ]);
    const [summary] = summarizeTraces(traces);
    expect(summary.root).toBeUndefined();
    expect(summary).toMatchObject({
      matchedSpan: {
        service: 'reviews.bookinfo',
        operation: 'reviews.bookinfo.svc.cluster.local:9080/*',
      },
      matchedCount: 3,
      spanCount: 2,
      startMicros: T0 + 5_000,
      durationMicros: 30_000,
    });
    // A Jaeger answer is whole traces.
    expect(list({ data: [jaegerTrace] }).traces[0].matchedOnly).toBeUndefined();
  });

  it('reads Tempo’s trace by id, with its base64 span ids, as a whole tree in hex', () => {
    // GET /api/traces/{id} over Tempo (convertSingleTrace, ConvertSpans): OTLP ids as Tempo's
    // JSON has them (base64), CHILD_OF references from parentSpanId, processes inline per batch.
    const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
    const span = (id: string, parent: string | undefined, service: string, start: number) => ({
      traceID: 'e3a1c7',
      spanID: b64(id),
      operationName: `${service}:9080/*`,
      references: parent ? [{ refType: 'CHILD_OF', traceID: 'e3a1c7', spanID: b64(parent) }] : [],
      startTime: T0 + start,
      duration: 1000,
      tags: [{ key: 'span.kind', type: 'string', value: 'server' }],
      logs: [],
      process: { serviceName: service, tags: [] },
      warnings: [],
    });
    const r = decodeSingleTrace({
      data: {
        traceID: 'e3a1c7',
        spans: [
          span('00f067aa0ba902b7', 'a1b2c3d4e5f60718', 'reviews.bookinfo', 200),
          span('a1b2c3d4e5f60718', undefined, 'productpage.bookinfo', 0),
        ],
        processes: {},
        warnings: [],
        matched: 2,
      },
      errors: null,
    });
    if (!r.ok || !r.value.found) throw new Error('not read');
    const rows = waterfallRows(r.value.trace);
    expect(rows.map((w) => [w.span.spanID, w.span.serviceName, w.depth])).toEqual([
      ['a1b2c3d4e5f60718', 'productpage.bookinfo', 0],
      ['00f067aa0ba902b7', 'reviews.bookinfo', 1],
    ]);
  });
});

describe('summarizeTraces', () => {
  it('summarises each trace from its root span, newest first', () => {
    expect(summarizeTraces(list({ data: [jaegerTrace, later] }).traces)).toEqual([
      {
        traceID: 't2',
        root: { service: 'reviews.bookinfo', operation: 'GET /health' },
        startMicros: T0 + 60_000_000,
        durationMicros: 900,
        spanCount: 1,
        errorCount: 0,
        services: ['reviews.bookinfo'],
      },
      {
        traceID: 't1',
        root: {
          service: 'productpage.bookinfo',
          operation: 'productpage.bookinfo.svc.cluster.local:9080/productpage',
        },
        startMicros: T0,
        durationMicros: 40_000,
        spanCount: 4,
        errorCount: 1,
        services: [
          'details.bookinfo',
          'productpage.bookinfo',
          'ratings.bookinfo',
          'reviews.bookinfo',
        ],
      },
    ]);
  });

  it('counts OpenTelemetry error status as an error', () => {
    const t = list({
      data: [
        {
          traceID: 'o',
          spans: [
            {
              spanID: 's',
              startTime: 1,
              duration: 1,
              tags: [{ key: 'otel.status_code', value: 'ERROR' }],
            },
          ],
        },
      ],
    }).traces;
    expect(summarizeTraces(t)[0].errorCount).toBe(1);
  });
});

describe('waterfallRows', () => {
  const trace = list({ data: [jaegerTrace] }).traces[0];

  it('orders spans as a tree, siblings by start, with bar offsets and widths in percent', () => {
    expect(
      waterfallRows(trace).map((r) => [
        r.span.spanID,
        r.depth,
        r.offsetPercent,
        r.widthPercent,
        r.error,
      ]),
    ).toEqual([
      ['a', 0, 0, 100, false],
      ['d', 1, 2.5, 5, false],
      ['b', 1, 12.5, 75, false],
      ['c', 2, 25, 25, true],
    ]);
  });

  it('keeps a span whose parent is missing as a root, and survives a reference cycle', () => {
    const orphan: Trace = {
      traceID: 'o',
      spans: [
        { ...trace.spans[1] },
        { ...trace.spans[3], parents: ['gone'] },
        { ...trace.spans[0], spanID: 'x', parents: ['y'] },
        { ...trace.spans[0], spanID: 'y', parents: ['x'] },
      ],
    };
    const rows = waterfallRows(orphan);
    expect(rows.map((r) => [r.span.spanID, r.depth])).toEqual([
      ['a', 0],
      ['c', 0],
      ['x', 0],
      ['y', 1],
    ]);
  });

  it('draws a zero-length trace as one full bar', () => {
    const zero: Trace = { traceID: 'z', spans: [{ ...trace.spans[1], duration: 0 }] };
    expect(waterfallRows(zero)[0]).toMatchObject({ offsetPercent: 0, widthPercent: 100 });
  });
});

describe('durationPoints', () => {
  it('places traces in the queried window against a readable maximum', () => {
    const summaries = summarizeTraces(list({ data: [jaegerTrace, later] }).traces);
    const { points, maxMicros } = durationPoints(summaries, {
      startMicros: T0,
      endMicros: T0 + 120_000_000,
    });
    expect(maxMicros).toBe(50_000);
    expect(points).toEqual([
      { traceID: 't2', x: 0.5, y: 0.018, error: false, durationMicros: 900 },
      { traceID: 't1', x: 0, y: 0.8, error: true, durationMicros: 40_000 },
    ]);
  });

  it('keeps points that fall outside the window on its edge', () => {
    const { points } = durationPoints(
      [
        {
          traceID: 'a',
          startMicros: 5,
          durationMicros: 1,
          spanCount: 1,
          errorCount: 0,
          services: [],
        },
      ],
      { startMicros: 10, endMicros: 20 },
    );
    expect(points[0].x).toBe(0);
  });
});

describe('helpers', () => {
  it.each([
    [0, 1],
    [7, 10],
    [40_000, 50_000],
    [120, 200],
    [1000, 1000],
  ])('niceCeiling(%s) = %s', (max, nice) => {
    expect(niceCeiling(max)).toBe(nice);
  });

  it.each([
    [0, '0'],
    [850, '850µs'],
    [12_345, '12.3ms'],
    [1_250_000, '1.25s'],
    [999_999, '1s'],
    [999.6, '1ms'],
  ])('formatMicros(%s) = %s', (us, text) => {
    expect(formatMicros(us)).toBe(text);
  });

  it('queries the last window in microseconds', () => {
    expect(tracesQuery(600, 1_763_900_000_123, 100)).toEqual({
      startMicros: String(1_763_900_000_123_000 - 600_000_000),
      endMicros: '1763900000123000',
      limit: '100',
    });
  });
});
