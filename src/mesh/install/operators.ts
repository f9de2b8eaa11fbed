/**
 * The operators a mesh install may need, as Red Hat documents them (reference:
 * service-mesh-install.md §3). Channels are never hard-coded: they come from each package's
 * PackageManifest at run time.
 */

export type OperatorId =
  | 'servicemesh3'
  | 'servicemesh2'
  | 'kiali'
  | 'tempo'
  | 'opentelemetry'
  | 'elasticsearch'
  | 'jaeger';

export type OperatorSpec = {
  id: OperatorId;
  /** Product name as OperatorHub shows it. */
  displayName: string;
  /** `spec.name` of the Subscription and the PackageManifest's name. */
  packageName: string;
  installNamespace: string;
  /** `global`: openshift-operators' existing `global-operators` (never create one there). */
  operatorGroup: 'global' | 'create';
  namespaceLabels?: Record<string, string>;
  namespaceAnnotations?: Record<string, string>;
  /** CRDs (plural.group) that exist once the operator is installed. */
  crds: string[];
  /** Same-product packages from other catalogs, which must never be used. */
  lookalikes: string[];
  deprecated?: boolean;
};

export const REDHAT_CATALOG = 'redhat-operators';
export const MARKETPLACE_NAMESPACE = 'openshift-marketplace';
export const GLOBAL_OPERATORS_NAMESPACE = 'openshift-operators';
export const GLOBAL_OPERATOR_GROUP = 'global-operators';

const MONITORED = { 'openshift.io/cluster-monitoring': 'true' };

export const OPERATORS: Record<OperatorId, OperatorSpec> = {
  servicemesh3: {
    id: 'servicemesh3',
    displayName: 'Red Hat OpenShift Service Mesh 3',
    packageName: 'servicemeshoperator3',
    installNamespace: GLOBAL_OPERATORS_NAMESPACE,
    operatorGroup: 'global',
    crds: ['istios.sailoperator.io', 'istiocnis.sailoperator.io'],
    lookalikes: ['sailoperator'],
  },
  servicemesh2: {
    id: 'servicemesh2',
    displayName: 'Red Hat OpenShift Service Mesh 2',
    packageName: 'servicemeshoperator',
    installNamespace: GLOBAL_OPERATORS_NAMESPACE,
    operatorGroup: 'global',
    crds: ['servicemeshcontrolplanes.maistra.io', 'servicemeshmemberrolls.maistra.io'],
    lookalikes: [],
  },
  kiali: {
    id: 'kiali',
    displayName: 'Kiali Operator provided by Red Hat',
    packageName: 'kiali-ossm',
    installNamespace: GLOBAL_OPERATORS_NAMESPACE,
    operatorGroup: 'global',
    crds: ['kialis.kiali.io'],
    lookalikes: ['kiali'],
  },
  tempo: {
    id: 'tempo',
    displayName: 'Tempo Operator (Red Hat OpenShift distributed tracing platform)',
    packageName: 'tempo-product',
    installNamespace: 'openshift-tempo-operator',
    operatorGroup: 'create',
    namespaceLabels: MONITORED,
    crds: ['tempostacks.tempo.grafana.com'],
    lookalikes: ['tempo-operator'],
  },
  opentelemetry: {
    id: 'opentelemetry',
    displayName: 'Red Hat build of OpenTelemetry',
    packageName: 'opentelemetry-product',
    installNamespace: 'openshift-opentelemetry-operator',
    operatorGroup: 'create',
    namespaceLabels: MONITORED,
    crds: ['opentelemetrycollectors.opentelemetry.io'],
    lookalikes: ['opentelemetry-operator'],
  },
  elasticsearch: {
    id: 'elasticsearch',
    displayName: 'OpenShift Elasticsearch Operator',
    packageName: 'elasticsearch-operator',
    installNamespace: 'openshift-operators-redhat',
    operatorGroup: 'create',
    namespaceLabels: MONITORED,
    namespaceAnnotations: { 'openshift.io/node-selector': '' },
    crds: ['elasticsearches.logging.openshift.io'],
    lookalikes: ['elasticsearch-eck-operator-certified'],
    deprecated: true,
  },
  jaeger: {
    id: 'jaeger',
    displayName: 'Red Hat OpenShift distributed tracing platform (Jaeger)',
    packageName: 'jaeger-product',
    installNamespace: GLOBAL_OPERATORS_NAMESPACE,
    operatorGroup: 'global',
    crds: ['jaegers.jaegertracing.io'],
    lookalikes: ['jaeger'],
    deprecated: true,
  },
};

export const operatorForPackage = (packageName: string): OperatorSpec | undefined =>
  Object.values(OPERATORS).find((o) => o.packageName === packageName);
