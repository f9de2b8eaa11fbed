import type { ClusterServiceVersion, InstallPlan, Subscription } from '../../models';
import { deriveOperatorStatus } from './operatorStatus';

const sub = (status: Subscription['status'] = {}): Subscription => ({
  metadata: { name: 'servicemeshoperator3', namespace: 'openshift-operators' },
  spec: {
    name: 'servicemeshoperator3',
    source: 'redhat-operators',
    sourceNamespace: 'openshift-marketplace',
    channel: 'stable',
  },
  status,
});
const plan = (
  phase: NonNullable<InstallPlan['status']>['phase'],
  approved = true,
): InstallPlan => ({
  metadata: { name: 'install-abc', namespace: 'openshift-operators' },
  spec: {
    approval: approved ? 'Automatic' : 'Manual',
    approved,
    clusterServiceVersionNames: ['servicemeshoperator3.v3.4.0'],
  },
  status: { phase },
});
const csv = (
  phase: NonNullable<ClusterServiceVersion['status']>['phase'],
  message?: string,
): ClusterServiceVersion => ({
  metadata: { name: 'servicemeshoperator3.v3.4.0', namespace: 'openshift-operators' },
  status: { phase, message, reason: phase === 'Failed' ? 'InstallComponentFailed' : undefined },
});
const ref = { installPlanRef: { name: 'install-abc', namespace: 'openshift-operators' } };
const cond = (type: string, message = `${type} message`) => ({
  type,
  status: 'True' as const,
  message,
});

describe('deriveOperatorStatus', () => {
  it('is not started without a Subscription', () => {
    expect(deriveOperatorStatus({})).toEqual({ state: 'not-started' });
  });

  it('is resolving before OLM creates an install plan, or while the bundle unpacks', () => {
    expect(deriveOperatorStatus({ subscription: sub() }).state).toBe('resolving');
    expect(
      deriveOperatorStatus({ subscription: sub({ ...ref, conditions: [cond('BundleUnpacking')] }) })
        .state,
    ).toBe('resolving');
  });

  it('needs approval for an unapproved Manual plan, naming the plan and what it installs', () => {
    const status = deriveOperatorStatus({
      subscription: sub({ ...ref, conditions: [cond('InstallPlanPending', 'RequiresApproval')] }),
      installPlan: plan('RequiresApproval', false),
    });
    expect(status).toEqual({
      state: 'needs-approval',
      message: 'RequiresApproval',
      installPlan: {
        name: 'install-abc',
        namespace: 'openshift-operators',
        csvNames: ['servicemeshoperator3.v3.4.0'],
      },
    });
  });

  it('is installing once approved, while the plan runs, and while the CSV installs', () => {
    expect(
      deriveOperatorStatus({ subscription: sub(ref), installPlan: plan('RequiresApproval', true) })
        .state,
    ).toBe('installing');
    expect(
      deriveOperatorStatus({ subscription: sub(ref), installPlan: plan('Planning') }).state,
    ).toBe('installing');
    expect(
      deriveOperatorStatus({ subscription: sub(ref), installPlan: plan('Installing') }).state,
    ).toBe('installing');
    for (const phase of ['Pending', 'InstallReady', 'Installing', 'Replacing'] as const) {
      expect(
        deriveOperatorStatus({
          subscription: sub({ ...ref, installedCSV: 'servicemeshoperator3.v3.4.0' }),
          installPlan: plan('Complete'),
          csv: csv(phase),
        }).state,
      ).toBe('installing');
    }
  });

  it('is installing when the plan completed but the CSV is not visible yet', () => {
    expect(
      deriveOperatorStatus({
        subscription: sub({ ...ref, installedCSV: 'servicemeshoperator3.v3.4.0' }),
        installPlan: plan('Complete'),
      }).state,
    ).toBe('installing');
  });

  it('is done only when the installed CSV has Succeeded', () => {
    expect(
      deriveOperatorStatus({
        subscription: sub({ ...ref, installedCSV: 'servicemeshoperator3.v3.4.0' }),
        installPlan: plan('Complete'),
        csv: csv('Succeeded'),
      }),
    ).toEqual({ state: 'done', installedCSV: 'servicemeshoperator3.v3.4.0' });
    // currentCSV alone (an upgrade pending) is not an install.
    expect(
      deriveOperatorStatus({
        subscription: sub({ ...ref, currentCSV: 'x' }),
        installPlan: plan('Installing'),
      }).state,
    ).toBe('installing');
  });

  it.each([
    'ResolutionFailed',
    'CatalogSourcesUnhealthy',
    'BundleUnpackFailed',
    'InstallPlanFailed',
  ])('fails with OLM’s message on %s', (type) => {
    expect(
      deriveOperatorStatus({
        subscription: sub({ conditions: [cond(type, 'constraints not satisfiable')] }),
      }),
    ).toEqual({
      state: 'failed',
      message: 'constraints not satisfiable',
    });
  });

  it('fails when the plan or the CSV failed, or an upgrade failed', () => {
    const failedPlan = plan('Failed');
    failedPlan.status!.conditions = [
      { type: 'Installed', status: 'False', message: 'bundle lookup failed' },
    ];
    expect(deriveOperatorStatus({ subscription: sub(ref), installPlan: failedPlan })).toEqual({
      state: 'failed',
      message: 'bundle lookup failed',
    });
    expect(
      deriveOperatorStatus({
        subscription: sub({ ...ref, installedCSV: 'servicemeshoperator3.v3.4.0' }),
        installPlan: plan('Complete'),
        csv: csv('Failed', 'install strategy failed: deployment not ready'),
      }),
    ).toMatchObject({ state: 'failed', message: 'install strategy failed: deployment not ready' });
    expect(
      deriveOperatorStatus({ subscription: sub({ ...ref, state: 'UpgradeFailed' }) }).state,
    ).toBe('failed');
  });

  it('a false failure condition is not a failure', () => {
    const s = sub({ ...ref, conditions: [{ type: 'ResolutionFailed', status: 'False' }] });
    expect(deriveOperatorStatus({ subscription: s, installPlan: plan('Installing') }).state).toBe(
      'installing',
    );
  });
});
