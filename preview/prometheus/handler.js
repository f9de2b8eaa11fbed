'use strict';
// The console's Prometheus paths as the bridge proxies them to Thanos querier (see README.md):
// /api/prometheus/ (port 9091: kube-rbac-proxy asking for `prometheuses/api` in
// openshift-monitoring) and /api/prometheus-tenancy/ (port 9092: kube-rbac-proxy asking for
// `pods.metrics.k8s.io` in the `namespace` query parameter, then prom-label-proxy enforcing
// namespace="<ns>" on every selector), each with the error bodies those proxies answer.
const { authorize, profileOf, userInfo } = require('../cluster/authz');
const { DURATION_UNITS, PromQLError, injectMatcher, parse } = require('./promql');

const GLOBAL = '/api/prometheus/api/v1/';
const TENANCY = '/api/prometheus-tenancy/api/v1/';
// `rules` answers that there are none: the real console polls it on every page (its alerts).
const ENDPOINTS = ['query', 'query_range', 'rules'];
const MAX_POINTS = 11000;

const text = (res, status, body) => {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
};
const json = (res, status, body) => {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
};
/** Prometheus' error shape; 400 bad_data, 422 execution, 503 unavailable. */
const apiError = (res, status, errorType, error) =>
  json(res, status, JSON.stringify({ status: 'error', errorType, error }));
/** prom-label-proxy's own errors (injectproxy/utils.go prometheusAPIError). */
const labelProxyError = (res, status, error) =>
  json(
    res,
    status,
    `${JSON.stringify({ status: 'error', errorType: 'prom-label-proxy', error })}\n`,
  );

const readBody = (req) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/** kube-rbac-proxy derives the verb from the method (pkg/proxy GetRequestAttributes). */
const VERBS = { GET: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

/** Prometheus' parseTime: float seconds (rounded to ms) or RFC 3339; ms, or an Error. */
const parseTime = (s) => {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    const f = Number(s);
    const whole = Math.trunc(f);
    return whole * 1000 + Math.round((f - whole) * 1000);
  }
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s)) {
    const ms = Date.parse(s);
    if (!Number.isNaN(ms)) return ms;
  }
  return new Error(`cannot parse ${JSON.stringify(s)} to a valid timestamp`);
};

/** Prometheus' parseDuration: float seconds or a duration like 1m30s; ms, or an Error. */
const parseDuration = (s) => {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Math.trunc(Number(s) * 1000);
  if (/^(\d+(ms|[smhdwy]))+$/.test(s)) {
    let ms = 0;
    for (const [, n, u] of s.matchAll(/(\d+)(ms|[smhdwy])/g)) ms += Number(n) * DURATION_UNITS[u];
    return ms;
  }
  return new Error(`cannot parse ${JSON.stringify(s)} to a valid duration`);
};

/**
 * @param {{
 *   userOf: () => ({name: string, profile: string} | undefined),
 *   rbac?: object,
 *   query: (ast: object, range: {start: number, end: number, step: number}, opts: {range: boolean}) => string,
 *   now: () => number,
 *   mode?: 'error',
 * }} deps `query` evaluates and returns the JSON `data`; `now` is the clock in ms
 */
const createPrometheusHandler = ({ userOf, rbac, query, now, mode }) => {
  return async (req, res, url) => {
    const p = url.pathname;
    const tenancy = p.startsWith(TENANCY);
    const endpoint = p.slice((tenancy ? TENANCY : GLOBAL).length);
    if (!ENDPOINTS.includes(endpoint)) return text(res, 404, 'not found');
    const method = req.method.toUpperCase();

    // kube-rbac-proxy: authentication, then the authorization its config asks for.
    const user = userOf();
    if (!user) return text(res, 401, 'Unauthorized\n');
    let attrs;
    if (tenancy) {
      const namespaces = url.searchParams.getAll('namespace');
      if (!namespaces.length)
        return text(res, 400, 'Bad Request. The request or configuration is malformed.\n');
      // The bridge sends tenancy rules to port 9093, whose proxy asks for prometheusrules.
      attrs = namespaces.map((namespace) =>
        endpoint === 'rules'
          ? {
              verb: VERBS[method] ?? '',
              group: 'monitoring.coreos.com',
              resource: 'prometheusrules',
              namespace,
            }
          : { verb: VERBS[method] ?? '', group: 'metrics.k8s.io', resource: 'pods', namespace },
      );
    } else {
      attrs = [
        {
          verb: VERBS[method] ?? '',
          group: 'monitoring.coreos.com',
          resource: 'prometheuses',
          subresource: 'api',
          namespace: 'openshift-monitoring',
          name: 'k8s',
        },
      ];
    }
    for (const a of attrs) {
      if (!authorize(user, a, rbac).allowed) {
        return text(
          res,
          403,
          `Forbidden (user=${user.name}, verb=${a.verb}, resource=${a.resource}, subresource=${a.subresource ?? ''})\n`,
        );
      }
    }
    if (!(endpoint === 'rules' ? ['GET'] : ['GET', 'POST']).includes(method))
      return text(res, 405, 'Method Not Allowed\n');

    // Go's r.Form: the form body's values first, then the URL's.
    const form = new URLSearchParams();
    if (method === 'POST' && /x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) {
      for (const [k, v] of new URLSearchParams(await readBody(req))) form.append(k, v);
    }
    for (const [k, v] of url.searchParams) form.append(k, v);
    const value = (k) => form.get(k) ?? '';

    let namespace;
    if (tenancy) {
      // prom-label-proxy: the label value from the form, which must not be empty.
      const values = form.getAll('namespace').filter((v) => v);
      if (!values.length)
        return labelProxyError(res, 400, 'The "namespace" query parameter must be provided.');
      if (new Set(values).size > 1) {
        return apiError(
          res,
          400,
          'bad_data',
          "unsupported by the preview's stand-in Prometheus: several namespace parameters",
        );
      }
      namespace = values[0];
      // Without a query prom-label-proxy returns without writing anything: an empty 200.
      if (endpoint !== 'rules' && !value('query')) return text(res, 200, '');
    }
    if (endpoint === 'rules') return json(res, 200, '{"status":"success","data":{"groups":[]}}');

    if (mode === 'error') {
      return apiError(
        res,
        503,
        'unavailable',
        'the preview was started with Prometheus set to fail (--prometheus error)',
      );
    }

    let range;
    if (endpoint === 'query') {
      const t = form.has('time') ? parseTime(value('time')) : now();
      if (t instanceof Error)
        return apiError(res, 400, 'bad_data', `invalid parameter "time": ${t.message}`);
      range = { start: t, end: t, step: 1 };
    } else {
      const start = parseTime(value('start'));
      if (start instanceof Error)
        return apiError(res, 400, 'bad_data', `invalid parameter "start": ${start.message}`);
      const end = parseTime(value('end'));
      if (end instanceof Error)
        return apiError(res, 400, 'bad_data', `invalid parameter "end": ${end.message}`);
      if (end < start) {
        return apiError(
          res,
          400,
          'bad_data',
          'invalid parameter "end": end timestamp must not be before start time',
        );
      }
      const step = parseDuration(value('step'));
      if (step instanceof Error)
        return apiError(res, 400, 'bad_data', `invalid parameter "step": ${step.message}`);
      if (step <= 0) {
        return apiError(
          res,
          400,
          'bad_data',
          'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
        );
      }
      if ((end - start) / step > MAX_POINTS) {
        return apiError(
          res,
          400,
          'bad_data',
          'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
        );
      }
      range = { start, end, step };
    }

    let ast;
    try {
      ast = parse(value('query'));
      if (namespace !== undefined) ast = injectMatcher(ast, 'namespace', namespace);
    } catch (e) {
      if (!(e instanceof PromQLError)) throw e;
      if (e.type === 'prom-label-proxy') return labelProxyError(res, 400, e.message);
      // prom-label-proxy parses first: a syntax error is its, a construct the stand-in lacks ours.
      if (tenancy && !e.message.startsWith('unsupported'))
        return labelProxyError(res, 400, `failed to parse query string: ${e.message}`);
      // The console's own dashboards ask for node and cluster metrics in constructs the stand-in
      // lacks. It holds only Istio's series, so a real Prometheus with just those would answer
      // them with nothing; the plugin's queries (on istio_*) still fail loudly.
      if (e.message.startsWith('unsupported') && !/\bistio_/.test(value('query')))
        return json(res, 200, noData(endpoint));
      return apiError(res, 400, 'bad_data', `invalid parameter "query": ${e.message}`);
    }
    try {
      const data = query(ast, range, { range: endpoint === 'query_range' });
      return json(res, 200, `{"status":"success","data":${data}}`);
    } catch (e) {
      if (!(e instanceof PromQLError)) throw e;
      if (e.message.startsWith('unsupported') && !/\bistio_/.test(value('query')))
        return json(res, 200, noData(endpoint));
      return apiError(res, e.type === 'execution' ? 422 : 400, e.type, e.message);
    }
  };
};

/** An empty answer of the endpoint's result type. */
const noData = (endpoint) =>
  `{"status":"success","data":{"resultType":"${endpoint === 'query' ? 'vector' : 'matrix'}","result":[]}}`;

/** The identity the console's proxy forwards: the stand-in cluster's current user. */
const clusterUser = (cluster) => () =>
  cluster.user ? userInfo(profileOf(cluster.user)) : undefined;

module.exports = { createPrometheusHandler, clusterUser, parseTime, parseDuration };
