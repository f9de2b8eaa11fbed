import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import {
  Button,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Radio,
  Stack,
  StackItem,
  TextInput,
} from '@patternfly/react-core';
import { useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { ReadinessList } from '../components/TelemetryChecklist';
import { useWriteAction } from '../components/useWriteAction';
import { WriteErrorAlert } from '../components/WriteErrorAlert';
import { ObjectDiff } from '../components/yaml/ObjectDiff';
import { YamlPreview } from '../components/yaml/YamlPreview';
import { applyEdits, applyObjects } from '../k8s/writes';
import {
  MESH_TELEMETRY,
  TEMPO_NAMESPACE,
  collectorObjects,
  collectorService,
  existingTempo,
  meshTelemetry,
  tempoObjects,
  tempoTarget,
  validateSamplingPercent,
  validateStorageSize,
  withTracingProvider,
} from '../mesh/install/observabilityObjects';
import type { TempoChoice } from '../mesh/install/observabilityObjects';
import { IstioModel, SecretModel, modelToGroupVersionKind } from '../models';
import type { K8sResourceCommon } from '../models';
import type { InstallState } from './useInstallState';
import { TRACING_LINKS } from './useOperatorInstaller';

/**
 * Traces: a Tempo instance (or the one the cluster has), an OpenTelemetry collector forwarding
 * to it, Istio's tracing provider added to the Istio CR in place, and a mesh-wide Telemetry with
 * the sampling the user picks.
 */
export const TracingSection: FC<{ state: InstallState; readOnly: boolean }> = ({
  state,
  readOnly,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { run, busy, error } = useWriteAction();
  const [kind, setKind] = useState<TempoChoice['kind']>('monolithic');
  const [storage, setStorage] = useState<'memory' | 'pv'>('memory');
  const [size, setSize] = useState('2Gi');
  const [secret, setSecret] = useState<string>();
  const [secretType, setSecretType] = useState<'s3' | 'azure' | 'gcs'>('s3');
  const [sampling, setSampling] = useState('1');
  // Only names: the wizard never reads secret values.
  const [secrets] = useK8sWatchResource<K8sResourceCommon[]>({
    groupVersionKind: modelToGroupVersionKind(SecretModel),
    namespace: TEMPO_NAMESPACE,
    isList: true,
    partialMetadata: true,
  });
  const secretNames = (secrets ?? []).map((s) => s.metadata?.name ?? '').filter(Boolean);
  const chosenSecret = secret ?? secretNames[0];

  const o = state.telemetryObjects;
  const present = existingTempo(o.tempoStacks.items, o.tempoMonolithics.items);
  const choice: TempoChoice =
    kind === 'stack'
      ? { kind, secretName: chosenSecret ?? '', secretType, size }
      : { kind, storage, size };
  const tempo = present ?? tempoTarget(choice);
  const cp = state.controlPlaneNamespace;
  const istio = state.data.istios.find((i) => (i.spec?.namespace ?? 'istio-system') === cp);
  const percent = Number(sampling);
  const samplingProblem = validateSamplingPercent(percent);
  const needsSize = !present && (kind === 'stack' || storage === 'pv');
  const sizeProblem = needsSize ? validateStorageSize(size) : undefined;
  const hasTelemetry = o.telemetries.items.some(
    (x) => x.metadata?.namespace === cp && x.metadata?.name === MESH_TELEMETRY,
  );
  const create = [
    ...(present ? [] : tempoObjects(choice)),
    ...collectorObjects(cp, tempo),
    ...(hasTelemetry ? [] : [meshTelemetry(cp, percent)]),
  ];
  const istioAfter = istio && withTracingProvider(istio, collectorService(cp));
  const stackWithoutSecret = !present && kind === 'stack' && !chosenSecret;

  const apply = () =>
    run(async () => {
      // Tempo and the collector first, so the provider Istio gets points at something real.
      await applyObjects(
        create
          .filter((x) => x.kind !== 'Telemetry')
          .map((data) => ({ data, ifExists: 'skip' as const })),
      );
      if (istio && istioAfter && istioAfter !== istio) {
        await applyEdits([{ model: IstioModel, before: istio, after: istioAfter }]);
      }
      await applyObjects(
        create
          .filter((x) => x.kind === 'Telemetry')
          .map((data) => ({ data, ifExists: 'skip' as const })),
      );
    });

  return (
    <Stack hasGutter data-test="tracing-section">
      <StackItem>
        <ReadinessList
          links={state.telemetry.links.filter((l) => TRACING_LINKS.includes(l.id))}
          controlPlane={cp}
          showFix={false}
        />
      </StackItem>
      <StackItem>
        <Form onSubmit={(e) => e.preventDefault()}>
          {present ? (
            <FormGroup label={t('Tempo')} fieldId="tempo-existing">
              <HelperText>
                <HelperTextItem>
                  {t('Uses the multi-tenant {{kind}} {{namespace}}/{{name}} (tenant {{tenant}}).', {
                    kind: present.kind,
                    namespace: present.namespace,
                    name: present.name,
                    tenant: present.tenant,
                  })}
                </HelperTextItem>
              </HelperText>
            </FormGroup>
          ) : (
            <FormGroup label={t('Tempo')} role="radiogroup" fieldId="tempo-kind" isStack>
              <Radio
                id="tempo-monolithic"
                name="tempo-kind"
                isChecked={kind === 'monolithic'}
                onChange={() => setKind('monolithic')}
                label={t('TempoMonolithic: one pod, for small clusters and trials')}
                description={t(
                  'Traces in memory (lost when the pod restarts) or on a persistent volume.',
                )}
              />
              <Radio
                id="tempo-stack"
                name="tempo-kind"
                isChecked={kind === 'stack'}
                onChange={() => setKind('stack')}
                label={t('TempoStack: distributed, on object storage, for production')}
                description={t(
                  'Needs a Secret in the tempo namespace with the bucket credentials (for S3: endpoint, bucket, access_key_id, access_key_secret).',
                )}
              />
            </FormGroup>
          )}
          {!present && kind === 'monolithic' && (
            <FormGroup label={t('Trace storage')} fieldId="tempo-storage">
              <FormSelect
                id="tempo-storage"
                value={storage}
                onChange={(_, v) => setStorage(v as 'memory' | 'pv')}
              >
                <FormSelectOption value="memory" label={t('In memory')} />
                <FormSelectOption value="pv" label={t('Persistent volume')} />
              </FormSelect>
            </FormGroup>
          )}
          {!present && kind === 'stack' && (
            <>
              <FormGroup label={t('Object storage secret')} fieldId="tempo-secret">
                {secretNames.length ? (
                  <FormSelect
                    id="tempo-secret"
                    value={chosenSecret}
                    onChange={(_, v) => setSecret(v)}
                  >
                    {secretNames.map((n) => (
                      <FormSelectOption key={n} value={n} label={n} />
                    ))}
                  </FormSelect>
                ) : (
                  <HelperText>
                    <HelperTextItem variant="warning" data-test="no-storage-secret">
                      {t(
                        'There is no Secret in the tempo namespace yet: create the one with your bucket credentials first.',
                      )}
                    </HelperTextItem>
                  </HelperText>
                )}
              </FormGroup>
              <FormGroup label={t('Storage type')} fieldId="tempo-secret-type">
                <FormSelect
                  id="tempo-secret-type"
                  value={secretType}
                  onChange={(_, v) => setSecretType(v as 's3' | 'azure' | 'gcs')}
                >
                  <FormSelectOption value="s3" label="S3" />
                  <FormSelectOption value="azure" label="Azure" />
                  <FormSelectOption value="gcs" label="GCS" />
                </FormSelect>
              </FormGroup>
            </>
          )}
          {needsSize && (
            <FormGroup label={t('Size')} fieldId="tempo-size">
              <TextInput
                id="tempo-size"
                value={size}
                onChange={(_, v) => setSize(v)}
                validated={sizeProblem ? 'error' : 'default'}
                data-test="tempo-size"
              />
              {sizeProblem && (
                <FormHelperText>
                  <HelperText>
                    <HelperTextItem variant="error" data-test="tempo-size-error">
                      {sizeProblem === 'zero'
                        ? t('The size must be more than 0.')
                        : t('A Kubernetes quantity, such as 2Gi or 500Mi.')}
                    </HelperTextItem>
                  </HelperText>
                </FormHelperText>
              )}
            </FormGroup>
          )}
          {!hasTelemetry && (
            <FormGroup label={t('Sampling (percent of requests traced)')} fieldId="sampling">
              <TextInput
                id="sampling"
                type="number"
                value={sampling}
                onChange={(_, v) => setSampling(v)}
                validated={samplingProblem ? 'error' : 'default'}
                data-test="sampling"
              />
              <FormHelperText>
                <HelperText>
                  <HelperTextItem variant={samplingProblem ? 'error' : 'default'}>
                    {samplingProblem
                      ? t('Between 0 (exclusive) and 100.')
                      : t(
                          'Each traced request costs a span per hop in the collector and in Tempo storage: 1 % traces one request in a hundred, enough to see latency and errors; 100 % multiplies that cost a hundredfold.',
                        )}
                  </HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
          )}
        </Form>
      </StackItem>
      <StackItem>
        <YamlPreview objects={create} id="tracing" />
      </StackItem>
      {istio && istioAfter && istioAfter !== istio && (
        <StackItem>
          <ObjectDiff
            id="istio-provider"
            title={t('Istio {{name}}', { name: istio.metadata?.name })}
            before={istio}
            after={istioAfter}
          />
        </StackItem>
      )}
      {error !== undefined && (
        <StackItem>
          <WriteErrorAlert error={error} />
        </StackItem>
      )}
      <StackItem>
        <Button
          variant="primary"
          onClick={apply}
          isDisabled={
            readOnly || busy || !!samplingProblem || !!sizeProblem || stackWithoutSecret || !istio
          }
          isLoading={busy}
          data-test="apply-tracing"
        >
          {t('Set up tracing')}
        </Button>
      </StackItem>
    </Stack>
  );
};
