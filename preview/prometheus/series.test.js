'use strict';
// The synthetic series: Istio's standard metrics from the stand-in Kiali's traffic model, over a
// timeline that follows the cluster, only where user-workload monitoring scrapes the sidecars.
const { afterEach, describe, expect, it } = require('@jest/globals');
const { DURATION_BUCKETS } = require('./series');
const {
  ratingsAbortFrom,
  reviewsSplit,
  SIMULATED_ERRORS,
  startMetricsCluster,
} = require('./testing');

let env;
afterEach(() => env?.close());

const MIN = 60000;
const INBOUND =
  '{reporter="destination",destination_service_namespace="bookinfo",destination_service_name="reviews"}';
const byVersion = (data, label = 'destination_canonical_revision') =>
  Object.fromEntries(data.result.map((r) => [r.metric[label], Number(r.value[1])]));
const rateByVersion = (sel = INBOUND, w = '5m') =>
  byVersion(
    env.query(
      `sum by (destination_canonical_revision) (rate(istio_requests_total${sel}[${w}]))`,
      env.now(),
    ),
  );

describe('series from the traffic model', () => {
  it('labels requests as Istio’s proxies do, from both ends, with UWM’s target labels', async () => {
    env = await startMetricsCluster();
    const { result } = env.query(
      'istio_requests_total{destination_workload="reviews-v2",source_workload="productpage-v1"}',
      env.now(),
    );
    const bySide = Object.fromEntries(result.map((r) => [r.metric.reporter, r.metric]));
    expect(Object.keys(bySide).sort()).toEqual(['destination', 'source']);
    expect(bySide.destination).toMatchObject({
      __name__: 'istio_requests_total',
      reporter: 'destination',
      source_workload: 'productpage-v1',
      source_workload_namespace: 'bookinfo',
      source_canonical_service: 'productpage',
      source_canonical_revision: 'v1',
      source_app: 'productpage',
      source_version: 'v1',
      source_principal: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage',
      destination_workload: 'reviews-v2',
      destination_workload_namespace: 'bookinfo',
      destination_canonical_service: 'reviews',
      destination_canonical_revision: 'v2',
      destination_app: 'reviews',
      destination_version: 'v2',
      destination_service: 'reviews.bookinfo.svc.cluster.local',
      destination_service_name: 'reviews',
      destination_service_namespace: 'bookinfo',
      destination_principal: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-reviews',
      request_protocol: 'http',
      response_code: '200',
      response_flags: '-',
      connection_security_policy: 'mutual_tls',
      // The scrape target: the reporting pod.
      namespace: 'bookinfo',
      container: 'istio-proxy',
      job: 'bookinfo/istio-proxies-monitor',
      endpoint: 'http-envoy-prom',
    });
    expect(bySide.destination.pod).toMatch(/^reviews-v2-/);
    expect(bySide.destination.instance).toMatch(/^10\.128\.\d+\.\d+:15090$/);
    expect(bySide.destination).not.toHaveProperty('grpc_response_status');
    expect(bySide.source.pod).toMatch(/^productpage-v1-/);
    expect(bySide.source.connection_security_policy).toBe('unknown');
    // Requests from outside the mesh: only productpage's own proxy reports them.
    const outside = env.query('istio_requests_total{source_workload="unknown"}', env.now()).result;
    expect(
      outside.map((r) => [
        r.metric.reporter,
        r.metric.source_principal,
        r.metric.connection_security_policy,
      ]),
    ).toEqual([['destination', 'unknown', 'none']]);
  });

  it('has Istio’s histogram: cumulative buckets with its boundaries, _sum and _count', async () => {
    env = await startMetricsCluster();
    const sel =
      '{reporter="destination",destination_workload="ratings-v1",source_workload="reviews-v2"}';
    const buckets = env.query(`istio_request_duration_milliseconds_bucket${sel}`, env.now()).result;
    expect(buckets.map((b) => b.metric.le)).toEqual(
      [...DURATION_BUCKETS.map(String), '+Inf'].sort(),
    );
    const byLe = Object.fromEntries(buckets.map((b) => [b.metric.le, Number(b.value[1])]));
    const values = [...DURATION_BUCKETS.map(String), '+Inf'].map((le) => byLe[le]);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    const count = Number(
      env.query(`istio_request_duration_milliseconds_count${sel}`, env.now()).result[0].value[1],
    );
    const total = Number(env.query(`istio_requests_total${sel}`, env.now()).result[0].value[1]);
    expect(byLe['+Inf']).toBe(count);
    expect(count).toBe(total);
    // Running since a day before the preview: about 3.33 requests a second.
    expect(total / 86400).toBeCloseTo(3.333, 1);
  });

  it('gives 90/10 request rates to a 90/10 split, and the old version’s counter stays', async () => {
    env = await startMetricsCluster();
    expect(rateByVersion()).toEqual({ v1: 10 / 3, v2: 10 / 3, v3: 10 / 3 });
    for (const o of reviewsSplit({ v1: 90, v2: 10 })) await env.apply(o);
    await env.advance(600);
    const r = rateByVersion();
    expect(r.v1).toBeCloseTo(9, 9);
    expect(r.v2).toBeCloseTo(1, 9);
    expect(r.v3).toBe(0);
  });

  it('shows an abort on calls from reviews v3 as 5xx from v3 only, reported by its proxy', async () => {
    env = await startMetricsCluster();
    await env.apply(ratingsAbortFrom('v3'));
    await env.advance(600);
    const out =
      '{reporter="source",source_workload_namespace="bookinfo",source_canonical_service="reviews",response_code=~"5.."}';
    const errors = byVersion(
      env.query(
        `sum by (source_canonical_revision) (rate(istio_requests_total${out}[5m]))`,
        env.now(),
      ),
      'source_canonical_revision',
    );
    expect(Object.keys(errors)).toEqual(['v3']);
    expect(errors.v3).toBeCloseTo(10 / 3, 9);
    // The abort happens in v3's proxy: ratings never sees those requests, and the caller's proxy
    // cannot say which ratings pod would have answered (istio/istio#21923).
    const aborted = env.query(`istio_requests_total${out}`, env.now()).result[0].metric;
    expect(aborted).toMatchObject({
      response_code: '503',
      response_flags: 'FI',
      destination_workload: 'unknown',
    });
    const atRatings = env.query(
      'sum(rate(istio_requests_total{reporter="destination",destination_workload="ratings-v1",source_canonical_revision="v3"}[5m]))',
      env.now(),
    ).result;
    expect(Number(atRatings[0].value[1])).toBe(0);
  });

  it('shows a failing build of v3 as 5xx on v3’s inbound requests only', async () => {
    env = await startMetricsCluster();
    await env.patchDeployment('bookinfo', 'reviews-v3', (d) => {
      d.spec.template.metadata.annotations = { [SIMULATED_ERRORS]: '100' };
    });
    await env.advance(600);
    const errors = rateByVersion(INBOUND.replace('}', ',response_code=~"5.."}'));
    expect(Object.keys(errors)).toEqual(['v3']);
    expect(errors.v3).toBeCloseTo(10 / 3, 9);
  });

  it('resets a counter when the proxy restarts, and increase() carries on over it', async () => {
    env = await startMetricsCluster();
    await env.advance(300);
    const pod = await env.restartProxy('bookinfo', 'reviews-v1-');
    await env.advance(300);
    const sel = `{reporter="destination",destination_workload="reviews-v1",pod="${pod}"}`;
    const raw = Number(env.query(`sum(istio_requests_total${sel})`, env.now()).result[0].value[1]);
    expect(raw).toBeLessThan((10 / 3) * 300 + 1);
    const inc = Number(
      env.query(`sum(increase(istio_requests_total${sel}[10m]))`, env.now()).result[0].value[1],
    );
    expect(inc).toBeGreaterThan((10 / 3) * 600 * 0.95);
    expect(inc).toBeLessThan((10 / 3) * 600 * 1.05);
  });

  it('starts new series for a replaced pod', async () => {
    env = await startMetricsCluster();
    const old = env.api
      .findAll('v1', 'Pod', 'bookinfo')
      .find((p) => p.metadata.name.startsWith('details-v1-'));
    await env.remove('v1', 'Pod', 'bookinfo', old.metadata.name);
    await env.advance(600);
    const pods = env
      .query(
        'sum by (pod) (rate(istio_requests_total{destination_workload="details-v1",reporter="destination"}[5m]))',
        env.now(),
      )
      .result.map((r) => [r.metric.pod === old.metadata.name ? 'old' : 'new', Number(r.value[1])]);
    expect(pods).toEqual([['new', expect.closeTo(10, 9)]]);
  });
});

describe('only what the metrics pipeline collects', () => {
  it('has no series where user-workload monitoring scrapes nothing', async () => {
    env = await startMetricsCluster({ scenario: 'mesh3-no-telemetry' });
    await env.advance(600);
    expect(env.query('istio_requests_total', env.now()).result).toEqual([]);
    expect(env.query(`sum(rate(istio_requests_total${INBOUND}[5m]))`, env.now()).result).toEqual(
      [],
    );
  });

  it('has samples only from the time a PodMonitor began to cover the namespace', async () => {
    env = await startMetricsCluster({ scenario: 'mesh3-no-telemetry' });
    const before = env.now();
    await env.advance(3600);
    await env.apply({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cluster-monitoring-config', namespace: 'openshift-monitoring' },
      data: { 'config.yaml': 'enableUserWorkload: true\n' },
    });
    await env.apply({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: 'istio-proxies-monitor', namespace: 'bookinfo' },
      spec: {
        podMetricsEndpoints: [
          { port: 'http-envoy-prom', path: '/stats/prometheus', interval: '30s' },
        ],
      },
    });
    const covered = env.now();
    await env.advance(600);
    const { result } = env.query(`sum(istio_requests_total${INBOUND})`, {
      start: before,
      end: env.now(),
      step: MIN,
    });
    const times = result[0].values.map(([t]) => t * 1000);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(covered);
    expect(env.query(`sum(istio_requests_total${INBOUND})`, covered - 1000).result).toEqual([]);
    // Envoy counted all along: the first samples already hold a day and an hour of requests.
    // Read once every pod has been scraped (each at its own offset within the 30 s interval):
    // a step landing sooner holds only the pods scraped so far.
    const [, first] = result[0].values.find(([t]) => t * 1000 >= covered + 30_000);
    expect(Number(first) / (25 * 3600)).toBeCloseTo(10, 0);
    expect(Number(rateByVersion().v2)).toBeCloseTo(10 / 3, 9);
  });
});

describe('the clock', () => {
  it('moves forward by advance(), dating the changes made before it', async () => {
    env = await startMetricsCluster();
    const t0 = env.prom.now();
    for (const o of reviewsSplit({ v3: 100 })) env.api.upsert(o);
    const at = env.prom.advance(600);
    expect(at).toBe(t0 + 600);
    const starts = env.prom.timeline.segments.map((s) => s.start / 1000);
    expect(starts[starts.length - 1]).toBe(t0);
    expect(() => env.prom.advance(-1)).toThrow('seconds >= 0');
  });
});
