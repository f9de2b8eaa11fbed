'use strict';
// The pure half of `npm run bench`: sizes of dist/, first-load sums, medians, budgets and the
// printed tables. scripts/bench.js does the measuring (build, browser) and hands figures here.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const KIB = 1024;

/** The budgets the issue sets; sizes are gzip bytes (level 9), times milliseconds. */
const BUDGETS = {
  entryGzip: 4 * KIB,
  heaviestRouteGzip: 150 * KIB,
  totalGzip: 600 * KIB,
  buildMs: 30_000,
  largeListMs: 1_000,
};

const HOST_LABELS = { preview: 'preview host', console: 'real console 4.22' };

const median = (values) => {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (v.length === 0) return undefined;
  const s = [...v].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const gzipSize = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

/**
 * Every script in dist/ with raw and gzip size, heaviest first, and the chunk files holding
 * only PatternFly fallback code (PatternFly and what it pulls in, react-dom included): the
 * console provides the PatternFly modules it uses, so these load only for one it does not.
 * `modules` is webpack's stats JSON (.cache/build-modules.json); without it nothing is marked.
 */
const distReport = (distDir, modules) => {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, 'plugin-manifest.json'), 'utf8'));
  const entry = manifest.loadScripts[0];
  const patternflyOnly = new Set();
  for (const chunk of modules?.chunks ?? []) {
    const names = [];
    const visit = (m) => {
      if (m.modules?.length) m.modules.forEach(visit);
      else names.push(m.nameForCondition ?? m.name ?? '');
    };
    (chunk.modules ?? []).forEach(visit);
    const real = names.filter((n) => n && !n.startsWith('consume shared module'));
    if (
      real.length &&
      real.every((n) =>
        /node_modules\/(@patternfly|react-dom|scheduler|lodash|tslib|focus-trap|tabbable)\//.test(
          n,
        ),
      )
    ) {
      chunk.files.forEach((f) => patternflyOnly.add(f));
    }
  }
  const files = fs
    .readdirSync(distDir)
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const buf = fs.readFileSync(path.join(distDir, file));
      return {
        file,
        raw: buf.length,
        gzip: gzipSize(buf),
        entry: file === entry,
        patternfly: patternflyOnly.has(file),
      };
    })
    .sort((a, b) => b.gzip - a.gzip || a.file.localeCompare(b.file));
  const sum = (list, k) => list.reduce((a, f) => a + f[k], 0);
  return {
    entry: files.find((f) => f.entry),
    files,
    total: { files: files.length, raw: sum(files, 'raw'), gzip: sum(files, 'gzip') },
  };
};

/** What the browser fetched of dist/ for one route, summed from the per-file sizes. */
const firstLoad = (fetched, files) => {
  const byName = new Map(files.map((f) => [f.file, f]));
  const got = [...new Set(fetched)].filter((f) => byName.has(f)).map((f) => byName.get(f));
  return {
    files: got.map((f) => f.file).sort(),
    raw: got.reduce((a, f) => a + f.raw, 0),
    gzip: got.reduce((a, f) => a + f.gzip, 0),
    patternflyGzip: got.filter((f) => f.patternfly).reduce((a, f) => a + f.gzip, 0),
  };
};

const kib = (bytes) => (bytes === undefined ? '-' : `${(bytes / KIB).toFixed(1)} KiB`);
const ms = (v) =>
  v === undefined ? '-' : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
const mib = (bytes) => (bytes === undefined ? '-' : `${(bytes / KIB / KIB).toFixed(1)} MiB`);

const verdict = (value, budget) =>
  value === undefined ? 'not measured' : value <= budget ? 'pass' : 'OVER';

/**
 * Budget rows: [figure, measured, budget, pass/OVER]. `results` is what bench.js writes.
 * Watches pass when every scenario opened the same number per page (more namespaces must not
 * mean more watches); with fewer than two scenarios that cannot be judged.
 */
const budgetRows = (results) => {
  const rows = [];
  const { dist, build, routes = [], scenarios = [] } = results;
  if (dist) {
    rows.push([
      'entry script (every console page)',
      // In bytes: at this size a rounded KiB would hide how close to the budget it is.
      `${dist.entry.gzip} B`,
      `<= ${BUDGETS.entryGzip} B`,
      verdict(dist.entry.gzip, BUDGETS.entryGzip),
    ]);
    // What each host fetched. Both provide PatternFly as console 4.22 does, so a fallback chunk
    // is fetched only for a module the console does not share, and must never be.
    for (const host of ['preview', 'console']) {
      const measured = routes.filter((r) => (r.host ?? 'preview') === host);
      if (!measured.length) continue;
      const label = HOST_LABELS[host];
      const r = measured.reduce((a, b) => (b.firstLoad.gzip > a.firstLoad.gzip ? b : a));
      rows.push([
        `heaviest route first load, ${label} (${r.route})`,
        kib(r.firstLoad.gzip),
        `<= ${kib(BUDGETS.heaviestRouteGzip)}`,
        verdict(r.firstLoad.gzip, BUDGETS.heaviestRouteGzip),
      ]);
      // The Service Mesh tab of a Service with three versions (reviews) and with one (details).
      const tab = (svc) =>
        measured.find((m) => m.route === `/k8s/ns/bookinfo/services/${svc}/service-mesh`);
      const [many, one] = [tab('reviews'), tab('details')];
      if (many?.prometheusRequests !== undefined && one?.prometheusRequests !== undefined) {
        rows.push([
          `Prometheus requests per Service Mesh tab view, ${label}`,
          `${many.prometheusRequests} @ 3 versions, ${one.prometheusRequests} @ 1`,
          'same for any number of versions',
          many.prometheusRequests === one.prometheusRequests ? 'pass' : 'OVER',
        ]);
      }
      const fallbacks = Math.max(...measured.map((m) => m.firstLoad.patternflyGzip ?? 0));
      rows.push([
        `PatternFly fallbacks fetched, ${label} (any route)`,
        `${fallbacks} B`,
        '0 B',
        fallbacks === 0 ? 'pass' : 'OVER',
      ]);
    }
    rows.push([
      'dist total',
      kib(dist.total.gzip),
      `<= ${kib(BUDGETS.totalGzip)}`,
      verdict(dist.total.gzip, BUDGETS.totalGzip),
    ]);
  }
  if (build?.ms !== undefined) {
    rows.push([
      `production build (${build.cores} cores)`,
      ms(build.ms),
      `<= ${ms(BUDGETS.buildMs)}`,
      verdict(build.ms, BUDGETS.buildMs),
    ]);
  }
  const largest = [...scenarios].sort((a, b) => b.istioObjects - a.istioObjects)[0];
  // The big lists, from a cold page load (console start-up included) and from the navigation of
  // a running console; both are held to the budget.
  for (const [page, label] of [
    ['traffic', 'traffic list'],
    ['config', 'Istio config list (validated)'],
  ]) {
    const measured = largest?.pages.find((p) => p.page === page);
    for (const [how, key] of [
      ['page load', 'renderMs'],
      ['from the nav', 'fromNavMs'],
    ]) {
      const v = measured?.[key]?.median;
      if (v === undefined) continue;
      rows.push([
        `${label} rendered, ${largest.istioObjects} Istio objects, ${how} (median)`,
        ms(v),
        `<= ${ms(BUDGETS.largeListMs)}`,
        verdict(v, BUDGETS.largeListMs),
      ]);
    }
  }
  const pages = [...new Set(scenarios.flatMap((s) => s.pages.map((p) => p.page)))];
  for (const page of pages) {
    const counts = scenarios
      .map((s) => ({ ns: s.namespaces, p: s.pages.find((p) => p.page === page) }))
      .filter((x) => x.p)
      .map((x) => ({ ns: x.ns, watches: x.p.watches.median }));
    const figure = counts.map((c) => `${c.watches} @ ${c.ns} ns`).join(', ');
    const same = new Set(counts.map((c) => c.watches)).size === 1;
    rows.push([
      `${page}: watches per page`,
      figure,
      'same for any namespace count',
      counts.length < 2 ? 'not judged' : same ? 'pass' : 'OVER',
    ]);
  }
  return rows;
};

/** A plain text table; numbers (and sizes/times) right-aligned. */
const formatTable = (headers, rows) => {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '-')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const numeric = (s) => /^[<>=~\s]*[\d.,]+\s*(%|B|KiB|MiB|ms|s)?$/.test(s);
  const line = (r) =>
    r
      .map((c, i) => (numeric(c) && i > 0 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [
    line(cells[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.slice(1).map(line),
  ].join('\n');
};

/** `--runs 5 --scenarios large-100,large-1000 --skip-build --npm-ci --out file`. */
const parseArgs = (argv) => {
  const opts = {
    runs: 3,
    scenarios: ['large-100', 'large-1000', 'large-5000'],
    build: true,
    npmCi: false,
    out: '.cache/bench/results.json',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--runs') {
      opts.runs = Number(value());
      if (!Number.isInteger(opts.runs) || opts.runs < 1)
        throw new Error('--runs must be a whole number >= 1');
    } else if (a === '--scenarios') opts.scenarios = value().split(',').filter(Boolean);
    else if (a === '--skip-build') opts.build = false;
    else if (a === '--npm-ci') opts.npmCi = true;
    else if (a === '--out') opts.out = value();
    else
      throw new Error(
        `unknown option ${a} (use --runs N, --scenarios a,b, --skip-build, --npm-ci, --out FILE)`,
      );
  }
  return opts;
};

module.exports = {
  BUDGETS,
  median,
  gzipSize,
  distReport,
  firstLoad,
  budgetRows,
  formatTable,
  parseArgs,
  kib,
  ms,
  mib,
};
