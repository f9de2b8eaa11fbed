import { useK8sModels, useK8sWatchResources } from '@openshift-console/dynamic-plugin-sdk';
import type {
  K8sGroupVersionKind,
  K8sModel,
  ResourcesObject,
  WatchK8sResources,
  WatchK8sResults,
} from '@openshift-console/dynamic-plugin-sdk';
import { useMemo, useRef } from 'react';
import { ApiNotServedError } from './errors';

/**
 * Whether discovery serves a group/version/kind. Looked up by the model's own fields, not by its
 * key: the console keys the kinds it has built-in models for by bare kind (`Deployment`,
 * `Route`, `CustomResourceDefinition`) and only the others by `group~version~kind`.
 */
export const isServed = (models: Record<string, K8sModel>, gvk?: K8sGroupVersionKind) =>
  !!gvk &&
  Object.values(models).some(
    (m) =>
      m.kind === gvk.kind &&
      m.apiVersion === gvk.version &&
      (m.apiGroup || '') === (gvk.group || ''),
  );

/**
 * useK8sWatchResources for kinds that may appear or vanish while the page is open (operators
 * being installed). The SDK's hook does not start a watch for a kind whose model shows up after
 * it mounted, so only served kinds are handed to it: when discovery adds one, the set changes
 * and its watch starts. Unserved kinds come back loaded, empty, with ApiNotServedError.
 */
export const useServedWatches = <R extends ResourcesObject>(
  resources: WatchK8sResources<R>,
): WatchK8sResults<R> => {
  const [models] = useK8sModels();
  const discovered = Object.keys(models ?? {}).length > 0;
  const servedKeys = Object.keys(resources)
    .filter((k) => isServed(models ?? {}, resources[k].groupVersionKind))
    .join(',');
  const served = useMemo(
    () =>
      Object.fromEntries(
        servedKeys
          .split(',')
          .filter(Boolean)
          .map((k) => [k, resources[k]]),
      ) as WatchK8sResources<R>,
    [resources, servedKeys],
  );
  const results = useK8sWatchResources<R>(served);
  // When the served set changes the SDK stops every watch of the set and starts them again, and
  // a watch for a newly served kind starts unloaded: without this, each operator that adds a
  // kind would turn the whole page back into a spinner and remount its forms (losing what the
  // user typed). Until a restarted watch answers, its last answer stands.
  const last = useRef<Partial<Record<keyof R, WatchK8sResults<R>[keyof R]>>>({});
  return useMemo(() => {
    const out = Object.fromEntries(
      Object.keys(resources).map((k) => {
        if (!discovered) return [k, { data: undefined, loaded: false, loadError: undefined }];
        if (k in served) {
          // Right after the set changes the SDK may not have a result for a new key yet.
          const now = results[k] as WatchK8sResults<R>[keyof R] | undefined;
          const before = last.current[k];
          if (now?.loaded || now?.loadError || !before) {
            return [k, now ?? { data: undefined, loaded: false, loadError: undefined }];
          }
          return [k, before];
        }
        const res = resources[k];
        return [
          k,
          {
            data: res.isList ? [] : undefined,
            loaded: true,
            loadError: new ApiNotServedError(res.groupVersionKind?.kind ?? k),
          },
        ];
      }),
    ) as WatchK8sResults<R>;
    for (const k of Object.keys(out) as (keyof R)[]) {
      if (out[k].loaded || out[k].loadError) last.current[k] = out[k];
    }
    return out;
  }, [resources, served, results, discovered]);
};
