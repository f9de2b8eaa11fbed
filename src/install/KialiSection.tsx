import { Button, Content, Stack, StackItem } from '@patternfly/react-core';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { ReadinessList } from '../components/TelemetryChecklist';
import { useWriteAction } from '../components/useWriteAction';
import { WriteErrorAlert } from '../components/WriteErrorAlert';
import { ObjectDiff } from '../components/yaml/ObjectDiff';
import { YamlPreview } from '../components/yaml/YamlPreview';
import { applyEdits, applyObjects } from '../k8s/writes';
import {
  existingTempo,
  kialiMonitoringBinding,
  kialiTraceReaderObjects,
  mesh3KialiObjects,
  withKialiTracing,
} from '../mesh/install/observabilityObjects';
import { KialiModel } from '../models';
import type { InstallState } from './useInstallState';

/**
 * Kiali for Service Mesh 3, reading metrics from cluster monitoring and, when the tracing step
 * is done, traces from Tempo. An existing Kiali is pointed at Tempo in place.
 */
export const KialiSection: FC<{ state: InstallState; readOnly: boolean }> = ({
  state,
  readOnly,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { run, busy, error } = useWriteAction();
  const o = state.telemetryObjects;
  const tracingStep = state.steps.find((s) => s.kind === 'tracing');
  const wantsTracing = tracingStep?.kind === 'tracing' && !tracingStep.skipped;
  const tempo = wantsTracing
    ? existingTempo(o.tempoStacks.items, o.tempoMonolithics.items)
    : undefined;
  const cp = state.controlPlaneNamespace;
  const kiali = state.data.kialis[0];
  const links = (
    <ReadinessList
      links={state.telemetry.links.filter(
        (l) => l.id === 'kiali-metrics' || (wantsTracing && l.id === 'kiali-tracing'),
      )}
      controlPlane={cp}
      showFix={false}
    />
  );

  if (!kiali) {
    const objects = mesh3KialiObjects({ namespace: cp, tempo });
    return (
      <Stack hasGutter>
        <StackItem>{links}</StackItem>
        {wantsTracing && !tempo && (
          <StackItem>
            <Content component="p">
              {t('Kiali will read traces once the tracing step has created its Tempo.')}
            </Content>
          </StackItem>
        )}
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
            onClick={() =>
              run(() => applyObjects(objects.map((data) => ({ data, ifExists: 'skip' as const }))))
            }
          >
            {t('Create Kiali')}
          </Button>
        </StackItem>
      </Stack>
    );
  }

  // Kiali exists: add what it still lacks, in place.
  const after = tempo ? withKialiTracing(kiali, tempo) : kiali;
  const kialiNs = kiali.metadata?.namespace ?? cp;
  const missing = [
    ...(state.telemetry.links.find((l) => l.id === 'kiali-metrics')?.state === 'missing'
      ? [kialiMonitoringBinding(kialiNs)]
      : []),
    ...(tempo && after !== kiali ? kialiTraceReaderObjects(kialiNs, tempo) : []),
  ];
  const changes = after !== kiali || missing.length > 0;
  return (
    <Stack hasGutter>
      <StackItem>
        <span data-test="kiali-created">
          {t('Kiali is created in {{namespace}}.', { namespace: kialiNs })}
        </span>
      </StackItem>
      <StackItem>{links}</StackItem>
      {after !== kiali && (
        <StackItem>
          <ObjectDiff
            id="kiali"
            title={t('Kiali {{name}}', { name: kiali.metadata?.name })}
            before={kiali}
            after={after}
          />
        </StackItem>
      )}
      {missing.length > 0 && (
        <StackItem>
          <YamlPreview objects={missing} id="kiali-rbac" />
        </StackItem>
      )}
      {error !== undefined && (
        <StackItem>
          <WriteErrorAlert error={error} />
        </StackItem>
      )}
      {changes && (
        <StackItem>
          <Button
            variant="primary"
            isDisabled={readOnly || busy}
            isLoading={busy}
            data-test="update-kiali"
            onClick={() =>
              run(async () => {
                await applyObjects(missing.map((data) => ({ data, ifExists: 'skip' as const })));
                if (after !== kiali) {
                  await applyEdits([{ model: KialiModel, before: kiali, after }]);
                }
              })
            }
          >
            {tempo && after !== kiali ? t('Point Kiali at Tempo') : t('Let Kiali read the metrics')}
          </Button>
        </StackItem>
      )}
    </Stack>
  );
};
