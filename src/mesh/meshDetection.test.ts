import type {
  Istio,
  IstioCNI,
  IstioRevisionTag,
  Namespace,
  ServiceMeshControlPlane,
  ServiceMeshMemberRoll,
} from '../models';
import { detectMesh, sailHealth, smcpHealth } from './meshDetection';
import type { Mesh3Info, Mesh2Info } from './meshDetection';

const cond = (
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason?: string,
  message?: string,
) => ({
  type,
  status,
  reason,
  message,
});

const healthyIstio = (name = 'default', extra: Partial<Istio> = {}): Istio => ({
  apiVersion: 'sailoperator.io/v1',
  kind: 'Istio',
  metadata: { name, generation: 2 },
  spec: { version: 'v1.30.3', namespace: 'istio-system', updateStrategy: { type: 'InPlace' } },
  status: {
    state: 'Healthy',
    observedGeneration: 2,
    activeRevisionName: name,
    conditions: [
      cond('Reconciled', 'True'),
      cond('Ready', 'True', 'Healthy'),
      cond('DependenciesHealthy', 'True'),
    ],
  },
  ...extra,
});

const healthyCNI = (): IstioCNI => ({
  metadata: { name: 'default', generation: 1 },
  spec: { version: 'v1.30.3', namespace: 'istio-cni' },
  status: {
    observedGeneration: 1,
    conditions: [cond('Reconciled', 'True'), cond('Ready', 'True')],
  },
});

const ns = (name: string, labels: Record<string, string>): Namespace => ({
  metadata: { name, labels },
});

const readySmcp = (
  name = 'basic',
  namespace = 'istio-system',
  extra: Partial<ServiceMeshControlPlane> = {},
): ServiceMeshControlPlane => ({
  metadata: { name, namespace, generation: 1 },
  spec: { version: 'v2.6', mode: 'MultiTenant' },
  status: {
    observedGeneration: 1,
    annotations: { readyComponentCount: '9/9' },
    conditions: [
      cond('Installed', 'True', 'InstallSuccessful'),
      cond('Reconciled', 'True', 'ReconcileSuccessful'),
      cond('Ready', 'True', 'ComponentsReady'),
    ],
  },
  ...extra,
});

const memberRoll = (
  members: string[],
  configured = members,
  pending: string[] = [],
): ServiceMeshMemberRoll => ({
  metadata: { name: 'default', namespace: 'istio-system' },
  spec: { members },
  status: { configuredMembers: configured, pendingMembers: pending },
});

const mesh3 = (d: ReturnType<typeof detectMesh>): Mesh3Info => {
  if (d.mesh !== 'ossm3' && d.mesh !== 'both')
    throw new Error(`expected Service Mesh 3, got ${d.mesh}`);
  return d.ossm3;
};
const mesh2 = (d: ReturnType<typeof detectMesh>): Mesh2Info => {
  if (d.mesh !== 'ossm2' && d.mesh !== 'both')
    throw new Error(`expected Service Mesh 2, got ${d.mesh}`);
  return d.ossm2;
};

describe('detectMesh', () => {
  it('says "none" when neither operator’s API is served', () => {
    expect(detectMesh({ sailApi: false, maistraApi: false })).toEqual({
      mesh: 'none',
      reasons: [{ code: 'no-mesh-apis' }],
    });
  });

  it('says "none" and why when the Service Mesh 3 operator is installed but no Istio exists', () => {
    const d = detectMesh({
      sailApi: true,
      maistraApi: false,
      istios: [],
      istioCNIs: [healthyCNI()],
    });
    expect(d).toEqual({ mesh: 'none', reasons: [{ code: 'sail-api-without-istio' }] });
  });

  it('says "none" and why when the 2.x operator is installed but no SMCP exists', () => {
    const d = detectMesh({ sailApi: false, maistraApi: true, smcps: [] });
    expect(d).toEqual({ mesh: 'none', reasons: [{ code: 'maistra-api-without-smcp' }] });
  });

  it('ignores objects of an API that is not served (stale cache after a CRD is removed)', () => {
    const d = detectMesh({ sailApi: false, maistraApi: false, istios: [healthyIstio()] });
    expect(d.mesh).toBe('none');
  });

  it('describes a healthy Service Mesh 3 control plane with its version, namespace and members', () => {
    const d = detectMesh({
      sailApi: true,
      maistraApi: false,
      istios: [healthyIstio()],
      istioCNIs: [healthyCNI()],
      injectionNamespaces: [
        ns('bookinfo', { 'istio-injection': 'enabled' }),
        ns('legacy', { 'istio-injection': 'disabled' }),
        ns('shop', { 'istio.io/rev': 'default' }),
      ],
    });
    expect(d.mesh).toBe('ossm3');
    expect(d.reasons).toEqual([{ code: 'istio-found', count: 1 }]);
    const info = mesh3(d);
    expect(info.controlPlanes).toEqual([
      {
        name: 'default',
        namespace: 'istio-system',
        version: 'v1.30.3',
        state: 'Healthy',
        revision: 'default',
        health: { state: 'healthy' },
        members: ['bookinfo', 'shop'],
        ambientMembers: [],
      },
    ]);
    expect(info.cni).toEqual({
      version: 'v1.30.3',
      namespace: 'istio-cni',
      health: { state: 'healthy' },
    });
  });

  it('counts ambient namespaces as members, and tells them apart; sidecar injection wins', () => {
    const ambientIstio = healthyIstio('default', {
      spec: { version: 'v1.30.3', namespace: 'istio-system', profile: 'ambient' },
    });
    const d = detectMesh({
      sailApi: true,
      maistraApi: false,
      istios: [ambientIstio],
      istioCNIs: [healthyCNI()],
      ztunnels: [
        {
          metadata: { name: 'default', generation: 1 },
          spec: { version: 'v1.30.3', namespace: 'ztunnel' },
          status: {
            observedGeneration: 1,
            conditions: [cond('Reconciled', 'True'), cond('Ready', 'True')],
          },
        },
      ],
      injectionNamespaces: [
        ns('bookinfo', { 'istio.io/dataplane-mode': 'ambient' }),
        ns('both', { 'istio.io/dataplane-mode': 'ambient', 'istio-injection': 'enabled' }),
        ns('out', { 'istio.io/dataplane-mode': 'none' }),
      ],
    });
    const info = mesh3(d);
    expect(info.controlPlanes[0]).toMatchObject({
      profile: 'ambient',
      members: ['bookinfo', 'both'],
      ambientMembers: ['bookinfo'],
    });
    expect(info.ztunnel).toEqual({
      version: 'v1.30.3',
      namespace: 'ztunnel',
      health: { state: 'healthy' },
    });
  });

  it('assigns namespaces to the right Istio by revision and by revision tag', () => {
    const blue = healthyIstio('blue', {
      spec: { version: 'v1.28.10', updateStrategy: { type: 'RevisionBased' } },
    });
    blue.status = { ...blue.status, activeRevisionName: 'blue-v1-28-10' };
    const green = healthyIstio('green');
    const tags: IstioRevisionTag[] = [
      { metadata: { name: 'default' }, spec: { targetRef: { kind: 'Istio', name: 'blue' } } },
      {
        metadata: { name: 'canary' },
        spec: { targetRef: { kind: 'IstioRevision', name: 'green' } },
      },
    ];
    const d = detectMesh({
      sailApi: true,
      maistraApi: false,
      istios: [green, blue],
      istioCNIs: [healthyCNI()],
      revisionTags: tags,
      injectionNamespaces: [
        ns('a', { 'istio-injection': 'enabled' }), // tag default -> blue
        ns('b', { 'istio.io/rev': 'blue-v1-28-10' }),
        ns('c', { 'istio.io/rev': 'canary' }), // tag canary -> green's revision
        ns('d', { 'istio.io/rev': 'green', 'istio-injection': 'enabled' }), // rev label wins
      ],
    });
    const [first, second] = mesh3(d).controlPlanes;
    expect(first).toMatchObject({ name: 'blue', revision: 'blue-v1-28-10', members: ['a', 'b'] });
    expect(second).toMatchObject({ name: 'green', revision: 'green', members: ['c', 'd'] });
  });

  it('defaults the control-plane namespace to istio-system when spec.namespace is unset', () => {
    const istio = healthyIstio();
    delete istio.spec?.namespace;
    expect(
      mesh3(detectMesh({ sailApi: true, maistraApi: false, istios: [istio] })).controlPlanes[0]
        .namespace,
    ).toBe('istio-system');
  });

  it('reports a missing IstioCNI, which OpenShift requires', () => {
    const d = detectMesh({
      sailApi: true,
      maistraApi: false,
      istios: [healthyIstio()],
      istioCNIs: [],
    });
    expect(d.reasons).toContainEqual({ code: 'cni-missing' });
    expect(mesh3(d).cni).toBeUndefined();
  });

  it('describes a ready Service Mesh 2 control plane with members from its member roll', () => {
    const d = detectMesh({
      sailApi: false,
      maistraApi: true,
      smcps: [readySmcp()],
      memberRolls: [memberRoll(['bookinfo', 'shop'], ['bookinfo'], ['shop'])],
    });
    expect(d.mesh).toBe('ossm2');
    expect(d.reasons).toEqual([{ code: 'smcp-found', count: 1 }]);
    expect(mesh2(d).controlPlanes).toEqual([
      {
        name: 'basic',
        namespace: 'istio-system',
        version: 'v2.6',
        mode: 'MultiTenant',
        health: { state: 'healthy' },
        readyComponents: '9/9',
        members: ['bookinfo'],
        pendingMembers: ['shop'],
        memberRollMissing: false,
      },
    ]);
  });

  it('only counts a member roll named "default" in the SMCP’s own namespace', () => {
    const elsewhere = { ...memberRoll(['x']), metadata: { name: 'default', namespace: 'other' } };
    const misnamed = {
      ...memberRoll(['y']),
      metadata: { name: 'members', namespace: 'istio-system' },
    };
    const cp = mesh2(
      detectMesh({
        sailApi: false,
        maistraApi: true,
        smcps: [readySmcp()],
        memberRolls: [elsewhere, misnamed],
      }),
    ).controlPlanes[0];
    expect(cp.members).toEqual([]);
    expect(cp.memberRollMissing).toBe(true);
  });

  it('does not ask for a member roll on a cluster-wide SMCP (the operator creates it)', () => {
    const smcp = readySmcp('basic', 'istio-system', {
      spec: { version: 'v2.6', mode: 'ClusterWide' },
    });
    const cp = mesh2(detectMesh({ sailApi: false, maistraApi: true, smcps: [smcp] }))
      .controlPlanes[0];
    expect(cp.memberRollMissing).toBe(false);
  });

  it('flags both majors together as unsupported and still describes each', () => {
    const d = detectMesh({
      sailApi: true,
      maistraApi: true,
      istios: [healthyIstio()],
      istioCNIs: [healthyCNI()],
      smcps: [readySmcp()],
      memberRolls: [memberRoll(['bookinfo'])],
    });
    expect(d.mesh).toBe('both');
    expect(d.reasons).toContainEqual({ code: 'both-majors' });
    expect(mesh3(d).controlPlanes).toHaveLength(1);
    expect(mesh2(d).controlPlanes).toHaveLength(1);
  });
});

describe('sailHealth', () => {
  it('is degraded with the operator’s message when reconciliation failed', () => {
    const istio = healthyIstio();
    istio.status!.conditions = [
      cond('Reconciled', 'True'),
      cond('Ready', 'False', 'IstioCNINotFound', 'IstioCNI resource does not exist'),
    ];
    expect(sailHealth(istio)).toEqual({
      state: 'degraded',
      reason: 'IstioCNINotFound',
      message: 'IstioCNI resource does not exist',
    });
  });

  it('is progressing while istiod is starting', () => {
    const istio = healthyIstio();
    istio.status!.conditions = [
      cond('Reconciled', 'True'),
      cond('Ready', 'False', 'IstiodNotReady', 'istiod not ready'),
    ];
    expect(sailHealth(istio)).toMatchObject({ state: 'progressing', reason: 'IstiodNotReady' });
  });

  it('is progressing before the operator wrote any status', () => {
    expect(sailHealth({ metadata: { name: 'default' }, spec: {} })).toMatchObject({
      state: 'progressing',
    });
  });

  it('is progressing when the operator has not yet seen the latest spec', () => {
    const istio = healthyIstio();
    istio.metadata!.generation = 3;
    expect(sailHealth(istio)).toEqual({ state: 'progressing', reason: 'SpecChanged' });
  });

  it('is progressing while being deleted', () => {
    const istio = healthyIstio();
    istio.metadata!.deletionTimestamp = '2026-11-24T10:00:00Z';
    expect(sailHealth(istio)).toEqual({ state: 'progressing', reason: 'Deleting' });
  });
});

describe('smcpHealth', () => {
  it('is healthy only with Ready=True/ComponentsReady for the current generation', () => {
    expect(smcpHealth(readySmcp())).toEqual({ state: 'healthy' });
    const stale = readySmcp();
    stale.metadata!.generation = 2;
    expect(smcpHealth(stale)).toEqual({ state: 'progressing', reason: 'SpecChanged' });
  });

  it('is degraded with the message when a dependency is missing', () => {
    const smcp = readySmcp();
    smcp.status!.conditions = [
      cond('Reconciled', 'False', 'DependencyMissingError', 'Jaeger CRD is not installed'),
      cond('Ready', 'False', 'ComponentsNotReady'),
    ];
    expect(smcpHealth(smcp)).toEqual({
      state: 'degraded',
      reason: 'DependencyMissingError',
      message: 'Jaeger CRD is not installed',
    });
  });

  it('is progressing while components are starting', () => {
    const smcp = readySmcp();
    smcp.status!.conditions = [
      cond('Ready', 'False', 'ComponentsNotReady', 'some components are not ready'),
    ];
    expect(smcpHealth(smcp)).toEqual({
      state: 'progressing',
      reason: 'ComponentsNotReady',
      message: 'some components are not ready',
    });
  });
});
