#!/usr/bin/env node
// `npm test`: every check the project has, in order, each reported; a failing step does not
// hide the others. Ends with one summary line: unit and browser tests count one each, every
// other check (type-check, lint, i18n, build) counts as one.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const cache = path.join(root, '.cache');
fs.mkdirSync(cache, { recursive: true });

// The real console 4.22 frontend, built (see README): the browser suite runs in it too when it
// is there. MESH_CONSOLE_DIST points elsewhere.
const { DEFAULT_CONSOLE_DIST } = require('../preview/consoleHost');
const consoleDist = path.resolve(process.env.MESH_CONSOLE_DIST ?? DEFAULT_CONSOLE_DIST);
const consoleBuilt = fs.existsSync(path.join(consoleDist, 'index.html'));

const playwright = (project) => {
  const out = path.join(cache, `playwright-results-${project}.json`);
  return {
    cmd: `npx playwright test --project ${project}`,
    env: { MESH_PLAYWRIGHT_RESULTS: out, MESH_CONSOLE_DIST: consoleDist },
    results: () => {
      const r = JSON.parse(fs.readFileSync(out, 'utf8'));
      return { passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky };
    },
  };
};

const steps = [
  { name: 'test tools (helm, kubectl, prometheus)', cmd: 'node scripts/install-tools.js' },
  { name: 'type-check', cmd: 'npm run --silent typecheck' },
  { name: 'lint', cmd: 'npm run --silent lint' },
  { name: 'i18n up to date', cmd: 'node scripts/i18n-check.js' },
  {
    name: 'unit tests',
    cmd: `npx jest --ci --json --outputFile=${path.join(cache, 'jest-results.json')}`,
    results: () => {
      const r = JSON.parse(fs.readFileSync(path.join(cache, 'jest-results.json'), 'utf8'));
      return { passed: r.numPassedTests, failed: r.numFailedTests + r.numRuntimeErrorTestSuites };
    },
  },
  { name: 'production build', cmd: 'npm run --silent build' },
  { name: 'dist contract and shared modules', cmd: 'node scripts/check-dist.js' },
  { name: 'preview host build', cmd: 'npm run --silent build:preview' },
  { name: 'browser tests (preview host)', ...playwright('preview') },
  {
    name: 'browser tests (real console 4.22)',
    ...playwright('console'),
    notRun: consoleBuilt
      ? undefined
      : `no console build at ${consoleDist} (index.html missing): build openshift/console release-4.22 as the README says, or set MESH_CONSOLE_DIST`,
  },
];

const only = process.argv.slice(2);
const report = [];
let passed = 0;
let failed = 0;
for (const step of steps) {
  if (only.length && !only.includes(step.name)) continue;
  if (step.notRun) {
    console.log(`\n=== ${step.name}: NOT RUN, ${step.notRun}`);
    report.push(`NOT RUN  ${step.name}: ${step.notRun}`);
    continue;
  }
  console.log(`\n=== ${step.name}: ${step.cmd}`);
  const started = Date.now();
  const run = spawnSync(step.cmd, {
    cwd: root,
    shell: true,
    stdio: 'inherit',
    env: { ...process.env, ...step.env },
  });
  const ok = run.status === 0;
  let counts = ok ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  if (step.results) {
    try {
      counts = step.results();
      if (!ok && counts.failed === 0) counts.failed = 1; // the runner failed outside any test
    } catch {
      // no result file: the runner itself failed; counted as one failure above
    }
  }
  passed += counts.passed;
  failed += counts.failed;
  report.push(
    `${ok ? 'PASS' : 'FAIL'}  ${step.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

console.log('\n=== summary');
report.forEach((line) => console.log(line));
console.log(`Summary: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && report.every((l) => !l.startsWith('FAIL')) ? 0 : 1);
