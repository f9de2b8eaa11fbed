import type { TFunction } from 'i18next';
import type { FormId } from '../mesh/forms/registry';

/**
 * A form's label, translated. Each label is a literal t() call so the i18n parser finds it;
 * formLabel.test.ts keeps them equal to the registry's labelKey.
 */
export const formLabel = (t: TFunction, id: FormId): string => {
  switch (id) {
    case 'split':
      return t('Traffic split');
    case 'circuit-breaker':
      return t('Circuit breaker');
    case 'match-routing':
      return t('A/B routing');
    case 'resilience':
      return t('Timeouts, retries, faults');
    case 'expose':
      return t('Expose outside the cluster');
    case 'mtls':
      return t('mTLS mode');
    case 'authorization':
      return t('Allowed callers');
    case 'jwt':
      return t('End-user tokens (JWT)');
  }
};
