#!/usr/bin/env node
// `npm start [-- --scenario mesh3|mesh3-broken|ambient|mesh2|empty] [--user admin|developer] [--port 9000]
//            [--kiali error|malformed] [--prometheus error] [--host preview|console]
//            [--console-dist DIR]
//            [--cluster] [--no-build]`
// Builds the plugin (production, exactly what the Helm chart serves) and the preview host, then
// serves the preview console. --host console serves the real OpenShift console 4.22 frontend
// (a build of openshift/console, default ../shared/real-console-4.22/dist) instead of our own
// host. --cluster talks to the cluster you are logged in to with `oc` (or
// MESH_PREVIEW_CLUSTER_URL + MESH_PREVIEW_TOKEN) instead of the stand-in. --kiali makes every
// call to the stand-in Kiali fail (500) or answer with the wrong shape; --prometheus error makes
// every query to the stand-in Prometheus fail (503).
const { execFileSync, execSync } = require('child_process');
const path = require('path');
const { KIALI_MODES } = require('./kiali');
const { PROMETHEUS_MODES } = require('./prometheus');
const { DEFAULT_CONSOLE_DIST } = require('./consoleHost');
const { startPreview } = require('./server');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1]
    ? args[i + 1]
    : (process.env[`MESH_PREVIEW_${name.toUpperCase()}`] ?? fallback);
};

const SCENARIOS = {
  mesh3: 'Service Mesh 3 installed and observable; bookinfo is a member; metrics, Tempo, Kiali',
  'mesh3-no-telemetry':
    'Service Mesh 3 and Kiali, but nothing collects metrics or traces (see the checklist)',
  'mesh3-broken':
    'mesh3 plus Istio config broken against the rest of the cluster, one object per check',
  ambient:
    'Service Mesh 3 with the ambient data plane: ztunnel, a waypoint and an HTTPRoute in bookinfo',
  mesh2: 'Service Mesh 2.6 installed; bookinfo is a member; Kiali without tracing',
  empty: 'no mesh installed (run the install wizard)',
  'large-100': 'mesh3 plus 50 services in 10 namespaces with 100 Istio objects (bench)',
  'large-1000': 'mesh3 plus 500 services in 100 namespaces with 1,000 Istio objects (bench)',
  'large-5000': 'mesh3 plus 500 services in 100 namespaces with 5,000 Istio objects (bench)',
};

const realCluster = () => {
  const oc = (cmdArgs) => execFileSync('oc', cmdArgs, { encoding: 'utf8' }).trim();
  const server = process.env.MESH_PREVIEW_CLUSTER_URL ?? oc(['whoami', '--show-server']);
  const token = process.env.MESH_PREVIEW_TOKEN ?? oc(['whoami', '-t']);
  return { server, token, insecure: flag('insecure-skip-tls-verify') };
};

const main = async () => {
  const scenario = option('scenario', 'mesh3');
  const user = option('user', 'admin');
  if (!SCENARIOS[scenario])
    throw new Error(`Unknown scenario ${scenario}: use ${Object.keys(SCENARIOS).join(', ')}`);
  if (!['admin', 'developer'].includes(user))
    throw new Error(`Unknown user ${user}: use admin or developer`);
  const kiali = option('kiali', undefined);
  if (kiali !== undefined && !KIALI_MODES.includes(kiali))
    throw new Error(`Unknown --kiali ${kiali}: use ${KIALI_MODES.join(' or ')}`);
  const prometheus = option('prometheus', undefined);
  if (prometheus !== undefined && !PROMETHEUS_MODES.includes(prometheus))
    throw new Error(`Unknown --prometheus ${prometheus}: use ${PROMETHEUS_MODES.join(' or ')}`);
  const host = option('host', 'preview');
  if (!['preview', 'console'].includes(host))
    throw new Error(`Unknown --host ${host}: use preview or console`);
  const consoleDist = path.resolve(option('console-dist', DEFAULT_CONSOLE_DIST));
  if (!flag('no-build')) {
    console.log(
      `Building the plugin (npm run build)${host === 'preview' ? ' and the preview host' : ''} ...`,
    );
    execSync('npm run --silent build', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (host === 'preview') {
      execSync('npx webpack --config preview/webpack.config.js', {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
  }
  const cluster = flag('cluster') ? realCluster() : undefined;
  const preview = await startPreview({
    port: Number(option('port', '9000')),
    scenario,
    user,
    cluster,
    observability: { kiali, prometheus },
    host,
    consoleDist,
  });
  console.log(
    `${host === 'console' ? `OpenShift console 4.22 (${consoleDist})` : 'Preview console'}: ${preview.url}/service-mesh/overview`,
  );
  console.log(
    cluster
      ? `Backend: the real cluster at ${cluster.server}`
      : `Backend: stand-in cluster, scenario "${scenario}" (${SCENARIOS[scenario]}), user "${user}"${
          kiali ? `, Kiali answering "${kiali}"` : ''
        }${prometheus ? `, Prometheus answering "${prometheus}"` : ''}`,
  );
  const stop = () => preview.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

main().catch((e) => {
  console.error(e.message ?? e);
  process.exit(1);
});
