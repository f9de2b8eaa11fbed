/**
 * PromQL for the mesh's golden signals from Istio's standard metrics, per destination (or
 * source) version: request rate, error rate, latency quantiles, TCP bytes. Inbound traffic is
 * what the destination's proxy reports (`reporter="destination"`), outbound what the source's
 * proxy reports (`reporter="source"`), as Kiali reads them, so no request is counted twice.
 */
import type { MeshTarget } from '../observability/links';

export type Direction = 'inbound' | 'outbound';

/** A label matcher: `=` by default, `=~` / `!=` / `!~` when asked. */
export type Matcher = { name: string; value: string; op?: '=' | '=~' | '!=' | '!~' };

/**
 * A label value inside double quotes: PromQL strings use Go's escapes, so a backslash, a double
 * quote and a newline must be escaped or the query breaks (or, worse, matches something else).
 */
export const escapeLabelValue = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Regex metacharacters in a value matched with `=~`: RE2 syntax, anchored by Prometheus. */
export const escapeRegex = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export const selector = (matchers: Matcher[]): string => {
  for (const m of matchers) {
    if (!LABEL_NAME.test(m.name)) throw new Error(`not a Prometheus label name: ${m.name}`);
  }
  return `{${matchers.map((m) => `${m.name}${m.op ?? '='}"${escapeLabelValue(m.value)}"`).join(',')}}`;
};

/** Istio's scrape interval as the wizard's PodMonitor and ServiceMonitor set it. */
export const SCRAPE_INTERVAL_SECONDS = 30;

/**
 * The range of `rate()` for a graph with points every `stepSeconds`: at least four scrapes, so
 * a missed scrape still leaves two samples (fewer gives no rate at all), and at least one step,
 * so consecutive points cover every sample between them (a shorter range skips traffic).
 */
export const rateWindowSeconds = (
  stepSeconds: number,
  scrapeSeconds: number = SCRAPE_INTERVAL_SECONDS,
): number => Math.max(4 * scrapeSeconds, Math.ceil(stepSeconds));

/** A query_range step giving about `points` points over the window, never under the scrape. */
export const stepFor = (
  durationSeconds: number,
  points = 60,
  scrapeSeconds: number = SCRAPE_INTERVAL_SECONDS,
): number => Math.max(scrapeSeconds, Math.ceil(durationSeconds / points));

/** The version label on the reporting side: Istio's canonical revision (the `version` label). */
export const versionLabel = (direction: Direction) =>
  direction === 'inbound' ? 'destination_canonical_revision' : 'source_canonical_revision';

/** The series of one subject in one direction. */
export const subjectMatchers = (target: MeshTarget, direction: Direction): Matcher[] => {
  const reporter: Matcher = {
    name: 'reporter',
    value: direction === 'inbound' ? 'destination' : 'source',
  };
  const side = direction === 'inbound' ? 'destination' : 'source';
  switch (target.kind) {
    case 'namespace':
      return [reporter, { name: `${side}_workload_namespace`, value: target.namespace }];
    case 'workload':
      return [
        reporter,
        { name: `${side}_workload_namespace`, value: target.namespace },
        { name: `${side}_workload`, value: target.name },
      ];
    case 'service':
      // A Service's outbound traffic is what its workloads send: the canonical service is the
      // `app` label Istio gives them, which for a mesh Service is its name.
      return direction === 'inbound'
        ? [
            reporter,
            { name: 'destination_service_namespace', value: target.namespace },
            { name: 'destination_service_name', value: target.name },
          ]
        : [
            reporter,
            { name: 'source_workload_namespace', value: target.namespace },
            { name: 'source_canonical_service', value: target.name },
          ];
  }
};

export type GoldenSignalQueries = {
  requestRate: string;
  /** 5xx HTTP responses and non-OK gRPC statuses, per second. */
  errorRate: string;
  /** Errors as a percentage of requests; 0, not absent, for a version without errors. */
  errorPercent: string;
  latency: { p50: string; p95: string; p99: string };
  tcpSent: string;
  tcpReceived: string;
};

const by = (labels: string[]) => `sum by (${labels.join(',')})`;

/**
 * What one row of the metrics stands for: the version on the reporting side, and for a
 * namespace also the service (v1 of reviews is not v1 of ratings).
 */
export const groupLabels = (target: MeshTarget, direction: Direction): string[] => {
  const side = direction === 'inbound' ? 'destination' : 'source';
  return target.kind === 'namespace'
    ? [`${side}_canonical_service`, versionLabel(direction)]
    : [versionLabel(direction)];
};

/**
 * Errors: HTTP 5xx, or gRPC with a status other than OK (gRPC answers HTTP 200 with the status
 * in `grpc_response_status`). `or` keeps a series that matches both only once.
 */
const errorSeries = (
  metric: string,
  base: Matcher[],
  window: string,
  fn: 'rate' | 'increase' = 'rate',
) =>
  `${fn}(${metric}${selector([...base, { name: 'response_code', value: '5..', op: '=~' }])}[${window}]) or ` +
  `${fn}(${metric}${selector([
    ...base,
    { name: 'request_protocol', value: 'grpc' },
    { name: 'grpc_response_status', value: '0|', op: '!~' },
  ])}[${window}])`;

export const goldenSignalQueries = (
  target: MeshTarget,
  direction: Direction,
  stepSeconds: number,
): GoldenSignalQueries => {
  const base = subjectMatchers(target, direction);
  const w = `${rateWindowSeconds(stepSeconds)}s`;
  const groups = groupLabels(target, direction);
  const sel = selector(base);
  const quantile = (q: number) =>
    `histogram_quantile(${q}, ${by(['le', ...groups])} (rate(istio_request_duration_milliseconds_bucket${sel}[${w}])))`;
  const requestRate = `${by(groups)} (rate(istio_requests_total${sel}[${w}]))`;
  const errorRate = `${by(groups)} (${errorSeries('istio_requests_total', base, w)})`;
  return {
    requestRate,
    errorRate,
    // A version without errors has no error series: `or` puts a 0 in its place.
    errorPercent: `100 * (${errorRate} or ${requestRate} * 0) / ${requestRate}`,
    latency: { p50: quantile(0.5), p95: quantile(0.95), p99: quantile(0.99) },
    tcpSent: `${by(groups)} (rate(istio_tcp_sent_bytes_total${sel}[${w}]))`,
    tcpReceived: `${by(groups)} (rate(istio_tcp_received_bytes_total${sel}[${w}]))`,
  };
};

export type CanaryQueries = {
  requests: string;
  errors: string;
  /** p95 of the canary version alone. */
  p95Canary: string;
  /** p95 of every other version together (one histogram, not an average of quantiles). */
  p95Stable: string;
};

/**
 * What the canary gate judges, for a Service's inbound traffic over the last `windowSeconds`:
 * requests and errors per version as counts (`increase`, which handles counter resets), and
 * p95 of the canary and of the rest. Four queries whatever the number of versions.
 */
export const canaryQueries = (
  namespace: string,
  service: string,
  windowSeconds: number,
  canaryRevision: string,
): CanaryQueries => {
  const base = subjectMatchers({ kind: 'service', namespace, name: service }, 'inbound');
  const v = versionLabel('inbound');
  const w = `${Math.max(Math.round(windowSeconds), 4 * SCRAPE_INTERVAL_SECONDS)}s`;
  const p95 = (op: '=' | '!=') =>
    `histogram_quantile(0.95, sum by (le) (rate(istio_request_duration_milliseconds_bucket${selector([...base, { name: v, value: canaryRevision, op }])}[${w}])))`;
  return {
    requests: `${by([v])} (increase(istio_requests_total${selector(base)}[${w}]))`,
    errors: `${by([v])} (${errorSeries('istio_requests_total', base, w, 'increase')})`,
    p95Canary: p95('='),
    p95Stable: p95('!='),
  };
};
