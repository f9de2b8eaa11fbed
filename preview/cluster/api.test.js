'use strict';
// API semantics of the stand-in, exercised through real HTTP against the standalone server.
const { afterAll, beforeAll, describe, expect, it } = require('@jest/globals');
const { client, httpWatch, startServer, until, wsWatch } = require('./testing');

const PODS = '/api/v1/namespaces/bookinfo/pods';
const VS = '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices';
const CM = '/api/v1/namespaces/bookinfo/configmaps';

const vs = (name, extra = {}) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name, labels: { team: 'a' } },
  spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }] }] },
  ...extra,
});

let server;
let k;
beforeAll(async () => {
  server = await startServer(['--scenario', 'mesh3', '--speed', '0.05']);
  k = client(server.url);
});
afterAll(() => server && server.stop());

const names = (list) => list.items.map((o) => o.metadata.name).sort();

describe('discovery', () => {
  it('lists groups and resources of installed CRDs with verbs and short names', async () => {
    const groups = await k.get('/apis');
    expect(groups.body.kind).toBe('APIGroupList');
    const net = groups.body.groups.find((g) => g.name === 'networking.istio.io');
    expect(net.preferredVersion.version).toBe('v1');
    const rl = await k.get('/apis/networking.istio.io/v1');
    const vsr = rl.body.resources.find((r) => r.name === 'virtualservices');
    expect(vsr).toMatchObject({ kind: 'VirtualService', namespaced: true, shortNames: ['vs'] });
    expect(vsr.verbs).toEqual(expect.arrayContaining(['get', 'list', 'watch', 'patch']));
    const sail = await k.get('/apis/sailoperator.io/v1');
    expect(sail.body.resources.find((r) => r.name === 'istios').namespaced).toBe(false);
    expect(sail.body.resources.map((r) => r.name)).toContain('istios/status');
    const core = await k.get('/api/v1');
    expect(core.body.resources.find((r) => r.name === 'pods').shortNames).toEqual(['po']);
  });

  it('answers 404 with a Status for kinds whose CRD is absent', async () => {
    // mesh3 has no Maistra operator.
    const d = await k.get('/apis/maistra.io/v2');
    expect(d.status).toBe(404);
    const r = await k.get('/apis/maistra.io/v2/namespaces/istio-system/servicemeshcontrolplanes');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
    const groups = await k.get('/apis');
    expect(groups.body.groups.map((g) => g.name)).not.toContain('maistra.io');
  });
});

describe('list', () => {
  it('filters by label selectors', async () => {
    const sel = async (s) =>
      names((await k.get(`${PODS}?labelSelector=${encodeURIComponent(s)}`)).body);
    expect(await sel('app=reviews')).toHaveLength(3);
    expect(await sel('app==reviews,version=v2')).toHaveLength(1);
    expect(await sel('version in (v2,v3)')).toHaveLength(2);
    expect((await sel('app notin (reviews,ratings)')).map((n) => n.split('-')[0])).toEqual([
      'details',
      'productpage',
    ]);
    expect(await sel('version!=v1')).toHaveLength(2);
    expect(await sel('version')).toHaveLength(6);
    expect(await sel('!version')).toHaveLength(0);
    const bad = await k.get(`${PODS}?labelSelector=${encodeURIComponent('a in b')}`);
    expect(bad.status).toBe(400);
  });

  it('filters by field selectors and rejects unknown fields', async () => {
    const r = await k.get(
      `/api/v1/services?fieldSelector=metadata.namespace%3Dbookinfo,metadata.name%3Dratings`,
    );
    expect(names(r.body)).toEqual(['ratings']);
    const bad = await k.get(`${PODS}?fieldSelector=spec.bogus%3Dx`);
    expect(bad.status).toBe(400);
  });

  it('paginates with limit/continue at one list resourceVersion', async () => {
    const seen = [];
    let cont = '';
    let pages = 0;
    let rv;
    do {
      const r = await k.get(
        `${PODS}?limit=2${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`,
      );
      expect(r.body.items.length).toBeLessThanOrEqual(2);
      rv = rv || r.body.metadata.resourceVersion;
      expect(r.body.metadata.resourceVersion).toBe(rv);
      seen.push(...r.body.items.map((o) => o.metadata.name));
      cont = r.body.metadata.continue;
      pages++;
    } while (cont);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(6);
  });
});

describe('writes', () => {
  it('creates with metadata bookkeeping and generateName', async () => {
    const r = await k.post(CM, { metadata: { generateName: 'gen-' }, data: { a: '1' } });
    expect(r.status).toBe(201);
    expect(r.body.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
    expect(r.body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body.metadata.creationTimestamp).toBeTruthy();
    const again = await k.post(CM, { metadata: { name: r.body.metadata.name } });
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('AlreadyExists');
  });

  it('bumps generation on spec changes only and keeps status on main-resource writes', async () => {
    const c = await k.post(VS, vs('gen'));
    expect(c.body.metadata.generation).toBe(1);
    const rv1 = Number(c.body.metadata.resourceVersion);
    const l = await k.patch(`${VS}/gen`, { metadata: { labels: { x: 'y' } }, status: { a: 1 } });
    expect(l.body.metadata.generation).toBe(1);
    expect(l.body.status).toBeUndefined();
    expect(Number(l.body.metadata.resourceVersion)).toBeGreaterThan(rv1);
    const s = await k.patch(`${VS}/gen`, { spec: { hosts: ['ratings'] } });
    expect(s.body.metadata.generation).toBe(2);
    const st = await k.patch(`${VS}/gen/status`, { status: { observedGeneration: 2 } });
    expect(st.body.status).toEqual({ observedGeneration: 2 });
    expect(st.body.metadata.generation).toBe(2);
    // A no-op write does not move the resourceVersion.
    const same = await k.patch(`${VS}/gen`, { spec: { hosts: ['ratings'] } });
    expect(same.body.metadata.resourceVersion).toBe(st.body.metadata.resourceVersion);
  });

  it('rejects an update with a stale resourceVersion with 409 Conflict', async () => {
    const c = await k.post(CM, { metadata: { name: 'conflict' }, data: { a: '1' } });
    const ok = await k.put(`${CM}/conflict`, { ...c.body, data: { a: '2' } });
    expect(ok.status).toBe(200);
    const stale = await k.put(`${CM}/conflict`, { ...c.body, data: { a: '3' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ kind: 'Status', reason: 'Conflict', code: 409 });
    expect(stale.body.message).toContain('the object has been modified');
    expect((await k.get(`${CM}/conflict`)).body.data.a).toBe('2');
  });

  it('applies merge and JSON patches; a failing test op changes nothing (422)', async () => {
    await k.post(VS, vs('patchme'));
    const m = await k.patch(`${VS}/patchme`, { metadata: { labels: { team: null, owner: 'me' } } });
    expect(m.body.metadata.labels).toEqual({ owner: 'me' });
    const rv = m.body.metadata.resourceVersion;
    const j = await k.patch(
      `${VS}/patchme`,
      [
        { op: 'test', path: '/metadata/resourceVersion', value: rv },
        { op: 'add', path: '/spec/hosts/-', value: 'ratings' },
      ],
      'application/json-patch+json',
    );
    expect(j.status).toBe(200);
    expect(j.body.spec.hosts).toEqual(['reviews', 'ratings']);
    const failing = await k.patch(
      `${VS}/patchme`,
      [
        { op: 'test', path: '/metadata/resourceVersion', value: rv },
        { op: 'replace', path: '/spec/hosts', value: ['x'] },
      ],
      'application/json-patch+json',
    );
    expect(failing.status).toBe(422);
    expect(failing.body).toMatchObject({ kind: 'Status', reason: 'Invalid', code: 422 });
    expect((await k.get(`${VS}/patchme`)).body.spec.hosts).toEqual(['reviews', 'ratings']);
    // Custom resources do not accept strategic merge patch, as on a real API server.
    const smp = await k.patch(`${VS}/patchme`, {}, 'application/strategic-merge-patch+json');
    expect(smp.status).toBe(415);
  });

  it('persists nothing on dryRun=All', async () => {
    const before = (await k.get(CM)).body.metadata.resourceVersion;
    const c = await k.post(`${CM}?dryRun=All`, { metadata: { name: 'dry' }, data: { a: '1' } });
    expect(c.status).toBe(201);
    expect(c.body.metadata.name).toBe('dry');
    expect((await k.get(`${CM}/dry`)).status).toBe(404);
    await k.post(CM, { metadata: { name: 'wet' }, data: { a: '1' } });
    const mid = (await k.get(CM)).body.metadata.resourceVersion;
    expect(Number(mid)).toBeGreaterThan(Number(before));
    const p = await k.patch(`${CM}/wet?dryRun=All`, { data: { a: '2' } });
    expect(p.body.data.a).toBe('2');
    const d = await k.del(`${CM}/wet?dryRun=All`);
    expect(d.status).toBe(200);
    const after = await k.get(`${CM}/wet`);
    expect(after.body.data.a).toBe('1');
    expect((await k.get(CM)).body.metadata.resourceVersion).toBe(mid);
  });

  it('answers 422 Invalid naming the bad field of an Istio object', async () => {
    const r = await k.post(VS, { ...vs('bad'), spec: { hosts: 'reviews' } });
    expect(r.status).toBe(422);
    expect(r.body.reason).toBe('Invalid');
    expect(r.body.details.causes[0].field).toBe('spec.hosts');
    expect(r.body.message).toContain('spec.hosts');
    const nested = await k.post(VS, {
      ...vs('bad2'),
      spec: { hosts: ['r'], http: [{ route: [{ destination: {} }] }] },
    });
    expect(nested.body.details.causes[0].field).toBe('spec.http[0].route[0].destination.host');
    // Sail kinds are validated against their CRD schema.
    const istio = await k.post('/apis/sailoperator.io/v1/istios', {
      metadata: { name: 'bad' },
      spec: { version: 'v0.1' },
    });
    expect(istio.status).toBe(422);
    expect(istio.body.details.causes[0]).toMatchObject({
      field: 'spec.version',
      reason: 'FieldValueNotSupported',
    });
  });
});

describe('watch', () => {
  it('streams chunked events after the list resourceVersion, honouring selectors', async () => {
    const rv = (await k.get(`${CM}?limit=250`)).body.metadata.resourceVersion;
    const w = await httpWatch(
      `${server.url}${CM}?watch=true&resourceVersion=${rv}&labelSelector=w%3Dyes`,
    );
    expect(w.status).toBe(200);
    await k.post(CM, { metadata: { name: 'w-other', labels: { w: 'no' } } });
    await k.post(CM, { metadata: { name: 'w-match', labels: { w: 'yes' } } });
    await k.patch(`${CM}/w-match`, { data: { a: '1' } });
    await k.patch(`${CM}/w-match`, { metadata: { labels: { w: 'gone' } } });
    await until(() => w.events.length >= 3, 3000, 'watch events');
    await w.close();
    expect(w.events.map((e) => [e.type, e.object.metadata.name])).toEqual([
      ['ADDED', 'w-match'],
      ['MODIFIED', 'w-match'],
      // Leaving the selection is a DELETED for this watcher, as on the API server.
      ['DELETED', 'w-match'],
    ]);
  });

  it('serves WebSocket watches, selecting the first offered subprotocol', async () => {
    const rv = (await k.get(`${VS}?limit=250`)).body.metadata.resourceVersion;
    const url = `${server.url.replace('http', 'ws')}${VS}?watch=true&resourceVersion=${rv}`;
    const protocols = ['base64url.bearer.authorization.k8s.io.dG9rZW4', 'base64.binary.k8s.io'];
    const w = await wsWatch(url, protocols);
    expect(w.protocol).toBe(protocols[0]);
    await k.post(VS, vs('ws-1'));
    await k.del(`${VS}/ws-1`);
    await until(() => w.events.length >= 2, 3000, 'ws events');
    w.ws.close();
    expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
    expect(w.events[0].object.apiVersion).toBe('networking.istio.io/v1');
  });

  it('replays from a resourceVersion inside the history', async () => {
    const c = await k.post(CM, { metadata: { name: 'replay' } });
    const rv = Number(c.body.metadata.resourceVersion) - 1;
    const w = await httpWatch(`${server.url}${CM}?watch=true&resourceVersion=${rv}`);
    await until(() => w.events.length >= 1, 3000, 'replayed event');
    await w.close();
    expect(w.events[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'replay' } } });
  });
});

describe('410 Gone', () => {
  let small;
  beforeAll(async () => {
    small = await startServer(['--scenario', 'empty', '--history', '20']);
  });
  afterAll(() => small && small.stop());

  it('sends an ERROR event with a 410 Status for a compacted resourceVersion', async () => {
    const w = await httpWatch(`${small.url}${PODS}?watch=true&resourceVersion=1001`);
    await until(() => w.events.length >= 1, 3000, '410 event');
    await w.close();
    expect(w.events[0].type).toBe('ERROR');
    expect(w.events[0].object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    expect(w.events[0].object.message).toMatch(/too old resource version/);
    // Over WebSocket too.
    const ws = await wsWatch(
      `${small.url.replace('http', 'ws')}${PODS}?watch=true&resourceVersion=1001`,
    );
    await until(() => ws.events.length >= 1, 3000, 'ws 410');
    expect(ws.events[0].object.code).toBe(410);
    ws.ws.close();
  });
});

describe('authorization', () => {
  const ssar = (attrs, headers) =>
    k.post(
      '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: attrs },
      },
      headers,
    );
  const dev = { 'Impersonate-User': 'developer' };

  it('answers SelfSubjectAccessReviews for admin and developer', async () => {
    const create = {
      verb: 'create',
      group: 'operators.coreos.com',
      resource: 'subscriptions',
      namespace: 'openshift-operators',
    };
    expect((await ssar(create)).body.status.allowed).toBe(true);
    expect((await ssar(create, dev)).body.status.allowed).toBe(false);
    const read = { verb: 'list', group: '', resource: 'pods', namespace: 'bookinfo' };
    expect((await ssar(read, dev)).body.status.allowed).toBe(true);
    const other = { verb: 'list', group: '', resource: 'pods', namespace: 'istio-system' };
    expect((await ssar(other, dev)).body.status.allowed).toBe(false);
  });

  it('forbids the developer outside bookinfo with the API server message', async () => {
    const ns = await k.get('/api/v1/namespaces', dev);
    expect(ns.status).toBe(403);
    expect(ns.body).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403 });
    expect(ns.body.message).toBe(
      'namespaces is forbidden: User "developer" cannot list resource "namespaces" in API group "" at the cluster scope',
    );
    expect((await k.get(PODS, dev)).status).toBe(200);
    const write = await k.post(CM, { metadata: { name: 'nope' } }, dev);
    expect(write.status).toBe(403);
    expect(write.body.message).toContain('cannot create resource "configmaps"');
  });
});
