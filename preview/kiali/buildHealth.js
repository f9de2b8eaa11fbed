'use strict';
// Kiali's health for apps, services and workloads: request rates by status code from the
// traffic model, replica counts from Deployments, and the status Kiali 2.27 computes on the
// server with its default tolerances (GET /api/config healthConfig), errorRatio included.

const HEALTH_CONFIG = {
  rate: [
    {
      namespace: '.*',
      kind: '.*',
      name: '.*',
      tolerance: [
        { code: '5XX', direction: '.*', protocol: 'http', degraded: 0, failure: 10 },
        { code: '4XX', direction: '.*', protocol: 'http', degraded: 10, failure: 20 },
        { code: '^[1-9]$|^1[0-6]$', direction: '.*', protocol: 'grpc', degraded: 0, failure: 10 },
        { code: '-', direction: '.*', protocol: 'http|grpc', degraded: 0, failure: 10 },
      ],
    },
  ],
};

const PRIORITY = { Failure: 4, Degraded: 3, 'Not Ready': 2, Healthy: 1, NA: 0 };
const worst = (a, b) => (PRIORITY[a] >= PRIORITY[b] ? a : b);

/** Same shape as Kiali's WorkloadStatus, from a workload read by readMesh. */
const workloadStatusOf = (w) => ({
  name: w.name,
  desiredReplicas: w.desired,
  currentReplicas: w.current,
  availableReplicas: w.available,
  syncedProxies: w.syncedProxies,
});

/** Replica-based status (the rules Kiali's UI and server share). */
const replicaStatus = (s) => {
  const { desiredReplicas: desired, currentReplicas: current, availableReplicas: available } = s;
  if (desired === 0) return 'Not Ready';
  if (current > 0 && available > 0 && (current < desired || available < desired)) return 'Degraded';
  if (available === 0) return 'Failure';
  if (desired === available && available !== current) return 'Failure';
  if (s.syncedProxies >= 0 && s.syncedProxies < desired) return 'Degraded';
  return desired === current && current === available ? 'Healthy' : 'Degraded';
};

const codeMatches = (tolerance, code) => {
  if (tolerance.code === '-') return code === '-';
  if (/^\dXX$/.test(tolerance.code)) return code.length === 3 && code[0] === tolerance.code[0];
  return new RegExp(tolerance.code).test(code);
};

/** Kiali 2.27's applyThresholds: any error degrades at degraded 0; failure 0 means "never". */
const thresholdStatus = (pct, t) => {
  if (pct <= 0) return 'Healthy';
  if (t.failure > 0 && pct >= t.failure) return 'Failure';
  return pct >= t.degraded ? 'Degraded' : 'Healthy';
};

/**
 * Kiali 2.27's request status (business/health_calculator.go): for each direction, protocol and
 * tolerance that applies, the error percentage; the worst status wins and brings its percentage
 * along. No traffic is NA with -1; traffic without a worse finding is Healthy with 0.
 */
const requestStatus = (requests) => {
  let status = 'NA';
  let ratio = -1;
  let traffic = false;
  for (const direction of ['inbound', 'outbound']) {
    let dirStatus = 'NA';
    let dirRatio = -1;
    let dirTraffic = false;
    for (const [protocol, codes] of Object.entries(requests[direction])) {
      const total = Object.values(codes).reduce((s, v) => s + v, 0);
      for (const t of HEALTH_CONFIG.rate[0].tolerance) {
        if (!new RegExp(`^(?:${t.protocol})$`).test(protocol)) continue;
        if (!new RegExp(`^(?:${t.direction})$`).test(direction) || total === 0) continue;
        dirTraffic = true;
        const errors = Object.entries(codes)
          .filter(([code]) => codeMatches(t, code))
          .reduce((s, [, v]) => s + v, 0);
        const pct = (errors / total) * 100;
        const st = thresholdStatus(pct, t);
        if (PRIORITY[st] > PRIORITY[dirStatus]) {
          dirStatus = st;
          dirRatio = pct;
        }
      }
    }
    traffic = traffic || dirTraffic;
    if (dirTraffic && PRIORITY[dirStatus] > PRIORITY[status]) {
      status = dirStatus;
      ratio = dirRatio;
    }
  }
  return status === 'NA' && traffic ? { status: 'Healthy', ratio: 0 } : { status, ratio };
};

const sumRates = (m) =>
  Object.values(m).reduce((s, codes) => s + Object.values(codes).reduce((a, v) => a + v, 0), 0);

/** Kiali's CalculatedHealthStatus; Go's omitempty leaves out an errorRatio or rate of 0. */
const statusOf = (requests, workloadStatuses) => {
  const req = requestStatus(requests);
  let status = req.status;
  for (const ws of workloadStatuses) status = worst(status, replicaStatus(ws));
  const total = sumRates(requests.inbound) + sumRates(requests.outbound);
  return {
    ...(req.ratio !== 0 ? { errorRatio: req.ratio } : {}),
    status,
    ...(total > 0 ? { totalRequestRate: Math.round(total * 1000) / 1000 } : {}),
  };
};

const codeKey = (code) => (code === 0 || code === undefined ? '-' : String(code));
const round = (v) => Math.round(v * 1000) / 1000;

const emptyRequests = () => ({ inbound: {}, outbound: {}, healthAnnotations: {} });
const addRate = (m, code, rate) => {
  m.http = m.http || {};
  m.http[codeKey(code)] = (m.http[codeKey(code)] || 0) + rate;
};
/** Rates are summed exactly and rounded once, to the millisecond-per-second. */
const rounded = (requests) => {
  for (const dir of [requests.inbound, requests.outbound]) {
    for (const codes of Object.values(dir)) {
      for (const code of Object.keys(codes)) codes[code] = round(codes[code]);
    }
  }
  return requests;
};

/**
 * Health of the given namespaces; `type` limits it to app, service or workload health.
 * @returns {{namespaceAppHealth?, namespaceServiceHealth?, namespaceWorkloadHealth?,
 *   namespaceHealth}}
 */
const buildHealth = (mesh, traffic, namespaces, type) => {
  const legs = traffic.legs.filter((l) => l.visible);
  const apps = {};
  const services = {};
  const workloads = {};
  for (const ns of namespaces) {
    workloads[ns] = {};
    for (const w of mesh.workloads.filter((x) => x.namespace === ns)) {
      const requests = emptyRequests();
      for (const l of legs) {
        if (l.dest === w) addRate(requests.inbound, l.code, l.rate);
        if (l.caller === w) addRate(requests.outbound, l.code, l.rate);
      }
      rounded(requests);
      const workloadStatus = workloadStatusOf(w);
      workloads[ns][w.name] = {
        workloadStatus,
        requests,
        status: statusOf(requests, [workloadStatus]),
      };
    }
    apps[ns] = {};
    for (const app of [
      ...new Set(mesh.workloads.filter((x) => x.namespace === ns && x.app).map((x) => x.app)),
    ]) {
      const members = mesh.workloadsOfApp(ns, app);
      const requests = emptyRequests();
      for (const l of legs) {
        if (l.dest && members.includes(l.dest)) addRate(requests.inbound, l.code, l.rate);
        if (members.includes(l.caller)) addRate(requests.outbound, l.code, l.rate);
      }
      rounded(requests);
      const workloadStatuses = members.map(workloadStatusOf);
      apps[ns][app] = { workloadStatuses, requests, status: statusOf(requests, workloadStatuses) };
    }
    services[ns] = {};
    for (const s of mesh.services.filter((x) => x.namespace === ns)) {
      const requests = emptyRequests();
      for (const l of legs) if (l.destService === s) addRate(requests.inbound, l.code, l.rate);
      rounded(requests);
      services[ns][s.name] = { requests, status: statusOf(requests, []) };
    }
  }
  const summary = (byName) => {
    const out = { inError: [], inWarning: [], inSuccess: [], inNotReady: [], notAvailable: [] };
    const bucket = {
      Failure: 'inError',
      Degraded: 'inWarning',
      Healthy: 'inSuccess',
      'Not Ready': 'inNotReady',
      NA: 'notAvailable',
    };
    for (const [name, h] of Object.entries(byName)) out[bucket[h.status.status]].push(name);
    return out;
  };
  const namespaceHealth = {};
  for (const ns of namespaces) {
    const statuses = [
      ...(type === undefined || type === 'app' ? Object.values(apps[ns]) : []),
      ...(type === undefined || type === 'service' ? Object.values(services[ns]) : []),
      ...(type === undefined || type === 'workload' ? Object.values(workloads[ns]) : []),
    ].map((h) => h.status.status);
    namespaceHealth[ns] = {
      ...(type === undefined || type === 'app' ? { statusApp: summary(apps[ns]) } : {}),
      ...(type === undefined || type === 'service' ? { statusService: summary(services[ns]) } : {}),
      ...(type === undefined || type === 'workload'
        ? { statusWorkload: summary(workloads[ns]) }
        : {}),
      worstStatus: statuses.reduce(worst, 'NA'),
    };
  }
  return {
    ...(type === undefined || type === 'app' ? { namespaceAppHealth: apps } : {}),
    ...(type === undefined || type === 'service' ? { namespaceServiceHealth: services } : {}),
    ...(type === undefined || type === 'workload' ? { namespaceWorkloadHealth: workloads } : {}),
    namespaceHealth,
  };
};

module.exports = { buildHealth, HEALTH_CONFIG, replicaStatus, requestStatus };
