import { DEFAULT_GATE } from './canaryGate';
import type { SideStats } from './canaryGate';
import { canaryShare, mayPromote, parseGateSettings, promotionGate } from './promotionGate';
import type { PromotionGateInput } from './promotionGate';

const stable: SideStats = { requests: 9000, errors: 9, p95Ms: 100 };
const healthy: SideStats = { requests: 1000, errors: 10, p95Ms: 110 };
const at10 = { v1: 90, v3: 10 };

const input = (over: Partial<PromotionGateInput> = {}): PromotionGateInput => ({
  storedWeights: at10,
  editedWeights: at10,
  canary: 'v3',
  revision: { revision: 'v3', label: 'version' },
  settings: DEFAULT_GATE,
  settingsValid: true,
  metrics: { loaded: true, sides: { canary: healthy, stable } },
  ...over,
});

describe('canaryShare', () => {
  it('is the canary weight as a share of all weights', () => {
    expect(canaryShare({ v1: 90, v3: 10 }, 'v3')).toBe(10);
    expect(canaryShare({ v1: 1, v2: 1, v3: 2 }, 'v3')).toBe(50);
    expect(canaryShare({ v1: 100 }, 'v3')).toBe(0);
    expect(canaryShare({}, 'v3')).toBe(0);
    expect(canaryShare({ v1: 0, v3: 0 }, 'v3')).toBe(0);
  });
});

describe('parseGateSettings', () => {
  it('reads numbers, and an empty field as not a number rather than 0', () => {
    expect(
      parseGateSettings({
        maxErrorRateIncreasePoints: '0',
        maxLatencyRatio: '1.5',
        minRequests: '50',
      }),
    ).toEqual({ maxErrorRateIncreasePoints: 0, maxLatencyRatio: 1.5, minRequests: 50 });
    const empty = parseGateSettings({
      maxErrorRateIncreasePoints: ' ',
      maxLatencyRatio: '',
      minRequests: 'many',
    });
    expect(empty.maxErrorRateIncreasePoints).toBeNaN();
    expect(empty.maxLatencyRatio).toBeNaN();
    expect(empty.minRequests).toBeNaN();
  });
});

describe('promotionGate', () => {
  it('needs no evidence for the first step of a canary without traffic', () => {
    const g = promotionGate(input({ storedWeights: { v1: 100 }, editedWeights: { v1: 100 } }));
    expect(g).toEqual({ verdict: 'not-needed', blockers: [] });
    expect(mayPromote(g, false)).toBe(true);
  });

  it('passes a healthy canary with its checks', () => {
    const g = promotionGate(input());
    expect(g.verdict).toBe('pass');
    expect(g.blockers).toEqual([]);
    expect(g.result?.checks.map((c) => [c.id, c.state])).toEqual([
      ['traffic', 'pass'],
      ['errors', 'pass'],
      ['latency', 'pass'],
    ]);
    expect(mayPromote(g, false)).toBe(true);
  });

  it('fails a canary with too many errors and says by how much', () => {
    const g = promotionGate(
      input({ metrics: { loaded: true, sides: { canary: { ...healthy, errors: 42 }, stable } } }),
    );
    expect(g.verdict).toBe('fail');
    expect(g.blockers).toHaveLength(1);
    expect(g.blockers[0]).toMatchObject({ kind: 'errors-above-limit', canary: 4.2 });
    expect((g.blockers[0] as { limit: number }).limit).toBeCloseTo(1.1);
    expect(mayPromote(g, false)).toBe(false);
    expect(mayPromote(g, true)).toBe(true);
  });

  it('fails a slow canary', () => {
    const g = promotionGate(
      input({ metrics: { loaded: true, sides: { canary: { ...healthy, p95Ms: 300 }, stable } } }),
    );
    expect(g.verdict).toBe('fail');
    expect(g.blockers).toEqual([{ kind: 'latency-above-limit', canary: 300, limit: 120 }]);
  });

  it('cannot judge a canary with too few requests, and names the counts', () => {
    const g = promotionGate(
      input({ metrics: { loaded: true, sides: { canary: { requests: 12, errors: 0 }, stable } } }),
    );
    expect(g.verdict).toBe('insufficient');
    expect(g.blockers).toContainEqual({ kind: 'too-little-traffic', requests: 12, needed: 100 });
    expect(mayPromote(g, false)).toBe(false);
    expect(mayPromote(g, true)).toBe(true);
  });

  it('cannot judge without a baseline, or with figures Prometheus did not give', () => {
    const noStable = promotionGate(
      input({ metrics: { loaded: true, sides: { canary: healthy } } }),
    );
    expect(noStable.verdict).toBe('insufficient');
    expect(noStable.blockers).toContainEqual({ kind: 'no-baseline' });
    const noLatency = promotionGate(
      input({
        metrics: {
          loaded: true,
          sides: { canary: { ...healthy, p95Ms: NaN }, stable },
        },
      }),
    );
    expect(noLatency.verdict).toBe('insufficient');
    expect(noLatency.blockers).toEqual([{ kind: 'unreadable', checks: ['latency'] }]);
  });

  it('says there is no canary traffic at all when Prometheus has no series for it', () => {
    const g = promotionGate(input({ metrics: { loaded: true, sides: { stable } } }));
    expect(g.verdict).toBe('insufficient');
    expect(g.blockers).toContainEqual({ kind: 'too-little-traffic', requests: 0, needed: 100 });
  });

  it('cannot judge when the metrics could not be read, are loading, or the settings are wrong', () => {
    expect(promotionGate(input({ metrics: { loaded: true, failure: 'forbidden' } }))).toEqual({
      verdict: 'insufficient',
      blockers: [{ kind: 'metrics', failure: 'forbidden' }],
    });
    expect(promotionGate(input({ metrics: { loaded: false } })).blockers).toEqual([
      { kind: 'loading' },
    ]);
    expect(promotionGate(input({ settingsValid: false })).blockers).toEqual([
      { kind: 'invalid-settings' },
    ]);
  });

  it('cannot judge a canary subset whose requests metrics do not label apart', () => {
    const g = promotionGate(input({ revision: { problem: 'no-revision-label' } }));
    expect(g).toEqual({
      verdict: 'insufficient',
      blockers: [{ kind: 'no-revision', problem: 'no-revision-label' }],
    });
  });

  it('wants a step applied before the next: evidence is only for what the cluster runs', () => {
    // Promoted in the form to 25 % while the cluster still sends 10 %.
    const g = promotionGate(input({ editedWeights: { v1: 75, v3: 25 } }));
    expect(g).toEqual({
      verdict: 'insufficient',
      blockers: [{ kind: 'step-not-applied', stored: 10, edited: 25 }],
    });
    // The first step taken in the form but not applied yet.
    const first = promotionGate(
      input({ storedWeights: { v1: 100 }, editedWeights: { v1: 90, v3: 10 } }),
    );
    expect(first.blockers).toEqual([{ kind: 'step-not-applied', stored: 0, edited: 10 }]);
    // Rolling back in the form is not a step forward: the gate judges what runs.
    expect(promotionGate(input({ editedWeights: { v1: 100, v3: 0 } })).verdict).toBe('pass');
  });
});
