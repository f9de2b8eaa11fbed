import type { CustomResourceDefinition, Subscription } from '../../models';
import type { Istio } from '../../models';
import {
  allowedIstioVersions,
  labelPatch,
  mesh2ControlPlaneObjects,
  mesh3ControlPlaneObjects,
  mesh3MemberLabels,
  MESH3_LEAVE_LABELS,
  servedZtunnelVersion,
  operatorObjects,
  restartPatch,
} from './installObjects';
import { OPERATORS } from './operators';

describe('operatorObjects', () => {
  it('subscribes Service Mesh 3 in openshift-operators from redhat-operators, without a new OperatorGroup', () => {
    const objects = operatorObjects(OPERATORS.servicemesh3, 'stable', 'Automatic');
    expect(objects).toEqual([
      {
        apiVersion: 'operators.coreos.com/v1alpha1',
        kind: 'Subscription',
        metadata: {
          name: 'servicemeshoperator3',
          namespace: 'openshift-operators',
          labels: { 'app.kubernetes.io/created-by': 'mesh-console-plugin' },
        },
        spec: {
          name: 'servicemeshoperator3',
          channel: 'stable',
          source: 'redhat-operators',
          sourceNamespace: 'openshift-marketplace',
          installPlanApproval: 'Automatic',
        },
      },
    ]);
  });

  it('creates Tempo’s own monitored namespace and an all-namespaces OperatorGroup before the Subscription', () => {
    const [ns, og, sub] = operatorObjects(OPERATORS.tempo, 'stable', 'Manual');
    expect(ns).toMatchObject({
      kind: 'Namespace',
      metadata: {
        name: 'openshift-tempo-operator',
        labels: { 'openshift.io/cluster-monitoring': 'true' },
      },
    });
    expect(og).toMatchObject({
      kind: 'OperatorGroup',
      apiVersion: 'operators.coreos.com/v1',
      spec: { upgradeStrategy: 'Default' },
    });
    expect(og).not.toHaveProperty('spec.targetNamespaces');
    expect((sub as Subscription).spec.installPlanApproval).toBe('Manual');
  });

  it('gives Elasticsearch the node-selector annotation and an empty OperatorGroup spec', () => {
    const [ns, og] = operatorObjects(OPERATORS.elasticsearch, 'stable-5.8', 'Automatic');
    expect(ns.metadata?.annotations).toEqual({ 'openshift.io/node-selector': '' });
    expect(og).toMatchObject({ spec: {} });
  });
});

describe('control planes', () => {
  it('creates the CNI before Istio, both named default, with the chosen version', () => {
    const objects = mesh3ControlPlaneObjects({ version: 'v1.30.3' });
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual([
      'Namespace/istio-cni',
      'IstioCNI/default',
      'Namespace/istio-system',
      'Istio/default',
    ]);
    expect(objects[3]).toMatchObject({
      apiVersion: 'sailoperator.io/v1',
      spec: { version: 'v1.30.3', namespace: 'istio-system', updateStrategy: { type: 'InPlace' } },
    });
    expect(objects[1]).toMatchObject({ spec: { version: 'v1.30.3', namespace: 'istio-cni' } });
  });

  it('ambient: CNI and Istio on the ambient profile, istiod trusting ztunnel’s namespace, then ZTunnel', () => {
    const objects = mesh3ControlPlaneObjects({
      version: 'v1.30.3',
      dataPlane: 'ambient',
      ztunnelApiVersion: 'v1alpha1',
    });
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual([
      'Namespace/istio-cni',
      'IstioCNI/default',
      'Namespace/istio-system',
      'Istio/default',
      'Namespace/ztunnel',
      'ZTunnel/default',
    ]);
    expect(objects[1]).toMatchObject({ spec: { profile: 'ambient', namespace: 'istio-cni' } });
    expect(objects[3]).toMatchObject({
      spec: { profile: 'ambient', values: { pilot: { trustedZtunnelNamespace: 'ztunnel' } } },
    });
    expect(objects[5]).toEqual({
      apiVersion: 'sailoperator.io/v1alpha1',
      kind: 'ZTunnel',
      metadata: { name: 'default' },
      spec: { version: 'v1.30.3', namespace: 'ztunnel' },
    });
    // Sidecar mode sets no profile: the operator's default (plus openshift) applies.
    expect((mesh3ControlPlaneObjects({ version: 'v1.30.3' })[3] as Istio).spec).not.toHaveProperty(
      'profile',
    );
  });

  it('writes ZTunnel at v1 where served, else the newest version served, else not at all', () => {
    const crd = (...versions: [string, boolean][]) =>
      ({
        spec: { versions: versions.map(([name, served]) => ({ name, served, storage: false })) },
      }) as unknown as Parameters<typeof servedZtunnelVersion>[0];
    expect(servedZtunnelVersion(crd(['v1alpha1', true], ['v1', true]))).toBe('v1');
    expect(servedZtunnelVersion(crd(['v1alpha1', true], ['v1', false]))).toBe('v1alpha1');
    expect(servedZtunnelVersion(undefined)).toBeUndefined();
  });

  it('writes the 2.6 SMCP with tracing and Kiali set explicitly, and the member roll "default"', () => {
    const [, smcp, smmr] = mesh2ControlPlaneObjects({
      tracing: 'None',
      kiali: false,
      members: ['bookinfo'],
    });
    expect(smcp).toMatchObject({
      apiVersion: 'maistra.io/v2',
      metadata: { name: 'basic', namespace: 'istio-system' },
      spec: { version: 'v2.6', tracing: { type: 'None' }, addons: { kiali: { enabled: false } } },
    });
    expect(smmr).toMatchObject({
      apiVersion: 'maistra.io/v1',
      metadata: { name: 'default', namespace: 'istio-system' },
      spec: { members: ['bookinfo'] },
    });
    const [, withKiali] = mesh2ControlPlaneObjects({ tracing: 'None', kiali: true, members: [] });
    expect(withKiali).toMatchObject({
      spec: { addons: { kiali: { enabled: true, name: 'kiali' } } },
    });
  });
});

describe('patches', () => {
  it('adds and removes only the labels it is given, escaping "/" in keys', () => {
    const ns = { metadata: { name: 'shop', labels: { team: 'a', 'istio.io/rev': 'canary' } } };
    expect(labelPatch(ns, mesh3MemberLabels('default'))).toEqual([
      { op: 'add', path: '/metadata/labels/istio-injection', value: 'enabled' },
      { op: 'remove', path: '/metadata/labels/istio.io~1rev' },
    ]);
    expect(labelPatch({ metadata: { name: 'x' } }, mesh3MemberLabels('blue-v1-28-10'))).toEqual([
      { op: 'add', path: '/metadata/labels', value: { 'istio.io/rev': 'blue-v1-28-10' } },
    ]);
    expect(
      labelPatch(
        { metadata: { labels: { 'istio-injection': 'enabled' } } },
        { 'istio-injection': 'enabled' },
      ),
    ).toEqual([]);
  });

  it('enrols in ambient without the injection label, and switching mode swaps the labels', () => {
    const sidecarMember = { metadata: { labels: { 'istio-injection': 'enabled', team: 'a' } } };
    expect(labelPatch(sidecarMember, mesh3MemberLabels('default', 'ambient'))).toEqual([
      { op: 'add', path: '/metadata/labels/istio.io~1dataplane-mode', value: 'ambient' },
      { op: 'remove', path: '/metadata/labels/istio-injection' },
    ]);
    const ambientMember = { metadata: { labels: { 'istio.io/dataplane-mode': 'ambient' } } };
    expect(labelPatch(ambientMember, mesh3MemberLabels('default', 'sidecar'))).toEqual([
      { op: 'add', path: '/metadata/labels/istio-injection', value: 'enabled' },
      { op: 'remove', path: '/metadata/labels/istio.io~1dataplane-mode' },
    ]);
    // Another revision is named with istio.io/rev in both modes.
    expect(mesh3MemberLabels('blue', 'ambient')).toMatchObject({
      'istio.io/dataplane-mode': 'ambient',
      'istio.io/rev': 'blue',
    });
    expect(labelPatch(ambientMember, MESH3_LEAVE_LABELS)).toEqual([
      { op: 'remove', path: '/metadata/labels/istio.io~1dataplane-mode' },
    ]);
  });

  it('restarts a deployment the way `oc rollout restart` does, keeping other annotations', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    expect(
      restartPatch({ spec: { template: { metadata: { annotations: { a: 'b' } } } } }, now),
    ).toEqual([
      {
        op: 'add',
        path: '/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt',
        value: '2026-11-24T12:00:00.000Z',
      },
    ]);
    expect(
      restartPatch({ spec: { template: { metadata: { annotations: { a: 'b' } } } } }, now, {
        inject: true,
      }),
    ).toEqual([
      {
        op: 'add',
        path: '/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt',
        value: '2026-11-24T12:00:00.000Z',
      },
      {
        op: 'add',
        path: '/spec/template/metadata/annotations/sidecar.istio.io~1inject',
        value: 'true',
      },
    ]);
    expect(restartPatch({ spec: { template: {} } }, now)).toEqual([
      {
        op: 'add',
        path: '/spec/template/metadata',
        value: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-24T12:00:00.000Z' } },
      },
    ]);
  });
});

describe('allowedIstioVersions', () => {
  const crd = (values: string[]): CustomResourceDefinition => ({
    metadata: { name: 'istios.sailoperator.io' },
    spec: {
      group: 'sailoperator.io',
      names: { kind: 'Istio', plural: 'istios' },
      scope: 'Cluster',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              properties: { spec: { properties: { version: { type: 'string', enum: values } } } },
            },
          },
        },
      ],
    },
  });

  it('lists exact versions newest first, then aliases', () => {
    expect(
      allowedIstioVersions(crd(['v1.27.5', 'v1.28-latest', 'v1.30.3', 'v1.28.10', 'v1.30-latest'])),
    ).toEqual(['v1.30.3', 'v1.28.10', 'v1.27.5', 'v1.30-latest', 'v1.28-latest']);
  });

  it('is empty when the CRD is not there', () => {
    expect(allowedIstioVersions(undefined)).toEqual([]);
  });
});
