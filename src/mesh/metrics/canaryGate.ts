/**
 * The canary promotion gate: whether the canary's errors and latency, over a window, are close
 * enough to the stable versions' to move more traffic to it. A pure judgement on the numbers
 * Prometheus gave; the split form shows it and decides what "Promote" may do.
 */

/** What Prometheus measured for one side (the canary, or the stable versions together). */
export type SideStats = {
  /** Requests in the window (`increase`, so a counter reset is not a drop). */
  requests: number;
  /** Of those, 5xx or gRPC non-OK (0 when Prometheus returned no error series for it). */
  errors: number;
  /** p95 latency in ms; NaN or undefined where the histogram had no samples. */
  p95Ms?: number;
};

export type GateSettings = {
  /** The canary's error rate may exceed the stable one by this many percentage points. */
  maxErrorRateIncreasePoints: number;
  /** The canary's p95 may be at most this multiple of the stable p95. */
  maxLatencyRatio: number;
  /** Fewer canary requests than this are too few to judge. */
  minRequests: number;
};

export const DEFAULT_GATE: GateSettings = {
  maxErrorRateIncreasePoints: 1,
  maxLatencyRatio: 1.2,
  minRequests: 100,
};

export type CheckState = 'pass' | 'fail' | 'unknown';

export type GateCheck =
  | {
      id: 'errors';
      state: CheckState;
      /** Percentages, 0–100. */
      canary?: number;
      stable?: number;
      limit?: number;
    }
  | { id: 'latency'; state: CheckState; canary?: number; stable?: number; limit?: number }
  | { id: 'traffic'; state: CheckState; canary: number; limit: number };

export type GateReason =
  /** The canary had fewer requests than the gate needs. */
  | 'too-little-traffic'
  /** The stable versions had no requests: nothing to compare with. */
  | 'no-baseline'
  /** A figure was not a number (no series, NaN, negative from a reset the query did not absorb). */
  | 'unreadable'
  | 'errors-above-limit'
  | 'latency-above-limit';

export type GateResult = {
  /** pass: promote; fail: the canary is worse (offer roll back); insufficient: cannot judge. */
  verdict: 'pass' | 'fail' | 'insufficient';
  checks: GateCheck[];
  reasons: GateReason[];
};

const count = (n: number | undefined) =>
  typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;

/** Problems in the settings a user typed, before they are used. */
export const gateSettingsProblems = (g: GateSettings): (keyof GateSettings)[] => [
  ...(!Number.isFinite(g.maxErrorRateIncreasePoints) ||
  g.maxErrorRateIncreasePoints < 0 ||
  g.maxErrorRateIncreasePoints > 100
    ? (['maxErrorRateIncreasePoints'] as const)
    : []),
  ...(!Number.isFinite(g.maxLatencyRatio) || g.maxLatencyRatio < 1
    ? (['maxLatencyRatio'] as const)
    : []),
  ...(!Number.isInteger(g.minRequests) || g.minRequests < 1 ? (['minRequests'] as const) : []),
];

export const evaluateGate = (
  canary: SideStats | undefined,
  stable: SideStats | undefined,
  gate: GateSettings,
): GateResult => {
  const reasons: GateReason[] = [];
  const canaryRequests = count(canary?.requests);
  const stableRequests = count(stable?.requests);
  const canaryErrors = count(canary?.errors);
  const stableErrors = count(stable?.errors);

  const traffic: GateCheck = {
    id: 'traffic',
    state:
      canaryRequests === undefined
        ? 'unknown'
        : canaryRequests >= gate.minRequests
          ? 'pass'
          : 'fail',
    canary: canaryRequests ?? 0,
    limit: gate.minRequests,
  };
  if (canary && (canaryRequests === undefined || canaryErrors === undefined))
    reasons.push('unreadable');
  if (traffic.state !== 'pass') reasons.push('too-little-traffic');
  if (!stableRequests) reasons.push('no-baseline');

  // Error rates in percent; errors beyond requests (series scraped at different moments) cap at 100 %.
  const rate = (errors?: number, requests?: number) =>
    errors !== undefined && requests ? Math.min(100, (100 * errors) / requests) : undefined;
  const canaryRate = rate(canaryErrors, canaryRequests);
  const stableRate = rate(stableErrors, stableRequests);
  const errorLimit =
    stableRate !== undefined ? stableRate + gate.maxErrorRateIncreasePoints : undefined;
  const errors: GateCheck = {
    id: 'errors',
    state:
      canaryRate === undefined || errorLimit === undefined
        ? 'unknown'
        : canaryRate <= errorLimit + 1e-9
          ? 'pass'
          : 'fail',
    ...(canaryRate !== undefined ? { canary: canaryRate } : {}),
    ...(stableRate !== undefined ? { stable: stableRate } : {}),
    ...(errorLimit !== undefined ? { limit: errorLimit } : {}),
  };
  if (errors.state === 'fail') reasons.push('errors-above-limit');

  const canaryP95 = count(canary?.p95Ms);
  const stableP95 = count(stable?.p95Ms);
  const latencyLimit = stableP95 !== undefined ? stableP95 * gate.maxLatencyRatio : undefined;
  const latency: GateCheck = {
    id: 'latency',
    state:
      canaryP95 === undefined || latencyLimit === undefined
        ? 'unknown'
        : canaryP95 <= latencyLimit + 1e-9
          ? 'pass'
          : 'fail',
    ...(canaryP95 !== undefined ? { canary: canaryP95 } : {}),
    ...(stableP95 !== undefined ? { stable: stableP95 } : {}),
    ...(latencyLimit !== undefined ? { limit: latencyLimit } : {}),
  };
  if (latency.state === 'fail') reasons.push('latency-above-limit');
  if (
    (errors.state === 'unknown' || latency.state === 'unknown') &&
    traffic.state === 'pass' &&
    stableRequests &&
    !reasons.includes('unreadable')
  )
    reasons.push('unreadable');

  // A canary that fails while it has enough traffic fails; one judged on too few requests is
  // not condemned on them, only not yet promoted.
  const failed = traffic.state === 'pass' && (errors.state === 'fail' || latency.state === 'fail');
  const passed = traffic.state === 'pass' && errors.state === 'pass' && latency.state === 'pass';
  return {
    verdict: failed ? 'fail' : passed ? 'pass' : 'insufficient',
    checks: [traffic, errors, latency],
    reasons,
  };
};
