import { Button, Stack, StackItem } from '@patternfly/react-core';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { useWriteAction } from '../components/useWriteAction';
import { WriteErrorAlert } from '../components/WriteErrorAlert';
import { YamlPreview } from '../components/YamlPreview';
import { applyObjects } from '../k8s/writes';
import { mesh3KialiObjects } from '../mesh/install/installObjects';

/** Kiali for Service Mesh 3, reading metrics from cluster monitoring. */
export const KialiSection: FC<{ created: boolean; readOnly: boolean }> = ({
  created,
  readOnly,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { run, busy, error } = useWriteAction();
  const objects = mesh3KialiObjects({});
  if (created)
    return <span data-test="kiali-created">{t('Kiali is created in istio-system.')}</span>;
  return (
    <Stack hasGutter>
      <StackItem>
        <YamlPreview objects={objects} id="kiali" />
      </StackItem>
      {error !== undefined && (
        <StackItem>
          <WriteErrorAlert error={error} />
        </StackItem>
      )}
      <StackItem>
        <Button
          variant="primary"
          isDisabled={readOnly || busy}
          isLoading={busy}
          data-test="create-kiali"
          onClick={() => run(() => applyObjects(objects.map((data) => ({ data }))))}
        >
          {t('Create Kiali')}
        </Button>
      </StackItem>
    </Stack>
  );
};
