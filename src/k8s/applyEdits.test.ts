import { k8sCreate, k8sDelete, k8sUpdate } from '@openshift-console/dynamic-plugin-sdk';
import { removal } from '../mesh/forms/editPlan';
import { validateIstioObject } from '../testing/istioSchemas';
import { applyEdits, recreatable, WriteError } from './writes';

const dr = (rv: string, subsets: string[]) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: {
    name: 'reviews',
    namespace: 'bookinfo',
    resourceVersion: rv,
    labels: { team: 'books' },
  },
  spec: { host: 'reviews', subsets: subsets.map((s) => ({ name: s, labels: { version: s } })) },
});
const vs = (rv: string | undefined, weights: Record<string, number>) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'bookinfo', ...(rv ? { resourceVersion: rv } : {}) },
  spec: {
    hosts: ['reviews'],
    http: [
      {
        route: Object.entries(weights).map(([subset, weight]) => ({
          destination: { host: 'reviews', subset },
          weight,
        })),
      },
    ],
  },
});
const conflict = () =>
  Object.assign(new Error('Conflict'), {
    code: 409,
    json: {
      kind: 'Status',
      code: 409,
      reason: 'Conflict',
      message: 'the object has been modified',
    },
  });

describe('applyEdits', () => {
  beforeEach(() => {
    (k8sUpdate as jest.Mock).mockImplementation(async ({ data }) => ({
      ...data,
      metadata: {
        ...data.metadata,
        resourceVersion: String(Number(data.metadata.resourceVersion) + 1),
      },
    }));
    (k8sCreate as jest.Mock).mockImplementation(async ({ data }) => ({
      ...data,
      metadata: { ...data.metadata, resourceVersion: '1' },
    }));
    (k8sDelete as jest.Mock).mockImplementation(async ({ resource }) => resource);
  });

  it('dry-runs everything, then writes in the given order: subsets before the route that uses them', async () => {
    const edits = [
      { before: dr('10', ['v1']), after: dr('10', ['v1', 'v3']) },
      { after: vs(undefined, { v1: 90, v3: 10 }) },
    ];
    edits.forEach((e) => validateIstioObject(e.after));
    await applyEdits(edits);
    const calls = [
      ...(k8sUpdate as jest.Mock).mock.invocationCallOrder.map((o, i) => ({
        o,
        c: `update ${(k8sUpdate as jest.Mock).mock.calls[i][0].queryParams ? 'dry' : 'real'}`,
      })),
      ...(k8sCreate as jest.Mock).mock.invocationCallOrder.map((o, i) => ({
        o,
        c: `create ${(k8sCreate as jest.Mock).mock.calls[i][0].queryParams ? 'dry' : 'real'}`,
      })),
    ]
      .sort((a, b) => a.o - b.o)
      .map((x) => x.c);
    expect(calls).toEqual(['update dry', 'create dry', 'update real', 'create real']);
    expect((k8sUpdate as jest.Mock).mock.calls[1][0].data.metadata.resourceVersion).toBe('10');
  });

  it('updates at the version the form read, so a change made meanwhile is a conflict, not an overwrite', async () => {
    (k8sUpdate as jest.Mock).mockImplementation(async ({ queryParams }) => {
      if (!queryParams) throw conflict();
      return {};
    });
    const before = dr('10', ['v1']);
    // The edited copy must not be able to smuggle in a newer resourceVersion.
    const after = { ...dr('11', ['v1', 'v3']) };
    const error = await applyEdits([{ before, after }]).catch((e) => e);
    expect(error).toBeInstanceOf(WriteError);
    expect(error.reason).toBe('conflict');
    expect(error.message).toMatch(/changed since you opened it/);
    expect((k8sUpdate as jest.Mock).mock.calls[1][0].data.metadata.resourceVersion).toBe('10');
  });

  it('writes nothing when a dry-run is refused', async () => {
    (k8sCreate as jest.Mock).mockRejectedValueOnce(
      Object.assign(new Error('invalid'), {
        code: 422,
        json: {
          kind: 'Status',
          code: 422,
          reason: 'Invalid',
          message:
            'admission webhook "validation.istio.io" denied the request: weight must be non-negative',
        },
      }),
    );
    await expect(
      applyEdits([
        { before: dr('10', ['v1']), after: dr('10', ['v1', 'v3']) },
        { after: vs(undefined, { v1: -1 }) },
      ]),
    ).rejects.toThrow(/weight must be non-negative/);
    expect(
      (k8sUpdate as jest.Mock).mock.calls.every(([o]) => o.queryParams?.dryRun === 'All'),
    ).toBe(true);
    expect(
      (k8sCreate as jest.Mock).mock.calls.every(([o]) => o.queryParams?.dryRun === 'All'),
    ).toBe(true);
  });

  it('puts an earlier update back when a later write fails', async () => {
    (k8sCreate as jest.Mock).mockImplementation(async ({ queryParams }) => {
      if (!queryParams)
        throw Object.assign(new Error('boom'), {
          code: 500,
          json: { kind: 'Status', code: 500, message: 'etcd timeout' },
        });
      return {};
    });
    const before = dr('10', ['v1']);
    const error = await applyEdits([
      { before, after: dr('10', ['v1', 'v3']) },
      { after: vs(undefined, { v1: 90, v3: 10 }) },
    ]).catch((e) => e);
    expect(error.rolledBack).toEqual(['DestinationRule bookinfo/reviews']);
    const restore = (k8sUpdate as jest.Mock).mock.calls.at(-1)[0];
    expect(restore.data.spec).toEqual(before.spec);
    expect(restore.data.metadata).toEqual({ ...before.metadata, resourceVersion: '11' });
  });
  describe('with removals', () => {
    // As read from the cluster: what the server set is there and must not be sent back.
    const stored = () => ({
      ...vs('20', { v1: 90, v3: 10 }),
      metadata: {
        ...vs('20', {}).metadata,
        uid: 'uid-vs',
        creationTimestamp: '2026-01-01T00:00:00Z',
        generation: 3,
        managedFields: [{ manager: 'kubectl', operation: 'Update' }],
        labels: { team: 'books' },
      },
    });
    const order = () =>
      [
        ...(['k8sUpdate', 'k8sCreate', 'k8sDelete'] as const).flatMap((name) => {
          const fn = { k8sUpdate, k8sCreate, k8sDelete }[name] as jest.Mock;
          const verb = name.slice(3).toLowerCase();
          return fn.mock.invocationCallOrder.map((o, i) => ({
            o,
            c: `${verb} ${fn.mock.calls[i][0].queryParams ? 'dry' : 'real'}`,
          }));
        }),
      ]
        .sort((a, b) => a.o - b.o)
        .map((x) => x.c);

    it('dry-runs the delete of the version read (uid and resourceVersion), then writes in order', async () => {
      await applyEdits([removal(stored()), { before: dr('10', ['v1']), after: dr('10', []) }]);
      expect(order()).toEqual(['delete dry', 'update dry', 'delete real', 'update real']);
      const [dry, real] = (k8sDelete as jest.Mock).mock.calls.map((c) => c[0]);
      expect(dry.queryParams).toEqual({ dryRun: 'All' });
      expect(real.queryParams).toBeUndefined();
      for (const call of [dry, real]) {
        expect(call.resource.metadata.name).toBe('reviews');
        expect(call.json).toEqual({
          kind: 'DeleteOptions',
          apiVersion: 'v1',
          preconditions: { uid: 'uid-vs', resourceVersion: '20' },
        });
      }
    });

    it('deletes nothing when the dry-run delete is refused as stale', async () => {
      (k8sDelete as jest.Mock).mockRejectedValueOnce(conflict());
      const error = await applyEdits([
        { before: dr('10', ['v1']), after: dr('10', ['v1', 'v3']) },
        removal(stored()),
      ]).catch((e) => e);
      expect(error).toBeInstanceOf(WriteError);
      expect(error.reason).toBe('conflict');
      expect(error.target).toBe('VirtualService bookinfo/reviews');
      expect(order()).toEqual(['update dry', 'delete dry']);
    });

    it('re-creates a deleted object from what was read when a later write fails', async () => {
      (k8sUpdate as jest.Mock).mockImplementation(async ({ queryParams }) => {
        if (!queryParams)
          throw Object.assign(new Error('boom'), {
            code: 500,
            json: { kind: 'Status', code: 500, message: 'etcd timeout' },
          });
        return {};
      });
      const before = stored();
      const error = await applyEdits([
        removal(before),
        { before: dr('10', ['v1', 'v3']), after: dr('10', ['v1']) },
      ]).catch((e) => e);
      expect(error.message).toMatch(/etcd timeout/);
      expect(error.rolledBack).toEqual(['VirtualService bookinfo/reviews']);
      expect(order()).toEqual([
        'delete dry',
        'update dry',
        'delete real',
        'update real',
        'create real',
      ]);
      const recreated = (k8sCreate as jest.Mock).mock.calls.at(-1)[0].data;
      expect(recreated.spec).toEqual(before.spec);
      expect(recreated.metadata).toEqual({
        name: 'reviews',
        namespace: 'bookinfo',
        labels: { team: 'books' },
      });
      validateIstioObject(recreated);
    });

    it('puts back an update and re-creates a deletion, newest first, when the last write fails', async () => {
      (k8sCreate as jest.Mock).mockImplementation(async ({ data, queryParams }) => {
        if (!queryParams && data.kind === 'Sidecar') throw conflict();
        return { ...data, metadata: { ...data.metadata, resourceVersion: '1' } };
      });
      const sidecar = { ...vs(undefined, {}), kind: 'Sidecar', spec: {} };
      const error = await applyEdits([
        { before: dr('10', ['v1']), after: dr('10', ['v1', 'v3']) },
        removal(stored()),
        { after: sidecar },
      ]).catch((e) => e);
      expect(error.reason).toBe('conflict');
      expect(error.rolledBack).toEqual([
        'VirtualService bookinfo/reviews',
        'DestinationRule bookinfo/reviews',
      ]);
      expect(order().slice(-2)).toEqual(['create real', 'update real']);
    });
  });

  it('recreatable drops only what the server sets', () => {
    expect(
      recreatable({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'x',
          namespace: 'y',
          uid: 'u',
          resourceVersion: '5',
          creationTimestamp: 'now',
          annotations: { a: 'b' },
        },
      }),
    ).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', namespace: 'y', annotations: { a: 'b' } },
    });
  });
});
