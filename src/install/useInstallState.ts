import type { WatchK8sResources } from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import { isApiAbsent } from '../k8s/errors';
import { useServedWatches } from '../k8s/useServedWatches';
import { useTelemetryObjects } from '../k8s/useTelemetryObjects';
import { buildInstallPlan, detectConflicts, findLookalikes } from '../mesh/install/installPlan';
import type {
  InstallStep,
  MeshMajor,
  PlanChoices,
  StepStatusMap,
} from '../mesh/install/installPlan';
import { MARKETPLACE_NAMESPACE } from '../mesh/install/operators';
import { deriveOperatorStatus } from '../mesh/install/operatorStatus';
import { namespaceDataPlane, sailHealth, smcpHealth } from '../mesh/meshDetection';
import type { Health } from '../mesh/meshDetection';
import { telemetryReadiness } from '../mesh/observability/telemetryReadiness';
import type {
  TelemetryObjects,
  TelemetryReadiness,
} from '../mesh/observability/telemetryReadiness';
import {
  ClusterServiceVersionModel,
  CustomResourceDefinitionModel,
  InstallPlanModel,
  IstioCNIModel,
  IstioModel,
  KialiModel,
  NamespaceModel,
  PackageManifestModel,
  ServiceMeshControlPlaneModel,
  ServiceMeshMemberRollModel,
  SubscriptionModel,
  ZTunnelModel,
  modelToGroupVersionKind,
} from '../models';
import type {
  ClusterServiceVersion,
  CustomResourceDefinition,
  InstallPlan,
  Istio,
  IstioCNI,
  K8sModel,
  Kiali,
  Namespace,
  PackageManifest,
  ServiceMeshControlPlane,
  ServiceMeshMemberRoll,
  Subscription,
  ZTunnel,
} from '../models';

type Watched = {
  packages: PackageManifest[];
  subscriptions: Subscription[];
  installPlans: InstallPlan[];
  csvs: ClusterServiceVersion[];
  istioCRDs: CustomResourceDefinition[];
  ztunnelCRDs: CustomResourceDefinition[];
  istios: Istio[];
  istioCNIs: IstioCNI[];
  ztunnels: ZTunnel[];
  smcps: ServiceMeshControlPlane[];
  memberRolls: ServiceMeshMemberRoll[];
  kialis: Kiali[];
  namespaces: Namespace[];
};

const list = (model: K8sModel, extra: object = {}) => ({
  groupVersionKind: modelToGroupVersionKind(model),
  isList: true,
  ...extra,
});

const WATCHES: WatchK8sResources<Watched> = {
  packages: list(PackageManifestModel, { namespace: MARKETPLACE_NAMESPACE }),
  subscriptions: list(SubscriptionModel),
  installPlans: list(InstallPlanModel),
  // OLM copies an all-namespaces CSV into every namespace; the copies carry olm.copiedFrom.
  csvs: list(ClusterServiceVersionModel, {
    selector: { matchExpressions: [{ key: 'olm.copiedFrom', operator: 'DoesNotExist' }] },
  }),
  // A list by name rather than a get: before the operator exists there is simply no item,
  // instead of a 404 on every watch attempt.
  istioCRDs: list(CustomResourceDefinitionModel, {
    fieldSelector: 'metadata.name=istios.sailoperator.io',
  }),
  // Which ZTunnel versions the operator serves (v1 from 3.3, v1alpha1 before).
  ztunnelCRDs: list(CustomResourceDefinitionModel, {
    fieldSelector: 'metadata.name=ztunnels.sailoperator.io',
  }),
  istios: list(IstioModel),
  istioCNIs: list(IstioCNIModel),
  ztunnels: list(ZTunnelModel),
  smcps: list(ServiceMeshControlPlaneModel),
  memberRolls: list(ServiceMeshMemberRollModel),
  kialis: list(KialiModel),
  namespaces: list(NamespaceModel),
};

const WATCH_KIND: Record<keyof Watched, string> = {
  packages: 'PackageManifest',
  subscriptions: 'Subscription',
  installPlans: 'InstallPlan',
  csvs: 'ClusterServiceVersion',
  istioCRDs: 'CustomResourceDefinition',
  ztunnelCRDs: 'CustomResourceDefinition',
  istios: 'Istio',
  istioCNIs: 'IstioCNI',
  ztunnels: 'ZTunnel',
  smcps: 'ServiceMeshControlPlane',
  memberRolls: 'ServiceMeshMemberRoll',
  kialis: 'Kiali',
  namespaces: 'Namespace',
};

// These kinds only exist once their operator is installed; their absence is not an error.
const OPTIONAL: (keyof Watched)[] = [
  'istios',
  'istioCNIs',
  'ztunnels',
  'smcps',
  'memberRolls',
  'kialis',
];

export type InstallState = {
  loaded: boolean;
  /** A watch that failed for another reason than "not installed", and which kind it was. */
  error?: { kind: string; error: unknown };
  major: MeshMajor;
  /** An operator of this major is already subscribed: its install is under way or done. */
  majorInstalled: boolean;
  steps: InstallStep[];
  tracing: ReturnType<typeof buildInstallPlan>['tracing'];
  statuses: StepStatusMap;
  conflicts: ReturnType<typeof detectConflicts>;
  lookalikes: Subscription[];
  data: Watched;
  controlPlaneHealth?: Health;
  /** ztunnel's health when the ambient data plane is installed. */
  ztunnelHealth?: Health;
  /** The control plane runs the ambient profile: namespaces may join either way. */
  ambient: boolean;
  members: string[];
  /** The members enrolled in ambient (the rest use sidecars). */
  ambientMembers: string[];
  /** Members whose pods get a sidecar when (re)created: where restarting now helps. */
  readyMembers: string[];
  kialiCreated: boolean;
  /** The control plane's namespace (also the mesh root namespace). */
  controlPlaneNamespace: string;
  /** The telemetry chain for the whole mesh: what the metrics and tracing steps complete. */
  telemetry: TelemetryReadiness;
  telemetryObjects: TelemetryObjects;
};

const arr = <T>(v: T[] | undefined, err: unknown): T[] => (err ? [] : (v ?? []));

export const useInstallState = (
  chosenMajor: MeshMajor | undefined,
  choices: PlanChoices,
): InstallState => {
  const r = useServedWatches<Watched>(WATCHES);
  const telemetryWatch = useTelemetryObjects();
  return useMemo(() => {
    const keys = Object.keys(WATCHES) as (keyof Watched)[];
    const hardError = keys.find(
      (k) => r[k].loadError && !(OPTIONAL.includes(k) && isApiAbsent(r[k].loadError)),
    );
    const loaded = keys.every((k) => r[k].loaded || r[k].loadError) && telemetryWatch.loaded;
    const data: Watched = {
      packages: arr(r.packages.data, r.packages.loadError),
      subscriptions: arr(r.subscriptions.data, r.subscriptions.loadError),
      installPlans: arr(r.installPlans.data, r.installPlans.loadError),
      csvs: arr(r.csvs.data, r.csvs.loadError),
      istioCRDs: arr(r.istioCRDs.data, r.istioCRDs.loadError),
      ztunnelCRDs: arr(r.ztunnelCRDs.data, r.ztunnelCRDs.loadError),
      istios: arr(r.istios.data, r.istios.loadError),
      istioCNIs: arr(r.istioCNIs.data, r.istioCNIs.loadError),
      ztunnels: arr(r.ztunnels.data, r.ztunnels.loadError),
      smcps: arr(r.smcps.data, r.smcps.loadError),
      memberRolls: arr(r.memberRolls.data, r.memberRolls.loadError),
      kialis: arr(r.kialis.data, r.kialis.loadError),
      namespaces: arr(r.namespaces.data, r.namespaces.loadError),
    };
    // What is installed is the default major; choosing the other one shows why it is refused.
    const has = (pkg: string) => data.subscriptions.some((s) => s.spec?.name === pkg);
    const installed: MeshMajor | undefined = has('servicemeshoperator3')
      ? 'ossm3'
      : has('servicemeshoperator')
        ? 'ossm2'
        : undefined;
    const major = chosenMajor ?? installed ?? 'ossm3';
    const { steps, tracing } = buildInstallPlan({
      major,
      packages: data.packages,
      subscriptions: data.subscriptions,
      choices,
    });
    const statuses: StepStatusMap = {};
    for (const step of steps) {
      if (step.kind !== 'operator') continue;
      const subscription = data.subscriptions.find(
        (s) => s.spec?.name === step.operator.packageName,
      );
      const ns = subscription?.metadata?.namespace;
      const planRef = subscription?.status?.installPlanRef;
      statuses[step.id] = deriveOperatorStatus({
        subscription,
        installPlan: data.installPlans.find(
          (p) => p.metadata?.name === planRef?.name && p.metadata?.namespace === planRef?.namespace,
        ),
        csv: data.csvs.find(
          (c) =>
            c.metadata?.name === subscription?.status?.installedCSV && c.metadata?.namespace === ns,
        ),
      });
    }
    const istio = data.istios.find((i) => i.metadata?.name === 'default') ?? data.istios[0];
    const smcp = data.smcps[0];
    const controlPlaneHealth =
      major === 'ossm3'
        ? istio
          ? sailHealth(istio)
          : undefined
        : smcp
          ? smcpHealth(smcp)
          : undefined;
    const revision = istio?.status?.activeRevisionName ?? istio?.metadata?.name ?? 'default';
    const ztunnel = data.ztunnels.find((z) => z.metadata?.name === 'default');
    const mesh3Members = data.namespaces.filter((n) => {
      const l = n.metadata?.labels ?? {};
      return (
        l['istio.io/rev'] === revision ||
        (!l['istio.io/rev'] &&
          (l['istio-injection'] === 'enabled' || l['istio.io/dataplane-mode'] === 'ambient'))
      );
    });
    const members =
      major === 'ossm3'
        ? mesh3Members.map((n) => n.metadata?.name ?? '')
        : (data.memberRolls.find((m) => m.metadata?.name === 'default')?.spec?.members ?? []);
    const ambientMembers =
      major === 'ossm3'
        ? mesh3Members
            .filter((n) => namespaceDataPlane(n) === 'ambient')
            .map((n) => n.metadata?.name ?? '')
        : [];
    // Pods get a sidecar only once their namespace is in the mesh: on 2.6 that is when the
    // operator has configured the member (status), not when the roll lists it (spec).
    const ready =
      major === 'ossm3'
        ? members
        : (data.memberRolls.find((m) => m.metadata?.name === 'default')?.status
            ?.configuredMembers ?? []);
    const controlPlaneNamespace =
      major === 'ossm3'
        ? (istio?.spec?.namespace ?? 'istio-system')
        : (smcp?.metadata?.namespace ?? 'istio-system');
    const telemetry = telemetryReadiness(
      telemetryWatch.objects,
      { kind: 'mesh', members },
      controlPlaneNamespace,
    );
    return {
      loaded,
      error: hardError ? { kind: WATCH_KIND[hardError], error: r[hardError].loadError } : undefined,
      major,
      majorInstalled: installed === major,
      steps,
      tracing,
      statuses,
      conflicts: detectConflicts(major, data),
      lookalikes: findLookalikes(data.subscriptions),
      data,
      controlPlaneHealth,
      ztunnelHealth: ztunnel ? sailHealth(ztunnel) : undefined,
      ambient: istio?.spec?.profile === 'ambient' || Boolean(ztunnel),
      members: [...members].sort(),
      ambientMembers: [...ambientMembers].sort(),
      readyMembers: [...ready].sort(),
      kialiCreated: data.kialis.length > 0,
      controlPlaneNamespace,
      telemetry,
      telemetryObjects: telemetryWatch.objects,
    };
  }, [r, telemetryWatch, chosenMajor, choices]);
};
