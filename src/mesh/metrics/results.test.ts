import { canarySides, metricsRows, prometheusFailure, sampleValue, valuesBy } from './results';

const V = 'destination_canonical_revision';
const vector = (rows: [Record<string, string>, string][]) => ({
  status: 'success',
  data: {
    resultType: 'vector',
    result: rows.map(([metric, value]) => ({ metric, value: [1763900000, value] })),
  },
});
const byVersion = (o: Record<string, string>) =>
  vector(Object.entries(o).map(([v, value]) => [{ [V]: v }, value]));

describe('sampleValue', () => {
  it('reads Prometheus’ strings, special values included', () => {
    expect(sampleValue([0, '1.5'])).toBe(1.5);
    expect(sampleValue([0, 'NaN'])).toBeNaN();
    expect(sampleValue([0, '+Inf'])).toBe(Infinity);
    expect(sampleValue([0, '-Inf'])).toBe(-Infinity);
    expect(sampleValue(undefined)).toBeNaN();
  });
});

describe('metricsRows', () => {
  it('joins the signals per version and leaves out what is unknown', () => {
    const rows = metricsRows(
      {
        requestRate: byVersion({ v1: '9', v10: '0.5', v2: '1' }),
        errorPercent: byVersion({ v1: '0', v2: '50' }),
        p95: byVersion({ v1: '12', v2: 'NaN', v10: '+Inf' }),
      },
      [V],
    );
    // Numeric order: v10 after v2.
    expect(rows.map((r) => r.key)).toEqual(['v1', 'v2', 'v10']);
    expect(rows[0]).toEqual({
      key: 'v1',
      groups: ['v1'],
      requestRate: 9,
      errorPercent: 0,
      p95: 12,
    });
    expect(rows[1]).toEqual({ key: 'v2', groups: ['v2'], requestRate: 1, errorPercent: 50 });
    expect(rows[2]).toEqual({ key: 'v10', groups: ['v10'], requestRate: 0.5 });
  });

  it('keys a namespace’s rows by service and version', () => {
    const labels = ['destination_canonical_service', V];
    const r = vector([
      [{ destination_canonical_service: 'reviews', [V]: 'v1' }, '3'],
      [{ destination_canonical_service: 'ratings', [V]: 'v1' }, '2'],
    ]);
    expect(metricsRows({ requestRate: r }, labels).map((x) => x.groups)).toEqual([
      ['ratings', 'v1'],
      ['reviews', 'v1'],
    ]);
  });

  it('reads anything but a vector as no data', () => {
    expect(
      valuesBy({ status: 'success', data: { resultType: 'matrix', result: [] } }, [V]).size,
    ).toBe(0);
    expect(valuesBy({ status: 'error' }, [V]).size).toBe(0);
    expect(metricsRows({}, [V])).toEqual([]);
  });
});

describe('canarySides', () => {
  it('sums every other version into the stable side', () => {
    const s = canarySides(
      {
        requests: byVersion({ v1: '800', v2: '100', v3: '100' }),
        errors: byVersion({ v3: '40' }),
        p95Canary: vector([[{}, '30']]),
        p95Stable: vector([[{}, '10']]),
      },
      'v3',
    );
    expect(s.canary).toEqual({ requests: 100, errors: 40, p95Ms: 30 });
    expect(s.stable).toEqual({ requests: 900, errors: 0, p95Ms: 10 });
  });

  it('has no side for a version without series, and no p95 without its answer', () => {
    const s = canarySides({ requests: byVersion({ v1: '800' }) }, 'v3');
    expect(s.canary).toBeUndefined();
    expect(s.stable).toEqual({ requests: 800, errors: 0, p95Ms: undefined });
    expect(canarySides({}, 'v3')).toEqual({ canary: undefined, stable: undefined });
  });
});

describe('prometheusFailure', () => {
  it('tells a refusal from an outage', () => {
    expect(prometheusFailure(undefined)).toBeUndefined();
    expect(prometheusFailure({ code: 403 })).toBe('forbidden');
    expect(prometheusFailure({ response: { status: 401 } })).toBe('unauthorized');
    expect(prometheusFailure({ code: 400 })).toBe('bad-query');
    expect(prometheusFailure({ code: 502 })).toBe('unavailable');
    expect(prometheusFailure(new TypeError('Failed to fetch'))).toBe('unavailable');
  });
});
