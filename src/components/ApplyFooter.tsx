import { Alert, Button, Stack, StackItem } from '@patternfly/react-core';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { translateWriteError } from '../k8s/writes';
import { WriteErrorAlert } from './WriteErrorAlert';

/**
 * The end of every edit form: what went wrong with the last write, and Apply. A conflict (the
 * objects changed since the form read them) is not a failure to fix but a diff to review again.
 */
export const ApplyFooter: FC<{
  error: unknown;
  busy: boolean;
  disabled: boolean;
  onApply: () => void;
}> = ({ error, busy, disabled, onApply }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const conflict = error !== undefined && translateWriteError(error).reason === 'conflict';
  return (
    <Stack hasGutter>
      {conflict && (
        <StackItem>
          <Alert
            isInline
            variant="warning"
            title={t('Changed since you opened it')}
            data-test="conflict"
          >
            {t(
              'Someone changed these objects meanwhile. The diff above now starts from their version; review it and apply again.',
            )}
          </Alert>
        </StackItem>
      )}
      {error !== undefined && !conflict && (
        <StackItem>
          <WriteErrorAlert error={error} />
        </StackItem>
      )}
      <StackItem>
        <Button
          variant="primary"
          onClick={onApply}
          isDisabled={busy || disabled}
          isLoading={busy}
          data-test="apply"
        >
          {t('Apply')}
        </Button>
      </StackItem>
    </Stack>
  );
};
