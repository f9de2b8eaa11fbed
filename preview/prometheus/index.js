'use strict';
// The stand-in Prometheus (Thanos querier as the console reaches it) for the preview console.
// See README.md here.
const { evaluate, resultJSON } = require('./evaluate');
const { clusterUser, createPrometheusHandler } = require('./handler');
const { fingerprint, snapshotOf } = require('./series');
const { Timeline } = require('./timeline');

const PROMETHEUS_MODES = ['error'];
/** The seeded state is taken to have run this long before the preview started. */
const HISTORY_MS = 24 * 3600 * 1000;
/** Cluster writes come in bursts; the timeline looks at the state once a burst settles. */
const SETTLE_MS = 50;

/**
 * @param {{api: import('../cluster/api').Api, user: string}} cluster what createCluster returned
 * @param {{mode?: 'error', now?: () => number}} [options] mode 'error': every query that
 *   passes the proxies answers 503; now: the wall clock in ms (default Date.now)
 */
const createPrometheus = (cluster, { mode, now = Date.now } = {}) => {
  if (mode !== undefined && !PROMETHEUS_MODES.includes(mode)) {
    throw new Error(
      `prometheus mode must be one of ${PROMETHEUS_MODES.join(', ')} (got "${mode}")`,
    );
  }
  const { api } = cluster;
  let offsetMs = 0;
  const clock = () => Math.floor(now() + offsetMs);

  const first = snapshotOf(api);
  const timeline = new Timeline({ start: clock() - HISTORY_MS, snapshot: first });
  let lastPrint = fingerprint(first);
  let dirtySince;
  let timer;

  /**
   * Starts a segment if the traffic or the targets differ from the last one. The snapshot
   * depends only on stored objects, so it is read again only after a write.
   */
  const refresh = () => {
    if (dirtySince === undefined) return;
    const at = dirtySince;
    dirtySince = undefined;
    const snapshot = snapshotOf(api);
    const print = fingerprint(snapshot);
    if (print === lastPrint) return;
    lastPrint = print;
    timeline.push(at, snapshot);
  };

  const unsubscribe = api.store.onChange(() => {
    if (dirtySince === undefined) dirtySince = clock();
    if (!timer) {
      timer = setTimeout(() => {
        timer = undefined;
        refresh();
      }, SETTLE_MS);
      timer.unref?.();
    }
  });

  const rbac = {
    roleBindings: (ns) =>
      api.store.list('rbac.authorization.k8s.io/rolebindings', ns).map(({ object }) => object),
    role: (ns, name) => api.store.get('rbac.authorization.k8s.io/roles', ns, name),
  };

  /** Evaluates a parsed query on the series as of now; the JSON `data` of the answer. */
  const query = (ast, range, opts) => {
    refresh();
    return resultJSON(evaluate(ast, timeline.storage({ until: clock() }), range), opts);
  };

  const handler = createPrometheusHandler({
    userOf: clusterUser(cluster),
    rbac,
    query,
    now: clock,
    mode,
  });

  return {
    /** Serves /api/prometheus/… and /api/prometheus-tenancy/… (url: the request's URL). */
    handle: (req, res, url) => handler(req, res, url),
    /** Lets `seconds` pass: changes made so far are dated before the jump. Returns now (s). */
    advance: (seconds) => {
      if (!(seconds >= 0)) throw new Error(`advance() takes seconds >= 0 (got ${seconds})`);
      refresh();
      offsetMs += seconds * 1000;
      return clock() / 1000;
    },
    /** The stand-in's clock in seconds: the wall clock plus every advance(). */
    now: () => clock() / 1000,
    /** The history, for tests: segments, series, OpenMetrics export. */
    timeline,
    refresh,
    close: () => {
      unsubscribe();
      clearTimeout(timer);
    },
  };
};

module.exports = { createPrometheus, PROMETHEUS_MODES, HISTORY_MS };
