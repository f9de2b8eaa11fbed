import type { Istio, PackageManifest, ServiceMeshControlPlane, Subscription } from '../../models';
import { MARKETPLACE_NAMESPACE, OPERATORS, REDHAT_CATALOG } from './operators';
import type { OperatorId, OperatorSpec } from './operators';
import type { OperatorInstallStatus } from './operatorStatus';

/**
 * The install wizard's step graph. Service Mesh 3 follows its documented order (operator ->
 * IstioCNI and Istio -> members -> metrics -> optional Tempo/OpenTelemetry and the tracing
 * objects -> Kiali, pointed at both); 2.6 follows the 2.x
 * order "Elasticsearch (optional) -> distributed tracing -> Kiali -> Service Mesh", with
 * today's catalog: Jaeger was removed on 2025-11-03, so tracing is Tempo + OpenTelemetry or none.
 */

export type MeshMajor = 'ossm3' | 'ossm2';
export type TracingChoice = 'tempo' | 'jaeger' | 'none';

export type OperatorStep = {
  kind: 'operator';
  id: OperatorId;
  operator: OperatorSpec;
  optional: boolean;
  /** The user chose not to install it (or it was left out by the tracing choice). */
  skipped: boolean;
  /** The package exists in redhat-operators. */
  available: boolean;
  channels: string[];
  /** The chosen channel, else the PackageManifest's default. */
  channel?: string;
  /** An existing Subscription to this package (any namespace): shown as is, never recreated. */
  existing?: Subscription;
  /** Why the step is shaped as it is, for the page to explain. */
  notes: StepNote[];
};

export type ResourceKind = 'control-plane' | 'members' | 'metrics' | 'tracing' | 'kiali-instance';
/** Steps the user may skip, each with what will then not work. */
export type SkippableResource = 'metrics' | 'tracing';

export type ResourceStep = {
  kind: ResourceKind;
  id: string;
  skippable: boolean;
  /** Chosen by the user, or forced: tracing needs the Tempo and OpenTelemetry operators. */
  skipped: boolean;
  skipReason?: 'chosen' | 'operators-skipped';
};
export type InstallStep = OperatorStep | ResourceStep;

export type StepNote =
  | { code: 'package-missing'; packageName: string }
  | { code: 'jaeger-removed'; replacement: OperatorId[] }
  | { code: 'deprecated' }
  | { code: 'installed-elsewhere'; namespace: string }
  | { code: 'installed-from-other-catalog'; source: string };

export type PlanChoices = {
  skip?: OperatorId[];
  skipResources?: SkippableResource[];
  tracing?: TracingChoice;
  channels?: Partial<Record<OperatorId, string>>;
};

/** Only Red Hat's catalog counts; community look-alikes are never offered. */
export const findRedHatPackage = (packages: PackageManifest[], name: string) =>
  packages.find(
    (p) =>
      p.metadata?.name === name &&
      p.status?.catalogSource === REDHAT_CATALOG &&
      p.status?.catalogSourceNamespace === MARKETPLACE_NAMESPACE,
  );

/** The default channel; if none is set and there is exactly one channel, that one. */
export const defaultChannel = (pkg?: PackageManifest): string | undefined => {
  const channels = pkg?.status?.channels ?? [];
  return pkg?.status?.defaultChannel || (channels.length === 1 ? channels[0].name : undefined);
};

const ORDER: Record<
  MeshMajor,
  (tracing: TracingChoice) => { id: OperatorId | ResourceKind; optional?: boolean }[]
> = {
  ossm3: () => [
    { id: 'servicemesh3' },
    { id: 'control-plane' },
    { id: 'members' },
    { id: 'metrics' },
    { id: 'tempo', optional: true },
    { id: 'opentelemetry', optional: true },
    { id: 'tracing' },
    { id: 'kiali', optional: true },
    { id: 'kiali-instance' },
  ],
  ossm2: (tracing) => [
    { id: 'elasticsearch', optional: true },
    ...(tracing === 'jaeger'
      ? [{ id: 'jaeger' as const }]
      : tracing === 'tempo'
        ? [{ id: 'tempo' as const }, { id: 'opentelemetry' as const }]
        : []),
    { id: 'kiali', optional: true },
    { id: 'servicemesh2' },
    { id: 'control-plane' },
    { id: 'members' },
  ],
};

/**
 * Tracing for 2.6 when the user has not chosen: Jaeger only if the catalog still has it, else
 * Tempo + OpenTelemetry if available, else none.
 */
export const resolveTracing = (
  packages: PackageManifest[],
  chosen?: TracingChoice,
): TracingChoice => {
  if (chosen === 'jaeger' && !findRedHatPackage(packages, OPERATORS.jaeger.packageName)) {
    return findRedHatPackage(packages, OPERATORS.tempo.packageName) ? 'tempo' : 'none';
  }
  if (chosen) return chosen;
  if (findRedHatPackage(packages, OPERATORS.jaeger.packageName)) return 'jaeger';
  return findRedHatPackage(packages, OPERATORS.tempo.packageName) ? 'tempo' : 'none';
};

const RESOURCE_KINDS: readonly string[] = [
  'control-plane',
  'members',
  'metrics',
  'tracing',
  'kiali-instance',
];
const isResourceKind = (id: OperatorId | ResourceKind): id is ResourceKind =>
  RESOURCE_KINDS.includes(id);

export const buildInstallPlan = ({
  major,
  packages,
  subscriptions,
  choices = {},
}: {
  major: MeshMajor;
  packages: PackageManifest[];
  subscriptions: Subscription[];
  choices?: PlanChoices;
}): { steps: InstallStep[]; tracing: TracingChoice } => {
  const tracing = major === 'ossm2' ? resolveTracing(packages, choices.tracing) : 'none';
  const jaegerGone =
    major === 'ossm2' && !findRedHatPackage(packages, OPERATORS.jaeger.packageName);
  const steps = ORDER[major](tracing).map(({ id, optional = false }): InstallStep => {
    if (isResourceKind(id)) {
      const kind = id;
      const skippable = kind === 'metrics' || kind === 'tracing';
      const chosen = skippable && !!choices.skipResources?.includes(kind);
      return { kind, id, skippable, skipped: chosen, ...(chosen ? { skipReason: 'chosen' } : {}) };
    }
    const operator = OPERATORS[id];
    const pkg = findRedHatPackage(packages, operator.packageName);
    const existing = subscriptions.find((s) => s.spec?.name === operator.packageName);
    const notes: StepNote[] = [];
    if (!pkg) notes.push({ code: 'package-missing', packageName: operator.packageName });
    if (operator.deprecated) notes.push({ code: 'deprecated' });
    if (jaegerGone && (id === 'tempo' || id === 'opentelemetry')) {
      notes.push({ code: 'jaeger-removed', replacement: ['tempo', 'opentelemetry'] });
    }
    if (existing && existing.metadata?.namespace !== operator.installNamespace) {
      notes.push({ code: 'installed-elsewhere', namespace: existing.metadata?.namespace ?? '' });
    }
    if (existing && existing.spec.source !== REDHAT_CATALOG) {
      notes.push({ code: 'installed-from-other-catalog', source: existing.spec.source });
    }
    const chosen = choices.channels?.[id];
    const channels = (pkg?.status?.channels ?? []).map((c) => c.name);
    return {
      kind: 'operator',
      id,
      operator,
      optional,
      // A missing optional package is skipped; a missing required one blocks the plan.
      skipped: !!choices.skip?.includes(id) && optional ? true : optional && !pkg && !existing,
      available: !!pkg,
      channels,
      channel: chosen && channels.includes(chosen) ? chosen : defaultChannel(pkg),
      existing,
      notes,
    };
  });
  // The Kiali CR needs the Kiali operator.
  const operatorSkipped = (id: OperatorId) =>
    steps.some((s) => s.kind === 'operator' && s.id === id && s.skipped);
  // The tracing objects need both tracing operators.
  const shaped = steps.map((s) =>
    s.kind === 'tracing' &&
    !s.skipped &&
    (operatorSkipped('tempo') || operatorSkipped('opentelemetry'))
      ? { ...s, skipped: true, skipReason: 'operators-skipped' as const }
      : s,
  );
  return {
    tracing,
    steps: operatorSkipped('kiali') ? shaped.filter((s) => s.kind !== 'kiali-instance') : shaped,
  };
};

export type StepStatusMap = Partial<Record<string, OperatorInstallStatus>>;

/**
 * The operator step the wizard may start now: the first one not yet started, provided every
 * step before it is done or skipped. Nothing while an earlier step is still in progress.
 */
export const nextOperatorToStart = (
  steps: InstallStep[],
  statuses: StepStatusMap,
  resourceDone: (step: ResourceStep) => boolean,
): OperatorStep | undefined => {
  for (const step of steps) {
    if (step.kind !== 'operator') {
      if (!step.skipped && !resourceDone(step)) return undefined;
      continue;
    }
    if (step.skipped) continue;
    const state = statuses[step.id]?.state ?? 'not-started';
    if (state === 'done') continue;
    return state === 'not-started' && !step.existing && step.available ? step : undefined;
  }
  return undefined;
};

export type Conflict =
  | { code: 'other-major-subscription'; packageName: string; namespace: string }
  | {
      code: 'other-major-control-plane';
      kind: 'Istio' | 'ServiceMeshControlPlane';
      names: string[];
    };

/** Service Mesh 2 and 3 cannot coexist on one cluster: refuse, and say what is in the way. */
export const detectConflicts = (
  major: MeshMajor,
  cluster: { subscriptions: Subscription[]; istios: Istio[]; smcps: ServiceMeshControlPlane[] },
): Conflict[] => {
  const other = major === 'ossm3' ? OPERATORS.servicemesh2 : OPERATORS.servicemesh3;
  const conflicts: Conflict[] = cluster.subscriptions
    .filter((s) => s.spec?.name === other.packageName)
    .map((s) => ({
      code: 'other-major-subscription',
      packageName: other.packageName,
      namespace: s.metadata?.namespace ?? '',
    }));
  const planes =
    major === 'ossm3'
      ? cluster.smcps.map((s) => `${s.metadata?.namespace}/${s.metadata?.name}`)
      : cluster.istios.map((i) => i.metadata?.name ?? '');
  if (planes.length) {
    conflicts.push({
      code: 'other-major-control-plane',
      kind: major === 'ossm3' ? 'ServiceMeshControlPlane' : 'Istio',
      names: planes,
    });
  }
  return conflicts;
};

/** Installed community look-alikes of the operators we install: the wizard warns about them. */
export const findLookalikes = (subscriptions: Subscription[]): Subscription[] => {
  const names = new Set(Object.values(OPERATORS).flatMap((o) => o.lookalikes));
  const ours = new Set(Object.values(OPERATORS).map((o) => o.packageName));
  return subscriptions.filter(
    (s) => names.has(s.spec?.name) || (ours.has(s.spec?.name) && s.spec?.source !== REDHAT_CATALOG),
  );
};
