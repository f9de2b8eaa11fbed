// How console 4.22 keys the models in its redux store (openshift/console
// public/module/k8s/k8s-models.ts `modelKey` and the SDK's k8s reducer): a discovered kind that
// matches one of the console's built-in models (frontend/public/models, those without
// `crd: true`) is stored under that model's key, its bare kind; every other kind under
// `group~version~Kind` (group `core` for the core API). Shared by the preview host's store and
// the unit tests' SDK mock, so both key models as the console does.

/** The console's built-in models, as group~version~Kind. */
export const CONSOLE_BUILT_IN_KINDS: ReadonlySet<string> = new Set([
  'core~v1~Service',
  'core~v1~Pod',
  'core~v1~Container',
  'core~v1~ServiceAccount',
  'core~v1~Namespace',
  'core~v1~ConfigMap',
  'core~v1~Secret',
  'core~v1~Event',
  'core~v1~Node',
  'core~v1~ReplicationController',
  'core~v1~PersistentVolume',
  'core~v1~PersistentVolumeClaim',
  'core~v1~ResourceQuota',
  'core~v1~LimitRange',
  'apps~v1~Deployment',
  'apps~v1~ReplicaSet',
  'apps~v1~StatefulSet',
  'apps~v1~DaemonSet',
  'batch~v1~Job',
  'batch~v1~CronJob',
  'autoscaling~v2~HorizontalPodAutoscaler',
  'apps.openshift.io~v1~DeploymentConfig',
  'build.openshift.io~v1~BuildConfig',
  'build.openshift.io~v1~Build',
  'image.openshift.io~v1~ImageStream',
  'project.openshift.io~v1~Project',
  'project.openshift.io~v1~ProjectRequest',
  'route.openshift.io~v1~Route',
  'networking.k8s.io~v1~Ingress',
  'networking.k8s.io~v1~NetworkPolicy',
  'apiextensions.k8s.io~v1~CustomResourceDefinition',
  'rbac.authorization.k8s.io~v1~Role',
  'rbac.authorization.k8s.io~v1~RoleBinding',
  'rbac.authorization.k8s.io~v1~ClusterRole',
  'rbac.authorization.k8s.io~v1~ClusterRoleBinding',
  'authorization.k8s.io~v1~SelfSubjectAccessReview',
  'storage.k8s.io~v1~StorageClass',
]);

type ModelRef = { apiGroup?: string; apiVersion: string; kind: string };

export const referenceOf = (m: ModelRef) => `${m.apiGroup || 'core'}~${m.apiVersion}~${m.kind}`;

/** The key console 4.22 stores a discovered model under. */
export const consoleModelKey = (m: ModelRef) =>
  CONSOLE_BUILT_IN_KINDS.has(referenceOf(m)) ? m.kind : referenceOf(m);
