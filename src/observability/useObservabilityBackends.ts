import { consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';
import type { WatchK8sResources } from '@openshift-console/dynamic-plugin-sdk';
import { useEffect, useMemo, useState } from 'react';
import { isApiAbsent } from '../k8s/errors';
import { useKialiQuery } from '../k8s/useKialiQuery';
import { useServedWatches } from '../k8s/useServedWatches';
import {
  grafanaUrlOf,
  kialiAvailability,
  kialiUrlFromRoute,
  tempoInstances,
  tracingAvailability,
} from '../mesh/observability/backends';
import type { KialiAvailability, TracingAvailability } from '../mesh/observability/backends';
import { decodeKialiStatus, decodeTracingInfo } from '../mesh/observability/kialiStatus';
import {
  KialiModel,
  RouteModel,
  TempoMonolithicModel,
  TempoStackModel,
  modelToGroupVersionKind,
} from '../models';
import type { Kiali, Route, TempoMonolithic, TempoStack } from '../models';

export type KialiBackend = {
  availability: KialiAvailability;
  /** Kiali's own UI, from its Route, for "Open in Kiali". */
  url?: string;
  retry: () => void;
};

/** Whether Kiali is there and answering, and where its UI is. */
export const useKialiBackend = (): KialiBackend => {
  const crWatch = useMemo(
    (): WatchK8sResources<{ kialis: Kiali[] }> => ({
      kialis: { groupVersionKind: modelToGroupVersionKind(KialiModel), isList: true },
    }),
    [],
  );
  const { kialis } = useServedWatches(crWatch);
  const status = useKialiQuery('/api/status', undefined, decodeKialiStatus);
  const absent = isApiAbsent(kialis.loadError);
  const availability = kialiAvailability(
    {
      loaded: kialis.loaded || !!kialis.loadError,
      served: !absent,
      // Forbidden to list Kiali CRs (a restricted user): their absence proves nothing.
      readable: !kialis.loadError || absent,
      items: kialis.loadError ? [] : (kialis.data ?? []),
    },
    { loading: status.loading, value: status.data, failure: status.error },
  );
  const instance = availability.state === 'ready' ? availability.instance : undefined;
  const routeKey = instance ? `${instance.deploymentNamespace}/${instance.instanceName}` : '';
  const routeWatch = useMemo((): WatchK8sResources<{ route: Route }> => {
    if (!routeKey) return {} as WatchK8sResources<{ route: Route }>; // nothing to watch yet
    const [namespace, name] = routeKey.split('/');
    return { route: { groupVersionKind: modelToGroupVersionKind(RouteModel), name, namespace } };
  }, [routeKey]);
  const { route } = useServedWatches(routeWatch);
  return {
    availability,
    url: route?.loadError ? undefined : kialiUrlFromRoute(route?.data, instance?.webRoot),
    retry: status.refetch,
  };
};

const DTCP = 'distributed-tracing-console-plugin';

/**
 * Whether a console plugin is loaded: its manifest is served (as OSSMC checks). The console's
 * SERVER_FLAGS lists enabled plugins, so an unlisted one is not asked for (no 404 in the log).
 */
export const useConsolePluginLoaded = (name: string): boolean | undefined => {
  const listed = (window as { SERVER_FLAGS?: { consolePlugins?: unknown } }).SERVER_FLAGS
    ?.consolePlugins;
  const skip = Array.isArray(listed) && !listed.includes(name);
  const [loaded, setLoaded] = useState<boolean | undefined>(skip ? false : undefined);
  useEffect(() => {
    if (skip) return undefined;
    let current = true;
    consoleFetchJSON(`/api/plugins/${name}/plugin-manifest.json`)
      .then(() => current && setLoaded(true))
      .catch(() => current && setLoaded(false));
    return () => {
      current = false;
    };
  }, [name, skip]);
  return loaded;
};

/** Whether traces can be read through Kiali, and where the tracing UI is. */
export const useTracingBackend = (kiali: KialiAvailability): TracingAvailability => {
  const tracing = useKialiQuery(
    kiali.state === 'ready' ? '/api/tracing' : null,
    undefined,
    decodeTracingInfo,
  );
  const watches = useMemo(
    (): WatchK8sResources<{ stacks: TempoStack[]; monoliths: TempoMonolithic[] }> => ({
      stacks: { groupVersionKind: modelToGroupVersionKind(TempoStackModel), isList: true },
      monoliths: { groupVersionKind: modelToGroupVersionKind(TempoMonolithicModel), isList: true },
    }),
    [],
  );
  const { stacks, monoliths } = useServedWatches(watches);
  const consolePlugin = useConsolePluginLoaded(DTCP);
  const availability = tracingAvailability({
    kiali: kiali.state,
    tracing: { loading: tracing.loading, value: tracing.data, failure: tracing.error },
    tempo: tempoInstances(
      stacks.loadError ? [] : (stacks.data ?? []),
      monoliths.loadError ? [] : (monoliths.data ?? []),
    ),
    consolePlugin: !!consolePlugin,
    grafanaUrl: kiali.state === 'ready' ? grafanaUrlOf(kiali.status) : undefined,
  });
  // Links must not change under the user's pointer once the plugin check answers.
  return consolePlugin === undefined && availability.state === 'ready'
    ? { state: 'loading' }
    : availability;
};
