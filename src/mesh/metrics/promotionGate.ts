/**
 * Whether the split form may move a canary to its next step: the gate's verdict on the metrics,
 * or why it cannot give one, as structured reasons the form words. The user may still promote
 * anyway; this only decides what needs that explicit choice.
 */
import { evaluateGate } from './canaryGate';
import type { GateCheck, GateResult, GateSettings, SideStats } from './canaryGate';
import type { SubsetRevision } from './canaryRevision';
import type { PrometheusFailure } from './results';

/** The canary's share of all traffic in percent (0 when nothing is weighted). */
export const canaryShare = (weights: Record<string, number>, canary: string): number => {
  const total = Object.values(weights).reduce((t, w) => t + (w > 0 ? w : 0), 0);
  const c = weights[canary] ?? 0;
  return total > 0 && c > 0 ? (100 * c) / total : 0;
};

export type GateSettingsText = Record<keyof GateSettings, string>;

/** The settings as typed; an empty field is not a number (not 0), so the form flags it. */
export const parseGateSettings = (text: GateSettingsText): GateSettings => {
  const num = (s: string) => (s.trim() === '' ? NaN : Number(s));
  return {
    maxErrorRateIncreasePoints: num(text.maxErrorRateIncreasePoints),
    maxLatencyRatio: num(text.maxLatencyRatio),
    minRequests: num(text.minRequests),
  };
};

/** Why promotion needs "promote anyway"; the form turns each into a sentence. */
export type GateBlocker =
  /** The form already moved the canary past what the cluster runs: its evidence is not in yet. */
  | { kind: 'step-not-applied'; stored: number; edited: number }
  | { kind: 'no-revision'; problem: Extract<SubsetRevision, { problem: string }>['problem'] }
  | { kind: 'invalid-settings' }
  | { kind: 'metrics'; failure: PrometheusFailure }
  | { kind: 'loading' }
  | { kind: 'too-little-traffic'; requests: number; needed: number }
  | { kind: 'no-baseline' }
  /** Prometheus answered, but a check's figures were missing or not numbers. */
  | { kind: 'unreadable'; checks: GateCheck['id'][] }
  | { kind: 'errors-above-limit'; canary: number; limit: number }
  | { kind: 'latency-above-limit'; canary: number; limit: number };

export type PromotionGate = {
  /**
   * not-needed: the canary has no traffic yet, so its first step needs no evidence; pass and
   * fail: the gate's verdict; insufficient: it cannot judge (too few requests, no metrics, …).
   */
  verdict: 'not-needed' | 'pass' | 'fail' | 'insufficient';
  blockers: GateBlocker[];
  /** The gate's checks, when the metrics were read. */
  result?: GateResult;
};

export type PromotionGateInput = {
  /** Weights in the VirtualService the cluster holds (what the metrics measured). */
  storedWeights: Record<string, number>;
  /** Weights in the form (what "Promote" steps on from). */
  editedWeights: Record<string, number>;
  canary: string;
  revision: SubsetRevision;
  settings: GateSettings;
  settingsValid: boolean;
  metrics: {
    loaded: boolean;
    failure?: PrometheusFailure;
    sides?: { canary?: SideStats; stable?: SideStats };
  };
};

const blockersOf = (r: GateResult): GateBlocker[] => {
  const check = <I extends GateCheck['id']>(id: I) =>
    r.checks.find((c) => c.id === id) as Extract<GateCheck, { id: I }>;
  const out: GateBlocker[] = [];
  for (const reason of r.reasons) {
    if (reason === 'too-little-traffic') {
      const c = check('traffic');
      out.push({ kind: 'too-little-traffic', requests: c.canary, needed: c.limit });
    } else if (reason === 'no-baseline') out.push({ kind: 'no-baseline' });
    else if (reason === 'unreadable') {
      out.push({
        kind: 'unreadable',
        checks: r.checks.filter((c) => c.state === 'unknown').map((c) => c.id),
      });
    } else {
      const c = check(reason === 'errors-above-limit' ? 'errors' : 'latency');
      out.push({ kind: reason, canary: c.canary ?? NaN, limit: c.limit ?? NaN });
    }
  }
  return out;
};

export const promotionGate = (input: PromotionGateInput): PromotionGate => {
  const stored = canaryShare(input.storedWeights, input.canary);
  const edited = canaryShare(input.editedWeights, input.canary);
  const insufficient = (...blockers: GateBlocker[]): PromotionGate => ({
    verdict: 'insufficient',
    blockers,
  });
  // Compared in whole percents: the stored weights are already rounded shares.
  if (Math.round(edited) > Math.round(stored))
    return insufficient({ kind: 'step-not-applied', stored, edited });
  if (stored === 0) return { verdict: 'not-needed', blockers: [] };
  if ('problem' in input.revision)
    return insufficient({ kind: 'no-revision', problem: input.revision.problem });
  if (!input.settingsValid) return insufficient({ kind: 'invalid-settings' });
  if (input.metrics.failure)
    return insufficient({ kind: 'metrics', failure: input.metrics.failure });
  if (!input.metrics.loaded) return insufficient({ kind: 'loading' });
  const sides = input.metrics.sides ?? {};
  const result = evaluateGate(sides.canary, sides.stable, input.settings);
  return { verdict: result.verdict, blockers: blockersOf(result), result };
};

/** Promote is enabled when the gate passes or is not needed, or the user chose to override it. */
export const mayPromote = (gate: PromotionGate, promoteAnyway: boolean): boolean =>
  gate.verdict === 'pass' || gate.verdict === 'not-needed' || promoteAnyway;
