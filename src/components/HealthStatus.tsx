import { ErrorStatus, ProgressStatus, SuccessStatus } from '@openshift-console/dynamic-plugin-sdk';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import type { Health } from '../mesh/meshDetection';

/** A mesh object's health in the console's own status idiom (icon plus word). */
export const HealthStatus: FC<{ health: Health }> = ({ health }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  switch (health.state) {
    case 'healthy':
      return <SuccessStatus title={t('Healthy')} />;
    case 'degraded':
      return <ErrorStatus title={t('Degraded')} />;
    default:
      return (
        <ProgressStatus title={health.reason === 'Deleting' ? t('Deleting') : t('Progressing')} />
      );
  }
};
