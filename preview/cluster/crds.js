'use strict';
// CustomResourceDefinitions the simulated operators install. Schemas are small hand-written
// subsets of the real ones (enough to reject the mistakes a UI can make); everything else is
// preserved. The stand-in validates custom objects against these stored schemas with ajv,
// like the API server validates against the CRD's openAPIV3Schema.

const open = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
const str = { type: 'string' };
const strArr = { type: 'array', items: str };
const en = (...values) => ({ type: 'string', enum: values });

const schemaWith = (spec, extra = {}) => ({
  openAPIV3Schema: {
    type: 'object',
    properties: {
      apiVersion: str,
      kind: str,
      metadata: { type: 'object' },
      spec: spec || open,
      status: open,
      ...extra,
    },
  },
});

/**
 * @param group API group
 * @param kind Kind
 * @param plural resource name
 * @param versions served versions, storage first
 * @param o {cluster, shortNames, categories, spec (schema), status (subresource), required}
 */
const crd = (group, kind, plural, versions, o = {}) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `${plural}.${group}` },
  spec: {
    group,
    names: {
      kind,
      listKind: `${kind}List`,
      plural,
      singular: kind.toLowerCase(),
      ...(o.shortNames ? { shortNames: o.shortNames } : {}),
      ...(o.categories ? { categories: o.categories } : {}),
    },
    scope: o.cluster ? 'Cluster' : 'Namespaced',
    versions: versions.map((name, i) => ({
      name,
      served: true,
      storage: i === 0,
      ...(o.status === false ? {} : { subresources: { status: {} } }),
      schema: schemaWith(o.spec),
      ...(o.printerColumns ? { additionalPrinterColumns: o.printerColumns } : {}),
    })),
  },
});

// --- OLM (always present on OpenShift) ------------------------------------------------------
const OLM = [
  crd('operators.coreos.com', 'Subscription', 'subscriptions', ['v1alpha1'], {
    shortNames: ['sub', 'subs'],
    categories: ['olm'],
    spec: {
      type: 'object',
      required: ['name', 'source', 'sourceNamespace'],
      properties: {
        name: str,
        source: str,
        sourceNamespace: str,
        channel: str,
        startingCSV: str,
        installPlanApproval: en('Automatic', 'Manual'),
        config: open,
      },
    },
  }),
  crd('operators.coreos.com', 'ClusterServiceVersion', 'clusterserviceversions', ['v1alpha1'], {
    shortNames: ['csv', 'csvs'],
    categories: ['olm'],
  }),
  crd('operators.coreos.com', 'InstallPlan', 'installplans', ['v1alpha1'], {
    shortNames: ['ip'],
    categories: ['olm'],
    spec: {
      type: 'object',
      required: ['approval', 'approved', 'clusterServiceVersionNames'],
      properties: {
        approval: en('Automatic', 'Manual'),
        approved: { type: 'boolean' },
        clusterServiceVersionNames: strArr,
        generation: { type: 'integer' },
        source: str,
        sourceNamespace: str,
      },
    },
  }),
  crd('operators.coreos.com', 'CatalogSource', 'catalogsources', ['v1alpha1'], {
    shortNames: ['catsrc'],
    categories: ['olm'],
  }),
  crd('operators.coreos.com', 'OperatorGroup', 'operatorgroups', ['v1', 'v1alpha2'], {
    shortNames: ['og'],
    categories: ['olm'],
    spec: {
      type: 'object',
      properties: {
        targetNamespaces: strArr,
        selector: open,
        serviceAccountName: str,
        upgradeStrategy: en('Default', 'TechPreviewUnsafeFailForward'),
      },
    },
  }),
];

// --- OpenShift platform CRDs ----------------------------------------------------------------
const PLATFORM = [
  crd('console.openshift.io', 'ConsolePlugin', 'consoleplugins', ['v1'], {
    cluster: true,
    status: false,
    spec: {
      type: 'object',
      required: ['displayName', 'backend'],
      properties: {
        displayName: { type: 'string', minLength: 1, maxLength: 128 },
        backend: open,
        i18n: { type: 'object', properties: { loadType: en('Preload', 'Lazy', '') } },
        proxy: { type: 'array', items: open },
        contentSecurityPolicy: { type: 'array', items: open },
      },
    },
  }),
  crd('operator.openshift.io', 'Console', 'consoles', ['v1'], {
    cluster: true,
    spec: {
      type: 'object',
      properties: { plugins: strArr, managementState: str },
      'x-kubernetes-preserve-unknown-fields': true,
    },
  }),
  crd('monitoring.coreos.com', 'ServiceMonitor', 'servicemonitors', ['v1'], { status: false }),
  crd('monitoring.coreos.com', 'PodMonitor', 'podmonitors', ['v1'], { status: false }),
  // What the console reads about the cluster itself at start-up.
  crd('config.openshift.io', 'ClusterVersion', 'clusterversions', ['v1'], { cluster: true }),
  crd('config.openshift.io', 'Infrastructure', 'infrastructures', ['v1'], { cluster: true }),
];

// --- Gateway API (OpenShift 4.19+ ships these; the ingress operator owns them) -------------
// Objects are validated with the published Gateway API schemas (validate.js), so the stored
// schemas stay open. Defaults the real CRDs declare are not applied, except the Gateway's and
// GatewayClass's initial status (api.js).
const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
const age = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };
const GATEWAY_API = [
  crd(GATEWAY_API_GROUP, 'GatewayClass', 'gatewayclasses', ['v1', 'v1beta1'], {
    cluster: true,
    shortNames: ['gc'],
    categories: ['gateway-api'],
    printerColumns: [
      { name: 'Controller', type: 'string', jsonPath: '.spec.controllerName' },
      {
        name: 'Accepted',
        type: 'string',
        jsonPath: '.status.conditions[?(@.type=="Accepted")].status',
      },
      age,
    ],
  }),
  crd(GATEWAY_API_GROUP, 'Gateway', 'gateways', ['v1', 'v1beta1'], {
    shortNames: ['gtw'],
    categories: ['gateway-api'],
    printerColumns: [
      { name: 'Class', type: 'string', jsonPath: '.spec.gatewayClassName' },
      { name: 'Address', type: 'string', jsonPath: '.status.addresses[*].value' },
      {
        name: 'Programmed',
        type: 'string',
        jsonPath: '.status.conditions[?(@.type=="Programmed")].status',
      },
      age,
    ],
  }),
  crd(GATEWAY_API_GROUP, 'HTTPRoute', 'httproutes', ['v1', 'v1beta1'], {
    categories: ['gateway-api'],
    printerColumns: [{ name: 'Hostnames', type: 'string', jsonPath: '.spec.hostnames' }, age],
  }),
  crd(GATEWAY_API_GROUP, 'GRPCRoute', 'grpcroutes', ['v1'], {
    categories: ['gateway-api'],
    printerColumns: [{ name: 'Hostnames', type: 'string', jsonPath: '.spec.hostnames' }, age],
  }),
  crd(GATEWAY_API_GROUP, 'ReferenceGrant', 'referencegrants', ['v1beta1'], {
    shortNames: ['refgrant'],
    categories: ['gateway-api'],
    status: false,
    printerColumns: [age],
  }),
];

// --- Istio (installed by the Sail operator on Istio creation, or by OSSM 2.6) ---------------
const istioNetworking = (versions) => [
  crd('networking.istio.io', 'VirtualService', 'virtualservices', versions, {
    shortNames: ['vs'],
    categories: ['istio-io', 'networking-istio-io'],
  }),
  crd('networking.istio.io', 'DestinationRule', 'destinationrules', versions, {
    shortNames: ['dr'],
    categories: ['istio-io', 'networking-istio-io'],
  }),
  crd('networking.istio.io', 'Gateway', 'gateways', versions, {
    shortNames: ['gw'],
    categories: ['istio-io', 'networking-istio-io'],
  }),
  crd('networking.istio.io', 'ServiceEntry', 'serviceentries', versions, {
    shortNames: ['se'],
    categories: ['istio-io', 'networking-istio-io'],
  }),
  crd('networking.istio.io', 'Sidecar', 'sidecars', versions, {
    categories: ['istio-io', 'networking-istio-io'],
  }),
  crd('networking.istio.io', 'WorkloadEntry', 'workloadentries', versions, {
    shortNames: ['we'],
    categories: ['istio-io', 'networking-istio-io'],
  }),
  crd('networking.istio.io', 'EnvoyFilter', 'envoyfilters', ['v1alpha3'], {
    categories: ['istio-io', 'networking-istio-io'],
  }),
];
const istioSecurity = (versions) => [
  crd('security.istio.io', 'PeerAuthentication', 'peerauthentications', versions, {
    shortNames: ['pa'],
    categories: ['istio-io', 'security-istio-io'],
  }),
  crd('security.istio.io', 'AuthorizationPolicy', 'authorizationpolicies', versions, {
    shortNames: ['ap'],
    categories: ['istio-io', 'security-istio-io'],
  }),
  crd('security.istio.io', 'RequestAuthentication', 'requestauthentications', versions, {
    shortNames: ['ra'],
    categories: ['istio-io', 'security-istio-io'],
  }),
];
const telemetry = (versions) => [
  crd('telemetry.istio.io', 'Telemetry', 'telemetries', versions, {
    shortNames: ['telemetry'],
    categories: ['istio-io', 'telemetry-istio-io'],
  }),
];

/** Istio 1.24+ as installed by Sail: v1 is the storage version, older ones still served. */
const ISTIO_V1 = [
  ...istioNetworking(['v1', 'v1beta1', 'v1alpha3']),
  ...istioSecurity(['v1', 'v1beta1']),
  ...telemetry(['v1', 'v1alpha1']),
];
/** Istio 1.20 (OSSM 2.6): no v1 yet. */
const ISTIO_V1BETA1 = [
  ...istioNetworking(['v1beta1', 'v1alpha3']),
  ...istioSecurity(['v1beta1']),
  ...telemetry(['v1alpha1']),
];

// --- Sail (servicemeshoperator3 3.4) --------------------------------------------------------
const ISTIO_VERSIONS = ['v1.30.3', 'v1.30-latest', 'v1.28.10', 'v1.28-latest', 'v1.27.8'];
const sailSpec = (extra) => ({
  type: 'object',
  required: ['version'],
  properties: {
    version: { type: 'string', enum: ISTIO_VERSIONS },
    namespace: str,
    profile: en(
      'ambient',
      'default',
      'demo',
      'empty',
      'openshift',
      'openshift-ambient',
      'preview',
      'remote',
      'stable',
    ),
    values: open,
    ...extra,
  },
});
const SAIL = [
  crd('sailoperator.io', 'Istio', 'istios', ['v1'], {
    cluster: true,
    spec: sailSpec({
      updateStrategy: {
        type: 'object',
        properties: {
          type: en('InPlace', 'RevisionBased'),
          inactiveRevisionDeletionGracePeriodSeconds: { type: 'integer', minimum: 0 },
          updateWorkloads: { type: 'boolean' },
        },
      },
    }),
  }),
  crd('sailoperator.io', 'IstioCNI', 'istiocnis', ['v1'], { cluster: true, spec: sailSpec({}) }),
  crd('sailoperator.io', 'IstioRevision', 'istiorevisions', ['v1'], {
    cluster: true,
    shortNames: ['istiorev'],
  }),
  crd('sailoperator.io', 'IstioRevisionTag', 'istiorevisiontags', ['v1'], {
    cluster: true,
    spec: {
      type: 'object',
      required: ['targetRef'],
      properties: {
        targetRef: {
          type: 'object',
          required: ['kind', 'name'],
          properties: { kind: en('Istio', 'IstioRevision'), name: str },
        },
      },
    },
  }),
  // Served at v1 since Service Mesh 3.3; v1alpha1 (its first version) is still served.
  crd('sailoperator.io', 'ZTunnel', 'ztunnels', ['v1', 'v1alpha1'], {
    cluster: true,
    categories: ['istio-io'],
    spec: {
      type: 'object',
      required: ['version'],
      properties: {
        version: { type: 'string', enum: ISTIO_VERSIONS },
        namespace: str,
        values: open,
      },
    },
    printerColumns: [
      { name: 'Namespace', type: 'string', jsonPath: '.spec.namespace' },
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
      { name: 'Status', type: 'string', jsonPath: '.status.state' },
      { name: 'Version', type: 'string', jsonPath: '.spec.version' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ],
  }),
];

// --- Maistra (servicemeshoperator 2.6) ------------------------------------------------------
const MAISTRA = [
  crd('maistra.io', 'ServiceMeshControlPlane', 'servicemeshcontrolplanes', ['v2', 'v1'], {
    shortNames: ['smcp'],
    categories: ['maistra-io'],
    spec: {
      type: 'object',
      properties: {
        version: en('v2.0', 'v2.1', 'v2.2', 'v2.3', 'v2.4', 'v2.5', 'v2.6'),
        mode: en('MultiTenant', 'ClusterWide'),
        profiles: strArr,
        tracing: {
          type: 'object',
          properties: {
            type: en('None', 'Jaeger', 'Stackdriver'),
            sampling: { type: 'integer', minimum: 0, maximum: 10000 },
          },
        },
        policy: { type: 'object', properties: { type: en('None', 'Mixer', 'Remote', 'Istiod') } },
        telemetry: {
          type: 'object',
          properties: { type: en('None', 'Mixer', 'Remote', 'Istiod') },
        },
        security: open,
        gateways: open,
        addons: open,
        meshConfig: open,
        runtime: open,
        general: open,
        proxy: open,
        cluster: open,
      },
    },
  }),
  crd('maistra.io', 'ServiceMeshMemberRoll', 'servicemeshmemberrolls', ['v1'], {
    shortNames: ['smmr'],
    categories: ['maistra-io'],
    spec: {
      type: 'object',
      properties: { members: strArr, memberSelectors: { type: 'array', items: open } },
    },
  }),
  crd('maistra.io', 'ServiceMeshMember', 'servicemeshmembers', ['v1'], {
    shortNames: ['smm'],
    categories: ['maistra-io'],
    spec: {
      type: 'object',
      required: ['controlPlaneRef'],
      properties: {
        controlPlaneRef: {
          type: 'object',
          required: ['name', 'namespace'],
          properties: { name: str, namespace: str },
        },
      },
    },
  }),
];

// --- Observability operators ----------------------------------------------------------------
const KIALI = [
  crd('kiali.io', 'Kiali', 'kialis', ['v1alpha1']),
  crd('kiali.io', 'OSSMConsole', 'ossmconsoles', ['v1alpha1']),
];
const TEMPO = [
  crd('tempo.grafana.com', 'TempoStack', 'tempostacks', ['v1alpha1'], { shortNames: ['tempo'] }),
  crd('tempo.grafana.com', 'TempoMonolithic', 'tempomonolithics', ['v1alpha1']),
];
const OTEL = [
  crd('opentelemetry.io', 'OpenTelemetryCollector', 'opentelemetrycollectors', [
    'v1beta1',
    'v1alpha1',
  ]),
  crd('opentelemetry.io', 'Instrumentation', 'instrumentations', ['v1alpha1']),
];
const ELASTIC = [crd('logging.openshift.io', 'Elasticsearch', 'elasticsearches', ['v1'])];

/** CRDs an operator package brings when its CSV succeeds. */
const CRDS_BY_PACKAGE = {
  servicemeshoperator3: SAIL,
  sailoperator: SAIL,
  servicemeshoperator: [...MAISTRA, ...ISTIO_V1BETA1],
  'kiali-ossm': KIALI,
  kiali: KIALI,
  'tempo-product': TEMPO,
  'opentelemetry-product': OTEL,
  'elasticsearch-operator': ELASTIC,
};

module.exports = {
  OLM,
  PLATFORM,
  GATEWAY_API,
  ISTIO_V1,
  ISTIO_V1BETA1,
  SAIL,
  MAISTRA,
  KIALI,
  TEMPO,
  CRDS_BY_PACKAGE,
  ISTIO_VERSIONS,
};
