/**
 * Where links lead: console pages for graph nodes, Kiali's own views ("Open in Kiali", reference
 * §3) and the tracing UI (the console's Observe → Traces when the distributed tracing console
 * plugin is loaded, otherwise the UI Kiali was configured with).
 */
const seg = encodeURIComponent;

export const consoleServicePath = (namespace: string, name: string) =>
  `/k8s/ns/${seg(namespace)}/services/${seg(name)}`;

/** Kiali names workloads, not their kind; Deployments are by far the common one. */
export const consoleWorkloadPath = (namespace: string, name: string) =>
  `/k8s/ns/${seg(namespace)}/deployments/${seg(name)}`;

export type MeshTarget =
  | { kind: 'namespace'; namespace: string }
  | { kind: 'service'; namespace: string; name: string }
  | { kind: 'workload'; namespace: string; name: string };

/** Kiali's base URL from its Route host and `server.web_root` (OpenShift default "/"). */
export const kialiBaseUrl = (host: string, webRoot = '/') =>
  `https://${host}${webRoot.replace(/\/+$/, '').replace(/^(?!\/)(.)/, '/$1')}`;

/** Kiali's traffic graph of the same object at the same duration. */
export const kialiGraphUrl = (base: string, target: MeshTarget, durationSeconds: number) => {
  const query = `graphType=versionedApp&duration=${durationSeconds}&injectServiceNodes=true`;
  switch (target.kind) {
    case 'namespace':
      return `${base}/console/graph/namespaces?namespaces=${seg(target.namespace)}&${query}`;
    case 'service':
      return `${base}/console/graph/node/namespaces/${seg(target.namespace)}/services/${seg(target.name)}?${query}`;
    default:
      return `${base}/console/graph/node/namespaces/${seg(target.namespace)}/workloads/${seg(target.name)}?${query}`;
  }
};

/** Kiali's details page of a service or workload, on one of its tabs (e.g. "traces"). */
export const kialiDetailsUrl = (base: string, target: MeshTarget, tab?: string) => {
  const q = tab ? `?tab=${seg(tab)}` : '';
  switch (target.kind) {
    case 'namespace':
      return `${base}/console/overview?namespaces=${seg(target.namespace)}`;
    case 'service':
      return `${base}/console/namespaces/${seg(target.namespace)}/services/${seg(target.name)}${q}`;
    default:
      return `${base}/console/namespaces/${seg(target.namespace)}/workloads/${seg(target.name)}${q}`;
  }
};

export type TempoInstance = { namespace: string; name: string; tenant?: string };

/**
 * The Tempo instance behind Kiali's tracing `internalURL`, as OSSMC reads it:
 * `tempo-<name>-gateway.<ns>…/api/traces/v1/<tenant>` (multi-tenant), or
 * `tempo-<name>-query-frontend.<ns>…` / `tempo-<name>.<ns>…` (single-tenant).
 */
export const parseTempoInstance = (internalURL?: string): TempoInstance | undefined => {
  if (!internalURL) return undefined;
  let url: URL;
  try {
    url = new URL(internalURL);
  } catch {
    return undefined;
  }
  const host = url.hostname.match(
    /^tempo-([a-z0-9-]+?)(-gateway|-query-frontend)?\.([a-z0-9-]+)(\.|$)/,
  );
  if (!host) return undefined;
  const tenant = url.pathname.match(/\/api\/traces\/v1\/([^/]+)/)?.[1];
  return {
    name: host[1],
    namespace: host[3],
    ...(tenant ? { tenant: decodeURIComponent(tenant) } : {}),
  };
};

export type TracingUi = {
  /** The distributed tracing console plugin is loaded in this console. */
  consolePlugin: boolean;
  tempo?: TempoInstance;
  /** Kiali's tracing `url`: a Jaeger-style UI. */
  externalUrl?: string;
};

export type UiLink = { href: string; external: boolean };

const jaegerBase = (url: string) => url.replace(/\/+$/, '').replace(/\/search$/, '');

/**
 * One trace in the tracing UI. The console's Observe → Traces needs a multi-tenant Tempo
 * (instance and tenant); otherwise the Jaeger-style UI path `/trace/<id>`.
 */
export const tracingUiTraceLink = (ui: TracingUi, traceId: string): UiLink | undefined => {
  if (ui.consolePlugin && ui.tempo?.tenant) {
    const q = new URLSearchParams({
      namespace: ui.tempo.namespace,
      name: ui.tempo.name,
      tenant: ui.tempo.tenant,
    });
    return { href: `/observe/traces/${seg(traceId)}?${q}`, external: false };
  }
  if (ui.externalUrl)
    return { href: `${jaegerBase(ui.externalUrl)}/trace/${seg(traceId)}`, external: true };
  return undefined;
};

/** Traces of one mesh service (`<canonical service>.<namespace>`) in the tracing UI. */
export const tracingUiSearchLink = (ui: TracingUi, serviceName: string): UiLink | undefined => {
  if (ui.consolePlugin && ui.tempo?.tenant) {
    const q = new URLSearchParams({
      namespace: ui.tempo.namespace,
      name: ui.tempo.name,
      tenant: ui.tempo.tenant,
      q: `{ resource.service.name = "${serviceName}" }`,
    });
    return { href: `/observe/traces?${q}`, external: false };
  }
  if (ui.externalUrl) {
    return {
      href: `${jaegerBase(ui.externalUrl)}/search?${new URLSearchParams({ service: serviceName })}`,
      external: true,
    };
  }
  return undefined;
};

/** The Istio traffic forms for a service, and the security page for a namespace. */
export const trafficFormPath = (
  namespace: string,
  service: string,
  form: 'split' | 'circuit-breaker' | 'match-routing' | 'resilience',
) => `/service-mesh/traffic/ns/${seg(namespace)}/${seg(service)}/${form}`;

export const securityPagePath = (namespace: string) =>
  `/service-mesh/security/ns/${seg(namespace)}`;

export const INSTALL_WIZARD_PATH = '/service-mesh/install';
