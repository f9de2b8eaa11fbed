'use strict';
// Traces as Kiali returns them (Jaeger JSON), generated from the traffic model: the requests
// entering bookinfo that the mesh's Telemetry samples (its share of the entry rate, per 10 s
// bucket; none while the tracing pipeline is incomplete) each take, at every hop, one outcome
// drawn with the current routing's shares (a 90/10 split gives about 90/10 versions). Generation is seeded by time bucket, so one
// window always returns the same traces and a trace id names its bucket for /api/traces/{id}.
// Rendered as Kiali renders its backend's answer: whole Jaeger traces for provider `jaeger`; for
// `tempo`, Kiali's conversion of Tempo's search (matched spans only) and of Tempo's trace by id.
const crypto = require('crypto');
const {
  BOOKINFO,
  CALLS,
  callersOf,
  ownMs,
  responseBytes,
  rootCaller,
  routeOutcomes,
} = require('./trafficModel');

const BUCKET_S = 10;
// Requests per second entering bookinfo (the first call of the table, from outside).
const ENTRY_RPS = CALLS[0].rps;
// Tempo's default retention; nothing older is served.
const RETENTION_S = 48 * 3600;
const MAX_LIMIT = 10000;

/** A small deterministic PRNG (xorshift128+ style) seeded from a string. */
const seeded = (seed) => {
  const h = crypto.createHash('sha256').update(seed).digest();
  let a = h.readUInt32LE(0) || 1;
  let b = h.readUInt32LE(4) || 2;
  let c = h.readUInt32LE(8) || 3;
  let d = h.readUInt32LE(12) || 4;
  return () => {
    const t = a ^ (a << 11);
    a = b;
    b = c;
    c = d;
    d = (d ^ (d >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
    return d / 4294967296;
  };
};

/**
 * How many requests of a bucket are traced at `sampling` (a fraction): the expected count,
 * its fraction drawn per bucket so that 0.5 % gives a trace in every other bucket on average.
 */
const tracedInBucket = (bucket, sampling) => {
  const expected = ENTRY_RPS * sampling * BUCKET_S;
  const whole = Math.floor(expected);
  return whole + (seeded(`sampled:${bucket}`)() < expected - whole ? 1 : 0);
};

/** A 16-hex-digit span id from the trace's PRNG. */
const spanId = (rng) =>
  Math.floor(rng() * 4294967296)
    .toString(16)
    .padStart(8, '0') +
  Math.floor(rng() * 4294967296)
    .toString(16)
    .padStart(8, '0');

const traceIdOf = (bucket, index) =>
  `${crypto.createHash('sha256').update(`trace:${bucket}:${index}`).digest('hex').slice(0, 16)}${bucket
    .toString(16)
    .padStart(12, '0')}${index.toString(16).padStart(4, '0')}`;

const parseTraceId = (id) => {
  if (!/^[0-9a-f]{32}$/.test(id)) return null;
  const bucket = parseInt(id.slice(16, 28), 16);
  const index = parseInt(id.slice(28), 16);
  return traceIdOf(bucket, index) === id ? { bucket, index } : null;
};

const podOf = (w, rng) => w.pods[Math.floor(rng() * w.pods.length)] || null;
const serviceNameOf = (w) => `${w.app || w.name}.${w.namespace}`;

/** Routing outcomes are the same for every trace drawn from one cluster snapshot. */
const memoOutcomes = (mesh) => {
  const memo = new Map();
  return (caller, service, path) => {
    const key = `${caller.namespace}/${caller.name}>${service.host}${path}`;
    if (!memo.has(key)) memo.set(key, routeOutcomes(mesh, caller, service, path).outcomes);
    return memo.get(key);
  };
};

/**
 * One request's spans (skeletons: enough to filter and to render Jaeger JSON later).
 * @returns {object[]} spans with {id, parent, kind, workload, pod, start, duration, code, flags,
 *   host, port, path, subset, peer}
 */
const walkTrace = (mesh, bucket, index, outcomesOf = memoOutcomes(mesh)) => {
  const rng = seeded(`${bucket}:${index}`);
  const spans = [];
  const t0 = (bucket * BUCKET_S + rng() * BUCKET_S) * 1e6;

  const call = (caller, callerPod, parentId, row, t) => {
    const service = mesh.services.find((s) => s.namespace === BOOKINFO && s.name === row.to);
    if (!service) return t;
    const outcomes = outcomesOf(caller, service, row.path);
    if (!outcomes.length) return t;
    let u = rng();
    const o = outcomes.find((x) => (u -= x.share) < 0) || outcomes[outcomes.length - 1];
    const client = caller.proxied
      ? {
          id: spanId(rng),
          parent: parentId,
          kind: 'client',
          workload: caller,
          pod: callerPod,
          start: t,
          host: o.destService.host,
          port: o.destService.port,
          path: row.path,
          external: row.from === null,
          subset: o.subset,
          peer: o.dest ? podOf(o.dest, rng) : null,
        }
      : null;
    if (client) spans.push(client);
    let end;
    let code = o.code;
    let flags = o.flags;
    const reachesServer =
      o.dest && (o.delivered || o.code === 403) && o.dest.proxied && !o.dest.gateway;
    if (o.dest && (o.delivered || o.code === 403)) {
      const delay = rng() < (o.delayShare || 0) ? (o.delayMs || 0) * 1000 : 0;
      const pod = client?.peer || podOf(o.dest, rng);
      const serverStart = t + delay + 150 + rng() * 200;
      const server = reachesServer
        ? {
            id: spanId(rng),
            parent: client ? client.id : parentId,
            kind: 'server',
            workload: o.dest,
            pod,
            start: serverStart,
            host: o.destService.host,
            port: o.destService.port,
            path: row.path,
            external: row.from === null,
            peer: callerPod,
            code: o.code,
            flags: '-',
          }
        : null;
      if (server) spans.push(server);
      const serverEnd = o.delivered
        ? serve(o.dest, pod, server ? server.id : client?.id, serverStart)
        : serverStart + 300;
      if (server) server.duration = Math.round(serverEnd - serverStart);
      end = serverEnd + 100 + rng() * 150;
      if (o.timeoutMs && end - t > o.timeoutMs * 1000) {
        end = t + o.timeoutMs * 1000;
        code = 504;
        flags = 'UT';
      }
    } else {
      end = t + 120 + rng() * 400;
    }
    if (client) {
      client.duration = Math.round(end - t);
      client.code = code;
      client.flags = flags;
    }
    return end;
  };

  const serve = (w, pod, parentId, t) => {
    const own = ownMs(w) * 1000 * (0.6 + rng() * 0.9);
    let cursor = t + own / 2;
    for (const row of CALLS) {
      if (row.from !== w.app || w.namespace !== BOOKINFO) continue;
      if (row.fromVersions && !row.fromVersions.includes(w.version)) continue;
      cursor = call(w, pod, parentId, row, cursor) + 50 + rng() * 100;
    }
    return cursor + own / 2;
  };

  for (const row of CALLS.filter((r) => r.from === null)) {
    const caller = callersOf(mesh, row)[0] || rootCaller(mesh);
    call(caller, caller.pods[0] || null, undefined, row, t0);
  }
  return spans
    .filter((s) => s.duration !== undefined)
    .map((s) => ({ ...s, start: Math.round(s.start) }));
};

const tag = (key, value) => ({
  key,
  type: typeof value === 'boolean' ? 'bool' : 'string',
  value,
});

/** The x-request-id Envoy generated for the request (a UUID derived from the trace id). */
const requestIdOf = (id) =>
  `${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(13, 16)}-a${id.slice(17, 20)}-${id.slice(20, 32)}`;

/** Envoy's span tags for one skeleton span. */
const tagsOf = (s, requestId) => {
  const w = s.workload;
  const ns = w.namespace;
  const svc = s.host.split('.')[0];
  const cluster =
    s.kind === 'server' ? `inbound|${s.port}||` : `outbound|${s.port}|${s.subset || ''}|${s.host}`;
  const tags = [
    tag('component', 'proxy'),
    tag(
      'node_id',
      `${w.gateway ? 'router' : 'sidecar'}~${s.pod?.status?.podIP || '10.128.0.1'}~${s.pod?.metadata?.name || w.name}.${ns}~${ns}.svc.cluster.local`,
    ),
    tag('guid:x-request-id', requestId),
    tag('http.url', `http://${svc}:${s.port}${s.path}`),
    tag('http.method', 'GET'),
    tag('http.protocol', 'HTTP/1.1'),
    tag('user_agent', s.external ? 'Mozilla/5.0 (preview load)' : 'python-requests/2.32.3'),
    tag('request_size', '0'),
    tag('response_size', String(s.code === 200 ? responseBytes(svc) : 19)),
    tag('response_flags', s.flags),
    tag('upstream_cluster', cluster),
    tag('upstream_cluster.name', cluster),
    tag('downstream_cluster', '-'),
    tag('peer.address', s.peer?.status?.podIP || '10.131.0.1'),
    tag('istio.canonical_revision', w.version || 'latest'),
    tag('istio.canonical_service', w.app || w.name),
    tag('istio.mesh_id', 'cluster.local'),
    tag('istio.namespace', ns),
    tag('istio.cluster_id', 'Kubernetes'),
    tag('http.status_code', String(s.code)),
    tag('span.kind', s.kind),
  ];
  if (s.code >= 500) tags.push(tag('error', true), tag('otel.status_code', 'ERROR'));
  return tags;
};

/** Jaeger JSON for a trace's skeleton spans, as Kiali passes Jaeger's on (`matched` is 0). */
const renderTrace = (traceID, spans) => {
  const processes = {};
  const pidOf = new Map();
  for (const s of spans) {
    const key = s.pod?.metadata?.name || s.workload.name;
    if (!pidOf.has(key)) {
      const pid = `p${pidOf.size + 1}`;
      pidOf.set(key, pid);
      processes[pid] = {
        serviceName: serviceNameOf(s.workload),
        tags: [tag('hostname', key), tag('ip', s.pod?.status?.podIP || '10.128.0.1')],
      };
    }
  }
  const requestId = requestIdOf(traceID);
  return {
    traceID,
    spans: spans.map((s) => ({
      traceID,
      spanID: s.id,
      flags: 1,
      operationName: `${s.host}:${s.port}/*`,
      references: s.parent ? [{ refType: 'CHILD_OF', traceID, spanID: s.parent }] : [],
      startTime: s.start,
      duration: s.duration,
      tags: tagsOf(s, requestId),
      logs: [],
      processID: pidOf.get(s.pod?.metadata?.name || s.workload.name),
      warnings: null,
    })),
    processes,
    warnings: null,
    matched: 0,
  };
};

/** The attributes Kiali's TraceQL search selects that Envoy's spans carry (prepareTraceQL). */
const SEARCH_SELECTED = [
  'node_id',
  'component',
  'upstream_cluster',
  'http.method',
  'response_flags',
];

/**
 * Kiali's conversion of a Tempo search result (tracing/tempo/http_client.go convertBatchTrace,
 * otel/model/converter ConvertSpanSet): the spanSet's spans only (Tempo returns 10, spss=10, and
 * counts them all in `matched`), each with an inline process named after the first span's
 * `service.name`, `status = error` as an `error` tag, no references and an empty process table.
 */
const renderTempoSearch = (traceID, hits) => {
  const requestId = requestIdOf(traceID);
  const serviceName = serviceNameOf(hits[0].workload);
  return {
    traceID,
    spans: hits.slice(0, 10).map((s) => {
      const all = tagsOf(s, requestId);
      return {
        traceID,
        spanID: s.id,
        operationName: `${s.host}:${s.port}/*`,
        references: [],
        startTime: s.start,
        duration: s.duration,
        tags: [
          ...all.filter((x) => SEARCH_SELECTED.includes(x.key)),
          ...all.filter((x) => x.key === 'error'),
        ],
        logs: [],
        process: { serviceName, tags: [] },
        warnings: [],
      };
    }),
    processes: {},
    warnings: [],
    matched: hits.length,
  };
};

/** OTLP JSON ids, as Tempo's trace by id writes them and Kiali passes them on: base64. */
const b64 = (hex) => Buffer.from(hex, 'hex').toString('base64');

/**
 * Kiali's conversion of Tempo's trace by id (convertSingleTrace, ConvertSpans): every span,
 * CHILD_OF its parent, processes inline per resource, ids in base64, `matched` = all spans.
 */
const renderTempoTrace = (traceID, spans) => {
  const requestId = requestIdOf(traceID);
  return {
    traceID,
    spans: spans.map((s) => ({
      traceID,
      spanID: b64(s.id),
      duration: s.duration,
      startTime: s.start,
      operationName: `${s.host}:${s.port}/*`,
      references: s.parent ? [{ refType: 'CHILD_OF', traceID, spanID: b64(s.parent) }] : [],
      tags: tagsOf(s, requestId),
      logs: [],
      process: { tags: [], serviceName: serviceNameOf(s.workload) },
      warnings: [],
    })),
    processes: {},
    warnings: [],
    matched: spans.length,
  };
};

/**
 * The trace store behind Kiali's traces endpoints. Traces already served are kept (bounded), so
 * /api/traces/{id} returns what the list showed even if routing changed since.
 */
const createTraces = ({ now = () => Date.now() } = {}) => {
  const served = new Map();
  const remember = (id, spans) => {
    served.set(id, spans);
    if (served.size > 5000) served.delete(served.keys().next().value);
  };

  /**
   * @param {object} mesh
   * @param {{startMicros?: number, endMicros?: number, limit: number, minDuration?: number,
   *   tags: Record<string, string>}} q
   * @param {(span: object) => boolean} matches which spans the endpoint asks about
   * @param {'jaeger'|'tempo'} provider the backend whose answer Kiali converts
   * @param {number} sampling the fraction of requests the mesh traces into that backend
   */
  const list = (mesh, q, matches, provider = 'jaeger', sampling = 0) => {
    const nowS = now() / 1000;
    const endS = Math.min(q.endMicros !== undefined ? q.endMicros / 1e6 : nowS, nowS);
    const startS = Math.max(
      q.startMicros !== undefined ? q.startMicros / 1e6 : endS - 600,
      nowS - RETENTION_S,
    );
    const limit = Math.min(q.limit, MAX_LIMIT);
    const out = [];
    const outcomesOf = memoOutcomes(mesh);
    for (
      let b = Math.floor(endS / BUCKET_S);
      b >= Math.floor(startS / BUCKET_S) && out.length < limit;
      b--
    ) {
      for (let i = tracedInBucket(b, sampling) - 1; i >= 0 && out.length < limit; i--) {
        const spans = walkTrace(mesh, b, i, outcomesOf);
        if (!spans.length) continue;
        const start = Math.min(...spans.map((s) => s.start));
        if (start < startS * 1e6 || start > endS * 1e6) continue;
        const id = traceIdOf(b, i);
        const requestId = requestIdOf(id);
        const hits = spans.filter(
          (s) =>
            matches(s) &&
            (q.minDuration === undefined || s.duration >= q.minDuration) &&
            Object.entries(q.tags).every(([k, v]) =>
              tagsOf(s, requestId).some((t) => t.key === k && String(t.value) === String(v)),
            ),
        );
        if (!hits.length) continue;
        remember(id, spans);
        out.push(provider === 'tempo' ? renderTempoSearch(id, hits) : renderTrace(id, spans));
      }
    }
    return out;
  };

  /** One whole trace by id: as served before, else regenerated from its bucket; null if none. */
  const get = (mesh, id, provider = 'jaeger', sampling = 0) => {
    const render = (spans) =>
      provider === 'tempo' ? renderTempoTrace(id, spans) : renderTrace(id, spans);
    if (served.has(id)) return render(served.get(id));
    const ref = parseTraceId(id);
    if (!ref) return null;
    const nowS = now() / 1000;
    if (ref.bucket * BUCKET_S > nowS || ref.bucket * BUCKET_S < nowS - RETENTION_S) return null;
    if (ref.index >= tracedInBucket(ref.bucket, sampling)) return null;
    const spans = walkTrace(mesh, ref.bucket, ref.index);
    return spans.length ? render(spans) : null;
  };

  return { list, get };
};

module.exports = { createTraces, serviceNameOf, MAX_LIMIT };
