import { Alert, Content } from '@patternfly/react-core';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import type { KialiChecksResult } from '../k8s/useKialiChecks';

/**
 * Whether the problems shown include Kiali's own checks, and if not, why: without Kiali the
 * plugin's checks still stand, so this is information, not an error.
 */
export const KialiChecksNote: FC<{ kiali: KialiChecksResult }> = ({ kiali }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  if (kiali.error) {
    const why =
      kiali.error.kind === 'unreachable' || kiali.error.kind === 'network'
        ? t('Kiali could not be reached.')
        : kiali.error.kind === 'forbidden'
          ? t('Kiali refused your access.')
          : t('Kiali answered with an error.');
    return (
      <Alert
        isInline
        isPlain
        variant="info"
        title={t('Only this plugin’s checks are shown: {{why}}', { why })}
        data-test="kiali-checks"
        data-state="unavailable"
      />
    );
  }
  if (!kiali.checks) {
    return (
      <Content component="small" data-test="kiali-checks" data-state="loading">
        {t('Asking Kiali for its own checks…')}
      </Content>
    );
  }
  return (
    <Content component="small" data-test="kiali-checks" data-state="included">
      {t('Includes Kiali’s own checks.')}
    </Content>
  );
};
