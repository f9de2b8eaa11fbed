// The hook Jobs that add the plugin to the Console (opt-in) and remove it on uninstall: when
// Helm runs them, in which order, what they may touch, and how they run.
/* global beforeAll, describe, expect, test -- Jest globals; the repo's ESLint config declares them for *.test.ts(x) only. */
const fs = require('fs');
const path = require('path');
const { chartDir, ensureTools, find, render } = require('./support/helm');

beforeAll(ensureTools, 10 * 60 * 1000);

const hooksOf = (objects) => objects.filter((o) => (o.metadata.annotations || {})['helm.sh/hook']);
const annotation = (o, k) => o.metadata.annotations[k];
const events = (o) => annotation(o, 'helm.sh/hook').split(',').sort();
const weight = (o) => Number(annotation(o, 'helm.sh/hook-weight'));

describe('opt-in', () => {
  test('off by default: nothing runs after install or upgrade', () => {
    const hooks = hooksOf(render());
    expect(hooks.filter((h) => events(h).some((e) => e.startsWith('post-')))).toEqual([]);
  });

  test('on: an enable Job after install and upgrade, a disable Job before delete', () => {
    const jobs = render(['--set', 'consolePlugin.enable=true']).filter((o) => o.kind === 'Job');
    const byAction = Object.fromEntries(
      jobs.map((j) => [j.spec.template.spec.containers[0].command[2], j]),
    );
    expect(Object.keys(byAction).sort()).toEqual(['disable', 'enable']);
    expect(events(byAction.enable)).toEqual(['post-install', 'post-upgrade']);
    expect(events(byAction.disable)).toEqual(['pre-delete']);
  });

  test('cleanup can be turned off, and then no hook is rendered at all', () => {
    expect(hooksOf(render(['--set', 'consolePlugin.cleanupOnUninstall=false']))).toEqual([]);
  });
});

describe('hook ordering and lifetime', () => {
  const objects = render(['--set', 'consolePlugin.enable=true']);
  const hooks = hooksOf(objects);
  const jobs = hooks.filter((h) => h.kind === 'Job');
  const support = hooks.filter((h) => h.kind !== 'Job');

  test('the Jobs run as hooks only (Helm does not manage them as release objects)', () => {
    expect(objects.filter((o) => o.kind === 'Job').length).toBe(jobs.length);
    expect(support.map((h) => h.kind).sort()).toEqual([
      'ClusterRole',
      'ClusterRoleBinding',
      'ConfigMap',
      'ServiceAccount',
    ]);
  });

  test('RBAC, account and script exist before any Job runs, in every phase a Job runs', () => {
    for (const job of jobs) {
      for (const e of events(job)) {
        for (const s of support) {
          // Helm creates lower weights first within one phase.
          expect([s.kind, e, events(s).includes(e)]).toEqual([s.kind, e, true]);
          expect([s.kind, weight(s) < weight(job)]).toEqual([s.kind, true]);
        }
      }
    }
    // The binding refers to the role and account, so it comes after them.
    const binding = find(support, 'ClusterRoleBinding');
    expect(weight(binding)).toBeGreaterThan(weight(find(support, 'ClusterRole')));
    expect(weight(binding)).toBeGreaterThan(weight(find(support, 'ServiceAccount')));
  });

  test('everything is replaced on the next run and deleted once the phase succeeded', () => {
    for (const h of hooks) {
      expect([h.kind, annotation(h, 'helm.sh/hook-delete-policy').split(',').sort()]).toEqual([
        h.kind,
        ['before-hook-creation', 'hook-succeeded'],
      ]);
    }
  });
});

describe('least privilege', () => {
  const objects = render(['--set', 'consolePlugin.enable=true']);
  const hooks = hooksOf(objects);
  const role = find(hooks, 'ClusterRole');
  const binding = find(hooks, 'ClusterRoleBinding');
  const sa = find(hooks, 'ServiceAccount');

  test('get and patch on consoles.operator.openshift.io named cluster, nothing else', () => {
    expect(role.rules).toEqual([
      {
        apiGroups: ['operator.openshift.io'],
        resources: ['consoles'],
        resourceNames: ['cluster'],
        verbs: ['get', 'patch'],
      },
    ]);
  });

  test('granted only to the Jobs’ own ServiceAccount, which both Jobs use', () => {
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: role.metadata.name,
    });
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: sa.metadata.name, namespace: 'mesh-console' },
    ]);
    for (const job of hooks.filter((h) => h.kind === 'Job')) {
      expect(job.spec.template.spec.serviceAccountName).toBe(sa.metadata.name);
    }
    // The plugin's own pods never get this account.
    expect(find(objects, 'Deployment').spec.template.spec.serviceAccountName).not.toBe(
      sa.metadata.name,
    );
  });
});

describe('the Jobs', () => {
  const objects = render(['--set', 'consolePlugin.enable=true']);
  const jobs = objects.filter((o) => o.kind === 'Job');
  const script = find(hooksOf(objects), 'ConfigMap');

  test('run the script shipped in files/, mounted from the hook ConfigMap', () => {
    const file = fs.readFileSync(path.join(chartDir, 'files', 'console-plugins.sh'), 'utf8');
    expect(script.data['console-plugins.sh']).toBe(file);
    for (const job of jobs) {
      const pod = job.spec.template.spec;
      const [c] = pod.containers;
      const vol = pod.volumes.find((v) => v.configMap);
      expect(vol.configMap.name).toBe(script.metadata.name);
      const mount = c.volumeMounts.find((m) => m.name === vol.name);
      expect(c.command.slice(0, 2)).toEqual(['/bin/sh', `${mount.mountPath}/console-plugins.sh`]);
      expect(c.env).toEqual(
        expect.arrayContaining([{ name: 'PLUGIN_NAME', value: 'mesh-console-plugin' }]),
      );
      expect(pod.restartPolicy).toBe('Never');
      expect(job.spec.activeDeadlineSeconds).toBeGreaterThan(0);
    }
  });

  test('use an image with oc, configurable', () => {
    for (const job of jobs) {
      expect(job.spec.template.spec.containers[0].image).toBe(
        'registry.redhat.io/openshift4/ose-cli:latest',
      );
    }
    const custom = render([
      '--set',
      'consolePlugin.enable=true',
      '--set',
      'enableJob.image.repository=quay.io/openshift/origin-cli',
      '--set',
      'enableJob.image.tag=4.22',
    ]).filter((o) => o.kind === 'Job');
    for (const job of custom) {
      expect(job.spec.template.spec.containers[0].image).toBe('quay.io/openshift/origin-cli:4.22');
    }
  });

  test('run under restricted-v2 with a writable HOME on an emptyDir', () => {
    for (const job of jobs) {
      const pod = job.spec.template.spec;
      const [c] = pod.containers;
      expect(pod.securityContext).toEqual({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(c.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      const home = c.env.find((e) => e.name === 'HOME').value;
      const emptyDirs = pod.volumes.filter((v) => v.emptyDir).map((v) => v.name);
      expect(
        c.volumeMounts.filter((m) => emptyDirs.includes(m.name)).map((m) => m.mountPath),
      ).toContain(home);
    }
  });
});
