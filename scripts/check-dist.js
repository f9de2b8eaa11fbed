#!/usr/bin/env node
// Checks the production build the way console 4.22 will consume it: the manifest's contract,
// and that no module the console provides as a shared singleton was bundled (module
// federation would load our copy, and two Reacts or two SDK stores break the page).
// Reads .cache/build-modules.json, written by webpack.config.js during `npm run build`.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
const problems = [];

const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'plugin-manifest.json'), 'utf8'));
const expect = (ok, what) => ok || problems.push(what);
expect(manifest.name === 'mesh-console-plugin', 'manifest name is mesh-console-plugin');
expect(manifest.registrationMethod === 'callback', 'manifest registrationMethod is "callback"');
expect(
  manifest.dependencies?.['@console/pluginAPI'] === '>=4.22.0-0',
  'manifest depends on @console/pluginAPI >=4.22.0-0',
);
const types = new Set(manifest.extensions.map((e) => e.type));
for (const t of [
  'console.navigation/section',
  'console.navigation/href',
  'console.page/route',
  'console.flag/model',
  'console.flag/hookProvider',
]) {
  expect(types.has(t), `manifest has a ${t} extension`);
}
for (const script of manifest.loadScripts) {
  expect(fs.existsSync(path.join(dist, script)), `load script ${script} exists in dist/`);
}
expect(
  fs.existsSync(path.join(dist, 'locales/en/plugin__mesh-console-plugin.json')),
  'dist/locales/en/plugin__mesh-console-plugin.json exists',
);

// Singletons the console shares (reference: console-plugin-contract.md §1.1). react-dom is
// not shared by the console; PatternFly's fallback copies may pull it in, so it is reported.
const FORBIDDEN = [
  'react',
  'react-router',
  'react-router-dom',
  'react-router-dom-v5-compat',
  'react-i18next',
  'i18next',
  'redux',
  'react-redux',
  'redux-thunk',
  '@patternfly/react-topology',
  '@openshift-console/dynamic-plugin-sdk',
  '@openshift-console/dynamic-plugin-sdk-internal',
  '@openshift/dynamic-plugin-sdk',
];
// The automatic JSX runtime is tiny and is not in the share scope; every plugin bundles it.
const ALLOWED_FILES = [
  /node_modules\/react\/jsx-runtime\.js$/,
  /node_modules\/react\/cjs\/react-jsx-runtime\./,
];

const stats = JSON.parse(fs.readFileSync(path.join(root, '.cache', 'build-modules.json'), 'utf8'));
const bundled = new Map(); // package -> Set(files)
for (const chunk of stats.chunks) {
  const visit = (m) => {
    (m.modules ?? []).forEach(visit);
    const name = m.nameForCondition ?? '';
    const match = name.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
    if (!match) return;
    if (name.endsWith('.css')) problems.push(`CSS bundled from ${name}`);
    if (ALLOWED_FILES.some((re) => re.test(name))) return;
    if (!bundled.has(match[1])) bundled.set(match[1], new Set());
    chunk.files.forEach((f) => bundled.get(match[1]).add(f));
  };
  (chunk.modules ?? []).forEach(visit);
}
for (const pkg of FORBIDDEN) {
  if (bundled.has(pkg)) problems.push(`${pkg} is bundled into ${[...bundled.get(pkg)].join(', ')}`);
}

// Every shared module the plugin consumes must be one the console provides: otherwise the
// plugin's own fallback copy loads in the console (PatternFly's Slider brought a second
// react-dom with it). The list is the committed one, checked against the console build when
// that is present beside the checkout.
const {
  readCommitted,
  readConsoleShares,
  DEFAULT_CONSOLE_DIST,
} = require('./consoleSharedModules');
const provided = readCommitted().modules;
const fromBuild = readConsoleShares();
if (fromBuild && JSON.stringify(fromBuild) !== JSON.stringify(provided)) {
  problems.push(
    `preview/host/console-shared-modules.json differs from the console build in ${DEFAULT_CONSOLE_DIST}; run node scripts/consoleSharedModules.js --write`,
  );
}
const consumed = new Set();
for (const chunk of stats.chunks) {
  for (const m of chunk.modules ?? []) {
    const match = /^consume shared module \(default\) (.+?)@[^@\s]*(?: |$)/.exec(m.name ?? '');
    if (match) consumed.add(match[1]);
  }
}
for (const name of [...consumed].sort()) {
  if (!provided[name]) {
    problems.push(`${name} is consumed from the share scope, but console 4.22 does not provide it`);
  }
}
if (consumed.size === 0) problems.push('no consumed shared module found in the build stats');

const files = fs.readdirSync(dist).filter((f) => f.endsWith('.js'));
const size = (f) => {
  const buf = fs.readFileSync(path.join(dist, f));
  return { raw: buf.length, gz: zlib.gzipSync(buf, { level: 9 }).length };
};
const total = files
  .map(size)
  .reduce((a, b) => ({ raw: a.raw + b.raw, gz: a.gz + b.gz }), { raw: 0, gz: 0 });
const entry = size(manifest.loadScripts[0]);

console.log(
  `dist: ${files.length} JS files, ${total.raw} B raw / ${total.gz} B gzip; entry ${entry.raw} B / ${entry.gz} B gzip`,
);
console.log(`bundled packages: ${[...bundled.keys()].sort().join(', ') || 'none'}`);
if (problems.length) {
  problems.forEach((p) => console.error(`dist check FAILED: ${p}`));
  process.exit(1);
}
console.log(
  `dist check: manifest contract holds, no console-shared singleton is bundled, and all ${consumed.size} consumed shared modules are provided by console 4.22`,
);
