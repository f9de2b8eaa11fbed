'use strict';
// Kiali's graph JSON (graph/config/common shape) from the traffic model: nodes per graph type,
// optional service nodes, node graphs (a focus node and its neighbours), boxes, rates as strings,
// and the appenders' decorations (istio routing flags, mesh checks, mTLS, response times, health,
// ambient waypoints). HTTP edges come from the proxies' request metrics (sidecars, waypoints);
// TCP edges only from ztunnel's L4 metrics in ambient.
const crypto = require('crypto');
const { buildHealth } = require('./buildHealth');
const { principalOf, responseBytes } = require('./trafficModel');

const hash = (s) => crypto.createHash('sha256').update(s).digest('hex');

/** Kiali prints at least `min` decimals, more for small values (up to 5). */
const rateString = (v, min = 2) => {
  let precision = min;
  for (let x = v, p = 0; x > 0 && x < 1 && p < 5; x *= 10) {
    p += 1;
    precision = Math.max(precision, p);
  }
  return v.toFixed(precision);
};
const pct = (v) => v.toFixed(1);

/** Bytes of one modelled request on the wire (a GET with Istio's and tracing headers). */
const REQUEST_BYTES = 310;

const unknownData = () => ({
  nodeType: 'unknown',
  cluster: 'unknown',
  namespace: 'unknown',
  workload: 'unknown',
  app: 'unknown',
  version: 'unknown',
});

/**
 * @param {object} mesh readMesh() snapshot
 * @param {object} traffic computeTraffic() result
 * @param {{graphType: string, injectServiceNodes: boolean, appenders: Set<string>,
 *   boxBy: Set<string>, namespaces: string[], focus?: {kind: 'service'|'workload'|'app',
 *   namespace: string, name: string, version?: string}, responseTime: string,
 *   throughputType: string, rateHttp: string, rateTcp: string, ambientTraffic: string,
 *   waypoints: boolean, duration: number, queryTime: number,
 *   canRead: (ns: string) => boolean}} o
 */
const buildGraph = (mesh, traffic, o) => {
  const on = (a) => o.appenders.has(a);
  const serviceGraph = o.graphType === 'service';
  const inject = o.injectServiceNodes && !serviceGraph;
  // graph/telemetry/istio/util: `ambientTraffic` picks the reporters (waypoint, ztunnel) queried;
  // with `none` nothing is marked a waypoint either.
  const ambientTraffic = o.ambientTraffic || 'total';
  const waypointTelemetry = ['total', 'waypoint'].includes(ambientTraffic);
  const ztunnelTelemetry = ['total', 'ztunnel'].includes(ambientTraffic) && o.rateTcp !== 'none';
  const nodes = new Map();
  const edges = new Map();

  // --- node identities per graph type ----------------------------------------------------
  const node = (key, data) => {
    if (!nodes.has(key))
      nodes.set(key, {
        key,
        data: { ...data },
        in: {},
        out: 0,
        tcpIn: 0,
        tcpOut: 0,
        destServices: new Map(),
      });
    return nodes.get(key);
  };
  const serviceNode = (s) =>
    node(`svc|${s.namespace}|${s.name}`, {
      nodeType: 'service',
      cluster: mesh.cluster,
      namespace: s.namespace,
      service: s.name,
      ref: { service: s },
    });
  const workloadNode = (w) => {
    if (w.kind === 'unknown') return node('unknown', unknownData());
    const base = { cluster: mesh.cluster, namespace: w.namespace, ref: { workload: w } };
    if (w.waypoint) {
      // "waypoints are not apps": a workload node whatever the graph type (istio.go addTraffic).
      return node(`wl|${w.namespace}|${w.name}`, {
        ...base,
        nodeType: 'workload',
        workload: w.name,
        version: w.labels['service.istio.io/canonical-revision'] || 'latest',
        ...(ambientTraffic !== 'none' ? { isWaypoint: true } : {}),
      });
    }
    if (o.graphType === 'workload' || !w.app) {
      return node(`wl|${w.namespace}|${w.name}`, {
        ...base,
        nodeType: 'workload',
        workload: w.name,
        ...(w.app ? { app: w.app } : {}),
        ...(w.version ? { version: w.version } : {}),
      });
    }
    if (o.graphType === 'versionedApp' && w.version) {
      return node(`va|${w.namespace}|${w.app}|${w.version}`, {
        ...base,
        nodeType: 'app',
        workload: w.name,
        app: w.app,
        version: w.version,
      });
    }
    return node(`app|${w.namespace}|${w.app}`, { ...base, nodeType: 'app', app: w.app });
  };
  const callerNode = (w) => {
    if (!serviceGraph || w.kind === 'unknown') return workloadNode(w);
    const s = mesh.servicesOfWorkload(w)[0];
    return s ? serviceNode(s) : workloadNode(w);
  };

  // --- which legs the request covers -------------------------------------------------------
  const f = o.focus;
  const sameApp = (w) =>
    w && w.namespace === f.namespace && w.app === f.name && (!f.version || w.version === f.version);
  const inScope = (l) => {
    if (!f) {
      return [l.caller.namespace, l.destService.namespace, l.dest?.namespace].some((ns) =>
        o.namespaces.includes(ns),
      );
    }
    if (f.kind === 'service')
      return l.destService.namespace === f.namespace && l.destService.name === f.name;
    if (f.kind === 'workload') {
      const is = (w) => w && w.namespace === f.namespace && w.name === f.name;
      return is(l.dest) || is(l.caller);
    }
    return sameApp(l.dest) || sameApp(l.caller);
  };
  // A request shows where a queried reporter recorded it: a sidecar, or the waypoint.
  const httpSeen = (l) =>
    l.visible &&
    (!l.reporters || l.reporters.sidecar || (l.reporters.waypoint && waypointTelemetry));
  const visible =
    o.rateHttp === 'none' ? [] : traffic.legs.filter((l) => httpSeen(l) && l.rate > 0);

  // Segments of one leg as graph edges: caller -> [service ->] destination.
  const segments = (l) => {
    if (serviceGraph) return [[callerNode(l.caller), serviceNode(l.destService)]];
    if (inject || !l.dest) {
      const s = serviceNode(l.destService);
      return l.dest
        ? [
            [callerNode(l.caller), s],
            [s, workloadNode(l.dest)],
          ]
        : [[callerNode(l.caller), s]];
    }
    return [[callerNode(l.caller), workloadNode(l.dest)]];
  };

  // ztunnel's view of a request (istio_tcp_*, TCP only): the caller's ztunnel reports the
  // connection it opens, the destination's the one it accepts. Through a waypoint these are two
  // connections, caller -> waypoint and waypoint -> destination, never with a service node
  // between (istio.go: no injection next to a waypoint).
  const tcpSegments = (l) => {
    if (!ztunnelTelemetry || !l.reporters?.ztunnel || !(l.rate > 0)) return [];
    const sent = REQUEST_BYTES;
    const received = l.delivered && l.dest ? responseBytes(l.dest.app) : 0;
    const bytes = l.rate * { sent, received, total: sent + received }[o.rateTcp || 'sent'];
    if (!(bytes > 0)) return [];
    const seg = (a, b, service, mtls) => ({ a, b, service, mtls, bytes, leg: l });
    if (l.waypoint) {
      if (serviceGraph) return [seg(callerNode(l.caller), serviceNode(l.service), l.service, true)];
      const wp = workloadNode(l.waypoint);
      return [
        ...(l.caller.ambient ? [seg(callerNode(l.caller), wp, l.service, true)] : []),
        ...(l.delivered && l.dest?.ambient
          ? [seg(wp, workloadNode(l.dest), l.destService, true)]
          : []),
      ];
    }
    if (!l.delivered || !l.dest) return [];
    return segments(l).map(([a, b]) => seg(a, b, l.destService, l.mtls));
  };

  // Roots: sources that never receive traffic anywhere in the mesh.
  const targets = new Set();
  const sources = new Set();
  for (const l of visible) {
    for (const [a, b] of segments(l)) {
      sources.add(a.key);
      targets.add(b.key);
    }
  }
  for (const l of traffic.legs) {
    for (const { a, b } of tcpSegments(l)) {
      sources.add(a.key);
      targets.add(b.key);
    }
  }
  const rootKeys = new Set([...sources].filter((k) => !targets.has(k)));
  nodes.clear();

  for (const l of visible.filter(inScope)) {
    const segs = segments(l);
    for (const [a, b] of segs) {
      const key = `${a.key}>${b.key}>http`;
      if (!edges.has(key)) edges.set(key, { source: a, target: b, protocol: 'http', legs: [] });
      edges.get(key).legs.push(l);
      // Every node a leg arrives at serves the leg's destination service.
      b.destServices.set(l.destService.host, l.destService);
    }
  }
  // A node graph keeps the connections that touch its focus (a service: those addressed to it).
  const tcpInScope = (sg) => {
    if (!f) return inScope(sg.leg) || o.namespaces.includes(sg.leg.waypoint?.namespace);
    if (f.kind === 'service')
      return sg.service.namespace === f.namespace && sg.service.name === f.name;
    const ws = [sg.a.data.ref?.workload, sg.b.data.ref?.workload];
    if (f.kind === 'workload')
      return ws.some((w) => w && w.namespace === f.namespace && w.name === f.name);
    return ws.some(sameApp);
  };
  for (const l of traffic.legs) {
    for (const sg of tcpSegments(l).filter(tcpInScope)) {
      const key = `${sg.a.key}>${sg.b.key}>tcp`;
      if (!edges.has(key))
        edges.set(key, { source: sg.a, target: sg.b, protocol: 'tcp', segs: [] });
      edges.get(key).segs.push(sg);
      sg.b.destServices.set(sg.service.host, sg.service);
    }
  }

  // The focus node is always part of its node graph, idle if nothing flows through it.
  if (f) {
    const present = [...nodes.values()].some((n) => {
      const r = n.data.ref || {};
      if (f.kind === 'service')
        return r.service?.namespace === f.namespace && r.service?.name === f.name;
      if (f.kind === 'workload')
        return r.workload?.namespace === f.namespace && r.workload?.name === f.name;
      return sameApp(r.workload);
    });
    if (!present) {
      if (f.kind === 'service') {
        const s = mesh.services.find((x) => x.namespace === f.namespace && x.name === f.name);
        if (s) serviceNode(s).data.isIdle = true;
      } else {
        const w = mesh.workloads.find((x) =>
          f.kind === 'workload' ? x.namespace === f.namespace && x.name === f.name : sameApp(x),
        );
        if (w) workloadNode(w).data.isIdle = true;
      }
    }
  }

  // Idle nodes: what lives in the requested namespaces but received no traffic.
  if (!f && on('idleNode')) {
    const idle = (n) => {
      if (![...edges.values()].some((e) => e.source === n || e.target === n)) n.data.isIdle = true;
    };
    if (!serviceGraph) {
      mesh.workloads
        .filter((w) => o.namespaces.includes(w.namespace))
        .forEach((w) => idle(workloadNode(w)));
    }
    if (inject || serviceGraph) {
      mesh.services
        .filter((s) => o.namespaces.includes(s.namespace))
        .forEach((s) => idle(serviceNode(s)));
    }
  }

  // --- edge telemetry ------------------------------------------------------------------------
  const edgeOut = [];
  const httpEdges = [...edges.values()].filter((e) => e.protocol === 'http');
  for (const e of edges.values()) {
    if (e.protocol !== 'tcp') continue;
    const total = e.segs.reduce((s, sg) => s + sg.bytes, 0);
    e.source.tcpOut += total;
    e.target.tcpIn += total;
    const hosts = {};
    let mtlsBytes = 0;
    for (const sg of e.segs) {
      hosts[sg.service.host] = (hosts[sg.service.host] || 0) + sg.bytes;
      if (sg.mtls) mtlsBytes += sg.bytes;
    }
    const data = {
      id: '',
      source: '',
      target: '',
      traffic: {
        protocol: 'tcp',
        rates: { tcp: rateString(total) },
        // ztunnel's connections carry no status code: Kiali files them under "-".
        responses: {
          '-': {
            flags: { '-': '100.0' },
            hosts: Object.fromEntries(
              Object.entries(hosts).map(([k, v]) => [k, pct((v / total) * 100)]),
            ),
          },
        },
      },
    };
    if (on('securityPolicy') && mtlsBytes > 0) data.isMTLS = ((mtlsBytes / total) * 100).toFixed(0);
    edgeOut.push({ e, data });
  }
  for (const e of httpEdges) {
    const total = e.legs.reduce((s, l) => s + l.rate, 0);
    e.source.out += total;
    for (const l of e.legs) {
      const cls = l.code === 0 ? 'NoResponse' : `${String(l.code)[0]}xx`;
      e.target.in.total = (e.target.in.total || 0) + l.rate;
      e.target.in[cls] = (e.target.in[cls] || 0) + l.rate;
    }
    e.total = total;
  }
  for (const e of httpEdges) {
    const total = e.total;
    const byClass = {};
    const responses = {};
    let mtlsRate = 0;
    let rt = 0;
    let bytes = 0;
    for (const l of e.legs) {
      const code = l.code === 0 ? '-' : String(l.code);
      const cls = code === '-' ? 'NoResponse' : `${code[0]}xx`;
      byClass[cls] = (byClass[cls] || 0) + l.rate;
      responses[code] = responses[code] || { flags: {}, hosts: {} };
      responses[code].flags[l.flags] = (responses[code].flags[l.flags] || 0) + l.rate;
      responses[code].hosts[l.destService.host] =
        (responses[code].hosts[l.destService.host] || 0) + l.rate;
      if (l.mtls) mtlsRate += l.rate;
      rt += l.rate * legResponseTime(traffic, l, o.responseTime);
      if (l.delivered)
        bytes += l.rate * (o.throughputType === 'request' ? 0 : responseBytes(l.dest.app));
    }
    const errors = (byClass['4xx'] || 0) + (byClass['5xx'] || 0) + (byClass.NoResponse || 0);
    const rates = { http: rateString(total) };
    for (const [cls, key] of [
      ['NoResponse', 'httpNoResponse'],
      ['3xx', 'http3xx'],
      ['4xx', 'http4xx'],
      ['5xx', 'http5xx'],
    ]) {
      if (byClass[cls] > 0) rates[key] = rateString(byClass[cls]);
    }
    if (errors > 0) rates.httpPercentErr = pct((errors / total) * 100);
    if (e.source.out > 0) rates.httpPercentReq = pct((total / e.source.out) * 100);
    const data = {
      id: '',
      source: '',
      target: '',
      traffic: {
        protocol: 'http',
        rates,
        responses: Object.fromEntries(
          Object.entries(responses).map(([code, d]) => [
            code,
            {
              flags: Object.fromEntries(
                Object.entries(d.flags).map(([k, v]) => [k, pct((v / total) * 100)]),
              ),
              hosts: Object.fromEntries(
                Object.entries(d.hosts).map(([k, v]) => [k, pct((v / total) * 100)]),
              ),
            },
          ]),
        ),
      },
    };
    if (on('responseTime')) data.responseTime = (rt / total).toFixed(0);
    if (on('throughput') && bytes > 0) data.throughput = bytes.toFixed(0);
    if (on('securityPolicy') && mtlsRate > 0) {
      data.isMTLS = ((mtlsRate / total) * 100).toFixed(0);
      const callers = new Set(e.legs.map((l) => l.caller));
      const dests = new Set(e.legs.filter((l) => l.dest).map((l) => l.dest));
      if (callers.size === 1 && [...callers][0].kind !== 'unknown')
        data.sourcePrincipal = `spiffe://${principalOf([...callers][0])}`;
      if (dests.size === 1) data.destPrincipal = `spiffe://${principalOf([...dests][0])}`;
    }
    edgeOut.push({ e, data });
  }

  // --- the ambient appender (a finalizer, appender/ambient.go) ---------------------------------
  let finalEdges = edgeOut;
  if (on('ambient')) {
    const isWp = (n) => n.data.isWaypoint === true;
    if (!o.waypoints) {
      // Waypoints hidden: their nodes and every edge to or from them go, and so do the nodes
      // left with no edge at all. Node rates were counted before, as in Kiali.
      const touched = new Set();
      finalEdges = edgeOut.filter(({ e }) => {
        if (!isWp(e.source) && !isWp(e.target)) return true;
        touched.add(e.source.key);
        touched.add(e.target.key);
        return false;
      });
      for (const n of [...nodes.values()]) {
        if (isWp(n)) nodes.delete(n.key);
      }
      for (const k of touched) {
        const n = nodes.get(k);
        const linked = finalEdges.some(({ e }) => e.source === n || e.target === n);
        if (n && !linked && !n.data.isIdle) nodes.delete(k);
      }
    } else {
      // Waypoints shown: edges from a waypoint are marked "from"; an edge to a waypoint is
      // marked "to" and, when the waypoint also sends back to that node, carries that edge as
      // its `fromEdge`, which then leaves the edge list (drawn as one bi-directional edge).
      for (const { e, data } of edgeOut) {
        if (isWp(e.source)) data.waypoint = { direction: 'from' };
      }
      const folded = new Set();
      for (const { e, data } of edgeOut) {
        if (!isWp(e.target)) continue;
        data.waypoint = { direction: 'to' };
        const back = edgeOut.find((x) => x.e.source === e.target && x.e.target === e.source);
        if (back) {
          data.waypoint.fromEdge = back.data;
          back.fromEdgeOf = e;
          folded.add(back);
        }
      }
      finalEdges = edgeOut.filter((x) => !folded.has(x));
    }
  }

  // --- node decoration ------------------------------------------------------------------------
  const health = on('health') ? healthLookup(mesh, traffic) : null;
  for (const n of nodes.values()) {
    const d = n.data;
    const ref = d.ref || {};
    delete d.ref;
    if (n.destServices.size) {
      d.destServices = [...n.destServices.values()]
        .map((s) => ({ cluster: mesh.cluster, namespace: s.namespace, name: s.name }))
        .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
    }
    const rates = {};
    if (n.in.total > 0) rates.httpIn = rateString(n.in.total);
    for (const [cls, key] of [
      ['NoResponse', 'httpInNoResponse'],
      ['3xx', 'httpIn3xx'],
      ['4xx', 'httpIn4xx'],
      ['5xx', 'httpIn5xx'],
    ]) {
      if (n.in[cls] > 0) rates[key] = rateString(n.in[cls]);
    }
    if (n.out > 0) rates.httpOut = rateString(n.out);
    const traffic4 = {};
    if (n.tcpIn > 0) traffic4.tcpIn = rateString(n.tcpIn);
    if (n.tcpOut > 0) traffic4.tcpOut = rateString(n.tcpOut);
    const protocols = [
      ...(Object.keys(rates).length ? [{ protocol: 'http', rates }] : []),
      ...(Object.keys(traffic4).length ? [{ protocol: 'tcp', rates: traffic4 }] : []),
    ];
    if (protocols.length) d.traffic = protocols;
    d.healthData = health ? health(d, ref) : null;

    const workloadsOfNode = ref.workload
      ? d.nodeType === 'app' && !d.version
        ? mesh.workloadsOfApp(ref.workload.namespace, ref.workload.app)
        : [ref.workload]
      : [];
    if (on('istio')) {
      if (ref.service) Object.assign(d, routingFlags(mesh, ref.service));
      for (const w of workloadsOfNode) {
        if (versionHasCB(mesh, w)) d.hasCB = true;
        // Without a service node in the graph, the service's routing shows on its workloads.
        if (!inject && !serviceGraph) {
          for (const s of mesh.servicesOfWorkload(w)) Object.assign(d, routingFlags(mesh, s, d));
        }
      }
    }
    if (on('deadNode')) {
      if (ref.service && !ref.service.workloads.some((w) => w.pods.length)) d.isDead = true;
      if (workloadsOfNode.length && workloadsOfNode.every((w) => !w.pods.length)) d.isDead = true;
    }
    if (on('meshCheck') && workloadsOfNode.some((w) => w.outOfMesh)) d.isOutOfMesh = true;
    // mesh_check.go: captured by ztunnel (every workload of the node), or a waypoint.
    if (
      on('meshCheck') &&
      (d.isWaypoint ||
        (workloadsOfNode.length && workloadsOfNode.every((w) => w.ambient && w.pods.length)))
    )
      d.isAmbient = true;
    if (on('labeler') && ref.workload) d.labels = { ...ref.workload.labels };
    if (d.nodeType !== 'unknown') {
      const home = f ? [f.namespace] : o.namespaces;
      if (!home.includes(d.namespace)) d.isOutside = true;
      if (!o.canRead(d.namespace)) d.isInaccessible = true;
    }
    if (rootKeys.has(n.key)) d.isRoot = true;
  }

  // --- ids, boxes, order -----------------------------------------------------------------------
  const out = [...nodes.values()].map((n) => {
    n.data.id = hash(n.key);
    return n.data;
  });
  const boxes = [];
  const box = (kind, groupKey, members, extra) => {
    if (members.length < 2) return;
    const id = hash(`box|${kind}|${groupKey}`);
    members.forEach((m) => (m.parent = id));
    const b = {
      id,
      nodeType: 'box',
      cluster: members[0].cluster,
      namespace: kind === 'cluster' ? '' : members[0].namespace,
      ...extra,
      healthData: null,
      isBox: kind,
    };
    if (kind === 'app') {
      if (health)
        b.healthData = health(
          { nodeType: 'app' },
          { workload: { namespace: b.namespace, app: b.app } },
        );
      if (members.some((m) => m.isOutOfMesh)) b.isOutOfMesh = true;
      if (members.some((m) => m.isInaccessible)) b.isInaccessible = true;
      if (members.some((m) => m.isOutside)) b.isOutside = true;
    }
    boxes.push(b);
  };
  const group = (items, keyOf) => {
    const m = new Map();
    for (const i of items) {
      const k = keyOf(i);
      if (k) m.set(k, [...(m.get(k) || []), i]);
    }
    return m;
  };
  if (o.boxBy.has('app') || o.graphType === 'app' || o.graphType === 'versionedApp') {
    for (const [k, members] of group(out, (d) =>
      d.app && d.app !== 'unknown' ? `${d.cluster}|${d.namespace}|${d.app}` : null,
    )) {
      box('app', k, members, { app: members[0].app });
    }
  }
  if (o.boxBy.has('namespace')) {
    const top = group(
      [...out, ...boxes].filter((d) => !d.parent),
      (d) => (d.namespace && d.namespace !== 'unknown' ? `${d.cluster}|${d.namespace}` : null),
    );
    if (top.size > 1) for (const [k, members] of top) box('namespace', k, members, {});
  }
  if (o.boxBy.has('cluster')) {
    const top = group(
      [...out, ...boxes].filter((d) => !d.parent),
      (d) => (d.cluster !== 'unknown' ? d.cluster : null),
    );
    if (top.size > 1) for (const [k, members] of top) box('cluster', k, members, {});
  }
  const rank = { cluster: 0, namespace: 1, app: 2 };
  const all = [...boxes, ...out].sort(
    (a, b) =>
      (rank[a.isBox] ?? 3) - (rank[b.isBox] ?? 3) ||
      a.cluster.localeCompare(b.cluster) ||
      (a.namespace || '').localeCompare(b.namespace || '') ||
      (a.app || '').localeCompare(b.app || '') ||
      (a.version || '').localeCompare(b.version || '') ||
      (a.service || '').localeCompare(b.service || '') ||
      (a.workload || '').localeCompare(b.workload || ''),
  );
  for (const { e, data, fromEdgeOf } of edgeOut) {
    data.source = e.source.data.id;
    data.target = e.target.data.id;
    // common.go convertEdge names a folded fromEdge after the node that owns the "to" edge, as
    // both its source and its target.
    if (fromEdgeOf) data.source = data.target = fromEdgeOf.source.data.id;
    data.id = hash(`${data.source}.${data.target}.${e.protocol}`);
  }
  const edgeData = finalEdges
    .map(({ data }) => data)
    .sort(
      (a, b) =>
        a.source.localeCompare(b.source) ||
        a.target.localeCompare(b.target) ||
        a.traffic.protocol.localeCompare(b.traffic.protocol),
    );

  return {
    timestamp: o.queryTime,
    duration: o.duration,
    graphType: o.graphType,
    elements: {
      nodes: all.map((data) => ({ data: orderNodeData(data) })),
      edges: edgeData.map((data) => ({ data })),
    },
  };
};

/** Response time (ms) of one leg: the mean, or a percentile of its distribution. */
const legResponseTime = (traffic, l, quantile) =>
  traffic.responseMs.legStat(l, quantile === 'avg' ? 'avg' : Number(quantile) / 100);

const hasCBSpec = (tp) => Boolean(tp && (tp.connectionPool || tp.outlierDetection));

/** A version's DestinationRule subset (or the whole rule) sets a circuit breaker. */
const versionHasCB = (mesh, w) =>
  mesh.servicesOfWorkload(w).some((s) => {
    const dr = mesh.destinationRuleFor(s);
    if (!dr) return false;
    const subsets = (dr.spec.subsets || []).filter((sub) =>
      Object.entries(sub.labels || {}).every(([k, v]) => w.labels[k] === v),
    );
    return subsets.some((sub) => hasCBSpec(sub.trafficPolicy));
  });

/** Routing flags Kiali's istio appender puts on a service node. */
const routingFlags = (mesh, service, into = {}) => {
  const flags = {};
  const vs = mesh.virtualServiceFor(service);
  const dr = mesh.destinationRuleFor(service);
  if (
    dr &&
    (hasCBSpec(dr.spec.trafficPolicy) ||
      (dr.spec.subsets || []).some((s) => hasCBSpec(s.trafficPolicy)))
  )
    flags.hasCB = true;
  if (vs) {
    const hostnames = [...new Set([...(into.hasVS?.hostnames || []), ...(vs.spec.hosts || [])])];
    flags.hasVS = { hostnames };
    const http = vs.spec.http || [];
    if (http.some((r) => r.fault)) flags.hasFaultInjection = true;
    if (http.some((r) => r.mirror || r.mirrors?.length)) flags.hasMirroring = true;
    if (http.some((r) => r.match?.length || (r.route || []).some((d) => d.destination?.subset)))
      flags.hasRequestRouting = true;
    if (http.some((r) => r.timeout)) flags.hasRequestTimeout = true;
    if (http.some((r) => (r.route || []).filter((d) => Number(d.weight) > 0).length > 1))
      flags.hasTrafficShifting = true;
    if ((vs.spec.tcp || []).some((r) => (r.route || []).length > 1))
      flags.hasTCPTrafficShifting = true;
  }
  return flags;
};

/** healthData per node type, as the health appender attaches it. */
const healthLookup = (mesh, traffic) => {
  const cache = new Map();
  const of = (ns) => {
    if (!cache.has(ns)) cache.set(ns, buildHealth(mesh, traffic, [ns]));
    return cache.get(ns);
  };
  return (d, ref) => {
    if (ref.service)
      return (
        of(ref.service.namespace).namespaceServiceHealth[ref.service.namespace][ref.service.name] ??
        null
      );
    const w = ref.workload;
    if (!w || !w.namespace || w.kind === 'unknown') return null;
    const h = of(w.namespace);
    if (d.nodeType === 'app' && !d.version) return h.namespaceAppHealth[w.namespace][w.app] ?? null;
    return h.namespaceWorkloadHealth[w.namespace][w.name] ?? null;
  };
};

/** Kiali's field order, for readable JSON. */
const FIELD_ORDER = [
  'id',
  'parent',
  'nodeType',
  'cluster',
  'namespace',
  'workload',
  'app',
  'version',
  'service',
  'destServices',
  'labels',
  'traffic',
  'healthData',
];
const orderNodeData = (d) => {
  const out = {};
  for (const k of FIELD_ORDER) if (k in d) out[k] = d[k];
  for (const k of Object.keys(d).sort()) if (!(k in out)) out[k] = d[k];
  return out;
};

module.exports = { buildGraph, rateString };
