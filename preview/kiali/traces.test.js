'use strict';
// Traces from the stand-in Kiali: Jaeger-shaped, stable per time window, and following the
// routing configured in the stand-in cluster.
const { afterEach, beforeEach, describe, expect, it } = require('@jest/globals');
const { reviewsSplit, startKialiPreview } = require('./testing');

let t;
beforeEach(async () => {
  t = await startKialiPreview();
});
afterEach(() => t.close());

// A fixed window in the recent past (inside Tempo's retention).
const END = Math.floor(Date.now() / 3600e3) * 3600e6 - 3600e6;
const window = (hours, extra = {}) => ({
  startMicros: String(END - hours * 3600e6),
  endMicros: String(END),
  ...extra,
});
/** Point the Kiali CR at a Jaeger query API (Tempo's jaeger-query) instead of Tempo's own. */
const useJaeger = async (t) => {
  const res = await t.k8s(
    'PATCH',
    '/apis/kiali.io/v1alpha1/namespaces/istio-system/kialis/kiali',
    {
      spec: {
        external_services: {
          tracing: {
            provider: 'jaeger',
            internal_url: 'http://tempo-sample-query-frontend.tempo.svc.cluster.local:16686',
            external_url: 'https://jaeger.apps.preview.example.com',
          },
        },
      },
    },
    'application/merge-patch+json',
  );
  expect(res.status).toBe(200);
};
const tagOf = (span, key) => span.tags.find((x) => x.key === key)?.value;
const serverSpansOf = (trace, service) =>
  trace.spans.filter(
    (s) =>
      tagOf(s, 'span.kind') === 'server' && trace.processes[s.processID].serviceName === service,
  );

describe('service traces over Jaeger', () => {
  beforeEach(() => useJaeger(t));

  it('are Jaeger traces through productpage, details and reviews, linked by references', async () => {
    const res = await t.kiali(
      '/api/namespaces/bookinfo/services/reviews/traces',
      window(1, { limit: '20' }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ errors: null, tracingServiceName: 'reviews.bookinfo' });
    expect(res.body.data).toHaveLength(20);
    for (const trace of res.body.data) {
      const ids = new Set(trace.spans.map((s) => s.spanID));
      expect(trace.traceID).toMatch(/^[0-9a-f]{32}$/);
      for (const s of trace.spans) {
        expect(s.traceID).toBe(trace.traceID);
        expect(s.startTime).toBeGreaterThanOrEqual(END - 3600e6);
        expect(s.duration).toBeGreaterThan(0);
        for (const ref of s.references) {
          expect(ref.refType).toBe('CHILD_OF');
          expect(ids.has(ref.spanID)).toBe(true);
        }
      }
      const services = new Set(Object.values(trace.processes).map((p) => p.serviceName));
      expect([...services].sort()).toEqual(
        expect.arrayContaining(['details.bookinfo', 'productpage.bookinfo', 'reviews.bookinfo']),
      );
      // One root: the request from outside arriving at productpage.
      const roots = trace.spans.filter((s) => !s.references.length);
      expect(roots).toHaveLength(1);
      expect(trace.processes[roots[0].processID].serviceName).toBe('productpage.bookinfo');
      const [reviews] = serverSpansOf(trace, 'reviews.bookinfo');
      expect(tagOf(reviews, 'http.status_code')).toBe('200');
      expect(tagOf(reviews, 'istio.canonical_revision')).toMatch(/^v[123]$/);
      expect(tagOf(reviews, 'node_id')).toMatch(/^sidecar~[\d.]+~reviews-v[123]-/);
    }
  });

  it('follow a 90/10 split in the versions that serve reviews', async () => {
    for (const obj of reviewsSplit({ v1: 90, v3: 10 })) await t.apply(obj);
    const res = await t.kiali(
      '/api/namespaces/bookinfo/services/reviews/traces',
      window(2, { limit: '400' }),
    );
    expect(res.body.data).toHaveLength(400);
    const versions = res.body.data.map((trace) =>
      tagOf(serverSpansOf(trace, 'reviews.bookinfo')[0], 'istio.canonical_revision'),
    );
    const share = (v) => versions.filter((x) => x === v).length / versions.length;
    expect(share('v2')).toBe(0);
    expect(share('v3')).toBeGreaterThan(0.04);
    expect(share('v3')).toBeLessThan(0.17);
    // v3 calls ratings, v1 does not.
    const withRatings = res.body.data.filter((tr) => serverSpansOf(tr, 'ratings.bookinfo').length);
    expect(withRatings.length).toBe(versions.filter((v) => v === 'v3').length);
  });

  it('are the same for the same window, and each can be fetched by id', async () => {
    const params = window(1, { limit: '5' });
    const first = await t.kiali('/api/namespaces/bookinfo/services/details/traces', params);
    const again = await t.kiali('/api/namespaces/bookinfo/services/details/traces', params);
    expect(again.body.data.map((x) => x.traceID)).toEqual(first.body.data.map((x) => x.traceID));
    const [listed] = first.body.data;
    const one = await t.kiali(`/api/traces/${listed.traceID}`);
    expect(one.status).toBe(200);
    // Kiali's Trace has `matched` without omitempty; Jaeger never sets it.
    expect(listed.matched).toBe(0);
    expect(one.body).toEqual({ data: listed, errors: null });
  });

  it('answer a trace Jaeger does not have as Kiali does over Jaeger: 200, an empty trace, errors [404]', async () => {
    const res = await t.kiali(`/api/traces/${'0'.repeat(32)}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: { traceID: '', spans: null, processes: null, warnings: null, matched: 0 },
      errors: [{ code: 404, msg: 'trace not found' }],
    });
  });

  it('show aborts as error spans and can be searched by tag', async () => {
    await t.apply({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'details', namespace: 'bookinfo' },
      spec: {
        hosts: ['details'],
        http: [
          {
            fault: { abort: { httpStatus: 503, percentage: { value: 50 } } },
            route: [{ destination: { host: 'details' } }],
          },
        ],
      },
    });
    const all = await t.kiali(
      '/api/namespaces/bookinfo/apps/productpage/traces',
      window(1, { limit: '100' }),
    );
    const failed = all.body.data.filter((tr) =>
      tr.spans.some((s) => tagOf(s, 'error') === true && tagOf(s, 'response_flags') === 'FI'),
    );
    expect(failed.length).toBeGreaterThan(20);
    expect(failed.length).toBeLessThan(80);
    // An aborted call never reaches details: no server span for it.
    for (const tr of failed) expect(serverSpansOf(tr, 'details.bookinfo')).toHaveLength(0);

    const errors = await t.kiali(
      '/api/namespaces/bookinfo/apps/productpage/traces',
      window(1, { limit: '100', tags: JSON.stringify({ error: 'true' }) }),
    );
    // Newest first: the failed ones among the newest 100 lead the search for errors.
    const found = errors.body.data.map((x) => x.traceID);
    expect(found.slice(0, failed.length)).toEqual(failed.map((x) => x.traceID));
    for (const tr of errors.body.data) {
      expect(tr.spans.some((s) => tagOf(s, 'error') === true)).toBe(true);
    }
  });

  it('of a workload hold only traces that went through it', async () => {
    const res = await t.kiali(
      '/api/namespaces/bookinfo/workloads/reviews-v2/traces',
      window(1, { limit: '30' }),
    );
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    for (const trace of res.body.data) {
      const pods = trace.spans.map((s) => tagOf(s, 'node_id'));
      expect(pods.some((p) => /~reviews-v2-/.test(p))).toBe(true);
    }
  });

  it('reject bad parameters', async () => {
    const path = '/api/namespaces/bookinfo/services/reviews/traces';
    expect((await t.kiali(path, { limit: '0' })).status).toBe(400);
    expect((await t.kiali(path, { startMicros: 'yesterday' })).status).toBe(400);
    expect((await t.kiali(path, { tags: '{not json' })).status).toBe(400);
  });
});

describe('service traces over Tempo (the mesh3 Kiali)', () => {
  it('are Kiali’s conversion of Tempo’s search: matched spans only, process inline, no references', async () => {
    const res = await t.kiali(
      '/api/namespaces/bookinfo/services/reviews/traces',
      window(1, { limit: '20' }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ errors: null, tracingServiceName: 'reviews.bookinfo' });
    expect(res.body.data).toHaveLength(20);
    for (const trace of res.body.data) {
      expect(trace.processes).toEqual({});
      expect(trace.matched).toBeGreaterThanOrEqual(trace.spans.length);
      expect(trace.spans.length).toBeLessThanOrEqual(10);
      for (const s of trace.spans) {
        expect(s.references).toEqual([]);
        expect(s).not.toHaveProperty('processID');
        expect(s.process).toEqual({ serviceName: 'reviews.bookinfo', tags: [] });
        // Only reviews' own spans: none of productpage's, which is the root.
        expect(tagOf(s, 'node_id')).toMatch(/~reviews-v[123]-/);
        expect(tagOf(s, 'http.status_code')).toBeUndefined();
      }
    }
  });

  it('are whole by id: every span, CHILD_OF references, base64 ids as Tempo’s OTLP JSON has them', async () => {
    const list = await t.kiali(
      '/api/namespaces/bookinfo/services/reviews/traces',
      window(1, { limit: '1' }),
    );
    const [searched] = list.body.data;
    const one = await t.kiali(`/api/traces/${searched.traceID}`);
    expect(one.status).toBe(200);
    const trace = one.body.data;
    expect(trace.processes).toEqual({});
    expect(trace.matched).toBe(trace.spans.length);
    expect(trace.spans.length).toBeGreaterThan(searched.spans.length);
    const ids = new Set(trace.spans.map((s) => s.spanID));
    for (const s of trace.spans) {
      expect(s.spanID).toMatch(/^[A-Za-z0-9+/]{11}=$/);
      for (const ref of s.references) expect(ids.has(ref.spanID)).toBe(true);
    }
    const roots = trace.spans.filter((s) => !s.references.length);
    expect(roots).toHaveLength(1);
    expect(roots[0].process.serviceName).toBe('productpage.bookinfo');
    // The search answer's hex ids are the same spans.
    const hex = new Set(trace.spans.map((s) => Buffer.from(s.spanID, 'base64').toString('hex')));
    for (const s of searched.spans) expect(hex.has(s.spanID)).toBe(true);
  });

  it('answer a trace Tempo does not have as Kiali does over Tempo: 503 {error}', async () => {
    const res = await t.kiali(`/api/traces/${'0'.repeat(32)}`);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: '[HTTP Tempo] Error returning traces: trace not found' });
    expect((await t.kiali('/api/traces/not-hex')).status).toBe(400);
  });

  it('become unavailable when the Tempo instance Kiali points at is deleted', async () => {
    const del = await t.k8s(
      'DELETE',
      '/apis/tempo.grafana.com/v1alpha1/namespaces/tempo/tempostacks/sample',
    );
    expect(del.status).toBe(200);
    const res = await t.kiali('/api/namespaces/bookinfo/services/reviews/traces');
    expect(res.status).toBe(503);
    expect(res.body.error).toMatch(/tempo-sample-gateway\.tempo/);
  });

  it('are refused for a namespace the user cannot read', async () => {
    t.preview.backend.setUser('developer');
    expect((await t.kiali('/api/namespaces/istio-system/services/istiod/traces')).status).toBe(403);
    expect(
      (await t.kiali('/api/namespaces/bookinfo/services/reviews/traces', window(1))).status,
    ).toBe(200);
  });
});
