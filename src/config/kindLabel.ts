import type { TFunction } from 'i18next';
import type { ListedKind } from '../k8s/useMeshConfigObjects';

/** A kind as the list names it: Kubernetes names kinds in English; only the API is worded. */
export const kindLabel = (t: TFunction, kind: ListedKind): string =>
  kind.type === 'k8sgateways' ? t('Gateway (Gateway API)') : kind.kind;
