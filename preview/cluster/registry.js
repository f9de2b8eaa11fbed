'use strict';
// What the stand-in serves. Built-in kinds are always there; custom kinds exist only while a
// CustomResourceDefinition object for them is stored, exactly as on a real API server, so
// "operator installed" == "CRD objects created" and discovery follows.

const STD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const READ = ['get', 'list', 'watch'];

/** Built-in (non-CRD) resources. `status` = has a status subresource; `generation` = bumps. */
const BUILTINS = [
  ['', 'v1', 'Namespace', 'namespaces', false, ['ns'], { status: true }],
  ['', 'v1', 'Service', 'services', true, ['svc'], { status: true, categories: ['all'] }],
  ['', 'v1', 'Pod', 'pods', true, ['po'], { status: true, categories: ['all'] }],
  ['', 'v1', 'ServiceAccount', 'serviceaccounts', true, ['sa']],
  ['', 'v1', 'ConfigMap', 'configmaps', true, ['cm']],
  ['', 'v1', 'Secret', 'secrets', true, []],
  ['', 'v1', 'Event', 'events', true, ['ev']],
  ['', 'v1', 'Endpoints', 'endpoints', true, ['ep']],
  ['apps', 'v1', 'Deployment', 'deployments', true, ['deploy'], { gen: true, status: true }],
  ['apps', 'v1', 'StatefulSet', 'statefulsets', true, ['sts'], { gen: true, status: true }],
  ['apps', 'v1', 'ReplicaSet', 'replicasets', true, ['rs'], { gen: true, status: true }],
  ['apps', 'v1', 'DaemonSet', 'daemonsets', true, ['ds'], { gen: true, status: true }],
  // Served by every cluster and read by the console's own pages (a Deployment's page looks up
  // its PodDisruptionBudget, RuntimeClass and autoscalers); the stand-in keeps them empty.
  ['', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, ['pvc'], { status: true }],
  ['', 'v1', 'ReplicationController', 'replicationcontrollers', true, ['rc'], { status: true }],
  ['', 'v1', 'ResourceQuota', 'resourcequotas', true, ['quota'], { status: true }],
  ['', 'v1', 'LimitRange', 'limitranges', true, ['limits']],
  ['', 'v1', 'Node', 'nodes', false, ['no'], { status: true }],
  ['batch', 'v1', 'Job', 'jobs', true, [], { gen: true, status: true }],
  ['batch', 'v1', 'CronJob', 'cronjobs', true, ['cj'], { gen: true, status: true }],
  [
    'autoscaling',
    'v2',
    'HorizontalPodAutoscaler',
    'horizontalpodautoscalers',
    true,
    ['hpa'],
    { status: true },
  ],
  ['policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, ['pdb'], { status: true }],
  ['node.k8s.io', 'v1', 'RuntimeClass', 'runtimeclasses', false, []],
  ['networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', true, ['netpol']],
  ['networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, ['ing'], { status: true }],
  ['storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, ['sc']],
  [
    'apiextensions.k8s.io',
    'v1',
    'CustomResourceDefinition',
    'customresourcedefinitions',
    false,
    ['crd', 'crds'],
    { gen: true, status: true },
  ],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false, []],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false, []],
  ['rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true, []],
  ['rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true, []],
  [
    'authorization.k8s.io',
    'v1',
    'SelfSubjectAccessReview',
    'selfsubjectaccessreviews',
    false,
    [],
    { verbs: ['create'], virtual: true },
  ],
  [
    'authentication.k8s.io',
    'v1',
    'SelfSubjectReview',
    'selfsubjectreviews',
    false,
    [],
    { verbs: ['create'], virtual: true },
  ],
  // OpenShift aggregated APIs (not CRDs on a real cluster either).
  [
    'packages.operators.coreos.com',
    'v1',
    'PackageManifest',
    'packagemanifests',
    true,
    [],
    { verbs: READ, readOnly: true },
  ],
  ['route.openshift.io', 'v1', 'Route', 'routes', true, [], { status: true }],
  ['user.openshift.io', 'v1', 'User', 'users', false, [], { verbs: ['get'], virtual: true }],
  // OpenShift's Projects: an aggregated API over Namespaces, listing only what the user may see.
  [
    'project.openshift.io',
    'v1',
    'Project',
    'projects',
    false,
    [],
    { verbs: READ, virtual: true, mirrorOf: 'namespaces' },
  ],
];

const builtinTypes = BUILTINS.map(([group, version, kind, plural, namespaced, shortNames, o]) => ({
  group,
  versions: [version],
  storageVersion: version,
  kind,
  plural,
  singular: kind.toLowerCase(),
  namespaced,
  shortNames,
  categories: (o && o.categories) || [],
  verbs: (o && o.verbs) || STD,
  status: Boolean(o && o.status),
  generation: Boolean(o && o.gen),
  readOnly: Boolean(o && o.readOnly),
  virtual: Boolean(o && o.virtual),
  mirrorOf: (o && o.mirrorOf) || undefined,
  crd: false,
}));

/** A custom kind as described by a stored CRD object. */
const typeFromCrd = (crd) => {
  const spec = crd.spec || {};
  const served = (spec.versions || []).filter((v) => v.served !== false);
  if (!spec.group || !spec.names || !served.length) return null;
  const storage = (spec.versions || []).find((v) => v.storage) || served[0];
  return {
    group: spec.group,
    versions: served.map((v) => v.name),
    storageVersion: storage.name,
    kind: spec.names.kind,
    plural: spec.names.plural,
    singular: spec.names.singular || spec.names.kind.toLowerCase(),
    namespaced: spec.scope !== 'Cluster',
    shortNames: spec.names.shortNames || [],
    categories: spec.names.categories || [],
    verbs: STD,
    status: served.some((v) => v.subresources && v.subresources.status),
    generation: true,
    readOnly: false,
    virtual: false,
    crd: true,
  };
};

const typeKey = (t) => `${t.group}/${t.plural}`;

// Kubernetes' own ordering of versions: GA > beta > alpha, higher numbers first.
const versionRank = (v) => {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return [0, 0, 0];
  const level = m[2] === 'alpha' ? 1 : m[2] === 'beta' ? 2 : 3;
  return [level, Number(m[1]), Number(m[3] || 0)];
};
const compareVersions = (a, b) => {
  const ra = versionRank(a);
  const rb = versionRank(b);
  for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return rb[i] - ra[i];
  return a.localeCompare(b);
};

module.exports = { builtinTypes, typeFromCrd, typeKey, compareVersions, STD, READ };
