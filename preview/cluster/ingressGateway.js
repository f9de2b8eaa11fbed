'use strict';
// istiod's gateway deployment controller for Gateways of its `istio` class (controller
// `istio.io/gateway-controller`), as Istio's "Gateway API" task describes it: a Deployment and a
// Service of type LoadBalancer named `<gateway>-istio`, owned by the Gateway, with a port per
// listener port. The stand-in then plays a cluster with a load-balancer provider: once the
// Deployment has a ready pod the Service gets an ELB-like hostname, and istiod reports it as the
// Gateway's address with Programmed True, and each listener's attached routes.
const crypto = require('crypto');
const { cond, keepTransitions, ownerRef } = require('./util');

const GW = 'gateway.networking.k8s.io';
const GATEWAY_CONTROLLER = 'istio.io/gateway-controller';
const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
/** The readiness port of every Istio gateway (Envoy's status listener). */
const STATUS_PORT = 15021;
/** Istio's class names its deployments: `<gateway>-<class>`. */
const suffix = (gw) => gw.spec?.gatewayClassName || 'istio';

const live = (o) => o && !o.metadata.deletionTimestamp;
const imageTag = (version) => (version || '').replace(/^v/, '').replace('-latest', '');

/**
 * The load balancer's hostname for a Service, as AWS's provider hands them out: made up, but the
 * same for the same Service on every run, so tests and screenshots can name it.
 */
const loadBalancerHostname = (namespace, name) => {
  const digest = crypto.createHash('sha256').update(`${namespace}/${name}`).digest('hex');
  const digits = String(parseInt(digest.slice(32, 40), 16))
    .padStart(10, '0')
    .slice(0, 10);
  return `a${digest.slice(0, 32)}-${digits}.us-east-1.elb.amazonaws.com`;
};

/** A Service port name (IANA service name: at most 15 lowercase letters, digits and "-"). */
const PORT_NAME = /^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/;

/**
 * The Service's ports: the status port, then one per listener port (listeners sharing a port
 * share the Service port), named after the first such listener when that makes a port name.
 */
const servicePorts = (gw) => {
  const ports = [
    {
      name: 'status-port',
      port: STATUS_PORT,
      protocol: 'TCP',
      targetPort: STATUS_PORT,
      appProtocol: 'tcp',
    },
  ];
  const seen = new Set();
  (gw.spec?.listeners || []).forEach((l, i) => {
    if (seen.has(l.port)) return;
    seen.add(l.port);
    const protocol = String(l.protocol || '').toLowerCase();
    ports.push({
      name: PORT_NAME.test(l.name) ? l.name : `${protocol}-${i}`,
      port: l.port,
      protocol: l.protocol === 'UDP' ? 'UDP' : 'TCP',
      targetPort: l.port,
      appProtocol: protocol,
    });
  });
  return ports;
};

// --- which routes a listener has attached ---------------------------------------------------

const ROUTE_KINDS = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};
const kindsOf = (listener) => {
  const allowed = listener.allowedRoutes?.kinds;
  const defaults = ROUTE_KINDS[listener.protocol] || [];
  return allowed?.length
    ? allowed.filter((k) => (k.group ?? GW) === GW).map((k) => k.kind)
    : defaults;
};

const matchesSelector = (selector, labels) =>
  Object.entries(selector?.matchLabels || {}).every(([k, v]) => labels[k] === v) &&
  (selector?.matchExpressions || []).every((e) => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    if (e.operator === 'In') return has && (e.values || []).includes(labels[e.key]);
    if (e.operator === 'NotIn') return !has || !(e.values || []).includes(labels[e.key]);
    if (e.operator === 'Exists') return has;
    if (e.operator === 'DoesNotExist') return !has;
    return false;
  });

const admits = (api, gw, listener, routeNs) => {
  const from = listener.allowedRoutes?.namespaces?.from || 'Same';
  if (from === 'All') return true;
  if (from === 'Same') return routeNs === gw.metadata.namespace;
  if (from !== 'Selector') return false;
  const ns = api.find('v1', 'Namespace', '', routeNs);
  // Every namespace carries its own name as a label (Kubernetes 1.22+).
  const labels = { ...(ns?.metadata.labels || {}), 'kubernetes.io/metadata.name': routeNs };
  return matchesSelector(listener.allowedRoutes.namespaces.selector, labels);
};

const hostnamesIntersect = (routeHost, listenerHost) => {
  if (!listenerHost || routeHost === listenerHost) return true;
  const covers = (wild, host) =>
    wild.startsWith('*.') && host.endsWith(wild.slice(1)) && host.length > wild.length - 1;
  return covers(listenerHost, routeHost) || covers(routeHost, listenerHost);
};

/** How many live routes attach to a listener: kind, namespace, parentRef and hostnames agree. */
const attachedRoutes = (api, gw, listener) => {
  let count = 0;
  for (const kind of kindsOf(listener)) {
    if (!['HTTPRoute', 'GRPCRoute'].includes(kind)) continue;
    for (const route of api.findAll(`${GW}/v1`, kind)) {
      if (!live(route)) continue;
      const ns = route.metadata.namespace;
      const refers = (route.spec?.parentRefs || []).some(
        (p) =>
          (p.group ?? GW) === GW &&
          (p.kind || 'Gateway') === 'Gateway' &&
          p.name === gw.metadata.name &&
          (p.namespace || ns) === gw.metadata.namespace &&
          (!p.sectionName || p.sectionName === listener.name) &&
          (p.port === undefined || p.port === listener.port),
      );
      if (!refers || !admits(api, gw, listener, ns)) continue;
      const hostnames = route.spec?.hostnames || [];
      if (hostnames.length && !hostnames.some((h) => hostnamesIntersect(h, listener.hostname))) {
        continue;
      }
      count += 1;
    }
  }
  return count;
};

// --- the deployment controller --------------------------------------------------------------

/**
 * One Gateway of Istio's ingress class: its ServiceAccount, Deployment and LoadBalancer Service,
 * then the Service's load balancer (once a pod is ready) and the Gateway's status.
 */
const reconcileIngressGateway = (api, gw, istio) => {
  const { name, namespace: ns, generation } = gw.metadata;
  const deployed = `${name}-${suffix(gw)}`;
  const labels = { [GATEWAY_NAME_LABEL]: name, 'istio.io/gateway-name': name };
  const metadata = {
    name: deployed,
    namespace: ns,
    labels: { ...labels, 'gateway.istio.io/managed': 'istio.io-gateway-controller' },
    ownerReferences: [ownerRef(gw)],
  };
  api.upsert({ apiVersion: 'v1', kind: 'ServiceAccount', metadata });
  const selector = { [GATEWAY_NAME_LABEL]: name };
  const dep = api.upsert({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: {
      replicas: 1,
      selector: { matchLabels: selector },
      template: {
        metadata: {
          // The gateway is Envoy itself: neither injected with a sidecar nor captured by ztunnel.
          labels: {
            ...labels,
            'sidecar.istio.io/inject': 'false',
            'istio.io/dataplane-mode': 'none',
            'service.istio.io/canonical-name': deployed,
            'service.istio.io/canonical-revision': 'latest',
          },
          annotations: { 'istio.io/rev': istio.status?.activeRevisionName || 'default' },
        },
        spec: {
          serviceAccountName: deployed,
          containers: [
            {
              name: 'istio-proxy',
              image: `registry.redhat.io/openshift-service-mesh/istio-proxyv2-rhel9:${imageTag(istio.spec.version)}`,
              args: ['proxy', 'router', '--domain', '$(POD_NAMESPACE).svc.cluster.local'],
              ports: [
                { containerPort: STATUS_PORT, name: 'status-port', protocol: 'TCP' },
                { containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' },
              ],
            },
          ],
        },
      },
    },
  });
  const ports = servicePorts(gw);
  const svc = api.upsert({
    apiVersion: 'v1',
    kind: 'Service',
    metadata,
    spec: { type: 'LoadBalancer', selector, ports },
  });

  const ready = (dep?.status?.readyReplicas || 0) >= 1;
  const hostname = loadBalancerHostname(ns, deployed);
  if (svc) {
    api.setStatus(svc, { loadBalancer: ready ? { ingress: [{ hostname }] } : {} });
  }
  const at = { observedGeneration: generation };
  const fqdn = `${deployed}.${ns}.svc.cluster.local`;
  const assigned = `${fqdn}:${ports
    .slice(1)
    .map((p) => p.port)
    .join(',')}`;
  const prevListeners = gw.status?.listeners || [];
  const listeners = (gw.spec?.listeners || []).map((l) => {
    const before = prevListeners.find((p) => p.name === l.name);
    const kinds = kindsOf(l);
    return {
      name: l.name,
      supportedKinds: kinds.map((kind) => ({ group: GW, kind })),
      attachedRoutes: attachedRoutes(api, gw, l),
      conditions: keepTransitions(before?.conditions, [
        cond('Accepted', 'True', 'Accepted', 'No errors found', at),
        cond('NoConflicts', 'False', 'NoConflicts', 'No errors found', at),
        cond('Programmed', 'True', 'Programmed', 'No errors found', at),
        cond('ResolvedRefs', 'True', 'ResolvedRefs', 'No errors found', at),
      ]),
    };
  });
  api.setStatus(gw, {
    ...(ready ? { addresses: [{ type: 'Hostname', value: hostname }] } : {}),
    conditions: keepTransitions(gw.status?.conditions, [
      cond('Accepted', 'True', 'Accepted', 'Resource accepted', at),
      ready
        ? cond(
            'Programmed',
            'True',
            'Programmed',
            `Resource programmed, assigned to service(s) ${assigned}`,
            at,
          )
        : cond(
            'Programmed',
            'False',
            'AddressNotAssigned',
            `Assigned to service(s) ${assigned}, but failed to assign to all requested addresses: address pending for hostname "${fqdn}"`,
            at,
          ),
    ]),
    listeners,
  });
};

/**
 * Every live Gateway whose class belongs to istiod's gateway controller, while an Istio is
 * Ready (the caller checks). `controllerOf` resolves a Gateway's class to its controller.
 */
const reconcileIngressGateways = (api, readyIstios, controllerOf) => {
  for (const gw of api.findAll(`${GW}/v1`, 'Gateway')) {
    if (live(gw) && controllerOf(api, gw) === GATEWAY_CONTROLLER) {
      reconcileIngressGateway(api, gw, readyIstios[0]);
    }
  }
};

module.exports = { reconcileIngressGateways, loadBalancerHostname };
