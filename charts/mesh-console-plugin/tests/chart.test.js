// What `helm install` of this chart puts on a cluster, checked on the real helm's output.
/* global beforeAll, describe, expect, test -- Jest globals; the repo's ESLint config declares them for *.test.ts(x) only. */
const fs = require('fs');
const path = require('path');
const {
  IMAGE,
  chartDir,
  ensureTools,
  find,
  helm,
  render,
  renderNotes,
  repoRoot,
} = require('./support/helm');
const { one, parse, respond } = require('./support/nginx');
const { validateObject } = require('./support/validate');

beforeAll(ensureTools, 10 * 60 * 1000);

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

// Every knob changed at once, so no template branch hides behind a default.
const NON_DEFAULT = [
  '--set',
  'image.repository=registry.example.com:5000/team/mesh-console-plugin',
  '--set',
  'image.tag=1.2.3',
  '--set',
  'image.pullPolicy=Always',
  '--set',
  'replicas=3',
  '--set',
  'port=8443',
  '--set',
  'listenIPv6=false',
  '--set',
  'tls.existingSecret=my-cert',
  '--set',
  'serviceAccount.name=plugin-sa',
  '--set',
  'networkPolicy.consoleNamespace=my-console',
  '--set',
  'podDisruptionBudget.maxUnavailable=2',
  '--set',
  'consolePlugin.displayName=Mesh',
  '--set',
  'consolePlugin.enable=true',
  '--set',
  'consolePlugin.proxy.kiali.name=kiali-prod',
  '--set',
  'consolePlugin.proxy.kiali.namespace=mesh-system',
  '--set',
  'consolePlugin.proxy.kiali.port=443',
  '--set',
  'consolePlugin.proxy.tempo.enabled=true',
  '--set',
  'consolePlugin.proxy.tempo.name=tempo-sample-gateway',
  '--set',
  'consolePlugin.proxy.tempo.namespace=tempo',
  '--set',
  'consolePlugin.proxy.tempo.port=8080',
  '--set',
  'imagePullSecrets[0].name=pull',
  '--set',
  'nodeSelector.node-role\\.kubernetes\\.io/infra=',
];

const NAMESPACED = new Set([
  'ConfigMap',
  'Deployment',
  'Job',
  'NetworkPolicy',
  'PodDisruptionBudget',
  'Service',
  'ServiceAccount',
]);

const nginxConf = (objects) =>
  find(objects, 'ConfigMap', 'mesh-console-plugin-nginx').data['nginx.conf'];
const pluginPod = (objects) => find(objects, 'Deployment').spec.template;
const matches = (selector, labels) =>
  Object.entries(selector).every(([k, v]) => labels && labels[k] === v);

describe('helm lint', () => {
  test('passes --strict', () => {
    const r = helm(['lint', '--strict', chartDir, ...IMAGE]);
    expect(r.stderr + r.stdout).toContain('0 chart(s) failed');
    expect(r.status).toBe(0);
  });

  test('passes --strict with every non-default value', () => {
    const r = helm(['lint', '--strict', chartDir, ...NON_DEFAULT]);
    expect(r.stderr + r.stdout).toContain('0 chart(s) failed');
    expect(r.status).toBe(0);
  });
});

describe('rendered objects', () => {
  const cases = [
    ['default values', []],
    ['non-default values', NON_DEFAULT],
  ];

  test.each(cases)('with %s every object is valid for its kind', (_label, args) => {
    const objects = render(args);
    const problems = [];
    for (const o of objects) {
      try {
        validateObject(o);
      } catch (e) {
        problems.push(`${o.kind}/${o.metadata && o.metadata.name}: ${e.message}`);
      }
    }
    expect(problems).toEqual([]);
    // Names are unique per kind, and namespaced objects land in the release namespace.
    const keys = objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const o of objects.filter((x) => NAMESPACED.has(x.kind))) {
      expect([o.kind, o.metadata.namespace]).toEqual([o.kind, 'mesh-console']);
    }
  });

  test('default install renders the plugin and nothing that touches the Console object', () => {
    const kinds = render()
      .filter((o) => !(o.metadata.annotations || {})['helm.sh/hook'])
      .map((o) => o.kind)
      .sort();
    expect(kinds).toEqual([
      'ConfigMap',
      'ConsolePlugin',
      'Deployment',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'Service',
      'ServiceAccount',
    ]);
    const jobs = render().filter((o) => o.kind === 'Job');
    // Only the uninstall cleanup, which is a no-op when the plugin was never enabled.
    expect(jobs.map((j) => j.metadata.annotations['helm.sh/hook'])).toEqual(['pre-delete']);
  });

  test('the validators reject what the API server would reject', () => {
    // Guards the guard: a validator that accepts anything would make the test above pointless.
    const objects = render();
    const deployment = structuredClone(find(objects, 'Deployment'));
    deployment.spec.replicas = 'two';
    expect(() => validateObject(deployment)).toThrow(/replicas/);
    const plugin = structuredClone(find(objects, 'ConsolePlugin'));
    plugin.spec.i18n.loadType = 'Eager';
    expect(() => validateObject(plugin)).toThrow(/loadType|allowed values/);
    const misplaced = structuredClone(find(objects, 'ConsolePlugin'));
    misplaced.spec.proxy[0].endpoint.service.caCertificate = '-----BEGIN CERTIFICATE-----';
    expect(() => validateObject(misplaced)).toThrow(/additional properties/);
  });
});

describe('Deployment', () => {
  test('runs 2 replicas of the image with the chart appVersion as default tag', () => {
    const d = find(render(), 'Deployment');
    expect(d.spec.replicas).toBe(2);
    const [c] = d.spec.template.spec.containers;
    expect(c.image).toBe(`quay.io/example/mesh-console-plugin:${pkg.version}`);
    expect(matches(d.spec.selector.matchLabels, d.spec.template.metadata.labels)).toBe(true);
  });

  test('uses the given tag, digest and replicas', () => {
    expect(find(render(NON_DEFAULT), 'Deployment').spec.replicas).toBe(3);
    expect(pluginPod(render(NON_DEFAULT)).spec.containers[0].image).toBe(
      'registry.example.com:5000/team/mesh-console-plugin:1.2.3',
    );
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(pluginPod(render(['--set', `image.tag=${digest}`])).spec.containers[0].image).toBe(
      `quay.io/example/mesh-console-plugin@${digest}`,
    );
  });

  test('runs as the ServiceAccount the chart creates, without an API token', () => {
    const objects = render();
    const pod = pluginPod(objects).spec;
    const sa = find(objects, 'ServiceAccount', pod.serviceAccountName);
    expect(sa.metadata.annotations?.['helm.sh/hook']).toBeUndefined();
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  test('uses an existing ServiceAccount when asked not to create one', () => {
    const objects = render([
      '--set',
      'serviceAccount.create=false',
      '--set',
      'serviceAccount.name=mine',
    ]);
    expect(pluginPod(objects).spec.serviceAccountName).toBe('mine');
    expect(
      objects.filter((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'mine'),
    ).toEqual([]);
  });

  test.each([
    ['default values', []],
    ['non-default values', NON_DEFAULT],
  ])('with %s, pod and container security satisfy restricted-v2', (_label, args) => {
    const pod = pluginPod(render(args)).spec;
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    // restricted-v2 assigns the uid from the namespace range; a fixed one would be refused.
    expect(pod.securityContext.runAsUser).toBeUndefined();
    expect(pod.hostNetwork).toBeUndefined();
    for (const c of pod.containers) {
      expect(c.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(c.ports.every((p) => p.containerPort > 1024)).toBe(true);
    }
    for (const v of pod.volumes) expect(v.hostPath).toBeUndefined();
  });

  test('every path nginx writes is on an emptyDir (the root filesystem is read-only)', () => {
    const objects = render();
    const pod = pluginPod(objects).spec;
    const emptyDirs = new Set(pod.volumes.filter((v) => v.emptyDir).map((v) => v.name));
    const writable = pod.containers[0].volumeMounts
      .filter((m) => emptyDirs.has(m.name))
      .map((m) => m.mountPath);
    const tree = parse(nginxConf(objects));
    const http = one(tree, 'http').block;
    const written = [
      one(tree, 'pid').args[0],
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (t) => one(http, `${t}_temp_path`).args[0],
      ),
    ];
    for (const p of written) {
      expect([p, writable.some((w) => p.startsWith(`${w}/`))]).toEqual([p, true]);
    }
    // Logs go to the container's streams, not files.
    expect(one(tree, 'error_log').args[0]).toBe('/dev/stderr');
    expect(one(http, 'access_log').args[0]).toBe('/dev/stdout');
    expect(pod.containers[0].command).toEqual(expect.arrayContaining(['-e', '/dev/stderr']));
  });

  test('runs nginx with the mounted config, and serves the mounted certificate', () => {
    const objects = render();
    const pod = pluginPod(objects).spec;
    const c = pod.containers[0];
    const confPath = c.command[c.command.indexOf('-c') + 1];
    const mountOf = (name) => c.volumeMounts.find((m) => m.name === name);
    const confVolume = pod.volumes.find((v) => v.configMap);
    expect(confVolume.configMap.name).toBe('mesh-console-plugin-nginx');
    expect(confPath).toBe(`${mountOf(confVolume.name).mountPath}/nginx.conf`);
    const server = one(one(parse(nginxConf(objects)), 'http').block, 'server').block;
    const certVolume = pod.volumes.find((v) => v.secret);
    const certDir = mountOf(certVolume.name).mountPath;
    expect(one(server, 'ssl_certificate').args[0]).toBe(`${certDir}/tls.crt`);
    expect(one(server, 'ssl_certificate_key').args[0]).toBe(`${certDir}/tls.key`);
  });

  test('probes nginx over HTTPS on the serving port, readiness on the manifest', () => {
    const c = pluginPod(render(['--set', 'port=8443'])).spec.containers[0];
    expect(c.ports).toEqual([{ name: 'https', containerPort: 8443, protocol: 'TCP' }]);
    expect(c.readinessProbe.httpGet).toEqual({
      path: '/plugin-manifest.json',
      port: 'https',
      scheme: 'HTTPS',
    });
    expect(c.livenessProbe.httpGet).toMatchObject({ port: 'https', scheme: 'HTTPS' });
    // The liveness path must be answered by nginx itself, not a file that may be missing.
    const loc = respond(nginxConf(render()), c.livenessProbe.httpGet.path).location;
    expect(loc.block.find((d) => d.name === 'return').args[0]).toBe('200');
  });

  test('requests and limits resources', () => {
    const { resources } = pluginPod(render()).spec.containers[0];
    expect(resources.requests).toEqual(expect.objectContaining({ cpu: expect.any(String) }));
    expect(resources.requests.memory).toBeDefined();
    expect(resources.limits.memory).toBeDefined();
  });

  test('a changed nginx.conf rolls the pods', () => {
    const a = pluginPod(render()).metadata.annotations['checksum/nginx-conf'];
    const b = pluginPod(render(['--set', 'listenIPv6=false'])).metadata.annotations[
      'checksum/nginx-conf'
    ];
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).not.toBe(a);
  });
});

describe('PodDisruptionBudget', () => {
  test('keeps a replica serving during drains and selects exactly the plugin pods', () => {
    const objects = render();
    const pdb = find(objects, 'PodDisruptionBudget');
    expect(pdb.spec.maxUnavailable).toBe(1);
    expect(pdb.spec.selector.matchLabels).toEqual(
      find(objects, 'Deployment').spec.selector.matchLabels,
    );
    expect(render(['--set', 'podDisruptionBudget.enabled=false']).map((o) => o.kind)).not.toContain(
      'PodDisruptionBudget',
    );
  });
});

describe('Service and serving certificate', () => {
  test('asks the service CA for the certificate the pods mount', () => {
    const objects = render();
    const svc = find(objects, 'Service');
    const secret = pluginPod(objects).spec.volumes.find((v) => v.secret).secret.secretName;
    expect(svc.metadata.annotations).toEqual({
      'service.beta.openshift.io/serving-cert-secret-name': secret,
    });
    expect(secret).toBe('mesh-console-plugin-cert');
  });

  test('with a certificate Secret of the user, mounts it and asks the service CA for nothing', () => {
    // The template chart read this setting from a different path than it documented, so a
    // user's secret still got the annotation; here both sides read tls.existingSecret.
    const objects = render(['--set', 'tls.existingSecret=my-cert']);
    const svc = find(objects, 'Service');
    expect(svc.metadata.annotations).toBeUndefined();
    expect(pluginPod(objects).spec.volumes.find((v) => v.secret).secret.secretName).toBe('my-cert');
  });

  test('exposes the serving port to the plugin pods only', () => {
    const objects = render(['--set', 'port=8443', '--set', 'consolePlugin.enable=true']);
    const svc = find(objects, 'Service');
    expect(svc.spec.ports).toEqual([
      { name: 'https', port: 8443, targetPort: 'https', protocol: 'TCP' },
    ]);
    expect(matches(svc.spec.selector, pluginPod(objects).metadata.labels)).toBe(true);
    for (const job of objects.filter((o) => o.kind === 'Job')) {
      expect(matches(svc.spec.selector, job.spec.template.metadata.labels)).toBe(false);
    }
  });
});

describe('NetworkPolicy', () => {
  test('admits only the console namespace, only on the plugin port', () => {
    const objects = render();
    const np = find(objects, 'NetworkPolicy');
    expect(matches(np.spec.podSelector.matchLabels, pluginPod(objects).metadata.labels)).toBe(true);
    expect(np.spec.policyTypes).toEqual(['Ingress']);
    expect(np.spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: {
              matchLabels: { 'kubernetes.io/metadata.name': 'openshift-console' },
            },
          },
        ],
        ports: [{ protocol: 'TCP', port: 9443 }],
      },
    ]);
  });

  test('follows the port and console namespace values, and can be turned off', () => {
    const np = find(render(NON_DEFAULT), 'NetworkPolicy');
    expect(np.spec.ingress[0].from[0].namespaceSelector.matchLabels).toEqual({
      'kubernetes.io/metadata.name': 'my-console',
    });
    expect(np.spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8443 }]);
    expect(render(['--set', 'networkPolicy.enabled=false']).map((o) => o.kind)).not.toContain(
      'NetworkPolicy',
    );
  });
});

describe('ConsolePlugin', () => {
  test('names the plugin as its manifest does and points at the Service', () => {
    const objects = render();
    const cp = find(objects, 'ConsolePlugin');
    const svc = find(objects, 'Service');
    // The console matches the CR name against the manifest's name (package.json consolePlugin).
    expect(cp.metadata.name).toBe(pkg.consolePlugin.name);
    expect(cp.metadata.namespace).toBeUndefined();
    expect(cp.spec.displayName).toBe('Service Mesh');
    expect(cp.spec.i18n).toEqual({ loadType: 'Preload' });
    expect(cp.spec.backend).toEqual({
      type: 'Service',
      service: {
        name: svc.metadata.name,
        namespace: 'mesh-console',
        port: svc.spec.ports[0].port,
        basePath: '/',
      },
    });
  });

  test('by default proxies only Kiali, with the user token', () => {
    expect(find(render(), 'ConsolePlugin').spec.proxy).toEqual([
      {
        alias: 'kiali',
        authorization: 'UserToken',
        endpoint: {
          type: 'Service',
          service: { name: 'kiali', namespace: 'istio-system', port: 20001 },
        },
      },
    ]);
  });

  test('adds the Tempo gateway and moves Kiali when configured', () => {
    const cp = find(render(NON_DEFAULT), 'ConsolePlugin');
    expect(cp.spec.displayName).toBe('Mesh');
    expect(cp.spec.proxy).toEqual([
      {
        alias: 'kiali',
        authorization: 'UserToken',
        endpoint: {
          type: 'Service',
          service: { name: 'kiali-prod', namespace: 'mesh-system', port: 443 },
        },
      },
      {
        alias: 'tempo',
        authorization: 'UserToken',
        endpoint: {
          type: 'Service',
          service: { name: 'tempo-sample-gateway', namespace: 'tempo', port: 8080 },
        },
      },
    ]);
  });

  test('leaves out disabled entries, and the proxy list when none is left', () => {
    const tempoOnly = find(
      render([
        '--set',
        'consolePlugin.proxy.kiali.enabled=false',
        '--set',
        'consolePlugin.proxy.tempo.enabled=true',
        '--set',
        'consolePlugin.proxy.tempo.name=gw',
        '--set',
        'consolePlugin.proxy.tempo.namespace=tempo',
      ]),
      'ConsolePlugin',
    );
    expect(tempoOnly.spec.proxy.map((p) => p.alias)).toEqual(['tempo']);
    const none = find(
      render(['--set', 'consolePlugin.proxy.kiali.enabled=false']),
      'ConsolePlugin',
    );
    expect(none.spec).not.toHaveProperty('proxy');
  });

  test('passes a CA bundle for a backend not signed by the service CA', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const cp = find(
      render(['--set-string', `consolePlugin.proxy.kiali.caCertificate=${pem}`]),
      'ConsolePlugin',
    );
    expect(cp.spec.proxy[0].caCertificate).toBe(pem);
    validateObject(cp);
  });
});

describe('nginx.conf', () => {
  const conf = nginxConf(render());
  const server = one(one(parse(conf), 'http').block, 'server').block;

  test('speaks only TLS 1.2 and 1.3 on the plugin port', () => {
    expect(one(server, 'ssl_protocols').args).toEqual(['TLSv1.2', 'TLSv1.3']);
    expect(server.filter((d) => d.name === 'listen').map((d) => d.args)).toEqual([
      ['9443', 'ssl'],
      ['[::]:9443', 'ssl'],
    ]);
    const v4only = one(one(parse(nginxConf(render(NON_DEFAULT))), 'http').block, 'server').block;
    expect(v4only.filter((d) => d.name === 'listen').map((d) => d.args)).toEqual([['8443', 'ssl']]);
  });

  // Names webpack gives the files (output.filename/chunkFilename and the plugin entry), plus
  // whatever the last build left in dist/.
  const distDir = path.join(repoRoot, 'dist');
  const built = fs.existsSync(distDir)
    ? fs.readdirSync(distDir).filter((f) => /\.min\.js$/.test(f))
    : [];
  const hashed = [
    ...new Set([
      'plugin-entry.6b41d8ae5c9857d52eb9.min.js',
      '152-chunk-974cacc83675c70ee3cf.min.js',
      'main-bundle-0123456789abcdef0123.min.js',
      ...built,
    ]),
  ];

  test('caches every content-hashed script for a year, as application/javascript', () => {
    for (const f of hashed) {
      const r = respond(conf, `/${f}`);
      expect([f, r.headers, r.contentType]).toEqual([
        f,
        {
          'Cache-Control': 'public, max-age=31536000, immutable',
          'X-Content-Type-Options': 'nosniff',
        },
        'application/javascript',
      ]);
    }
  });

  test.each([
    ['/plugin-manifest.json', 'application/json'],
    [`/locales/en/plugin__${pkg.consolePlugin.name}.json`, 'application/json'],
    ['/plugin-entry.js', 'application/javascript'],
    ['/159-chunk-0046463ceda76753c6cd.min.js.LICENSE.txt', 'text/plain'],
  ])('makes browsers revalidate %s (%s)', (uri, type) => {
    const r = respond(conf, uri);
    expect(r.headers).toEqual({ 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    expect(r.contentType).toBe(type);
    // Served from the root as a file, not answered by a fixed `return`.
    expect(r.location.block.find((d) => d.name === 'try_files').args).toEqual(['$uri', '=404']);
  });

  test('serves what the image holds, where the Containerfile puts it', () => {
    const containerfile = fs.readFileSync(path.join(repoRoot, 'Containerfile'), 'utf8');
    const copy = /^COPY --from=build\s+(?:--chown=\S+\s+)?(\S+)\s+(\S+)\s*$/m.exec(containerfile);
    expect(copy).not.toBeNull();
    expect(copy[1]).toMatch(/\/dist$/);
    expect(one(server, 'root').args[0]).toBe(copy[2]);
  });
});

describe('Containerfile', () => {
  const text = fs.readFileSync(path.join(repoRoot, 'Containerfile'), 'utf8');
  const froms = [...text.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gm)];

  test('builds with Node 20 UBI and serves with UBI nginx', () => {
    expect(froms.map((m) => m[1])).toEqual([
      expect.stringMatching(/^registry\.access\.redhat\.com\/ubi9\/nodejs-20(:|$)/),
      expect.stringMatching(/^registry\.access\.redhat\.com\/ubi9\/nginx-\d+(:|$)/),
    ]);
    expect(froms[0][2]).toBe('build');
    expect(text).toMatch(/^RUN npm ci\b/m);
    expect(text).toMatch(/^RUN npm run build$/m);
  });

  test('runs as non-root on the chart port with the chart nginx command', () => {
    const final = text.slice(froms[1].index);
    const users = [...final.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).toMatch(/^[1-9][0-9]*$/);
    expect(/^EXPOSE\s+(\d+)/m.exec(final)[1]).toBe('9443');
    const cmd = JSON.parse(/^CMD\s+(\[.*\])$/m.exec(final)[1]);
    expect(cmd).toEqual(pluginPod(render()).spec.containers[0].command);
  });
});

describe('NOTES.txt', () => {
  test('without the opt-in, says how to enable the plugin and where to check it', () => {
    const notes = renderNotes();
    expect(notes).toContain('--set consolePlugin.enable=true');
    expect(notes).toContain(
      'Administration -> Cluster Settings -> Configuration -> Console ->\n     Console plugins',
    );
    expect(notes).toContain(`oc patch consoles.operator.openshift.io cluster --type=json`);
    expect(notes).toContain('kiali: service kiali in istio-system, port 20001');
  });

  test('with the opt-in, says the hook enabled it and how to verify', () => {
    const notes = renderNotes(['--set', 'consolePlugin.enable=true']);
    expect(notes).not.toContain('NEXT STEP');
    expect(notes).toContain('added "mesh-console-plugin" to');
    expect(notes).toContain('Console plugins');
  });
});
