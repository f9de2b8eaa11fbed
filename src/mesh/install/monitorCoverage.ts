import type { DaemonSet, Istio, PodMonitor } from '../../models';
import { ZTUNNEL_NAMESPACE } from './installObjects';

/**
 * What a PodMonitor makes user-workload monitoring scrape, read from its spec alone (pod
 * selectors are not evaluated): the sidecars of a namespace, or ztunnel. Shared by the wizard
 * (what is still to create) and the readiness checklist (what is missing), so the two agree.
 */

type Endpoint = NonNullable<PodMonitor['spec']['podMetricsEndpoints']>[number];

/** A PodMonitor selects pods in its own namespace, or in those its namespaceSelector names. */
export const podMonitorCovers = (pm: PodMonitor, namespace: string): boolean => {
  const sel = pm.spec?.namespaceSelector;
  return sel?.any
    ? true
    : sel?.matchNames?.length
      ? sel.matchNames.includes(namespace)
      : pm.metadata?.namespace === namespace;
};

/** The sidecars' Envoy metrics: port http-envoy-prom, path /stats/prometheus. */
const sidecarEndpoint = (e: Endpoint) =>
  e.port === 'http-envoy-prom' || e.path === '/stats/prometheus';

/** A PodMonitor scrapes the sidecars of `namespace`: its own, or one it selects. */
export const scrapesSidecars = (pm: PodMonitor, namespace: string): boolean =>
  podMonitorCovers(pm, namespace) && (pm.spec?.podMetricsEndpoints ?? []).some(sidecarEndpoint);

/**
 * ztunnel serves its metrics on container port ztunnel-stats (15020), at /metrics (the default
 * path) and /stats/prometheus: an endpoint on that port, or one without a port (every declared
 * port) at either path, reaches them.
 */
const ztunnelEndpoint = (e: Endpoint) =>
  e.port === 'ztunnel-stats' ||
  (!e.port && ['/metrics', '/stats/prometheus'].includes(e.path ?? '/metrics'));

/**
 * A PodMonitor in `namespace` scrapes the ztunnel pods there. Only its own namespace counts:
 * user-workload monitoring ignores namespaceSelector (Red Hat's ambient metrics docs say so).
 */
export const scrapesZtunnel = (pm: PodMonitor, namespace: string): boolean =>
  pm.metadata?.namespace === namespace &&
  (pm.spec?.podMetricsEndpoints ?? []).some(ztunnelEndpoint);

const AMBIENT_PROFILES = ['ambient', 'openshift-ambient'];

/**
 * Where ztunnel runs, when the mesh is ambient: the namespaces of the DaemonSets labelled
 * app=ztunnel (what Kiali detects ambient by); before any runs, an ambient control plane's
 * trusted ztunnel namespace (the Sail default `ztunnel`). Undefined when the mesh is not ambient
 * or that cannot be read.
 */
export const ztunnelNamespaces = (daemonSets: DaemonSet[], istio?: Istio): string[] | undefined => {
  const running = [
    ...new Set(
      daemonSets
        .filter((ds) => ds.metadata?.labels?.app === 'ztunnel' && !ds.metadata?.deletionTimestamp)
        .map((ds) => ds.metadata?.namespace ?? ''),
    ),
  ]
    .filter(Boolean)
    .sort();
  if (running.length) return running;
  if (!AMBIENT_PROFILES.includes(istio?.spec?.profile ?? '')) return undefined;
  const trusted = (istio?.spec?.values?.pilot as { trustedZtunnelNamespace?: string } | undefined)
    ?.trustedZtunnelNamespace;
  return [trusted || ZTUNNEL_NAMESPACE];
};
