import type { Istio, PackageManifest, ServiceMeshControlPlane, Subscription } from '../../models';
import {
  buildInstallPlan,
  defaultChannel,
  detectConflicts,
  findLookalikes,
  nextOperatorToStart,
  resolveTracing,
} from './installPlan';
import type { OperatorStep } from './installPlan';

const pm = (
  name: string,
  catalog = 'redhat-operators',
  defaultCh = 'stable',
  channels = ['stable'],
): PackageManifest => ({
  metadata: {
    name,
    namespace: 'openshift-marketplace',
    labels: { catalog, 'catalog-namespace': 'openshift-marketplace' },
  },
  status: {
    packageName: name,
    catalogSource: catalog,
    catalogSourceNamespace: 'openshift-marketplace',
    defaultChannel: defaultCh,
    channels: channels.map((c) => ({ name: c, currentCSV: `${name}.v1` })),
  },
});

// Today's catalog: no jaeger-product; community look-alikes present.
const TODAY = [
  pm('servicemeshoperator3', 'redhat-operators', 'stable', ['stable', 'stable-3.3', 'stable-3.4']),
  pm('servicemeshoperator'),
  pm('kiali-ossm'),
  pm('tempo-product'),
  pm('opentelemetry-product'),
  pm('elasticsearch-operator', 'redhat-operators', 'stable-5.8', ['stable-5.8']),
  pm('kiali', 'community-operators'),
  pm('sailoperator', 'community-operators'),
];

const sub = (
  name: string,
  namespace = 'openshift-operators',
  source = 'redhat-operators',
): Subscription => ({
  metadata: { name, namespace },
  spec: { name, source, sourceNamespace: 'openshift-marketplace' },
});

const ids = (steps: { id: string }[]) => steps.map((s) => s.id);
const op = (steps: ReturnType<typeof buildInstallPlan>['steps'], id: string) =>
  steps.find((s): s is OperatorStep => s.kind === 'operator' && s.id === id)!;

describe('buildInstallPlan', () => {
  it('orders Service Mesh 3 as documented: operator, control plane, members, metrics, tracing, Kiali', () => {
    const { steps } = buildInstallPlan({ major: 'ossm3', packages: TODAY, subscriptions: [] });
    expect(ids(steps)).toEqual([
      'servicemesh3',
      'control-plane',
      'members',
      'metrics',
      'tempo',
      'opentelemetry',
      'tracing',
      'kiali',
      'kiali-instance',
    ]);
    expect(steps.find((s) => s.id === 'metrics')).toMatchObject({
      kind: 'metrics',
      skippable: true,
      skipped: false,
    });
    expect(steps.find((s) => s.id === 'members')).toMatchObject({ skippable: false });
    const mesh = op(steps, 'servicemesh3');
    expect(mesh).toMatchObject({
      optional: false,
      skipped: false,
      available: true,
      channel: 'stable',
    });
    expect(mesh.channels).toEqual(['stable', 'stable-3.3', 'stable-3.4']);
    expect(mesh.operator).toMatchObject({
      packageName: 'servicemeshoperator3',
      installNamespace: 'openshift-operators',
      operatorGroup: 'global',
    });
    expect(op(steps, 'tempo').operator).toMatchObject({
      installNamespace: 'openshift-tempo-operator',
      operatorGroup: 'create',
    });
  });

  it('takes a chosen channel only if the package offers it', () => {
    const plan = (channel: string) =>
      op(
        buildInstallPlan({
          major: 'ossm3',
          packages: TODAY,
          subscriptions: [],
          choices: { channels: { servicemesh3: channel } },
        }).steps,
        'servicemesh3',
      );
    expect(plan('stable-3.3').channel).toBe('stable-3.3');
    expect(plan('stable-9.9').channel).toBe('stable');
  });

  it('orders 2.6 as the 2.x docs do, with Tempo and OpenTelemetry where Jaeger was (removed from the catalog)', () => {
    const { steps, tracing } = buildInstallPlan({
      major: 'ossm2',
      packages: TODAY,
      subscriptions: [],
    });
    expect(tracing).toBe('tempo');
    expect(ids(steps)).toEqual([
      'elasticsearch',
      'tempo',
      'opentelemetry',
      'kiali',
      'servicemesh2',
      'control-plane',
      'members',
    ]);
    expect(op(steps, 'tempo').notes).toContainEqual({
      code: 'jaeger-removed',
      replacement: ['tempo', 'opentelemetry'],
    });
    expect(op(steps, 'elasticsearch')).toMatchObject({
      optional: true,
      notes: [{ code: 'deprecated' }],
    });
  });

  it('keeps the documented Jaeger step when the catalog still has it', () => {
    const { steps, tracing } = buildInstallPlan({
      major: 'ossm2',
      packages: [...TODAY, pm('jaeger-product')],
      subscriptions: [],
    });
    expect(tracing).toBe('jaeger');
    expect(ids(steps)).toEqual([
      'elasticsearch',
      'jaeger',
      'kiali',
      'servicemesh2',
      'control-plane',
      'members',
    ]);
  });

  it('offers no tracing at all when chosen', () => {
    const { steps } = buildInstallPlan({
      major: 'ossm2',
      packages: TODAY,
      subscriptions: [],
      choices: { tracing: 'none' },
    });
    expect(ids(steps)).toEqual([
      'elasticsearch',
      'kiali',
      'servicemesh2',
      'control-plane',
      'members',
    ]);
  });

  it('never uses a community look-alike: a package only in community-operators counts as missing', () => {
    const communityOnly = TODAY.filter((p) => p.metadata?.name !== 'kiali-ossm');
    const kiali = op(
      buildInstallPlan({ major: 'ossm3', packages: communityOnly, subscriptions: [] }).steps,
      'kiali',
    );
    expect(kiali).toMatchObject({
      available: false,
      skipped: true,
      notes: [{ code: 'package-missing', packageName: 'kiali-ossm' }],
    });
  });

  it('a missing required package is not skipped: the plan cannot proceed past it', () => {
    const none = TODAY.filter((p) => p.metadata?.name !== 'servicemeshoperator3');
    const { steps } = buildInstallPlan({ major: 'ossm3', packages: none, subscriptions: [] });
    expect(op(steps, 'servicemesh3')).toMatchObject({ available: false, skipped: false });
    expect(nextOperatorToStart(steps, {}, () => false)).toBeUndefined();
  });

  it('shows an operator that is already subscribed as existing, wherever it was installed', () => {
    const { steps } = buildInstallPlan({
      major: 'ossm3',
      packages: TODAY,
      subscriptions: [sub('kiali-ossm', 'my-operators')],
    });
    const kiali = op(steps, 'kiali');
    expect(kiali.existing?.metadata?.namespace).toBe('my-operators');
    expect(kiali.notes).toContainEqual({ code: 'installed-elsewhere', namespace: 'my-operators' });
  });

  it('drops the Kiali instance step when the Kiali operator is skipped', () => {
    const { steps } = buildInstallPlan({
      major: 'ossm3',
      packages: TODAY,
      subscriptions: [],
      choices: { skip: ['kiali'] },
    });
    expect(ids(steps)).not.toContain('kiali-instance');
  });

  it('skips the metrics or tracing step when the user says so, and tracing without its operators', () => {
    const chosen = buildInstallPlan({
      major: 'ossm3',
      packages: TODAY,
      subscriptions: [],
      choices: { skipResources: ['metrics'] },
    }).steps;
    expect(chosen.find((s) => s.id === 'metrics')).toMatchObject({
      skipped: true,
      skipReason: 'chosen',
    });
    expect(chosen.find((s) => s.id === 'tracing')).toMatchObject({ skipped: false });
    const noOperators = buildInstallPlan({
      major: 'ossm3',
      packages: TODAY,
      subscriptions: [],
      choices: { skip: ['opentelemetry'] },
    }).steps;
    expect(noOperators.find((s) => s.id === 'tracing')).toMatchObject({
      skipped: true,
      skipReason: 'operators-skipped',
    });
    // A member roll or control plane cannot be skipped.
    const forced = buildInstallPlan({
      major: 'ossm3',
      packages: TODAY,
      subscriptions: [],
      choices: { skipResources: ['members' as never] },
    }).steps;
    expect(forced.find((s) => s.id === 'members')).toMatchObject({ skipped: false });
  });

  it('cannot skip a required operator', () => {
    const { steps } = buildInstallPlan({
      major: 'ossm3',
      packages: TODAY,
      subscriptions: [],
      choices: { skip: ['servicemesh3'] },
    });
    expect(op(steps, 'servicemesh3').skipped).toBe(false);
  });
});

describe('nextOperatorToStart', () => {
  const { steps } = buildInstallPlan({
    major: 'ossm2',
    packages: TODAY,
    subscriptions: [],
    choices: { skip: ['elasticsearch'] },
  });

  it('starts the first chosen operator, and nothing else, on a fresh cluster', () => {
    expect(nextOperatorToStart(steps, {}, () => false)?.id).toBe('tempo');
  });

  it('waits while an earlier operator is installing, needs approval or failed', () => {
    for (const state of ['resolving', 'installing', 'needs-approval', 'failed'] as const) {
      expect(nextOperatorToStart(steps, { tempo: { state } }, () => false)).toBeUndefined();
    }
  });

  it('moves on only when the previous CSV succeeded', () => {
    expect(nextOperatorToStart(steps, { tempo: { state: 'done' } }, () => false)?.id).toBe(
      'opentelemetry',
    );
    expect(
      nextOperatorToStart(
        steps,
        { tempo: { state: 'done' }, opentelemetry: { state: 'done' }, kiali: { state: 'done' } },
        () => false,
      )?.id,
    ).toBe('servicemesh2');
  });

  it('never starts an operator after a control-plane step that is not done yet', () => {
    const mesh3 = buildInstallPlan({ major: 'ossm3', packages: TODAY, subscriptions: [] }).steps;
    expect(
      nextOperatorToStart(mesh3, { servicemesh3: { state: 'done' } }, () => false),
    ).toBeUndefined();
    expect(nextOperatorToStart(mesh3, { servicemesh3: { state: 'done' } }, () => true)?.id).toBe(
      'tempo',
    );
  });

  it('goes past a skipped metrics step to the tracing operators', () => {
    const mesh3 = buildInstallPlan({
      major: 'ossm3',
      packages: TODAY,
      subscriptions: [],
      choices: { skipResources: ['metrics'] },
    }).steps;
    const doneExceptMetrics = (step: { kind: string }) => step.kind !== 'metrics';
    expect(
      nextOperatorToStart(mesh3, { servicemesh3: { state: 'done' } }, doneExceptMetrics)?.id,
    ).toBe('tempo');
  });
});

describe('resolveTracing and defaultChannel', () => {
  it('falls back from Jaeger to Tempo, then to none, by what the catalog has', () => {
    expect(resolveTracing(TODAY, 'jaeger')).toBe('tempo');
    expect(resolveTracing(TODAY.filter((p) => p.metadata?.name !== 'tempo-product'))).toBe('none');
    expect(resolveTracing([...TODAY, pm('jaeger-product')])).toBe('jaeger');
  });

  it('uses the only channel when no default is set', () => {
    const p = pm('x', 'redhat-operators', '', ['fast']);
    expect(defaultChannel(p)).toBe('fast');
    expect(defaultChannel(pm('y', 'redhat-operators', '', ['a', 'b']))).toBeUndefined();
  });
});

describe('detectConflicts and findLookalikes', () => {
  const smcp: ServiceMeshControlPlane = { metadata: { name: 'basic', namespace: 'istio-system' } };
  const istio: Istio = { metadata: { name: 'default' } };

  it('refuses Service Mesh 3 while Service Mesh 2 is subscribed or has a control plane', () => {
    expect(
      detectConflicts('ossm3', {
        subscriptions: [sub('servicemeshoperator')],
        istios: [],
        smcps: [smcp],
      }),
    ).toEqual([
      {
        code: 'other-major-subscription',
        packageName: 'servicemeshoperator',
        namespace: 'openshift-operators',
      },
      {
        code: 'other-major-control-plane',
        kind: 'ServiceMeshControlPlane',
        names: ['istio-system/basic'],
      },
    ]);
  });

  it('refuses 2.6 while Service Mesh 3 is present', () => {
    expect(
      detectConflicts('ossm2', {
        subscriptions: [sub('servicemeshoperator3')],
        istios: [istio],
        smcps: [],
      }),
    ).toEqual([
      {
        code: 'other-major-subscription',
        packageName: 'servicemeshoperator3',
        namespace: 'openshift-operators',
      },
      { code: 'other-major-control-plane', kind: 'Istio', names: ['default'] },
    ]);
    expect(
      detectConflicts('ossm3', {
        subscriptions: [sub('servicemeshoperator3')],
        istios: [istio],
        smcps: [],
      }),
    ).toEqual([]);
  });

  it('finds community look-alikes and our packages installed from another catalog', () => {
    const subs = [
      sub('kiali', 'openshift-operators', 'community-operators'),
      sub('tempo-product', 'x', 'my-mirror'),
      sub('servicemeshoperator3'),
    ];
    expect(findLookalikes(subs).map((s) => s.spec.name)).toEqual(['kiali', 'tempo-product']);
  });
});
