'use strict';
// Demo data and the scenarios. Operators and control planes are installed by running the
// simulated controllers to completion (Controllers.settle), so seeded objects look exactly like
// ones the controllers produce at runtime.
const crypto = require('crypto');
const { GATEWAY_API, OLM, PLATFORM } = require('./crds');
const { brokenConfig } = require('./brokenConfig');
const { LARGE_SCENARIOS, largeScenarioObjects } = require('./largeScenarios');

const MARKET = 'openshift-marketplace';
const ALL_NAMESPACES_ONLY = [
  { type: 'OwnNamespace', supported: false },
  { type: 'SingleNamespace', supported: false },
  { type: 'MultiNamespace', supported: false },
  { type: 'AllNamespaces', supported: true },
];
const ANY_MODE = [
  { type: 'OwnNamespace', supported: true },
  { type: 'SingleNamespace', supported: true },
  { type: 'MultiNamespace', supported: false },
  { type: 'AllNamespaces', supported: true },
];

/**
 * A PackageManifest as package-server serves it.
 * channels: [[name, csvName, version], ...]; the first is the default unless `defaultChannel`.
 */
const pkg = ({
  name,
  catalog = 'redhat-operators',
  catalogDisplay = 'Red Hat Operators',
  provider = 'Red Hat',
  displayName,
  channels,
  defaultChannel,
  installModes = ALL_NAMESPACES_ONLY,
  annotations = {},
  owned = [],
}) => ({
  apiVersion: 'packages.operators.coreos.com/v1',
  kind: 'PackageManifest',
  metadata: {
    name,
    namespace: MARKET,
    labels: {
      catalog,
      'catalog-namespace': MARKET,
      provider,
      'provider-url': '',
      'operatorframework.io/arch.amd64': 'supported',
      'operatorframework.io/os.linux': 'supported',
    },
  },
  spec: {},
  status: {
    packageName: name,
    catalogSource: catalog,
    catalogSourceNamespace: MARKET,
    catalogSourceDisplayName: catalogDisplay,
    catalogSourcePublisher: provider,
    provider: { name: provider },
    defaultChannel: defaultChannel || channels[0][0],
    channels: channels.map(([ch, csv, version]) => ({
      name: ch,
      currentCSV: csv,
      currentCSVDesc: {
        displayName,
        version,
        provider: { name: provider },
        installModes,
        annotations: {
          support: provider === 'Red Hat' ? 'Red Hat' : 'Community based',
          ...annotations,
        },
        customresourcedefinitions: {
          owned: owned.map(([kind, plural, group, v]) => ({
            kind,
            name: `${plural}.${group}`,
            version: v,
            displayName: kind,
          })),
        },
        description: `${displayName} ${version}`,
      },
      entries: [{ name: csv, version }],
    })),
  },
});

const CATALOG = [
  pkg({
    name: 'servicemeshoperator3',
    displayName: 'Red Hat OpenShift Service Mesh 3',
    channels: [
      ['stable', 'servicemeshoperator3.v3.4.0', '3.4.0'],
      ['stable-3.4', 'servicemeshoperator3.v3.4.0', '3.4.0'],
      ['stable-3.3', 'servicemeshoperator3.v3.3.2', '3.3.2'],
      ['stable-3.2', 'servicemeshoperator3.v3.2.5', '3.2.5'],
      ['stable-3.1', 'servicemeshoperator3.v3.1.6', '3.1.6'],
      ['stable-3.0', 'servicemeshoperator3.v3.0.9', '3.0.9'],
    ],
    owned: [
      ['Istio', 'istios', 'sailoperator.io', 'v1'],
      ['IstioCNI', 'istiocnis', 'sailoperator.io', 'v1'],
      ['IstioRevision', 'istiorevisions', 'sailoperator.io', 'v1'],
      ['IstioRevisionTag', 'istiorevisiontags', 'sailoperator.io', 'v1'],
      ['ZTunnel', 'ztunnels', 'sailoperator.io', 'v1'],
    ],
  }),
  pkg({
    name: 'servicemeshoperator',
    displayName: 'Red Hat OpenShift Service Mesh 2',
    channels: [['stable', 'servicemeshoperator.v2.6.17', '2.6.17']],
    owned: [
      ['ServiceMeshControlPlane', 'servicemeshcontrolplanes', 'maistra.io', 'v2'],
      ['ServiceMeshMemberRoll', 'servicemeshmemberrolls', 'maistra.io', 'v1'],
      ['ServiceMeshMember', 'servicemeshmembers', 'maistra.io', 'v1'],
    ],
  }),
  pkg({
    name: 'kiali-ossm',
    displayName: 'Kiali Operator',
    channels: [['stable', 'kiali-operator.v2.27.0', '2.27.0']],
    owned: [
      ['Kiali', 'kialis', 'kiali.io', 'v1alpha1'],
      ['OSSMConsole', 'ossmconsoles', 'kiali.io', 'v1alpha1'],
    ],
  }),
  pkg({
    name: 'tempo-product',
    displayName: 'Tempo Operator',
    channels: [['stable', 'tempo-operator.v0.19.0-1', '0.19.0-1']],
    installModes: ANY_MODE,
    annotations: {
      'operatorframework.io/suggested-namespace': 'openshift-tempo-operator',
      'operatorframework.io/cluster-monitoring': 'true',
    },
    owned: [
      ['TempoStack', 'tempostacks', 'tempo.grafana.com', 'v1alpha1'],
      ['TempoMonolithic', 'tempomonolithics', 'tempo.grafana.com', 'v1alpha1'],
    ],
  }),
  pkg({
    name: 'opentelemetry-product',
    displayName: 'Red Hat build of OpenTelemetry',
    channels: [['stable', 'opentelemetry-operator.v0.140.0-1', '0.140.0-1']],
    installModes: ANY_MODE,
    annotations: {
      'operatorframework.io/suggested-namespace': 'openshift-opentelemetry-operator',
      'operatorframework.io/cluster-monitoring': 'true',
    },
    owned: [['OpenTelemetryCollector', 'opentelemetrycollectors', 'opentelemetry.io', 'v1beta1']],
  }),
  pkg({
    name: 'elasticsearch-operator',
    displayName: 'OpenShift Elasticsearch Operator',
    channels: [
      ['stable', 'elasticsearch-operator.v5.8.22', '5.8.22'],
      ['stable-5.8', 'elasticsearch-operator.v5.8.22', '5.8.22'],
    ],
    annotations: {
      'operatorframework.io/suggested-namespace': 'openshift-operators-redhat',
      'operatorframework.io/cluster-monitoring': 'true',
    },
    owned: [['Elasticsearch', 'elasticsearches', 'logging.openshift.io', 'v1']],
  }),
  // Not a mesh operator: the console itself asks whether its Lightspeed operator is in the catalog.
  pkg({
    name: 'lightspeed-operator',
    displayName: 'OpenShift Lightspeed Operator',
    channels: [['stable', 'lightspeed-operator.v1.0.0', '1.0.0']],
    annotations: { 'operatorframework.io/suggested-namespace': 'openshift-lightspeed' },
  }),
  // Community look-alikes the wizard must refuse.
  pkg({
    name: 'kiali',
    catalog: 'community-operators',
    catalogDisplay: 'Community Operators',
    provider: 'Kiali',
    displayName: 'Kiali Operator',
    channels: [
      ['stable', 'kiali-operator.v2.27.0', '2.27.0'],
      ['alpha', 'kiali-operator.v2.27.0', '2.27.0'],
    ],
    owned: [['Kiali', 'kialis', 'kiali.io', 'v1alpha1']],
  }),
  pkg({
    name: 'sailoperator',
    catalog: 'community-operators',
    catalogDisplay: 'Community Operators',
    provider: 'Red Hat, Inc.',
    displayName: 'Sail Operator',
    channels: [
      ['stable', 'sailoperator.v1.30.0', '1.30.0'],
      ['dev-1.31', 'sailoperator.v1.31.0-nightly-2026-07-01', '1.31.0-nightly-2026-07-01'],
    ],
    annotations: { support: 'Community based' },
    owned: [['Istio', 'istios', 'sailoperator.io', 'v1']],
  }),
];

const ns = (name, labels = {}) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});

const catalogSource = (name, displayName, publisher) => ({
  apiVersion: 'operators.coreos.com/v1alpha1',
  kind: 'CatalogSource',
  metadata: { name, namespace: MARKET },
  spec: {
    sourceType: 'grpc',
    image: `registry.redhat.io/redhat/${name}-index:v4.22`,
    displayName,
    publisher,
    updateStrategy: { registryPoll: { interval: '10m' } },
  },
  status: {
    connectionState: {
      address: `${name}.${MARKET}.svc:50051`,
      lastObservedState: 'READY',
      lastConnect: new Date().toISOString(),
    },
  },
});

const BOOKINFO = [
  ['productpage', 'v1'],
  ['details', 'v1'],
  ['ratings', 'v1'],
  ['reviews', 'v1'],
  ['reviews', 'v2'],
  ['reviews', 'v3'],
];

const bookinfo = (annotations) => {
  const out = [];
  for (const app of ['productpage', 'details', 'ratings', 'reviews']) {
    out.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: `bookinfo-${app}`, namespace: 'bookinfo', labels: { account: app } },
    });
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: app, namespace: 'bookinfo', labels: { app, service: app } },
      spec: {
        selector: { app },
        ports: [{ name: 'http', port: 9080, protocol: 'TCP', targetPort: 9080 }],
      },
    });
  }
  for (const [app, version] of BOOKINFO) {
    const labels = { app, version };
    out.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `${app}-${version}`, namespace: 'bookinfo', labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels, ...(annotations ? { annotations } : {}) },
          spec: {
            serviceAccountName: `bookinfo-${app}`,
            containers: [
              {
                name: app,
                image: `quay.io/sail-dev/examples-bookinfo-${app}-${version}:1.20.3`,
                imagePullPolicy: 'IfNotPresent',
                ports: [{ containerPort: 9080, protocol: 'TCP' }],
              },
            ],
          },
        },
      },
    });
  }
  return out;
};

const subscription = (name, channel = 'stable', namespace = 'openshift-operators') => ({
  apiVersion: 'operators.coreos.com/v1alpha1',
  kind: 'Subscription',
  metadata: { name, namespace },
  spec: {
    name,
    channel,
    source: 'redhat-operators',
    sourceNamespace: MARKET,
    installPlanApproval: 'Automatic',
  },
});

/**
 * The console's per-user settings as its bridge leaves them after a user's first visit
 * (pkg/usersettings): ConfigMap `user-settings-<kubeadmin | sha256(user name)>` in
 * openshift-console-user-settings, and for users other than kube:admin a Role and RoleBinding
 * that let them read and edit only that ConfigMap.
 */
const userSettings = (api) => {
  const NS = 'openshift-console-user-settings';
  const idOf = (user) =>
    user === 'kube:admin' ? 'kubeadmin' : crypto.createHash('sha256').update(user).digest('hex');
  for (const user of ['kube:admin', 'developer']) {
    const name = `user-settings-${idOf(user)}`;
    api.upsert({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: NS } });
    if (user === 'kube:admin') continue;
    api.upsert({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: `${name}-role`, namespace: NS },
      rules: [
        {
          apiGroups: [''],
          resources: ['configmaps'],
          verbs: ['get', 'list', 'patch', 'update', 'watch'],
          resourceNames: [name],
        },
      ],
    });
    api.upsert({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `${name}-rolebinding`, namespace: NS },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${name}-role` },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
    });
  }
};

const base = (api) => {
  [...OLM, ...PLATFORM, ...GATEWAY_API].forEach((c) => api.upsert(c));
  [
    ns('default'),
    ns('kube-system'),
    ns('kube-public'),
    ns('openshift'),
    ns('openshift-operators', { 'openshift.io/cluster-monitoring': 'true' }),
    ns(MARKET),
    ns('openshift-console'),
    ns('openshift-console-user-settings'),
    ns('openshift-monitoring', { 'openshift.io/cluster-monitoring': 'true' }),
    // Exists on every OpenShift cluster; its Prometheus runs only once user-workload
    // monitoring is turned on.
    ns('openshift-user-workload-monitoring', { 'openshift.io/cluster-monitoring': 'true' }),
    ns('openshift-operator-lifecycle-manager'),
    ns('bookinfo'),
  ].forEach((n) => api.upsert(n));
  userSettings(api);
  api.upsert({
    apiVersion: 'config.openshift.io/v1',
    kind: 'ClusterVersion',
    metadata: { name: 'version' },
    spec: { channel: 'stable-4.22', clusterID: '00000000-0000-4000-8000-000000000422' },
    status: {
      desired: { version: '4.22.0' },
      history: [{ state: 'Completed', version: '4.22.0' }],
      conditions: [{ type: 'Available', status: 'True' }],
    },
  });
  api.upsert({
    apiVersion: 'config.openshift.io/v1',
    kind: 'Infrastructure',
    metadata: { name: 'cluster' },
    spec: { platformSpec: { type: 'None' } },
    status: {
      platform: 'None',
      platformStatus: { type: 'None' },
      controlPlaneTopology: 'HighlyAvailable',
      infrastructureTopology: 'HighlyAvailable',
      apiServerURL: 'https://api.preview.example.com:6443',
    },
  });
  api.upsert({
    apiVersion: 'operators.coreos.com/v1',
    kind: 'OperatorGroup',
    metadata: { name: 'global-operators', namespace: 'openshift-operators' },
    spec: {},
    status: { namespaces: [''], lastUpdated: new Date().toISOString() },
  });
  api.upsert(catalogSource('redhat-operators', 'Red Hat Operators', 'Red Hat'));
  api.upsert(catalogSource('certified-operators', 'Certified Operators', 'Red Hat'));
  api.upsert(catalogSource('community-operators', 'Community Operators', 'Red Hat'));
  api.upsert(catalogSource('redhat-marketplace', 'Red Hat Marketplace', 'Red Hat'));
  CATALOG.forEach((p) => api.upsert(p));
  api.upsert({
    apiVersion: 'operator.openshift.io/v1',
    kind: 'Console',
    metadata: { name: 'cluster' },
    spec: { managementState: 'Managed', plugins: ['mesh-console-plugin'] },
    status: { consoleURL: 'https://console-openshift-console.apps.preview.example.com' },
  });
  api.upsert({
    apiVersion: 'console.openshift.io/v1',
    kind: 'ConsolePlugin',
    metadata: { name: 'mesh-console-plugin' },
    spec: {
      displayName: 'Service Mesh',
      i18n: { loadType: 'Preload' },
      backend: {
        type: 'Service',
        service: {
          name: 'mesh-console-plugin',
          namespace: 'mesh-console',
          port: 9443,
          basePath: '/',
        },
      },
      // The chart's default proxy entry; the preview serves it with the stand-in Kiali.
      proxy: [
        {
          alias: 'kiali',
          authorization: 'UserToken',
          endpoint: {
            type: 'Service',
            service: { name: 'kiali', namespace: 'istio-system', port: 20001 },
          },
        },
      ],
    },
  });
};

/** Tracing as the OSSM 3 docs set it up: the Tempo Operator and a multi-tenant TempoStack. */
const TEMPO_NS = 'tempo';
const tempo = () => [
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'tempo-s3', namespace: TEMPO_NS },
    type: 'Opaque',
    data: Object.fromEntries(
      Object.entries({
        endpoint: 'https://s3.preview.example.com',
        bucket: 'tempo',
        access_key_id: 'preview',
        access_key_secret: 'preview',
      }).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
  },
  {
    apiVersion: 'tempo.grafana.com/v1alpha1',
    kind: 'TempoStack',
    metadata: { name: 'sample', namespace: TEMPO_NS },
    spec: {
      storage: { secret: { name: 'tempo-s3', type: 's3' } },
      storageSize: '10Gi',
      tenants: {
        mode: 'openshift',
        authentication: [
          { tenantName: 'default', tenantId: '1610b0c3-c509-4592-a256-a1871353dbfa' },
        ],
      },
      template: { gateway: { enabled: true }, queryFrontend: { jaegerQuery: { enabled: true } } },
    },
  },
];

const GATEWAY = 'tempo-sample-gateway.tempo.svc.cluster.local';
const SERVICE_CA = '/var/run/secrets/kubernetes.io/serviceaccount/service-ca.crt';
const ours = { 'app.kubernetes.io/created-by': 'mesh-console-plugin' };
const clusterRole = (name, verb) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name, labels: ours },
  rules: [
    {
      apiGroups: ['tempo.grafana.com'],
      resources: ['default'],
      resourceNames: ['traces'],
      verbs: [verb],
    },
  ],
});
const bindSa = (name, role, sa, namespace) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name, ...(role.startsWith('tempo') ? { labels: ours } : {}) },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
  subjects: [{ kind: 'ServiceAccount', name: sa, namespace }],
});

/**
 * Kiali for Service Mesh 3 as the install wizard leaves it: metrics from cluster monitoring
 * (Thanos, with the cluster-monitoring-view binding), traces from the Tempo tenant through its
 * gateway. Without `tracing`, as the wizard leaves it when tracing is skipped.
 */
const mesh3Kiali = ({ tracing = true } = {}) => [
  {
    apiVersion: 'kiali.io/v1alpha1',
    kind: 'Kiali',
    metadata: { name: 'kiali', namespace: 'istio-system' },
    spec: {
      version: 'default',
      external_services: {
        prometheus: {
          auth: { type: 'bearer', use_kiali_token: true },
          thanos_proxy: { enabled: true },
          url: 'https://thanos-querier.openshift-monitoring.svc.cluster.local:9091',
        },
        ...(tracing
          ? {
              tracing: {
                enabled: true,
                provider: 'tempo',
                use_grpc: false,
                internal_url: `https://${GATEWAY}:8080/api/traces/v1/default/tempo`,
                auth: {
                  type: 'bearer',
                  use_kiali_token: true,
                  ca_file: SERVICE_CA,
                  insecure_skip_verify: false,
                },
                tempo_config: {
                  name: 'sample',
                  namespace: TEMPO_NS,
                  tenant: 'default',
                  url_format: 'openshift',
                },
              },
            }
          : {}),
      },
    },
  },
  bindSa(
    'kiali-monitoring-rbac-istio-system',
    'cluster-monitoring-view',
    'kiali-service-account',
    'istio-system',
  ),
  ...(tracing
    ? [
        clusterRole('tempo-sample-traces-read', 'get'),
        bindSa(
          'tempo-sample-traces-read-kiali',
          'tempo-sample-traces-read',
          'kiali-service-account',
          'istio-system',
        ),
      ]
    : []),
];

/**
 * Metrics as the install wizard's metrics step leaves them: user-workload monitoring on, istiod
 * and the sidecars of each member namespace scraped, and on an ambient mesh ztunnel in
 * `ztunnelNamespace` (the step's `istio-ztunnel-monitor`).
 */
const metricsPipeline = (members, { ztunnelNamespace } = {}) => [
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cluster-monitoring-config', namespace: 'openshift-monitoring' },
    data: { 'config.yaml': 'enableUserWorkload: true\n' },
  },
  {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: 'istiod-monitor', namespace: 'istio-system', labels: ours },
    spec: {
      targetLabels: ['app'],
      selector: { matchLabels: { istio: 'pilot' } },
      endpoints: [{ port: 'http-monitoring', interval: '30s' }],
    },
  },
  ...members.map((namespace) => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: { name: 'istio-proxies-monitor', namespace, labels: ours },
    spec: {
      selector: {
        matchExpressions: [{ key: 'istio-prometheus-ignore', operator: 'DoesNotExist' }],
      },
      podMetricsEndpoints: [
        { port: 'http-envoy-prom', path: '/stats/prometheus', interval: '30s' },
      ],
    },
  })),
  ...(ztunnelNamespace
    ? [
        {
          apiVersion: 'monitoring.coreos.com/v1',
          kind: 'PodMonitor',
          metadata: { name: 'istio-ztunnel-monitor', namespace: ztunnelNamespace, labels: ours },
          spec: {
            selector: { matchLabels: { app: 'ztunnel' } },
            podTargetLabels: ['app'],
            podMetricsEndpoints: [{ port: 'ztunnel-stats', path: '/metrics', interval: '30s' }],
          },
        },
      ]
    : []),
];

/**
 * Tracing as the wizard's tracing step leaves it on the TempoStack: a collector in istio-system
 * exporting to the tenant through the gateway (with the right to write it), Istio's provider
 * pointing at the collector, and a mesh-wide Telemetry sampling `percent` of requests.
 */
const tracingPipeline = (percent) => [
  clusterRole('tempo-sample-traces-write', 'create'),
  bindSa(
    'tempo-sample-traces-write',
    'tempo-sample-traces-write',
    'otel-collector',
    'istio-system',
  ),
  {
    apiVersion: 'opentelemetry.io/v1beta1',
    kind: 'OpenTelemetryCollector',
    metadata: { name: 'otel', namespace: 'istio-system', labels: ours },
    spec: {
      mode: 'deployment',
      config: {
        extensions: {
          bearertokenauth: { filename: '/var/run/secrets/kubernetes.io/serviceaccount/token' },
        },
        receivers: {
          otlp: {
            protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } },
          },
        },
        exporters: {
          'otlp/default': {
            endpoint: `${GATEWAY}:8090`,
            tls: { insecure: false, ca_file: SERVICE_CA },
            auth: { authenticator: 'bearertokenauth' },
            headers: { 'X-Scope-OrgID': 'default' },
          },
        },
        service: {
          extensions: ['bearertokenauth'],
          pipelines: { traces: { receivers: ['otlp'], exporters: ['otlp/default'] } },
        },
      },
    },
  },
  {
    apiVersion: 'telemetry.istio.io/v1',
    kind: 'Telemetry',
    metadata: { name: 'mesh-default', namespace: 'istio-system', labels: ours },
    spec: {
      tracing: [{ providers: [{ name: 'otel-tracing' }], randomSamplingPercentage: percent }],
    },
  },
];

/** Istio's tracing provider, on the Istio CR (spec.values.meshConfig.extensionProviders). */
const OTEL_PROVIDER = {
  name: 'otel-tracing',
  opentelemetry: { service: 'otel-collector.istio-system.svc.cluster.local', port: 4317 },
};

/** Where the ambient scenario runs ztunnel: the Sail operator's default, and its samples'. */
const ZTUNNEL_NS = 'ztunnel';

/**
 * The ambient scenario's objects in bookinfo, as the Istio docs' ambient walk-through leaves
 * them: a Service per reviews version (bookinfo-versions.yaml), the waypoint `istioctl waypoint
 * apply` creates (no namespace uses it yet), and an HTTPRoute on the reviews Service (mesh
 * routing) that sends user jason to v2, marked with a header, and everyone else to v1.
 */
const ambientBookinfo = () => [
  ...['v1', 'v2', 'v3'].map((version) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: `reviews-${version}`,
      namespace: 'bookinfo',
      labels: { app: 'reviews', version },
    },
    spec: {
      selector: { app: 'reviews', version },
      ports: [{ name: 'http', port: 9080, protocol: 'TCP', targetPort: 9080 }],
    },
  })),
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: {
      name: 'waypoint',
      namespace: 'bookinfo',
      labels: { 'istio.io/waypoint-for': 'service' },
    },
    spec: {
      gatewayClassName: 'istio-waypoint',
      listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
    },
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'reviews', namespace: 'bookinfo' },
    spec: {
      parentRefs: [{ group: '', kind: 'Service', name: 'reviews', port: 9080 }],
      rules: [
        {
          matches: [{ headers: [{ type: 'Exact', name: 'end-user', value: 'jason' }] }],
          filters: [
            {
              type: 'RequestHeaderModifier',
              requestHeaderModifier: { add: [{ name: 'x-canary', value: 'true' }] },
            },
          ],
          backendRefs: [{ name: 'reviews-v2', port: 9080 }],
        },
        { backendRefs: [{ name: 'reviews-v1', port: 9080, weight: 1 }] },
      ],
    },
  },
];

const SCENARIOS = [
  'empty',
  'mesh3',
  'mesh3-no-telemetry',
  'mesh3-broken',
  'ambient',
  'mesh2',
  ...Object.keys(LARGE_SCENARIOS),
];

/**
 * Creates an object through the API's validation and admission, as a user's write is: the
 * broken scenario's objects must be refused nowhere but in the plugin's own checks.
 */
const createChecked = (api, manifest) => {
  const type = api.typeOf(manifest.apiVersion, manifest.kind);
  if (!type) throw new Error(`${manifest.apiVersion} ${manifest.kind} is not served`);
  const version = manifest.apiVersion.split('/').pop();
  return api.create(type, version, manifest.metadata.namespace || '', manifest);
};

/** Populate the cluster for a scenario, running the controllers synchronously. */
const seed = (api, controllers, scenario) => {
  if (!SCENARIOS.includes(scenario)) {
    throw new Error(`unknown scenario "${scenario}" (expected ${SCENARIOS.join(', ')})`);
  }
  controllers.settle(() => base(api));
  if (scenario === 'empty') {
    controllers.settle(() => bookinfo().forEach((o) => api.upsert(o)));
    return;
  }
  // The large-* scenarios (benchmarks) are mesh3 plus generated member namespaces;
  // mesh3-no-telemetry is mesh3 as the wizard left it before it wired metrics and tracing;
  // mesh3-broken is mesh3 plus Istio config that the plugin's checks find broken; ambient is mesh3
  // with the ambient data plane instead of sidecars.
  const observable = scenario !== 'mesh3-no-telemetry';
  const ambient = scenario === 'ambient';
  if (scenario.startsWith('mesh3') || ambient || LARGE_SCENARIOS[scenario]) {
    controllers.settle(() => {
      api.upsert(subscription('servicemeshoperator3'));
      api.upsert(subscription('kiali-ossm'));
      // The Tempo Operator goes in its own namespace, as the wizard installs it.
      api.upsert(ns('openshift-tempo-operator', { 'openshift.io/cluster-monitoring': 'true' }));
      api.upsert({
        apiVersion: 'operators.coreos.com/v1',
        kind: 'OperatorGroup',
        metadata: { name: 'openshift-tempo-operator', namespace: 'openshift-tempo-operator' },
        spec: { upgradeStrategy: 'Default' },
      });
      api.upsert(subscription('tempo-product', 'stable', 'openshift-tempo-operator'));
      if (observable) {
        api.upsert(
          ns('openshift-opentelemetry-operator', { 'openshift.io/cluster-monitoring': 'true' }),
        );
        api.upsert({
          apiVersion: 'operators.coreos.com/v1',
          kind: 'OperatorGroup',
          metadata: {
            name: 'openshift-opentelemetry-operator',
            namespace: 'openshift-opentelemetry-operator',
          },
          spec: { upgradeStrategy: 'Default' },
        });
        api.upsert(
          subscription('opentelemetry-product', 'stable', 'openshift-opentelemetry-operator'),
        );
      }
    });
    controllers.settle(() => {
      api.upsert(ns('istio-system'));
      api.upsert(ns('istio-cni'));
      const spec = { version: 'v1.30.3', namespace: 'istio-system' };
      // Istio's ambient sample: istiod must trust ztunnel's namespace when it is not its own.
      const values = {
        ...(observable ? { meshConfig: { extensionProviders: [OTEL_PROVIDER] } } : {}),
        ...(ambient ? { pilot: { trustedZtunnelNamespace: ZTUNNEL_NS } } : {}),
      };
      api.upsert({
        apiVersion: 'sailoperator.io/v1',
        kind: 'Istio',
        metadata: { name: 'default' },
        spec: {
          ...spec,
          updateStrategy: { type: 'InPlace' },
          ...(ambient ? { profile: 'ambient' } : {}),
          ...(Object.keys(values).length ? { values } : {}),
        },
      });
      api.upsert({
        apiVersion: 'sailoperator.io/v1',
        kind: 'IstioCNI',
        metadata: { name: 'default' },
        spec: {
          version: 'v1.30.3',
          namespace: 'istio-cni',
          ...(ambient ? { profile: 'ambient' } : {}),
        },
      });
      if (ambient) {
        api.upsert(ns(ZTUNNEL_NS));
        api.upsert({
          apiVersion: 'sailoperator.io/v1',
          kind: 'ZTunnel',
          metadata: { name: 'default' },
          spec: { version: 'v1.30.3', namespace: ZTUNNEL_NS },
        });
      }
    });
    controllers.settle(() => {
      const b = api.find('v1', 'Namespace', '', 'bookinfo');
      api.mutate(b, (n) => {
        if (ambient) n.metadata.labels['istio.io/dataplane-mode'] = 'ambient';
        else n.metadata.labels['istio-injection'] = 'enabled';
      });
      bookinfo().forEach((o) => api.upsert(o));
      // Through validation: the Gateway API objects must pass the published schemas.
      if (ambient) ambientBookinfo().forEach((o) => createChecked(api, o));
      api.upsert(ns(TEMPO_NS));
      tempo().forEach((o) => api.upsert(o));
      mesh3Kiali({ tracing: observable }).forEach((o) => api.upsert(o));
      if (observable) {
        metricsPipeline(['bookinfo'], ambient ? { ztunnelNamespace: ZTUNNEL_NS } : {}).forEach(
          (o) => api.upsert(o),
        );
        // 1 %, the wizard's default sampling.
        tracingPipeline(1).forEach((o) => api.upsert(o));
      }
    });
    if (LARGE_SCENARIOS[scenario]) {
      const { workloads, istio } = largeScenarioObjects(scenario);
      controllers.settle(() => workloads.forEach((o) => api.upsert(o)));
      istio.forEach((o) => api.upsert(o));
    }
    if (scenario === 'mesh3-broken') {
      controllers.settle(() => brokenConfig().forEach((o) => createChecked(api, o)));
    }
    return;
  }
  // mesh2: OSSM 2.6 with Kiali, SMCP "basic" and bookinfo as a member.
  controllers.settle(() => {
    api.upsert(subscription('servicemeshoperator'));
    api.upsert(subscription('kiali-ossm'));
  });
  controllers.settle(() => {
    api.upsert(ns('istio-system'));
    api.upsert({
      apiVersion: 'maistra.io/v2',
      kind: 'ServiceMeshControlPlane',
      metadata: { name: 'basic', namespace: 'istio-system' },
      spec: {
        version: 'v2.6',
        mode: 'MultiTenant',
        tracing: { type: 'None' },
        policy: { type: 'Istiod' },
        telemetry: { type: 'Istiod' },
        security: { dataPlane: { mtls: true, automtls: true }, controlPlane: { mtls: true } },
        gateways: { openshiftRoute: { enabled: false } },
        addons: {
          prometheus: { enabled: true },
          grafana: { enabled: false },
          kiali: { enabled: true, name: 'kiali' },
        },
      },
    });
    api.upsert({
      apiVersion: 'maistra.io/v1',
      kind: 'ServiceMeshMemberRoll',
      metadata: { name: 'default', namespace: 'istio-system' },
      spec: { members: ['bookinfo'] },
    });
  });
  // OSSM 2 injects only pods that opt in (the Maistra bookinfo sample carries the annotation).
  controllers.settle(() =>
    bookinfo({ 'sidecar.istio.io/inject': 'true' }).forEach((o) => api.upsert(o)),
  );
};

module.exports = { seed, SCENARIOS, CATALOG };
