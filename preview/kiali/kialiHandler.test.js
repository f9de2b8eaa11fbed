'use strict';
// The stand-in Kiali's service endpoints through the preview server: detection, configuration,
// who may see what, bad input, Kiali going away, health, and the failure modes browser tests use.
const { afterAll, afterEach, beforeAll, describe, expect, it } = require('@jest/globals');
const { startPreview } = require('../server');
const { startKialiPreview } = require('./testing');

describe('in the mesh3 scenario', () => {
  let t;
  beforeAll(async () => {
    t = await startKialiPreview();
  });
  afterAll(() => t.close());
  afterEach(() => t.preview.backend.setUser('admin'));

  it('reports Kiali 2.27 running with its external services', async () => {
    const res = await t.kiali('/api/status');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.status).toMatchObject({ 'Kiali state': 'running', 'Kiali version': 'v2.27.0' });
    expect(res.body.externalServices).toEqual(
      expect.arrayContaining([
        { name: 'Istio', version: '1.30.3' },
        // Named after the provider, with its tempo_config (status/versions.go).
        expect.objectContaining({
          name: 'tempo',
          tempoConfig: expect.objectContaining({ urlFormat: 'openshift', tenant: 'default' }),
        }),
      ]),
    );
    expect(res.body.istioEnvironment).toEqual({ isMaistra: false, istioAPIEnabled: true });
  });

  it('serves the configuration the UI needs: labels, tolerances, cluster', async () => {
    const { status, body } = await t.kiali('/api/config');
    expect(status).toBe(200);
    expect(body.istioLabels).toMatchObject({ appLabelName: 'app', versionLabelName: 'version' });
    expect(body.healthConfig.rate[0].tolerance).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: '5XX', degraded: 0, failure: 10 }),
        expect.objectContaining({ code: '4XX', degraded: 10, failure: 20 }),
      ]),
    );
    // Kiali's health window: health comes from its cache over this duration.
    expect(body.healthConfig.compute).toEqual({
      duration: '5m',
      refreshInterval: '3m',
      timeout: '10m',
    });
    expect(Object.keys(body.clusters)).toEqual(['Kubernetes']);
    expect(body.deployment).toEqual({ viewOnlyMode: false });
  });

  it('describes the Tempo tracing the Kiali CR points at, as the wizard leaves it', async () => {
    const { status, body } = await t.kiali('/api/tracing');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      enabled: true,
      integration: true,
      provider: 'tempo',
      internalURL:
        'https://tempo-sample-gateway.tempo.svc.cluster.local:8080/api/traces/v1/default/tempo',
      // The wizard sets no external_url: links come from tempo_config (url_format openshift).
      url: '',
    });
    // Kiali's JSON names, the operator's defaults under the CR's tempo_config.
    expect(body.tempoConfig).toEqual({
      cacheCapacity: 200,
      cacheEnabled: true,
      name: 'sample',
      namespace: 'tempo',
      tenant: 'default',
      urlFormat: 'openshift',
    });
  });

  it('sends tempo_config and external_url as the CR sets them, empty fields left out', async () => {
    const path = '/apis/kiali.io/v1alpha1/namespaces/istio-system/kialis/kiali';
    const patch = (tracing) =>
      t.k8s(
        'PATCH',
        path,
        { spec: { external_services: { tracing } } },
        'application/merge-patch+json',
      );
    const res = await patch({
      external_url:
        'https://tempo-sample-gateway-tempo.apps.preview.example.com/api/traces/v1/default/search',
      tempo_config: {
        name: null,
        namespace: null,
        tenant: null,
        datasource_uid: '',
        url_format: 'jaeger',
      },
    });
    expect(res.status).toBe(200);
    try {
      const { body } = await t.kiali('/api/tracing');
      expect(body.url).toBe(
        'https://tempo-sample-gateway-tempo.apps.preview.example.com/api/traces/v1/default/search',
      );
      expect(body.tempoConfig).toEqual({
        cacheCapacity: 200,
        cacheEnabled: true,
        urlFormat: 'jaeger',
      });
    } finally {
      await patch({
        external_url: null,
        tempo_config: {
          name: 'sample',
          namespace: 'tempo',
          tenant: 'default',
          datasource_uid: null,
          url_format: 'openshift',
        },
      });
    }
  });

  it('lists only the namespaces the user may see', async () => {
    const admin = await t.kiali('/api/namespaces');
    const names = admin.body.map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining(['bookinfo', 'istio-system', 'tempo']));
    expect(admin.body.find((n) => n.name === 'istio-system').isControlPlane).toBe(true);
    expect(admin.body.find((n) => n.name === 'bookinfo')).toMatchObject({
      cluster: 'Kubernetes',
      isControlPlane: false,
      revision: 'default',
      labels: { 'istio-injection': 'enabled' },
    });

    t.preview.backend.setUser('developer');
    const dev = await t.kiali('/api/namespaces');
    expect(dev.body.map((n) => n.name)).toEqual(['bookinfo']);
  });

  it('refuses namespaces the user cannot read, with 403 and a reason', async () => {
    t.preview.backend.setUser('developer');
    const denied = await t.kiali('/api/namespaces/graph', { namespaces: 'istio-system' });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatch(/User "developer" cannot get .*"istio-system"/);
    const mixed = await t.kiali('/api/clusters/health', { namespaces: 'bookinfo,istio-system' });
    expect(mixed.status).toBe(403);
    const allowed = await t.kiali('/api/namespaces/graph', { namespaces: 'bookinfo' });
    expect(allowed.status).toBe(200);
    expect(allowed.body.elements.nodes.length).toBeGreaterThan(0);
  });

  it.each([
    ['/api/namespaces/graph', { namespaces: 'bookinfo', colour: 'blue' }, 'colour'],
    ['/api/namespaces/bookinfo/services/reviews/graph', { graphType: 'app', foo: '1' }, 'foo'],
    ['/api/clusters/health', { namespaces: 'bookinfo', rate: '5m' }, 'rate'],
    ['/api/namespaces/bookinfo/services/reviews/traces', { lookback: '1h' }, 'lookback'],
  ])('rejects an unknown query parameter on %s', async (path, params, name) => {
    const res = await t.kiali(path, params);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: `unsupported query parameter '${name}'` });
  });

  it.each([
    [{ namespaces: 'bookinfo', graphType: 'galaxy' }, /graphType/],
    [{ namespaces: 'bookinfo', duration: '10 minutes' }, /duration/],
    [{ namespaces: 'bookinfo', injectServiceNodes: 'maybe' }, /injectServiceNodes/],
    [{ namespaces: 'bookinfo', appenders: 'istio,magic' }, /magic/],
    [{ graphType: 'app' }, /namespace/],
  ])('rejects bad graph parameters %j', async (params, message) => {
    const res = await t.kiali('/api/namespaces/graph', params);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  });

  it('needs an app graph type for an app node graph', async () => {
    const res = await t.kiali('/api/namespaces/bookinfo/applications/reviews/graph', {
      graphType: 'workload',
    });
    expect(res.status).toBe(400);
    const ok = await t.kiali('/api/namespaces/bookinfo/applications/reviews/graph', {
      graphType: 'versionedApp',
    });
    expect(ok.status).toBe(200);
  });

  it('computes health: request rates by code, replica counts and a status', async () => {
    const res = await t.kiali('/api/clusters/health', {
      namespaces: 'bookinfo',
      type: 'app',
      rateInterval: '10m',
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['namespaceAppHealth', 'namespaceHealth']);
    const reviews = res.body.namespaceAppHealth.bookinfo.reviews;
    expect(reviews.workloadStatuses.map((w) => w.name)).toEqual([
      'reviews-v1',
      'reviews-v2',
      'reviews-v3',
    ]);
    expect(reviews.workloadStatuses[0]).toEqual({
      name: 'reviews-v1',
      desiredReplicas: 1,
      currentReplicas: 1,
      availableReplicas: 1,
      syncedProxies: 1,
    });
    expect(reviews.requests.inbound.http['200']).toBeCloseTo(10, 3);
    expect(reviews.requests.outbound.http['200']).toBeCloseTo(6.667, 3);
    // Kiali leaves errorRatio 0 out of the JSON (omitempty).
    expect(reviews.status).toEqual({ status: 'Healthy', totalRequestRate: 16.667 });
    expect(res.body.namespaceHealth.bookinfo.statusApp.inSuccess).toEqual(
      expect.arrayContaining(['details', 'productpage', 'ratings', 'reviews']),
    );
  });

  it('answers 405 to writes, which Kiali does not take through this proxy', async () => {
    const res = await fetch(
      `${t.preview.url}/api/proxy/plugin/mesh-console-plugin/kiali/api/status`,
      {
        method: 'POST',
        headers: { Cookie: 'csrf-token=x', 'X-CSRFToken': 'x' },
      },
    );
    expect(res.status).toBe(405);
    const noCsrf = await fetch(
      `${t.preview.url}/api/proxy/plugin/mesh-console-plugin/kiali/api/status`,
      { method: 'POST' },
    );
    expect(noCsrf.status).toBe(403);
  });
});

describe('health that degrades with the cluster', () => {
  let t;
  beforeAll(async () => {
    t = await startKialiPreview();
  });
  afterAll(() => t.close());

  it('fails a service past the 5xx tolerance and a workload scaled to zero is not ready', async () => {
    await t.apply({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'ratings', namespace: 'bookinfo' },
      spec: {
        hosts: ['ratings'],
        http: [
          {
            fault: { abort: { httpStatus: 500, percentage: { value: 12 } } },
            route: [{ destination: { host: 'ratings' } }],
          },
        ],
      },
    });
    const scaled = await t.k8s(
      'PATCH',
      '/apis/apps/v1/namespaces/bookinfo/deployments/details-v1',
      { spec: { replicas: 0 } },
      'application/merge-patch+json',
    );
    expect(scaled.status).toBe(200);
    const { body } = await t.kiali('/api/clusters/health', { namespaces: 'bookinfo' });
    // errorRatio is the percentage of the tolerance that decided the status (5XX here).
    const ratings = body.namespaceServiceHealth.bookinfo.ratings.status;
    expect(ratings.status).toBe('Failure');
    expect(ratings.errorRatio).toBeCloseTo(12, 2);
    expect(body.namespaceWorkloadHealth.bookinfo['details-v1'].status.status).toBe('Not Ready');
    expect(body.namespaceHealth.bookinfo.worstStatus).toBe('Failure');
  });
});

describe('health without traffic', () => {
  let t;
  beforeAll(async () => {
    t = await startKialiPreview();
  });
  afterAll(() => t.close());

  it('sends errorRatio -1 and NA for a service nobody calls', async () => {
    await t.apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'echo', namespace: 'bookinfo' },
      spec: { selector: { app: 'echo' }, ports: [{ name: 'http', port: 8080 }] },
    });
    const { body } = await t.kiali('/api/clusters/health', {
      namespaces: 'bookinfo',
      type: 'service',
    });
    expect(body.namespaceServiceHealth.bookinfo.echo).toEqual({
      requests: { inbound: {}, outbound: {}, healthAnnotations: {} },
      status: { errorRatio: -1, status: 'NA' },
    });
  });
});

describe('when Kiali is absent', () => {
  it('answers like the console proxy with no backend once the Service is deleted', async () => {
    const t = await startKialiPreview();
    try {
      expect((await t.kiali('/api/status')).status).toBe(200);
      const del = await t.k8s('DELETE', '/api/v1/namespaces/istio-system/services/kiali');
      expect(del.status).toBe(200);
      const res = await t.kiali('/api/status');
      expect(res.status).toBe(502);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(res.raw).toMatch(/kiali\.istio-system\.svc/);
    } finally {
      await t.close();
    }
  });

  it('goes away with the Kiali CR, whose Service it owns', async () => {
    const t = await startKialiPreview();
    try {
      const del = await t.k8s(
        'DELETE',
        '/apis/kiali.io/v1alpha1/namespaces/istio-system/kialis/kiali',
      );
      expect(del.status).toBe(200);
      expect((await t.kiali('/api/namespaces/graph', { namespaces: 'bookinfo' })).status).toBe(502);
    } finally {
      await t.close();
    }
  });

  it('is absent where no Kiali was installed', async () => {
    const t = await startKialiPreview({ scenario: 'empty' });
    try {
      expect((await t.kiali('/api/status')).status).toBe(502);
    } finally {
      await t.close();
    }
  });
});

describe('in the mesh2 scenario', () => {
  let t;
  beforeAll(async () => {
    t = await startKialiPreview({ scenario: 'mesh2' });
  });
  afterAll(() => t.close());

  it('has Kiali without tracing: tracing info disabled and traces unavailable', async () => {
    expect((await t.kiali('/api/status')).body.istioEnvironment.isMaistra).toBe(true);
    const tracing = await t.kiali('/api/tracing');
    expect(tracing.body).toMatchObject({ enabled: false, integration: false });
    const traces = await t.kiali('/api/namespaces/bookinfo/services/reviews/traces');
    expect(traces.status).toBe(503);
    expect(traces.body.error).toMatch(/[Tt]racing is not enabled/);
  });
});

describe('failure injection for browser tests (observability.kiali)', () => {
  it("answers every call with 500 {error} for 'error'", async () => {
    const t = await startKialiPreview({ observability: { kiali: 'error' } });
    try {
      for (const path of ['/api/status', '/api/namespaces/bookinfo/services/reviews/graph']) {
        const res = await t.kiali(path);
        expect(res.status).toBe(500);
        expect(typeof res.body.error).toBe('string');
      }
    } finally {
      await t.close();
    }
  });

  it("answers 200 with bodies of the wrong shape for 'malformed'", async () => {
    const t = await startKialiPreview({ observability: { kiali: 'malformed' } });
    try {
      const graph = await t.kiali('/api/namespaces/graph', { namespaces: 'bookinfo' });
      expect(graph.status).toBe(200);
      expect(typeof graph.body.elements).toBe('string');
      const traces = await t.kiali('/api/namespaces/bookinfo/services/reviews/traces');
      expect(traces.status).toBe(200);
      expect(Array.isArray(traces.body.data)).toBe(false);
      const tracing = await t.kiali('/api/tracing');
      expect(typeof tracing.body.enabled).not.toBe('boolean');
    } finally {
      await t.close();
    }
  });

  it('refuses an unknown mode, and explicit proxies still win', async () => {
    await expect(startPreview({ port: 0, observability: { kiali: 'flaky' } })).rejects.toThrow(
      /observability\.kiali/,
    );
    const preview = await startPreview({
      port: 0,
      speed: 0.05,
      proxies: { kiali: (req, res) => res.writeHead(418).end() },
    });
    try {
      const res = await fetch(
        `${preview.url}/api/proxy/plugin/mesh-console-plugin/kiali/api/status`,
      );
      expect(res.status).toBe(418);
    } finally {
      await preview.close();
    }
  });
});
