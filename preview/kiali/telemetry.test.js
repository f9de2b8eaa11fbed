'use strict';
// The stand-in Kiali shows only what the cluster's telemetry pipeline would have collected: no
// traffic before user-workload monitoring scrapes the sidecars, no traces before a collector
// sends sampled spans to a ready Tempo, and as many traces as the sampling percentage gives.
const { afterEach, beforeEach, describe, expect, it } = require('@jest/globals');
const { readGraph, startKialiPreview, until } = require('./testing');

let t;
afterEach(() => t.close());

const END = Math.floor(Date.now() / 3600e3) * 3600e6 - 3600e6;
const lastHour = (extra = {}) => ({
  startMicros: String(END - 3600e6),
  endMicros: String(END),
  limit: '10000',
  ...extra,
});
const graph = () => t.kiali('/api/namespaces/graph', { namespaces: 'bookinfo', graphType: 'app' });
const trafficEdges = (body) =>
  Object.values(readGraph(body).edges).filter((e) => Number(e.traffic?.rates?.http || 0) > 0);
const reviewsTraces = async () =>
  (await t.kiali('/api/namespaces/bookinfo/services/reviews/traces', lastHour())).body.data;
const mergePatch = (path, body) => t.k8s('PATCH', path, body, 'application/merge-patch+json');

describe('a Service Mesh 3 cluster the wizard left without metrics or tracing', () => {
  beforeEach(async () => {
    t = await startKialiPreview({ scenario: 'mesh3-no-telemetry' });
  });

  it('has no traffic in the graph and no request rates in health', async () => {
    const { status, body } = await graph();
    expect(status).toBe(200);
    expect(trafficEdges(body)).toEqual([]);
    const health = await t.kiali('/api/clusters/health', {
      namespaces: 'bookinfo',
      type: 'service',
    });
    expect(health.body.namespaceServiceHealth.bookinfo.reviews.requests.inbound).toEqual({});
  });

  it('draws traffic only once user-workload monitoring runs and a PodMonitor scrapes bookinfo', async () => {
    const created = await t.k8s('POST', '/api/v1/namespaces/openshift-monitoring/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cluster-monitoring-config', namespace: 'openshift-monitoring' },
      data: { 'config.yaml': 'enableUserWorkload: true\n' },
    });
    expect(created.status).toBe(201);
    await until(
      async () =>
        (
          await t.k8s(
            'GET',
            '/apis/apps/v1/namespaces/openshift-user-workload-monitoring/statefulsets/prometheus-user-workload',
          )
        ).body?.status?.readyReplicas === 2,
      'prometheus-user-workload',
    );
    // Prometheus runs, but nothing tells it to scrape the sidecars yet.
    expect(trafficEdges((await graph()).body)).toEqual([]);
    await t.apply({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: 'istio-proxies-monitor', namespace: 'bookinfo' },
      spec: {
        selector: {
          matchExpressions: [{ key: 'istio-prometheus-ignore', operator: 'DoesNotExist' }],
        },
        podMetricsEndpoints: [{ port: 'http-envoy-prom', path: '/stats/prometheus' }],
      },
    });
    const edges = Object.keys(readGraph((await graph()).body).edges);
    expect(edges).toEqual(expect.arrayContaining(['productpage -> reviews', 'reviews -> ratings']));
  });

  it('has no traces: nothing sends spans to Tempo', async () => {
    const res = await t.kiali('/api/namespaces/bookinfo/services/reviews/traces', lastHour());
    // Kiali without tracing configured in its CR answers 503 for traces.
    expect(res.status).toBe(503);
  });
});

describe('the mesh3 scenario, wired as the wizard wires it', () => {
  beforeEach(async () => {
    t = await startKialiPreview();
  });

  it('answers 503 with the Thanos error when Kiali may not read cluster monitoring', async () => {
    const res = await t.k8s(
      'DELETE',
      '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kiali-monitoring-rbac-istio-system',
    );
    expect(res.status).toBe(200);
    const g = await graph();
    expect(g.status).toBe(503);
    expect(g.body).toEqual({ error: 'client_error: client error: 403' });
  });

  it('traces about 1 % of bookinfo requests, and ten times as many at 10 %', async () => {
    const atOnePercent = (await reviewsTraces()).length;
    // Bookinfo takes ROOT_RPS requests a second: 1 % over an hour is a few hundred traces.
    expect(atOnePercent).toBeGreaterThan(100);
    expect(atOnePercent).toBeLessThan(600);
    const res = await mergePatch(
      '/apis/telemetry.istio.io/v1/namespaces/istio-system/telemetries/mesh-default',
      {
        spec: {
          tracing: [{ providers: [{ name: 'otel-tracing' }], randomSamplingPercentage: 10 }],
        },
      },
    );
    expect(res.status).toBe(200);
    const atTenPercent = (await reviewsTraces()).length;
    expect(atTenPercent).toBeGreaterThan(atOnePercent * 8);
  });

  it('stops tracing when the collector goes; Tempo keeps the traces it stored', async () => {
    const [first] = await reviewsTraces();
    expect(first).toBeDefined();
    const gone = await t.k8s(
      'DELETE',
      '/apis/opentelemetry.io/v1beta1/namespaces/istio-system/opentelemetrycollectors/otel',
    );
    expect(gone.status).toBe(200);
    // The stand-in keeps no history: the pipeline as it is now decides every window.
    await until(async () => (await reviewsTraces()).length === 0, 'traces to stop');
    const stored = await t.kiali(`/api/traces/${first.traceID}`);
    expect(stored.status).toBe(200);
    expect(stored.body.data.traceID).toBe(first.traceID);
  });

  it('has no traces when the mesh-wide Telemetry no longer names the provider', async () => {
    const res = await t.k8s(
      'DELETE',
      '/apis/telemetry.istio.io/v1/namespaces/istio-system/telemetries/mesh-default',
    );
    expect(res.status).toBe(200);
    expect(await reviewsTraces()).toEqual([]);
  });
});
