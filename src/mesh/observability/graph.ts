/**
 * Kiali's traffic graph (`/api/namespaces/graph`, `…/services/{svc}/graph`, `…/workloads/{w}/graph`)
 * checked at the boundary and turned into what the graph view draws: nodes with a kind, a label,
 * health and routing flags; edges with request rate, error and share percentages, mTLS and
 * response time, all parsed from Kiali's string-encoded numbers. In ambient meshes, Kiali's
 * waypoint nodes (`isWaypoint`) and its waypoint edges (`waypoint.direction`, `fromEdge`) too.
 */
import { configDetailsPath } from '../config/paths';
import {
  decoded,
  describeType,
  flagOf,
  isRecord,
  malformed,
  numberOf,
  optionalString,
} from './decode';
import type { Decoded, JsonRecord } from './decode';
import { DEFAULT_TOLERANCES, entityHealth, requestHealth } from './health';
import type { HealthStatus, RequestRates, Tolerance } from './health';
import { consoleServicePath, consoleWorkloadPath } from './links';
import type { MeshTarget } from './links';

export type RawGraphNode = JsonRecord & {
  id: string;
  nodeType: string;
  namespace?: string;
};
export type RawGraphEdge = JsonRecord & { id: string; source: string; target: string };
export type RawGraph = {
  timestamp?: number;
  duration?: number;
  graphType?: string;
  nodes: RawGraphNode[];
  edges: RawGraphEdge[];
};

const listOf = (v: unknown, what: string): Decoded<unknown[]> => {
  if (v === undefined || v === null) return decoded([]);
  return Array.isArray(v) ? decoded(v) : malformed(`the graph's ${what} are ${describeType(v)}`);
};

export const decodeGraph = (json: unknown): Decoded<RawGraph> => {
  if (!isRecord(json)) return malformed(`Kiali's graph is ${describeType(json)}, not an object`);
  if (!isRecord(json.elements)) return malformed('Kiali\'s graph has no "elements"');
  const nodeList = listOf(json.elements.nodes, 'nodes');
  if (!nodeList.ok) return nodeList;
  const edgeList = listOf(json.elements.edges, 'edges');
  if (!edgeList.ok) return edgeList;
  const nodes: RawGraphNode[] = [];
  for (const [i, n] of nodeList.value.entries()) {
    const data = isRecord(n) ? n.data : undefined;
    if (!isRecord(data) || typeof data.id !== 'string' || typeof data.nodeType !== 'string') {
      return malformed(`graph node ${i + 1} has no id or nodeType`);
    }
    nodes.push(data as RawGraphNode);
  }
  const ids = new Set(nodes.map((n) => n.id));
  const edges: RawGraphEdge[] = [];
  for (const [i, e] of edgeList.value.entries()) {
    const data = isRecord(e) ? e.data : undefined;
    if (
      !isRecord(data) ||
      typeof data.id !== 'string' ||
      typeof data.source !== 'string' ||
      typeof data.target !== 'string'
    ) {
      return malformed(`graph edge ${i + 1} has no id, source or target`);
    }
    if (!ids.has(data.source) || !ids.has(data.target)) {
      return malformed(`graph edge ${data.id} joins a node that is not in the graph`);
    }
    edges.push(data as RawGraphEdge);
  }
  return decoded({
    timestamp: numberOf(json.timestamp),
    duration: numberOf(json.duration),
    graphType: optionalString(json.graphType),
    nodes,
    edges,
  });
};

export type GraphNodeKind = 'app' | 'service' | 'workload' | 'aggregate' | 'unknown';

export type GraphNodeFlags = {
  /** The workload's pods have no sidecar: Kiali's "missing sidecar". */
  outOfMesh: boolean;
  virtualService: boolean;
  circuitBreaker: boolean;
  faultInjection: boolean;
  trafficShifting: boolean;
  requestRouting: boolean;
  requestTimeout: boolean;
  mirroring: boolean;
  /** No pods back it (a service with no endpoints, a workload scaled away). */
  dead: boolean;
  idle: boolean;
  gateway: boolean;
  serviceEntry: boolean;
  inaccessible: boolean;
  /** A traffic source with no incoming edge (ingress, unknown callers). */
  root: boolean;
  /**
   * An ambient waypoint proxy (Kiali's `isWaypoint`): the Envoy that applies L7 policy and
   * routing for the Services using it, not an application workload.
   */
  waypoint: boolean;
};

export type GraphNode = {
  id: string;
  kind: GraphNodeKind;
  label: string;
  /** The version of a versioned app node. */
  version?: string;
  namespace: string;
  cluster?: string;
  app?: string;
  workload?: string;
  service?: string;
  health: HealthStatus;
  flags: GraphNodeFlags;
  /** The object whose tab this is. */
  focus: boolean;
  /** Incoming requests per second (HTTP and gRPC). */
  inboundRate?: number;
  /**
   * The node's console page, when it is a Service or a workload we can name; for a waypoint, the
   * plugin's page of the Gateway that deploys it.
   */
  consolePath?: string;
};

export type GraphEdge = {
  id: string;
  source: string;
  target: string;
  protocol: string;
  /** Requests per second (HTTP, gRPC) or bytes per second (TCP). */
  rate?: number;
  errorPercent?: number;
  /** Share of the source's outgoing requests on this edge. */
  sharePercent?: number;
  /** Percentage of this edge's traffic that used mutual TLS. */
  mtlsPercent?: number;
  responseTimeMs?: number;
  health: HealthStatus;
  /**
   * Kiali's ambient appender marks edges to a waypoint ("to") and from it ("from"): in ambient,
   * ztunnel's L4 connections through the waypoint.
   */
  waypoint?: 'to' | 'from';
};

export type GraphView = {
  nodes: GraphNode[];
  edges: GraphEdge[];
  timestamp?: number;
  durationSeconds?: number;
};

const KINDS: GraphNodeKind[] = ['app', 'service', 'workload', 'aggregate'];

const ratesOf = (traffic: unknown): Record<string, number> => {
  const out: Record<string, number> = {};
  const add = (t: unknown) => {
    if (!isRecord(t) || !isRecord(t.rates)) return;
    for (const [k, v] of Object.entries(t.rates)) {
      const n = numberOf(v);
      if (n !== undefined) out[k] = (out[k] ?? 0) + n;
    }
  };
  if (Array.isArray(traffic)) traffic.forEach(add);
  else add(traffic);
  return out;
};

/**
 * Kiali's rate keys as per-code request rates, so node and edge health use the same tolerance
 * check as Kiali's health API. `prefix` is "" for edges and "In" for a node's inbound traffic.
 */
export const ratesAsCodes = (rates: Record<string, number>, prefix = ''): RequestRates => {
  const out: RequestRates = {};
  const http = rates[`http${prefix}`];
  if (http !== undefined && http > 0) {
    const e5 = rates[`http${prefix}5xx`] ?? 0;
    const e4 = rates[`http${prefix}4xx`] ?? 0;
    const none = rates[`http${prefix}NoResponse`] ?? 0;
    out.http = { '500': e5, '400': e4, '-': none, '200': Math.max(0, http - e5 - e4 - none) };
  }
  const grpc = rates[`grpc${prefix}`];
  if (grpc !== undefined && grpc > 0) {
    const err = rates[`grpc${prefix}Err`] ?? 0;
    const none = rates[`grpc${prefix}NoResponse`] ?? 0;
    out.grpc = { '2': err, '-': none, '0': Math.max(0, grpc - err - none) };
  }
  return out;
};

const labelOf = (d: RawGraphNode, kind: GraphNodeKind) => {
  const s = (k: string) => optionalString(d[k]);
  switch (kind) {
    case 'service':
      return s('service') ?? 'service';
    case 'workload':
      return s('workload') ?? 'workload';
    case 'app':
      return s('app') ?? s('workload') ?? 'app';
    case 'aggregate':
      return [s('aggregate'), s('aggregateValue')].filter(Boolean).join('=') || 'aggregate';
    default:
      return 'unknown';
  }
};

const isFocus = (n: GraphNode, focus?: MeshTarget) => {
  if (!focus || focus.kind === 'namespace' || n.namespace !== focus.namespace) return false;
  return focus.kind === 'service'
    ? n.kind === 'service' && n.service === focus.name
    : (n.kind === 'workload' || n.kind === 'app') && n.workload === focus.name;
};

/** The graph as the view draws it; box (group) nodes are dropped, their members kept. */
export const buildGraphView = (
  raw: RawGraph,
  focus?: MeshTarget,
  tolerances: readonly Tolerance[] = DEFAULT_TOLERANCES,
): GraphView => {
  const incoming = new Set(raw.edges.map((e) => e.target));
  const nodes: GraphNode[] = [];
  for (const d of raw.nodes) {
    if (d.nodeType === 'box' || d.isBox) continue;
    const kind = (KINDS as string[]).includes(d.nodeType)
      ? (d.nodeType as GraphNodeKind)
      : 'unknown';
    const rates = ratesOf(d.traffic);
    const fromRates = requestHealth({ inbound: ratesAsCodes(rates, 'In') }, tolerances);
    const fromHealth = entityHealth(d.healthData, tolerances);
    const namespace = optionalString(d.namespace) ?? '';
    const node: GraphNode = {
      id: d.id,
      kind,
      label: labelOf(d, kind),
      version: kind === 'app' ? optionalString(d.version) || undefined : undefined,
      namespace,
      cluster: optionalString(d.cluster),
      app: optionalString(d.app),
      workload: optionalString(d.workload),
      service: optionalString(d.service),
      health: fromHealth?.status ?? fromRates.status,
      flags: {
        outOfMesh: d.isOutOfMesh === true,
        virtualService: flagOf(d.hasVS),
        circuitBreaker: flagOf(d.hasCB),
        faultInjection: flagOf(d.hasFaultInjection),
        trafficShifting: flagOf(d.hasTrafficShifting) || flagOf(d.hasTCPTrafficShifting),
        requestRouting: flagOf(d.hasRequestRouting),
        requestTimeout: flagOf(d.hasRequestTimeout),
        mirroring: flagOf(d.hasMirroring),
        dead: d.isDead === true,
        idle: d.isIdle === true,
        gateway: flagOf(d.isGateway),
        serviceEntry: flagOf(d.isServiceEntry),
        inaccessible: d.isInaccessible === true,
        root: d.isRoot === true || !incoming.has(d.id),
        waypoint: d.isWaypoint === true,
      },
      focus: false,
      inboundRate:
        (rates.httpIn ?? 0) + (rates.grpcIn ?? 0) > 0
          ? (rates.httpIn ?? 0) + (rates.grpcIn ?? 0)
          : undefined,
    };
    node.focus = isFocus(node, focus);
    const linkable = namespace && !node.flags.inaccessible && !node.flags.serviceEntry;
    if (node.flags.waypoint) {
      // Not a Deployment to look after: istiod deploys it for the Gateway of the same name.
      if (linkable && node.workload) {
        node.consolePath = configDetailsPath(namespace, 'k8sgateways', node.workload);
      }
    } else if (linkable && kind === 'service' && node.service) {
      node.consolePath = consoleServicePath(namespace, node.service);
    } else if (linkable && (kind === 'workload' || kind === 'app') && node.workload) {
      node.consolePath = consoleWorkloadPath(namespace, node.workload);
    }
    nodes.push(node);
  }
  const edgeOf = (d: JsonRecord, id: string, source: string, target: string): GraphEdge => {
    const traffic = isRecord(d.traffic) ? d.traffic : {};
    const protocol = optionalString(traffic.protocol) ?? 'http';
    const rates = ratesOf(traffic);
    const rate = protocol === 'tcp' ? rates.tcp : protocol === 'grpc' ? rates.grpc : rates.http;
    const errorPercent =
      protocol === 'grpc'
        ? (rates.grpcPercentErr ??
          (rates.grpc ? ((rates.grpcErr ?? 0) / rates.grpc) * 100 : undefined))
        : protocol === 'http'
          ? (rates.httpPercentErr ??
            (rates.http
              ? (((rates.http5xx ?? 0) + (rates.http4xx ?? 0) + (rates.httpNoResponse ?? 0)) /
                  rates.http) *
                100
              : undefined))
          : undefined;
    const computed =
      protocol === 'tcp'
        ? rate && rate > 0
          ? 'Healthy'
          : 'NA'
        : requestHealth({ inbound: ratesAsCodes(rates) }, tolerances).status;
    const direction = isRecord(d.waypoint) ? d.waypoint.direction : undefined;
    return {
      id,
      source,
      target,
      protocol,
      rate,
      errorPercent,
      sharePercent: protocol === 'grpc' ? rates.grpcPercentReq : rates.httpPercentReq,
      mtlsPercent: numberOf(d.isMTLS),
      responseTimeMs: numberOf(d.responseTime),
      health: normalizeEdgeHealth(d.healthStatus) ?? computed,
      ...(direction === 'to' || direction === 'from' ? { waypoint: direction } : {}),
    };
  };
  const edges: GraphEdge[] = [];
  const ids = new Set(raw.edges.map((e) => e.id));
  for (const d of raw.edges) {
    edges.push(edgeOf(d, d.id, d.source, d.target));
    // Kiali folds the waypoint's connection back to the caller into the caller's edge to it
    // (its source and target both name the caller): drawn here as the edge it is.
    const back = isRecord(d.waypoint) ? d.waypoint.fromEdge : undefined;
    if (isRecord(back)) {
      const id = typeof back.id === 'string' && !ids.has(back.id) ? back.id : `${d.id}~from`;
      ids.add(id);
      edges.push({ ...edgeOf(back, id, d.target, d.source), waypoint: 'from' });
    }
  }
  return { nodes, edges, timestamp: raw.timestamp, durationSeconds: raw.duration };
};

const normalizeEdgeHealth = (v: unknown): HealthStatus | undefined =>
  v === 'Healthy' || v === 'Degraded' || v === 'Failure' ? v : undefined;

const APPENDERS =
  'deadNode,serviceEntry,meshCheck,workloadEntry,health,istio,securityPolicy,responseTime';

/**
 * Query parameters for the graph endpoints, as Kiali's own UI sends them for these views. With
 * `ambient` (Kiali's `/api/config` says `ambientEnabled`; older Kiali refuses the appender) it
 * also asks for the `ambient` appender, all ambient reporters (waypoint and ztunnel) and the
 * waypoint nodes, which Kiali's UI hides by default but this view draws as waypoints.
 */
export const graphQuery = (
  durationSeconds: number,
  namespaces?: string[],
  { ambient = false }: { ambient?: boolean } = {},
): Record<string, string> => ({
  ...(namespaces ? { namespaces: namespaces.join(',') } : {}),
  graphType: 'versionedApp',
  duration: `${durationSeconds}s`,
  injectServiceNodes: 'true',
  appenders: ambient ? `${APPENDERS},ambient` : APPENDERS,
  responseTime: '95',
  ...(ambient ? { ambientTraffic: 'total', waypoints: 'true' } : {}),
});
