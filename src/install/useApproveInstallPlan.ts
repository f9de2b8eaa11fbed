import { useState } from 'react';
import { patchResource } from '../k8s/writes';
import { InstallPlanModel } from '../models';
import type { InstallState } from './useInstallState';

/** Approves a Manual install plan: the same JSON patch `oc patch installplan` would send. */
export const useApproveInstallPlan = (state: InstallState) => {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const approve = async (stepId: string) => {
    const ref = state.statuses[stepId]?.installPlan;
    const plan = state.data.installPlans.find(
      (p) => p.metadata?.name === ref?.name && p.metadata?.namespace === ref?.namespace,
    );
    if (!plan) return;
    setBusy(stepId);
    setError(undefined);
    try {
      await patchResource({
        model: InstallPlanModel,
        resource: plan,
        ops: [{ op: 'replace', path: '/spec/approved', value: true }],
      });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };
  return { approve, busy, error };
};
