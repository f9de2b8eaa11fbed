'use strict';
// Generated big meshes for `npm run bench`: Service Mesh 3 (the mesh3 scenario) plus many
// member namespaces, each with a few Services, a v1 and a v2 Deployment per Service, and a
// fixed number of Istio objects spread over those Services. Generation is deterministic (no
// randomness, no clock) so two runs measure the same cluster.

/** scenario -> how big. Namespaces hold SERVICES_PER_NAMESPACE Services each. */
const LARGE_SCENARIOS = {
  'large-100': { istioObjects: 100, services: 50 },
  'large-1000': { istioObjects: 1000, services: 500 },
  'large-5000': { istioObjects: 5000, services: 500 },
};
const SERVICES_PER_NAMESPACE = 5;
const VERSIONS = ['v1', 'v2'];

const pad = (n, width) => String(n).padStart(width, '0');

/** The generated Services in order: [{namespace, name}]. */
const largeServices = (services) => {
  const nsCount = Math.ceil(services / SERVICES_PER_NAMESPACE);
  const width = String(nsCount).length;
  return Array.from({ length: services }, (_, i) => ({
    namespace: `app-${pad(Math.floor(i / SERVICES_PER_NAMESPACE) + 1, width)}`,
    name: `svc-${(i % SERVICES_PER_NAMESPACE) + 1}`,
  }));
};

// The Istio kinds in the order they are handed out: the first pass gives every Service a
// VirtualService, the second a DestinationRule, and so on, so small scenarios still route.
const KINDS = [
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    suffix: '',
    // Every third Service is mid-canary (90/10); the others send everything to v1.
    spec: (s, i) => ({
      hosts: [s.name],
      http: [
        {
          route:
            i % 3 === 0
              ? [
                  { destination: { host: s.name, subset: 'v1' }, weight: 90 },
                  { destination: { host: s.name, subset: 'v2' }, weight: 10 },
                ]
              : [{ destination: { host: s.name, subset: 'v1' } }],
        },
      ],
    }),
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    suffix: '',
    spec: (s) => ({
      host: s.name,
      subsets: VERSIONS.map((v) => ({ name: v, labels: { version: v } })),
    }),
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    suffix: '-mtls',
    spec: (s) => ({ selector: { matchLabels: { app: s.name } }, mtls: { mode: 'STRICT' } }),
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    suffix: '-callers',
    spec: (s) => ({
      selector: { matchLabels: { app: s.name } },
      action: 'ALLOW',
      rules: [{ from: [{ source: { namespaces: [s.namespace] } }] }],
    }),
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    suffix: '-egress',
    spec: (s) => ({
      hosts: [`${s.name}.${s.namespace}.example.com`],
      ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }],
      resolution: 'DNS',
      location: 'MESH_EXTERNAL',
    }),
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Sidecar',
    suffix: '-scope',
    spec: (s) => ({
      workloadSelector: { labels: { app: s.name } },
      egress: [{ hosts: ['./*', 'istio-system/*'] }],
    }),
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'RequestAuthentication',
    suffix: '-jwt',
    spec: (s) => ({
      selector: { matchLabels: { app: s.name } },
      jwtRules: [
        { issuer: 'https://issuer.example.com', jwksUri: 'https://issuer.example.com/jwks' },
      ],
    }),
  },
  {
    apiVersion: 'telemetry.istio.io/v1',
    kind: 'Telemetry',
    suffix: '-telemetry',
    spec: (s) => ({
      selector: { matchLabels: { app: s.name } },
      accessLogging: [{ providers: [{ name: 'envoy' }] }],
    }),
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    suffix: '-gateway',
    spec: (s) => ({
      selector: { istio: 'ingressgateway' },
      servers: [
        { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: [`${s.name}.example.com`] },
      ],
    }),
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'WorkloadEntry',
    suffix: '-vm',
    spec: (s, i) => ({
      address: `10.${Math.floor(i / 250) % 250}.${i % 250}.10`,
      labels: { app: s.name, version: 'vm' },
    }),
  },
];

/**
 * `count` Istio objects over `services`: object i belongs to Service i mod S and is of kind
 * KINDS[floor(i / S) mod KINDS.length]; past one object of every kind per Service, names get
 * a round number.
 */
const largeIstioObjects = (services, count) =>
  Array.from({ length: count }, (_, i) => {
    const s = services[i % services.length];
    const pass = Math.floor(i / services.length);
    const k = KINDS[pass % KINDS.length];
    const round = Math.floor(pass / KINDS.length);
    const name = `${s.name}${k.suffix}${round ? `-${round + 1}` : ''}`;
    return {
      apiVersion: k.apiVersion,
      kind: k.kind,
      metadata: { name, namespace: s.namespace, labels: { app: s.name } },
      spec: k.spec(s, i % services.length),
    };
  });

/** Namespaces (mesh members), Services, ServiceAccounts and v1/v2 Deployments. */
const largeWorkloads = (services) => {
  const out = [];
  const seen = new Set();
  for (const s of services) {
    if (!seen.has(s.namespace)) {
      seen.add(s.namespace);
      out.push({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: s.namespace, labels: { 'istio-injection': 'enabled' } },
      });
    }
    const labels = { app: s.name };
    out.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: s.name, namespace: s.namespace, labels },
    });
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: s.name, namespace: s.namespace, labels: { ...labels, service: s.name } },
      spec: {
        selector: labels,
        ports: [{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 8080 }],
      },
    });
    for (const version of VERSIONS) {
      const podLabels = { app: s.name, version };
      out.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `${s.name}-${version}`, namespace: s.namespace, labels: podLabels },
        spec: {
          replicas: 1,
          selector: { matchLabels: podLabels },
          template: {
            metadata: { labels: podLabels },
            spec: {
              serviceAccountName: s.name,
              containers: [
                {
                  name: s.name,
                  image: `quay.io/example/${s.name}:${version}`,
                  ports: [{ containerPort: 8080, protocol: 'TCP' }],
                },
              ],
            },
          },
        },
      });
    }
  }
  return out;
};

/** Everything a large scenario adds on top of mesh3, namespaces first. */
const largeScenarioObjects = (scenario) => {
  const size = LARGE_SCENARIOS[scenario];
  if (!size) throw new Error(`unknown large scenario "${scenario}"`);
  const services = largeServices(size.services);
  return {
    workloads: largeWorkloads(services),
    istio: largeIstioObjects(services, size.istioObjects),
  };
};

module.exports = {
  LARGE_SCENARIOS,
  largeScenarioObjects,
  largeServices,
  largeIstioObjects,
  SERVICES_PER_NAMESPACE,
};
