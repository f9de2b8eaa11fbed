'use strict';
// The console's Prometheus paths in the preview server: the proxies' authorization decided by
// the stand-in cluster's authorizer, their error bodies, the tenancy namespace enforcement, the
// query API's parameters and errors, advance(), and what the host's SERVER_FLAGS say.
const { afterAll, beforeAll, describe, expect, it } = require('@jest/globals');
const { startPreview } = require('../server');
const { createPrometheusHandler } = require('./handler');

const CSRF = 'test-csrf';
const REQS =
  'sum by (destination_canonical_revision) (rate(istio_requests_total{reporter="destination",destination_service_namespace="bookinfo",destination_service_name="reviews"}[120s]))';

const client =
  (preview) =>
  async (path, params, { method = 'GET' } = {}) => {
    const qs = new URLSearchParams(params).toString();
    const res =
      method === 'GET'
        ? await fetch(`${preview.url}${path}?${qs}`)
        : await fetch(`${preview.url}${path}`, {
            method,
            headers: {
              'Content-Type': 'application/x-www-form-urlencoded',
              Cookie: `csrf-token=${CSRF}`,
              'X-CSRFToken': CSRF,
            },
            body: qs,
          });
    const raw = await res.text();
    let body = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      // the proxies' text/plain errors
    }
    return { status: res.status, body, raw, type: res.headers.get('content-type') };
  };

let admin;
let developer;
let asAdmin;
let asDeveloper;
beforeAll(async () => {
  admin = await startPreview({ port: 0, speed: 0.05 });
  developer = await startPreview({ port: 0, speed: 0.05, user: 'developer' });
  asAdmin = client(admin);
  asDeveloper = client(developer);
});
afterAll(async () => {
  await admin?.close();
  await developer?.close();
});

const GLOBAL = '/api/prometheus/api/v1';
const TENANCY = '/api/prometheus-tenancy/api/v1';

describe('cluster-wide, /api/prometheus (Thanos querier port 9091)', () => {
  it('answers an admin’s instant and range queries in Prometheus’ shapes', async () => {
    const instant = await asAdmin(`${GLOBAL}/query`, { query: REQS });
    expect(instant.status).toBe(200);
    expect(instant.body.status).toBe('success');
    expect(instant.body.data.resultType).toBe('vector');
    expect(instant.body.data.result.map((r) => [r.metric, r.value[1]])).toEqual(
      ['v1', 'v2', 'v3'].map((v) => [{ destination_canonical_revision: v }, '3.333333333333333']),
    );
    const now = admin.prometheus.now();
    const range = await asAdmin(`${GLOBAL}/query_range`, {
      query: REQS,
      start: now - 600,
      end: now,
      step: '60',
    });
    expect(range.body.data.resultType).toBe('matrix');
    expect(range.body.data.result[0].values).toHaveLength(11);
    expect(range.body.data.result[0].values[0][0]).toBe(now - 600);
  });

  it('takes a form-encoded POST, as Prometheus does', async () => {
    const res = await asAdmin(
      `${GLOBAL}/query`,
      { query: 'count(istio_requests_total)' },
      { method: 'POST' },
    );
    expect(res.status).toBe(200);
    expect(Number(res.body.data.result[0].value[1])).toBeGreaterThan(10);
  });

  it('refuses a project user with kube-rbac-proxy’s text', async () => {
    const res = await asDeveloper(`${GLOBAL}/query`, { query: REQS });
    expect(res.status).toBe(403);
    expect(res.type).toBe('text/plain; charset=utf-8');
    expect(res.raw).toBe(
      'Forbidden (user=developer, verb=get, resource=prometheuses, subresource=api)\n',
    );
  });

  it('says what is wrong with the parameters, as Prometheus does', async () => {
    const cases = [
      [
        { query: REQS, time: 'yesterday' },
        'query',
        'invalid parameter "time": cannot parse "yesterday" to a valid timestamp',
      ],
      [
        { query: REQS },
        'query_range',
        'invalid parameter "start": cannot parse "" to a valid timestamp',
      ],
      [
        { query: REQS, start: '100', end: '50', step: '10' },
        'query_range',
        'invalid parameter "end": end timestamp must not be before start time',
      ],
      [
        { query: REQS, start: '100', end: '200', step: '0' },
        'query_range',
        'zero or negative query resolution step widths are not accepted',
      ],
      [
        { query: REQS, start: '0', end: '100000', step: '1' },
        'query_range',
        'exceeded maximum resolution of 11,000 points per timeseries',
      ],
      [
        { query: 'irate(istio_requests_total[5m])' },
        'query',
        'invalid parameter "query": unsupported by the preview\'s stand-in Prometheus: function "irate" (at 1:1)',
      ],
      [{ query: 'sum(' }, 'query', 'invalid parameter "query": 1:5: parse error'],
    ];
    for (const [params, endpoint, error] of cases) {
      const res = await asAdmin(`${GLOBAL}/${endpoint}`, params);
      expect([res.status, res.body.status, res.body.errorType]).toEqual([400, 'error', 'bad_data']);
      expect(res.body.error).toContain(error);
    }
  });

  it('answers the console’s own dashboards (no Istio series) with no data, not an error', async () => {
    const q =
      'sum(kube_node_status_capacity{resource="cpu"} * on(node) group_left(role) (max by (node) (kube_node_role)))';
    for (const endpoint of ['query', 'query_range']) {
      const res = await asAdmin(`${GLOBAL}/${endpoint}`, {
        query: q,
        ...(endpoint === 'query_range' ? { start: '100', end: '200', step: '10' } : {}),
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'success',
        data: { resultType: endpoint === 'query' ? 'vector' : 'matrix', result: [] },
      });
    }
  });

  it('answers 422 execution errors, and accepts RFC 3339 times and duration steps', async () => {
    const res = await asAdmin(`${GLOBAL}/query`, { query: '{reporter="source"} * 2' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      errorType: 'execution',
      error: 'vector cannot contain metrics with the same labelset',
    });
    const iso = new Date(admin.prometheus.now() * 1000).toISOString();
    const range = await asAdmin(`${GLOBAL}/query_range`, {
      query: '1',
      start: iso,
      end: iso,
      step: '1m',
    });
    expect(range.body.data).toEqual({
      resultType: 'matrix',
      result: [{ metric: {}, values: [[Date.parse(iso) / 1000, '1']] }],
    });
  });

  it('answers that there are no alerting rules (the console polls them)', async () => {
    const res = await asAdmin(`${GLOBAL}/rules`);
    expect(res.body).toEqual({ status: 'success', data: { groups: [] } });
    expect((await asAdmin(`${GLOBAL}/labels`)).status).toBe(404);
  });
});

describe('per namespace, /api/prometheus-tenancy (port 9092)', () => {
  it('answers a project user in their namespace, with every selector held to it', async () => {
    const res = await asDeveloper(`${TENANCY}/query`, {
      namespace: 'bookinfo',
      query: 'count by (namespace) (istio_requests_total)',
    });
    expect(res.status).toBe(200);
    expect(res.body.data.result.map((r) => r.metric)).toEqual([{ namespace: 'bookinfo' }]);
    const reqs = await asDeveloper(`${TENANCY}/query`, { namespace: 'bookinfo', query: REQS });
    expect(reqs.body.data.result).toHaveLength(3);
  });

  it('refuses a namespace the user may not read, with kube-rbac-proxy’s text', async () => {
    const res = await asDeveloper(`${TENANCY}/query`, { namespace: 'istio-system', query: REQS });
    expect(res.status).toBe(403);
    expect(res.raw).toBe('Forbidden (user=developer, verb=get, resource=pods, subresource=)\n');
    // kube-rbac-proxy derives the verb from the method: a POST asks for `create`.
    const post = await asDeveloper(
      `${TENANCY}/query?namespace=bookinfo`,
      { query: REQS },
      { method: 'POST' },
    );
    expect(post.raw).toBe('Forbidden (user=developer, verb=create, resource=pods, subresource=)\n');
  });

  it('needs the namespace parameter', async () => {
    const res = await asDeveloper(`${TENANCY}/query`, { query: REQS });
    expect(res.status).toBe(400);
    expect(res.raw).toBe('Bad Request. The request or configuration is malformed.\n');
    // Present but empty: kube-rbac-proxy lets an admin through, prom-label-proxy does not.
    const empty = await asAdmin(`${TENANCY}/query`, { query: REQS, namespace: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({
      status: 'error',
      errorType: 'prom-label-proxy',
      error: 'The "namespace" query parameter must be provided.',
    });
  });

  it('refuses a query that selects another namespace, as prom-label-proxy does', async () => {
    const res = await asDeveloper(`${TENANCY}/query`, {
      namespace: 'bookinfo',
      query: 'istio_requests_total{namespace="istio-system"}',
    });
    expect(res.status).toBe(400);
    expect(res.body.errorType).toBe('prom-label-proxy');
    expect(res.body.error).toContain('conflicting label matcher');
    const syntax = await asDeveloper(`${TENANCY}/query`, { namespace: 'bookinfo', query: 'sum(' });
    expect(syntax.body.error).toMatch(/^failed to parse query string: /);
  });

  it('answers the namespace’s rules (none) to a user who may read them', async () => {
    const res = await asDeveloper(`${TENANCY}/rules`, { namespace: 'bookinfo' });
    expect(res.body).toEqual({ status: 'success', data: { groups: [] } });
    const refused = await asDeveloper(`${TENANCY}/rules`, { namespace: 'default' });
    expect(refused.raw).toBe(
      'Forbidden (user=developer, verb=get, resource=prometheusrules, subresource=)\n',
    );
  });
});

describe('the stand-in in the preview', () => {
  it('lets time pass with advance()', async () => {
    const before = admin.prometheus.now();
    expect(admin.prometheus.advance(600)).toBeGreaterThanOrEqual(before + 600);
    const res = await asAdmin(`${GLOBAL}/query`, { query: REQS });
    expect(res.body.data.result[0].value[0]).toBeGreaterThanOrEqual(before + 600);
    // A query at an explicit time is answered from the timeline at that time.
    const past = await asAdmin(`${GLOBAL}/query`, { query: REQS, time: String(before - 3600) });
    expect(past.body.data.result[0].value).toEqual([before - 3600, '3.333333333333333']);
  });

  it('names the Prometheus paths in our host’s SERVER_FLAGS', async () => {
    const html = await (await fetch(`${admin.url}/service-mesh/overview`)).text();
    const flags = JSON.parse(/window\.SERVER_FLAGS = (\{.*?\});/.exec(html)[1]);
    expect(flags).toMatchObject({
      prometheusBaseURL: '/api/prometheus',
      prometheusTenancyBaseURL: '/api/prometheus-tenancy',
    });
  });

  it('fails every query with --prometheus error', async () => {
    const failing = await startPreview({
      port: 0,
      speed: 0.05,
      observability: { prometheus: 'error' },
    });
    try {
      const res = await client(failing)(`${GLOBAL}/query`, { query: REQS });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'error', errorType: 'unavailable' });
    } finally {
      await failing.close();
    }
    await expect(startPreview({ port: 0, observability: { prometheus: 'slow' } })).rejects.toThrow(
      'prometheus mode must be one of error',
    );
  });

  it('serves no synthetic data against a real cluster: 404, as a bridge without Thanos', async () => {
    const real = await startPreview({
      port: 0,
      cluster: { server: 'http://127.0.0.1:9', token: 't' },
    });
    try {
      const res = await client(real)(`${GLOBAL}/query`, { query: REQS });
      expect([res.status, res.raw]).toEqual([404, 'not found']);
      expect(real.prometheus).toBeUndefined();
      const html = await (await fetch(`${real.url}/`)).text();
      expect(JSON.parse(/window\.SERVER_FLAGS = (\{.*?\});/.exec(html)[1]).prometheusBaseURL).toBe(
        '',
      );
    } finally {
      await real.close();
    }
  });

  it('answers 401 to a request without a user, as kube-rbac-proxy does without a token', async () => {
    const handler = createPrometheusHandler({
      userOf: () => undefined,
      query: () => '',
      now: () => 0,
    });
    const res = {
      writeHead: (status, headers) => Object.assign(res, { status, headers }),
      end: (b) => (res.body = b),
    };
    await handler(
      { method: 'GET', headers: {} },
      res,
      new URL('http://x/api/prometheus/api/v1/query?query=1'),
    );
    expect([res.status, res.body]).toEqual([401, 'Unauthorized\n']);
  });
});
