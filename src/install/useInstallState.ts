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
import { sailHealth, smcpHealth } from '../mesh/meshDetection';
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
} from '../models';

type Watched = {
  packages: PackageManifest[];
  subscriptions: Subscription[];
  installPlans: InstallPlan[];
  csvs: ClusterServiceVersion[];
  istioCRDs: CustomResourceDefinition[];
  istios: Istio[];
  istioCNIs: IstioCNI[];
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
  istios: list(IstioModel),
  istioCNIs: list(IstioCNIModel),
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
  istios: 'Istio',
  istioCNIs: 'IstioCNI',
  smcps: 'ServiceMeshControlPlane',
  memberRolls: 'ServiceMeshMemberRoll',
  kialis: 'Kiali',
  namespaces: 'Namespace',
};

// These kinds only exist once their operator is installed; their absence is not an error.
const OPTIONAL: (keyof Watched)[] = ['istios', 'istioCNIs', 'smcps', 'memberRolls', 'kialis'];

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
  members: string[];
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
      istios: arr(r.istios.data, r.istios.loadError),
      istioCNIs: arr(r.istioCNIs.data, r.istioCNIs.loadError),
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
    const members =
      major === 'ossm3'
        ? data.namespaces
            .filter((n) => {
              const l = n.metadata?.labels ?? {};
              return (
                l['istio.io/rev'] === revision ||
                (!l['istio.io/rev'] && l['istio-injection'] === 'enabled')
              );
            })
            .map((n) => n.metadata?.name ?? '')
        : (data.memberRolls.find((m) => m.metadata?.name === 'default')?.spec?.members ?? []);
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
      members: [...members].sort(),
      readyMembers: [...ready].sort(),
      kialiCreated: data.kialis.length > 0,
      controlPlaneNamespace,
      telemetry,
      telemetryObjects: telemetryWatch.objects,
    };
  }, [r, telemetryWatch, chosenMajor, choices]);
};
