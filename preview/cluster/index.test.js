'use strict';
// The in-process interface the preview server mounts: createCluster + handleRequest/
// handleUpgrade with the Kubernetes path passed separately from the console's URL.
const http = require('http');
const { afterAll, beforeAll, expect, it } = require('@jest/globals');
const { createCluster } = require('./index');
const { client, until, wsWatch } = require('./testing');

const PREFIX = '/api/kubernetes';
let cluster;
let server;
let base;

beforeAll(async () => {
  cluster = await createCluster({ scenario: 'mesh3', user: 'developer', speed: 0.02 });
  server = http.createServer((req, res) => {
    if (!req.url.startsWith(PREFIX)) {
      res.writeHead(404);
      res.end();
      return;
    }
    cluster.handleRequest(req, res, req.url.slice(PREFIX.length));
  });
  server.on('upgrade', (req, socket, head) =>
    cluster.handleUpgrade(req, socket, head, req.url.slice(PREFIX.length)),
  );
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
});

afterAll(async () => {
  cluster.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

it('serves the API under a mount prefix as the configured user', async () => {
  const k = client(base);
  const pods = await k.get('/api/v1/namespaces/bookinfo/pods?limit=250');
  expect(pods.status).toBe(200);
  expect(pods.body.items).toHaveLength(6);
  // The developer may not list namespaces; the admin may.
  expect((await k.get('/api/v1/namespaces')).status).toBe(403);
  cluster.setUser('admin');
  expect((await k.get('/api/v1/namespaces')).status).toBe(200);
  // Istio schemas (an ESM-only package) load in-process too.
  const bad = await k.post('/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices', {
    metadata: { name: 'bad' },
    spec: { hosts: 'reviews' },
  });
  expect(bad.status).toBe(422);
  expect(bad.body.details.causes[0].field).toBe('spec.hosts');
  // Impersonation arrives as WebSocket subprotocols from the console.
  const user = Buffer.from('developer').toString('base64url');
  const rv = pods.body.metadata.resourceVersion;
  const denied = wsWatch(
    `${base.replace('http', 'ws')}/api/v1/namespaces?watch=true&resourceVersion=${rv}`,
    [`Impersonate-User.${user}`],
  );
  await expect(denied).rejects.toThrow('403');
  const w = await wsWatch(
    `${base.replace('http', 'ws')}/api/v1/namespaces/bookinfo/configmaps?watch=true&resourceVersion=${rv}`,
    [`Impersonate-User.${user}`, 'base64.binary.k8s.io'],
  );
  expect(w.protocol).toBe(`Impersonate-User.${user}`);
  await k.post('/api/v1/namespaces/bookinfo/configmaps', { metadata: { name: 'x' } });
  await until(() => w.events.length === 1, 3000, 'event');
  expect(w.events[0]).toMatchObject({ type: 'ADDED', object: { kind: 'ConfigMap' } });
  w.ws.close();
});
