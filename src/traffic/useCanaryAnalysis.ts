import { useState } from 'react';
import { useInstantQuery, usePrometheusScope } from '../k8s/usePrometheusQuery';
import { DEFAULT_GATE, gateSettingsProblems } from '../mesh/metrics/canaryGate';
import { subsetRevision } from '../mesh/metrics/canaryRevision';
import {
  canaryShare,
  mayPromote,
  parseGateSettings,
  promotionGate,
} from '../mesh/metrics/promotionGate';
import type { GateSettingsText } from '../mesh/metrics/promotionGate';
import { canaryQueries } from '../mesh/metrics/promql';
import { canarySides, prometheusFailure } from '../mesh/metrics/results';
import type { Subset } from '../models';

/** Windows the user may judge the canary over, in seconds. */
export const CANARY_WINDOWS = [300, 600, 1800, 3600] as const;
export const DEFAULT_CANARY_WINDOW = 600;

const DEFAULT_SETTINGS_TEXT: GateSettingsText = {
  maxErrorRateIncreasePoints: String(DEFAULT_GATE.maxErrorRateIncreasePoints),
  maxLatencyRatio: String(DEFAULT_GATE.maxLatencyRatio),
  minRequests: String(DEFAULT_GATE.minRequests),
};

/**
 * The canary's metrics from the console's Prometheus and the promotion gate on them. Prometheus
 * is asked only while the stored VirtualService sends the canary traffic (before that there is
 * nothing to measure and the first step needs no evidence).
 */
export const useCanaryAnalysis = (o: {
  namespace: string;
  service: string;
  canary: string;
  /** The canary's subset as the DestinationRule (or the proposal) defines it. */
  canarySubset?: Pick<Subset, 'labels'>;
  storedWeights: Record<string, number>;
  editedWeights: Record<string, number>;
}) => {
  const [windowSeconds, setWindowSeconds] = useState<number>(DEFAULT_CANARY_WINDOW);
  const [settingsText, setSettingsText] = useState<GateSettingsText>(DEFAULT_SETTINGS_TEXT);
  const [promoteAnyway, setPromoteAnyway] = useState(false);

  const settings = parseGateSettings(settingsText);
  const settingsProblems = gateSettingsProblems(settings);
  const revision = subsetRevision(o.canarySubset);
  const hasTraffic = canaryShare(o.storedWeights, o.canary) > 0;
  const queries =
    hasTraffic && 'revision' in revision
      ? canaryQueries(o.namespace, o.service, windowSeconds, revision.revision)
      : undefined;

  const scope = usePrometheusScope(o.namespace);
  const requests = useInstantQuery(queries?.requests, scope);
  const errors = useInstantQuery(queries?.errors, scope);
  const p95Canary = useInstantQuery(queries?.p95Canary, scope);
  const p95Stable = useInstantQuery(queries?.p95Stable, scope);
  const answers = [requests, errors, p95Canary, p95Stable];
  const failure = prometheusFailure(answers.find((a) => a.error)?.error);
  const sides =
    'revision' in revision
      ? canarySides(
          {
            requests: requests.response,
            errors: errors.response,
            p95Canary: p95Canary.response,
            p95Stable: p95Stable.response,
          },
          revision.revision,
        )
      : undefined;

  const gate = promotionGate({
    storedWeights: o.storedWeights,
    editedWeights: o.editedWeights,
    canary: o.canary,
    revision,
    settings,
    settingsValid: settingsProblems.length === 0,
    metrics: { loaded: answers.every((a) => a.loaded), failure, sides },
  });

  return {
    hasTraffic,
    revision,
    windowSeconds,
    setWindowSeconds,
    settingsText,
    setSetting: (field: keyof GateSettingsText, value: string) =>
      setSettingsText((s) => ({ ...s, [field]: value })),
    settingsProblems,
    sides,
    gate,
    promoteAnyway,
    setPromoteAnyway,
    mayPromote: mayPromote(gate, promoteAnyway),
  };
};

export type CanaryAnalysisState = ReturnType<typeof useCanaryAnalysis>;
