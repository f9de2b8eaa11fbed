'use strict';
// The stand-in Kiali behind the preview's plugin proxy (alias "kiali"). Like the console's
// proxy, it reaches Kiali only while the target Service exists in the stand-in cluster; like
// Kiali, it answers as the user whose token the proxy forwards, reads the cluster on every
// request, and returns Kiali's JSON shapes (see /work/shared/reference/observability-apis.md §2).
const { authorize, forbiddenMessage, profileOf, userInfo } = require('../cluster/authz');
const { buildGraph } = require('./buildGraph');
const { buildHealth, HEALTH_CONFIG } = require('./buildHealth');
const { istioConfigList } = require('./istioConfig');
const {
  BadRequest,
  parseGraphQuery,
  parseHealthQuery,
  parseIstioConfigQuery,
  parseTracingQuery,
} = require('./params');
const { readMesh } = require('./readMesh');
const { createTraces, serviceNameOf } = require('./traces');
const { readMetrics, samplingFor } = require('./telemetry');
const { computeTraffic } = require('./trafficModel');

const KIALI_VERSION = 'v2.27.0';
const COMMIT = '3f9a2c1d5e7b8a0c4d6e2f1a9b8c7d6e5f4a3b2c';

/** The chart's default proxy target (values.yaml plugin.proxy.kiali). */
const DEFAULT_TARGET = { namespace: 'istio-system', name: 'kiali', port: 20001 };

class HttpError extends Error {
  constructor(status, message, detail) {
    super(message);
    this.status = status;
    this.detail = detail;
  }
}

const json = (res, status, body, headers = {}) => {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(data),
    ...headers,
  });
  res.end(data);
};

const text = (res, status, body) => {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
};

/** Bodies of the wrong shape, per endpoint, for `mode: 'malformed'`. */
const MALFORMED = {
  status: { status: 'oops' },
  config: { istioLabels: 42, healthConfig: 'oops' },
  tracing: { enabled: 'maybe' },
  namespaces: { namespaces: 42 },
  graph: { elements: 'oops' },
  health: { namespaceAppHealth: 'oops', namespaceServiceHealth: 42, namespaceWorkloadHealth: null },
  traces: { data: 42 },
  trace: { data: 'oops' },
  istioConfig: { resources: {}, validations: 'oops' },
  other: { oops: true },
};

const ROUTES = [
  ['status', /^\/api\/status$/],
  ['config', /^\/api\/config$/],
  ['tracing', /^\/api\/tracing$/],
  ['namespaceGraph', /^\/api\/namespaces\/graph$/],
  ['namespaces', /^\/api\/namespaces$/],
  ['serviceGraph', /^\/api\/namespaces\/([^/]+)\/services\/([^/]+)\/graph$/],
  ['workloadGraph', /^\/api\/namespaces\/([^/]+)\/workloads\/([^/]+)\/graph$/],
  ['appGraph', /^\/api\/namespaces\/([^/]+)\/applications\/([^/]+)\/graph$/],
  ['versionGraph', /^\/api\/namespaces\/([^/]+)\/applications\/([^/]+)\/versions\/([^/]+)\/graph$/],
  ['health', /^\/api\/clusters\/health$/],
  ['serviceTraces', /^\/api\/namespaces\/([^/]+)\/services\/([^/]+)\/traces$/],
  ['workloadTraces', /^\/api\/namespaces\/([^/]+)\/workloads\/([^/]+)\/traces$/],
  ['appTraces', /^\/api\/namespaces\/([^/]+)\/apps\/([^/]+)\/traces$/],
  ['trace', /^\/api\/traces\/([^/]+)$/],
  ['istioConfig', /^\/api\/istio\/config$/],
  ['namespaceIstioConfig', /^\/api\/namespaces\/([^/]+)\/istio$/],
];
const malformedKey = (route = '') =>
  route.endsWith('Graph')
    ? 'graph'
    : route.endsWith('Traces')
      ? 'traces'
      : route.endsWith('IstioConfig')
        ? 'istioConfig'
        : MALFORMED[route]
          ? route
          : 'other';

/**
 * `tempo_config` as Kiali serialises it (config.go TempoConfig: JSON names, every field omitempty),
 * over the operator's defaults (cache 200 entries, url_format "grafana" in v2.27). Kiali sends it
 * whatever the provider.
 */
const tempoConfigOf = (tc = {}) => {
  const merged = {
    cacheCapacity: tc.cache_capacity ?? 200,
    cacheEnabled: tc.cache_enabled ?? true,
    datasourceUID: tc.datasource_uid,
    name: tc.name,
    namespace: tc.namespace,
    orgID: tc.org_id,
    tenant: tc.tenant,
    urlFormat: tc.url_format ?? 'grafana',
  };
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined && v !== ''));
};

/** Kiali's configuration as its operator renders it from the Kiali CR. */
const kialiConfigOf = (api, target) => {
  const cr = api
    .findAll('kiali.io/v1alpha1', 'Kiali')
    .find(
      (k) =>
        (k.spec?.deployment?.namespace || k.metadata.namespace) === target.namespace &&
        (k.spec?.deployment?.instance_name || 'kiali') === target.name,
    );
  const spec = cr?.spec || {};
  const t = spec.external_services?.tracing;
  const tracingEnabled = t ? (t.enabled ?? true) : false;
  const version = !spec.version || spec.version === 'default' ? KIALI_VERSION : `${spec.version}.0`;
  return {
    cr,
    version,
    namespace: target.namespace,
    viewOnly: Boolean(spec.deployment?.view_only_mode),
    // The operator's defaults (roles/default/kiali-deploy/defaults/main.yml, v2.27).
    healthCompute: {
      duration: spec.health_config?.compute?.duration || '5m',
      refreshInterval: spec.health_config?.compute?.refresh_interval || '3m',
      timeout: spec.health_config?.compute?.timeout || '10m',
    },
    authStrategy: spec.auth?.strategy || 'openshift',
    grafanaUrl:
      spec.external_services?.grafana?.enabled !== false
        ? spec.external_services?.grafana?.external_url || spec.external_services?.grafana?.url
        : undefined,
    tracing: tracingEnabled
      ? {
          enabled: true,
          provider: t.provider || 'jaeger',
          internalURL: t.internal_url || t.in_cluster_url || '',
          url: t.external_url || t.url || '',
          tempoConfig: tempoConfigOf(t.tempo_config),
          namespaceSelector: t.namespace_selector ?? true,
          whiteListIstioSystem: t.whitelist_istio_system ?? [
            'jaeger-query',
            'istio-ingressgateway',
          ],
        }
      : { enabled: false },
  };
};

/**
 * @param {{api: import('../cluster/api').Api, user: string}} cluster the stand-in (its `user`
 *   is the identity whose token the console's proxy forwards)
 * @param {{mode?: 'error'|'malformed', target?: {namespace: string, name: string, port: number},
 *   now?: () => number}} options
 */
const createKialiHandler = (cluster, { mode, target = DEFAULT_TARGET, now = Date.now } = {}) => {
  const traces = createTraces({ now });

  const userOf = () => userInfo(profileOf(cluster.user));
  const canRead = (ns) =>
    authorize(userOf(), { verb: 'get', group: '', resource: 'pods', namespace: ns }).allowed;
  const requireNamespace = (mesh, ns) => {
    if (!canRead(ns)) {
      const attrs = { verb: 'get', group: '', resource: 'namespaces', name: ns, namespace: ns };
      throw new HttpError(403, forbiddenMessage(userOf(), attrs));
    }
    if (!mesh.namespaces.has(ns)) throw new HttpError(404, `namespaces "${ns}" not found`);
  };

  /** The console proxy reaches Kiali only through its Service and a ready pod behind it. */
  const unreachable = () => {
    const { api } = cluster;
    const host = `${target.name}.${target.namespace}.svc`;
    const svc = api.find('v1', 'Service', target.namespace, target.name);
    if (!svc || !(svc.spec?.ports || []).some((p) => p.port === target.port)) {
      return `dial tcp: lookup ${host} on 172.30.0.10:53: no such host`;
    }
    const selector = svc.spec.selector || {};
    const ready = api
      .findAll('v1', 'Pod', target.namespace)
      .some(
        (p) =>
          Object.entries(selector).every(([k, v]) => (p.metadata.labels || {})[k] === v) &&
          !p.metadata.deletionTimestamp &&
          p.status?.phase === 'Running',
      );
    return ready
      ? null
      : `dial tcp ${svc.spec.clusterIP}:${target.port}: connect: connection refused`;
  };

  const graphFocus = (route, m) => {
    if (route === 'serviceGraph') return { kind: 'service', namespace: m[1], name: m[2] };
    if (route === 'workloadGraph') return { kind: 'workload', namespace: m[1], name: m[2] };
    if (route === 'appGraph') return { kind: 'app', namespace: m[1], name: m[2] };
    if (route === 'versionGraph')
      return { kind: 'app', namespace: m[1], name: m[2], version: m[3] };
    return undefined;
  };

  const graph = (route, m, q) => {
    const o = parseGraphQuery(q, Math.floor(now() / 1000));
    // Kiali 1.73 (OSSM 2.6) predates the ambient appender (1.80 has it): ParseAppenders refuses
    // names it does not know.
    const [major, minor] = kialiConfigOf(cluster.api, target)
      .version.replace(/^v/, '')
      .split('.')
      .map(Number);
    if (major === 1 && minor < 80 && q.has('appenders') && o.appenders.has('ambient')) {
      throw new HttpError(400, 'Invalid appender [ambient]');
    }
    const mesh = readMesh(cluster.api);
    const focus = graphFocus(route, m);
    if (focus) {
      requireNamespace(mesh, focus.namespace);
      if (focus.kind === 'app' && !['app', 'versionedApp'].includes(o.graphType)) {
        throw new HttpError(400, 'An app node graph requires graphType app or versionedApp');
      }
      const exists =
        focus.kind === 'service'
          ? mesh.services.some((s) => s.namespace === focus.namespace && s.name === focus.name)
          : focus.kind === 'workload'
            ? mesh.workloads.some((w) => w.namespace === focus.namespace && w.name === focus.name)
            : mesh.workloads.some(
                (w) =>
                  w.namespace === focus.namespace &&
                  w.app === focus.name &&
                  (!focus.version || w.version === focus.version),
              );
      if (!exists) {
        const what = { service: 'Service', workload: 'Workload', app: 'App' }[focus.kind];
        throw new HttpError(
          404,
          `${what} [${focus.name}] not found in namespace [${focus.namespace}]`,
        );
      }
    } else {
      if (!o.namespaces.length) {
        throw new HttpError(
          400,
          'At least one namespace must be specified via the namespaces query parameter.',
        );
      }
      o.namespaces.forEach((ns) => requireNamespace(mesh, ns));
    }
    return buildGraph(mesh, observedTraffic(mesh), {
      ...o,
      namespaces: focus ? [focus.namespace] : o.namespaces,
      focus,
      canRead,
    });
  };

  /**
   * The traffic Prometheus holds: a request is recorded only where a scraped proxy reports it
   * (the caller's or the destination's sidecar, or the waypoint it went through, in a
   * namespace a PodMonitor covers), and ztunnel's L4 view of it only while ztunnel is scraped.
   * When Kiali's queries fail (no access to Thanos), Kiali answers 503 with Prometheus' error
   * (graph/util.go CheckUnavailable).
   */
  const observedTraffic = (mesh) => {
    const metrics = readMetrics(cluster.api);
    if (metrics.error) throw new HttpError(503, metrics.error);
    const traffic = computeTraffic(mesh);
    const scraped = (w) => !!w && w.proxied && metrics.scraped.has(w.namespace);
    return {
      ...traffic,
      legs: traffic.legs.map((l) => {
        const reporters = {
          sidecar: l.visible && (scraped(l.caller) || (scraped(l.dest) && !l.dest.waypoint)),
          waypoint: l.visible && scraped(l.waypoint),
          ztunnel: Boolean(l.ztunnel && metrics.ztunnel),
        };
        return { ...l, visible: reporters.sidecar || reporters.waypoint, reporters };
      }),
    };
  };

  const tracesOf = (route, m, q) => {
    const query = parseTracingQuery(q);
    const mesh = readMesh(cluster.api);
    const [, ns, name] = m;
    requireNamespace(mesh, ns);
    const { provider } = tracingBackend();
    let matches;
    let tracingServiceName = `${name}.${ns}`;
    if (route === 'serviceTraces') {
      const svc = mesh.services.find((s) => s.namespace === ns && s.name === name);
      if (!svc) throw new HttpError(404, `Service [${name}] not found in namespace [${ns}]`);
      matches = (s) => svc.workloads.includes(s.workload);
    } else if (route === 'workloadTraces') {
      const w = mesh.workloads.find((x) => x.namespace === ns && x.name === name);
      if (!w) throw new HttpError(404, `Workload [${name}] not found in namespace [${ns}]`);
      tracingServiceName = serviceNameOf(w);
      matches = (s) => s.workload === w;
    } else {
      matches = (s) => s.workload.namespace === ns && s.workload.app === name;
    }
    // Kiali leaves TracingResponse.Errors nil (null) when the backend reported none.
    return {
      data: traces.list(mesh, query, matches, provider, samplingFor(cluster.api, ns)),
      errors: null,
      tracingServiceName,
    };
  };

  /** Kiali reaches its tracing backend through the configured in-cluster URL. */
  const tracingBackend = () => {
    const cfg = kialiConfigOf(cluster.api, target);
    if (!cfg.tracing.enabled) {
      // business/tracing.go client(): Kiali's words, answered as 503 by handlers/tracing.go.
      throw new HttpError(503, 'tracing is not enabled');
    }
    let url;
    try {
      url = new URL(cfg.tracing.internalURL);
    } catch {
      throw new HttpError(
        503,
        `Tracing client error: invalid internal_url "${cfg.tracing.internalURL}"`,
      );
    }
    const [name, ns = cfg.namespace] = url.hostname.split('.');
    if (!cluster.api.find('v1', 'Service', ns, name)) {
      throw new HttpError(
        503,
        `Get "${cfg.tracing.internalURL}": dial tcp: lookup ${url.hostname} on 172.30.0.10:53: no such host`,
      );
    }
    return cfg.tracing;
  };

  const handlers = {
    status: () => {
      const cfg = kialiConfigOf(cluster.api, target);
      const { api } = cluster;
      const istio = api.findAll('sailoperator.io/v1', 'Istio')[0];
      const smcp = api.findAll('maistra.io/v2', 'ServiceMeshControlPlane')[0];
      const host = api.find('route.openshift.io/v1', 'Route', target.namespace, target.name)?.spec
        ?.host;
      return {
        status: {
          'Kiali commit hash': COMMIT,
          'Kiali container version': cfg.version,
          'Kiali state': 'running',
          'Kiali version': cfg.version,
          'Mesh name': istio ? 'Istio' : smcp ? 'Maistra' : 'Istio',
        },
        externalServices: [
          ...(istio || smcp
            ? [
                {
                  name: 'Istio',
                  version: istio
                    ? istio.spec.version.replace(/^v/, '')
                    : `OSSM-${smcp.status?.operatorVersion || '2.6.17'}`,
                },
              ]
            : []),
          { name: 'Prometheus', version: '3.5.0' },
          { name: 'Kubernetes', version: 'v1.35.0' },
          // status/versions.go: named after the provider, url omitted when empty.
          ...(cfg.tracing.enabled
            ? [
                {
                  name: cfg.tracing.provider,
                  version: '2.8.2',
                  ...(cfg.tracing.url ? { url: cfg.tracing.url } : {}),
                  tempoConfig: cfg.tracing.tempoConfig,
                },
              ]
            : []),
          ...(cfg.grafanaUrl ? [{ name: 'Grafana', version: '12.1.0', url: cfg.grafanaUrl }] : []),
          ...(host ? [{ name: 'Kiali', url: `https://${host}` }] : []),
        ],
        warningMessages: [],
        istioEnvironment: { isMaistra: Boolean(smcp), istioAPIEnabled: true },
      };
    },
    config: () => {
      const cfg = kialiConfigOf(cluster.api, target);
      const mesh = readMesh(cluster.api);
      const host = cluster.api.find('route.openshift.io/v1', 'Route', target.namespace, target.name)
        ?.spec?.host;
      return {
        accessibleNamespaces: ['**'],
        // handlers/config.go: a ztunnel DaemonSet in the cluster (cache.IsAmbientEnabled).
        ...(mesh.ambientEnabled ? { ambientEnabled: true } : {}),
        authStrategy: cfg.authStrategy,
        clusters: {
          [mesh.cluster]: {
            accessible: true,
            apiEndpoint: 'https://172.30.0.1:443',
            isKialiHome: true,
            kialiInstances: [
              {
                namespace: cfg.namespace,
                operatorResource: cfg.cr
                  ? `${cfg.cr.metadata.namespace}/${cfg.cr.metadata.name}`
                  : '',
                serviceName: target.name,
                url: host ? `https://${host}` : '',
                version: cfg.version,
              },
            ],
            name: mesh.cluster,
            secretName: '',
          },
        },
        controlPlanes: { [mesh.cluster]: [...mesh.rootNamespaces][0] || 'istio-system' },
        deployment: { viewOnlyMode: cfg.viewOnly },
        gatewayAPIEnabled: false,
        healthConfig: { compute: cfg.healthCompute, ...HEALTH_CONFIG },
        installationTag: '',
        istioAPIInstalled: true,
        istioAnnotations: {
          ambientAnnotation: 'ambient.istio.io/redirection',
          ambientAnnotationEnabled: 'enabled',
          istioInjectionAnnotation: 'sidecar.istio.io/inject',
        },
        istioIdentityDomain: 'svc.cluster.local',
        istioLabels: {
          appLabelName: 'app',
          egressGatewayLabel: 'istio=egressgateway',
          ingressGatewayLabel: 'istio=ingressgateway',
          injectionLabelName: 'istio-injection',
          injectionLabelRev: 'istio.io/rev',
          versionLabelName: 'version',
        },
        istioNamespace: [...mesh.rootNamespaces][0] || 'istio-system',
        kialiFeatureFlags: {
          disabledFeatures: [],
          istioInjectionAction: true,
          istioUpgradeAction: false,
          uiDefaults: { graph: { traffic: { http: 'requests' } }, refreshInterval: '60s' },
        },
        prometheus: { globalScrapeInterval: 30, storageTsdbRetention: 1296000 },
      };
    },
    tracing: () => {
      const { tracing: t } = kialiConfigOf(cluster.api, target);
      if (!t.enabled) {
        return {
          enabled: false,
          integration: false,
          provider: '',
          url: '',
          internalURL: '',
          tempoConfig: {},
          namespaceSelector: false,
          useWaypointName: false,
          whiteListIstioSystem: [],
        };
      }
      return {
        enabled: true,
        integration: Boolean(t.internalURL),
        provider: t.provider,
        url: t.url,
        internalURL: t.internalURL,
        tempoConfig: t.tempoConfig,
        namespaceSelector: t.namespaceSelector,
        useWaypointName: false,
        whiteListIstioSystem: t.whiteListIstioSystem,
      };
    },
    // Every readable namespace's Istio objects, with Kiali's checks as recorded (istioConfig.js).
    istioConfig: (m, q) => {
      const { validate } = parseIstioConfigQuery(q);
      const readable = cluster.api
        .findAll('v1', 'Namespace')
        .map((n) => n.metadata.name)
        .filter(canRead);
      return istioConfigList(cluster.api, readable, validate);
    },
    namespaceIstioConfig: (m, q) => {
      const { validate } = parseIstioConfigQuery(q);
      requireNamespace(readMesh(cluster.api), m[1]);
      return istioConfigList(cluster.api, [m[1]], validate);
    },
    namespaces: () => {
      const mesh = readMesh(cluster.api);
      return [...mesh.namespaces.values()]
        .filter((n) => canRead(n.metadata.name))
        .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
        .map((n) => {
          const labels = n.metadata.labels || {};
          const revision =
            labels['istio.io/rev'] ||
            (labels['istio-injection'] === 'enabled' ? 'default' : undefined);
          return {
            name: n.metadata.name,
            cluster: mesh.cluster,
            isAmbient: mesh.isAmbientNamespace(n.metadata.name),
            isControlPlane: mesh.rootNamespaces.has(n.metadata.name),
            labels,
            annotations: n.metadata.annotations || {},
            creationTimestamp: n.metadata.creationTimestamp,
            ...(revision ? { revision } : {}),
          };
        });
    },
    health: (m, q) => {
      const { namespaces, type } = parseHealthQuery(q);
      const mesh = readMesh(cluster.api);
      namespaces.forEach((ns) => requireNamespace(mesh, ns));
      return buildHealth(mesh, observedTraffic(mesh), namespaces, type);
    },
    trace: (m) => {
      // handlers/tracing.go TraceDetails checks models.ValidTraceIDRe first.
      if (!/^[a-fA-F0-9]{1,32}$/.test(m[1])) throw new HttpError(400, 'Invalid trace ID format');
      const mesh = readMesh(cluster.api);
      const { provider } = tracingBackend();
      const istio = cluster.api.findAll('sailoperator.io/v1', 'Istio')[0];
      const root = istio?.spec?.namespace || 'istio-system';
      const trace = traces.get(mesh, m[1], provider, samplingFor(cluster.api, root));
      if (trace) return { data: trace, errors: null };
      if (provider === 'tempo') {
        // Tempo answers 404 and Kiali turns any non-200 into an error, so a 503
        // (tracing/tempo/http_client.go GetTraceDetailHTTP; Tempo's 404 body is assumed).
        throw new HttpError(503, '[HTTP Tempo] Error returning traces: trace not found');
      }
      // Jaeger answers 404 with {data: null, errors: [{code: 404, ...}]}; Kiali passes its errors on
      // beside the Go zero value of a trace, with 200 (tracing/jaeger/http_client.go).
      return {
        data: { traceID: '', spans: null, processes: null, warnings: null, matched: 0 },
        errors: [{ code: 404, msg: 'trace not found' }],
      };
    },
  };

  return (req, res, pathWithQuery) => {
    const url = new URL(pathWithQuery, 'http://kiali');
    const found = ROUTES.map(([name, re]) => [name, re.exec(url.pathname)]).find(([, m]) => m);
    const [route, match] = found || [];
    if (mode === 'error') {
      return json(res, 500, {
        error: 'Internal server error (the preview was started with Kiali set to fail)',
      });
    }
    if (mode === 'malformed') return json(res, 200, MALFORMED[malformedKey(route)]);
    const down = unreachable();
    if (down) return text(res, 502, `Bad Gateway: ${down}\n`);
    if (!['GET', 'HEAD'].includes(req.method)) {
      return json(res, 405, { error: `Method ${req.method} not allowed` });
    }
    if (!route) return json(res, 404, { error: `No API route for ${url.pathname}` });
    try {
      let body;
      if (route.endsWith('Graph')) body = graph(route, match, url.searchParams);
      else if (route.endsWith('Traces')) body = tracesOf(route, match, url.searchParams);
      else body = handlers[route](match, url.searchParams);
      return json(res, 200, body, route === 'health' ? { 'X-Kiali-Health-Cached': 'true' } : {});
    } catch (e) {
      if (e instanceof BadRequest) return json(res, 400, { error: e.message });
      if (e instanceof HttpError)
        return json(res, e.status, { error: e.message, ...(e.detail ? { detail: e.detail } : {}) });
      return json(res, 500, { error: `stand-in Kiali failed: ${e.message}`, detail: e.stack });
    }
  };
};

module.exports = { createKialiHandler, DEFAULT_TARGET, KIALI_VERSION };
