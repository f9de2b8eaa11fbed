'use strict';
// What the sidecars report right now, as Istio's standard metrics: one snapshot of the stand-in
// cluster turned into per-pod counter groups (a label set of istio_requests_total and its
// istio_request_duration_milliseconds histogram, with their rates of increase) and the scrape
// targets user-workload monitoring has for those pods. timeline.js integrates them over time.
const { readMesh } = require('../kiali/readMesh');
const { userWorkloadPodMonitors } = require('../kiali/telemetry');
const { computeTraffic } = require('../kiali/trafficModel');

/** Istio's default buckets for istio_request_duration_milliseconds (ms), +Inf aside. */
const DURATION_BUCKETS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000,
  1800000, 3600000,
];
/** Rate channels of a group: requests (= _count = +Inf bucket), _sum, then each finite bucket. */
const CHANNELS = 2 + DURATION_BUCKETS.length;

/** UWM's default scrape interval; a PodMonitor endpoint may set its own. */
const DEFAULT_INTERVAL_MS = 30000;
/** Envoy's Prometheus port, the one named `http-envoy-prom` on istio-proxy. */
const ENVOY_PROM_PORT = 15090;

const intervalMs = (s) => {
  const m = /^(\d+)(ms|s|m|h)$/.exec(String(s ?? ''));
  return m ? Number(m[1]) * { ms: 1, s: 1e3, m: 60e3, h: 3600e3 }[m[2]] : DEFAULT_INTERVAL_MS;
};

const containerStatuses = (pod) => [
  ...(pod.status?.initContainerStatuses || []),
  ...(pod.status?.containerStatuses || []),
];
const hasProxy = (pod) =>
  [...(pod.spec?.initContainers || []), ...(pod.spec?.containers || [])].some(
    (c) => c.name === 'istio-proxy',
  );

/** Istio's canonical service and revision for a workload's pod labels. */
const canonicalService = (w) =>
  w.labels['service.istio.io/canonical-name'] ??
  w.labels['app.kubernetes.io/name'] ??
  w.labels.app ??
  w.name;
const canonicalRevision = (w) =>
  w.labels['service.istio.io/canonical-revision'] ??
  w.labels['app.kubernetes.io/version'] ??
  w.labels.version ??
  'latest';
const spiffe = (w) => `spiffe://cluster.local/ns/${w.namespace}/sa/${w.serviceAccount}`;

/** The labels Istio's proxies put on a request (empty values left out, as Prometheus stores them). */
const istioLabels = (leg, reporter, { code = leg.code, flags = leg.flags } = {}) => {
  const src = leg.caller.kind === 'unknown' ? undefined : leg.caller;
  const dst = leg.dest || undefined;
  const svc = leg.destService;
  const side = (prefix, w) => ({
    [`${prefix}_workload`]: w ? w.name : 'unknown',
    [`${prefix}_workload_namespace`]: w ? w.namespace : 'unknown',
    [`${prefix}_canonical_service`]: w ? canonicalService(w) : 'unknown',
    [`${prefix}_canonical_revision`]: w ? canonicalRevision(w) : 'unknown',
    [`${prefix}_app`]: w?.labels.app ?? 'unknown',
    [`${prefix}_version`]: w?.labels.version ?? 'unknown',
    [`${prefix}_principal`]: w && leg.mtls ? spiffe(w) : 'unknown',
  });
  return {
    reporter,
    ...side('source', src),
    ...side('destination', dst),
    destination_service: svc.host,
    destination_service_name: svc.name,
    destination_service_namespace: svc.namespace,
    request_protocol: 'http',
    response_code: String(code),
    response_flags: flags,
    // Only the server side knows the policy it enforced.
    connection_security_policy:
      reporter === 'destination' ? (leg.mtls ? 'mutual_tls' : 'none') : 'unknown',
  };
};

/** Channel rates (per second) for `rate` requests with response times `dist` ([[p, ms]]). */
const channelRates = (rate, dist) => {
  const out = new Float64Array(CHANNELS);
  const total = dist.reduce((s, [p]) => s + p, 0) || 1;
  out[0] = rate;
  out[1] = (rate * dist.reduce((s, [p, ms]) => s + p * ms, 0)) / total;
  DURATION_BUCKETS.forEach((le, i) => {
    out[2 + i] = (rate * dist.filter(([, ms]) => ms <= le).reduce((s, [p]) => s + p, 0)) / total;
  });
  return out;
};

/**
 * Which proxies report a leg, with what. The caller's proxy reports every request it sends
 * (aborts, no route, no healthy upstream, refused TLS included) with its own view of the
 * response time; the destination's sidecar only the requests that reached it: delivered ones,
 * those its AuthorizationPolicy denied (403), mirrored copies (which the caller's proxy does
 * not report), and timed-out ones, which it sees as the caller resetting the stream.
 */
const reportsOf = (leg, responseMs) => {
  const out = [];
  if (leg.caller.proxied && !leg.mirrored) {
    out.push({ reporter: 'source', pods: leg.caller.pods, dist: responseMs.ofLeg(leg) });
  }
  const d = leg.dest;
  const reached = leg.delivered || (leg.code === 403 && leg.flags === '-');
  if (d && d.proxied && !d.gateway && reached) {
    let dist = leg.code === 403 ? [[1, 0.4]] : responseMs.ofWorkload(d);
    let override;
    if (leg.code === 504) {
      override = { code: 0, flags: 'DC' };
      dist = [[1, leg.timeoutMs]];
    } else if (leg.timeoutMs) {
      const inTime = dist.filter(([, ms]) => ms <= leg.timeoutMs);
      dist = inTime.length ? inTime : dist;
    }
    out.push({ reporter: 'destination', pods: d.pods, dist, override });
  }
  return out;
};

/**
 * The cluster as the metrics pipeline sees it now:
 * - pods: uid -> {uid, namespace, name, restarts} for every running pod with an Envoy;
 * - targets: uid -> [{key, labels, intervalMs}], one per PodMonitor of user-workload monitoring
 *   that covers the pod's namespace, with the labels the Prometheus operator's relabelling sets;
 * - groups: key -> {pod (uid), labels (Istio's), rates (Float64Array of CHANNELS)}.
 * @param {import('../cluster/api').Api} api
 */
const snapshotOf = (api) => {
  const podObjects = api
    .findAll('v1', 'Pod')
    .filter((p) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running' && hasProxy(p));
  const pods = new Map();
  for (const p of podObjects) {
    const proxy = containerStatuses(p).find((c) => c.name === 'istio-proxy');
    pods.set(p.metadata.uid, {
      uid: p.metadata.uid,
      namespace: p.metadata.namespace,
      name: p.metadata.name,
      restarts: proxy?.restartCount ?? 0,
    });
  }

  const targets = new Map();
  const monitors = userWorkloadPodMonitors(api);
  for (const p of podObjects) {
    const list = monitors
      .filter((m) => m.namespaces.includes(p.metadata.namespace))
      .map((m) => {
        const labels = {
          namespace: p.metadata.namespace,
          pod: p.metadata.name,
          container: 'istio-proxy',
          job: `${m.namespace}/${m.name}`,
          instance: `${p.status?.podIP ?? '10.128.0.1'}:${ENVOY_PROM_PORT}`,
          ...(m.port ? { endpoint: m.port } : {}),
        };
        return { key: JSON.stringify(labels), labels, intervalMs: intervalMs(m.interval) };
      });
    if (list.length) targets.set(p.metadata.uid, list);
  }

  const groups = new Map();
  const { legs, responseMs } = computeTraffic(readMesh(api));
  for (const leg of legs) {
    if (!(leg.rate > 0)) continue;
    for (const r of reportsOf(leg, responseMs)) {
      const labels = istioLabels(leg, r.reporter, r.override);
      const labelKey = JSON.stringify(Object.entries(labels).sort());
      const rates = channelRates(leg.rate / r.pods.length, r.dist);
      for (const pod of r.pods) {
        if (!pods.has(pod.metadata.uid)) continue;
        const key = `${pod.metadata.uid}|${labelKey}`;
        const g = groups.get(key);
        if (g) g.rates = g.rates.map((v, i) => v + rates[i]);
        else groups.set(key, { pod: pod.metadata.uid, labels, rates });
      }
    }
  }
  return { pods, targets, groups };
};

/** Everything that decides the series: equal fingerprints, same rates and targets. */
const fingerprint = (snap) =>
  JSON.stringify([
    [...snap.pods.values()].map((p) => [p.uid, p.restarts]).sort(),
    [...snap.targets.entries()]
      .map(([uid, ts]) => [uid, ts.map((t) => [t.key, t.intervalMs])])
      .sort(),
    [...snap.groups.entries()].map(([k, g]) => [k, Array.from(g.rates)]).sort(),
  ]);

module.exports = {
  snapshotOf,
  fingerprint,
  istioLabels,
  channelRates,
  DURATION_BUCKETS,
  CHANNELS,
  DEFAULT_INTERVAL_MS,
};
