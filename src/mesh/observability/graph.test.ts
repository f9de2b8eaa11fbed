import { buildGraphView, decodeGraph, graphQuery } from './graph';
import type { RawGraph } from './graph';

// A Kiali 2.27-style versionedApp node graph for reviews, with service nodes injected and an app
// box around the reviews versions (shapes from Kiali's graph/config/common).
const node = (data: Record<string, unknown>) => ({ data });
const edge = (data: Record<string, unknown>) => ({ data });
const reviewsGraph = {
  timestamp: 1763900000,
  duration: 600,
  graphType: 'versionedApp',
  elements: {
    nodes: [
      node({
        id: 'box-reviews',
        nodeType: 'box',
        isBox: 'app',
        namespace: 'bookinfo',
        app: 'reviews',
      }),
      node({
        id: 'pp',
        nodeType: 'app',
        namespace: 'bookinfo',
        app: 'productpage',
        version: 'v1',
        workload: 'productpage-v1',
        traffic: [{ protocol: 'http', rates: { httpOut: '10.00' } }],
        isRoot: true,
      }),
      node({
        id: 'svc',
        nodeType: 'service',
        namespace: 'bookinfo',
        app: 'reviews',
        service: 'reviews',
        traffic: [
          { protocol: 'http', rates: { httpIn: '10.00', httpIn5xx: '0.20', httpOut: '10.00' } },
        ],
        hasVS: { hostnames: ['reviews'] },
        hasTrafficShifting: true,
      }),
      node({
        id: 'v1',
        parent: 'box-reviews',
        nodeType: 'app',
        namespace: 'bookinfo',
        app: 'reviews',
        version: 'v1',
        workload: 'reviews-v1',
        traffic: [{ protocol: 'http', rates: { httpIn: '9.00' } }],
        // The server's own verdict wins over anything computed from rates.
        healthData: { requests: { inbound: {}, outbound: {} }, status: { status: 'Healthy' } },
      }),
      node({
        id: 'v3',
        parent: 'box-reviews',
        nodeType: 'app',
        namespace: 'bookinfo',
        app: 'reviews',
        version: 'v3',
        workload: 'reviews-v3',
        traffic: [{ protocol: 'http', rates: { httpIn: '1.00', httpIn5xx: '0.20' } }],
        hasCB: true,
      }),
      node({
        id: 'ext',
        nodeType: 'service',
        namespace: 'bookinfo',
        service: 'db.example.com',
        isServiceEntry: { location: 'MESH_EXTERNAL' },
      }),
      node({
        id: 'legacy',
        nodeType: 'workload',
        namespace: 'bookinfo',
        workload: 'legacy-v1',
        isOutOfMesh: true,
      }),
    ],
    edges: [
      edge({
        id: 'e1',
        source: 'pp',
        target: 'svc',
        traffic: { protocol: 'http', rates: { http: '10.00', httpPercentReq: '100.0' } },
        isMTLS: '100',
        responseTime: '43',
      }),
      edge({
        id: 'e2',
        source: 'svc',
        target: 'v1',
        traffic: { protocol: 'http', rates: { http: '9.00', httpPercentReq: '90.0' } },
        isMTLS: '100',
      }),
      edge({
        id: 'e3',
        source: 'svc',
        target: 'v3',
        traffic: {
          protocol: 'http',
          rates: { http: '1.00', http5xx: '0.20', httpPercentErr: '20.0', httpPercentReq: '10.0' },
        },
      }),
      edge({
        id: 'e4',
        source: 'v3',
        target: 'ext',
        traffic: { protocol: 'tcp', rates: { tcp: '1500.5' } },
      }),
      edge({
        id: 'e5',
        source: 'legacy',
        target: 'svc',
        traffic: { protocol: 'http', rates: { http: '2', http4xx: '0.5' } },
      }),
    ],
  },
};

const decode = (json: unknown): RawGraph => {
  const r = decodeGraph(json);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('decodeGraph', () => {
  it('accepts Kiali’s graph and an empty one (null lists included)', () => {
    expect(decode(reviewsGraph).nodes).toHaveLength(7);
    expect(decode({ elements: { nodes: null, edges: null } })).toEqual({
      nodes: [],
      edges: [],
      timestamp: undefined,
      duration: undefined,
      graphType: undefined,
    });
  });

  it.each([
    ['a string', 'Bad Gateway', "Kiali's graph is string, not an object"],
    ['no elements', { timestamp: 1 }, 'Kiali\'s graph has no "elements"'],
    ['nodes not a list', { elements: { nodes: {}, edges: [] } }, "the graph's nodes are an object"],
    [
      'a node without id',
      { elements: { nodes: [{ data: { nodeType: 'app' } }] } },
      'graph node 1 has no id or nodeType',
    ],
    [
      'an edge to a missing node',
      {
        elements: {
          nodes: [node({ id: 'a', nodeType: 'app' })],
          edges: [edge({ id: 'x', source: 'a', target: 'b' })],
        },
      },
      'graph edge x joins a node that is not in the graph',
    ],
    [
      'an edge without target',
      { elements: { nodes: [], edges: [{ data: { id: 'x', source: 'a' } }] } },
      'graph edge 1 has no id, source or target',
    ],
  ])('rejects %s with a sentence saying what is wrong', (_, json, error) => {
    expect(decodeGraph(json)).toEqual({ ok: false, error });
  });
});

describe('buildGraphView', () => {
  const view = buildGraphView(decode(reviewsGraph), {
    kind: 'service',
    namespace: 'bookinfo',
    name: 'reviews',
  });
  const byId = Object.fromEntries(view.nodes.map((n) => [n.id, n]));
  const edgeById = Object.fromEntries(view.edges.map((e) => [e.id, e]));

  it('drops box nodes and labels the rest by what they are', () => {
    expect(view.nodes.map((n) => [n.id, n.kind, n.label, n.version])).toEqual([
      ['pp', 'app', 'productpage', 'v1'],
      ['svc', 'service', 'reviews', undefined],
      ['v1', 'app', 'reviews', 'v1'],
      ['v3', 'app', 'reviews', 'v3'],
      ['ext', 'service', 'db.example.com', undefined],
      ['legacy', 'workload', 'legacy-v1', undefined],
    ]);
    expect(view.durationSeconds).toBe(600);
  });

  it('marks the tab’s own object and links nodes to their console pages', () => {
    expect(view.nodes.filter((n) => n.focus).map((n) => n.id)).toEqual(['svc']);
    expect(byId.svc.consolePath).toBe('/k8s/ns/bookinfo/services/reviews');
    expect(byId.v3.consolePath).toBe('/k8s/ns/bookinfo/deployments/reviews-v3');
    expect(byId.legacy.consolePath).toBe('/k8s/ns/bookinfo/deployments/legacy-v1');
    // A ServiceEntry host is not a Kubernetes Service: no console page.
    expect(byId.ext.consolePath).toBeUndefined();
  });

  it('focuses a workload’s node on a workload tab', () => {
    const wl = buildGraphView(decode(reviewsGraph), {
      kind: 'workload',
      namespace: 'bookinfo',
      name: 'reviews-v3',
    });
    expect(wl.nodes.filter((n) => n.focus).map((n) => n.id)).toEqual(['v3']);
  });

  it('reads routing and mesh flags', () => {
    expect(byId.svc.flags).toMatchObject({
      virtualService: true,
      trafficShifting: true,
      circuitBreaker: false,
    });
    expect(byId.v3.flags.circuitBreaker).toBe(true);
    expect(byId.legacy.flags.outOfMesh).toBe(true);
    expect(byId.ext.flags.serviceEntry).toBe(true);
    expect(byId.pp.flags.root).toBe(true);
    expect(byId.svc.flags.root).toBe(false);
  });

  it('takes node health from the server, else computes it from inbound error rates', () => {
    expect(byId.v1.health).toBe('Healthy');
    // 0.2 of 1 rps is 20% 5xx: at or above the 10% failure tolerance.
    expect(byId.v3.health).toBe('Failure');
    // 0.2 of 10 rps is 2% 5xx: above the 0% degraded tolerance.
    expect(byId.svc.health).toBe('Degraded');
    expect(byId.svc.inboundRate).toBe(10);
    // No inbound traffic: no verdict.
    expect(byId.pp.health).toBe('NA');
  });

  it('parses edge rates, shares, mTLS and response time from Kiali’s strings', () => {
    expect(edgeById.e2).toEqual({
      id: 'e2',
      source: 'svc',
      target: 'v1',
      protocol: 'http',
      rate: 9,
      // No error keys: computed as 0%, which is a real reading, not "unknown".
      errorPercent: 0,
      sharePercent: 90,
      mtlsPercent: 100,
      responseTimeMs: undefined,
      health: 'Healthy',
    });
    expect(edgeById.e1).toMatchObject({
      rate: 10,
      sharePercent: 100,
      mtlsPercent: 100,
      responseTimeMs: 43,
    });
    expect(edgeById.e3).toMatchObject({
      rate: 1,
      errorPercent: 20,
      sharePercent: 10,
      health: 'Failure',
    });
    expect(edgeById.e3.mtlsPercent).toBeUndefined();
  });

  it('computes an edge’s error percentage when Kiali leaves it out, and treats TCP as bytes', () => {
    // 0.5 of 2 rps is 25% 4xx: above the 4XX failure tolerance of 20%.
    expect(edgeById.e5).toMatchObject({ rate: 2, errorPercent: 25, health: 'Failure' });
    expect(edgeById.e4).toMatchObject({
      protocol: 'tcp',
      rate: 1500.5,
      errorPercent: undefined,
      health: 'Healthy',
    });
  });

  it('prefers the server’s edge health when it sends one', () => {
    const json = JSON.parse(JSON.stringify(reviewsGraph));
    (json.elements.edges[2].data as Record<string, unknown>).healthStatus = 'Degraded';
    const v = buildGraphView(decode(json));
    expect(v.edges[2].health).toBe('Degraded');
  });

  it('ignores rates that are not numbers instead of failing', () => {
    const json = {
      elements: {
        nodes: [node({ id: 'a', nodeType: 'app' }), node({ id: 'b', nodeType: 'app' })],
        edges: [
          edge({
            id: 'x',
            source: 'a',
            target: 'b',
            traffic: { protocol: 'http', rates: { http: 'NaN', httpPercentReq: '' } },
          }),
        ],
      },
    };
    expect(buildGraphView(decode(json)).edges[0]).toMatchObject({
      rate: undefined,
      sharePercent: undefined,
      health: 'NA',
    });
  });
});

// Kiali 2.27's ambient graph (graph/api/testdata/test_ambient_graph.expected, abridged): the
// waypoint reports HTTP from productpage to the reviews backend; ztunnel reports TCP into and out
// of the waypoint, the waypoint's connection back to productpage folded into the "to" edge.
const ambientGraph = {
  elements: {
    nodes: [
      node({
        id: 'wp',
        nodeType: 'workload',
        namespace: 'bookinfo',
        workload: 'waypoint',
        version: 'latest',
        isWaypoint: true,
        isAmbient: true,
        traffic: [{ protocol: 'tcp', rates: { tcpIn: '100.00', tcpOut: '250.00' } }],
      }),
      node({
        id: 'pp',
        nodeType: 'workload',
        namespace: 'bookinfo',
        workload: 'productpage-v1',
        app: 'productpage',
        version: 'v1',
        isAmbient: true,
      }),
      node({
        id: 'r1',
        nodeType: 'workload',
        namespace: 'bookinfo',
        workload: 'reviews-v1',
        app: 'reviews',
        version: 'v1',
        isAmbient: true,
      }),
    ],
    edges: [
      edge({
        id: 'http',
        source: 'pp',
        target: 'r1',
        traffic: { protocol: 'http', rates: { http: '9.00', httpPercentReq: '90.0' } },
      }),
      edge({
        id: 'to',
        source: 'pp',
        target: 'wp',
        traffic: { protocol: 'tcp', rates: { tcp: '100.00' } },
        waypoint: {
          direction: 'to',
          fromEdge: {
            id: 'back',
            source: 'pp',
            target: 'pp',
            traffic: { protocol: 'tcp', rates: { tcp: '150.00' } },
            waypoint: { direction: 'from' },
          },
        },
      }),
      edge({
        id: 'from',
        source: 'wp',
        target: 'r1',
        traffic: { protocol: 'tcp', rates: { tcp: '50.00' } },
        waypoint: { direction: 'from' },
      }),
    ],
  },
};

describe('buildGraphView in an ambient mesh', () => {
  const view = buildGraphView(decode(ambientGraph));
  const byId = Object.fromEntries(view.nodes.map((n) => [n.id, n]));

  it('marks Kiali’s waypoint nodes and links them to their Gateway, not to a Deployment', () => {
    expect(byId.wp).toMatchObject({ kind: 'workload', label: 'waypoint', version: undefined });
    expect(byId.wp.flags.waypoint).toBe(true);
    expect(byId.wp.consolePath).toBe('/service-mesh/istio-config/ns/bookinfo/k8sgateways/waypoint');
    expect(byId.r1.flags.waypoint).toBe(false);
    expect(byId.r1.consolePath).toBe('/k8s/ns/bookinfo/deployments/reviews-v1');
  });

  it('keeps waypoint edge directions and draws the folded return edge as its own', () => {
    expect(
      view.edges.map((e) => [e.id, e.source, e.target, e.protocol, e.rate, e.waypoint]),
    ).toEqual([
      ['http', 'pp', 'r1', 'http', 9, undefined],
      ['to', 'pp', 'wp', 'tcp', 100, 'to'],
      ['back', 'wp', 'pp', 'tcp', 150, 'from'],
      ['from', 'wp', 'r1', 'tcp', 50, 'from'],
    ]);
    expect(view.edges.find((e) => e.id === 'http')!.sharePercent).toBe(90);
  });

  it('names a folded edge after its parent when Kiali’s id is missing or taken', () => {
    const json = structuredClone(ambientGraph);
    (json.elements.edges[1].data.waypoint as { fromEdge: { id: string } }).fromEdge.id = 'from';
    expect(buildGraphView(decode(json)).edges.map((e) => e.id)).toEqual([
      'http',
      'to',
      'to~from',
      'from',
    ]);
  });
});

describe('graphQuery', () => {
  it('asks for a versioned-app graph with service nodes, health, mTLS and response times', () => {
    expect(graphQuery(300, ['bookinfo'])).toEqual({
      namespaces: 'bookinfo',
      graphType: 'versionedApp',
      duration: '300s',
      injectServiceNodes: 'true',
      appenders:
        'deadNode,serviceEntry,meshCheck,workloadEntry,health,istio,securityPolicy,responseTime',
      responseTime: '95',
    });
    expect(graphQuery(60)).not.toHaveProperty('namespaces');
    expect(graphQuery(60, undefined, { ambient: false })).toEqual(graphQuery(60));
  });

  it('adds the ambient appender, every ambient reporter and the waypoints on an ambient Kiali', () => {
    expect(graphQuery(300, ['bookinfo'], { ambient: true })).toEqual({
      namespaces: 'bookinfo',
      graphType: 'versionedApp',
      duration: '300s',
      injectServiceNodes: 'true',
      appenders:
        'deadNode,serviceEntry,meshCheck,workloadEntry,health,istio,securityPolicy,responseTime,ambient',
      responseTime: '95',
      ambientTraffic: 'total',
      waypoints: 'true',
    });
  });
});
