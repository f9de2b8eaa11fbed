'use strict';
// The bench's arithmetic and verdicts: what it prints beside each budget must follow from the
// figures, whatever machine measured them.
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { afterAll, beforeAll, describe, expect, it } = require('@jest/globals');
const {
  BUDGETS,
  budgetRows,
  distReport,
  firstLoad,
  formatTable,
  median,
  parseArgs,
} = require('./benchReport');

describe('median', () => {
  it('takes the middle run, or the mean of the middle two', () => {
    expect(median([900, 120, 130])).toBe(130);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('has no median without runs', () => {
    expect(median([])).toBeUndefined();
  });
});

describe('distReport and firstLoad', () => {
  let dir;
  const js = (name, body) => fs.writeFileSync(path.join(dir, name), body);
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-dist-'));
    fs.writeFileSync(
      path.join(dir, 'plugin-manifest.json'),
      JSON.stringify({ loadScripts: ['plugin-entry.abc.min.js'] }),
    );
    js('plugin-entry.abc.min.js', 'entry();'.repeat(50));
    js('1-chunk-abc.min.js', 'page();'.repeat(500));
    js('2-chunk-abc.min.js', Array.from({ length: 400 }, (_, i) => `pf${i * 7919}();`).join(''));
    fs.writeFileSync(path.join(dir, '2-chunk-abc.min.js.LICENSE.txt'), 'MIT');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const modules = {
    chunks: [
      {
        files: ['1-chunk-abc.min.js'],
        modules: [{ nameForCondition: '/r/src/traffic/TrafficPage.tsx' }],
      },
      {
        files: ['2-chunk-abc.min.js'],
        modules: [
          {
            modules: [
              { nameForCondition: '/r/node_modules/@patternfly/react-core/dist/esm/Button.js' },
              { nameForCondition: '/r/node_modules/react-dom/index.js' },
            ],
          },
        ],
      },
    ],
  };

  it('sizes every script raw and gzip, heaviest first, and finds the entry', () => {
    const r = distReport(dir, modules);
    expect(r.files.map((f) => f.file)).toEqual([
      '2-chunk-abc.min.js',
      '1-chunk-abc.min.js',
      'plugin-entry.abc.min.js',
    ]);
    const entry = fs.readFileSync(path.join(dir, 'plugin-entry.abc.min.js'));
    expect(r.entry).toMatchObject({
      file: 'plugin-entry.abc.min.js',
      raw: 400,
      gzip: zlib.gzipSync(entry, { level: 9 }).length,
    });
    expect(r.total.raw).toBe(r.files.reduce((a, f) => a + f.raw, 0));
    expect(r.total.files).toBe(3);
  });

  it('marks chunks that hold only PatternFly fallback code', () => {
    const r = distReport(dir, modules);
    expect(r.files.filter((f) => f.patternfly).map((f) => f.file)).toEqual(['2-chunk-abc.min.js']);
  });

  it('sums what a route fetched, once per file, ignoring anything not in dist/', () => {
    const { files } = distReport(dir, modules);
    const size = (f) => files.find((x) => x.file === f).gzip;
    const load = firstLoad(
      ['plugin-entry.abc.min.js', '2-chunk-abc.min.js', '2-chunk-abc.min.js', 'other.js'],
      files,
    );
    expect(load.files).toEqual(['2-chunk-abc.min.js', 'plugin-entry.abc.min.js']);
    expect(load.gzip).toBe(size('plugin-entry.abc.min.js') + size('2-chunk-abc.min.js'));
    expect(load.patternflyGzip).toBe(size('2-chunk-abc.min.js'));
  });
});

const page = (name, renderMs, watches) => ({
  page: name,
  renderMs: { median: renderMs },
  fromNavMs: { median: renderMs / 2 },
  watches: { median: watches },
});
const results = (over = {}) => ({
  dist: { entry: { gzip: 4000 }, total: { gzip: 500 * 1024 } },
  build: { ms: 20_000, cores: 2 },
  routes: [
    { route: '/a', host: 'preview', firstLoad: { gzip: 100 * 1024, patternflyGzip: 0 } },
    { route: '/b', host: 'preview', firstLoad: { gzip: 120 * 1024, patternflyGzip: 0 } },
    { route: '/a', host: 'console', firstLoad: { gzip: 100 * 1024, patternflyGzip: 0 } },
    { route: '/b', host: 'console', firstLoad: { gzip: 160 * 1024, patternflyGzip: 50 * 1024 } },
  ],
  scenarios: [
    { istioObjects: 100, namespaces: 10, pages: [page('traffic', 2000, 5)] },
    { istioObjects: 5000, namespaces: 100, pages: [page('traffic', 800, 5)] },
  ],
  ...over,
});

describe('budgetRows', () => {
  const verdicts = (r) => Object.fromEntries(budgetRows(r).map((row) => [row[0], row[3]]));

  it('judges each figure against its budget', () => {
    expect(verdicts(results())).toEqual({
      'entry script (every console page)': 'pass',
      'heaviest route first load, preview host (/b)': 'pass',
      'PatternFly fallbacks fetched, preview host (any route)': 'pass',
      // In the console /b fetched a fallback (a module the console does not share): both fail.
      'heaviest route first load, real console 4.22 (/b)': 'OVER',
      'PatternFly fallbacks fetched, real console 4.22 (any route)': 'OVER',
      'dist total': 'pass',
      'production build (2 cores)': 'pass',
      // Judged on the largest scenario only.
      'traffic list rendered, 5000 Istio objects, page load (median)': 'pass',
      'traffic list rendered, 5000 Istio objects, from the nav (median)': 'pass',
      'traffic: watches per page': 'pass',
    });
  });

  it('judges only the hosts it measured (no console build: preview rows only)', () => {
    const r = results();
    r.routes = r.routes.filter((x) => x.host === 'preview');
    expect(Object.keys(verdicts(r)).filter((k) => k.includes('real console'))).toEqual([]);
  });

  it('fails a large list that renders too slowly', () => {
    const r = results();
    r.scenarios[1].pages[0].renderMs.median = 1500;
    expect(verdicts(r)['traffic list rendered, 5000 Istio objects, page load (median)']).toBe(
      'OVER',
    );
  });

  it('fails watches that grow with the number of namespaces', () => {
    const r = results();
    r.scenarios[1].pages[0].watches.median = 105;
    expect(verdicts(r)['traffic: watches per page']).toBe('OVER');
    expect(budgetRows(r).find((row) => row[0] === 'traffic: watches per page')[1]).toBe(
      '5 @ 10 ns, 105 @ 100 ns',
    );
  });

  it('does not judge watches from one scenario, nor a build it did not time', () => {
    const r = results({ build: undefined });
    r.scenarios = [r.scenarios[1]];
    const v = verdicts(r);
    expect(v['traffic: watches per page']).toBe('not judged');
    expect(Object.keys(v).some((k) => k.startsWith('production build'))).toBe(false);
  });

  it('fails a Service Mesh tab whose Prometheus requests grow with the versions shown', () => {
    const tab = (svc, n) => ({
      route: `/k8s/ns/bookinfo/services/${svc}/service-mesh`,
      host: 'preview',
      firstLoad: { gzip: 1000, patternflyGzip: 0, files: [] },
      prometheusRequests: n,
    });
    const key = 'Prometheus requests per Service Mesh tab view, preview host';
    const r = results();
    r.routes = [...r.routes, tab('reviews', 10), tab('details', 10)];
    expect(verdicts(r)[key]).toBe('pass');
    r.routes = [...results().routes, tab('reviews', 14), tab('details', 10)];
    expect(verdicts(r)[key]).toBe('OVER');
    expect(budgetRows(r).find((row) => row[0] === key)[1]).toBe('14 @ 3 versions, 10 @ 1');
  });

  it('holds the budgets the issue sets', () => {
    expect(BUDGETS).toEqual({
      entryGzip: 4096,
      heaviestRouteGzip: 150 * 1024,
      totalGzip: 600 * 1024,
      buildMs: 30_000,
      largeListMs: 1000,
    });
  });
});

describe('formatTable', () => {
  it('lines up columns and right-aligns figures', () => {
    expect(
      formatTable(
        ['figure', 'size'],
        [
          ['entry', '4.0 KiB'],
          ['total', '235.6 KiB'],
        ],
      ),
    ).toBe(
      ['figure  size', '------  ---------', 'entry     4.0 KiB', 'total   235.6 KiB'].join('\n'),
    );
  });
});

describe('parseArgs', () => {
  it('defaults to three runs of the three large scenarios, with a build', () => {
    expect(parseArgs([])).toEqual({
      runs: 3,
      scenarios: ['large-100', 'large-1000', 'large-5000'],
      build: true,
      npmCi: false,
      out: '.cache/bench/results.json',
    });
  });
  it('reads the flags', () => {
    expect(
      parseArgs(['--runs', '5', '--scenarios', 'large-100', '--skip-build', '--npm-ci']),
    ).toMatchObject({ runs: 5, scenarios: ['large-100'], build: false, npmCi: true });
  });
  it('explains a bad flag instead of running', () => {
    expect(() => parseArgs(['--runs', '0'])).toThrow('--runs must be a whole number >= 1');
    expect(() => parseArgs(['--runs'])).toThrow('--runs needs a value');
    expect(() => parseArgs(['--fast'])).toThrow('unknown option --fast');
  });
});
