'use strict';
// A read of the stand-in cluster as Kiali sees it: namespaces, Services, workloads with their
// running pods and sidecars, and the Istio routing/security objects that shape traffic. Read on
// every request, so a write through the console shows on the next call.

const DOMAIN = 'svc.cluster.local';
const SIMULATED_ERROR_ANNOTATION = 'preview.mesh-console-plugin/simulated-error-percent';
const CLUSTER = 'Kubernetes';

/** Istio's host resolution: short names are relative to the namespace of the object. */
const fqdn = (host, ns) => {
  const h = String(host || '').toLowerCase();
  if (h.includes('*')) return h;
  const parts = h.split('.');
  if (parts.length === 1) return `${h}.${ns}.${DOMAIN}`;
  if (parts.length === 2) return `${h}.${DOMAIN}`;
  if (parts.length === 3 && parts[2] === 'svc') return `${h}.cluster.local`;
  return h;
};

const hostMatches = (pattern, host) =>
  pattern === '*' ||
  pattern === host ||
  (pattern.startsWith('*.') && host.endsWith(pattern.slice(1)));

const labelsMatch = (selector, labels) =>
  Object.entries(selector || {}).every(([k, v]) => (labels || {})[k] === v);

const byAge = (a, b) =>
  (a.metadata.creationTimestamp || '').localeCompare(b.metadata.creationTimestamp || '') ||
  a.metadata.name.localeCompare(b.metadata.name);

const hasSidecar = (pod) => 'sidecar.istio.io/status' in (pod.metadata.annotations || {});

const podReady = (pod) =>
  !pod.metadata.deletionTimestamp &&
  pod.status?.phase === 'Running' &&
  (pod.status.conditions || []).some((c) => c.type === 'Ready' && c.status === 'True');

// Gateway proxies are mesh members without the injector's annotation.
const isGatewayLabels = (labels) =>
  labels.istio === 'ingressgateway' || labels.app === 'istio-ingressgateway';

// Ambient (Kiali config/config.go): istio-cni marks the pods ztunnel captures; namespaces join
// with a label; Services and namespaces name their waypoint with another.
const REDIRECTION = 'ambient.istio.io/redirection';
const DATAPLANE_MODE = 'istio.io/dataplane-mode';
const USE_WAYPOINT = 'istio.io/use-waypoint';
const USE_WAYPOINT_NAMESPACE = 'istio.io/use-waypoint-namespace';
const GATEWAY_API = 'gateway.networking.k8s.io';
const MESH_CONTROLLER = 'istio.io/mesh-controller';

const captured = (pod) => (pod.metadata.annotations || {})[REDIRECTION] === 'enabled';

/**
 * Kiali's config.IsWaypoint: istiod's `gateway.istio.io/managed: istio.io-mesh-controller`, or a
 * Gateway API gateway name containing "waypoint".
 */
const isWaypointLabels = (labels) =>
  labels['gateway.istio.io/managed'] === 'istio.io-mesh-controller' ||
  String(labels[`${GATEWAY_API}/gateway-name`] || '')
    .toLowerCase()
    .includes('waypoint');

/**
 * Snapshot of what Kiali's graph, health and traces are computed from.
 * @param {import('../cluster/api').Api} api
 */
const readMesh = (api) => {
  const namespaces = new Map(
    api
      .findAll('v1', 'Namespace')
      .filter((n) => !n.metadata.deletionTimestamp)
      .map((n) => [n.metadata.name, n]),
  );
  const pods = api.findAll('v1', 'Pod').filter((p) => namespaces.has(p.metadata.namespace));
  // The mesh root namespace holds mesh-wide policy; Maistra's SMCP can also turn on mTLS.
  const rootNamespaces = new Set([
    ...api.findAll('sailoperator.io/v1', 'Istio').map((i) => i.spec?.namespace || 'istio-system'),
    ...api.findAll('maistra.io/v2', 'ServiceMeshControlPlane').map((s) => s.metadata.namespace),
  ]);

  const workloads = api
    .findAll('apps/v1', 'Deployment')
    .filter((d) => namespaces.has(d.metadata.namespace))
    .map((d) => {
      const ns = d.metadata.namespace;
      const labels = d.spec?.template?.metadata?.labels || {};
      const selector = d.spec?.selector?.matchLabels || labels;
      // A pod belongs to the Deployment whose ReplicaSet (<deployment>-<hash>) owns it.
      const own = pods.filter(
        (p) =>
          p.metadata.namespace === ns &&
          labelsMatch(selector, p.metadata.labels) &&
          (p.metadata.ownerReferences || []).some(
            (r) => r.kind === 'ReplicaSet' && r.name.replace(/-[^-]+$/, '') === d.metadata.name,
          ),
      );
      const ready = own.filter(podReady);
      const gateway = isGatewayLabels(labels);
      const waypoint = isWaypointLabels(d.metadata.labels || {}) || isWaypointLabels(labels);
      // Captured by ztunnel: every ready pod carries istio-cni's mark (Kiali's HasIstioAmbient).
      const ambient = !waypoint && ready.length > 0 && ready.every(captured);
      return {
        kind: 'Deployment',
        namespace: ns,
        name: d.metadata.name,
        labels,
        app: labels.app,
        version: labels.version,
        serviceAccount: d.spec?.template?.spec?.serviceAccountName || 'default',
        // A simulation input, not an Istio feature: the app itself answers 500 to this share of
        // requests (a buggy build), so a failing canary can be shown without an injected fault,
        // which Istio reports only on the caller's side.
        appErrorShare:
          Math.min(
            Math.max(
              Number(d.spec?.template?.metadata?.annotations?.[SIMULATED_ERROR_ANNOTATION]) || 0,
              0,
            ),
            100,
          ) / 100,
        desired: d.spec?.replicas ?? 1,
        current: own.filter((p) => !p.metadata.deletionTimestamp).length,
        available: d.status?.availableReplicas ?? ready.length,
        pods: ready,
        gateway,
        // An ambient waypoint: Envoy itself, reporting as `waypoint`; never a caller of its own.
        waypoint,
        ambient,
        // An Envoy handles this workload's traffic: an injected sidecar, a gateway or a waypoint.
        proxied: ready.length > 0 && (gateway || waypoint || ready.every(hasSidecar)),
        // Control-plane components run without sidecars by design; ztunnel and waypoints are
        // the mesh for ambient workloads.
        outOfMesh:
          !gateway &&
          !waypoint &&
          !ambient &&
          !rootNamespaces.has(ns) &&
          ready.some((p) => !hasSidecar(p)),
        syncedProxies:
          gateway || waypoint
            ? ready.length
            : ready.some(hasSidecar)
              ? ready.filter(hasSidecar).length
              : -1,
      };
    });

  const services = api
    .findAll('v1', 'Service')
    .filter((s) => namespaces.has(s.metadata.namespace) && s.spec?.selector)
    .map((s) => {
      const ns = s.metadata.namespace;
      const selector = s.spec.selector;
      return {
        namespace: ns,
        name: s.metadata.name,
        labels: s.metadata.labels || {},
        app: (s.metadata.labels || {}).app || s.metadata.name,
        host: `${s.metadata.name}.${ns}.${DOMAIN}`,
        port: s.spec.ports?.[0]?.port ?? 80,
        selector,
        workloads: workloads.filter((w) => w.namespace === ns && labelsMatch(selector, w.labels)),
      };
    });
  const serviceByHost = new Map(services.map((s) => [s.host, s]));

  const virtualServices = api.findAll('networking.istio.io/v1', 'VirtualService').sort(byAge);
  const destinationRules = api.findAll('networking.istio.io/v1', 'DestinationRule').sort(byAge);
  const peerAuthentications = api.findAll('security.istio.io/v1', 'PeerAuthentication');
  const authorizationPolicies = api.findAll('security.istio.io/v1', 'AuthorizationPolicy');

  const smcpStrict = api
    .findAll('maistra.io/v2', 'ServiceMeshControlPlane')
    .some((s) => s.spec?.security?.dataPlane?.mtls === true);

  /** The VirtualService that sidecars apply to `service` (oldest wins, as istiod merges). */
  const virtualServiceFor = (service) =>
    virtualServices.find(
      (vs) =>
        (!vs.spec?.gateways?.length || vs.spec.gateways.includes('mesh')) &&
        (vs.spec?.hosts || []).some((h) =>
          hostMatches(fqdn(h, vs.metadata.namespace), service.host),
        ),
    );

  /** The DestinationRule for `service`, preferring one in the service's own namespace. */
  const destinationRuleFor = (service) => {
    const matching = destinationRules.filter(
      (dr) => dr.spec?.host && hostMatches(fqdn(dr.spec.host, dr.metadata.namespace), service.host),
    );
    return matching.find((dr) => dr.metadata.namespace === service.namespace) || matching[0];
  };

  /** Effective PeerAuthentication mode for a workload: workload > namespace > mesh. */
  const peerAuthModeFor = (workload) => {
    const modeOf = (pa) => pa?.spec?.mtls?.mode;
    const candidates = [
      peerAuthentications.find(
        (pa) =>
          pa.metadata.namespace === workload.namespace &&
          pa.spec?.selector?.matchLabels &&
          labelsMatch(pa.spec.selector.matchLabels, workload.labels),
      ),
      peerAuthentications.find(
        (pa) => pa.metadata.namespace === workload.namespace && !pa.spec?.selector,
      ),
      ...[...rootNamespaces].map((ns) =>
        peerAuthentications.find((pa) => pa.metadata.namespace === ns && !pa.spec?.selector),
      ),
    ];
    for (const pa of candidates) {
      const mode = modeOf(pa);
      if (mode && mode !== 'UNSET') return mode;
    }
    return smcpStrict ? 'STRICT' : 'PERMISSIVE';
  };

  // --- ambient ---------------------------------------------------------------------------------
  const gateways = api.findAll(`${GATEWAY_API}/v1`, 'Gateway');
  const meshClasses = new Set([
    'istio-waypoint',
    ...api
      .findAll(`${GATEWAY_API}/v1`, 'GatewayClass')
      .filter((c) => c.spec?.controllerName === MESH_CONTROLLER)
      .map((c) => c.metadata.name),
  ]);
  const programmed = (gw) =>
    (gw.status?.conditions || []).some((c) => c.type === 'Programmed' && c.status === 'True');
  /**
   * The waypoint workload serving `service`, as istiod resolves it: the Service's
   * `istio.io/use-waypoint` label (else its namespace's; `none` opts out) names a Programmed
   * Gateway of a waypoint class (`istio.io/use-waypoint-namespace` for another namespace) that
   * takes service traffic (`istio.io/waypoint-for` absent, `service` or `all`), with ready pods.
   */
  const waypointFor = (service) => {
    const nsLabels = namespaces.get(service.namespace)?.metadata.labels || {};
    const from = USE_WAYPOINT in service.labels ? service.labels : nsLabels;
    const name = from[USE_WAYPOINT];
    if (!name || name === 'none') return undefined;
    const ns = from[USE_WAYPOINT_NAMESPACE] || service.namespace;
    const gw = gateways.find(
      (g) =>
        g.metadata.namespace === ns &&
        g.metadata.name === name &&
        !g.metadata.deletionTimestamp &&
        meshClasses.has(g.spec?.gatewayClassName) &&
        programmed(g) &&
        ['service', 'all'].includes(
          (g.metadata.labels || {})['istio.io/waypoint-for'] || 'service',
        ),
    );
    if (!gw) return undefined;
    // istiod names a waypoint's Deployment after its Gateway.
    const w = workloads.find((x) => x.namespace === ns && x.name === name && x.waypoint);
    return w && w.pods.length ? { workload: w, gateway: gw } : undefined;
  };

  /** HTTPRoutes attached to a Service (GAMMA: parentRef group "" kind Service), oldest first. */
  const httpRoutes = api.findAll(`${GATEWAY_API}/v1`, 'HTTPRoute').sort(byAge);
  const httpRoutesFor = (service) =>
    httpRoutes.filter((r) =>
      (r.spec?.parentRefs || []).some(
        (p) =>
          (p.group ?? GATEWAY_API) === '' &&
          p.kind === 'Service' &&
          p.name === service.name &&
          (p.namespace || r.metadata.namespace) === service.namespace &&
          (p.port === undefined || p.port === service.port),
      ),
    );

  const workloadsOfApp = (ns, app) => workloads.filter((w) => w.namespace === ns && w.app === app);
  const servicesOfWorkload = (w) => services.filter((s) => s.workloads.includes(w));

  return {
    cluster: CLUSTER,
    namespaces,
    workloads,
    services,
    serviceByHost,
    virtualServiceFor,
    destinationRuleFor,
    peerAuthModeFor,
    authorizationPolicies,
    workloadsOfApp,
    servicesOfWorkload,
    rootNamespaces,
    waypointFor,
    httpRoutesFor,
    /** Kiali's ambientEnabled: a ztunnel DaemonSet (label app=ztunnel) exists. */
    ambientEnabled: api
      .findAll('apps/v1', 'DaemonSet')
      .some((ds) => (ds.metadata.labels || {}).app === 'ztunnel'),
    /** Kiali's namespace isAmbient: labelled istio.io/dataplane-mode=ambient. */
    isAmbientNamespace: (ns) =>
      (namespaces.get(ns)?.metadata.labels || {})[DATAPLANE_MODE] === 'ambient',
  };
};

module.exports = {
  readMesh,
  fqdn,
  labelsMatch,
  CLUSTER,
  DOMAIN,
  SIMULATED_ERROR_ANNOTATION,
  GATEWAY_API,
};
