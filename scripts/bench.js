#!/usr/bin/env node
// `npm run bench [-- --runs 3] [--scenarios large-100,large-1000,large-5000] [--skip-build]
//                 [--npm-ci] [--out .cache/bench/results.json]`
// What the plugin costs the console: dist/ sizes, each route's first-load JavaScript (what
// Chromium fetched to render it), build time, optionally a cold `npm ci`, and, in the preview
// console on generated large meshes, time to a fully rendered overview and traffic list, JS
// heap, HTTP requests and WebSocket watches per page, and the time to apply a split. Prints
// the figures beside their budgets and writes them as JSON. Not part of `npm test`: it takes
// minutes, and tests never assert on time.
// The page conditions below run in Chromium, where these exist.
/* global document, window */
const { execFileSync, execSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const { startPreview } = require('../preview/server');
const { chromiumLaunchOptions } = require('./chromium');
const { LARGE_SCENARIOS, largeServices } = require('../preview/cluster/largeScenarios');
const {
  budgetRows,
  distReport,
  firstLoad,
  formatTable,
  kib,
  median,
  mib,
  ms,
  parseArgs,
} = require('./benchReport');

const root = path.join(__dirname, '..');
const { DEFAULT_CONSOLE_DIST } = require('../preview/consoleHost');
const consoleDist = path.resolve(process.env.MESH_CONSOLE_DIST ?? DEFAULT_CONSOLE_DIST);
const consoleBuilt = fs.existsSync(path.join(consoleDist, 'index.html'));
const PLUGIN_ASSETS = '/api/plugins/mesh-console-plugin/';
// Namespaces the traffic list leaves out (the platform's and the mesh's own), as TrafficPage does.
const SYSTEM = /^(openshift|kube|istio-system$|istio-cni$)/;
/** How many services the traffic list shows for this preview: counted from its stand-in cluster. */
// The Istio kinds the config page lists (all served in the stand-in; Gateway API is not).
const CONFIG_KINDS = [
  ['networking.istio.io/v1', 'VirtualService'],
  ['networking.istio.io/v1', 'DestinationRule'],
  ['networking.istio.io/v1', 'Gateway'],
  ['networking.istio.io/v1', 'ServiceEntry'],
  ['networking.istio.io/v1', 'Sidecar'],
  ['security.istio.io/v1', 'PeerAuthentication'],
  ['security.istio.io/v1', 'AuthorizationPolicy'],
  ['security.istio.io/v1', 'RequestAuthentication'],
  ['telemetry.istio.io/v1', 'Telemetry'],
];
/** How many objects the config page lists (the generated Services have no problem to list). */
const listedConfig = (preview) =>
  CONFIG_KINDS.reduce((n, [v, k]) => n + preview.backend.api.findAll(v, k).length, 0);

const listedServices = (preview) =>
  preview.backend.api
    .findAll('v1', 'Service')
    .filter((s) => !SYSTEM.test(s.metadata.namespace ?? '')).length;

const log = (...a) => console.error('[bench]', ...a);

const timed = (cmd, opts = {}) => {
  const started = process.hrtime.bigint();
  execSync(cmd, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], ...opts });
  return Number(process.hrtime.bigint() - started) / 1e6;
};

// The browser tests' Chromium and flags (web security stays on).
const launch = async () => chromium.launch(await chromiumLaunchOptions());

/**
 * Opens `path` in a fresh context (cold cache) and waits until `rendered` (run in the page)
 * returns true. Returns the time from navigation start to that moment (Performance API), the
 * plugin scripts fetched, HTTP requests, WebSocket watches and the JS heap after a GC.
 */
const visit = async (browser, base, urlPath, rendered, arg) => {
  const context = await browser.newContext({ baseURL: base, locale: 'en-US' });
  const page = await context.newPage();
  const requests = [];
  const sockets = [];
  const scripts = [];
  let lastActivity = Date.now();
  page.on('request', (r) => {
    lastActivity = Date.now();
    requests.push(r.url());
  });
  page.on('websocket', (ws) => {
    lastActivity = Date.now();
    sockets.push(new URL(ws.url()).pathname);
  });
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith(PLUGIN_ASSETS) && u.pathname.endsWith('.js')) {
      scripts.push(u.pathname.slice(PLUGIN_ASSETS.length));
    }
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(urlPath);
  // Polled every animation frame; the Performance API clock starts at navigation.
  const handle = await page.waitForFunction(
    `(() => (${rendered.toString()})(${JSON.stringify(arg ?? null)}) ? performance.now() : false)()`,
    undefined,
    { polling: 'raf', timeout: 120_000 },
  );
  const renderMs = await handle.jsonValue();
  // Watches open after their list has loaded, possibly after the page shows it: count them once
  // the page has made no new request nor socket for a second.
  for (let t = 0; t < 15_000 && Date.now() - lastActivity < 1000; t += 100) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
  const apiRequests = requests.filter((u) => new URL(u).pathname.startsWith('/api/kubernetes/'));
  // Queries to both Prometheus proxies (/api/prometheus/, /api/prometheus-tenancy/); the
  // console's own alerting-rules poll is not the plugin's.
  const prometheusRequests = requests.filter((u) => {
    const { pathname } = new URL(u);
    return pathname.startsWith('/api/prometheus') && !pathname.endsWith('/rules');
  });
  const result = {
    renderMs,
    heap,
    requests: requests.length,
    apiRequests: apiRequests.length,
    prometheusRequests: prometheusRequests.length,
    watches: sockets.length,
    watchPaths: [...sockets].sort(),
    scripts,
    errors,
  };
  return { page, context, result };
};

// --- the "fully rendered" conditions, evaluated in the page ---------------------------

/** The overview shows the Istio card with its member namespaces. */
const overviewRendered = () =>
  !!document.querySelector('[data-test="istio-default"] [data-test="istio-default-members"]');

/**
 * The traffic list holds every service (its `data-total`) and shows them: all as rows, or, as
 * the console's virtualized table renders only the rows in view, rows down to the bottom of the
 * window.
 */
const trafficRendered = (expected) => {
  const list = document.querySelector('[data-test="traffic-table"]');
  if (list?.getAttribute('data-total') !== String(expected)) return false;
  const rows = list.querySelectorAll('tbody tr');
  if (rows.length === expected) return true;
  const last = rows[rows.length - 1];
  return !!last && last.getBoundingClientRect().bottom >= window.innerHeight;
};

/** The Istio config list holds every object (its `data-total`), shown as trafficRendered says. */
const configRendered = (expected) => {
  const list = document.querySelector('[data-test="istio-config-table"]');
  if (list?.getAttribute('data-total') !== String(expected)) return false;
  const rows = list.querySelectorAll('tbody tr');
  if (rows.length === expected) return true;
  const last = rows[rows.length - 1];
  return !!last && last.getBoundingClientRect().bottom >= window.innerHeight;
};

const routeRendered = (selector) => !!document.querySelector(selector);

/** The Service Mesh tab: Kiali's graph and the metrics table both drawn. */
const tabRendered = () =>
  !!document.querySelector('[data-test^="graph-edge-"]') &&
  !!document.querySelector('[data-test="metrics-table"] tbody tr');

const LISTED = Symbol('the number of services the traffic list shows');

/** Route -> how to tell it rendered (on the mesh3 scenario). */
const ROUTES = [
  ['/service-mesh/overview', overviewRendered, undefined],
  ['/service-mesh/traffic', trafficRendered, LISTED],
  ['/service-mesh/install', routeRendered, '[data-test^="step-"]'],
  ['/service-mesh/traffic/ns/bookinfo/reviews/split', routeRendered, '[data-test="weight-v1"]'],
  [
    '/service-mesh/traffic/ns/bookinfo/reviews/circuit-breaker',
    routeRendered,
    '[data-test="apply"]',
  ],
  ['/service-mesh/traffic/ns/bookinfo/reviews/match-routing', routeRendered, '[data-test="apply"]'],
  ['/service-mesh/traffic/ns/bookinfo/reviews/resilience', routeRendered, '[data-test="apply"]'],
  ['/service-mesh/traffic/ns/bookinfo/productpage/expose', routeRendered, '[data-test="apply"]'],
  ['/service-mesh/security/ns/bookinfo', routeRendered, '[data-test="security-table"]'],
  ['/service-mesh/istio-config', routeRendered, '[data-test="istio-config-table"] tbody tr'],
  [
    '/service-mesh/security/ns/bookinfo/workloads/reviews-v1/authorization',
    routeRendered,
    '[data-test="caller-table"]',
  ],
  // The tabs render inside the console's Service page, from the stand-in Kiali.
  // reviews has three versions, details one: Prometheus requests must not grow with versions.
  ['/k8s/ns/bookinfo/services/reviews/service-mesh', tabRendered, undefined],
  ['/k8s/ns/bookinfo/services/details/service-mesh', tabRendered, undefined],
  [
    '/k8s/ns/bookinfo/services/reviews/service-mesh-traces',
    routeRendered,
    '[data-test="traces-table"] tbody tr',
  ],
];

const summarize = (runs, key) => {
  const values = runs.map((r) => r[key]);
  return {
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    runs: values,
  };
};

/** Each route's first load in one host: our preview host, or the real console 4.22 frontend. */
const measureRoutes = async (browser, report, host) => {
  const preview = await startPreview({
    port: 0,
    scenario: 'mesh3',
    user: 'admin',
    speed: 0.1,
    host,
    consoleDist: process.env.MESH_CONSOLE_DIST,
  });
  try {
    const out = [];
    for (const [route, rendered, routeArg] of ROUTES) {
      const arg = routeArg === LISTED ? listedServices(preview) : routeArg;
      const { context, result } = await visit(browser, preview.url, route, rendered, arg);
      await context.close();
      out.push({
        route,
        host,
        firstLoad: firstLoad(result.scripts, report.files),
        renderMs: result.renderMs,
        prometheusRequests: result.prometheusRequests,
      });
      log(`${host}: route ${route}: ${kib(out.at(-1).firstLoad.gzip)} gzip`);
    }
    return out;
  } finally {
    await preview.close();
  }
};

/** Time from clicking Apply on a weighted split to the form showing the new routing. */
const applySplit = async (browser, base, service) => {
  const { page, context } = await visit(
    browser,
    base,
    `/service-mesh/traffic/ns/${service.namespace}/${service.name}/split`,
    routeRendered,
    '[data-test="weight-v2"]',
  );
  const byTest = (id) => page.locator(`[data-test="${id}"]`);
  await byTest('weight-v2').fill('20');
  await byTest('weight-v1').fill('80');
  const apply = byTest('apply');
  await apply.waitFor();
  const started = await page.evaluate(() => performance.now());
  await apply.click();
  const done = await page.waitForFunction(
    () =>
      /v1 80%, v2 20%/.test(
        document.querySelector('[data-test="current-routing"]')?.textContent ?? '',
      )
        ? performance.now()
        : false,
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  const elapsed = (await done.jsonValue()) - started;
  await context.close();
  return elapsed;
};

/**
 * The console already running (its home page open, the plugin's entry loaded), the time from
 * clicking the page's navigation item to the page rendered: what a console user waits for.
 */
const fromNav = async (browser, base, href, rendered, arg) => {
  const context = await browser.newContext({ baseURL: base, locale: 'en-US' });
  const page = await context.newPage();
  const loaded = page.waitForEvent('console', {
    predicate: (m) => m.text() === 'Plugin mesh-console-plugin has been loaded',
  });
  await page.goto('/');
  await loaded;
  // Sections start collapsed, as in the console: open ours first (not timed).
  const link = page.locator(`nav a[href="${href}"]`).first();
  if (!(await link.isVisible())) {
    await page.locator('nav').getByRole('button', { name: 'Service Mesh', exact: true }).click();
  }
  await link.waitFor({ state: 'visible' });
  const started = await page.evaluate(() => performance.now());
  await link.click();
  const done = await page.waitForFunction(
    `(() => (${rendered.toString()})(${JSON.stringify(arg ?? null)}) ? performance.now() : false)()`,
    undefined,
    { polling: 'raf', timeout: 120_000 },
  );
  const elapsed = (await done.jsonValue()) - started;
  await context.close();
  return elapsed;
};

const measureScenario = async (browser, scenario, runs) => {
  const size = LARGE_SCENARIOS[scenario];
  if (!size)
    throw new Error(
      `unknown scenario ${scenario} (expected ${Object.keys(LARGE_SCENARIOS).join(', ')})`,
    );
  const seedStarted = Date.now();
  const preview = await startPreview({ port: 0, scenario, user: 'admin', speed: 0.1 });
  const seedMs = Date.now() - seedStarted;
  const services = largeServices(size.services);
  const namespaces = new Set(services.map((s) => s.namespace)).size;
  try {
    const pages = [];
    for (const [page, urlPath, rendered, arg] of [
      ['overview', '/service-mesh/overview', overviewRendered, undefined],
      ['traffic', '/service-mesh/traffic', trafficRendered, listedServices(preview)],
      ['config', '/service-mesh/istio-config', configRendered, listedConfig(preview)],
    ]) {
      const results = [];
      for (let i = 0; i < runs; i++) {
        const { context, result } = await visit(browser, preview.url, urlPath, rendered, arg);
        await context.close();
        if (result.errors.length)
          throw new Error(`${page} on ${scenario}: ${result.errors.join('; ')}`);
        results.push({
          ...result,
          fromNavMs: await fromNav(browser, preview.url, urlPath, rendered, arg),
        });
      }
      pages.push({
        page,
        renderMs: summarize(results, 'renderMs'),
        fromNavMs: summarize(results, 'fromNavMs'),
        heap: summarize(results, 'heap'),
        requests: summarize(results, 'requests'),
        apiRequests: summarize(results, 'apiRequests'),
        watches: summarize(results, 'watches'),
        watchPaths: results[0].watchPaths,
      });
      log(`${scenario} ${page}: ${ms(pages.at(-1).renderMs.median)} median`);
    }
    // A different service each run (a Service with a plain v1 route), so each apply writes.
    const splitRuns = [];
    for (let i = 0; i < runs; i++) {
      const svc = services[(i * 5 + 1) % services.length];
      splitRuns.push(await applySplit(browser, preview.url, svc));
    }
    const split = {
      median: median(splitRuns),
      min: Math.min(...splitRuns),
      max: Math.max(...splitRuns),
      runs: splitRuns,
    };
    log(`${scenario} apply split: ${ms(split.median)} median`);
    return { scenario, ...size, namespaces, seedMs, pages, applySplitMs: split };
  } finally {
    await preview.close();
  }
};

/** A cold `npm ci`: a fresh clone, an empty npm cache. */
const timeNpmCi = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-bench-ci-'));
  try {
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', root, path.join(dir, 'repo')]);
    // npm's engine and install-script warnings would bury the table; shown only on failure.
    const msTaken = timed(`npm ci --no-audit --no-fund --cache ${path.join(dir, 'npm-cache')}`, {
      cwd: path.join(dir, 'repo'),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return { ms: msTaken };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

const machine = () => ({
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  // Other work on the machine slows the build and the browser; a reader should know.
  loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
});

const print = (results) => {
  const out = [];
  const { dist } = results;
  out.push(
    `Machine: ${results.machine.cpus} cores (${results.machine.cpuModel}), ${results.machine.memoryGiB} GiB, Node ${results.machine.node}; load average at start ${results.machine.loadAverage.join(', ')}`,
  );
  out.push(
    '',
    `dist/: ${dist.total.files} scripts, ${kib(dist.total.raw)} raw, ${kib(dist.total.gzip)} gzip; entry ${dist.entry.file}`,
  );
  out.push(
    formatTable(
      ['file', 'raw', 'gzip', 'kind'],
      dist.files.map((f) => [
        f.file,
        kib(f.raw),
        kib(f.gzip),
        f.entry ? 'entry' : f.patternfly ? 'PatternFly fallback' : 'plugin',
      ]),
    ),
  );
  if (results.routes.length) {
    out.push('', 'First-load JavaScript per route (what Chromium fetched of dist/, gzip):');
    out.push(
      formatTable(
        [
          'host',
          'route',
          'rendered',
          'scripts',
          'gzip',
          'of which PatternFly fallbacks',
          'Prometheus requests',
        ],
        results.routes.map((r) => [
          r.host,
          r.route,
          ms(r.renderMs),
          r.firstLoad.files.length,
          kib(r.firstLoad.gzip),
          kib(r.firstLoad.patternflyGzip),
          r.prometheusRequests ?? '-',
        ]),
      ),
    );
  }
  if (results.build) {
    out.push(
      '',
      `Production build: ${ms(results.build.ms)} (load average before it: ${results.build.loadAverage.join(', ')})`,
    );
  }
  if (results.npmCi) out.push(`Cold npm ci: ${ms(results.npmCi.ms)}`);
  if (results.scenarios.length) {
    out.push('', `Large meshes (median of ${results.runs} runs; min-max):`);
    const rows = [];
    for (const s of results.scenarios) {
      for (const p of s.pages) {
        rows.push([
          s.scenario,
          `${s.services} svc / ${s.namespaces} ns`,
          p.page,
          `${ms(p.renderMs.median)} (${ms(p.renderMs.min)}-${ms(p.renderMs.max)})`,
          `${ms(p.fromNavMs.median)} (${ms(p.fromNavMs.min)}-${ms(p.fromNavMs.max)})`,
          mib(p.heap.median),
          p.requests.median,
          p.apiRequests.median,
          p.watches.median,
        ]);
      }
      rows.push([
        s.scenario,
        '',
        'apply split',
        `${ms(s.applySplitMs.median)} (${ms(s.applySplitMs.min)}-${ms(s.applySplitMs.max)})`,
        '',
        '',
        '',
        '',
        '',
      ]);
    }
    out.push(
      formatTable(
        [
          'scenario',
          'size',
          'page',
          'rendered (page load)',
          'rendered (from the nav)',
          'JS heap',
          'requests',
          'API requests',
          'watches',
        ],
        rows,
      ),
    );
  }
  out.push('', 'Budgets:');
  out.push(formatTable(['figure', 'measured', 'budget', 'verdict'], budgetRows(results)));
  return out.join('\n');
};

const main = async () => {
  const opts = parseArgs(process.argv.slice(2));
  const results = {
    date: new Date().toISOString(),
    machine: machine(),
    runs: opts.runs,
    routes: [],
    scenarios: [],
  };
  if (opts.build) {
    log('production build (npm run build) ...');
    const loadAverage = os.loadavg().map((l) => Number(l.toFixed(2)));
    results.build = {
      ms: timed('npm run --silent build'),
      cores: results.machine.cpus,
      loadAverage,
    };
  }
  if (!fs.existsSync(path.join(root, 'dist', 'plugin-manifest.json'))) {
    throw new Error('dist/ is empty: run without --skip-build (or npm run build) first');
  }
  const modulesFile = path.join(root, '.cache', 'build-modules.json');
  const modules = fs.existsSync(modulesFile)
    ? JSON.parse(fs.readFileSync(modulesFile, 'utf8'))
    : undefined;
  results.dist = distReport(path.join(root, 'dist'), modules);
  if (opts.npmCi) {
    log('cold npm ci in a fresh clone (minutes) ...');
    results.npmCi = timeNpmCi();
  }
  if (opts.build || !fs.existsSync(path.join(root, '.cache', 'preview-host'))) {
    log('preview host build ...');
    timed('npm run --silent build:preview');
  }
  const browser = await launch();
  try {
    results.routes = await measureRoutes(browser, results.dist, 'preview');
    if (consoleBuilt) {
      results.routes.push(...(await measureRoutes(browser, results.dist, 'console')));
    } else {
      log(`first loads in the real console NOT measured: no console build at ${consoleDist}`);
    }
    for (const scenario of opts.scenarios) {
      log(`scenario ${scenario} ...`);
      results.scenarios.push(await measureScenario(browser, scenario, opts.runs));
    }
  } finally {
    await browser.close();
  }
  results.budgets = budgetRows(results).map(([figure, measured, budget, verdict]) => ({
    figure,
    measured,
    budget,
    verdict,
  }));
  const out = path.resolve(root, opts.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(print(results));
  console.log(`\nWritten: ${path.relative(root, out)}`);
};

main().catch((e) => {
  console.error(e.stack ?? e);
  process.exit(1);
});
