'use strict';
// Test helpers: a stand-in cluster with the stand-in Prometheus on a clock the test moves, and
// in-process writes (as the console's would arrive) dated at that clock.
const { createCluster } = require('../cluster');
const { evaluate, resultJSON } = require('./evaluate');
const { createPrometheus } = require('./index');
const { parse } = require('./promql');

/**
 * @param {{scenario?: string, start?: number}} opts start: the clock at creation (ms); the
 *   seeded state counts from a day before
 */
const startMetricsCluster = async ({ scenario = 'mesh3', start = 1780000000000 } = {}) => {
  // Controllers still run on real timers (fast); the metrics clock only moves when told.
  const cluster = await createCluster({ scenario, speed: 0.01 });
  let clock = start;
  const prom = createPrometheus(cluster, { now: () => clock });
  const { api } = cluster;

  /** Waits until the controllers have stopped writing (a rollout, a pod replaced). */
  const settle = async (quietMs = 60, maxMs = 5000) => {
    let last = Date.now();
    const off = api.store.onChange(() => {
      last = Date.now();
    });
    const began = Date.now();
    while (Date.now() - last < quietMs && Date.now() - began < maxMs) {
      await new Promise((r) => setTimeout(r, 10));
    }
    off();
    prom.refresh();
  };

  /** Moves the clock by `seconds`, after the pending changes are dated. */
  const advance = async (seconds) => {
    await settle();
    clock += seconds * 1000;
  };

  const apply = async (manifest) => {
    api.upsert(manifest);
    await settle();
  };
  const remove = async (apiVersion, kind, namespace, name) => {
    const obj = api.find(apiVersion, kind, namespace, name);
    if (!obj) throw new Error(`no ${kind} ${namespace}/${name}`);
    api.remove(obj);
    await settle();
  };
  const patchDeployment = async (namespace, name, fn) => {
    api.mutate(api.find('apps/v1', 'Deployment', namespace, name), fn);
    await settle();
  };
  /** The kubelet restarting a pod's istio-proxy: Envoy's counters start again from 0. */
  const restartProxy = async (namespace, podPrefix) => {
    const pod = api
      .findAll('v1', 'Pod', namespace)
      .find((p) => p.metadata.name.startsWith(podPrefix));
    if (!pod) throw new Error(`no pod ${namespace}/${podPrefix}*`);
    const bump = (list) =>
      (list || []).map((c) =>
        c.name === 'istio-proxy' ? { ...c, restartCount: c.restartCount + 1 } : c,
      );
    api.setStatus(pod, {
      ...pod.status,
      initContainerStatuses: bump(pod.status.initContainerStatuses),
      containerStatuses: bump(pod.status.containerStatuses),
    });
    await settle();
    return pod.metadata.name;
  };

  /** Evaluates a query at `time` (ms) or over {start, end, step}; the parsed JSON `data`. */
  const query = (q, at) => {
    const range = typeof at === 'number' ? { start: at, end: at, step: 1 } : at;
    const result = evaluate(parse(q), prom.timeline.storage({ until: clock }), range);
    return JSON.parse(resultJSON(result, { range: typeof at !== 'number' }));
  };

  return {
    cluster,
    api,
    prom,
    now: () => clock,
    advance,
    settle,
    apply,
    remove,
    patchDeployment,
    restartProxy,
    query,
    close: () => {
      prom.close();
      cluster.close();
    },
  };
};

const NET = 'networking.istio.io/v1';

/** DestinationRule subsets v1-v3 and a VirtualService splitting reviews by `weights`. */
const reviewsSplit = (weights) => [
  {
    apiVersion: NET,
    kind: 'DestinationRule',
    metadata: { name: 'reviews', namespace: 'bookinfo' },
    spec: {
      host: 'reviews',
      subsets: ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } })),
    },
  },
  {
    apiVersion: NET,
    kind: 'VirtualService',
    metadata: { name: 'reviews', namespace: 'bookinfo' },
    spec: {
      hosts: ['reviews'],
      http: [
        {
          route: Object.entries(weights).map(([subset, weight]) => ({
            destination: { host: 'reviews', subset },
            weight,
          })),
        },
      ],
    },
  },
];

/** Aborts with `status` the calls reviews `version` makes to ratings. */
const ratingsAbortFrom = (version, status = 503) => ({
  apiVersion: NET,
  kind: 'VirtualService',
  metadata: { name: 'ratings', namespace: 'bookinfo' },
  spec: {
    hosts: ['ratings'],
    http: [
      {
        match: [{ sourceLabels: { app: 'reviews', version } }],
        fault: { abort: { httpStatus: status, percentage: { value: 100 } } },
        route: [{ destination: { host: 'ratings' } }],
      },
      { route: [{ destination: { host: 'ratings' } }] },
    ],
  },
});

const SIMULATED_ERRORS = 'preview.mesh-console-plugin/simulated-error-percent';

module.exports = { startMetricsCluster, reviewsSplit, ratingsAbortFrom, SIMULATED_ERRORS };
