import { k8sGet } from '@openshift-console/dynamic-plugin-sdk';
import { useCallback, useState } from 'react';
import type { K8sModel, K8sResourceCommon } from '../models';

/**
 * The object a form edits: the watched copy, or after a conflict a copy the form re-read itself,
 * used until the watch has moved past the version that was stale (versions are compared only for
 * equality: they are opaque). Without it a retry right after a 409 could race the watch and fail
 * again.
 */
export const useRereadable = <R extends K8sResourceCommon>(
  watched: R | undefined,
  model: K8sModel,
  namespace: string,
) => {
  const [fresh, setFresh] = useState<{ obj?: R; staleVersion?: string }>({});
  const current =
    fresh.obj && watched?.metadata?.resourceVersion === fresh.staleVersion ? fresh.obj : watched;
  const reread = useCallback(async () => {
    const name = watched?.metadata?.name;
    if (!name) return;
    const obj = (await k8sGet({ model, name, ns: namespace })) as R;
    setFresh({ obj, staleVersion: watched?.metadata?.resourceVersion });
  }, [watched, model, namespace]);
  return { current, reread };
};
