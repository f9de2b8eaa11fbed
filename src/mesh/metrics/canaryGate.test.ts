import { DEFAULT_GATE, evaluateGate, gateSettingsProblems } from './canaryGate';
import type { GateCheck, SideStats } from './canaryGate';

const stable: SideStats = { requests: 9000, errors: 9, p95Ms: 100 }; // 0.1 % errors
const healthy: SideStats = { requests: 1000, errors: 10, p95Ms: 110 }; // 1 %, +10 % latency
const check = (checks: GateCheck[], id: GateCheck['id']) => checks.find((c) => c.id === id)!;

describe('evaluateGate', () => {
  it('passes a canary within 1 point of errors and 1.2 × p95 of stable, with enough requests', () => {
    const r = evaluateGate(healthy, stable, DEFAULT_GATE);
    expect(r.verdict).toBe('pass');
    expect(r.reasons).toEqual([]);
    expect(check(r.checks, 'errors')).toMatchObject({ state: 'pass', canary: 1, stable: 0.1 });
    expect((check(r.checks, 'errors') as { limit: number }).limit).toBeCloseTo(1.1);
    expect(check(r.checks, 'latency')).toMatchObject({ state: 'pass', canary: 110, limit: 120 });
  });

  it('passes exactly at the limits, fails just above them', () => {
    const atLimit = { requests: 1000, errors: 11, p95Ms: 120 };
    expect(evaluateGate(atLimit, stable, DEFAULT_GATE).verdict).toBe('pass');
    const r = evaluateGate({ ...atLimit, errors: 12 }, stable, DEFAULT_GATE);
    expect(r.verdict).toBe('fail');
    expect(r.reasons).toEqual(['errors-above-limit']);
    const slow = evaluateGate({ ...atLimit, p95Ms: 120.5 }, stable, DEFAULT_GATE);
    expect(slow.verdict).toBe('fail');
    expect(slow.reasons).toEqual(['latency-above-limit']);
  });

  it('fails a canary answering 503 for every request (an injected abort)', () => {
    const r = evaluateGate({ requests: 500, errors: 500, p95Ms: 2 }, stable, DEFAULT_GATE);
    expect(r.verdict).toBe('fail');
    expect(check(r.checks, 'errors')).toMatchObject({ state: 'fail', canary: 100 });
  });

  it('cannot judge a canary without traffic, and does not condemn it on a few failures', () => {
    const none = evaluateGate({ requests: 0, errors: 0 }, stable, DEFAULT_GATE);
    expect(none.verdict).toBe('insufficient');
    expect(none.reasons).toContain('too-little-traffic');
    expect(check(none.checks, 'traffic')).toMatchObject({ state: 'fail', canary: 0, limit: 100 });
    // 5 of 20 failed: bad, but 20 requests are too few to say.
    const few = evaluateGate({ requests: 20, errors: 5, p95Ms: 500 }, stable, DEFAULT_GATE);
    expect(few.verdict).toBe('insufficient');
    expect(few.reasons).toEqual(
      expect.arrayContaining(['too-little-traffic', 'errors-above-limit']),
    );
    // A canary with no series at all.
    expect(evaluateGate(undefined, stable, DEFAULT_GATE).verdict).toBe('insufficient');
  });

  it('has no baseline when only the canary has traffic', () => {
    const r = evaluateGate(healthy, { requests: 0, errors: 0 }, DEFAULT_GATE);
    expect(r.verdict).toBe('insufficient');
    expect(r.reasons).toContain('no-baseline');
    expect(check(r.checks, 'errors').state).toBe('unknown');
    expect(evaluateGate(healthy, undefined, DEFAULT_GATE).reasons).toContain('no-baseline');
  });

  it('treats NaN, infinities and negatives (a counter reset read raw) as unreadable, never as a pass', () => {
    for (const bad of [NaN, Infinity, -3]) {
      const r = evaluateGate({ requests: bad, errors: 0, p95Ms: 100 }, stable, DEFAULT_GATE);
      expect(r.verdict).toBe('insufficient');
      expect(r.reasons).toContain('unreadable');
      const e = evaluateGate({ requests: 1000, errors: bad, p95Ms: 100 }, stable, DEFAULT_GATE);
      expect(e.verdict).toBe('insufficient');
      expect(e.reasons).toContain('unreadable');
    }
  });

  it('does not pass on errors alone when p95 is NaN (histogram_quantile over no samples)', () => {
    const r = evaluateGate({ requests: 1000, errors: 0, p95Ms: NaN }, stable, DEFAULT_GATE);
    expect(r.verdict).toBe('insufficient');
    expect(check(r.checks, 'latency').state).toBe('unknown');
    expect(r.reasons).toEqual(['unreadable']);
  });

  it('still fails on errors when p95 is unknown', () => {
    const r = evaluateGate({ requests: 1000, errors: 200 }, stable, DEFAULT_GATE);
    expect(r.verdict).toBe('fail');
  });

  it('caps an error count above the request count (series read at different moments) at 100 %', () => {
    const r = evaluateGate({ requests: 200, errors: 230, p95Ms: 90 }, stable, DEFAULT_GATE);
    expect(check(r.checks, 'errors')).toMatchObject({ canary: 100, state: 'fail' });
  });

  it('honours the settings the user picks', () => {
    const strict = { maxErrorRateIncreasePoints: 0, maxLatencyRatio: 1, minRequests: 2000 };
    const r = evaluateGate(healthy, stable, strict);
    expect(r.verdict).toBe('insufficient'); // 1000 < 2000 requests
    const lenient = { maxErrorRateIncreasePoints: 5, maxLatencyRatio: 2, minRequests: 10 };
    expect(evaluateGate({ requests: 50, errors: 2, p95Ms: 190 }, stable, lenient).verdict).toBe(
      'pass',
    );
  });
});

describe('gateSettingsProblems', () => {
  it('accepts the defaults and names each field out of range', () => {
    expect(gateSettingsProblems(DEFAULT_GATE)).toEqual([]);
    expect(
      gateSettingsProblems({
        maxErrorRateIncreasePoints: -1,
        maxLatencyRatio: 0.9,
        minRequests: 0,
      }),
    ).toEqual(['maxErrorRateIncreasePoints', 'maxLatencyRatio', 'minRequests']);
    expect(
      gateSettingsProblems({ ...DEFAULT_GATE, minRequests: 2.5, maxLatencyRatio: NaN }),
    ).toEqual(['maxLatencyRatio', 'minRequests']);
  });
});
