import { k8sCreate, k8sDelete, k8sPatch, k8sUpdate } from '@openshift-console/dynamic-plugin-sdk';
import {
  apiVersionOf,
  atVersion,
  DestinationRuleModel,
  NamespaceModel,
  PeerAuthenticationModel,
  VirtualServiceModel,
} from '../models';
import type {
  DestinationRule,
  K8sModel,
  K8sResourceCommon,
  Namespace,
  PeerAuthentication,
  VirtualService,
} from '../models';
import { validateIstioObject } from '../testing/istioSchemas';
import type { ApiStatus } from './errors';
import {
  applyObjects,
  createResource,
  deleteResource,
  patchResource,
  translateWriteError,
  updateResource,
  WriteError,
} from './writes';
import type { ApplyProgress } from './writes';

const create = jest.mocked(k8sCreate);
const update = jest.mocked(k8sUpdate);
const patch = jest.mocked(k8sPatch);
const remove = jest.mocked(k8sDelete);

// ---------------------------------------------------------------------------------------------
// A small stand-in API server behind the mocked SDK functions: it stores objects, assigns
// uid/resourceVersion, honours dryRun, resourceVersion conflicts, JSON-patch `test` ops and
// delete preconditions, and answers failures with the Status bodies Kubernetes sends.

/** What the SDK's HttpError carries: `code`, the Status body as `json`, and its message. */
const httpError = (code: number, status: ApiStatus) =>
  Object.assign(new Error(status.message), {
    code,
    json: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, ...status },
  });

type Verb = 'create' | 'update' | 'patch' | 'delete';
type Request = { verb: Verb; key: string; dryRun: boolean; body: unknown };

const keyOf = (model: K8sModel, obj: K8sResourceCommon) =>
  [model.kind, obj.metadata?.namespace, obj.metadata?.name].filter(Boolean).join('/');

const clone = <T>(o: T): T => JSON.parse(JSON.stringify(o));

const pointer = (path: string) =>
  path
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));

const getAt = (obj: unknown, path: string): unknown =>
  pointer(path).reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);

const setAt = (obj: Record<string, unknown>, path: string, value: unknown) => {
  const keys = pointer(path);
  const last = keys.pop()!;
  let o = obj;
  for (const k of keys) o = (o[k] ??= {}) as Record<string, unknown>;
  o[last] = value;
};

const fakeCluster = (seed: { model: K8sModel; obj: K8sResourceCommon }[] = []) => {
  const store = new Map<string, K8sResourceCommon>();
  const log: Request[] = [];
  const rejections: {
    verb: Verb;
    key: string;
    dryRun?: boolean;
    error: Error;
    times: number;
  }[] = [];
  let version = 1000;
  let uid = 0;

  const persist = (model: K8sModel, obj: K8sResourceCommon) => {
    const stored = clone(obj);
    stored.metadata = { ...stored.metadata, resourceVersion: String(++version) };
    store.set(keyOf(model, stored), stored);
    return clone(stored);
  };
  for (const { model, obj } of seed) {
    persist(model, { ...obj, metadata: { ...obj.metadata, uid: `seed-${++uid}` } });
  }

  const enter = (
    verb: Verb,
    model: K8sModel,
    obj: K8sResourceCommon,
    q: unknown,
    body: unknown,
  ) => {
    const dryRun = (q as { dryRun?: string } | undefined)?.dryRun === 'All';
    const key = keyOf(model, obj);
    log.push({ verb, key, dryRun, body: clone(body) });
    const rule = rejections.find(
      (r) => r.verb === verb && r.key === key && r.times > 0 && (r.dryRun ?? dryRun) === dryRun,
    );
    if (rule) {
      rule.times -= 1;
      throw rule.error;
    }
    return { key, dryRun };
  };

  const notFound = (model: K8sModel, name?: string) =>
    httpError(404, {
      reason: 'NotFound',
      message: `${model.plural} "${name}" not found`,
      details: { name, kind: model.plural },
    });

  create.mockImplementation(async ({ model, data, queryParams }) => {
    const { key, dryRun } = enter('create', model, data, queryParams, data);
    const ns = data.metadata?.namespace;
    if (model.namespaced && !store.has(`Namespace/${ns}`)) throw notFound(NamespaceModel, ns);
    if (store.has(key)) {
      throw httpError(409, {
        reason: 'AlreadyExists',
        message: `${model.plural} "${data.metadata?.name}" already exists`,
        details: { name: data.metadata?.name, kind: model.plural },
      });
    }
    const obj = { ...clone(data), metadata: { ...data.metadata, uid: `uid-${++uid}` } };
    return dryRun ? obj : persist(model, obj);
  });

  update.mockImplementation(async ({ model, data, queryParams }) => {
    const { key, dryRun } = enter('update', model, data, queryParams, data);
    const current = store.get(key);
    if (!current) throw notFound(model, data.metadata?.name);
    if (current.metadata?.resourceVersion !== data.metadata?.resourceVersion) {
      throw httpError(409, {
        reason: 'Conflict',
        message: `Operation cannot be fulfilled on ${model.plural} "${data.metadata?.name}": the object has been modified; please apply your changes to the latest version and try again`,
      });
    }
    return dryRun ? clone(data) : persist(model, data);
  });

  patch.mockImplementation(async ({ model, resource, data, queryParams }) => {
    const { key, dryRun } = enter('patch', model, resource, queryParams, data);
    const current = store.get(key);
    if (!current) throw notFound(model, resource.metadata?.name);
    const next = clone(current) as unknown as Record<string, unknown>;
    for (const op of data) {
      if (op.op === 'test') {
        if (JSON.stringify(getAt(next, op.path)) !== JSON.stringify(op.value)) {
          // What kube-apiserver answers when a JSON patch does not apply (patch.go).
          throw httpError(422, {
            reason: 'Invalid',
            message: 'the server rejected our request due to an error in our request',
            details: {
              causes: [
                {
                  reason: 'UnexpectedServerResponse',
                  message: `testing value ${op.path} failed: test failed`,
                },
              ],
            },
          });
        }
      } else {
        setAt(next, op.path, op.value);
      }
    }
    return dryRun ? (next as K8sResourceCommon) : persist(model, next as K8sResourceCommon);
  });

  remove.mockImplementation(async ({ model, resource, json }) => {
    const { key } = enter('delete', model, resource, undefined, json);
    const current = store.get(key);
    if (!current) throw notFound(model, resource.metadata?.name);
    const wantedUid = (json as { preconditions?: { uid?: string } } | undefined)?.preconditions
      ?.uid;
    if (wantedUid && wantedUid !== current.metadata?.uid) {
      throw httpError(409, { reason: 'Conflict', message: 'Precondition failed: UID mismatch' });
    }
    store.delete(key);
    return current;
  });

  return {
    store,
    log,
    /** Who did what, in order: "create VirtualService/bookinfo/reviews (dry-run)". */
    trail: () => log.map((r) => `${r.verb} ${r.key}${r.dryRun ? ' (dry-run)' : ''}`),
    writes: () => log.filter((r) => !r.dryRun),
    reject: (
      verb: Verb,
      key: string,
      error: Error,
      opts: { dryRun?: boolean; times?: number } = {},
    ) => rejections.push({ verb, key, error, dryRun: opts.dryRun, times: opts.times ?? 99 }),
    /** Someone else edits the object (a new resourceVersion). */
    touch: (model: K8sModel, obj: K8sResourceCommon) => {
      const current = store.get(keyOf(model, obj))!;
      return persist(model, {
        ...current,
        metadata: { ...current.metadata, labels: { touched: 'yes' } },
      });
    },
  };
};

// ---------------------------------------------------------------------------------------------
// Objects as the wizards build them.

const namespace = (name: string): Namespace => ({
  apiVersion: apiVersionOf(NamespaceModel),
  kind: 'Namespace',
  metadata: { name },
});

const reviewsVS = (ns = 'bookinfo'): VirtualService => ({
  apiVersion: apiVersionOf(VirtualServiceModel),
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: ns },
  spec: {
    hosts: ['reviews'],
    http: [
      {
        route: [
          { destination: { host: 'reviews', subset: 'v1' }, weight: 90 },
          { destination: { host: 'reviews', subset: 'v2' }, weight: 10 },
        ],
      },
    ],
  },
});

const reviewsDR = (ns = 'bookinfo'): DestinationRule => ({
  apiVersion: apiVersionOf(DestinationRuleModel),
  kind: 'DestinationRule',
  metadata: { name: 'reviews', namespace: ns },
  spec: {
    host: 'reviews',
    subsets: [
      { name: 'v1', labels: { version: 'v1' } },
      { name: 'v2', labels: { version: 'v2' } },
    ],
  },
});

// Service Mesh 2.6 serves PeerAuthentication only as v1beta1.
const strictMtls = (ns: string): PeerAuthentication => ({
  apiVersion: apiVersionOf(atVersion(PeerAuthenticationModel, 'v1beta1')),
  kind: 'PeerAuthentication',
  metadata: { name: 'default', namespace: ns },
  spec: { mtls: { mode: 'STRICT' } },
});

const webhookDenied = httpError(400, {
  reason: 'BadRequest',
  message:
    'admission webhook "validation.istio.io" denied the request: configuration is invalid: total destination weight 110 != 100',
});

describe('the objects these tests write', () => {
  it('are valid Istio objects by the published CRD schemas', () => {
    for (const obj of [reviewsVS(), reviewsDR(), strictMtls('bookinfo')]) {
      expect(() => validateIstioObject(obj)).not.toThrow();
    }
  });
});

describe('createResource', () => {
  it('dry-runs on the server with the same payload before the real create', async () => {
    const cluster = fakeCluster([{ model: NamespaceModel, obj: namespace('bookinfo') }]);
    const vs = reviewsVS();
    const created = await createResource({ model: VirtualServiceModel, data: vs });

    expect(cluster.trail()).toEqual([
      'create VirtualService/bookinfo/reviews (dry-run)',
      'create VirtualService/bookinfo/reviews',
    ]);
    expect(cluster.log[0].body).toEqual(cluster.log[1].body);
    expect(cluster.log[1].body).toEqual(vs);
    expect(create.mock.calls[0][0].queryParams).toEqual({ dryRun: 'All' });
    expect(create.mock.calls[1][0].queryParams).toBeUndefined();
    expect(created.metadata?.uid).toBeTruthy();
    expect(cluster.store.has('VirtualService/bookinfo/reviews')).toBe(true);
  });

  it('writes nothing when the dry-run is rejected, and shows the webhook’s reason', async () => {
    const cluster = fakeCluster([{ model: NamespaceModel, obj: namespace('bookinfo') }]);
    cluster.reject('create', 'VirtualService/bookinfo/reviews', webhookDenied, { dryRun: true });

    const error = await createResource({ model: VirtualServiceModel, data: reviewsVS() }).catch(
      (e: unknown) => e,
    );

    expect(cluster.writes()).toEqual([]);
    expect(cluster.store.has('VirtualService/bookinfo/reviews')).toBe(false);
    expect(error).toBeInstanceOf(WriteError);
    expect(error).toMatchObject({ reason: 'invalid', status: 400 });
    expect((error as WriteError).message).toBe(
      'VirtualService bookinfo/reviews was rejected: admission webhook "validation.istio.io" denied the request: configuration is invalid: total destination weight 110 != 100',
    );
  });

  it('can skip the dry-run when the caller has just done one', async () => {
    const cluster = fakeCluster([{ model: NamespaceModel, obj: namespace('bookinfo') }]);
    await createResource({ model: VirtualServiceModel, data: reviewsVS(), dryRunFirst: false });
    expect(cluster.trail()).toEqual(['create VirtualService/bookinfo/reviews']);
  });

  it('says the object exists when the name is taken', async () => {
    fakeCluster([
      { model: NamespaceModel, obj: namespace('bookinfo') },
      { model: VirtualServiceModel, obj: reviewsVS() },
    ]);
    await expect(
      createResource({ model: VirtualServiceModel, data: reviewsVS() }),
    ).rejects.toMatchObject({
      reason: 'already-exists',
      message: expect.stringContaining('VirtualService bookinfo/reviews already exists'),
    });
  });
});

describe('updateResource', () => {
  it('refuses an object without a resourceVersion before sending anything', async () => {
    const cluster = fakeCluster([{ model: NamespaceModel, obj: namespace('bookinfo') }]);
    const error = await updateResource({ model: VirtualServiceModel, data: reviewsVS() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WriteError);
    expect(error).toMatchObject({ reason: 'other' });
    expect((error as Error).message).toMatch(/without metadata\.resourceVersion/);
    expect(cluster.log).toEqual([]);
  });

  it('dry-runs, then replaces the object the user read', async () => {
    const cluster = fakeCluster([
      { model: NamespaceModel, obj: namespace('bookinfo') },
      { model: VirtualServiceModel, obj: reviewsVS() },
    ]);
    const read = clone(cluster.store.get('VirtualService/bookinfo/reviews')) as VirtualService;
    read.spec!.http![0].route![0].weight = 50;
    read.spec!.http![0].route![1].weight = 50;
    validateIstioObject(read);

    const saved = await updateResource({ model: VirtualServiceModel, data: read });

    expect(cluster.trail()).toEqual([
      'update VirtualService/bookinfo/reviews (dry-run)',
      'update VirtualService/bookinfo/reviews',
    ]);
    expect(saved.spec?.http?.[0].route?.map((r) => r.weight)).toEqual([50, 50]);
  });

  it('turns a stale copy into "changed since you opened it", leaving the object as it was', async () => {
    const cluster = fakeCluster([
      { model: NamespaceModel, obj: namespace('bookinfo') },
      { model: VirtualServiceModel, obj: reviewsVS() },
    ]);
    const read = clone(cluster.store.get('VirtualService/bookinfo/reviews')) as VirtualService;
    const theirs = cluster.touch(VirtualServiceModel, read);
    read.spec!.hosts = ['ratings'];

    const error = await updateResource({ model: VirtualServiceModel, data: read }).catch(
      (e: unknown) => e,
    );

    expect(error).toMatchObject({ reason: 'conflict', status: 409 });
    expect((error as Error).message).toBe(
      'VirtualService bookinfo/reviews changed since you opened it: review the current version and retry.',
    );
    expect(cluster.writes()).toEqual([]);
    expect(cluster.store.get('VirtualService/bookinfo/reviews')).toEqual(theirs);
  });
});

describe('patchResource', () => {
  const setWeights = [
    { op: 'replace', path: '/spec/http/0/route/0/weight', value: 0 },
    { op: 'replace', path: '/spec/http/0/route/1/weight', value: 100 },
  ];

  it('guards the patch with the resourceVersion the user saw, and dry-runs it first', async () => {
    const cluster = fakeCluster([
      { model: NamespaceModel, obj: namespace('bookinfo') },
      { model: VirtualServiceModel, obj: reviewsVS() },
    ]);
    const read = clone(cluster.store.get('VirtualService/bookinfo/reviews')!);

    const saved = await patchResource({
      model: VirtualServiceModel,
      resource: read,
      ops: setWeights,
    });

    const guarded = [
      { op: 'test', path: '/metadata/resourceVersion', value: read.metadata?.resourceVersion },
      ...setWeights,
    ];
    expect(cluster.trail()).toEqual([
      'patch VirtualService/bookinfo/reviews (dry-run)',
      'patch VirtualService/bookinfo/reviews',
    ]);
    expect(cluster.log.map((r) => r.body)).toEqual([guarded, guarded]);
    expect((saved as VirtualService).spec?.http?.[0].route?.map((r) => r.weight)).toEqual([0, 100]);
    validateIstioObject(saved);
  });

  it('reports a stale copy as a conflict instead of overwriting the newer version', async () => {
    const cluster = fakeCluster([
      { model: NamespaceModel, obj: namespace('bookinfo') },
      { model: VirtualServiceModel, obj: reviewsVS() },
    ]);
    const read = clone(cluster.store.get('VirtualService/bookinfo/reviews')!);
    const theirs = cluster.touch(VirtualServiceModel, read);

    const error = await patchResource({
      model: VirtualServiceModel,
      resource: read,
      ops: setWeights,
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WriteError);
    expect(error).toMatchObject({ reason: 'conflict', status: 422 });
    expect((error as Error).message).toBe(
      'VirtualService bookinfo/reviews changed since you opened it: review the current version and retry.',
    );
    expect(cluster.writes()).toEqual([]);
    expect(cluster.store.get('VirtualService/bookinfo/reviews')).toEqual(theirs);
  });

  it('reports a change made between the dry-run and the write as a conflict too', async () => {
    const cluster = fakeCluster([
      { model: NamespaceModel, obj: namespace('bookinfo') },
      { model: VirtualServiceModel, obj: reviewsVS() },
    ]);
    const read = clone(cluster.store.get('VirtualService/bookinfo/reviews')!);
    const realPatch = patch.getMockImplementation()!;
    patch.mockImplementation(async (opts) => {
      if (!opts.queryParams) cluster.touch(VirtualServiceModel, read);
      return realPatch(opts);
    });

    await expect(
      patchResource({ model: VirtualServiceModel, resource: read, ops: setWeights }),
    ).rejects.toMatchObject({ reason: 'conflict' });
    const stored = cluster.store.get('VirtualService/bookinfo/reviews') as VirtualService;
    expect(stored.spec?.http?.[0].route?.map((r) => r.weight)).toEqual([90, 10]);
  });

  it('sends nothing for an empty patch and returns the object unchanged', async () => {
    const cluster = fakeCluster([{ model: NamespaceModel, obj: namespace('bookinfo') }]);
    const ns = clone(cluster.store.get('Namespace/bookinfo')!);
    await expect(patchResource({ model: NamespaceModel, resource: ns, ops: [] })).resolves.toBe(ns);
    expect(cluster.log).toEqual([]);
  });
});

describe('deleteResource', () => {
  it('deletes only the very object that was read (uid precondition)', async () => {
    const cluster = fakeCluster([
      { model: NamespaceModel, obj: namespace('bookinfo') },
      { model: VirtualServiceModel, obj: reviewsVS() },
    ]);
    const read = clone(cluster.store.get('VirtualService/bookinfo/reviews')!);
    // Someone deleted it and created a namesake since it was read.
    cluster.store.set('VirtualService/bookinfo/reviews', {
      ...read,
      metadata: { ...read.metadata, uid: 'someone-elses' },
    });

    await expect(
      deleteResource({ model: VirtualServiceModel, resource: read }),
    ).rejects.toMatchObject({ reason: 'conflict' });
    expect(cluster.store.has('VirtualService/bookinfo/reviews')).toBe(true);
  });
});

describe('translateWriteError', () => {
  it('says which permission is missing: the verb and the kind', async () => {
    const cluster = fakeCluster([{ model: NamespaceModel, obj: namespace('bookinfo') }]);
    cluster.reject(
      'create',
      'PeerAuthentication/bookinfo/default',
      httpError(403, {
        reason: 'Forbidden',
        message:
          'peerauthentications.security.istio.io is forbidden: User "dev" cannot create resource "peerauthentications" in API group "security.istio.io" in the namespace "bookinfo"',
      }),
    );
    const pa = strictMtls('bookinfo');
    const error = await createResource({
      model: atVersion(PeerAuthenticationModel, 'v1beta1'),
      data: pa,
    }).catch((e: unknown) => e);

    expect(error).toMatchObject({ reason: 'forbidden', status: 403 });
    expect((error as Error).message).toBe(
      'You do not have permission to create PeerAuthentication bookinfo/default: ask a cluster administrator for access.',
    );
    expect(cluster.writes()).toEqual([]);
  });

  it('reads the verb from the API server when the caller did not say', () => {
    const e = translateWriteError(
      httpError(403, {
        reason: 'Forbidden',
        message:
          'subscriptions.operators.coreos.com "servicemeshoperator3" is forbidden: User "dev" cannot patch resource "subscriptions"',
      }),
      'Subscription openshift-operators/servicemeshoperator3',
    );
    expect(e.message).toBe(
      'You do not have permission to patch Subscription openshift-operators/servicemeshoperator3: ask a cluster administrator for access.',
    );
  });

  it('surfaces schema violations with their field names', () => {
    const status: ApiStatus = {
      reason: 'Invalid',
      message:
        'VirtualService.networking.istio.io "reviews" is invalid: spec.http[0].timeout: Invalid value: "1.5ms": must be a whole number of milliseconds',
      details: {
        name: 'reviews',
        group: 'networking.istio.io',
        kind: 'VirtualService',
        causes: [
          {
            reason: 'FieldValueInvalid',
            field: 'spec.http[0].timeout',
            message: 'Invalid value: "1.5ms": must be a whole number of milliseconds',
          },
          {
            reason: 'FieldValueRequired',
            field: 'spec.http[0].route[0].destination.host',
            message: 'Required value',
          },
        ],
      },
    };
    const e = translateWriteError(httpError(422, status), 'VirtualService bookinfo/reviews');
    expect(e.reason).toBe('invalid');
    expect(e.message).toBe(`VirtualService bookinfo/reviews was rejected: ${status.message}`);
    expect(e.causes).toEqual([
      {
        field: 'spec.http[0].timeout',
        message: 'Invalid value: "1.5ms": must be a whole number of milliseconds',
      },
      { field: 'spec.http[0].route[0].destination.host', message: 'Required value' },
    ]);
  });

  it('treats a policy webhook’s 403 denial as a rejected object, not a missing permission', () => {
    const e = translateWriteError(
      httpError(403, {
        message:
          'admission webhook "validation.gatekeeper.sh" denied the request: label owner is required',
      }),
      'Namespace bookinfo',
    );
    expect(e.reason).toBe('invalid');
    expect(e.message).toMatch(/^Namespace bookinfo was rejected: .*label owner is required/);
  });

  it('tells the user when istiod’s webhook cannot be reached', () => {
    const e = translateWriteError(
      httpError(500, {
        reason: 'InternalError',
        message:
          'Internal error occurred: failed calling webhook "validation.istio.io": dial tcp 10.0.0.1:443: connect: connection refused',
      }),
      'VirtualService bookinfo/reviews',
      'create',
    );
    expect(e.reason).toBe('unavailable');
    expect(e.message).toMatch(/validation webhook for VirtualService bookinfo\/reviews could not/);
    expect(e.message).toMatch(/check that the mesh control plane is running/);
  });

  it('classifies a lost connection, and keeps any other error’s own words', () => {
    expect(translateWriteError(new TypeError('Failed to fetch')).reason).toBe('unavailable');
    const plain = translateWriteError(new Error('The ServiceMeshMemberRoll "default" is missing.'));
    expect(plain).toMatchObject({
      reason: 'other',
      message: 'The ServiceMeshMemberRoll "default" is missing.',
      causes: [],
    });
    const already = new WriteError('x', { reason: 'conflict' });
    expect(translateWriteError(already)).toBe(already);
  });
});

describe('applyObjects', () => {
  const progressOf = () => {
    const events: string[] = [];
    const onProgress = (e: ApplyProgress) => events.push(`${e.index} ${e.state} ${e.target}`);
    return { events, onProgress };
  };

  it('dry-runs everything it can, then creates in order, skipping a namespace that exists', async () => {
    const cluster = fakeCluster([{ model: NamespaceModel, obj: namespace('istio-system') }]);
    const { events, onProgress } = progressOf();

    const result = await applyObjects(
      [
        { data: namespace('istio-system') },
        { data: namespace('canary') },
        { data: reviewsDR('canary') },
        { data: reviewsVS('canary') },
        { data: strictMtls('istio-system') },
      ],
      { onProgress },
    );

    expect(cluster.trail()).toEqual([
      // Before any write: all but the objects whose namespace does not exist yet.
      'create Namespace/istio-system (dry-run)',
      'create Namespace/canary (dry-run)',
      'create PeerAuthentication/istio-system/default (dry-run)',
      // Then in order; objects in the new namespace are dry-run once it exists.
      'create Namespace/istio-system',
      'create Namespace/canary',
      'create DestinationRule/canary/reviews (dry-run)',
      'create DestinationRule/canary/reviews',
      'create VirtualService/canary/reviews (dry-run)',
      'create VirtualService/canary/reviews',
      'create PeerAuthentication/istio-system/default',
    ]);
    expect(result.skipped).toEqual(['Namespace istio-system']);
    expect(result.created.map((o) => `${o.kind} ${o.metadata?.name}`)).toEqual([
      'Namespace canary',
      'DestinationRule reviews',
      'VirtualService reviews',
      'PeerAuthentication default',
    ]);
    // The v1beta1 object went to the v1beta1 endpoint (Service Mesh 2.6).
    const paCall = create.mock.calls.find(([o]) => o.data.kind === 'PeerAuthentication')!;
    expect(apiVersionOf(paCall[0].model)).toBe('security.istio.io/v1beta1');
    expect(events).toEqual([
      '0 dry-run Namespace istio-system',
      '1 dry-run Namespace canary',
      '4 dry-run PeerAuthentication istio-system/default',
      '0 skipped Namespace istio-system',
      '1 created Namespace canary',
      '2 dry-run DestinationRule canary/reviews',
      '2 created DestinationRule canary/reviews',
      '3 dry-run VirtualService canary/reviews',
      '3 created VirtualService canary/reviews',
      '4 created PeerAuthentication istio-system/default',
    ]);
  });

  it('writes nothing when an up-front dry-run fails', async () => {
    const cluster = fakeCluster([{ model: NamespaceModel, obj: namespace('bookinfo') }]);
    cluster.reject('create', 'VirtualService/bookinfo/reviews', webhookDenied, { dryRun: true });

    const error = await applyObjects([
      { data: reviewsDR() },
      { data: reviewsVS() },
      { data: strictMtls('bookinfo') },
    ]).catch((e: unknown) => e);

    expect(error).toMatchObject({ reason: 'invalid', target: 'VirtualService bookinfo/reviews' });
    expect(cluster.writes()).toEqual([]);
    expect(cluster.trail()).toEqual([
      'create DestinationRule/bookinfo/reviews (dry-run)',
      'create VirtualService/bookinfo/reviews (dry-run)',
    ]);
  });

  it('fails on an existing object unless told to skip it', async () => {
    const seed = [
      { model: NamespaceModel, obj: namespace('bookinfo') },
      { model: DestinationRuleModel, obj: reviewsDR() },
    ];
    let cluster = fakeCluster(seed);
    await expect(
      applyObjects([{ data: reviewsDR() }, { data: reviewsVS() }]),
    ).rejects.toMatchObject({ reason: 'already-exists' });
    expect(cluster.writes()).toEqual([]);

    cluster = fakeCluster(seed);
    const result = await applyObjects([
      { data: reviewsDR(), ifExists: 'skip' },
      { data: reviewsVS() },
    ]);
    expect(result.skipped).toEqual(['DestinationRule bookinfo/reviews']);
    expect(cluster.writes().map((r) => r.key)).toEqual([
      'DestinationRule/bookinfo/reviews',
      'VirtualService/bookinfo/reviews',
    ]);
  });

  it('undoes only what it created, newest first, when a later create fails', async () => {
    const cluster = fakeCluster([{ model: NamespaceModel, obj: namespace('istio-system') }]);
    // The real create is refused although the dry-run passed (e.g. quota hit in between).
    cluster.reject(
      'create',
      'PeerAuthentication/istio-system/default',
      httpError(403, {
        reason: 'Forbidden',
        message: 'exceeded quota: mesh-quota, requested: count/peerauthentications=1',
      }),
      { dryRun: false },
    );
    const { events, onProgress } = progressOf();

    const error = (await applyObjects(
      [
        { data: namespace('istio-system') },
        { data: namespace('canary') },
        { data: reviewsDR('canary') },
        { data: reviewsVS('canary') },
        { data: strictMtls('istio-system') },
      ],
      { onProgress },
    ).catch((e: unknown) => e)) as WriteError;

    expect(error).toBeInstanceOf(WriteError);
    expect(error.target).toBe('PeerAuthentication istio-system/default');
    expect(error.rolledBack).toEqual([
      'VirtualService canary/reviews',
      'DestinationRule canary/reviews',
      'Namespace canary',
    ]);
    expect(error.rollbackFailures).toBeUndefined();
    expect(cluster.log.filter((r) => r.verb === 'delete').map((r) => r.key)).toEqual([
      'VirtualService/canary/reviews',
      'DestinationRule/canary/reviews',
      'Namespace/canary',
    ]);
    // The namespace that was there before is still there, and only it.
    expect([...cluster.store.keys()]).toEqual(['Namespace/istio-system']);
    expect(events.slice(-4)).toEqual([
      '4 failed PeerAuthentication istio-system/default',
      '3 rolled-back VirtualService canary/reviews',
      '2 rolled-back DestinationRule canary/reviews',
      '1 rolled-back Namespace canary',
    ]);
  });

  it('reports what it could not undo, and tells the user to remove it', async () => {
    const cluster = fakeCluster([{ model: NamespaceModel, obj: namespace('bookinfo') }]);
    cluster.reject('create', 'PeerAuthentication/bookinfo/default', webhookDenied, {
      dryRun: false,
    });
    cluster.reject(
      'delete',
      'DestinationRule/bookinfo/reviews',
      httpError(403, { reason: 'Forbidden', message: 'cannot delete resource "destinationrules"' }),
    );

    const error = (await applyObjects([
      { data: reviewsDR() },
      { data: reviewsVS() },
      { data: strictMtls('bookinfo') },
    ]).catch((e: unknown) => e)) as WriteError;

    expect(error.reason).toBe('invalid');
    expect(error.rolledBack).toEqual(['VirtualService bookinfo/reviews']);
    expect(error.rollbackFailures).toEqual([
      'You do not have permission to delete DestinationRule bookinfo/reviews: ask a cluster administrator for access.',
    ]);
    expect(error.message).toMatch(
      /Could not undo DestinationRule bookinfo\/reviews: delete it by hand before retrying\.$/,
    );
    expect(cluster.store.has('DestinationRule/bookinfo/reviews')).toBe(true);
    expect(cluster.store.has('VirtualService/bookinfo/reviews')).toBe(false);
  });

  it('refuses an unknown kind before sending anything', async () => {
    const cluster = fakeCluster([{ model: NamespaceModel, obj: namespace('bookinfo') }]);
    // A kind no model describes (the Gateway API's kinds have models now).
    const unknownKind = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'reviews', namespace: 'bookinfo' },
    };
    const error = await applyObjects([{ data: reviewsDR() }, { data: unknownKind }]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WriteError);
    expect(error).toMatchObject({ reason: 'other', target: 'Widget reviews' });
    expect((error as Error).message).toMatch(/does not know this kind, so nothing was written/);
    expect(cluster.log).toEqual([]);
  });

  it('refuses a namespaced object without a namespace before sending anything', async () => {
    const cluster = fakeCluster();
    const vs = reviewsVS();
    delete vs.metadata!.namespace;
    await expect(applyObjects([{ data: vs }])).rejects.toMatchObject({ reason: 'invalid' });
    expect(cluster.log).toEqual([]);
  });

  it('uses the model the caller gives over the one the object implies', async () => {
    const cluster = fakeCluster([{ model: NamespaceModel, obj: namespace('bookinfo') }]);
    const legacy = atVersion(VirtualServiceModel, 'v1beta1');
    await applyObjects([{ data: reviewsVS(), model: legacy }]);
    expect(create.mock.calls.every(([o]) => o.model === legacy)).toBe(true);
    expect(cluster.writes()).toHaveLength(1);
  });
});
