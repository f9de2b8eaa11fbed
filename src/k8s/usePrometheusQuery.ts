import {
  PrometheusEndpoint,
  useAccessReview,
  usePrometheusPoll,
} from '@openshift-console/dynamic-plugin-sdk';
import type { PromResponse } from '../mesh/metrics/results';

/**
 * Which of the console's two Prometheus endpoints a user can read. The SDK sends a query without
 * `namespace` to the console's Prometheus proxy (Thanos' cluster-wide port, whose proxy allows
 * `get` on `prometheuses/api` `k8s` in `openshift-monitoring`, as `cluster-monitoring-view`
 * grants) and one with `namespace` to the tenancy proxy (allowed to users who may get pods'
 * metrics in that namespace; every selector is confined to it).
 */
export const usePrometheusScope = (namespace: string) => {
  const [clusterWide, loading] = useAccessReview({
    group: 'monitoring.coreos.com',
    resource: 'prometheuses',
    subresource: 'api',
    name: 'k8s',
    namespace: 'openshift-monitoring',
    verb: 'get',
  });
  return { loading, namespace: clusterWide ? undefined : namespace };
};

export type PrometheusScope = ReturnType<typeof usePrometheusScope>;

/** Istio's proxies are scraped every 30 s: polling faster only repeats the same answer. */
export const METRICS_POLL_MS = 30_000;

/**
 * An instant query through the console's proxy, polled. Nothing is asked while the scope is
 * unknown or `query` is undefined.
 */
export const useInstantQuery = (
  query: string | undefined,
  scope: PrometheusScope,
  delay = METRICS_POLL_MS,
): { response?: PromResponse; loaded: boolean; error?: unknown } => {
  const [response, loaded, error] = usePrometheusPoll({
    endpoint: PrometheusEndpoint.QUERY,
    query: scope.loading ? undefined : query,
    namespace: scope.namespace,
    delay,
  });
  return { response: response ?? undefined, loaded: loaded && !scope.loading, error };
};
