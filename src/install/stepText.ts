import type { TFunction } from 'i18next';
import type { ResourceKind, SkippableResource, StepNote } from '../mesh/install/installPlan';
import type { OperatorInstallState } from '../mesh/install/operatorStatus';

export const stateLabel = (t: TFunction, state: OperatorInstallState | 'skipped'): string =>
  ({
    'not-started': t('Pending'),
    resolving: t('Resolving'),
    'needs-approval': t('Needs approval'),
    installing: t('Installing'),
    failed: t('Failed'),
    done: t('Installed'),
    skipped: t('Skipped'),
  })[state];

export const noteText = (t: TFunction, note: StepNote): string => {
  switch (note.code) {
    case 'package-missing':
      return t('The package {{pkg}} is not in the redhat-operators catalog of this cluster.', {
        pkg: note.packageName,
      });
    case 'jaeger-removed':
      return t(
        'Replaces the distributed tracing platform (Jaeger), which was removed from the Red Hat catalog in November 2025.',
      );
    case 'deprecated':
      return t('Deprecated: only needed for legacy Jaeger storage. You can skip it.');
    case 'installed-elsewhere':
      return t('Already installed in namespace {{namespace}}; it will not be installed again.', {
        namespace: note.namespace,
      });
    case 'installed-from-other-catalog':
      return t(
        'Installed from the catalog {{source}}, not redhat-operators: this is not supported.',
        {
          source: note.source,
        },
      );
  }
};

export const resourceTitle = (t: TFunction, kind: ResourceKind): string =>
  ({
    'control-plane': t('Control plane'),
    members: t('Member namespaces'),
    metrics: t('Metrics'),
    tracing: t('Tracing'),
    'kiali-instance': t('Kiali'),
  })[kind];

/** What will not work without a step. */
export const skipConsequence = (t: TFunction, kind: SkippableResource): string =>
  ({
    metrics: t(
      "Without metrics nothing collects the mesh's traffic: Kiali's graph and health stay empty.",
    ),
    tracing: t('Without tracing no request is traced: the Traces tabs stay empty.'),
  })[kind];
