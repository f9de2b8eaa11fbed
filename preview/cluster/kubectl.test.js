'use strict';
// Conformance with a real kubectl (v1.33): if kubectl is happy with the stand-in, the
// semantics it relies on (discovery, apply's three-way patch, watch, errors) are right.
const { execFile, execFileSync, spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { afterAll, beforeAll, describe, expect, it } = require('@jest/globals');
const { startServer, until } = require('./testing');

const ROOT = path.resolve(__dirname, '../..');
const KUBECTL = path.join(ROOT, '.tools/bin/kubectl');

let server;
let dir;
let env;

/** Run kubectl; resolves {code, stdout, stderr} (never rejects on a non-zero exit). */
const kubectl = (args, input) =>
  new Promise((resolve) => {
    const child = execFile(KUBECTL, args, { env, timeout: 20000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin.end(input);
  });

const file = (name, text) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

beforeAll(async () => {
  if (!fs.existsSync(KUBECTL)) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/install-tools.js')], {
      stdio: 'inherit',
    });
  }
  server = await startServer(['--scenario', 'mesh3', '--speed', '0.05']);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stand-in-kubectl-'));
  const kubeconfig = file(
    'kubeconfig',
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- {name: preview, cluster: {server: "${server.url}"}}`,
      'users:',
      '- {name: preview, user: {token: preview}}',
      'contexts:',
      '- {name: preview, context: {cluster: preview, user: preview, namespace: bookinfo}}',
      'current-context: preview',
      '',
    ].join('\n'),
  );
  // A private HOME keeps kubectl's discovery cache away from other runs and ports.
  env = { ...process.env, KUBECONFIG: kubeconfig, HOME: dir };
}, 120000);

afterAll(async () => {
  if (server) await server.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  labels: {team: a}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
`;
const CORE = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {mode: demo}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
`;

describe('kubectl against the stand-in', () => {
  it('api-resources lists the installed kinds, not absent ones', async () => {
    const r = await kubectl(['api-resources']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^virtualservices\s+vs\s+networking\.istio\.io\/v1\s+true\s+VirtualService$/m,
    );
    expect(r.stdout).toMatch(/^istios\s+sailoperator\.io\/v1\s+false\s+Istio$/m);
    expect(r.stdout).toMatch(/^pods\s+po\s+v1\s+true\s+Pod$/m);
    expect(r.stdout).toMatch(/^httproutes\s+gateway\.networking\.k8s\.io\/v1\s+true\s+HTTPRoute$/m);
    expect(r.stdout).not.toMatch(/maistra\.io/);
  });

  it('apply creates, and re-applying unchanged reports "unchanged"', async () => {
    const f = file('apply.yaml', `${VS}---\n${CORE}`);
    const first = await kubectl(['apply', '-f', f]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('virtualservice.networking.istio.io/reviews created');
    expect(first.stdout).toContain('configmap/settings created');
    expect(first.stdout).toContain('service/web created');
    const again = await kubectl(['apply', '-f', f]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('virtualservice.networking.istio.io/reviews unchanged');
    expect(again.stdout).toContain('configmap/settings unchanged');
    expect(again.stdout).toContain('service/web unchanged');
    // A changed manifest is patched (three-way merge against last-applied).
    const changed = await kubectl([
      'apply',
      '-f',
      file('apply2.yaml', VS.replace('team: a', 'team: b')),
    ]);
    expect(changed.stdout).toContain('virtualservice.networking.istio.io/reviews configured');
    const got = await kubectl(['get', 'vs', 'reviews', '-o', 'jsonpath={.metadata.labels.team}']);
    expect(got.stdout).toBe('b');
  });

  it('patches with --type merge and --type json (a failing test op is rejected)', async () => {
    const m = await kubectl([
      'patch',
      'vs',
      'reviews',
      '--type',
      'merge',
      '-p',
      '{"spec":{"hosts":["reviews","ratings"]}}',
    ]);
    expect(m.code).toBe(0);
    expect(m.stdout).toContain('virtualservice.networking.istio.io/reviews patched');
    const j = await kubectl([
      'patch',
      'vs',
      'reviews',
      '--type',
      'json',
      '-p',
      '[{"op":"test","path":"/spec/hosts/1","value":"ratings"},{"op":"remove","path":"/spec/hosts/1"}]',
    ]);
    expect(j.code).toBe(0);
    const failing = await kubectl([
      'patch',
      'vs',
      'reviews',
      '--type',
      'json',
      '-p',
      '[{"op":"test","path":"/spec/hosts/0","value":"nope"},{"op":"remove","path":"/spec/hosts/0"}]',
    ]);
    expect(failing.code).not.toBe(0);
    expect(failing.stderr).toContain('The request is invalid');
    const hosts = await kubectl(['get', 'vs', 'reviews', '-o', 'jsonpath={.spec.hosts}']);
    expect(JSON.parse(hosts.stdout)).toEqual(['reviews']);
  });

  it('get -l applies label selectors', async () => {
    const r = await kubectl(['get', 'pods', '-l', 'app=reviews,version in (v2,v3)', '-o', 'name']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => /^pod\/reviews-v[23]-/.test(l))).toBe(true);
    const none = await kubectl(['get', 'pods', '-l', '!app']);
    expect(none.stderr).toContain('No resources found in bookinfo namespace.');
  });

  it('get -w receives events for later changes', async () => {
    const w = spawn(KUBECTL, ['get', 'configmaps', '-w', '--output-watch-events'], { env });
    let out = '';
    w.stdout.on('data', (d) => (out += d));
    try {
      // The initial list arrives as ADDED events, then live changes follow.
      await until(() => /ADDED\s+settings\s/.test(out), 8000, 'initial list');
      const c = await kubectl(['create', 'configmap', 'watched', '--from-literal=a=1']);
      expect(c.code).toBe(0);
      await until(() => /ADDED\s+watched\s/.test(out), 8000, 'ADDED event');
      await kubectl(['delete', 'configmap', 'watched']);
      await until(() => /DELETED\s+watched\s/.test(out), 8000, 'DELETED event');
      expect(out.split('\n')[0]).toMatch(/^EVENT\s+NAME\s+AGE$/);
    } finally {
      w.kill('SIGTERM');
    }
  }, 30000);

  it('replace with a stale resourceVersion fails with Conflict', async () => {
    const cur = await kubectl(['get', 'configmap', 'settings', '-o', 'yaml']);
    const stale = file('stale.yaml', cur.stdout.replace('mode: demo', 'mode: stale'));
    expect((await kubectl(['label', 'configmap', 'settings', 'touched=yes'])).code).toBe(0);
    const r = await kubectl(['replace', '-f', stale]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Error from server (Conflict)');
    expect(r.stderr).toContain('the object has been modified');
    const ok = await kubectl([
      'replace',
      '-f',
      file('fresh.yaml', (await kubectl(['get', 'configmap', 'settings', '-o', 'yaml'])).stdout),
    ]);
    expect(ok.code).toBe(0);
  });

  it('an invalid Istio object is rejected naming the field (422)', async () => {
    const bad = VS.replace('name: reviews', 'name: broken').replace(
      'hosts: [reviews]',
      'hosts: reviews',
    );
    const r = await kubectl(['apply', '-f', file('bad.yaml', bad)]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('The VirtualService "broken" is invalid: spec.hosts: Invalid value');
    const dry = await kubectl(['create', '-f', file('bad2.yaml', bad), '--dry-run=server']);
    expect(dry.code).not.toBe(0);
    expect((await kubectl(['get', 'vs', 'broken'])).stderr).toContain('NotFound');
  });

  it('serves the Gateway API kinds: apply, get, and schema errors naming the field', async () => {
    const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: reviews}
spec:
  parentRefs: [{group: "", kind: Service, name: reviews, port: 9080}]
  rules:
  - backendRefs: [{name: reviews, port: 9080}]
`;
    const applied = await kubectl(['apply', '-f', file('route.yaml', route)]);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toContain('httproute.gateway.networking.k8s.io/reviews created');
    const routes = await kubectl(['get', 'httproutes', '-o', 'name']);
    expect(routes.stdout.trim()).toBe('httproute.gateway.networking.k8s.io/reviews');
    // istiod has created its classes on this cluster (mesh3's Istio is Ready).
    const classes = await kubectl(['get', 'gatewayclasses', '-o', 'name']);
    expect(classes.stdout).toContain('gatewayclass.gateway.networking.k8s.io/istio-waypoint');
    // Both APIs have a Gateway kind; the group picks one, as on a real cluster.
    const gateways = await kubectl(['get', 'gateways.gateway.networking.k8s.io']);
    expect(gateways.code).toBe(0);
    expect(gateways.stderr).toContain('No resources found in bookinfo namespace.');
    const badRoute = route
      .replace('{name: reviews}', '{name: bad}')
      .replace(
        '- backendRefs: [{name: reviews, port: 9080}]',
        '- backendRefs: [{name: reviews, port: 9080, weight: -1}]',
      );
    const bad = await kubectl(['apply', '-f', file('bad-route.yaml', badRoute)]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain(
      'The HTTPRoute "bad" is invalid: spec.rules[0].backendRefs[0].weight',
    );
  });

  it('server-side dry run persists nothing', async () => {
    const r = await kubectl([
      'create',
      'configmap',
      'dry',
      '--from-literal=a=1',
      '--dry-run=server',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('configmap/dry created (server dry run)');
    expect((await kubectl(['get', 'configmap', 'dry'])).code).not.toBe(0);
  });

  it('auth can-i answers for admin and the developer (impersonated)', async () => {
    expect(
      (
        await kubectl([
          'auth',
          'can-i',
          'create',
          'subscriptions.operators.coreos.com',
          '-n',
          'openshift-operators',
        ])
      ).stdout.trim(),
    ).toBe('yes');
    expect(
      (await kubectl(['auth', 'can-i', 'list', 'pods', '--as', 'developer'])).stdout.trim(),
    ).toBe('yes');
    expect(
      (await kubectl(['auth', 'can-i', 'create', 'pods', '--as', 'developer'])).stdout.trim(),
    ).toBe('no');
    const denied = await kubectl(['get', 'namespaces', '--as', 'developer']);
    expect(denied.stderr).toContain(
      'Error from server (Forbidden): namespaces is forbidden: User "developer" cannot list resource "namespaces" in API group "" at the cluster scope',
    );
  });
});

describe('kubectl against the OpenShift parts of the stand-in', () => {
  const developerSettings =
    'user-settings-88fa0d759f845b47c044c2cd44e29082cf6fea665c30c146374ec7c8f3d699e3';

  it('projects mirror namespaces, and a user sees only the projects they may read', async () => {
    const admin = await kubectl(['get', 'projects', '-o', 'name']);
    expect(admin.code).toBe(0);
    expect(admin.stdout).toContain('project.project.openshift.io/bookinfo');
    expect(admin.stdout).toContain('project.project.openshift.io/openshift-monitoring');
    const developer = await kubectl(['get', 'projects', '-o', 'name', '--as', 'developer']);
    expect(developer.code).toBe(0);
    expect(developer.stdout.trim()).toBe('project.project.openshift.io/bookinfo');
    const hidden = await kubectl(['get', 'project', 'istio-system', '--as', 'developer']);
    expect(hidden.stderr).toContain('"istio-system" not found');
  });

  it('every namespace gets its default ServiceAccount, as on any cluster', async () => {
    expect((await kubectl(['get', 'serviceaccount', 'default', '-n', 'bookinfo'])).code).toBe(0);
    expect((await kubectl(['create', 'namespace', 'fresh'])).code).toBe(0);
    await until(
      async () => (await kubectl(['get', 'serviceaccount', 'default', '-n', 'fresh'])).code === 0,
      8000,
      'default ServiceAccount in a new namespace',
    );
  });

  it("a user's Role grants exactly its resourceNames: the console's user-settings ConfigMap", async () => {
    const can = async (verb, what) =>
      (
        await kubectl([
          'auth',
          'can-i',
          verb,
          what,
          '-n',
          'openshift-console-user-settings',
          '--as',
          'developer',
        ])
      ).stdout.trim();
    expect(await can('patch', `configmap/${developerSettings}`)).toBe('yes');
    expect(await can('get', 'configmap/user-settings-kubeadmin')).toBe('no');
    expect(await can('delete', `configmap/${developerSettings}`)).toBe('no');
    const own = await kubectl([
      'get',
      'configmap',
      developerSettings,
      '-n',
      'openshift-console-user-settings',
      '--as',
      'developer',
    ]);
    expect(own.code).toBe(0);
  });
});
