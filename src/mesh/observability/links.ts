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
  /** Kiali's tracing provider: `jaeger` or `tempo`. */
  provider?: string;
  /** The Tempo instance and tenant Observe → Traces needs. */
  tempo?: TempoInstance;
  /** Kiali's tracing `url` (the CR's `external_url`): the UI for people. */
  externalUrl?: string;
  /** Tempo's `tempoConfig.urlFormat`: which UI Kiali links a Tempo to (jaeger, openshift, grafana). */
  urlFormat?: string;
  /** For Grafana links: Grafana's URL (Kiali's status) and the Tempo datasource (tempoConfig). */
  grafana?: { url?: string; datasourceUID?: string; orgID?: string };
};

export type UiLink = { href: string; external: boolean };

/** A time window and size for a search in the tracing UI. */
export type TraceSearch = { serviceName: string; startMs: number; endMs: number; limit: number };

/** An http(s) URL without trailing slashes, or undefined (never a `javascript:` link). */
const webUrl = (url?: string): string | undefined => {
  if (!url) return undefined;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? url.replace(/\/+$/, '') : undefined;
  } catch {
    return undefined;
  }
};

/**
 * A Jaeger UI's base from the URL Kiali was given. Tempo's gateway serves its Jaeger UI under
 * `/api/traces/v1/<tenant>` (the search page is `…/search`), and that search page is the URL
 * usually configured, so a trailing `/search` is dropped; Kiali's own UI appends to the URL as is.
 */
const jaegerBase = (url: string) => url.replace(/\/search$/, '');

type ExternalUi =
  | { kind: 'jaeger'; base: string }
  | { kind: 'openshift'; base: string }
  | { kind: 'grafana'; base: string; datasourceUID?: string; orgID: string };

/**
 * The tracing UI outside this console that Kiali's own UI links to (Kiali 2.27
 * frontend/src/utils/tracing/UrlProviders): Jaeger's UI for the jaeger provider and for Tempo with
 * urlFormat `jaeger`; a console's Observe → Traces at the tracing URL for `openshift`; Grafana's
 * Explore for `grafana` (at the tracing URL, else Grafana's) and, for any other Tempo format, at
 * Grafana's URL only.
 */
const externalUi = (ui: TracingUi): ExternalUi | undefined => {
  const url = webUrl(ui.externalUrl);
  if (ui.provider !== 'tempo' || ui.urlFormat === 'jaeger') {
    return url ? { kind: 'jaeger', base: jaegerBase(url) } : undefined;
  }
  if (ui.urlFormat === 'openshift') return url ? { kind: 'openshift', base: url } : undefined;
  const grafana = webUrl(ui.grafana?.url);
  const base = ui.urlFormat === 'grafana' ? (url ?? grafana) : grafana;
  return base
    ? {
        kind: 'grafana',
        base,
        datasourceUID: ui.grafana?.datasourceUID,
        orgID: ui.grafana?.orgID || '1',
      }
    : undefined;
};

const instanceQuery = (tempo?: TempoInstance): Record<string, string> =>
  tempo
    ? {
        namespace: tempo.namespace,
        name: tempo.name,
        ...(tempo.tenant ? { tenant: tempo.tenant } : {}),
      }
    : {};

const serviceQuery = (serviceName: string) => `{ resource.service.name = "${serviceName}" }`;

/** The choices of Observe → Traces, as Kiali's OpenShift links round to them. */
const OPENSHIFT_LIMITS = [20, 50, 100, 500, 1000, 5000];
const OPENSHIFT_DURATIONS: [number, string][] = [
  [300, '5m'],
  [900, '15m'],
  [1800, '30m'],
  [3600, '1h'],
  [21600, '6h'],
  [43200, '12h'],
  [86400, '1d'],
];

/** Grafana 10+ Explore (`panes`) with Tempo's datasource, or the older `left` form without one. */
const grafanaExplore = (
  g: Extract<ExternalUi, { kind: 'grafana' }>,
  query: { traceId: string } | { search: TraceSearch },
): string => {
  if (!g.datasourceUID) {
    const left =
      'traceId' in query
        ? {
            queries: [
              { datasource: { type: 'tempo' }, queryType: 'traceql', query: query.traceId },
            ],
          }
        : {
            queries: [
              {
                datasource: { type: 'tempo' },
                queryType: 'nativeSearch',
                serviceName: query.search.serviceName,
              },
            ],
          };
    return `${g.base}/explore?left=${encodeURIComponent(JSON.stringify(left))}`;
  }
  const datasource = { uid: g.datasourceUID, type: 'tempo' };
  const pane =
    'traceId' in query
      ? {
          datasource: g.datasourceUID,
          queries: [{ refId: 'A', datasource, queryType: 'traceql', query: query.traceId }],
        }
      : {
          datasource: g.datasourceUID,
          range: { from: String(query.search.startMs), to: String(query.search.endMs) },
          queries: [
            {
              refId: 'A',
              datasource,
              queryType: 'traceqlSearch',
              tableType: 'traces',
              filters: [
                {
                  id: 'service-name',
                  tag: 'service.name',
                  operator: '=',
                  scope: 'resource',
                  value: [query.search.serviceName],
                  valueType: 'string',
                },
              ],
            },
          ],
        };
  const q = new URLSearchParams({
    panes: JSON.stringify({ a: pane }),
    schemaVersion: '1',
    orgId: g.orgID,
  });
  return `${g.base}/explore?${q}`;
};

/**
 * One trace in the tracing UI: this console's Observe → Traces when the distributed tracing
 * console plugin is loaded and the Tempo instance and tenant are known; otherwise the UI Kiali's
 * own UI links to.
 */
export const tracingUiTraceLink = (ui: TracingUi, traceId: string): UiLink | undefined => {
  if (ui.consolePlugin && ui.tempo?.tenant) {
    const q = new URLSearchParams(instanceQuery(ui.tempo));
    return { href: `/observe/traces/${seg(traceId)}?${q}`, external: false };
  }
  const ext = externalUi(ui);
  if (!ext) return undefined;
  if (ext.kind === 'jaeger') return { href: `${ext.base}/trace/${seg(traceId)}`, external: true };
  if (ext.kind === 'openshift') {
    const q = new URLSearchParams(instanceQuery(ui.tempo)).toString();
    return {
      href: `${ext.base}/observe/traces/${seg(traceId)}${q ? `?${q}` : ''}`,
      external: true,
    };
  }
  return { href: grafanaExplore(ext, { traceId }), external: true };
};

/** Traces of one mesh service (`<canonical service>.<namespace>`) in the tracing UI. */
export const tracingUiSearchLink = (ui: TracingUi, search: TraceSearch): UiLink | undefined => {
  if (ui.consolePlugin && ui.tempo?.tenant) {
    const q = new URLSearchParams({
      ...instanceQuery(ui.tempo),
      q: serviceQuery(search.serviceName),
    });
    return { href: `/observe/traces?${q}`, external: false };
  }
  const ext = externalUi(ui);
  if (!ext) return undefined;
  if (ext.kind === 'jaeger') {
    const q = new URLSearchParams({
      service: search.serviceName,
      limit: String(search.limit),
      start: String(Math.round(search.startMs * 1000)),
      end: String(Math.round(search.endMs * 1000)),
    });
    return { href: `${ext.base}/search?${q}`, external: true };
  }
  if (ext.kind === 'openshift') {
    const seconds = (search.endMs - search.startMs) / 1000;
    const q = new URLSearchParams({
      ...instanceQuery(ui.tempo),
      limit: String(OPENSHIFT_LIMITS.find((l) => search.limit <= l) ?? 5000),
      duration: OPENSHIFT_DURATIONS.find(([max]) => seconds <= max)?.[1] ?? '7d',
      q: serviceQuery(search.serviceName),
    });
    return { href: `${ext.base}/observe/traces?${q}`, external: true };
  }
  return { href: grafanaExplore(ext, { search }), external: true };
};

export const INSTALL_WIZARD_PATH = '/service-mesh/install';
