'use strict';
// istiod's ingress gateways on the stand-in, driven through the HTTP API as a client would: a
// Gateway of class `istio` gets its Deployment and LoadBalancer Service, then an address from
// the stand-in's load balancer, Programmed True and attached routes; deleting it collects them.
const { afterAll, beforeAll, describe, expect, it } = require('@jest/globals');
const { loadBalancerHostname } = require('./ingressGateway');
const { client, httpWatch, startServer, until } = require('./testing');

const GW = '/apis/gateway.networking.k8s.io/v1';
const condition = (o, type) =>
  (o?.status?.conditions || o?.conditions || []).find((c) => c.type === type);

const gateway = (name, listeners, extra = {}) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name, ...extra },
  spec: { gatewayClassName: 'istio', listeners },
});
const route = (name, spec) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name },
  spec,
});
const toProductpage = [{ backendRefs: [{ name: 'productpage', port: 9080 }] }];

it('names load balancers like AWS does, the same for the same Service', () => {
  const a = loadBalancerHostname('bookinfo', 'bookinfo-gateway-istio');
  expect(a).toMatch(/^a[0-9a-f]{32}-\d{10}\.us-east-1\.elb\.amazonaws\.com$/);
  expect(loadBalancerHostname('bookinfo', 'bookinfo-gateway-istio')).toBe(a);
  expect(loadBalancerHostname('shop', 'bookinfo-gateway-istio')).not.toBe(a);
});

describe.each(['mesh3', 'ambient'])('%s scenario: a Gateway of class istio', (scenario) => {
  let server;
  let k;
  beforeAll(async () => {
    server = await startServer(['--scenario', scenario, '--speed', '0.02']);
    k = client(server.url);
  });
  afterAll(() => server && server.stop());

  const getOk = async (path) => {
    const r = await k.get(path);
    return r.status === 200 ? r.body : undefined;
  };
  const GATEWAY = `${GW}/namespaces/bookinfo/gateways/bookinfo-gateway`;

  it('is deployed, given an address once its pod is ready, and Programmed', async () => {
    const rv = (await k.get(`${GW}/namespaces/bookinfo/gateways`)).body.metadata.resourceVersion;
    const watch = await httpWatch(
      `${server.url}${GW}/namespaces/bookinfo/gateways?watch=true&resourceVersion=${rv}`,
    );
    const created = await k.post(
      `${GW}/namespaces/bookinfo/gateways`,
      gateway('bookinfo-gateway', [
        {
          name: 'http',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'Same' } },
        },
        { name: 'http-alt', port: 80, protocol: 'HTTP', hostname: 'alt.example.com' },
        { name: 'listener-with-a-long-name', port: 8080, protocol: 'HTTP' },
      ]),
    );
    expect(created.status).toBe(201);
    const gw = await until(
      async () => {
        const g = await getOk(GATEWAY);
        return condition(g, 'Programmed')?.status === 'True' && g;
      },
      5000,
      'Gateway Programmed',
    );
    const hostname = loadBalancerHostname('bookinfo', 'bookinfo-gateway-istio');
    expect(gw.status.addresses).toEqual([{ type: 'Hostname', value: hostname }]);
    // Before its pod was ready: accepted, not programmed, no address.
    await until(
      () => watch.events.some((e) => condition(e.object, 'Programmed')?.status === 'True'),
      5000,
      'Programmed event',
    );
    await watch.close();
    const waiting = watch.events.find((e) => condition(e.object, 'Programmed')?.status === 'False');
    expect(condition(waiting.object, 'Programmed')).toMatchObject({
      reason: 'AddressNotAssigned',
    });
    expect(condition(waiting.object, 'Accepted').status).toBe('True');
    expect(waiting.object.status.addresses).toBeUndefined();
    expect(condition(gw, 'Accepted')).toMatchObject({ status: 'True', reason: 'Accepted' });
    expect(condition(gw, 'Programmed')).toMatchObject({
      reason: 'Programmed',
      observedGeneration: 1,
      message:
        'Resource programmed, assigned to service(s) bookinfo-gateway-istio.bookinfo.svc.cluster.local:80,8080',
    });
    expect(gw.status.listeners.map((l) => [l.name, l.attachedRoutes])).toEqual([
      ['http', 0],
      ['http-alt', 0],
      ['listener-with-a-long-name', 0],
    ]);
    expect(gw.status.listeners[0].supportedKinds).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' },
      { group: 'gateway.networking.k8s.io', kind: 'GRPCRoute' },
    ]);

    const svc = (await k.get('/api/v1/namespaces/bookinfo/services/bookinfo-gateway-istio')).body;
    expect(svc.spec.type).toBe('LoadBalancer');
    expect(svc.spec.selector).toEqual({
      'gateway.networking.k8s.io/gateway-name': 'bookinfo-gateway',
    });
    // One Service port per listener port, named after its first listener when that can be a
    // port name.
    expect(svc.spec.ports.map((p) => [p.name, p.port, p.appProtocol])).toEqual([
      ['status-port', 15021, 'tcp'],
      ['http', 80, 'http'],
      ['http-2', 8080, 'http'],
    ]);
    expect(svc.status.loadBalancer).toEqual({ ingress: [{ hostname }] });
    const dep = (
      await k.get('/apis/apps/v1/namespaces/bookinfo/deployments/bookinfo-gateway-istio')
    ).body;
    for (const o of [svc, dep]) {
      expect(o.metadata.labels).toMatchObject({
        'gateway.networking.k8s.io/gateway-name': 'bookinfo-gateway',
      });
      expect(o.metadata.ownerReferences).toEqual([
        expect.objectContaining({
          kind: 'Gateway',
          name: 'bookinfo-gateway',
          uid: gw.metadata.uid,
        }),
      ]);
    }
    expect(dep.status.readyReplicas).toBe(1);
    // The gateway is Envoy itself: no injected sidecar, not captured by ztunnel.
    const pods = (
      await k.get(
        '/api/v1/namespaces/bookinfo/pods?labelSelector=gateway.networking.k8s.io%2Fgateway-name%3Dbookinfo-gateway',
      )
    ).body.items;
    expect(pods).toHaveLength(1);
    expect(pods[0].spec.containers.map((c) => c.name)).toEqual(['istio-proxy']);
    expect(pods[0].spec.initContainers ?? []).toEqual([]);
    expect(pods[0].metadata.annotations?.['sidecar.istio.io/status']).toBeUndefined();
    expect(pods[0].metadata.annotations?.['ambient.istio.io/redirection']).toBeUndefined();
  });

  it('counts the routes each listener has attached, and accepts them', async () => {
    const posted = await Promise.all([
      k.post(
        `${GW}/namespaces/bookinfo/httproutes`,
        route('productpage-ingress', {
          parentRefs: [{ name: 'bookinfo-gateway' }],
          rules: toProductpage,
        }),
      ),
      // Only the listener it names, and only one whose hostname matches.
      k.post(
        `${GW}/namespaces/bookinfo/httproutes`,
        route('alt', {
          parentRefs: [{ name: 'bookinfo-gateway', sectionName: 'http-alt' }],
          hostnames: ['alt.example.com'],
          rules: toProductpage,
        }),
      ),
      k.post(
        `${GW}/namespaces/bookinfo/httproutes`,
        route('wrong-host', {
          parentRefs: [{ name: 'bookinfo-gateway', sectionName: 'http-alt' }],
          hostnames: ['other.example.com'],
          rules: toProductpage,
        }),
      ),
    ]);
    expect(posted.map((r) => r.status)).toEqual([201, 201, 201]);
    // Another namespace's route: listeners admit their own namespace's routes by default.
    await k.post('/api/v1/namespaces', { metadata: { name: 'shop' } });
    await k.post(
      `${GW}/namespaces/shop/httproutes`,
      route('cross', {
        parentRefs: [{ name: 'bookinfo-gateway', namespace: 'bookinfo' }],
        rules: [{ backendRefs: [{ name: 'productpage', namespace: 'bookinfo', port: 9080 }] }],
      }),
    );
    const gw = await until(
      async () => {
        const g = await getOk(GATEWAY);
        const counts = (g?.status?.listeners || []).map((l) => l.attachedRoutes);
        return counts.join() === '1,2,1' && g;
      },
      5000,
      'attached routes',
    );
    expect(gw.status.listeners.map((l) => [l.name, l.attachedRoutes])).toEqual([
      ['http', 1],
      ['http-alt', 2],
      ['listener-with-a-long-name', 1],
    ]);
    const r = await until(
      async () => {
        const x = await getOk(`${GW}/namespaces/bookinfo/httproutes/productpage-ingress`);
        return x?.status?.parents?.length && x;
      },
      5000,
      'route status',
    );
    expect(r.status.parents[0]).toMatchObject({
      parentRef: { name: 'bookinfo-gateway' },
      controllerName: 'istio.io/gateway-controller',
    });
    expect(condition(r.status.parents[0], 'Accepted').status).toBe('True');
    expect(condition(r.status.parents[0], 'ResolvedRefs').status).toBe('True');
  });

  it('collects the Deployment and Service with the Gateway', async () => {
    expect((await k.del(GATEWAY)).status).toBe(200);
    await until(
      async () =>
        (await k.get('/apis/apps/v1/namespaces/bookinfo/deployments/bookinfo-gateway-istio'))
          .status === 404 &&
        (await k.get('/api/v1/namespaces/bookinfo/services/bookinfo-gateway-istio')).status === 404,
      5000,
      'gateway collected',
    );
  });
});

describe('without a Ready Istio', () => {
  let server;
  let k;
  beforeAll(async () => {
    server = await startServer(['--scenario', 'empty', '--speed', '0.02']);
    k = client(server.url);
  });
  afterAll(() => server && server.stop());

  it('nothing deploys a Gateway of class istio: it waits for its controller', async () => {
    expect(
      (
        await k.post(
          `${GW}/namespaces/bookinfo/gateways`,
          gateway('bookinfo-gateway', [{ name: 'http', port: 80, protocol: 'HTTP' }]),
        )
      ).status,
    ).toBe(201);
    await new Promise((r) => setTimeout(r, 300));
    const gw = (await k.get(`${GW}/namespaces/bookinfo/gateways/bookinfo-gateway`)).body;
    expect(condition(gw, 'Programmed')).toMatchObject({ status: 'Unknown', reason: 'Pending' });
    expect(
      (await k.get('/apis/apps/v1/namespaces/bookinfo/deployments/bookinfo-gateway-istio')).status,
    ).toBe(404);
  });
});
