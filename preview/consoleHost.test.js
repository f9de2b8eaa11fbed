'use strict';
// The real-console host: what the console's Go bridge does for its frontend, exercised over real
// HTTP and WebSocket against a console build directory (a minimal one made here, so these run
// without the real build; the real build's own template is rendered too when it is present).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { afterAll, beforeAll, describe, expect, it } = require('@jest/globals');
const WebSocket = require('ws');
const { DEFAULT_CONSOLE_DIST, consoleCsp, renderIndex } = require('./consoleHost');
const { startPreview } = require('./server');

// The template constructs console 4.22's index.html uses, in the same Go template syntax.
const TEMPLATE = `<!doctype html><html><head><base href="[[ .ServerFlags.BasePath ]]"/>[[ if .ServerFlags.CustomProductName ]]<title>[[ .ServerFlags.CustomProductName ]]</title>[[ else ]] [[ if eq .ServerFlags.Branding "okd" ]]<title>OKD</title>[[ end ]] [[ if eq .ServerFlags.Branding "ocp" ]]<title>Red Hat OpenShift</title>[[ end ]] [[ end ]]<script nonce="[[ .ScriptNonce ]]">window.SERVER_FLAGS = [[ .ServerFlags ]];</script></head><body><div id="app"></div></body></html>`;

const makeDist = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-dist-'));
  fs.writeFileSync(path.join(dir, 'index.html'), TEMPLATE);
  fs.mkdirSync(path.join(dir, 'locales', 'en'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'locales', 'en', 'public.json'), '{"Home":"Home"}');
  fs.writeFileSync(path.join(dir, 'main-bundle.js'), 'window.loaded = true;');
  return dir;
};

const flagsOf = (html) =>
  JSON.parse(/window\.SERVER_FLAGS = (\{.*?\});\s*(?:<\/script>|let )/s.exec(html)[1]);

describe('index.html as the bridge renders it', () => {
  it('fills SERVER_FLAGS, the nonce and the branding conditionals', () => {
    const html = renderIndex(TEMPLATE, {
      serverFlags: { basePath: '/', branding: 'okd', customProductName: '', consolePlugins: ['p'] },
      scriptNonce: 'n0nce',
    });
    expect(html).toContain('<base href="/"/>');
    expect(html).toContain('<title>OKD</title>');
    expect(html).not.toContain('Red Hat OpenShift');
    expect(html).toContain('<script nonce="n0nce">');
    expect(flagsOf(html)).toMatchObject({ basePath: '/', consolePlugins: ['p'] });
  });

  it('takes the custom product name branch, and escapes script-breaking characters', () => {
    const html = renderIndex(TEMPLATE, {
      serverFlags: { basePath: '/', branding: 'okd', customProductName: 'Mesh</script>' },
      scriptNonce: 'x',
    });
    expect(html).toContain('<title>Mesh&lt;/script&gt;</title>');
    expect(html).not.toContain('<title>OKD</title>');
    expect(html).toContain('"customProductName":"Mesh\\u003c/script\\u003e"');
  });

  it('refuses template actions it does not implement instead of rendering them wrongly', () => {
    expect(() => renderIndex('[[ range .X ]]', { serverFlags: {}, scriptNonce: '' })).toThrow(
      'not supported',
    );
    expect(() => renderIndex('[[ if .A ]]', { serverFlags: {}, scriptNonce: '' })).toThrow(
      'unterminated',
    );
  });

  const realIndex = path.join(DEFAULT_CONSOLE_DIST, 'index.html');
  it(`renders the real console build's template when it is present (${realIndex})`, () => {
    if (!fs.existsSync(realIndex)) {
      // Nothing to render; the host still fails loudly without it (tested below).
      expect(fs.existsSync(path.dirname(realIndex))).toBe(false);
      return;
    }
    const html = renderIndex(fs.readFileSync(realIndex, 'utf8'), {
      serverFlags: { basePath: '/', branding: 'okd', customProductName: '' },
      scriptNonce: 'abc',
    });
    expect(html).not.toContain('[[');
    expect(html).toContain('<title>OKD</title>');
    expect(flagsOf(html).basePath).toBe('/');
  });
});

describe("the bridge's Content-Security-Policy", () => {
  it('is BuildCSPDirectives: frame-src none, the nonce, localhost:8080 only off-cluster', () => {
    const off = consoleCsp('N', { offCluster: true });
    expect(off).toContain("frame-src 'none'");
    expect(off).toContain("frame-ancestors 'none'");
    expect(off).toMatch(/script-src 'self' console\.redhat\.com [^;]*'unsafe-eval' 'nonce-N'/);
    expect(off).toContain('http://localhost:8080');
    expect(consoleCsp('N')).not.toContain('localhost');
  });
});

describe('a console host over the stand-in cluster', () => {
  let dist;
  let preview;
  let developer;
  beforeAll(async () => {
    dist = makeDist();
    preview = await startPreview({ port: 0, speed: 0.05, host: 'console', consoleDist: dist });
    developer = await startPreview({
      port: 0,
      speed: 0.05,
      host: 'console',
      consoleDist: dist,
      user: 'developer',
    });
  });
  afterAll(async () => {
    await preview?.close();
    await developer?.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const csrf = { cookie: 'csrf-token=t', 'X-CSRFToken': 't' };
  const gql = (base, query, variables) =>
    fetch(`${base}/api/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...csrf },
      body: JSON.stringify({ query, variables }),
    }).then((r) => r.json());

  it('serves index.html with SERVER_FLAGS for an off-cluster console, a CSRF cookie and a Report-Only policy', async () => {
    const res = await fetch(`${preview.url}/k8s/ns/bookinfo/services`);
    const html = await res.text();
    const policy = res.headers.get('content-security-policy-report-only');
    const nonce = /<script nonce="([^"]+)">/.exec(html)[1];
    expect(policy).toContain(`'nonce-${nonce}'`);
    expect(res.headers.get('content-security-policy')).toBeNull();
    expect(res.headers.get('set-cookie')).toMatch(/^csrf-token=/);
    expect(flagsOf(html)).toMatchObject({
      k8sMode: 'off-cluster',
      authDisabled: true,
      consolePlugins: ['mesh-console-plugin'],
      i18nNamespaces: ['plugin__mesh-console-plugin'],
      graphqlBaseURL: '/api/graphql',
      // The bridge with Thanos configured; the stand-in Prometheus answers behind them.
      prometheusBaseURL: '/api/prometheus',
      prometheusTenancyBaseURL: '/api/prometheus-tenancy',
      prometheusPublicURL: '',
      alertManagerBaseURL: '',
      userSettingsLocation: 'configmap',
    });
  });

  it('serves the build under /static/ and the console locales; an unconfigured /api/ is 404', async () => {
    expect(await (await fetch(`${preview.url}/static/main-bundle.js`)).text()).toContain('loaded');
    const locale = await fetch(`${preview.url}/locales/resource.json?lng=en&ns=public`);
    expect(await locale.json()).toEqual({ Home: 'Home' });
    expect((await fetch(`${preview.url}/locales/resource.json?lng=en`)).status).toBe(400);
    const alertmanager = await fetch(`${preview.url}/api/alertmanager/api/v2/alerts`);
    expect(alertmanager.status).toBe(404);
    expect(await alertmanager.text()).toBe('not found');
    const prometheus = await fetch(`${preview.url}/api/prometheus/api/v1/query?query=up`);
    expect(prometheus.status).toBe(200);
    expect(await (await fetch(`${preview.url}/api/check-updates`)).json()).toEqual({
      consoleCommit: '',
      plugins: ['mesh-console-plugin'],
    });
  });

  it('answers GraphQL over HTTP against the Kubernetes API, as the user', async () => {
    const url = await gql(preview.url, 'query URLQuery($url: String!) { fetchURL(url: $url) }', {
      url: '/apis/sailoperator.io/v1',
    });
    expect(JSON.parse(url.data.fetchURL).resources.map((r) => r.name)).toContain('istios');
    const q =
      'query SSARQuery($resource: String, $verb: String, $group: String, $namespace: String) { selfSubjectAccessReview(resource: $resource, verb: $verb, group: $group, namespace: $namespace) { status { allowed } } }';
    const vars = { resource: 'namespaces', verb: 'list', group: '' };
    expect((await gql(preview.url, q, vars)).data.selfSubjectAccessReview.status.allowed).toBe(
      true,
    );
    expect((await gql(developer.url, q, vars)).data.selfSubjectAccessReview.status.allowed).toBe(
      false,
    );
    const who = await gql(
      developer.url,
      'query { selfSubjectReview { status { userInfo { username groups } } } }',
    );
    expect(who.data.selfSubjectReview.status.userInfo.username).toBe('developer');
    // The API server's refusal reaches the client with its status, as the bridge's resolver does.
    const denied = await gql(developer.url, 'query { fetchURL(url: "/api/v1/namespaces") }');
    expect(denied.errors[0].extensions.status).toBe(403);
  });

  it('speaks the graphql-ws protocol of the console client over WebSocket', async () => {
    const ws = new WebSocket(`${preview.url.replace('http', 'ws')}/api/graphql`, 'graphql-ws');
    const messages = [];
    await new Promise((resolve, reject) => {
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: {} })));
      ws.on('error', reject);
      ws.on('message', (m) => {
        const msg = JSON.parse(String(m));
        messages.push(msg);
        if (msg.type === 'connection_ack') {
          ws.send(
            JSON.stringify({
              id: '1',
              type: 'start',
              payload: { query: '{ fetchURL(url: "/version") }' },
            }),
          );
        }
        if (msg.type === 'complete') resolve();
      });
    });
    ws.close();
    expect(messages.map((m) => m.type)).toEqual(['connection_ack', 'data', 'complete']);
    expect(JSON.parse(messages[1].payload.data.fetchURL).gitVersion).toMatch(/^v1\./);
  });

  it("keeps each user's settings in their ConfigMap, which they may then edit themselves", async () => {
    const settings = await fetch(`${developer.url}/api/console/user-settings`, {
      method: 'POST',
      headers: csrf,
    });
    expect(settings.status).toBe(200);
    const cm = await settings.json();
    expect(cm.metadata.namespace).toBe('openshift-console-user-settings');
    expect(cm.metadata.name).toBe(
      'user-settings-88fa0d759f845b47c044c2cd44e29082cf6fea665c30c146374ec7c8f3d699e3',
    );
    const patched = await fetch(
      `${developer.url}/api/kubernetes/api/v1/namespaces/openshift-console-user-settings/configmaps/${cm.metadata.name}`,
      {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/merge-patch+json', ...csrf },
        body: JSON.stringify({ data: { 'console.lastNamespace': '"bookinfo"' } }),
      },
    );
    expect(patched.status).toBe(200);
    const other = await fetch(
      `${developer.url}/api/kubernetes/api/v1/namespaces/openshift-console-user-settings/configmaps/user-settings-kubeadmin`,
    );
    expect(other.status).toBe(403);
    const admin = await (await fetch(`${preview.url}/api/console/user-settings`)).json();
    expect(admin.metadata.name).toBe('user-settings-kubeadmin');
  });

  it('returns CRD printer columns to every user, and 404 for what is not a CRD', async () => {
    const crd = await fetch(`${developer.url}/api/console/crd-columns/istios.sailoperator.io`);
    expect(crd.status).toBe(200);
    expect(typeof (await crd.json())).toBe('object');
    const core = await fetch(`${preview.url}/api/console/crd-columns/services.undefined`);
    expect(core.status).toBe(404);
    expect(await core.json()).toEqual({ error: 'CRD not found' });
  });

  it('refuses writes without the CSRF token, as the bridge does for every authenticated path', async () => {
    const res = await fetch(`${preview.url}/api/console/user-settings`, { method: 'POST' });
    expect(res.status).toBe(403);
  });
});

describe('without a console build', () => {
  it('says where it looked and how to get one', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-console-'));
    await expect(startPreview({ port: 0, host: 'console', consoleDist: empty })).rejects.toThrow(
      `No console build at ${empty} (index.html missing)`,
    );
    fs.rmSync(empty, { recursive: true, force: true });
  });
});
