import {
  IstioCNIModel,
  IstioModel,
  NamespaceModel,
  OperatorGroupModel,
  ServiceMeshControlPlaneModel,
  ServiceMeshMemberRollModel,
  SubscriptionModel,
  ZTunnelModel,
  apiVersionOf,
  atVersion,
} from '../../models';
import type {
  CustomResourceDefinition,
  Istio,
  IstioCNI,
  K8sResourceCommon,
  Namespace,
  OperatorGroup,
  ServiceMeshControlPlane,
  ServiceMeshMemberRoll,
  Subscription,
  ZTunnel,
} from '../../models';
import { MARKETPLACE_NAMESPACE, REDHAT_CATALOG } from './operators';
import type { OperatorSpec } from './operators';

/** What the wizard creates, as plain objects: shown as YAML first, then written by src/k8s. */

export const CREATED_BY_LABEL = 'app.kubernetes.io/created-by';
export const CREATED_BY_VALUE = 'mesh-console-plugin';

const typeMeta = (model: Parameters<typeof apiVersionOf>[0]) => ({
  apiVersion: apiVersionOf(model),
  kind: model.kind,
});

/** Namespace, OperatorGroup (where the operator needs its own) and Subscription, in that order. */
export const operatorObjects = (
  op: OperatorSpec,
  channel: string,
  approval: 'Automatic' | 'Manual',
): K8sResourceCommon[] => {
  const objects: K8sResourceCommon[] = [];
  if (op.operatorGroup === 'create') {
    const ns: Namespace = {
      ...typeMeta(NamespaceModel),
      metadata: {
        name: op.installNamespace,
        ...(op.namespaceLabels ? { labels: { ...op.namespaceLabels } } : {}),
        ...(op.namespaceAnnotations ? { annotations: { ...op.namespaceAnnotations } } : {}),
      },
    };
    const og: OperatorGroup = {
      ...typeMeta(OperatorGroupModel),
      metadata: { name: op.installNamespace, namespace: op.installNamespace },
      // No targetNamespaces: the operator watches all namespaces (its only install mode).
      spec: op.id === 'elasticsearch' ? {} : { upgradeStrategy: 'Default' },
    };
    objects.push(ns, og);
  }
  const sub: Subscription = {
    ...typeMeta(SubscriptionModel),
    metadata: {
      name: op.packageName,
      namespace: op.installNamespace,
      // Marks an install the wizard started, so reopening the wizard resumes it.
      labels: { [CREATED_BY_LABEL]: CREATED_BY_VALUE },
    },
    spec: {
      name: op.packageName,
      channel,
      source: REDHAT_CATALOG,
      sourceNamespace: MARKETPLACE_NAMESPACE,
      installPlanApproval: approval,
    },
  };
  objects.push(sub);
  return objects;
};

export const namespaceObject = (name: string, labels?: Record<string, string>): Namespace => ({
  ...typeMeta(NamespaceModel),
  metadata: { name, ...(labels ? { labels } : {}) },
});

/** How workloads join the mesh: an Envoy sidecar per pod, or ztunnel per node (ambient). */
export type DataPlaneMode = 'sidecar' | 'ambient';

/** Where the wizard runs ztunnel (the Sail operator's default and its samples'). */
export const ZTUNNEL_NAMESPACE = 'ztunnel';

export type Mesh3ControlPlaneInput = {
  version: string;
  namespace?: string;
  updateStrategy?: 'InPlace' | 'RevisionBased';
  dataPlane?: DataPlaneMode;
  /** The ZTunnel API version the operator serves (v1 since Service Mesh 3.3, v1alpha1 before). */
  ztunnelApiVersion?: string;
};

/**
 * Istio named "default" (so InPlace revisions are "default" and istio-injection=enabled works)
 * and IstioCNI "default" (the only name allowed), with their namespaces first. For the ambient
 * data plane both take the `ambient` profile, istiod is told to trust ztunnel's namespace (it is
 * not istio-system), and a ZTunnel "default" (the only name allowed) runs ztunnel there.
 */
export const mesh3ControlPlaneObjects = ({
  version,
  namespace = 'istio-system',
  updateStrategy = 'InPlace',
  dataPlane = 'sidecar',
  ztunnelApiVersion = 'v1',
}: Mesh3ControlPlaneInput): K8sResourceCommon[] => {
  const ambient = dataPlane === 'ambient';
  const cni: IstioCNI = {
    ...typeMeta(IstioCNIModel),
    metadata: { name: 'default' },
    spec: { version, namespace: 'istio-cni', ...(ambient ? { profile: 'ambient' } : {}) },
  };
  const istio: Istio = {
    ...typeMeta(IstioModel),
    metadata: { name: 'default' },
    spec: {
      version,
      namespace,
      updateStrategy: { type: updateStrategy },
      ...(ambient
        ? { profile: 'ambient', values: { pilot: { trustedZtunnelNamespace: ZTUNNEL_NAMESPACE } } }
        : {}),
    },
  };
  // CNI first: Istio reports IstioCNINotFound until it exists.
  const objects: K8sResourceCommon[] = [
    namespaceObject('istio-cni'),
    cni,
    namespaceObject(namespace),
    istio,
  ];
  if (ambient) {
    const ztunnel: ZTunnel = {
      ...typeMeta(atVersion(ZTunnelModel, ztunnelApiVersion)),
      metadata: { name: 'default' },
      spec: { version, namespace: ZTUNNEL_NAMESPACE },
    };
    objects.push(namespaceObject(ZTUNNEL_NAMESPACE), ztunnel);
  }
  return objects;
};

/**
 * The ZTunnel version to write: v1 where served, else the newest served one; undefined when the
 * operator serves none (it predates ambient support).
 */
export const servedZtunnelVersion = (crd?: CustomResourceDefinition): string | undefined => {
  const served = (crd?.spec?.versions ?? []).filter((v) => v.served).map((v) => v.name);
  return served.includes('v1') ? 'v1' : served.sort().reverse()[0];
};

export type Mesh2ControlPlaneInput = {
  name?: string;
  namespace?: string;
  /** Only 'Jaeger' when the Jaeger CRD exists; otherwise the SMCP fails with DependencyMissingError. */
  tracing: 'None' | 'Jaeger';
  /** Only when the Kiali operator is installed, for the same reason. */
  kiali: boolean;
  members: string[];
};

export const mesh2ControlPlaneObjects = ({
  name = 'basic',
  namespace = 'istio-system',
  tracing,
  kiali,
  members,
}: Mesh2ControlPlaneInput): K8sResourceCommon[] => {
  const smcp: ServiceMeshControlPlane = {
    ...typeMeta(ServiceMeshControlPlaneModel),
    metadata: { name, namespace },
    spec: {
      version: 'v2.6',
      mode: 'MultiTenant',
      // Written explicitly: the 2.6 profile defaults to Jaeger, which is no longer installable.
      tracing: { type: tracing },
      policy: { type: 'Istiod' },
      telemetry: { type: 'Istiod' },
      security: { dataPlane: { mtls: true, automtls: true }, controlPlane: { mtls: true } },
      gateways: { openshiftRoute: { enabled: false } },
      addons: {
        prometheus: { enabled: true },
        grafana: { enabled: false },
        kiali: kiali ? { enabled: true, name: 'kiali' } : { enabled: false },
      },
    },
  };
  const smmr: ServiceMeshMemberRoll = {
    ...typeMeta(ServiceMeshMemberRollModel),
    metadata: { name: 'default', namespace },
    spec: { members: [...members] },
  };
  return [namespaceObject(namespace), smcp, smmr];
};

export type JSONPatchOp =
  { op: 'add' | 'replace' | 'test'; path: string; value: unknown } | { op: 'remove'; path: string };

/** RFC 6901: `~` and `/` in a key are escaped in a JSON pointer. */
export const pointerEscape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** JSON patch that sets (or, with null, removes) labels, leaving every other label alone. */
export const labelPatch = (
  obj: K8sResourceCommon,
  labels: Record<string, string | null>,
): JSONPatchOp[] => {
  const current = obj.metadata?.labels;
  const ops: JSONPatchOp[] = [];
  if (!current) {
    const toAdd = Object.fromEntries(Object.entries(labels).filter(([, v]) => v !== null));
    return Object.keys(toAdd).length ? [{ op: 'add', path: '/metadata/labels', value: toAdd }] : [];
  }
  for (const [key, value] of Object.entries(labels)) {
    const path = `/metadata/labels/${pointerEscape(key)}`;
    if (value === null) {
      if (key in current) ops.push({ op: 'remove', path });
    } else if (current[key] !== value) {
      ops.push({ op: key in current ? 'replace' : 'add', path, value });
    }
  }
  return ops;
};

export const DATAPLANE_MODE_LABEL = 'istio.io/dataplane-mode';

/**
 * Enrol a namespace in a Service Mesh 3 control plane. With sidecars: `istio-injection=enabled`
 * selects the revision (or tag) "default"; any other revision needs `istio.io/rev`, and never
 * both labels. Ambient: `istio.io/dataplane-mode=ambient` (plus `istio.io/rev` for another
 * revision) and no injection label, which would give new pods a sidecar, and a pod with a
 * sidecar is never captured by ztunnel. Switching mode rewrites the other mode's labels.
 */
export const mesh3MemberLabels = (
  revision: string,
  mode: DataPlaneMode = 'sidecar',
): Record<string, string | null> => {
  const rev = revision === 'default' ? null : revision;
  return mode === 'ambient'
    ? { [DATAPLANE_MODE_LABEL]: 'ambient', 'istio-injection': null, 'istio.io/rev': rev }
    : {
        'istio-injection': rev ? null : 'enabled',
        'istio.io/rev': rev,
        [DATAPLANE_MODE_LABEL]: null,
      };
};

/** The labels that take a namespace out of the mesh, whatever its mode. */
export const MESH3_LEAVE_LABELS: Record<string, null> = {
  'istio-injection': null,
  'istio.io/rev': null,
  [DATAPLANE_MODE_LABEL]: null,
};

/**
 * What `oc rollout restart` does: a new pod-template annotation, so pods are recreated (and get
 * their sidecar at creation). Service Mesh 2 injects only pods that opt in, so for it `inject`
 * also sets `sidecar.istio.io/inject: "true"` on the template. Other annotations are kept.
 */
export const restartPatch = (
  deployment: { spec?: { template?: { metadata?: { annotations?: Record<string, string> } } } },
  now: Date,
  { inject = false }: { inject?: boolean } = {},
): JSONPatchOp[] => {
  const wanted: Record<string, string> = {
    'kubectl.kubernetes.io/restartedAt': now.toISOString(),
    ...(inject ? { 'sidecar.istio.io/inject': 'true' } : {}),
  };
  const metadata = deployment.spec?.template?.metadata;
  if (!metadata) {
    return [{ op: 'add', path: '/spec/template/metadata', value: { annotations: wanted } }];
  }
  if (!metadata.annotations) {
    return [{ op: 'add', path: '/spec/template/metadata/annotations', value: wanted }];
  }
  return Object.entries(wanted).map(([key, value]) => ({
    op: 'add' as const,
    path: `/spec/template/metadata/annotations/${pointerEscape(key)}`,
    value,
  }));
};

const semverKey = (v: string) => {
  const m = v.match(/^v?(\d+)\.(\d+)(?:\.(\d+))?/);
  return m ? [Number(m[1]), Number(m[2]), m[3] === undefined ? -1 : Number(m[3])] : [-1, -1, -1];
};

/**
 * Istio versions the installed Sail operator accepts: the enum on `spec.version` of the served
 * Istio CRD version. Exact versions first, newest first (the newest is the only supported one),
 * then aliases such as v1.28-latest.
 */
export const allowedIstioVersions = (crd?: CustomResourceDefinition): string[] => {
  const version =
    crd?.spec?.versions.find((v) => v.served && v.storage) ??
    crd?.spec?.versions.find((v) => v.served);
  const values = (
    version?.schema?.openAPIV3Schema?.properties?.spec?.properties?.version?.enum ?? []
  ).filter((v): v is string => typeof v === 'string');
  const exact = values.filter((v) => /^v\d+\.\d+\.\d+$/.test(v));
  const aliases = values.filter((v) => !exact.includes(v));
  const desc = (a: string, b: string) => {
    const [x, y] = [semverKey(a), semverKey(b)];
    return y[0] - x[0] || y[1] - x[1] || y[2] - x[2];
  };
  return [...exact.sort(desc), ...aliases.sort(desc)];
};
