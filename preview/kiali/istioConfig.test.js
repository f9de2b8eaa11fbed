'use strict';
// The stand-in Kiali's Istio config list: Kiali's JSON shape, its checks as recorded on the
// scenario's objects, gone once the object changes, and the user's namespaces only.
const { afterAll, afterEach, beforeAll, describe, expect, it } = require('@jest/globals');
const { startKialiPreview } = require('./testing');

describe('in the mesh3-broken scenario', () => {
  let t;
  beforeAll(async () => {
    t = await startKialiPreview({ scenario: 'mesh3-broken' });
  });
  afterAll(() => t.close());
  afterEach(() => t.preview.backend.setUser('admin'));

  it('lists objects under Kiali’s kind keys and validations keyed name.namespace', async () => {
    const { status, body } = await t.kiali('/api/istio/config', { validate: 'true' });
    expect(status).toBe(200);
    const gw = 'networking.istio.io/v1, Kind=Gateway';
    expect(body.resources[gw].map((o) => o.metadata.name).sort()).toEqual(['shop-a', 'shop-b']);
    expect(body.validations[gw]['shop-a.bookinfo']).toEqual({
      name: 'shop-a',
      namespace: 'bookinfo',
      cluster: 'Kubernetes',
      objectGVK: { Group: 'networking.istio.io', Version: 'v1', Kind: 'Gateway' },
      valid: true,
      checks: [
        {
          code: 'KIA0301',
          message: 'More than one Gateway for the same host port combination',
          severity: 'warning',
          path: 'spec/servers[0]',
        },
        {
          code: 'KIA0302',
          message: 'No matching workload found for gateway selector in this namespace',
          severity: 'warning',
          path: 'spec/selector',
        },
      ],
      references: [],
    });
    // An object nobody recorded checks for: validated, nothing found.
    const vs = 'networking.istio.io/v1, Kind=VirtualService';
    expect(body.validations[vs]['productpage.bookinfo']).toMatchObject({ valid: true, checks: [] });
    expect(body.validations[vs]['ratings.bookinfo'].checks.map((c) => c.code)).toEqual(['KIA1107']);
  });

  it('leaves validations out unless asked, and refuses a parameter Kiali does not take', async () => {
    const plain = await t.kiali('/api/istio/config');
    expect(plain.status).toBe(200);
    expect(plain.body.validations).toBeUndefined();
    const bad = await t.kiali('/api/istio/config', { validate: 'true', namespaces: 'bookinfo' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: "unsupported query parameter 'namespaces'" });
  });

  it('per namespace: only that namespace, and 403 for one the user may not read', async () => {
    const { body } = await t.kiali('/api/namespaces/bookinfo/istio', { validate: 'true' });
    const all = Object.values(body.resources).flat();
    expect(all.length).toBeGreaterThan(0);
    expect(new Set(all.map((o) => o.metadata.namespace))).toEqual(new Set(['bookinfo']));
    t.preview.backend.setUser('developer');
    const denied = await t.kiali('/api/namespaces/istio-system/istio', { validate: 'true' });
    expect(denied.status).toBe(403);
  });

  it('says nothing stale: a changed object has no recorded checks any more', async () => {
    const path = '/apis/networking.istio.io/v1/namespaces/bookinfo/gateways/shop-b';
    const before = await t.k8s('GET', path);
    const changed = {
      ...before.body,
      spec: {
        ...before.body.spec,
        servers: [{ ...before.body.spec.servers[0], hosts: ['b.example.com'] }],
      },
    };
    expect((await t.k8s('PUT', path, changed)).status).toBe(200);
    const { body } = await t.kiali('/api/istio/config', { validate: 'true' });
    const gw = body.validations['networking.istio.io/v1, Kind=Gateway'];
    expect(gw['shop-b.bookinfo'].checks).toEqual([]);
    // The other Gateway's recording is about its own spec, which did not change.
    expect(gw['shop-a.bookinfo'].checks).toHaveLength(2);
  });
});
