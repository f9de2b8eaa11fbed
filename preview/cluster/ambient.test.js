'use strict';
// Istio's ambient data plane and the Gateway API on the stand-in, driven through the HTTP API as
// a client would: schemas, ZTunnel, capture of running pods, waypoints, route status, and the
// ambient scenario.
const { afterAll, beforeAll, describe, expect, it } = require('@jest/globals');
const { client, httpWatch, startServer, until } = require('./testing');
const { createValidator } = require('./validate');

const GW = '/apis/gateway.networking.k8s.io/v1';
const ISTIO = '/apis/sailoperator.io/v1/istios/default';
const ZTUNNEL = '/apis/sailoperator.io/v1/ztunnels';
const REDIRECTION = 'ambient.istio.io/redirection';

/** A condition of an object's status, or of one entry of a route's status.parents. */
const condition = (o, type) =>
  (o?.status?.conditions || o?.conditions || []).find((c) => c.type === type);
const parentStatus = (route) => route.status?.parents || [];
const hasProxy = (pod) =>
  [...pod.spec.containers, ...(pod.spec.initContainers || [])].some(
    (c) => c.name === 'istio-proxy',
  );

const httpRoute = (name, spec) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name },
  spec,
});
const serviceParent = (name) => ({ group: '', kind: 'Service', name, port: 9080 });
const waypoint = (name) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name, labels: { 'istio.io/waypoint-for': 'service' } },
  spec: {
    gatewayClassName: 'istio-waypoint',
    listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
  },
});
const deployment = (name) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name, image: `quay.io/example/${name}:1` }] },
    },
  },
});

it('loads the Gateway API schemas in-process too (an ESM-only package, as under Jest)', async () => {
  const { validate } = await createValidator();
  const type = { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', plural: 'httproutes' };
  const route = httpRoute('r', { rules: [{ backendRefs: [{ name: 'reviews', weight: -1 }] }] });
  route.metadata.namespace = 'bookinfo';
  expect(validate(type, 'v1', route).map((c) => c.field)).toEqual([
    'spec.rules[0].backendRefs[0].weight',
  ]);
  route.spec.rules[0].backendRefs[0].weight = 1;
  expect(validate(type, 'v1', route)).toEqual([]);
});

describe('mesh3 scenario: the Gateway API, then ambient', () => {
  let server;
  let k;
  beforeAll(async () => {
    server = await startServer(['--scenario', 'mesh3', '--speed', '0.02']);
    k = client(server.url);
  });
  afterAll(() => server && server.stop());

  const getOk = async (path) => {
    const r = await k.get(path);
    return r.status === 200 ? r.body : undefined;
  };

  it('serves the Gateway API kinds, and istiod has created its GatewayClasses', async () => {
    const v1 = (await k.get(GW)).body.resources.map((r) => r.name);
    expect(v1).toEqual(
      expect.arrayContaining(['gatewayclasses', 'gateways', 'httproutes', 'grpcroutes']),
    );
    const v1beta1 = (await k.get('/apis/gateway.networking.k8s.io/v1beta1')).body.resources;
    expect(v1beta1.map((r) => r.name)).toEqual(
      expect.arrayContaining(['gateways', 'httproutes', 'referencegrants']),
    );
    const classes = (await k.get(`${GW}/gatewayclasses`)).body.items;
    expect(
      Object.fromEntries(classes.map((c) => [c.metadata.name, c.spec.controllerName])),
    ).toEqual({
      istio: 'istio.io/gateway-controller',
      'istio-waypoint': 'istio.io/mesh-controller',
    });
    for (const c of classes) {
      expect(condition(c, 'Accepted')).toMatchObject({ status: 'True', reason: 'Accepted' });
    }
  });

  it('rejects malformed HTTPRoutes with the published Gateway API schema', async () => {
    const negative = await k.post(
      `${GW}/namespaces/bookinfo/httproutes`,
      httpRoute('negative', {
        parentRefs: [serviceParent('reviews')],
        rules: [{ backendRefs: [{ name: 'reviews', port: 9080, weight: -1 }] }],
      }),
    );
    expect(negative.status).toBe(422);
    expect(negative.body.details.causes.map((c) => c.field)).toEqual([
      'spec.rules[0].backendRefs[0].weight',
    ]);
    const badMatch = await k.post(
      `${GW}/namespaces/bookinfo/httproutes`,
      httpRoute('bad-match', {
        parentRefs: [serviceParent('reviews')],
        rules: [
          {
            matches: [{ path: { type: 'Prefix', value: '/api' } }],
            backendRefs: [{ name: 'reviews', port: 9080 }],
          },
        ],
      }),
    );
    expect(badMatch.status).toBe(422);
    expect(badMatch.body.details.causes[0]).toMatchObject({
      reason: 'FieldValueNotSupported',
      field: 'spec.rules[0].matches[0].path.type',
    });
    // The older served version is checked with its own schema.
    const beta = await k.post(
      '/apis/gateway.networking.k8s.io/v1beta1/namespaces/bookinfo/httproutes',
      {
        ...httpRoute('beta', { rules: [{ backendRefs: [{ name: 'reviews', weight: -1 }] }] }),
        apiVersion: 'gateway.networking.k8s.io/v1beta1',
      },
    );
    expect(beta.status).toBe(422);
    expect((await k.get(`${GW}/namespaces/bookinfo/httproutes/negative`)).status).toBe(404);
  });

  it('reports a route to a missing backend or parent, and resolves it once the Service exists', async () => {
    // A Gateway of another controller's class: Istio leaves it, and routes to it, alone.
    await k.post(`${GW}/gatewayclasses`, {
      metadata: { name: 'openshift-default' },
      spec: { controllerName: 'openshift.io/gateway-controller/v1' },
    });
    const ingress = await k.post(`${GW}/namespaces/bookinfo/gateways`, {
      metadata: { name: 'ingress' },
      spec: {
        gatewayClassName: 'openshift-default',
        listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
      },
    });
    expect(ingress.status).toBe(201);
    const created = await k.post(
      `${GW}/namespaces/bookinfo/httproutes`,
      httpRoute('ratings', {
        parentRefs: [serviceParent('ratings'), serviceParent('nowhere'), { name: 'ingress' }],
        rules: [{ backendRefs: [{ name: 'ratings-v9', port: 9080 }] }],
      }),
    );
    expect(created.status).toBe(201);
    const ROUTE = `${GW}/namespaces/bookinfo/httproutes/ratings`;
    const route = await until(
      async () => {
        const r = await getOk(ROUTE);
        return parentStatus(r).length && r;
      },
      5000,
      'route status',
    );
    const parents = parentStatus(route);
    expect(parents.map((p) => p.parentRef.name)).toEqual(['ratings', 'nowhere']);
    expect(parents.every((p) => p.controllerName === 'istio.io/gateway-controller')).toBe(true);
    expect(condition(parents[0], 'Accepted')).toMatchObject({ status: 'True' });
    expect(condition(parents[1], 'Accepted')).toMatchObject({
      status: 'False',
      reason: 'NoMatchingParent',
    });
    expect(condition(parents[0], 'ResolvedRefs')).toMatchObject({
      status: 'False',
      reason: 'BackendNotFound',
      observedGeneration: 1,
    });
    // Nobody took the other class's Gateway: it still waits for its controller.
    const other = (await k.get(`${GW}/namespaces/bookinfo/gateways/ingress`)).body;
    expect(condition(other, 'Accepted')).toMatchObject({ status: 'Unknown', reason: 'Pending' });

    await k.post('/api/v1/namespaces/bookinfo/services', {
      metadata: { name: 'ratings-v9' },
      spec: { selector: { app: 'ratings' }, ports: [{ name: 'http', port: 9080 }] },
    });
    await until(
      async () => condition(parentStatus(await getOk(ROUTE))[0], 'ResolvedRefs')?.status === 'True',
      5000,
      'ResolvedRefs True',
    );
  });

  it('accepts a waypoint only on an ambient control plane', async () => {
    expect((await k.post(`${GW}/namespaces/bookinfo/gateways`, waypoint('waypoint'))).status).toBe(
      201,
    );
    const gw = await until(
      async () => {
        const g = await getOk(`${GW}/namespaces/bookinfo/gateways/waypoint`);
        return condition(g, 'Accepted')?.status === 'False' && g;
      },
      5000,
      'waypoint refused',
    );
    expect(condition(gw, 'Accepted').reason).toBe('Invalid');
    expect(condition(gw, 'Programmed').status).toBe('False');
    expect((await k.get('/apis/apps/v1/namespaces/bookinfo/deployments/waypoint')).status).toBe(
      404,
    );
  });

  it('runs ztunnel once its namespace exists, and reports Ready from the DaemonSet', async () => {
    const misnamed = await k.post(ZTUNNEL, {
      metadata: { name: 'other' },
      spec: { version: 'v1.30.3' },
    });
    expect(misnamed.status).toBe(422);
    expect(
      (await k.post(ZTUNNEL, { metadata: { name: 'default' }, spec: { version: 'v1.30.3' } }))
        .status,
    ).toBe(201);
    const waiting = await until(
      async () => {
        const z = await getOk(`${ZTUNNEL}/default`);
        return condition(z, 'Ready') && z;
      },
      5000,
      'ZTunnel status',
    );
    // The namespace defaults to ztunnel, which the user has not created.
    expect(waiting.spec.namespace).toBe('ztunnel');
    expect(condition(waiting, 'Ready').status).toBe('False');
    expect(condition(waiting, 'Ready').message).toContain('namespace "ztunnel"');
    // Watched from here on: not Ready while the DaemonSet has no ready pods, then Healthy.
    const rv = (await k.get(ZTUNNEL)).body.metadata.resourceVersion;
    const watch = await httpWatch(`${server.url}${ZTUNNEL}?watch=true&resourceVersion=${rv}`);
    await k.post('/api/v1/namespaces', { metadata: { name: 'ztunnel' } });
    const healthy = await until(
      async () => {
        const z = await getOk(`${ZTUNNEL}/default`);
        return z?.status?.state === 'Healthy' && z;
      },
      5000,
      'ZTunnel Healthy',
    );
    await until(
      () => watch.events.some((e) => e.object.status?.state === 'Healthy'),
      5000,
      'Healthy event',
    );
    await watch.close();
    const states = watch.events.map((e) => e.object.status.state);
    expect(states.slice(-1)).toEqual(['Healthy']);
    expect(states).toContain('DaemonSetNotReady');
    const notReady = watch.events.find((e) => e.object.status.state === 'DaemonSetNotReady');
    expect(condition(notReady.object, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'DaemonSetNotReady',
    });
    expect(condition(healthy, 'Ready')).toMatchObject({ status: 'True', reason: 'Healthy' });
    expect(condition(healthy, 'Reconciled').status).toBe('True');
    const ds = (await k.get('/apis/apps/v1/namespaces/ztunnel/daemonsets/ztunnel')).body;
    expect(ds.metadata.labels.app).toBe('ztunnel');
    expect(ds.status.numberReady).toBe(ds.status.desiredNumberScheduled);
    const pods = (await k.get('/api/v1/namespaces/ztunnel/pods?labelSelector=app%3Dztunnel')).body
      .items;
    expect(pods).toHaveLength(ds.status.desiredNumberScheduled);
    expect(new Set(pods.map((p) => p.spec.nodeName)).size).toBe(pods.length);
    expect(pods.every((p) => p.status.phase === 'Running')).toBe(true);
  });

  it('captures running pods of an ambient namespace without restarting them', async () => {
    // ztunnel alone is not enough: istio-cni's node agent captures only with the ambient profile.
    await k.post('/api/v1/namespaces', { metadata: { name: 'shop' } });
    await k.post('/apis/apps/v1/namespaces/shop/deployments', deployment('cart'));
    await k.patch('/api/v1/namespaces/shop', {
      metadata: { labels: { 'istio.io/dataplane-mode': 'ambient' } },
    });
    const PODS = '/api/v1/namespaces/shop/pods?labelSelector=app%3Dcart';
    const before = await until(async () => (await k.get(PODS)).body.items[0], 5000, 'cart pod');
    await new Promise((r) => setTimeout(r, 300));
    expect((await k.get(PODS)).body.items[0].metadata.annotations?.[REDIRECTION]).toBeUndefined();

    await k.patch('/apis/sailoperator.io/v1/istiocnis/default', { spec: { profile: 'ambient' } });
    const captured = await until(
      async () => {
        const p = (await k.get(PODS)).body.items[0];
        return p?.metadata.annotations?.[REDIRECTION] === 'enabled' && p;
      },
      5000,
      'redirection enabled',
    );
    expect(captured.metadata.uid).toBe(before.metadata.uid);
    expect(hasProxy(captured)).toBe(false);
    // bookinfo's pods have sidecars: labelling their namespace ambient does not capture them.
    await k.patch('/api/v1/namespaces/bookinfo', {
      metadata: { labels: { 'istio.io/dataplane-mode': 'ambient' } },
    });
    await new Promise((r) => setTimeout(r, 300));
    const bookinfo = (await k.get('/api/v1/namespaces/bookinfo/pods')).body.items;
    expect(bookinfo.some((p) => p.metadata.annotations?.[REDIRECTION])).toBe(false);

    await k.patch(
      '/api/v1/namespaces/shop',
      [{ op: 'remove', path: '/metadata/labels/istio.io~1dataplane-mode' }],
      'application/json-patch+json',
    );
    const released = await until(
      async () => {
        const p = (await k.get(PODS)).body.items[0];
        return p && !p.metadata.annotations?.[REDIRECTION] && p;
      },
      5000,
      'redirection removed',
    );
    expect(released.metadata.uid).toBe(before.metadata.uid);
    // A pod may opt out even in an ambient namespace.
    await k.patch('/api/v1/namespaces/shop', {
      metadata: { labels: { 'istio.io/dataplane-mode': 'ambient' } },
    });
    await until(
      async () => (await k.get(PODS)).body.items[0]?.metadata.annotations?.[REDIRECTION],
      5000,
      'captured again',
    );
    await k.patch(`/api/v1/namespaces/shop/pods/${before.metadata.name}`, {
      metadata: { labels: { 'istio.io/dataplane-mode': 'none' } },
    });
    await until(
      async () => !(await k.get(PODS)).body.items[0]?.metadata.annotations?.[REDIRECTION],
      5000,
      'opted out',
    );
  });

  it('deploys a waypoint once Istio has the ambient profile, and collects it with its Gateway', async () => {
    await k.patch(ISTIO, {
      spec: { profile: 'ambient', values: { pilot: { trustedZtunnelNamespace: 'ztunnel' } } },
    });
    expect((await k.post(`${GW}/namespaces/shop/gateways`, waypoint('waypoint'))).status).toBe(201);
    const GATEWAY = `${GW}/namespaces/shop/gateways/waypoint`;
    const gw = await until(
      async () => {
        const g = await getOk(GATEWAY);
        return condition(g, 'Programmed')?.status === 'True' && g;
      },
      5000,
      'waypoint Programmed',
    );
    expect(condition(gw, 'Accepted')).toMatchObject({ status: 'True', reason: 'Accepted' });
    expect(condition(gw, 'Programmed').reason).toBe('Programmed');
    expect(gw.status.addresses).toEqual([
      { type: 'Hostname', value: 'waypoint.shop.svc.cluster.local' },
    ]);
    const names = {
      'gateway.networking.k8s.io/gateway-name': 'waypoint',
      'istio.io/gateway-name': 'waypoint',
    };
    const dep = (await k.get('/apis/apps/v1/namespaces/shop/deployments/waypoint')).body;
    const svc = (await k.get('/api/v1/namespaces/shop/services/waypoint')).body;
    for (const o of [dep, svc]) {
      expect(o.metadata.labels).toMatchObject(names);
      expect(o.metadata.ownerReferences).toEqual([
        expect.objectContaining({ kind: 'Gateway', name: 'waypoint', uid: gw.metadata.uid }),
      ]);
    }
    expect(dep.status.readyReplicas).toBe(1);
    expect(svc.spec.ports).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'mesh', port: 15008 })]),
    );
    // The waypoint bookinfo asked for earlier is accepted now too.
    await until(
      async () =>
        condition(await getOk(`${GW}/namespaces/bookinfo/gateways/waypoint`), 'Programmed')
          ?.status === 'True',
      5000,
      'bookinfo waypoint Programmed',
    );
    // The waypoint's own pod is Envoy, never captured by ztunnel.
    const wpPods = (
      await k.get(
        '/api/v1/namespaces/shop/pods?labelSelector=gateway.networking.k8s.io%2Fgateway-name%3Dwaypoint',
      )
    ).body.items;
    expect(wpPods).toHaveLength(1);
    expect(wpPods[0].metadata.annotations?.[REDIRECTION]).toBeUndefined();

    expect((await k.del(GATEWAY)).status).toBe(200);
    await until(
      async () =>
        (await k.get('/apis/apps/v1/namespaces/shop/deployments/waypoint')).status === 404 &&
        (await k.get('/api/v1/namespaces/shop/services/waypoint')).status === 404,
      5000,
      'waypoint collected',
    );
    const left = (
      await k.get(
        '/api/v1/namespaces/shop/pods?labelSelector=gateway.networking.k8s.io%2Fgateway-name%3Dwaypoint',
      )
    ).body.items;
    expect(left).toEqual([]);
  });
});

describe('ambient scenario', () => {
  let server;
  let k;
  beforeAll(async () => {
    server = await startServer(['--scenario', 'ambient', '--speed', '0.02']);
    k = client(server.url);
  });
  afterAll(() => server && server.stop());

  it('is seeded settled: ambient control plane, captured bookinfo without sidecars', async () => {
    const istio = (await k.get(ISTIO)).body;
    expect(istio.spec).toMatchObject({
      profile: 'ambient',
      values: { pilot: { trustedZtunnelNamespace: 'ztunnel' } },
    });
    expect(istio.status.state).toBe('Healthy');
    const cni = (await k.get('/apis/sailoperator.io/v1/istiocnis/default')).body;
    expect(cni.spec.profile).toBe('ambient');
    const ztunnel = (await k.get(`${ZTUNNEL}/default`)).body;
    expect(ztunnel.spec.namespace).toBe('ztunnel');
    expect(condition(ztunnel, 'Ready').status).toBe('True');

    const ns = (await k.get('/api/v1/namespaces/bookinfo')).body;
    expect(ns.metadata.labels['istio.io/dataplane-mode']).toBe('ambient');
    expect(ns.metadata.labels['istio-injection']).toBeUndefined();
    expect(ns.metadata.labels['istio.io/use-waypoint']).toBeUndefined();
    const pods = (await k.get('/api/v1/namespaces/bookinfo/pods?labelSelector=app')).body.items;
    expect(pods).toHaveLength(6);
    expect(pods.some(hasProxy)).toBe(false);
    expect(pods.every((p) => p.metadata.annotations[REDIRECTION] === 'enabled')).toBe(true);
  });

  it('has per-version reviews Services, a Programmed waypoint and an accepted HTTPRoute', async () => {
    for (const v of ['v1', 'v2', 'v3']) {
      const svc = (await k.get(`/api/v1/namespaces/bookinfo/services/reviews-${v}`)).body;
      expect(svc.spec.selector).toEqual({ app: 'reviews', version: v });
      expect(svc.spec.ports).toEqual([expect.objectContaining({ name: 'http', port: 9080 })]);
    }
    const gw = (await k.get(`${GW}/namespaces/bookinfo/gateways/waypoint`)).body;
    expect(condition(gw, 'Programmed').status).toBe('True');
    const route = (await k.get(`${GW}/namespaces/bookinfo/httproutes/reviews`)).body;
    expect(route.spec.rules.map((r) => r.backendRefs.map((b) => b.name))).toEqual([
      ['reviews-v2'],
      ['reviews-v1'],
    ]);
    expect(route.spec.rules[0].filters[0].requestHeaderModifier.add).toEqual([
      { name: 'x-canary', value: 'true' },
    ]);
    const [parent] = parentStatus(route);
    expect(parent.parentRef).toEqual(serviceParent('reviews'));
    expect(condition(parent, 'Accepted').status).toBe('True');
    expect(condition(parent, 'ResolvedRefs').status).toBe('True');
  });

  it('captures a restarted pod without injecting it', async () => {
    await k.patch(
      '/apis/apps/v1/namespaces/bookinfo/deployments/ratings-v1',
      {
        spec: {
          template: {
            metadata: {
              annotations: { 'kubectl.kubernetes.io/restartedAt': new Date().toISOString() },
            },
          },
        },
      },
      'application/strategic-merge-patch+json',
    );
    const pod = await until(
      async () => {
        const items = (await k.get('/api/v1/namespaces/bookinfo/pods?labelSelector=app%3Dratings'))
          .body.items;
        return (
          items.length === 1 &&
          items[0].metadata.annotations['kubectl.kubernetes.io/restartedAt'] &&
          items[0].metadata.annotations[REDIRECTION] === 'enabled' &&
          items[0]
        );
      },
      5000,
      'restarted pod captured',
    );
    expect(hasProxy(pod)).toBe(false);
    expect(pod.metadata.annotations['sidecar.istio.io/status']).toBeUndefined();
  });

  it('without ZTunnel, Istio reports it missing and the pods are released', async () => {
    const before = (await k.get('/api/v1/namespaces/bookinfo/pods?labelSelector=app')).body.items;
    expect((await k.del(`${ZTUNNEL}/default`)).status).toBe(200);
    const istio = await until(
      async () => {
        const i = (await k.get(ISTIO)).body;
        return i.status.state === 'ZTunnelNotFound' && i;
      },
      5000,
      'Istio ZTunnelNotFound',
    );
    expect(condition(istio, 'DependenciesHealthy')).toMatchObject({
      status: 'False',
      reason: 'ZTunnelNotFound',
    });
    // The DaemonSet went with its owner; the pods stay up, only no longer captured.
    expect((await k.get('/apis/apps/v1/namespaces/ztunnel/daemonsets/ztunnel')).status).toBe(404);
    const after = await until(
      async () => {
        const items = (await k.get('/api/v1/namespaces/bookinfo/pods?labelSelector=app')).body
          .items;
        return items.every((p) => !p.metadata.annotations[REDIRECTION]) && items;
      },
      5000,
      'pods released',
    );
    expect(after.map((p) => p.metadata.uid).sort()).toEqual(
      before.map((p) => p.metadata.uid).sort(),
    );
  });
});
