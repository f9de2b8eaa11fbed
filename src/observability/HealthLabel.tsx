import { Icon } from '@patternfly/react-core';
import {
  CheckCircleIcon,
  ExclamationCircleIcon,
  ExclamationTriangleIcon,
  HourglassHalfIcon,
  UnknownIcon,
} from '@patternfly/react-icons';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthStatus } from '../mesh/observability/health';

/** Kiali's health word with the console's status icon and colour. */
export const HealthLabel: FC<{ status: HealthStatus }> = ({ status }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const [icon, text] = {
    Healthy: [
      <Icon key="i" status="success" isInline>
        <CheckCircleIcon />
      </Icon>,
      t('Healthy'),
    ],
    Degraded: [
      <Icon key="i" status="warning" isInline>
        <ExclamationTriangleIcon />
      </Icon>,
      t('Degraded'),
    ],
    Failure: [
      <Icon key="i" status="danger" isInline>
        <ExclamationCircleIcon />
      </Icon>,
      t('Failure'),
    ],
    NotReady: [
      <Icon key="i" isInline>
        <HourglassHalfIcon />
      </Icon>,
      t('Not ready'),
    ],
    NA: [
      <Icon key="i" isInline>
        <UnknownIcon />
      </Icon>,
      t('No traffic'),
    ],
  }[status];
  return (
    <span data-health={status}>
      {icon} {text}
    </span>
  );
};
