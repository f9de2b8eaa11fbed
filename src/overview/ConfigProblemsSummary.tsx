import { Card, CardBody, Icon, Spinner } from '@patternfly/react-core';
import {
  CheckCircleIcon,
  ExclamationCircleIcon,
  ExclamationTriangleIcon,
} from '@patternfly/react-icons';
import { useMemo } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMeshConfigObjects } from '../k8s/useMeshConfigObjects';
import { ISTIO_CONFIG_PATH } from '../mesh/config/paths';
import { validateAll } from '../mesh/config/validateMeshConfig';

/**
 * How many problems the mesh's Istio configuration has, with the way to the list. It reads what
 * the configuration page reads (the console shares the watches when the user goes there).
 */
export const ConfigProblemsSummary: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const data = useMeshConfigObjects();
  const totals = useMemo(() => {
    if (!data.loaded || data.error) return undefined;
    let errors = 0;
    let warnings = 0;
    for (const issues of validateAll(data.index).values()) {
      for (const i of issues) {
        if (i.severity === 'error') errors++;
        else warnings++;
      }
    }
    return { errors, warnings };
  }, [data.loaded, data.error, data.index]);
  if (data.error || (data.loaded && !data.istioInstalled)) return null;

  let icon = <Spinner size="md" aria-label={t('Checking the Istio configuration')} />;
  if (totals?.errors) {
    icon = (
      <Icon status="danger" isInline>
        <ExclamationCircleIcon />
      </Icon>
    );
  } else if (totals?.warnings) {
    icon = (
      <Icon status="warning" isInline>
        <ExclamationTriangleIcon />
      </Icon>
    );
  } else if (totals) {
    icon = (
      <Icon status="success" isInline>
        <CheckCircleIcon />
      </Icon>
    );
  }
  return (
    <Card>
      <CardBody>
        {icon}{' '}
        <Link
          to={ISTIO_CONFIG_PATH}
          data-test="config-problems-summary"
          {...(totals ? { 'data-errors': totals.errors, 'data-warnings': totals.warnings } : {})}
        >
          {totals
            ? t('Istio config: {{errors}}, {{warnings}}', {
                errors: t('{{count}} errors', { count: totals.errors }),
                warnings: t('{{count}} warnings', { count: totals.warnings }),
              })
            : t('Checking the Istio configuration')}
        </Link>
      </CardBody>
    </Card>
  );
};
