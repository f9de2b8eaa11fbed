/**
 * Health as Kiali reports it. Kiali 2.27 computes `status` on the server
 * (business/health_calculator.go); an older Kiali sends only request rates per response code and
 * replica counts, so then the status is computed here the way Kiali does, against Kiali's default
 * tolerances (`config.go AddHealthDefault`).
 */
import { decoded, describeType, isRecord, malformed, numberOf } from './decode';
import type { Decoded, JsonRecord } from './decode';

export type HealthStatus = 'Healthy' | 'Degraded' | 'Failure' | 'NotReady' | 'NA';

const RANK: Record<HealthStatus, number> = {
  NA: 0,
  Healthy: 1,
  NotReady: 2,
  Degraded: 3,
  Failure: 4,
};

export const worstHealth = (...statuses: HealthStatus[]): HealthStatus =>
  statuses.reduce<HealthStatus>((a, b) => (RANK[b] > RANK[a] ? b : a), 'NA');

/** Kiali's spellings ("Not Ready", "NA", any case) to ours; unknown words are NA. */
export const normalizeHealthStatus = (v: unknown): HealthStatus | undefined => {
  if (typeof v !== 'string') return undefined;
  switch (v.replace(/\s+/g, '').toLowerCase()) {
    case 'healthy':
      return 'Healthy';
    case 'degraded':
      return 'Degraded';
    case 'failure':
      return 'Failure';
    case 'notready':
      return 'NotReady';
    case 'na':
      return 'NA';
    default:
      return undefined;
  }
};

export type Tolerance = {
  /** "5XX" style (X = any digit), "-" (no response), or a regular expression of codes. */
  code: string;
  /** Regular expression of protocols, e.g. "http|grpc". */
  protocol: string;
  /** Regular expression of directions ("inbound", "outbound"). */
  direction: string;
  /** Error percentages at or above which the status is Degraded / Failure. */
  degraded: number;
  failure: number;
};

export const DEFAULT_TOLERANCES: readonly Tolerance[] = [
  { code: '5XX', protocol: 'http', direction: '.*', degraded: 0, failure: 10 },
  { code: '4XX', protocol: 'http', direction: '.*', degraded: 10, failure: 20 },
  { code: '^[1-9]$|^1[0-6]$', protocol: 'grpc', direction: '.*', degraded: 0, failure: 10 },
  { code: '-', protocol: 'http|grpc', direction: '.*', degraded: 0, failure: 10 },
];

const anchored = (pattern: string) => {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return /$^/; // a broken pattern from configuration matches nothing
  }
};

const codeMatcher = (code: string): RegExp => {
  if (code === '-') return /^-$/;
  if (/^[0-9X]+$/i.test(code)) return new RegExp(`^${code.replace(/x/gi, '\\d')}$`);
  try {
    return new RegExp(code);
  } catch {
    return /$^/;
  }
};

/**
 * Kiali's threshold check (2.27 `applyThresholds`): no errors is always healthy; at or above a
 * non-zero `failure` fails; at or above `degraded` degrades (so a Degraded threshold of 0 means
 * "any error").
 */
export const thresholdStatus = (
  errorPercent: number,
  t: Pick<Tolerance, 'degraded' | 'failure'>,
): HealthStatus => {
  if (!(errorPercent > 0)) return 'Healthy';
  if (t.failure > 0 && errorPercent >= t.failure) return 'Failure';
  if (errorPercent >= t.degraded) return 'Degraded';
  return 'Healthy';
};

/** `{http: {"200": 1.5, "503": 0.1}}` per direction, as Kiali's health `requests` carries it. */
export type RequestRates = Record<string, Record<string, number>>;
export type RequestHealthInput = { inbound?: RequestRates; outbound?: RequestRates };

export type RequestHealth = {
  status: HealthStatus;
  /** The worst error percentage against any tolerance, 0 with traffic and no errors. */
  errorPercent?: number;
  /** Inbound requests per second over all protocols. */
  inboundRate: number;
  outboundRate: number;
};

const sum = (rates: Record<string, number>) => Object.values(rates).reduce((a, b) => a + b, 0);

export const requestHealth = (
  requests: RequestHealthInput,
  tolerances: readonly Tolerance[] = DEFAULT_TOLERANCES,
): RequestHealth => {
  let status: HealthStatus = 'NA';
  let errorPercent: number | undefined;
  const rateOf = (dir?: RequestRates) =>
    Object.values(dir ?? {}).reduce((total, byCode) => total + sum(byCode), 0);
  for (const [direction, byProtocol] of Object.entries({
    inbound: requests.inbound ?? {},
    outbound: requests.outbound ?? {},
  })) {
    for (const [protocol, byCode] of Object.entries(byProtocol)) {
      const total = sum(byCode);
      if (!(total > 0)) continue;
      status = worstHealth(status, 'Healthy');
      errorPercent = Math.max(errorPercent ?? 0, 0);
      for (const t of tolerances) {
        if (!anchored(t.protocol).test(protocol) || !anchored(t.direction).test(direction))
          continue;
        const code = codeMatcher(t.code);
        const errors = Object.entries(byCode)
          .filter(([c]) => code.test(c))
          .reduce((a, [, r]) => a + r, 0);
        const percent = (errors / total) * 100;
        errorPercent = Math.max(errorPercent, percent);
        status = worstHealth(status, thresholdStatus(percent, t));
      }
    }
  }
  return {
    status,
    errorPercent,
    inboundRate: rateOf(requests.inbound),
    outboundRate: rateOf(requests.outbound),
  };
};

export type WorkloadReplicas = {
  name: string;
  desiredReplicas: number;
  currentReplicas: number;
  availableReplicas: number;
  /** -1 or absent when Kiali does not know (no proxy status). */
  syncedProxies?: number;
};

/** Replica health as Kiali's UI judges it: none available fails, fewer than desired degrades. */
export const replicaHealth = (w: WorkloadReplicas): HealthStatus => {
  if (w.desiredReplicas === 0) return 'NotReady';
  if (w.availableReplicas === 0) return 'Failure';
  if (w.availableReplicas < w.desiredReplicas) return 'Degraded';
  if (
    w.syncedProxies !== undefined &&
    w.syncedProxies >= 0 &&
    w.syncedProxies < w.availableReplicas
  )
    return 'Degraded';
  return 'Healthy';
};

export type EntityHealth = {
  status: HealthStatus;
  /** True when Kiali computed the status itself; false when it was computed here. */
  fromServer: boolean;
  /** False when no requests reached or left it in Kiali's health window. */
  hasTraffic: boolean;
  /**
   * With traffic: the error percentage (0-100) of the tolerance that decided the status (Kiali's
   * `errorRatio`), never negative. Undefined without traffic.
   */
  errorPercent?: number;
  inboundRate?: number;
  workloads: WorkloadReplicas[];
};

const decodeRates = (v: unknown): RequestRates | undefined => {
  if (!isRecord(v)) return undefined;
  const out: RequestRates = {};
  for (const [protocol, byCode] of Object.entries(v)) {
    if (!isRecord(byCode)) continue;
    const codes: Record<string, number> = {};
    for (const [code, rate] of Object.entries(byCode)) {
      const n = numberOf(rate);
      if (n !== undefined) codes[code] = n;
    }
    out[protocol] = codes;
  }
  return out;
};

const decodeReplicas = (v: unknown): WorkloadReplicas | undefined => {
  if (!isRecord(v) || typeof v.name !== 'string') return undefined;
  const desired = numberOf(v.desiredReplicas);
  const current = numberOf(v.currentReplicas);
  const available = numberOf(v.availableReplicas);
  if (desired === undefined || available === undefined) return undefined;
  return {
    name: v.name,
    desiredReplicas: desired,
    currentReplicas: current ?? available,
    availableReplicas: available,
    syncedProxies: numberOf(v.syncedProxies),
  };
};

/**
 * One app, service or workload health object (also a graph node's `healthData`): the server's
 * status when it sent one, else the worst of request errors and replica availability.
 */
export const entityHealth = (
  raw: unknown,
  tolerances: readonly Tolerance[] = DEFAULT_TOLERANCES,
): EntityHealth | undefined => {
  if (!isRecord(raw)) return undefined;
  const requests = isRecord(raw.requests) ? raw.requests : {};
  const req = requestHealth(
    { inbound: decodeRates(requests.inbound), outbound: decodeRates(requests.outbound) },
    tolerances,
  );
  const workloads = [
    ...(raw.workloadStatus ? [raw.workloadStatus] : []),
    ...(Array.isArray(raw.workloadStatuses) ? raw.workloadStatuses : []),
  ]
    .map(decodeReplicas)
    .filter((w): w is WorkloadReplicas => !!w);
  const server = isRecord(raw.status) ? raw.status : undefined;
  const serverStatus = normalizeHealthStatus(server?.status);
  if (serverStatus) {
    // Kiali's `errorRatio` (models/health.go CalculatedHealthStatus) is a percentage, left out of
    // the JSON when 0 (omitempty) and -1 when there was no traffic; a request status of NA is
    // only ever paired with -1.
    const ratio = numberOf(server?.errorRatio);
    const hasTraffic = ratio === undefined ? serverStatus !== 'NA' : ratio >= 0;
    return {
      status: serverStatus,
      fromServer: true,
      hasTraffic,
      errorPercent: hasTraffic ? (ratio ?? 0) : undefined,
      // Not totalRequestRate: it counts outbound requests too.
      inboundRate: req.inboundRate,
      workloads,
    };
  }
  return {
    status: worstHealth(req.status, ...workloads.map(replicaHealth)),
    fromServer: false,
    hasTraffic: req.errorPercent !== undefined,
    errorPercent: req.errorPercent,
    inboundRate: req.inboundRate,
    workloads,
  };
};

export type HealthKind = 'app' | 'service' | 'workload';
export type ClusterHealth = Record<HealthKind, Record<string, Record<string, EntityHealth>>>;

const KEYS: Record<HealthKind, string> = {
  app: 'namespaceAppHealth',
  service: 'namespaceServiceHealth',
  workload: 'namespaceWorkloadHealth',
};

/** `GET /api/clusters/health`: per kind, namespace and name, each entity's health. */
export const decodeClusterHealth = (
  json: unknown,
  tolerances: readonly Tolerance[] = DEFAULT_TOLERANCES,
): Decoded<ClusterHealth> => {
  if (!isRecord(json)) return malformed(`Kiali health is ${describeType(json)}, not an object`);
  const out: ClusterHealth = { app: {}, service: {}, workload: {} };
  for (const kind of Object.keys(KEYS) as HealthKind[]) {
    const byNs = json[KEYS[kind]];
    if (byNs === undefined || byNs === null) continue;
    if (!isRecord(byNs)) return malformed(`Kiali health "${KEYS[kind]}" is not an object`);
    for (const [ns, byName] of Object.entries(byNs)) {
      if (!isRecord(byName)) return malformed(`Kiali health for namespace ${ns} is not an object`);
      out[kind][ns] = {};
      for (const [name, raw] of Object.entries(byName as JsonRecord)) {
        const h = entityHealth(raw, tolerances);
        if (h) out[kind][ns][name] = h;
      }
    }
  }
  return decoded(out);
};

/** How many entities of a namespace are in each status (for a namespace's summary). */
export const countByStatus = (
  entities: Record<string, EntityHealth> | undefined,
): Record<HealthStatus, number> => {
  const counts: Record<HealthStatus, number> = {
    Healthy: 0,
    Degraded: 0,
    Failure: 0,
    NotReady: 0,
    NA: 0,
  };
  Object.values(entities ?? {}).forEach((e) => (counts[e.status] += 1));
  return counts;
};
