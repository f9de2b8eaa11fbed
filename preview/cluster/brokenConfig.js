'use strict';
// The mesh3-broken scenario's Istio config: mesh3 plus objects in bookinfo that are each valid
// on their own (CRD schemas, Istio's webhook rules) and broken against the rest of the cluster,
// one per check of the plugin's config validation (src/mesh/config). Every broken object carries
// BROKEN_LABEL with the code it must get; a few unlabelled objects only set the stage (the
// ServiceEntry a VirtualService routes to, the STRICT policy a DestinationRule ignores) and
// must stay clean. The table in README.md lists them.

const BROKEN_LABEL = 'preview.mesh-console-plugin/broken';
// What a real Kiali reports on the object as seeded (preview/kiali/istioConfig.js).
const KIALI_CHECKS = 'preview.mesh-console-plugin/kiali-checks';
const NS = 'bookinfo';

const NET = 'networking.istio.io/v1';
const SEC = 'security.istio.io/v1';

const obj = (apiVersion, kind, name, spec, code) => ({
  apiVersion,
  kind,
  metadata: { name, namespace: NS, ...(code ? { labels: { [BROKEN_LABEL]: code } } : {}) },
  spec,
});
const vs = (name, spec, code) => obj(NET, 'VirtualService', name, spec, code);
const dr = (name, spec, code) => obj(NET, 'DestinationRule', name, spec, code);
const se = (name, spec, code) => obj(NET, 'ServiceEntry', name, spec, code);
const pa = (name, spec, code) => obj(SEC, 'PeerAuthentication', name, spec, code);
const ap = (name, spec, code) => obj(SEC, 'AuthorizationPolicy', name, spec, code);
const ra = (name, spec, code) => obj(SEC, 'RequestAuthentication', name, spec, code);
const service = (name, spec, code) => obj('v1', 'Service', name, spec, code);
const gateway = (name, spec) => obj(NET, 'Gateway', name, spec);

/** `o` with Kiali's checks of it recorded, for its first generation. */
const kialiSays = (o, checks) => ({
  ...o,
  metadata: {
    ...o.metadata,
    annotations: { [KIALI_CHECKS]: JSON.stringify({ generation: 1, checks }) },
  },
});

const to = (host, extra = {}) => ({ destination: { host, ...extra } });
const app = (name, more = {}) => ({ matchLabels: { app: name, ...more } });

/** Objects in creation order (a route's ServiceEntry before the route). */
const brokenConfig = () => [
  // --- VirtualServices -----------------------------------------------------------------------
  // Routes to a subset no DestinationRule of ratings defines: 503 for every request.
  // Kiali reports the same (KIA1107): the plugin shows it once.
  kialiSays(
    vs(
      'ratings',
      { hosts: ['ratings'], http: [{ route: [to('ratings', { subset: 'v9' })] }] },
      'config.vs.subset-not-found',
    ),
    [{ code: 'KIA1107', path: 'spec/http[0]/route[0]/destination' }],
  ),
  // Routes to a host that is neither a Service nor a ServiceEntry.
  vs(
    'productpage',
    { hosts: ['productpage'], http: [{ route: [to('nowhere')] }] },
    'config.vs.host-not-found',
  ),
  // Bound to a Gateway that does not exist.
  vs(
    'bookinfo-external',
    {
      hosts: ['bookinfo.example.com'],
      gateways: ['missing-gw'],
      http: [{ route: [to('productpage', { port: { number: 9080 } })] }],
    },
    'config.vs.gateway-not-found',
  ),
  // One destination with weight 80: it gets all the traffic anyway.
  vs(
    'reviews',
    { hosts: ['reviews'], http: [{ route: [{ ...to('reviews'), weight: 80 }] }] },
    'config.vs.single-weight',
  ),
  // Two VirtualServices for details on the mesh: sidecars take only one of them.
  vs(
    'details',
    { hosts: ['details'], http: [{ route: [to('details')] }] },
    'config.vs.host-in-several',
  ),
  vs(
    'details-canary',
    { hosts: ['details'], http: [{ timeout: '5s', route: [to('details')] }] },
    'config.vs.host-in-several',
  ),
  // Stage: an external API the next VirtualService routes to (clean).
  se('api-example-com', {
    hosts: ['api.example.com'],
    location: 'MESH_EXTERNAL',
    resolution: 'DNS',
    ports: [{ number: 80, name: 'http', protocol: 'HTTP' }],
  }),
  // The same destination twice in one route: a split that splits nothing.
  vs(
    'api-example-com',
    {
      hosts: ['api.example.com'],
      http: [
        {
          route: [
            { ...to('api.example.com'), weight: 50 },
            { ...to('api.example.com'), weight: 50 },
          ],
        },
      ],
    },
    'config.vs.repeated-destination',
  ),
  // --- ServiceEntry ----------------------------------------------------------------------------
  // Exported to a namespace that does not exist.
  se(
    'payments',
    {
      hosts: ['payments.example.com'],
      location: 'MESH_EXTERNAL',
      resolution: 'DNS',
      ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }],
      exportTo: ['.', 'bookinfo-staging'],
    },
    'config.export-to.namespace-not-found',
  ),
  // --- DestinationRules ------------------------------------------------------------------------
  dr(
    'ghost',
    { host: 'ghost', trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } } },
    'config.dr.host-not-found',
  ),
  // details has only v1 pods: subset v2 selects none.
  dr(
    'details',
    {
      host: 'details',
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v2', labels: { version: 'v2' } },
      ],
    },
    'config.dr.subset-no-workloads',
  ),
  // Two rules for reviews that both define subset v1: istiod keeps the older.
  dr(
    'reviews',
    {
      host: 'reviews',
      subsets: ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } })),
    },
    'config.dr.subset-in-several',
  ),
  dr(
    'reviews-v1',
    { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] },
    'config.dr.subset-in-several',
  ),
  // Two rules for one host without subsets: each claims the whole host.
  dr(
    'payments',
    {
      host: 'payments.example.com',
      trafficPolicy: { connectionPool: { tcp: { maxConnections: 50 } } },
    },
    'config.dr.host-in-several',
  ),
  dr(
    'payments-outlier',
    {
      host: 'payments.example.com',
      trafficPolicy: {
        outlierDetection: { consecutive5xxErrors: 5, interval: '30s', baseEjectionTime: '1m' },
      },
    },
    'config.dr.host-in-several',
  ),
  // A subset without labels selects every pod of the host: no subset at all.
  dr(
    'productpage',
    { host: 'productpage', subsets: [{ name: 'v1' }] },
    'config.dr.subset-no-labels',
  ),
  // Stage: ratings accepts mutual TLS only (clean).
  pa('ratings-strict', { selector: app('ratings'), mtls: { mode: 'STRICT' } }),
  // Plaintext towards ratings, which accepts mutual TLS only: every request is refused.
  dr(
    'ratings',
    { host: 'ratings', trafficPolicy: { tls: { mode: 'DISABLE' } } },
    'config.dr.tls-disabled-strict',
  ),
  // A port-level setting for port 8443; api.example.com has only port 80.
  dr(
    'api-example-com',
    {
      host: 'api.example.com',
      trafficPolicy: {
        portLevelSettings: [
          { port: { number: 8443 }, connectionPool: { tcp: { maxConnections: 10 } } },
        ],
      },
    },
    'config.dr.port-not-found',
  ),
  // --- PeerAuthentications ---------------------------------------------------------------------
  // No reviews v4 was ever deployed.
  pa(
    'reviews-v4',
    { selector: app('reviews', { version: 'v4' }), mtls: { mode: 'STRICT' } },
    'config.selector.no-workload',
  ),
  // Two namespace-wide policies: istiod takes only the older.
  pa('default', { mtls: { mode: 'PERMISSIVE' } }, 'config.selectorless.several'),
  pa('bookinfo-permissive', { mtls: { mode: 'PERMISSIVE' } }, 'config.selectorless.several'),
  // Two policies select details-v1: istiod takes only the older.
  pa(
    'details',
    { selector: app('details'), mtls: { mode: 'PERMISSIVE' } },
    'config.selector.several',
  ),
  pa(
    'details-v1',
    { selector: app('details', { version: 'v1' }), mtls: { mode: 'STRICT' } },
    'config.selector.several',
  ),
  // productpage listens on 9080 only.
  pa(
    'productpage-ports',
    { selector: app('productpage'), portLevelMtls: { 8080: { mode: 'STRICT' } } },
    'config.pa.port-not-found',
  ),
  // 80 is the port of Service reviews-legacy; the pods listen on its target port, 9080.
  pa(
    'reviews-ports',
    { selector: app('reviews'), portLevelMtls: { 80: { mode: 'PERMISSIVE' } } },
    'config.pa.port-is-service-port',
  ),
  // --- AuthorizationPolicies (DENY, so the demo traffic keeps flowing) -------------------------
  ap(
    'ratings-deny-staging',
    {
      selector: app('ratings'),
      action: 'DENY',
      rules: [{ from: [{ source: { namespaces: ['bookinfo-staging'] } }] }],
    },
    'config.ap.namespace-not-found',
  ),
  ap(
    'reviews-deny-legacy',
    {
      selector: app('reviews'),
      action: 'DENY',
      rules: [
        { from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-legacy'] } }] },
      ],
    },
    'config.ap.service-account-not-found',
  ),
  ap(
    'details-deny-fetch',
    {
      selector: app('details'),
      action: 'DENY',
      rules: [{ to: [{ operation: { methods: ['FETCH'] } }] }],
    },
    'config.ap.method-unknown',
  ),
  // --- RequestAuthentication -------------------------------------------------------------------
  // Checks tokens, but no AuthorizationPolicy requires one: requests without a token pass.
  ra(
    'productpage-jwt',
    {
      selector: app('productpage'),
      jwtRules: [
        {
          issuer: 'https://auth.example.com',
          jwksUri: 'https://auth.example.com/.well-known/jwks.json',
        },
      ],
    },
    'config.ra.token-optional',
  ),
  // --- Gateways: checks only Kiali makes --------------------------------------------------------
  // Two Gateways claim the same host and port, and no ingress gateway workload matches their
  // selector (this cluster has none): the plugin does not check Gateways; Kiali does.
  ...['shop-a', 'shop-b'].map((name) =>
    kialiSays(
      gateway(name, {
        selector: { istio: 'ingressgateway' },
        servers: [
          { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['shop.example.com'] },
        ],
      }),
      [
        { code: 'KIA0301', path: 'spec/servers[0]' },
        { code: 'KIA0302', path: 'spec/selector' },
      ],
    ),
  ),
  // --- Services --------------------------------------------------------------------------------
  // A port name that says no protocol: Istio has to guess.
  service(
    'reviews-legacy',
    {
      selector: { app: 'reviews' },
      ports: [{ name: 'web', port: 80, protocol: 'TCP', targetPort: 9080 }],
    },
    'config.service.port-name',
  ),
  // An appProtocol Istio does not know.
  service(
    'ratings-admin',
    {
      selector: { app: 'ratings' },
      ports: [
        { name: 'admin', port: 9090, protocol: 'TCP', targetPort: 9080, appProtocol: 'rest' },
      ],
    },
    'config.service.app-protocol',
  ),
];

module.exports = { brokenConfig, BROKEN_LABEL, KIALI_CHECKS };
