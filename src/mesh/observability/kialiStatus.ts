/**
 * Kiali's `/api/status`, `/api/config` (what the tabs need of it) and `/api/tracing`, and the
 * `{error, detail}` body of its failures.
 */
import { decoded, describeType, isRecord, malformed, optionalString } from './decode';
import type { Decoded } from './decode';

export type KialiStatus = {
  state?: string;
  version?: string;
  externalServices: { name: string; version?: string; url?: string }[];
  warnings: string[];
};

export const decodeKialiStatus = (json: unknown): Decoded<KialiStatus> => {
  if (!isRecord(json)) return malformed(`Kiali status is ${describeType(json)}, not an object`);
  if (!isRecord(json.status)) return malformed('Kiali status has no "status" object');
  const services = Array.isArray(json.externalServices) ? json.externalServices : [];
  return decoded({
    state: optionalString(json.status['Kiali state']),
    version: optionalString(json.status['Kiali version']),
    externalServices: services
      .filter(isRecord)
      .flatMap((s) =>
        typeof s.name === 'string'
          ? [{ name: s.name, version: optionalString(s.version), url: optionalString(s.url) }]
          : [],
      ),
    warnings: (Array.isArray(json.warningMessages) ? json.warningMessages : []).filter(
      (w): w is string => typeof w === 'string',
    ),
  });
};

/** Kiali's default health window (config.go DefaultHealthRateInterval). */
export const DEFAULT_HEALTH_DURATION = '5m';

export type KialiConfig = {
  /**
   * The window Kiali computes health over (`health_config.compute.duration`, e.g. "5m"): its
   * health cache, on by default, refreshes over this window and ignores `rateInterval`.
   */
  healthDuration: string;
  /**
   * Kiali found ztunnel (handlers/config.go `ambientEnabled`, omitted when false): its graphs
   * take the `ambient` appender, which Kiali before 1.80 refuses.
   */
  ambientEnabled: boolean;
};

export const decodeKialiConfig = (json: unknown): Decoded<KialiConfig> => {
  if (!isRecord(json)) return malformed(`Kiali config is ${describeType(json)}, not an object`);
  const health = isRecord(json.healthConfig) ? json.healthConfig : {};
  const compute = isRecord(health.compute) ? health.compute : {};
  const duration = optionalString(compute.duration)?.trim();
  // Kiali's UI falls back the same way when the field is absent (utils/HealthComputeDuration.ts).
  return decoded({
    healthDuration: duration || DEFAULT_HEALTH_DURATION,
    ambientEnabled: json.ambientEnabled === true,
  });
};

/**
 * Kiali's `tempo_config` as `/api/tracing` sends it (config.go TempoConfig: every field
 * omitempty; `cacheCapacity`/`cacheEnabled` are not needed here).
 */
export type TempoConfig = {
  /** The TempoStack/TempoMonolithic and its tenant, for Observe → Traces links. */
  name?: string;
  namespace?: string;
  tenant?: string;
  /** How Kiali's UI links traces: `jaeger`, `openshift` or `grafana` (the operator's default). */
  urlFormat?: string;
  /** Grafana's Tempo datasource and organisation, for Grafana links. */
  datasourceUID?: string;
  orgID?: string;
};

export type TracingInfo = {
  enabled: boolean;
  provider?: string;
  /** The tracing UI for people (Jaeger UI or Tempo's), if Kiali was told one. */
  url?: string;
  /** What Kiali itself queries, e.g. a Tempo gateway Service; names the Tempo instance. */
  internalURL?: string;
  tempoConfig?: TempoConfig;
};

const TEMPO_CONFIG_FIELDS = [
  'name',
  'namespace',
  'tenant',
  'urlFormat',
  'datasourceUID',
  'orgID',
] as const;

const decodeTempoConfig = (v: unknown): TempoConfig | undefined => {
  if (!isRecord(v)) return undefined;
  const out: TempoConfig = {};
  for (const key of TEMPO_CONFIG_FIELDS) {
    const value = optionalString(v[key])?.trim();
    if (value) out[key] = value;
  }
  return Object.keys(out).length ? out : undefined;
};

export const decodeTracingInfo = (json: unknown): Decoded<TracingInfo> => {
  if (!isRecord(json))
    return malformed(`Kiali tracing info is ${describeType(json)}, not an object`);
  if (typeof json.enabled !== 'boolean')
    return malformed('Kiali tracing info has no "enabled" flag');
  return decoded({
    enabled: json.enabled,
    provider: optionalString(json.provider),
    url: optionalString(json.url) || undefined,
    internalURL: optionalString(json.internalURL) || undefined,
    tempoConfig: decodeTempoConfig(json.tempoConfig),
  });
};

/** Kiali's error body `{"error": "...", "detail"?: "..."}` as one sentence, if it is one. */
export const kialiErrorText = (json: unknown): string | undefined => {
  if (!isRecord(json) || typeof json.error !== 'string' || !json.error) return undefined;
  return typeof json.detail === 'string' && json.detail && json.detail !== json.error
    ? `${json.error}: ${json.detail}`
    : json.error;
};

/** Why a Kiali call failed, in the categories the tabs explain differently. */
export type KialiFailure = {
  /**
   * unreachable: the console proxy got no answer from Kiali's Service (502/503/504 that is not
   * Kiali's own JSON error, e.g. the proxy's text/plain "Bad Gateway");
   * backend: Kiali answered 503 with its `{error}`: a service Kiali depends on failed (its
   * tracing backend for traces: a trace past retention, tracing misconfigured; Prometheus for
   * metrics);
   * forbidden: Kiali refused the user's token or namespace (401/403);
   * http: Kiali answered with another error; malformed: the answer was not what Kiali sends;
   * network: no HTTP answer at all.
   */
  kind: 'unreachable' | 'backend' | 'forbidden' | 'http' | 'malformed' | 'network';
  status?: number;
  message: string;
  /** The body was Kiali's own `{"error": ...}` (handlers/base.go RespondWithError). */
  fromKiali?: true;
};

export const classifyKialiFailure = (
  status: number | undefined,
  body: unknown,
  fallback: string,
): KialiFailure => {
  const kialiText = kialiErrorText(body);
  const message =
    kialiText ??
    (isRecord(body) && typeof body.message === 'string' && body.message ? body.message : fallback);
  const from = kialiText !== undefined ? { fromKiali: true as const } : {};
  if (status === undefined) return { kind: 'network', message };
  // Kiali's tracing, metrics and dashboard handlers answer 503 when their backend fails.
  if (status === 503 && kialiText !== undefined) {
    return { kind: 'backend', status, message, ...from };
  }
  if (status === 502 || status === 503 || status === 504) {
    return { kind: 'unreachable', status, message, ...from };
  }
  if (status === 401 || status === 403) return { kind: 'forbidden', status, message, ...from };
  return { kind: 'http', status, message, ...from };
};

/**
 * Kiali's Prometheus refused it: Kiali answers a graph or health request 503 with the
 * Prometheus client's error (graph/util.go CheckUnavailable), and Thanos' 401/403 reads
 * "client_error: client error: 403" when Kiali's service account may not view cluster
 * monitoring.
 */
export const kialiPrometheusRefused = (failure?: KialiFailure): boolean =>
  !!failure && failure.kind === 'backend' && /client error: 40[13]\b/.test(failure.message);
