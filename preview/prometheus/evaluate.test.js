'use strict';
// The evaluator on hand-made samples: Prometheus 2.42's rate/increase extrapolation at the
// window's edges and across a counter reset, histogram_quantile's NaN and Inf cases, vector
// matching, lookback, and the HTTP API's number formatting.
const { describe, expect, it } = require('@jest/globals');
const {
  bucketQuantile,
  evaluate,
  extrapolatedRate,
  formatTimestamp,
  formatValue,
  resultJSON,
} = require('./evaluate');
const { matches, parse } = require('./promql');

const S = 1000;
/** A storage over fixed series: [{labels, samples: [[seconds, value]]}]. */
const storageOf = (series) => ({
  select: (matchers, mint, maxt) =>
    series
      .filter((s) => matchers.every((m) => matches(m, s.labels[m.name])))
      .map((s) => ({
        labels: s.labels,
        samples: s.samples.map(([t, v]) => [t * S, v]).filter(([t]) => t >= mint && t <= maxt),
      }))
      .filter((s) => s.samples.length),
});
const at = (storage, q, seconds) =>
  JSON.parse(
    resultJSON(evaluate(parse(q), storage, { start: seconds * S, end: seconds * S, step: 1 })),
  );
const valueOf = (storage, q, seconds) => {
  const r = at(storage, q, seconds).result;
  return r.length ? Number(r[0].value[1]) : undefined;
};
const counter = (labels, points) => ({
  labels: { __name__: 'c_total', ...labels },
  samples: points,
});

describe('rate and increase (extrapolatedRate)', () => {
  const pts = (list) => list.map(([t, v]) => [t * S, v]);

  it('takes samples on both edges of the range and does not extrapolate past them', () => {
    expect(
      extrapolatedRate(
        pts([
          [0, 0],
          [30, 30],
          [60, 60],
          [90, 90],
          [120, 120],
        ]),
        0,
        120 * S,
        true,
      ),
    ).toBe(1);
  });

  it('extrapolates to the edges when the samples are close to them', () => {
    // 10 s to the start, 20 s to the end: the 90 s of samples stand for 120 s.
    expect(
      extrapolatedRate(
        pts([
          [10, 10],
          [40, 40],
          [70, 70],
          [100, 100],
        ]),
        0,
        120 * S,
        false,
      ),
    ).toBe(120);
  });

  it('extrapolates only half an interval past a gap at the end', () => {
    expect(
      extrapolatedRate(
        pts([
          [0, 100],
          [30, 130],
          [60, 160],
        ]),
        0,
        120 * S,
        false,
      ),
    ).toBe(75);
  });

  it('does not extrapolate below zero: a counter that started inside the range', () => {
    // It was 0 at t=25: 95 requests, not the 120 a 30 s extrapolation would give.
    expect(
      extrapolatedRate(
        pts([
          [30, 5],
          [60, 35],
          [90, 65],
          [120, 95],
        ]),
        0,
        120 * S,
        false,
      ),
    ).toBe(95);
  });

  it('adds back what a counter reset dropped', () => {
    expect(
      extrapolatedRate(
        pts([
          [0, 100],
          [30, 130],
          [60, 10],
          [90, 40],
          [120, 70],
        ]),
        0,
        120 * S,
        false,
      ),
    ).toBe(100);
  });

  it('needs two samples', () => {
    expect(extrapolatedRate(pts([[60, 5]]), 0, 120 * S, true)).toBeUndefined();
    const storage = storageOf([counter({ a: '1' }, [[60, 5]])]);
    expect(at(storage, 'rate(c_total[2m])', 120).result).toEqual([]);
  });

  it('is what rate() and increase() answer, without the metric name', () => {
    const storage = storageOf([
      counter({ a: '1' }, [
        [0, 100],
        [30, 130],
        [60, 10],
        [90, 40],
        [120, 70],
      ]),
    ]);
    expect(at(storage, 'increase(c_total[2m])', 120).result).toEqual([
      { metric: { a: '1' }, value: [120, '100'] },
    ]);
    expect(valueOf(storage, 'rate(c_total[120s])', 120)).toBeCloseTo(100 / 120, 12);
  });
});

describe('histogram_quantile (bucketQuantile)', () => {
  const b = (list) => list.map(([upperBound, count]) => ({ upperBound, count }));

  it('interpolates linearly inside the bucket that holds the rank', () => {
    expect(
      bucketQuantile(
        0.5,
        b([
          [1, 2],
          [2, 4],
          [Infinity, 4],
        ]),
      ),
    ).toBe(1);
    expect(
      bucketQuantile(
        0.75,
        b([
          [2, 4],
          [1, 2],
          [Infinity, 4],
        ]),
      ),
    ).toBe(1.5);
  });

  it('answers the highest finite bound for a rank in the +Inf bucket', () => {
    expect(
      bucketQuantile(
        0.99,
        b([
          [1, 2],
          [2, 4],
          [Infinity, 10],
        ]),
      ),
    ).toBe(2);
  });

  it('fixes buckets that are not monotonic', () => {
    expect(
      bucketQuantile(
        0.9,
        b([
          [1, 5],
          [2, 3],
          [Infinity, 6],
        ]),
      ),
    ).toBe(2);
  });

  it.each([
    [
      'no +Inf bucket',
      0.5,
      [
        [1, 2],
        [2, 4],
      ],
      NaN,
    ],
    [
      'no observations',
      0.5,
      [
        [1, 0],
        [Infinity, 0],
      ],
      NaN,
    ],
    ['only the +Inf bucket', 0.5, [[Infinity, 3]], NaN],
    [
      'q below 0',
      -0.1,
      [
        [1, 1],
        [Infinity, 1],
      ],
      -Infinity,
    ],
    [
      'q above 1',
      1.1,
      [
        [1, 1],
        [Infinity, 1],
      ],
      Infinity,
    ],
    [
      'q NaN',
      NaN,
      [
        [1, 1],
        [Infinity, 1],
      ],
      NaN,
    ],
    [
      'a first bucket at or below 0',
      0.1,
      [
        [-1, 5],
        [1, 6],
        [Infinity, 6],
      ],
      -1,
    ],
  ])('%s', (_, q, buckets, want) => {
    expect(bucketQuantile(q, b(buckets))).toBe(want);
  });

  it('groups by every label but le, drops le and the name, and skips series without le', () => {
    const bucket = (le, v, extra = {}) => ({
      labels: { __name__: 'd_bucket', le, ...extra },
      samples: [[100, v]],
    });
    const storage = storageOf([
      bucket('1', 2, { v: 'a' }),
      bucket('+Inf', 4, { v: 'a' }),
      bucket('1', 0, { v: 'b' }),
      bucket('+Inf', 0, { v: 'b' }),
      bucket('bogus', 9, { v: 'c' }),
      { labels: { __name__: 'd_sum', v: 'a' }, samples: [[100, 1]] },
    ]);
    expect(at(storage, 'histogram_quantile(0.5, d_bucket)', 100).result).toEqual([
      { metric: { v: 'a' }, value: [100, '1'] },
      { metric: { v: 'b' }, value: [100, 'NaN'] },
    ]);
    expect(at(storage, 'histogram_quantile(0.5, d_sum)', 100).result).toEqual([]);
  });
});

describe('selectors, aggregation and operators', () => {
  const storage = storageOf([
    counter({ job: 'a', v: '1' }, [
      [0, 1],
      [300, 4],
    ]),
    counter({ job: 'b', v: '1' }, [[0, 2]]),
    counter({ job: 'c', v: '2' }, [[0, 10]]),
    { labels: { __name__: 'g', job: 'a', v: '1' }, samples: [[0, 3]] },
  ]);

  it('looks back 5 minutes for a plain selector, edge included', () => {
    expect(valueOf(storage, 'c_total{job="b"}', 300)).toBe(2);
    expect(valueOf(storage, 'c_total{job="b"}', 300.001)).toBeUndefined();
    expect(valueOf(storage, 'c_total{job="a"}', 310)).toBe(4);
  });

  it('aggregates by and without labels', () => {
    expect(at(storage, 'sum by (v) (c_total)', 100).result).toEqual([
      { metric: { v: '1' }, value: [100, '3'] },
      { metric: { v: '2' }, value: [100, '10'] },
    ]);
    expect(at(storage, 'max without (job) (c_total)', 100).result).toEqual([
      { metric: { v: '1' }, value: [100, '2'] },
      { metric: { v: '2' }, value: [100, '10'] },
    ]);
    expect(valueOf(storage, 'min(c_total)', 100)).toBe(1);
    expect(valueOf(storage, 'count(c_total)', 100)).toBe(3);
    expect(at(storage, 'sum by (nothing) (c_total)', 100).result[0].metric).toEqual({});
  });

  it('matches vectors one to one on their labels without the name', () => {
    expect(at(storage, 'c_total / g', 100).result).toEqual([
      { metric: { job: 'a', v: '1' }, value: [100, '0.3333333333333333'] },
    ]);
    expect(at(storage, 'c_total{job="a"} or g or c_total{job="c"}', 100).result).toEqual([
      { metric: { __name__: 'c_total', job: 'a', v: '1' }, value: [100, '1'] },
      { metric: { __name__: 'c_total', job: 'c', v: '2' }, value: [100, '10'] },
    ]);
    expect(at(storage, '2 * c_total{job="c"} - 1', 100).result).toEqual([
      { metric: { job: 'c', v: '2' }, value: [100, '19'] },
    ]);
    expect(at(storage, '1 / 0', 100)).toEqual({ resultType: 'scalar', result: [100, '+Inf'] });
  });

  it('fails as Prometheus does where labels collide or matching is ambiguous', () => {
    // {job="a"} selects c_total and g, which differ only by their name.
    const run = (q) => () => at(storage, q, 100);
    expect(run('{job="a"} * 2')).toThrow('vector cannot contain metrics with the same labelset');
    expect(run('c_total / {job="a"}')).toThrow(
      'found duplicate series for the match group {job="a", v="1"} on the right hand-side of the operation',
    );
    expect(run('{job="a"} / c_total{job="a"}')).toThrow(
      'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
    );
    expect(run('{job="a"}')).not.toThrow();
  });

  it('evaluates a range query at start, start + step, … up to end', () => {
    const result = evaluate(parse('sum(c_total)'), storage, {
      start: 0,
      end: 650 * S,
      step: 200 * S,
    });
    expect(JSON.parse(resultJSON(result, { range: true }))).toEqual({
      resultType: 'matrix',
      result: [
        {
          metric: {},
          values: [
            [0, '13'],
            [200, '13'],
            [400, '4'],
            [600, '4'], // the sample at 300 s is still within 5 minutes
          ],
        },
      ],
    });
  });
});

describe('the HTTP API’s formatting', () => {
  it.each([
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [0, '0'],
    [-0, '-0'],
    [3.3333333333333335, '3.3333333333333335'],
    [0.000001, '0.000001'],
    [1.5e-7, '1.5e-07'],
    [1e21, '1e+21'],
    [123456789012345680000, '123456789012345680000'],
  ])('writes %p as %j', (v, want) => {
    expect(formatValue(v)).toBe(want);
  });

  it('writes timestamps in seconds with their milliseconds', () => {
    expect(formatTimestamp(1780000000000)).toBe('1780000000');
    expect(formatTimestamp(1780000000500)).toBe('1780000000.500');
    expect(formatTimestamp(1780000000005)).toBe('1780000000.005');
  });
});
