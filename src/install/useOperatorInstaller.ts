import { useEffect, useMemo, useRef, useState } from 'react';
import { applyObjects } from '../k8s/writes';
import {
  CREATED_BY_LABEL,
  CREATED_BY_VALUE,
  operatorObjects,
} from '../mesh/install/installObjects';
import { nextOperatorToStart } from '../mesh/install/installPlan';
import type { ResourceStep } from '../mesh/install/installPlan';
import type { LinkId } from '../mesh/observability/telemetryReadiness';
import type { InstallState } from './useInstallState';

/** Links the chain leaves out where they do not apply (ztunnel's, on a mesh without ambient). */
const OPTIONAL_LINKS: LinkId[] = ['ztunnel-scraped'];

const linksOk = (state: InstallState, ids: LinkId[]) =>
  ids.every((id) => {
    const link = state.telemetry.links.find((l) => l.id === id);
    return link ? link.state === 'ok' : OPTIONAL_LINKS.includes(id);
  });

/** The links each observability step completes (Kiali's own links belong to its step). */
export const METRICS_LINKS: LinkId[] = [
  'uwm-enabled',
  'uwm-prometheus',
  'istiod-scraped',
  'proxies-scraped',
  'ztunnel-scraped',
];
export const TRACING_LINKS: LinkId[] = [
  'tempo-ready',
  'collector-ready',
  'tracing-provider',
  'tracing-telemetry',
];

/** Whether a resource step is done, read from the cluster (a skipped step is not "done"). */
export const resourceStepDone = (state: InstallState) => (step: ResourceStep) => {
  switch (step.kind) {
    case 'control-plane':
      return state.controlPlaneHealth?.state === 'healthy';
    case 'members':
      return state.members.length > 0;
    case 'metrics':
      return linksOk(state, METRICS_LINKS);
    case 'tracing':
      return linksOk(state, TRACING_LINKS);
    case 'kiali-instance': {
      if (!state.kialiCreated) return false;
      const tracingStep = state.steps.find((s) => s.kind === 'tracing');
      const wantsTracing = tracingStep?.kind === 'tracing' && !tracingStep.skipped;
      return (
        state.major === 'ossm2' ||
        (linksOk(state, ['kiali-metrics']) && (!wantsTracing || linksOk(state, ['kiali-tracing'])))
      );
    }
  }
};

/**
 * Creates each operator's Subscription (with its namespace and OperatorGroup) only when every
 * earlier step is done, i.e. after the previous operator's CSV reached Succeeded. It runs once
 * the user starts the install, and again whenever the wizard is reopened on an install it
 * started (its Subscriptions carry the created-by label), so leaving never loses progress.
 */
export const useOperatorInstaller = (
  state: InstallState,
  approval: 'Automatic' | 'Manual',
  canWrite: boolean,
) => {
  const [started, setStarted] = useState(false);
  const [error, setError] = useState<unknown>();
  const inFlight = useRef(new Set<string>());
  const resumed = state.data.subscriptions.some(
    (s) => s.metadata?.labels?.[CREATED_BY_LABEL] === CREATED_BY_VALUE,
  );
  const running =
    canWrite && state.conflicts.length === 0 && (started || resumed) && error === undefined;
  const next = useMemo(
    () =>
      state.loaded
        ? nextOperatorToStart(state.steps, state.statuses, resourceStepDone(state))
        : undefined,
    [state],
  );

  useEffect(() => {
    if (!running || !next?.channel || inFlight.current.has(next.id)) return;
    inFlight.current.add(next.id);
    applyObjects(
      operatorObjects(next.operator, next.channel, approval).map((data) => ({ data })),
    ).catch((e) => {
      inFlight.current.delete(next.id);
      setError(e);
    });
  }, [running, next, approval]);

  return {
    running,
    next,
    error,
    start: () => {
      setError(undefined);
      setStarted(true);
    },
  };
};
