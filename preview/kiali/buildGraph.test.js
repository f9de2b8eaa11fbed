'use strict';
// The stand-in Kiali's traffic graph, through the preview server's plugin proxy: shapes per the
// reference, and traffic that follows what is configured in the stand-in cluster right now.
const { afterEach, beforeEach, describe, expect, it } = require('@jest/globals');
const { readGraph, reviewsSplit, startKialiPreview, until } = require('./testing');

const SERVICE_TAB = {
  graphType: 'versionedApp',
  duration: '600s',
  injectServiceNodes: 'true',
  appenders:
    'deadNode,serviceEntry,meshCheck,workloadEntry,health,istio,securityPolicy,responseTime',
  responseTime: '95',
};

let t;
beforeEach(async () => {
  t = await startKialiPreview();
});
afterEach(() => t.close());

const reviewsGraph = async () => {
  const res = await t.kiali('/api/namespaces/bookinfo/services/reviews/graph', SERVICE_TAB);
  expect(res.status).toBe(200);
  return res.body;
};
const namespaceGraph = async (params = {}) => {
  const res = await t.kiali('/api/namespaces/graph', {
    namespaces: 'bookinfo',
    graphType: 'workload',
    ...params,
  });
  expect(res.status).toBe(200);
  return readGraph(res.body);
};

describe('the reviews service graph (what the Service Mesh tab asks for)', () => {
  it('shows productpage calling reviews, split evenly over v1, v2 and v3 without routing', async () => {
    const graph = await reviewsGraph();
    expect(graph).toMatchObject({ graphType: 'versionedApp', duration: 600 });
    const { nodes, edges } = readGraph(graph);
    expect(Object.keys(edges).sort()).toEqual([
      'productpage:v1 -> svc:reviews',
      'svc:reviews -> reviews:v1',
      'svc:reviews -> reviews:v2',
      'svc:reviews -> reviews:v3',
    ]);
    const shares = ['v1', 'v2', 'v3'].map(
      (v) => edges[`svc:reviews -> reviews:${v}`].traffic.rates.httpPercentReq,
    );
    expect(shares).toEqual(['33.3', '33.3', '33.3']);
    expect(edges['productpage:v1 -> svc:reviews'].traffic).toMatchObject({
      protocol: 'http',
      rates: { http: '10.00', httpPercentReq: '100.0' },
      responses: {
        200: { flags: { '-': '100.0' }, hosts: { 'reviews.bookinfo.svc.cluster.local': '100.0' } },
      },
    });
    // The versions sit in an app box; the service node does not.
    expect(nodes['reviews:v2'].parent).toBe(nodes['box:app:reviews'].id);
    expect(nodes['svc:reviews'].parent).toBeUndefined();
    expect(nodes['reviews:v2']).toMatchObject({
      nodeType: 'app',
      cluster: 'Kubernetes',
      namespace: 'bookinfo',
      app: 'reviews',
      version: 'v2',
      workload: 'reviews-v2',
      traffic: [{ protocol: 'http', rates: { httpIn: '3.33' } }],
    });
    expect(nodes['reviews:v2'].healthData.workloadStatus).toMatchObject({
      name: 'reviews-v2',
      desiredReplicas: 1,
      availableReplicas: 1,
    });
    // Both ends have sidecars and auto-mTLS is on.
    expect(edges['svc:reviews -> reviews:v1'].isMTLS).toBe('100');
    expect(Number(edges['svc:reviews -> reviews:v2'].responseTime)).toBeGreaterThan(0);
  });

  it('keeps node and edge ids stable from one refresh to the next', async () => {
    const ids = (g) => [
      ...g.elements.nodes.map((n) => n.data.id),
      ...g.elements.edges.map((e) => e.data.id),
    ];
    const first = await reviewsGraph();
    const second = await reviewsGraph();
    expect(ids(second)).toEqual(ids(first));
    expect(ids(first).every((id) => /^[0-9a-f]{64}$/.test(id))).toBe(true);
  });

  it('follows a 90/10 split written through the API on the next call', async () => {
    for (const obj of reviewsSplit({ v1: 90, v3: 10 })) await t.apply(obj);
    const { nodes, edges } = readGraph(await reviewsGraph());
    expect(edges['svc:reviews -> reviews:v1'].traffic.rates.httpPercentReq).toBe('90.0');
    expect(edges['svc:reviews -> reviews:v3'].traffic.rates.httpPercentReq).toBe('10.0');
    expect(edges['svc:reviews -> reviews:v2']).toBeUndefined();
    expect(nodes['svc:reviews']).toMatchObject({
      hasVS: { hostnames: ['reviews'] },
      hasTrafficShifting: true,
      hasRequestRouting: true,
    });
    expect(nodes['svc:reviews'].hasCB).toBeUndefined();

    // Shift again: 100 % to v2 replaces the split.
    const vs = await t.k8s(
      'GET',
      '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices/reviews',
    );
    vs.body.spec.http[0].route = [{ destination: { host: 'reviews', subset: 'v2' }, weight: 100 }];
    const put = await t.k8s(
      'PUT',
      '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices/reviews',
      vs.body,
    );
    expect(put.status).toBe(200);
    const after = readGraph(await reviewsGraph());
    expect(Object.keys(after.edges).filter((k) => k.startsWith('svc:reviews'))).toEqual([
      'svc:reviews -> reviews:v2',
    ]);
    expect(after.nodes['svc:reviews'].hasTrafficShifting).toBeUndefined();
  });

  it('marks a circuit breaker from the DestinationRule', async () => {
    const [dr] = reviewsSplit({ v1: 100 });
    dr.spec.trafficPolicy = { outlierDetection: { consecutive5xxErrors: 3 } };
    await t.apply(dr);
    const { nodes } = readGraph(await reviewsGraph());
    expect(nodes['svc:reviews'].hasCB).toBe(true);
  });

  it('answers 404 for a service that does not exist', async () => {
    const res = await t.kiali('/api/namespaces/bookinfo/services/nope/graph', SERVICE_TAB);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/nope/);
  });
});

describe('the bookinfo namespace graph', () => {
  it('carries the call table: 10 rps in, details and reviews per page, ratings from v2/v3', async () => {
    const { nodes, edges } = await namespaceGraph();
    expect(edges['unknown -> productpage-v1'].traffic.rates.http).toBe('10.00');
    expect(nodes.unknown).toMatchObject({ nodeType: 'unknown', isRoot: true });
    expect(nodes['productpage-v1'].traffic[0].rates).toEqual({ httpIn: '10.00', httpOut: '20.00' });
    expect(edges['productpage-v1 -> details-v1'].traffic.rates).toMatchObject({
      http: '10.00',
      httpPercentReq: '50.0',
    });
    expect(edges['reviews-v1 -> ratings-v1']).toBeUndefined();
    expect(edges['reviews-v2 -> ratings-v1'].traffic.rates.http).toBe('3.33');
    expect(nodes['ratings-v1'].traffic[0].rates.httpIn).toBe('6.67');
    // Plain requests from outside the mesh carry no mTLS.
    expect(edges['unknown -> productpage-v1'].isMTLS).toBeUndefined();
  });

  it('sends ratings only the traffic of the versions that call it', async () => {
    for (const obj of reviewsSplit({ v1: 90, v3: 10 })) await t.apply(obj);
    const { nodes, edges } = await namespaceGraph();
    expect(nodes['ratings-v1'].traffic[0].rates.httpIn).toBe('1.00');
    expect(edges['productpage-v1 -> reviews-v1'].traffic.rates.http).toBe('9.00');
    // Without service nodes, the share is of everything productpage sends.
    expect(edges['productpage-v1 -> reviews-v1'].traffic.rates.httpPercentReq).toBe('45.0');
  });

  it('shows injected aborts as 5xx with the FI flag, and flags the service', async () => {
    await t.apply({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'ratings', namespace: 'bookinfo' },
      spec: {
        hosts: ['ratings'],
        http: [
          {
            fault: { abort: { httpStatus: 503, percentage: { value: 20 } } },
            route: [{ destination: { host: 'ratings' } }],
          },
        ],
      },
    });
    const { nodes, edges } = await namespaceGraph({
      graphType: 'versionedApp',
      injectServiceNodes: 'true',
    });
    const toRatings = edges['reviews:v2 -> svc:ratings'].traffic;
    expect(toRatings.rates).toMatchObject({
      http: '3.33',
      http5xx: '0.67',
      httpPercentErr: '20.0',
    });
    expect(toRatings.responses['503'].flags).toEqual({ FI: '20.0' });
    // Aborted requests never reach ratings-v1.
    expect(edges['svc:ratings -> ratings:v1'].traffic.rates.http).toBe('5.33');
    expect(nodes['svc:ratings']).toMatchObject({
      hasFaultInjection: true,
      hasVS: { hostnames: ['ratings'] },
      traffic: [{ rates: { httpIn: '6.67', httpIn5xx: '1.33' } }],
    });
  });

  it('times out the requests a route timeout cuts off', async () => {
    await t.apply({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'ratings', namespace: 'bookinfo' },
      spec: {
        hosts: ['ratings'],
        http: [
          {
            fault: { delay: { fixedDelay: '2s', percentage: { value: 100 } } },
            route: [{ destination: { host: 'ratings' } }],
          },
        ],
      },
    });
    const [, vs] = reviewsSplit({ v2: 100 });
    vs.spec.http[0].timeout = '500ms';
    await t.apply(vs);
    await t.apply(reviewsSplit({})[0]);
    const { edges } = await namespaceGraph();
    const toReviews = edges['productpage-v1 -> reviews-v2'].traffic;
    expect(toReviews.rates.httpPercentErr).toBe('100.0');
    expect(toReviews.responses['504'].flags).toEqual({ UT: '100.0' });
  });

  it('drops mTLS where PeerAuthentication disables it and restores it per workload', async () => {
    const before = await namespaceGraph({ appenders: 'securityPolicy' });
    expect(before.edges['productpage-v1 -> details-v1'].isMTLS).toBe('100');
    expect(before.edges['productpage-v1 -> details-v1'].sourcePrincipal).toBe(
      'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage',
    );

    await t.apply({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: 'bookinfo' },
      spec: { mtls: { mode: 'DISABLE' } },
    });
    const disabled = await namespaceGraph({ appenders: 'securityPolicy' });
    expect(disabled.edges['productpage-v1 -> details-v1'].isMTLS).toBeUndefined();
    expect(disabled.edges['productpage-v1 -> reviews-v1'].isMTLS).toBeUndefined();

    await t.apply({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'reviews-strict', namespace: 'bookinfo' },
      spec: { selector: { matchLabels: { app: 'reviews' } }, mtls: { mode: 'STRICT' } },
    });
    const strict = await namespaceGraph({ appenders: 'securityPolicy' });
    expect(strict.edges['productpage-v1 -> reviews-v1'].isMTLS).toBe('100');
    expect(strict.edges['productpage-v1 -> details-v1'].isMTLS).toBeUndefined();
  });

  it('cuts off callers without a sidecar when the namespace is STRICT', async () => {
    await t.apply({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: 'bookinfo' },
      spec: { mtls: { mode: 'STRICT' } },
    });
    // The requests from outside the mesh are plaintext: refused, and nothing downstream runs.
    const { nodes, edges } = await namespaceGraph({ appenders: 'idleNode' });
    expect(Object.keys(edges)).toEqual([]);
    expect(nodes['productpage-v1'].isIdle).toBe(true);
  });

  it('denies callers an AuthorizationPolicy does not allow', async () => {
    await t.apply({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name: 'ratings-from-v2', namespace: 'bookinfo' },
      spec: {
        selector: { matchLabels: { app: 'ratings' } },
        action: 'ALLOW',
        rules: [
          { from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-reviews'] } }] },
        ],
      },
    });
    const { edges } = await namespaceGraph();
    // Both versions run as bookinfo-reviews, so both are allowed.
    expect(edges['reviews-v3 -> ratings-v1'].traffic.responses).toEqual({
      200: { flags: { '-': '100.0' }, hosts: { 'ratings.bookinfo.svc.cluster.local': '100.0' } },
    });

    await t.apply({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name: 'details-deny-all', namespace: 'bookinfo' },
      spec: { selector: { matchLabels: { app: 'details' } } },
    });
    const denied = await namespaceGraph();
    expect(denied.edges['productpage-v1 -> details-v1'].traffic.rates).toMatchObject({
      http4xx: '10.00',
      httpPercentErr: '100.0',
    });
  });

  it('marks workloads without a sidecar, and idle ones, in an un-injected namespace', async () => {
    await t.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    await t.apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', labels: { app: 'web', version: 'v1' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web', version: 'v1' } },
        template: {
          metadata: { labels: { app: 'web', version: 'v1' } },
          spec: { containers: [{ name: 'web', image: 'quay.io/example/web:1' }] },
        },
      },
    });
    await until(async () => {
      const pods = await t.k8s('GET', '/api/v1/namespaces/shop/pods');
      return pods.body.items?.length === 1;
    }, 'the web pod');
    const quiet = await t.kiali('/api/namespaces/graph', {
      namespaces: 'shop',
      appenders: 'meshCheck',
    });
    expect(quiet.body.elements.nodes).toEqual([]);
    const res = await t.kiali('/api/namespaces/graph', {
      namespaces: 'shop',
      appenders: 'idleNode,meshCheck',
    });
    const { nodes } = readGraph(res.body);
    expect(nodes.web).toMatchObject({ namespace: 'shop', isIdle: true, isOutOfMesh: true });
  });

  it('boxes namespaces only when the graph spans more than one', async () => {
    const one = await t.kiali('/api/namespaces/graph', {
      namespaces: 'bookinfo',
      boxBy: 'namespace',
    });
    expect(one.body.elements.nodes.some((n) => n.data.isBox === 'namespace')).toBe(false);
    const two = await t.kiali('/api/namespaces/graph', {
      namespaces: 'bookinfo,istio-system',
      boxBy: 'namespace',
      appenders: 'idleNode',
    });
    const boxes = two.body.elements.nodes.filter((n) => n.data.isBox === 'namespace');
    expect(boxes.map((b) => b.data.namespace).sort()).toEqual(['bookinfo', 'istio-system']);
    // Boxes come first, so a parent always precedes its children.
    const firstNonBox = two.body.elements.nodes.findIndex((n) => !n.data.isBox);
    expect(two.body.elements.nodes.slice(0, firstNonBox).every((n) => n.data.isBox)).toBe(true);
  });
});

describe('in Service Mesh 2.6 (mesh2)', () => {
  beforeEach(async () => {
    await t.close();
    t = await startKialiPreview({ scenario: 'mesh2' });
  });

  it('enters through the ingress gateway, with mTLS everywhere', async () => {
    const { nodes, edges } = await namespaceGraph({ appenders: 'securityPolicy' });
    expect(nodes['istio-ingressgateway']).toMatchObject({
      namespace: 'istio-system',
      isRoot: true,
      isOutside: true,
    });
    expect(edges['istio-ingressgateway -> productpage-v1'].isMTLS).toBe('100');
  });
});

describe('a version whose app fails (the simulated-error annotation)', () => {
  it('answers 500 from reviews v3 only, reported as delivered to v3', async () => {
    const res = await t.k8s(
      'PATCH',
      '/apis/apps/v1/namespaces/bookinfo/deployments/reviews-v3',
      {
        spec: {
          template: {
            metadata: {
              annotations: { 'preview.mesh-console-plugin/simulated-error-percent': '100' },
            },
          },
        },
      },
      'application/merge-patch+json',
    );
    expect(res.status).toBe(200);
    const edges = await until(async () => {
      const { edges: e } = readGraph(await reviewsGraph());
      return e['svc:reviews -> reviews:v3']?.traffic.rates.http5xx ? e : undefined;
    }, 'v3 failing');
    expect(edges['svc:reviews -> reviews:v3'].traffic.rates).toMatchObject({
      http: '3.33',
      http5xx: '3.33',
    });
    expect(edges['svc:reviews -> reviews:v1'].traffic.rates.http5xx).toBeUndefined();
  });
});
