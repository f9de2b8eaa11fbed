// files/console-plugins.sh, the hook Jobs' merge logic, run as the Job runs it (/bin/sh) against
// a fake `oc`/`kubectl` that holds the cluster's Console object. Every call the fake answers is
// then replayed through the real kubectl (`patch --local`, no cluster needed), so the fake
// cannot drift from kubectl's JSONPath output and JSON-patch semantics.
/* global afterAll, beforeAll, describe, expect, test -- Jest globals; the repo's ESLint config declares them for *.test.ts(x) only. */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chartDir, ensureTools, kubectlBin } = require('./support/helm');

beforeAll(ensureTools, 10 * 60 * 1000);

const SCRIPT = path.join(chartDir, 'files', 'console-plugins.sh');
const FAKE = path.join(__dirname, 'support', 'fake-cli.js');
const NAME = 'mesh-console-plugin';

// The Job's image runs bash as /bin/sh; here /bin/sh may be dash. Both must work.
const SHELLS = ['/bin/sh', '/bin/bash', '/bin/dash'].filter(
  (s, i, all) =>
    fs.existsSync(s) && all.findIndex((o) => fs.realpathSync(o) === fs.realpathSync(s)) === i,
);

const consoleObject = (spec, rv = '100') => ({
  apiVersion: 'operator.openshift.io/v1',
  kind: 'Console',
  metadata: { name: 'cluster', resourceVersion: rv },
  ...(spec === undefined ? {} : { spec }),
});

let dirs = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/**
 * Runs the script with only the fake CLI (and a no-op sleep) on PATH, so neither a real oc nor
 * a real kubectl on this machine can be reached.
 */
const run = (
  action,
  {
    console: obj,
    raceAdds = [],
    forbid = [],
    clis = ['oc', 'kubectl'],
    shell = '/bin/sh',
    env = {},
  },
) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-script-'));
  dirs.push(dir);
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  for (const cli of clis) {
    fs.writeFileSync(
      path.join(bin, cli),
      `#!/bin/sh\nexec "${process.execPath}" "${FAKE}" "$@"\n`,
      {
        mode: 0o755,
      },
    );
  }
  fs.writeFileSync(path.join(bin, 'sleep'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  const state = path.join(dir, 'state.json');
  const log = path.join(dir, 'calls.jsonl');
  fs.writeFileSync(state, JSON.stringify({ console: obj, raceAdds, forbid }));
  const r = spawnSync(shell, [SCRIPT, action], {
    encoding: 'utf8',
    env: { PATH: bin, PLUGIN_NAME: NAME, FAKE_STATE: state, FAKE_LOG: log, ...env },
  });
  const calls = fs.existsSync(log)
    ? fs
        .readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
    : [];
  return {
    status: r.status,
    stderr: r.stderr,
    console: JSON.parse(fs.readFileSync(state, 'utf8')).console,
    calls,
    patches: calls.filter((c) => c.argv[0] === 'patch'),
  };
};

/** kubectl's own answer for `args` applied to `obj`, computed locally. */
const realKubectl = (obj, args) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-kubectl-'));
  dirs.push(dir);
  const file = path.join(dir, 'console.json');
  fs.writeFileSync(file, JSON.stringify(obj));
  const r = spawnSync(kubectlBin, ['patch', '--local', '-f', file, '--type=json', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, KUBECONFIG: '/dev/null', HOME: dir },
  });
  return { ok: r.status === 0, out: r.stdout };
};

/** Every get -o jsonpath and every patch the fake answered gives the same result in kubectl. */
const expectKubectlAgrees = (calls) => {
  for (const c of calls) {
    const output = c.argv.find((a, i) => c.argv[i - 1] === '-o' || a.startsWith('-o='));
    if (c.argv[0] === 'get' && output && output.startsWith('jsonpath=')) {
      const real = realKubectl(c.before, ['-p', '[]', '-o', output]);
      expect({ jsonpath: output, out: c.out }).toEqual({ jsonpath: output, out: real.out });
    }
    if (c.argv[0] === 'patch') {
      const real = realKubectl(c.before, ['-p', JSON.stringify(c.ops), '-o', 'json']);
      expect({ ops: c.ops, ok: c.ok }).toEqual({ ops: c.ops, ok: real.ok });
      if (real.ok) {
        // kubectl --local does not bump resourceVersion; the API server (and the fake) do.
        expect(c.after.spec).toEqual(JSON.parse(real.out).spec);
      }
    }
  }
};

const plugins = (r) => r.console.spec && r.console.spec.plugins;

describe.each(SHELLS)('with %s', (shell) => {
  const go = (action, opts) => {
    const r = run(action, { shell, ...opts });
    expectKubectlAgrees(r.calls);
    return r;
  };

  describe('enable', () => {
    test('appends the plugin and keeps other plugins in their order', () => {
      const r = go('enable', {
        console: consoleObject({ plugins: ['odf-console', 'kubevirt-plugin'] }),
      });
      expect(r.status).toBe(0);
      expect(plugins(r)).toEqual(['odf-console', 'kubevirt-plugin', NAME]);
      expect(r.console.metadata.resourceVersion).toBe('101');
    });

    test('creates spec.plugins when absent and keeps the rest of spec', () => {
      const r = go('enable', { console: consoleObject({ managementState: 'Managed' }) });
      expect(r.status).toBe(0);
      expect(r.console.spec).toEqual({ managementState: 'Managed', plugins: [NAME] });
    });

    test('fills an empty list, and creates spec when the object has none', () => {
      expect(plugins(go('enable', { console: consoleObject({ plugins: [] }) }))).toEqual([NAME]);
      expect(go('enable', { console: consoleObject(undefined) }).console.spec).toEqual({
        plugins: [NAME],
      });
    });

    test('never duplicates: already listed means no write at all', () => {
      const r = go('enable', { console: consoleObject({ plugins: ['a', NAME, 'b'] }) });
      expect(r.status).toBe(0);
      expect(r.patches).toEqual([]);
      expect(plugins(r)).toEqual(['a', NAME, 'b']);
      expect(r.stderr).toContain('already enabled');
    });

    test('is idempotent: a second run (helm upgrade) changes nothing', () => {
      const first = go('enable', { console: consoleObject({ plugins: ['a'] }) });
      const second = go('enable', { console: first.console });
      expect(second.status).toBe(0);
      expect(second.patches).toEqual([]);
      expect(second.console).toEqual(first.console);
      expect(plugins(second)).toEqual(['a', NAME]);
    });

    test('does not overwrite a plugin another writer added between read and patch', () => {
      const r = go('enable', {
        console: consoleObject({ plugins: ['a'] }),
        raceAdds: ['late-plugin'],
      });
      expect(r.status).toBe(0);
      expect(plugins(r)).toEqual(['a', 'late-plugin', NAME]);
      // The first patch was refused by its resourceVersion test; the second was planned anew.
      expect(r.patches.map((p) => p.ok)).toEqual([false, true]);
      expect(r.patches[0].ops[0]).toEqual({
        op: 'test',
        path: '/metadata/resourceVersion',
        value: '100',
      });
    });

    test('the guard also protects the create-the-list case', () => {
      // Without the test op, "add /spec/plugins" would replace the list another writer created.
      const r = go('enable', { console: consoleObject({}), raceAdds: ['late-plugin'] });
      expect(plugins(r)).toEqual(['late-plugin', NAME]);
    });

    test('gives up, failing the Job, when the Console keeps changing', () => {
      const r = go('enable', {
        console: consoleObject({ plugins: ['a'] }),
        raceAdds: ['x1', 'x2', 'x3', 'x4'],
        env: { MAX_ATTEMPTS: '3' },
      });
      expect(r.status).not.toBe(0);
      expect(r.patches.length).toBe(3);
      expect(plugins(r)).toEqual(['a', 'x1', 'x2', 'x3']);
      expect(r.stderr).toContain('giving up after 3 attempts');
    });

    test('fails when the cluster has no Console object', () => {
      const r = go('enable', { console: null });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('console operator is not installed');
    });

    test('fails loudly without permission to patch, changing nothing', () => {
      const before = consoleObject({ plugins: ['a'] });
      const r = go('enable', { console: before, forbid: ['patch'], env: { MAX_ATTEMPTS: '1' } });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('Forbidden');
      expect(r.console).toEqual(before);
    });
  });

  describe('disable (helm uninstall)', () => {
    test('removes only this plugin', () => {
      const r = go('disable', { console: consoleObject({ plugins: ['a', NAME, 'b'] }) });
      expect(r.status).toBe(0);
      expect(plugins(r)).toEqual(['a', 'b']);
    });

    test('removes every copy if the list holds it more than once', () => {
      const r = go('disable', { console: consoleObject({ plugins: [NAME, 'a', NAME, 'b'] }) });
      expect(plugins(r)).toEqual(['a', 'b']);
      expect(r.patches.length).toBe(1);
    });

    test('leaves an empty list when it was the only plugin', () => {
      expect(plugins(go('disable', { console: consoleObject({ plugins: [NAME] }) }))).toEqual([]);
    });

    test('does nothing when the plugin is not listed or there is no list', () => {
      for (const spec of [{ plugins: ['a'] }, { managementState: 'Managed' }, undefined]) {
        const before = consoleObject(spec);
        const r = go('disable', { console: before });
        expect(r.status).toBe(0);
        expect(r.patches).toEqual([]);
        expect(r.console).toEqual(before);
      }
    });

    test('does not block uninstall on a cluster without a Console object', () => {
      const r = go('disable', { console: null });
      expect(r.status).toBe(0);
      expect(r.stderr).toContain('nothing to remove');
    });

    test('keeps a plugin another writer added meanwhile', () => {
      const r = go('disable', {
        console: consoleObject({ plugins: ['a', NAME] }),
        raceAdds: ['late'],
      });
      expect(r.status).toBe(0);
      expect(plugins(r)).toEqual(['a', 'late']);
    });

    test('enable then disable restores the original list', () => {
      const original = consoleObject({ plugins: ['a', 'b'] });
      const enabled = go('enable', { console: original });
      const disabled = go('disable', { console: enabled.console });
      expect(plugins(disabled)).toEqual(['a', 'b']);
    });
  });
});

describe('environment', () => {
  test('uses kubectl when oc is not on PATH', () => {
    const r = run('enable', { console: consoleObject({ plugins: ['a'] }), clis: ['kubectl'] });
    expect(r.status).toBe(0);
    expect(plugins(r)).toEqual(['a', NAME]);
  });

  test('fails without oc or kubectl', () => {
    const r = run('enable', { console: consoleObject({}), clis: [] });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('neither oc nor kubectl');
  });

  test.each([
    ['', 'empty'],
    ['Mesh_Plugin', 'invalid'],
    ['x","value":"y', 'JSON injection'],
  ])('refuses PLUGIN_NAME %j (%s) before calling the cluster', (name) => {
    const r = run('enable', { console: consoleObject({}), env: { PLUGIN_NAME: name } });
    expect(r.status).toBe(2);
    expect(r.calls).toEqual([]);
  });

  test('refuses an unknown action', () => {
    const r = run('toggle', { console: consoleObject({}) });
    expect(r.status).toBe(2);
    expect(r.calls).toEqual([]);
  });
});

describe('the fake itself', () => {
  // Edge cases where a naive fake would differ from the API server's JSON patch: they must
  // fail in both, or the scenario tests above could pass against a lenient fake.
  test.each([
    [{ plugins: ['a'] }, [{ op: 'add', path: '/spec/plugins/5', value: 'x' }]],
    [{}, [{ op: 'add', path: '/spec/plugins/-', value: 'x' }]],
    [{ plugins: ['a'] }, [{ op: 'remove', path: '/spec/plugins/1' }]],
    [{ plugins: ['a'] }, [{ op: 'test', path: '/spec/plugins/0', value: 'b' }]],
    [
      { plugins: ['a', 'b'] },
      [
        { op: 'remove', path: '/spec/plugins/0' },
        { op: 'test', path: '/metadata/resourceVersion', value: '1' },
      ],
    ],
  ])('rejects %j + %j as kubectl does', (spec, ops) => {
    const obj = consoleObject(spec);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-fake-'));
    dirs.push(dir);
    const state = path.join(dir, 'state.json');
    fs.writeFileSync(state, JSON.stringify({ console: obj }));
    const fake = spawnSync(
      process.execPath,
      [
        FAKE,
        'patch',
        'consoles.operator.openshift.io',
        'cluster',
        '--type=json',
        '-p',
        JSON.stringify(ops),
      ],
      { encoding: 'utf8', env: { FAKE_STATE: state } },
    );
    expect(fake.status).not.toBe(0);
    expect(realKubectl(obj, ['-p', JSON.stringify(ops), '-o', 'json']).ok).toBe(false);
    // Atomic: a failed patch leaves the object untouched.
    expect(JSON.parse(fs.readFileSync(state, 'utf8')).console).toEqual(obj);
  });

  test('prints objects in JSONPath as kubectl does (sorted keys, compact)', () => {
    const obj = consoleObject({
      plugins: ['a'],
      customization: { brand: 'x', addPage: { y: [1] } },
    });
    const tmpl =
      'jsonpath={.spec}{"\\n"}{.spec.plugins}{"\\n"}{range .spec.plugins[*]}{@}{"\\n"}{end}';
    const { jsonpath } = require('./support/fake-cli');
    expect(jsonpath(tmpl.slice('jsonpath='.length), obj)).toBe(
      realKubectl(obj, ['-p', '[]', '-o', tmpl]).out,
    );
  });
});
