'use strict';
// The stand-in Kiali on the ambient data plane: ztunnel's L4 traffic (TCP only, and only while a
// PodMonitor scrapes ztunnel, as the scenario's metrics step leaves one), waypoints applying the
// HTTPRoutes of the Services that use them and reporting those requests, and the graph's waypoint
// nodes as Kiali's ambient appender leaves them.
const { afterEach, beforeEach, describe, expect, it } = require('@jest/globals');
const { readGraph, startKialiPreview } = require('./testing');

/** What the Service Mesh tab asks for on an ambient-enabled Kiali. */
const TAB = {
  graphType: 'versionedApp',
  duration: '600s',
  injectServiceNodes: 'true',
  appenders:
    'deadNode,serviceEntry,meshCheck,workloadEntry,health,istio,securityPolicy,responseTime,ambient',
  responseTime: '95',
  ambientTraffic: 'total',
  waypoints: 'true',
};

const ROUTE = '/apis/gateway.networking.k8s.io/v1/namespaces/bookinfo/httproutes/reviews';

let t;
beforeEach(async () => {
  t = await startKialiPreview({ scenario: 'ambient' });
});
afterEach(() => t.close());

const graph = async (params = {}, path = '/api/namespaces/graph') => {
  const res = await t.kiali(path, { namespaces: 'bookinfo', ...TAB, ...params });
  expect(res.status).toBe(200);
  return readGraph(res.body);
};
const byProtocol = (edges, protocol) =>
  Object.keys(edges)
    .filter((k) => edges[k].traffic.protocol === protocol)
    .sort();

/** The Service label that makes the waypoint serve reviews (what the traffic form writes). */
const useWaypoint = async () => {
  const svc = await t.k8s('GET', '/api/v1/namespaces/bookinfo/services/reviews');
  svc.body.metadata.labels = { ...svc.body.metadata.labels, 'istio.io/use-waypoint': 'waypoint' };
  expect(
    (await t.k8s('PUT', '/api/v1/namespaces/bookinfo/services/reviews', svc.body)).status,
  ).toBe(200);
};
/** The scenario's HTTPRoute with its catch-all rule (the last) sending to `backendRefs`. */
const catchAll = async (backendRefs, more = {}) => {
  const route = await t.k8s('GET', ROUTE);
  const rules = route.body.spec.rules;
  rules[rules.length - 1] = { backendRefs, ...more };
  expect((await t.k8s('PUT', ROUTE, route.body)).status).toBe(200);
};
/** The ztunnel PodMonitor the install wizard's metrics step writes (the scenario has it). */
const ZTUNNEL_MONITOR =
  '/apis/monitoring.coreos.com/v1/namespaces/ztunnel/podmonitors/istio-ztunnel-monitor';
const unscrapeZtunnel = async () => {
  expect((await t.k8s('DELETE', ZTUNNEL_MONITOR)).status).toBe(200);
};

describe('Kiali’s view of the ambient scenario', () => {
  it('says ambient is enabled and bookinfo is an ambient namespace', async () => {
    expect((await t.kiali('/api/config')).body.ambientEnabled).toBe(true);
    const namespaces = (await t.kiali('/api/namespaces')).body;
    expect(namespaces.find((n) => n.name === 'bookinfo').isAmbient).toBe(true);
    expect(namespaces.find((n) => n.name === 'istio-system').isAmbient).toBe(false);
  });

  it('scrapes ztunnel as the wizard’s metrics step leaves it', async () => {
    const pm = await t.k8s('GET', ZTUNNEL_MONITOR);
    expect(pm.status).toBe(200);
    expect(pm.body.spec).toEqual({
      selector: { matchLabels: { app: 'ztunnel' } },
      podTargetLabels: ['app'],
      podMetricsEndpoints: [{ port: 'ztunnel-stats', path: '/metrics', interval: '30s' }],
    });
  });

  it('marks captured workloads ambient, not missing a sidecar', async () => {
    const { nodes } = await graph({ appenders: `${TAB.appenders},idleNode` });
    // Not idle: ztunnel reports its connections.
    expect(nodes['reviews:v1']).toMatchObject({ isAmbient: true });
    expect(nodes['reviews:v1'].isIdle).toBeUndefined();
    expect(nodes['reviews:v1'].isOutOfMesh).toBeUndefined();
    // No Service uses the waypoint yet: idle, and a waypoint, not an app.
    expect(nodes.waypoint).toMatchObject({
      nodeType: 'workload',
      workload: 'waypoint',
      isWaypoint: true,
      isAmbient: true,
    });
  });
});

describe('without a waypoint for reviews: L4 only', () => {
  it('has no traffic at all while nothing scrapes ztunnel (ztunnel reports no HTTP)', async () => {
    await unscrapeZtunnel();
    const { edges } = await graph();
    expect(edges).toEqual({});
  });

  it('shows ztunnel’s TCP connections, spread evenly, ignoring the HTTPRoute', async () => {
    const { edges, nodes } = await graph();
    expect(byProtocol(edges, 'http')).toEqual([]);
    expect(byProtocol(edges, 'tcp')).toEqual([
      'productpage:v1 -> svc:details',
      'productpage:v1 -> svc:reviews',
      'reviews:v2 -> svc:ratings',
      'reviews:v3 -> svc:ratings',
      'svc:details -> details:v1',
      'svc:productpage -> productpage:v1',
      'svc:ratings -> ratings:v1',
      'svc:reviews -> reviews:v1',
      'svc:reviews -> reviews:v2',
      'svc:reviews -> reviews:v3',
      'unknown -> svc:productpage',
    ]);
    const bytes = ['v1', 'v2', 'v3'].map((v) =>
      Number(edges[`svc:reviews -> reviews:${v}`].traffic.rates.tcp),
    );
    expect(bytes[0]).toBeGreaterThan(0);
    expect(new Set(bytes).size).toBe(1);
    expect(edges['svc:reviews -> reviews:v1'].traffic).toMatchObject({
      protocol: 'tcp',
      responses: { '-': { flags: { '-': '100.0' } } },
    });
    expect(edges['svc:reviews -> reviews:v1'].traffic.rates.httpPercentReq).toBeUndefined();
    // ztunnel speaks mTLS (HBONE) between captured pods; the outside caller is plaintext.
    expect(edges['svc:reviews -> reviews:v1'].isMTLS).toBe('100');
    expect(edges['unknown -> svc:productpage'].isMTLS).toBeUndefined();
    expect(nodes['reviews:v1'].traffic).toEqual([{ protocol: 'tcp', rates: expect.any(Object) }]);
  });
});

describe('ztunnel scraped as the wizard leaves it', () => {
  it('draws no waypoint node until a Service uses the waypoint, then draws it', async () => {
    const before = await graph();
    expect(before.nodes.waypoint).toBeUndefined();
    expect(byProtocol(before.edges, 'tcp')).toContain('productpage:v1 -> svc:reviews');
    await useWaypoint();
    const { nodes, edges } = await graph();
    expect(nodes.waypoint).toMatchObject({ nodeType: 'workload', isWaypoint: true });
    expect(edges['productpage:v1 -> waypoint']).toMatchObject({
      traffic: { protocol: 'tcp' },
      waypoint: { direction: 'to' },
    });
    expect(edges['waypoint -> reviews:v1'].waypoint).toEqual({ direction: 'from' });
  });

  it('counts a monitor on ztunnel’s path without a port (Red Hat’s docs), in its own namespace only', async () => {
    await unscrapeZtunnel();
    const docs = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: 'istio-ztunnel-monitor', namespace: 'ztunnel' },
      spec: {
        selector: {
          matchExpressions: [{ key: 'istio-prometheus-ignore', operator: 'DoesNotExist' }],
        },
        podMetricsEndpoints: [{ path: '/stats/prometheus', interval: '30s' }],
      },
    };
    await t.apply(docs);
    expect(byProtocol((await graph()).edges, 'tcp').length).toBeGreaterThan(0);
    await unscrapeZtunnel();
    // User-workload monitoring ignores namespaceSelector: from bookinfo it never reaches ztunnel.
    await t.apply({
      ...docs,
      metadata: { name: 'ztunnel-from-elsewhere', namespace: 'bookinfo' },
      spec: {
        ...docs.spec,
        namespaceSelector: { matchNames: ['ztunnel'] },
        podMetricsEndpoints: [{ port: 'ztunnel-stats', interval: '30s' }],
      },
    });
    expect((await graph()).edges).toEqual({});
  });
});

describe('with the waypoint serving reviews', () => {
  beforeEach(useWaypoint);

  it('applies the HTTPRoute: the catch-all rule, not the header match for jason', async () => {
    // As the scenario ships: jason to reviews-v2 (never matched by anonymous requests), the rest
    // to reviews-v1.
    const { edges } = await graph();
    expect(byProtocol(edges, 'http')).toEqual([
      'productpage:v1 -> svc:reviews-v1',
      'svc:reviews-v1 -> reviews:v1',
    ]);
  });

  it('splits 90/10 over reviews-v1 and reviews-v2 as the waypoint reports it', async () => {
    await unscrapeZtunnel();
    await catchAll([
      { name: 'reviews-v1', port: 9080, weight: 90 },
      { name: 'reviews-v2', port: 9080, weight: 10 },
    ]);
    const { edges, nodes } = await graph();
    expect(byProtocol(edges, 'http')).toEqual([
      'productpage:v1 -> svc:reviews-v1',
      'productpage:v1 -> svc:reviews-v2',
      'svc:reviews-v1 -> reviews:v1',
      'svc:reviews-v2 -> reviews:v2',
    ]);
    // Only requests through the waypoint are HTTP: they are all of productpage's HTTP out.
    expect(edges['productpage:v1 -> svc:reviews-v1'].traffic.rates).toEqual({
      http: '9.00',
      httpPercentReq: '90.0',
    });
    expect(edges['productpage:v1 -> svc:reviews-v2'].traffic.rates).toEqual({
      http: '1.00',
      httpPercentReq: '10.0',
    });
    // The destination service is the backend's (the waypoint's cluster for reviews-v1).
    expect(edges['productpage:v1 -> svc:reviews-v1'].traffic.responses).toEqual({
      200: { flags: { '-': '100.0' }, hosts: { 'reviews-v1.bookinfo.svc.cluster.local': '100.0' } },
    });
    expect(edges['svc:reviews-v1 -> reviews:v1'].isMTLS).toBe('100');
    // ztunnel is not scraped: no TCP, so no waypoint node either.
    expect(byProtocol(edges, 'tcp')).toEqual([]);
    expect(nodes.waypoint).toBeUndefined();
  });

  it('gives Gateway API precedence to the longest matching path prefix', async () => {
    const route = await t.k8s('GET', ROUTE);
    route.body.spec.rules.push({
      matches: [{ path: { type: 'PathPrefix', value: '/reviews' } }],
      backendRefs: [{ name: 'reviews-v3', port: 9080 }],
    });
    expect((await t.k8s('PUT', ROUTE, route.body)).status).toBe(200);
    const { edges } = await graph();
    expect(byProtocol(edges, 'http')).toEqual([
      'productpage:v1 -> svc:reviews-v3',
      'svc:reviews-v3 -> reviews:v3',
    ]);
  });

  it('cuts off answers slower than the rule’s request timeout with 504 UT', async () => {
    await catchAll([{ name: 'reviews-v1', port: 9080 }], { timeouts: { request: '5ms' } });
    const { edges } = await graph();
    const traffic = edges['productpage:v1 -> svc:reviews-v1'].traffic;
    expect(Number(traffic.rates.http5xx)).toBeGreaterThan(0);
    expect(traffic.responses['504'].flags).toEqual({ UT: expect.any(String) });
  });

  it('answers 500 for a backend Service that does not exist', async () => {
    await catchAll([
      { name: 'reviews-v1', port: 9080, weight: 50 },
      { name: 'reviews-v9', port: 9080, weight: 50 },
    ]);
    const { edges } = await graph();
    expect(edges['productpage:v1 -> svc:reviews'].traffic.rates).toMatchObject({
      http: '5.00',
      http5xx: '5.00',
      httpPercentErr: '100.0',
    });
    expect(edges['productpage:v1 -> svc:reviews-v1'].traffic.rates.http).toBe('5.00');
  });

  it('draws the waypoint and ztunnel’s connections through it, ztunnel being scraped', async () => {
    await catchAll([
      { name: 'reviews-v1', port: 9080, weight: 90 },
      { name: 'reviews-v2', port: 9080, weight: 10 },
    ]);
    const { edges, nodes } = await graph();
    expect(nodes.waypoint).toMatchObject({ nodeType: 'workload', isWaypoint: true });
    expect(nodes.waypoint.app).toBeUndefined();
    expect(edges['productpage:v1 -> waypoint']).toMatchObject({
      traffic: { protocol: 'tcp' },
      waypoint: { direction: 'to' },
    });
    expect(edges['productpage:v1 -> waypoint'].traffic.responses['-'].hosts).toEqual({
      'reviews.bookinfo.svc.cluster.local': '100.0',
    });
    expect(edges['waypoint -> reviews:v1'].waypoint).toEqual({ direction: 'from' });
    const tcp = (k) => Number(edges[k].traffic.rates.tcp);
    expect(tcp('waypoint -> reviews:v1') / tcp('waypoint -> reviews:v2')).toBeCloseTo(9);
    // No service node next to a waypoint.
    expect(edges['productpage:v1 -> svc:reviews']).toBeUndefined();
    // The 90/10 still shows on the waypoint's HTTP report.
    expect(edges['productpage:v1 -> svc:reviews-v1'].traffic.rates.httpPercentReq).toBe('90.0');

    // Kiali's UI default hides waypoints: node and edges go, the HTTP edges stay.
    const hidden = await graph({ waypoints: 'false' });
    expect(hidden.nodes.waypoint).toBeUndefined();
    expect(Object.keys(hidden.edges).filter((k) => k.includes('waypoint'))).toEqual([]);
    expect(hidden.edges['productpage:v1 -> svc:reviews-v2'].traffic.rates.httpPercentReq).toBe(
      '10.0',
    );

    // ambientTraffic picks the reporters.
    const none = await graph({ ambientTraffic: 'none' });
    expect(none.edges).toEqual({});
    const waypointOnly = await graph({ ambientTraffic: 'waypoint' });
    expect(byProtocol(waypointOnly.edges, 'tcp')).toEqual([]);
    expect(byProtocol(waypointOnly.edges, 'http')).toHaveLength(4);
    const ztunnelOnly = await graph({ ambientTraffic: 'ztunnel' });
    expect(byProtocol(ztunnelOnly.edges, 'http')).toEqual([]);
    expect(ztunnelOnly.nodes.waypoint.isWaypoint).toBe(true);
  });

  it('shows none of its HTTP while no PodMonitor scrapes the waypoint’s namespace', async () => {
    const res = await t.k8s(
      'DELETE',
      '/apis/monitoring.coreos.com/v1/namespaces/bookinfo/podmonitors/istio-proxies-monitor',
    );
    expect(res.status).toBe(200);
    const { edges } = await graph();
    expect(byProtocol(edges, 'http')).toEqual([]);
    // ztunnel's own report of the connections through the waypoint remains.
    expect(edges['productpage:v1 -> waypoint'].traffic.protocol).toBe('tcp');
    await unscrapeZtunnel();
    expect((await graph()).edges).toEqual({});
  });
});

describe('an older Kiali', () => {
  it('refuses the ambient appender, as Kiali 1.73 (Service Mesh 2.6) does', async () => {
    await t.close();
    t = await startKialiPreview({ scenario: 'mesh2' });
    const res = await t.kiali('/api/namespaces/graph', { namespaces: 'bookinfo', ...TAB });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'Invalid appender [ambient]' });
    expect((await t.kiali('/api/config')).body.ambientEnabled).toBeUndefined();
  });
});
