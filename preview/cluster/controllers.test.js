'use strict';
// Simulated controllers (OLM, Sail, Maistra, workloads) driven through the HTTP API, with
// delays scaled down by --speed.
const { afterAll, beforeAll, describe, expect, it } = require('@jest/globals');
const { client, startServer, until } = require('./testing');

const SUBS = '/apis/operators.coreos.com/v1alpha1/namespaces/openshift-operators/subscriptions';
const IPS = '/apis/operators.coreos.com/v1alpha1/namespaces/openshift-operators/installplans';
const CSVS =
  '/apis/operators.coreos.com/v1alpha1/namespaces/openshift-operators/clusterserviceversions';
const PODS = '/api/v1/namespaces/bookinfo/pods';

const subscription = (name, approval) => ({
  apiVersion: 'operators.coreos.com/v1alpha1',
  kind: 'Subscription',
  metadata: { name, namespace: 'openshift-operators' },
  spec: {
    name,
    channel: 'stable',
    source: 'redhat-operators',
    sourceNamespace: 'openshift-marketplace',
    installPlanApproval: approval,
  },
});

const hasProxy = (pod) =>
  [...pod.spec.containers, ...(pod.spec.initContainers || [])].some(
    (c) => c.name === 'istio-proxy',
  );

describe('empty scenario: installing Service Mesh 3 and enrolling bookinfo', () => {
  let server;
  let k;
  beforeAll(async () => {
    server = await startServer(['--scenario', 'empty', '--speed', '0.02']);
    k = client(server.url);
  });
  afterAll(() => server && server.stop());

  it('resolves a Subscription to a Succeeded CSV and serves the operator CRDs', async () => {
    expect((await k.get('/apis/sailoperator.io/v1')).status).toBe(404);
    // The catalog has no Jaeger any more.
    const pm = await k.get(
      '/apis/packages.operators.coreos.com/v1/namespaces/openshift-marketplace/packagemanifests?fieldSelector=metadata.name%3Djaeger-product',
    );
    expect(pm.body.items).toEqual([]);
    expect((await k.post(SUBS, subscription('servicemeshoperator3', 'Automatic'))).status).toBe(
      201,
    );
    const sub = await until(
      async () => {
        const s = (await k.get(`${SUBS}/servicemeshoperator3`)).body;
        return s.status && s.status.installedCSV && s;
      },
      8000,
      'installedCSV',
    );
    expect(sub.status.installedCSV).toBe('servicemeshoperator3.v3.4.0');
    expect(sub.status.installPlanRef).toMatchObject({
      kind: 'InstallPlan',
      namespace: 'openshift-operators',
    });
    const csv = await until(
      async () => {
        const c = (await k.get(`${CSVS}/servicemeshoperator3.v3.4.0`)).body;
        return c.status && c.status.phase === 'Succeeded' && c;
      },
      8000,
      'CSV Succeeded',
    );
    expect(csv.status.reason).toBe('InstallSucceeded');
    const rl = await k.get('/apis/sailoperator.io/v1');
    expect(rl.status).toBe(200);
    expect(rl.body.resources.map((r) => r.name)).toEqual(
      expect.arrayContaining(['istios', 'istiocnis']),
    );
    const crd = await k.get(
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/istios.sailoperator.io',
    );
    expect(crd.body.status.conditions.find((c) => c.type === 'Established').status).toBe('True');
  });

  it('holds a Manual InstallPlan until it is approved', async () => {
    await k.post(SUBS, subscription('kiali-ossm', 'Manual'));
    const ip = await until(
      async () => {
        const s = (await k.get(`${SUBS}/kiali-ossm`)).body;
        const ref = s.status && s.status.installPlanRef;
        const plan = ref && (await k.get(`${IPS}/${ref.name}`)).body;
        return plan && plan.status && plan.status.phase === 'RequiresApproval' && plan;
      },
      8000,
      'RequiresApproval',
    );
    // Waiting longer than the whole install takes changes nothing.
    await new Promise((r) => setTimeout(r, 400));
    expect((await k.get(`${CSVS}/kiali-operator.v2.27.0`)).status).toBe(404);
    expect((await k.get('/apis/kiali.io/v1alpha1')).status).toBe(404);
    const sub = (await k.get(`${SUBS}/kiali-ossm`)).body;
    expect(sub.status.conditions.find((c) => c.type === 'InstallPlanPending').reason).toBe(
      'RequiresApproval',
    );
    const approve = await k.patch(
      `${IPS}/${ip.metadata.name}`,
      [{ op: 'replace', path: '/spec/approved', value: true }],
      'application/json-patch+json',
    );
    expect(approve.status).toBe(200);
    await until(
      async () => (await k.get('/apis/kiali.io/v1alpha1')).status === 200,
      8000,
      'kiali CRDs',
    );
    const csv = (await k.get(`${CSVS}/kiali-operator.v2.27.0`)).body;
    expect(csv.status.phase).toBe('Succeeded');
  });

  it('reports IstioCNINotFound until IstioCNI exists, then Healthy; Istio APIs appear', async () => {
    for (const n of ['istio-system', 'istio-cni']) {
      await k.post('/api/v1/namespaces', { metadata: { name: n } });
    }
    expect((await k.get('/apis/networking.istio.io/v1')).status).toBe(404);
    await k.post('/apis/sailoperator.io/v1/istios', {
      metadata: { name: 'default' },
      spec: { version: 'v1.30.3', namespace: 'istio-system' },
    });
    const pending = await until(
      async () => {
        const i = (await k.get('/apis/sailoperator.io/v1/istios/default')).body;
        return i.status && i.status.state === 'IstioCNINotFound' && i;
      },
      8000,
      'IstioCNINotFound',
    );
    expect(pending.status.conditions.find((c) => c.type === 'DependenciesHealthy').status).toBe(
      'False',
    );
    expect((await k.get('/apis/networking.istio.io/v1')).status).toBe(200);
    await k.post('/apis/sailoperator.io/v1/istiocnis', {
      metadata: { name: 'default' },
      spec: { version: 'v1.30.3', namespace: 'istio-cni' },
    });
    const healthy = await until(
      async () => {
        const i = (await k.get('/apis/sailoperator.io/v1/istios/default')).body;
        return i.status.state === 'Healthy' && i;
      },
      8000,
      'Healthy',
    );
    expect(healthy.status).toMatchObject({ activeRevisionName: 'default', observedGeneration: 1 });
    for (const t of ['Reconciled', 'Ready', 'DependenciesHealthy']) {
      expect(healthy.status.conditions.find((c) => c.type === t).status).toBe('True');
    }
    // IstioCNI must be named default (a CEL rule on the real CRD).
    const other = await k.post('/apis/sailoperator.io/v1/istiocnis', {
      metadata: { name: 'other' },
      spec: { version: 'v1.30.3' },
    });
    expect(other.status).toBe(422);
  });

  it('injects sidecars only into pods created after a restart of an enrolled namespace', async () => {
    const before = (await k.get(PODS)).body.items;
    expect(before).toHaveLength(6);
    expect(before.some(hasProxy)).toBe(false);
    await k.patch('/api/v1/namespaces/bookinfo', {
      metadata: { labels: { 'istio-injection': 'enabled' } },
    });
    await new Promise((r) => setTimeout(r, 200));
    expect((await k.get(PODS)).body.items.some(hasProxy)).toBe(false);
    const restartedAt = new Date().toISOString();
    await k.patch(
      '/apis/apps/v1/namespaces/bookinfo/deployments/ratings-v1',
      {
        spec: {
          template: {
            metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt } },
          },
        },
      },
      'application/strategic-merge-patch+json',
    );
    const pod = await until(
      async () => {
        const items = (await k.get(`${PODS}?labelSelector=app%3Dratings`)).body.items;
        return items.length === 1 && hasProxy(items[0]) && items[0];
      },
      5000,
      'injected pod',
    );
    expect(pod.metadata.name).not.toBe(
      before.find((p) => p.metadata.labels.app === 'ratings').metadata.name,
    );
    expect(JSON.parse(pod.metadata.annotations['sidecar.istio.io/status']).revision).toBe(
      'default',
    );
    expect(pod.status.phase).toBe('Running');
    // Other deployments were not restarted and keep their proxy-less pods.
    const reviews = (await k.get(`${PODS}?labelSelector=app%3Dreviews`)).body.items;
    expect(reviews.some(hasProxy)).toBe(false);
  });
});

describe('mesh2 scenario', () => {
  let server;
  let k;
  beforeAll(async () => {
    server = await startServer(['--scenario', 'mesh2', '--speed', '0.02']);
    k = client(server.url);
  });
  afterAll(() => server && server.stop());

  it('has a ready SMCP, a configured member roll and injected bookinfo pods', async () => {
    const smcp = (
      await k.get('/apis/maistra.io/v2/namespaces/istio-system/servicemeshcontrolplanes/basic')
    ).body;
    const ready = smcp.status.conditions.find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'True', reason: 'ComponentsReady' });
    expect(smcp.status.observedGeneration).toBe(smcp.metadata.generation);
    const smmr = (
      await k.get('/apis/maistra.io/v1/namespaces/istio-system/servicemeshmemberrolls/default')
    ).body;
    expect(smmr.status.configuredMembers).toEqual(['bookinfo']);
    const ns = (await k.get('/api/v1/namespaces/bookinfo')).body;
    expect(ns.metadata.labels['maistra.io/member-of']).toBe('istio-system');
    const pods = (await k.get(PODS)).body.items;
    expect(pods.every((p) => p.spec.containers.some((c) => c.name === 'istio-proxy'))).toBe(true);
    // OSSM 2.6 serves the Istio APIs at v1beta1 only.
    expect(
      (await k.get('/apis/networking.istio.io/v1beta1/namespaces/bookinfo/virtualservices')).status,
    ).toBe(200);
    expect(
      (await k.get('/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices')).status,
    ).toBe(404);
  });

  it('rejects a member roll not named default and drops members removed from the roll', async () => {
    const bad = await k.post('/apis/maistra.io/v1/namespaces/istio-system/servicemeshmemberrolls', {
      metadata: { name: 'other' },
      spec: { members: [] },
    });
    expect(bad.status).toBe(403);
    expect(bad.body.message).toContain('denied the request');
    await k.patch('/apis/maistra.io/v1/namespaces/istio-system/servicemeshmemberrolls/default', {
      spec: { members: [] },
    });
    await until(
      async () => {
        const ns = (await k.get('/api/v1/namespaces/bookinfo')).body;
        return !('maistra.io/member-of' in ns.metadata.labels);
      },
      5000,
      'member label removed',
    );
  });
});

describe('observability operators on the empty scenario', () => {
  let server;
  let k;
  beforeAll(async () => {
    server = await startServer(['--scenario', 'empty', '--speed', '0.02']);
    k = client(server.url);
  });
  afterAll(() => server && server.stop());

  const UWM = '/apis/apps/v1/namespaces/openshift-user-workload-monitoring/statefulsets';
  const CM = '/api/v1/namespaces/openshift-monitoring/configmaps';

  it('starts the user-workload Prometheus only while the monitoring config enables it', async () => {
    expect((await k.get(`${UWM}/prometheus-user-workload`)).status).toBe(404);
    // Malformed or off: nothing starts.
    await k.post(CM, {
      metadata: { name: 'cluster-monitoring-config' },
      data: { 'config.yaml': 'enableUserWorkload: [\n' },
    });
    await new Promise((r) => setTimeout(r, 300));
    expect((await k.get(`${UWM}/prometheus-user-workload`)).status).toBe(404);
    await k.patch(`${CM}/cluster-monitoring-config`, {
      data: { 'config.yaml': 'prometheusK8s:\n  retention: 15d\nenableUserWorkload: true\n' },
    });
    const sts = await until(
      async () => {
        const r = await k.get(`${UWM}/prometheus-user-workload`);
        return r.status === 200 && r.body.status?.readyReplicas === 2 && r.body;
      },
      5000,
      'user-workload Prometheus ready',
    );
    expect(sts.spec.replicas).toBe(2);
    await k.patch(`${CM}/cluster-monitoring-config`, {
      data: { 'config.yaml': 'enableUserWorkload: false\n' },
    });
    await until(
      async () => (await k.get(`${UWM}/prometheus-user-workload`)).status === 404,
      5000,
      'user-workload Prometheus stopped',
    );
  });
});
