'use strict';
// Query parameter parsing for the stand-in Kiali, with Kiali's answers to bad input: unknown
// parameters and unparsable values are a 400 with {"error"}.

class BadRequest extends Error {}

const PROM_DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;
const UNIT_S = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

/** Prometheus duration ("10m", "1h30m", "600s") in seconds. */
const promSeconds = (v, name) => {
  if (!PROM_DURATION.test(v)) throw new BadRequest(`invalid '${name}' value: "${v}"`);
  let total = 0;
  for (const [, n, unit] of v.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(n) * UNIT_S[unit];
  return total;
};

const rejectUnknown = (q, allowed) => {
  for (const key of q.keys()) {
    if (!allowed.includes(key)) throw new BadRequest(`unsupported query parameter '${key}'`);
  }
};

const bool = (q, name, dflt) => {
  const v = q.get(name);
  if (v === null || v === '') return dflt;
  if (['true', '1', 't', 'TRUE', 'True'].includes(v)) return true;
  if (['false', '0', 'f', 'FALSE', 'False'].includes(v)) return false;
  throw new BadRequest(`cannot parse query parameter '${name}'`);
};

const oneOf = (q, name, allowed, dflt) => {
  const v = q.get(name);
  if (v === null || v === '') return dflt;
  if (!allowed.includes(v))
    throw new BadRequest(`query parameter '${name}' must be one of [${allowed.join(' ')}]`);
  return v;
};

const int = (q, name) => {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw new BadRequest(`cannot parse query parameter '${name}'`);
  return Number(v);
};

const list = (q, name) =>
  (q.get(name) || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const GRAPH_PARAMS = [
  'ambientTraffic',
  'appenders',
  'boxBy',
  'clusterName',
  'duration',
  'graphType',
  'includeIdleEdges',
  'injectServiceNodes',
  'namespaces',
  'queryTime',
  'rateGrpc',
  'rateHttp',
  'rateTcp',
  'refreshInterval',
  'responseTime',
  'throughputType',
  'waypoints',
];
const APPENDERS = [
  'aggregateNode',
  'ambient',
  'deadNode',
  'extensions',
  'health',
  'idleNode',
  'istio',
  'labeler',
  'meshCheck',
  'responseTime',
  'securityPolicy',
  'serviceEntry',
  'sidecarsCheck',
  'throughput',
  'workloadEntry',
];
const GRAPH_TYPES = ['app', 'versionedApp', 'workload', 'service'];

/** Graph options (graph/options.go); `nowS` is the default queryTime. */
const parseGraphQuery = (q, nowS) => {
  rejectUnknown(q, GRAPH_PARAMS);
  const graphType = oneOf(q, 'graphType', GRAPH_TYPES, 'workload');
  const appendersGiven = q.has('appenders');
  const appenders = list(q, 'appenders');
  for (const a of appenders) {
    if (!APPENDERS.includes(a)) throw new BadRequest(`appender [${a}] is not supported`);
  }
  const boxBy = list(q, 'boxBy');
  for (const b of boxBy) {
    if (!['app', 'namespace', 'cluster', 'none'].includes(b))
      throw new BadRequest(`invalid boxBy [${b}]`);
  }
  const refresh = int(q, 'refreshInterval');
  if (refresh !== undefined && refresh > 0 && (refresh < 10000 || refresh > 900000))
    throw new BadRequest("query parameter 'refreshInterval' must be in [10000, 900000] or <= 0");
  const queryTime = int(q, 'queryTime') ?? nowS;
  const meshCheckAlias = appenders.includes('sidecarsCheck') ? ['meshCheck'] : [];
  return {
    graphType,
    duration: Math.round(promSeconds(q.get('duration') || '10m', 'duration')),
    queryTime,
    injectServiceNodes: bool(q, 'injectServiceNodes', false),
    includeIdleEdges: bool(q, 'includeIdleEdges', false),
    boxBy: new Set(boxBy),
    appenders: new Set(appendersGiven ? [...appenders, ...meshCheckAlias] : APPENDERS),
    responseTime: oneOf(q, 'responseTime', ['avg', '50', '95', '99'], '95'),
    throughputType: oneOf(q, 'throughputType', ['request', 'response'], 'response'),
    rateHttp: oneOf(q, 'rateHttp', ['none', 'requests'], 'requests'),
    rateGrpc: oneOf(q, 'rateGrpc', ['none', 'requests', 'sent', 'received', 'total'], 'requests'),
    rateTcp: oneOf(q, 'rateTcp', ['none', 'sent', 'received', 'total'], 'sent'),
    namespaces: list(q, 'namespaces'),
    // graph/options.go: ambientTraffic defaults to total; the ambient appender's `waypoints`
    // (show waypoint nodes) to true when absent (Kiali's UI sends false unless asked).
    ambientTraffic: oneOf(q, 'ambientTraffic', ['none', 'total', 'waypoint', 'ztunnel'], 'total'),
    waypoints: bool(q, 'waypoints', true),
  };
};

const HEALTH_PARAMS = ['clusterName', 'namespaces', 'queryTime', 'rateInterval', 'type'];

const parseHealthQuery = (q) => {
  rejectUnknown(q, HEALTH_PARAMS);
  const namespaces = list(q, 'namespaces');
  if (!namespaces.length) throw new BadRequest("query parameter 'namespaces' is required");
  promSeconds(q.get('rateInterval') || '10m', 'rateInterval');
  int(q, 'queryTime');
  return { namespaces, type: oneOf(q, 'type', ['app', 'service', 'workload'], undefined) };
};

const TRACING_PARAMS = ['clusterName', 'endMicros', 'limit', 'minDuration', 'startMicros', 'tags'];
const MAX_TRACES = 10000;

const parseTracingQuery = (q) => {
  rejectUnknown(q, TRACING_PARAMS);
  const limit = int(q, 'limit') ?? 100;
  if (limit <= 0) throw new BadRequest("parameter 'limit' must be positive");
  let tags = {};
  if (q.get('tags')) {
    try {
      tags = JSON.parse(q.get('tags'));
    } catch (e) {
      throw new BadRequest(`cannot parse parameter 'tags': ${e.message}`);
    }
    if (!tags || typeof tags !== 'object' || Array.isArray(tags))
      throw new BadRequest("cannot parse parameter 'tags': not a JSON object");
  }
  return {
    startMicros: int(q, 'startMicros'),
    endMicros: int(q, 'endMicros'),
    limit: Math.min(limit, MAX_TRACES),
    minDuration: int(q, 'minDuration'),
    tags,
  };
};

// handlers/istio_config_params.go: what the Istio config list accepts (later versions refuse
// anything else; 2.27 ignored it).
const ISTIO_CONFIG_PARAMS = [
  '_',
  'clusterName',
  'labelSelector',
  'objects',
  'validate',
  'workloadSelector',
];

const parseIstioConfigQuery = (q) => {
  rejectUnknown(q, ISTIO_CONFIG_PARAMS);
  return { validate: bool(q, 'validate', false) };
};

module.exports = {
  BadRequest,
  parseGraphQuery,
  parseHealthQuery,
  parseIstioConfigQuery,
  parseTracingQuery,
  promSeconds,
};
