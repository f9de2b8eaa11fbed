// Runs the real helm binary (scripts/install-tools.js puts v3.18.0 in .tools/bin) against the
// chart and parses what it renders.
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const YAML = require('yaml');

const repoRoot = path.resolve(__dirname, '../../../..');
const chartDir = path.resolve(__dirname, '../..');
const helmBin = path.join(repoRoot, '.tools', 'bin', 'helm');
const kubectlBin = path.join(repoRoot, '.tools', 'bin', 'kubectl');

// The only value without a usable default: the plugin image is built and pushed by the user.
const IMAGE = ['--set', 'image.repository=quay.io/example/mesh-console-plugin'];

/** Installs helm and kubectl when missing (npm test does this first; a lone jest run may not). */
const ensureTools = () => {
  if (fs.existsSync(helmBin) && fs.existsSync(kubectlBin)) return;
  execFileSync('node', [path.join(repoRoot, 'scripts', 'install-tools.js')], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
};

const helm = (args) => {
  // Also here, not only in beforeAll: some describe blocks render while Jest collects tests.
  ensureTools();
  const r = spawnSync(helmBin, args, { encoding: 'utf8', cwd: repoRoot });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** `helm template` in namespace mesh-console; returns every rendered object plus NOTES. */
const render = (args = [], { withImage = true } = {}) => {
  const r = helm([
    'template',
    'mesh',
    chartDir,
    '--namespace',
    'mesh-console',
    '--render-subchart-notes',
    ...(withImage ? IMAGE : []),
    ...args,
  ]);
  if (r.status !== 0) throw new Error(`helm template failed:\n${r.stderr}`);
  const docs = YAML.parseAllDocuments(r.stdout).map((d) => {
    if (d.errors.length) throw new Error(`rendered YAML does not parse: ${d.errors[0].message}`);
    return d.toJS();
  });
  return docs.filter((d) => d !== null);
};

/** Runs `helm template` and returns the status and output, for checking errors. */
const renderRaw = (args = [], { withImage = true } = {}) =>
  helm([
    'template',
    'mesh',
    chartDir,
    '--namespace',
    'mesh-console',
    ...(withImage ? IMAGE : []),
    ...args,
  ]);

/**
 * NOTES.txt as Helm renders it. `helm template` does not print NOTES and helm 3.18.0's
 * `install --dry-run=client` still dials the cluster, so a copy of the chart renders the same
 * file through `tpl` inside a ConfigMap.
 */
const renderNotes = (args = []) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-notes-'));
  try {
    const copy = path.join(tmp, 'mesh-console-plugin');
    fs.cpSync(chartDir, copy, { recursive: true, filter: (src) => !src.includes('/tests') });
    fs.copyFileSync(
      path.join(copy, 'templates', 'NOTES.txt'),
      path.join(copy, 'files', 'NOTES.txt'),
    );
    fs.writeFileSync(
      path.join(copy, 'templates', 'zz-notes.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  notes: |\n' +
        '{{ tpl (.Files.Get "files/NOTES.txt") . | indent 4 }}\n',
    );
    const r = helm([
      'template',
      'mesh',
      copy,
      '--namespace',
      'mesh-console',
      '--show-only',
      'templates/zz-notes.yaml',
      ...IMAGE,
      ...args,
    ]);
    if (r.status !== 0) throw new Error(`rendering NOTES failed:\n${r.stderr}`);
    return YAML.parse(r.stdout).data.notes;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
};

const find = (objects, kind, name) => {
  const found = objects.filter(
    (o) => o.kind === kind && (name === undefined || o.metadata.name === name),
  );
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  }
  return found[0];
};

module.exports = {
  IMAGE,
  chartDir,
  ensureTools,
  find,
  helm,
  helmBin,
  kubectlBin,
  render,
  renderNotes,
  renderRaw,
  repoRoot,
};
