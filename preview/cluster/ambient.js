'use strict';
// Istio's ambient data plane and its Gateway API side, as the stand-in's controllers see them:
// - the Sail operator's ZTunnel controller (a `ztunnel` DaemonSet, status from its readiness);
// - istio-cni's node agent, which captures running pods of ambient namespaces for ztunnel and
//   marks them with `ambient.istio.io/redirection: enabled` (no restart, unlike sidecars);
// - istiod's Gateway API controller: its GatewayClasses, waypoints (a Deployment and Service per
//   `istio-waypoint` Gateway) and the status of the routes it handles.
// Only what these controllers visibly write to objects; no policy or routing is evaluated.
const { cond, keepTransitions, ownerRef } = require('./util');
const { reconcileIngressGateways } = require('./ingressGateway');

const SAIL = 'sailoperator.io/v1';
const GW = 'gateway.networking.k8s.io';
const GW_V1 = `${GW}/v1`;
const REDIRECTION = 'ambient.istio.io/redirection';
const DATAPLANE_MODE = 'istio.io/dataplane-mode';
/** istiod's controller names: gateways it deploys, and waypoints (the "mesh" controller). */
const GATEWAY_CONTROLLER = 'istio.io/gateway-controller';
const MESH_CONTROLLER = 'istio.io/mesh-controller';
/** The classes istiod creates, and assumes for Gateways naming them even if deleted. */
const ISTIO_CLASSES = {
  istio: { controllerName: GATEWAY_CONTROLLER, description: 'The default Istio GatewayClass' },
  'istio-waypoint': {
    controllerName: MESH_CONTROLLER,
    description: 'The default Istio waypoint GatewayClass',
  },
};
/** The port a waypoint receives HBONE (mesh) traffic on. */
const HBONE_PORT = 15008;

const live = (o) => o && !o.metadata.deletionTimestamp;
const conditionTrue = (o, type) =>
  (o?.status?.conditions || []).some((c) => c.type === type && c.status === 'True');
const isAmbient = (sailObject) =>
  ['ambient', 'openshift-ambient'].includes(sailObject?.spec?.profile);
const imageTag = (version) => (version || '').replace(/^v/, '').replace('-latest', '');

// --- ztunnel (Sail's ZTunnel controller) ----------------------------------------------------

/** The ztunnel DaemonSet of ZTunnel `default`, when it exists. */
const ztunnelDaemonSet = (api) => {
  const zt = api.find(SAIL, 'ZTunnel', '', 'default');
  if (!live(zt)) return undefined;
  return api.find('apps/v1', 'DaemonSet', zt.spec.namespace || 'ztunnel', 'ztunnel');
};

const daemonSetReady = (ds) => {
  const st = ds?.status || {};
  return (
    st.desiredNumberScheduled > 0 &&
    st.numberReady === st.desiredNumberScheduled &&
    st.observedGeneration === ds.metadata.generation
  );
};

/**
 * ZTunnel `default` (the only name admission allows): once an Istio exists, a `ztunnel`
 * DaemonSet in `spec.namespace`; Ready and `state: Healthy` once every node runs a ready pod.
 * Without an Istio nothing is deployed: ztunnel gets its configuration and certificates from
 * istiod.
 */
const reconcileZTunnel = (api) => {
  const zt = api.find(SAIL, 'ZTunnel', '', 'default');
  if (!live(zt)) return;
  const ns = zt.spec.namespace || 'ztunnel';
  const prev = zt.status?.conditions || [];
  const write = (state, conditions) =>
    api.setStatus(zt, {
      observedGeneration: zt.metadata.generation,
      state,
      conditions: keepTransitions(prev, conditions),
    });
  if (!api.find('v1', 'Namespace', '', ns)) {
    const msg = `failed to reconcile ZTunnel: namespace "${ns}" doesn't exist`;
    write('ReconcileError', [
      cond('Reconciled', 'False', 'ReconcileError', msg),
      cond('Ready', 'False', 'ReconcileError', msg),
    ]);
    return;
  }
  if (!api.findAll(SAIL, 'Istio').some(live)) {
    write('DaemonSetNotReady', [
      cond('Reconciled', 'True', 'Healthy', ''),
      cond('Ready', 'False', 'DaemonSetNotReady', 'ztunnel waits for istiod: no Istio exists'),
    ]);
    return;
  }
  const labels = { app: 'ztunnel' };
  const ds = api.upsert({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'ztunnel', namespace: ns, labels, ownerReferences: [ownerRef(zt)] },
    spec: {
      selector: { matchLabels: labels },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        // As Istio's ztunnel chart labels its pods: never injected, never captured.
        metadata: {
          labels: { ...labels, 'sidecar.istio.io/inject': 'false', [DATAPLANE_MODE]: 'none' },
          annotations: {
            [REDIRECTION]: 'disabled',
            'sidecar.istio.io/inject': 'false',
            'prometheus.io/port': '15020',
            'prometheus.io/scrape': 'true',
          },
        },
        spec: {
          serviceAccountName: 'ztunnel',
          priorityClassName: 'system-node-critical',
          containers: [
            {
              name: 'istio-proxy',
              image: `registry.redhat.io/openshift-service-mesh/istio-ztunnel-rhel9:${imageTag(zt.spec.version)}`,
              args: ['proxy', 'ztunnel'],
              ports: [{ containerPort: 15020, name: 'ztunnel-stats', protocol: 'TCP' }],
            },
          ],
        },
      },
    },
  });
  write(
    daemonSetReady(ds) ? 'Healthy' : 'DaemonSetNotReady',
    daemonSetReady(ds)
      ? [cond('Reconciled', 'True', 'Healthy', ''), cond('Ready', 'True', 'Healthy', '')]
      : [
          cond('Reconciled', 'True', 'Healthy', ''),
          cond('Ready', 'False', 'DaemonSetNotReady', 'not all ztunnel pods are ready'),
        ],
  );
};

/** What an ambient Istio reports in DependenciesHealthy about ZTunnel, or null when healthy. */
const ztunnelDependency = (api) => {
  const zt = api.find(SAIL, 'ZTunnel', '', 'default');
  if (!live(zt)) return { reason: 'ZTunnelNotFound', message: 'ZTunnel resource does not exist' };
  if (zt.status?.state !== 'Healthy') {
    return {
      reason: 'ZTunnelNotHealthy',
      message: 'ZTunnel resource status indicates that the component is not healthy',
    };
  }
  return null;
};

// --- capture (istio-cni's node agent) -------------------------------------------------------

const hasSidecar = (pod) =>
  [...(pod.spec.initContainers || []), ...(pod.spec.containers || [])].some(
    (c) => c.name === 'istio-proxy',
  );

/**
 * Marks running pods ztunnel captures with `ambient.istio.io/redirection: enabled`, and takes
 * the mark off when that stops. Captured: the pod or its namespace is labelled
 * `istio.io/dataplane-mode=ambient`, the pod is not labelled `none`, has no Envoy sidecar, and is
 * not in the ztunnel, istio-cni or an istiod namespace; IstioCNI `default` has the ambient
 * profile and ztunnel runs on every node. A `disabled` mark (ztunnel's own pods) is left alone.
 */
const reconcileCapture = (api) => {
  const cni = api.find(SAIL, 'IstioCNI', '', 'default');
  const ztunnel = api.find(SAIL, 'ZTunnel', '', 'default');
  const enabled = live(cni) && isAmbient(cni) && daemonSetReady(ztunnelDaemonSet(api));
  const system = new Set([
    cni?.spec.namespace || 'istio-cni',
    ztunnel?.spec.namespace || 'ztunnel',
    ...api.findAll(SAIL, 'Istio').map((i) => i.spec.namespace || 'istio-system'),
  ]);
  const namespaces = new Map(api.findAll('v1', 'Namespace').map((n) => [n.metadata.name, n]));
  for (const pod of api.findAll('v1', 'Pod')) {
    const ns = pod.metadata.namespace;
    const podMode = (pod.metadata.labels || {})[DATAPLANE_MODE];
    const nsMode = (namespaces.get(ns)?.metadata.labels || {})[DATAPLANE_MODE];
    const captured =
      enabled &&
      live(pod) &&
      pod.status?.phase === 'Running' &&
      !system.has(ns) &&
      podMode !== 'none' &&
      (podMode === 'ambient' || nsMode === 'ambient') &&
      !hasSidecar(pod);
    const marked = (pod.metadata.annotations || {})[REDIRECTION] === 'enabled';
    if (captured && !marked) {
      api.mutate(pod, (p) => {
        p.metadata.annotations = { ...(p.metadata.annotations || {}), [REDIRECTION]: 'enabled' };
      });
    } else if (!captured && marked) {
      api.mutate(pod, (p) => delete p.metadata.annotations[REDIRECTION]);
    }
  }
};

/** Whether a pod event can change what reconcileCapture does (keeps large clusters cheap). */
const captureConcerns = (api, pod) => {
  if ((pod.metadata.annotations || {})[REDIRECTION] === 'enabled') return true;
  if ((pod.metadata.labels || {})[DATAPLANE_MODE] === 'ambient') return true;
  const ns = api.find('v1', 'Namespace', '', pod.metadata.namespace);
  return (ns?.metadata.labels || {})[DATAPLANE_MODE] === 'ambient';
};

// --- istiod's Gateway API controller --------------------------------------------------------

/** The controller a Gateway's class names (istiod's built-in classes count even if deleted). */
const controllerOf = (api, gw) => {
  const name = gw.spec?.gatewayClassName;
  const cls = api.find(GW_V1, 'GatewayClass', '', name);
  return cls ? cls.spec?.controllerName : ISTIO_CLASSES[name]?.controllerName;
};
const istioHandles = (controller) =>
  controller === GATEWAY_CONTROLLER || controller === MESH_CONTROLLER;

const ensureGatewayClasses = (api) => {
  for (const [name, spec] of Object.entries(ISTIO_CLASSES)) {
    if (!api.find(GW_V1, 'GatewayClass', '', name)) {
      api.upsert({ apiVersion: GW_V1, kind: 'GatewayClass', metadata: { name }, spec });
    }
  }
  for (const cls of api.findAll(GW_V1, 'GatewayClass')) {
    if (!istioHandles(cls.spec?.controllerName)) continue;
    api.setStatus(cls, {
      ...(cls.status || {}),
      conditions: keepTransitions(cls.status?.conditions, [
        cond('Accepted', 'True', 'Accepted', 'Handled by Istio controller', {
          observedGeneration: cls.metadata.generation,
        }),
      ]),
    });
  }
};

/**
 * A waypoint as istiod deploys one for an `istio-waypoint` Gateway: ServiceAccount, Deployment
 * and Service named after it, owned by it. Programmed (with the Service's hostname as address)
 * once the Deployment has a ready pod. Needs an ambient control plane.
 */
const reconcileWaypoint = (api, gw, istio) => {
  const { name, namespace: ns, generation } = gw.metadata;
  const prev = gw.status?.conditions;
  const at = { observedGeneration: generation };
  if (!istio) {
    const msg = 'waypoints need the ambient data plane: no Ready Istio has the ambient profile';
    api.setStatus(gw, {
      conditions: keepTransitions(prev, [
        cond('Accepted', 'False', 'Invalid', msg, at),
        cond('Programmed', 'False', 'Invalid', msg, at),
      ]),
    });
    return;
  }
  const labels = {
    'gateway.networking.k8s.io/gateway-name': name,
    'istio.io/gateway-name': name,
  };
  const owner = [ownerRef(gw)];
  const metadata = {
    name,
    namespace: ns,
    labels: { ...labels, 'gateway.istio.io/managed': 'istio.io-mesh-controller' },
    ownerReferences: owner,
  };
  api.upsert({ apiVersion: 'v1', kind: 'ServiceAccount', metadata });
  const selector = { 'gateway.networking.k8s.io/gateway-name': name };
  const dep = api.upsert({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: {
      replicas: 1,
      selector: { matchLabels: selector },
      template: {
        metadata: {
          // The waypoint is Envoy itself: neither injected nor captured by ztunnel.
          labels: {
            ...labels,
            [DATAPLANE_MODE]: 'none',
            'sidecar.istio.io/inject': 'false',
            'service.istio.io/canonical-name': name,
            'service.istio.io/canonical-revision': 'latest',
          },
          annotations: { 'istio.io/rev': istio.status?.activeRevisionName || 'default' },
        },
        spec: {
          serviceAccountName: name,
          containers: [
            {
              name: 'istio-proxy',
              image: `registry.redhat.io/openshift-service-mesh/istio-proxyv2-rhel9:${imageTag(istio.spec.version)}`,
              args: [
                'proxy',
                'waypoint',
                '--domain',
                '$(POD_NAMESPACE).svc.cluster.local',
                '--serviceCluster',
                `${name}.$(POD_NAMESPACE)`,
              ],
              ports: [
                { containerPort: 15020, name: 'metrics', protocol: 'TCP' },
                { containerPort: 15021, name: 'status-port', protocol: 'TCP' },
                { containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' },
              ],
            },
          ],
        },
      },
    },
  });
  api.upsert({
    apiVersion: 'v1',
    kind: 'Service',
    metadata,
    spec: {
      selector,
      ports: [
        {
          name: 'status-port',
          port: 15021,
          protocol: 'TCP',
          targetPort: 15021,
          appProtocol: 'tcp',
        },
        {
          name: 'mesh',
          port: HBONE_PORT,
          protocol: 'TCP',
          targetPort: HBONE_PORT,
          appProtocol: 'all',
        },
      ],
    },
  });
  const host = `${name}.${ns}.svc.cluster.local`;
  const ready = (dep?.status?.readyReplicas || 0) >= 1;
  api.setStatus(gw, {
    ...(ready ? { addresses: [{ type: 'Hostname', value: host }] } : {}),
    conditions: keepTransitions(prev, [
      cond('Accepted', 'True', 'Accepted', 'Resource accepted', at),
      ready
        ? cond(
            'Programmed',
            'True',
            'Programmed',
            `Resource programmed, assigned to service(s) ${host}:${HBONE_PORT}`,
            at,
          )
        : cond('Programmed', 'False', 'Pending', `Deployment ${name} has no ready pod yet`, at),
    ]),
  });
};

/** Whether a ReferenceGrant in `to` lets routes of `kind` in `from` use Service `name`. */
const granted = (api, kind, from, to, name) =>
  api
    .findAll(`${GW}/v1beta1`, 'ReferenceGrant', to)
    .some(
      (g) =>
        (g.spec?.from || []).some(
          (f) => f.group === GW && f.kind === kind && f.namespace === from,
        ) &&
        (g.spec?.to || []).some(
          (t) => (t.group || '') === '' && t.kind === 'Service' && (!t.name || t.name === name),
        ),
    );

/** ResolvedRefs for a route: every backend a Service (or Istio hostname) it may use. */
const resolvedRefs = (api, route) => {
  const ns = route.metadata.namespace;
  for (const rule of route.spec?.rules || []) {
    for (const ref of rule.backendRefs || []) {
      const group = ref.group || '';
      const kind = ref.kind || 'Service';
      const bns = ref.namespace || ns;
      if (group === 'networking.istio.io' && kind === 'Hostname') continue;
      if (group !== '' || kind !== 'Service') {
        return [
          'False',
          'InvalidKind',
          `referencing unsupported backendRef: group "${group}" kind "${kind}"`,
        ];
      }
      if (bns !== ns && !granted(api, route.kind, ns, bns, ref.name)) {
        return [
          'False',
          'RefNotPermitted',
          `backendRef ${ref.name}/${bns} not accessible to a ${route.kind} in namespace "${ns}" (missing a ReferenceGrant?)`,
        ];
      }
      if (!api.find('v1', 'Service', bns, ref.name)) {
        return [
          'False',
          'BackendNotFound',
          `backend(${ref.name}.${bns}.svc.cluster.local) not found`,
        ];
      }
    }
  }
  return ['True', 'ResolvedRefs', 'All references resolved'];
};

/**
 * Whether istiod answers for a parentRef, and whether that parent exists: Services (mesh,
 * "GAMMA" routing) and Gateways of Istio's classes. A Gateway of another class (OpenShift's
 * `openshift-default`, say) is left to its controller; a missing Gateway is reported.
 */
const parentOf = (api, ref, routeNs) => {
  const group = ref.group ?? GW;
  const kind = ref.kind || 'Gateway';
  const ns = ref.namespace || routeNs;
  if (group === '' && kind === 'Service') {
    return api.find('v1', 'Service', ns, ref.name)
      ? { handled: true, found: true }
      : { handled: true, found: false, message: `Service ${ns}/${ref.name} not found` };
  }
  if (group === GW && kind === 'Gateway') {
    const gw = api.find(GW_V1, 'Gateway', ns, ref.name);
    if (!gw) return { handled: true, found: false, message: `Gateway ${ns}/${ref.name} not found` };
    return { handled: istioHandles(controllerOf(api, gw)), found: true };
  }
  return { handled: false };
};

/** status.parents of HTTPRoutes and GRPCRoutes: istiod's entries; other controllers' kept. */
const reconcileRoutes = (api) => {
  for (const kind of ['HTTPRoute', 'GRPCRoute']) {
    for (const route of api.findAll(GW_V1, kind)) {
      if (!live(route)) continue;
      const ns = route.metadata.namespace;
      const at = { observedGeneration: route.metadata.generation };
      const previous = route.status?.parents || [];
      const [refsStatus, refsReason, refsMessage] = resolvedRefs(api, route);
      const ours = [];
      for (const parentRef of route.spec?.parentRefs || []) {
        const parent = parentOf(api, parentRef, ns);
        if (!parent.handled) continue;
        const before = previous.find(
          (p) =>
            p.controllerName === GATEWAY_CONTROLLER &&
            JSON.stringify(p.parentRef) === JSON.stringify(parentRef),
        );
        ours.push({
          parentRef,
          controllerName: GATEWAY_CONTROLLER,
          conditions: keepTransitions(before?.conditions, [
            parent.found
              ? cond('Accepted', 'True', 'Accepted', 'Route was valid', at)
              : cond('Accepted', 'False', 'NoMatchingParent', parent.message, at),
            cond('ResolvedRefs', refsStatus, refsReason, refsMessage, at),
          ]),
        });
      }
      const others = previous.filter((p) => p.controllerName !== GATEWAY_CONTROLLER);
      if (!route.status && !ours.length) continue;
      api.setStatus(route, { ...(route.status || {}), parents: [...others, ...ours] });
    }
  }
};

/**
 * istiod's Gateway API controller, while an Istio is Ready (nothing answers otherwise): its
 * GatewayClasses, waypoints, ingress gateways (ingressGateway.js), and route status.
 */
const reconcileGatewayApi = (api) => {
  if (!api.typeByKind(GW, 'Gateway')) return;
  const ready = api.findAll(SAIL, 'Istio').filter((i) => live(i) && conditionTrue(i, 'Ready'));
  if (!ready.length) return;
  ensureGatewayClasses(api);
  const ambientIstio = ready.find(isAmbient);
  for (const gw of api.findAll(GW_V1, 'Gateway')) {
    if (live(gw) && controllerOf(api, gw) === MESH_CONTROLLER) {
      reconcileWaypoint(api, gw, ambientIstio);
    }
  }
  reconcileIngressGateways(api, ready, controllerOf);
  reconcileRoutes(api);
};

module.exports = {
  REDIRECTION,
  isAmbient,
  daemonSetReady,
  reconcileZTunnel,
  ztunnelDependency,
  reconcileCapture,
  captureConcerns,
  reconcileGatewayApi,
};
