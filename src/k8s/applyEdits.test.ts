import { k8sCreate, k8sDelete, k8sUpdate } from '@openshift-console/dynamic-plugin-sdk';
import { validateIstioObject } from '../testing/istioSchemas';
import { applyEdits, WriteError } from './writes';

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
});
