import { Flex, Icon } from '@patternfly/react-core';
import { ExclamationCircleIcon, ExclamationTriangleIcon } from '@patternfly/react-icons';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';

/** Errors and warnings of one object, or "None". */
export const ProblemCounts: FC<{ errors: number; warnings: number; testId?: string }> = ({
  errors,
  warnings,
  testId,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (
    <span data-test={testId} data-errors={errors} data-warnings={warnings}>
      {errors === 0 && warnings === 0 ? (
        t('None')
      ) : (
        <Flex gap={{ default: 'gapMd' }} display={{ default: 'inlineFlex' }}>
          {errors > 0 && (
            <span>
              <Icon status="danger" isInline>
                <ExclamationCircleIcon />
              </Icon>{' '}
              {t('{{count}} errors', { count: errors })}
            </span>
          )}
          {warnings > 0 && (
            <span>
              <Icon status="warning" isInline>
                <ExclamationTriangleIcon />
              </Icon>{' '}
              {t('{{count}} warnings', { count: warnings })}
            </span>
          )}
        </Flex>
      )}
    </span>
  );
};
