import {
  Alert,
  Button,
  Content,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  TextInput,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { HealthStatus } from '../components/HealthStatus';
import { useWriteAction } from '../components/useWriteAction';
import { WriteErrorAlert } from '../components/WriteErrorAlert';
import { YamlPreview } from '../components/yaml/YamlPreview';
import { applyObjects } from '../k8s/writes';
import {
  allowedIstioVersions,
  mesh2ControlPlaneObjects,
  mesh3ControlPlaneObjects,
  servedZtunnelVersion,
} from '../mesh/install/installObjects';
import type { DataPlaneMode } from '../mesh/install/installObjects';
import type { InstallState } from './useInstallState';

/** The control plane with safe defaults: Istio + IstioCNI for 3, SMCP + member roll for 2.6. */
export const ControlPlaneSection: FC<{ state: InstallState; readOnly: boolean }> = ({
  state,
  readOnly,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const versions = useMemo(
    () => allowedIstioVersions(state.data.istioCRDs[0]),
    [state.data.istioCRDs],
  );
  const [version, setVersion] = useState<string>();
  const [strategy, setStrategy] = useState<'InPlace' | 'RevisionBased'>('InPlace');
  const [dataPlane, setDataPlane] = useState<DataPlaneMode>('sidecar');
  const ztunnelApiVersion = servedZtunnelVersion(state.data.ztunnelCRDs[0]);
  const { run, busy, error } = useWriteAction();
  const exists =
    state.major === 'ossm3' ? state.data.istios.length > 0 : state.data.smcps.length > 0;
  const kialiDone = state.statuses.kiali?.state === 'done';
  const jaegerDone = state.statuses.jaeger?.state === 'done';
  const chosenVersion = version ?? versions[0];

  const objects =
    state.major === 'ossm3'
      ? chosenVersion
        ? mesh3ControlPlaneObjects({
            version: chosenVersion,
            updateStrategy: strategy,
            dataPlane: ztunnelApiVersion ? dataPlane : 'sidecar',
            ztunnelApiVersion,
          })
        : []
      : mesh2ControlPlaneObjects({
          tracing: jaegerDone ? 'Jaeger' : 'None',
          kiali: kialiDone,
          members: [],
        });

  if (exists) {
    return (
      <div data-test="control-plane-status">
        {state.controlPlaneHealth && <HealthStatus health={state.controlPlaneHealth} />}
        {state.controlPlaneHealth?.message && (
          <Alert isInline isPlain variant="warning" title={state.controlPlaneHealth.message} />
        )}
        {state.ztunnelHealth && (
          <div data-test="ztunnel-status">
            {t('ztunnel (ambient data plane):')} <HealthStatus health={state.ztunnelHealth} />
            {state.ztunnelHealth.message && (
              <Alert isInline isPlain variant="warning" title={state.ztunnelHealth.message} />
            )}
          </div>
        )}
      </div>
    );
  }
  const create = () => run(() => applyObjects(objects.map((data) => ({ data }))));
  return (
    <Form onSubmit={(e) => e.preventDefault()}>
      {state.major === 'ossm3' ? (
        <>
          <FormGroup label={t('Istio version')} fieldId="istio-version">
            {versions.length ? (
              <FormSelect
                id="istio-version"
                value={chosenVersion}
                onChange={(_, v) => setVersion(v)}
              >
                {versions.map((v, i) => (
                  <FormSelectOption
                    key={v}
                    value={v}
                    label={i === 0 ? t('{{v}} (newest, supported)', { v }) : v}
                  />
                ))}
              </FormSelect>
            ) : (
              <Alert
                isInline
                variant="info"
                title={t('Waiting for the Istio CRD to list its versions')}
              />
            )}
          </FormGroup>
          <FormGroup label={t('Control plane namespace')} fieldId="cp-namespace">
            <TextInput id="cp-namespace" value="istio-system" readOnlyVariant="default" />
          </FormGroup>
          <FormGroup label={t('Data plane')} fieldId="data-plane">
            <FormSelect
              id="data-plane"
              value={dataPlane}
              onChange={(_, v) => setDataPlane(v as DataPlaneMode)}
              isDisabled={!ztunnelApiVersion}
              data-test="data-plane"
            >
              <FormSelectOption
                value="sidecar"
                label={t('Sidecars: an Envoy proxy in each pod (default)')}
              />
              <FormSelectOption
                value="ambient"
                label={t('Ambient: ztunnel on each node, waypoints for layer 7')}
              />
            </FormSelect>
            <Content component="small" data-test="data-plane-help">
              {!ztunnelApiVersion
                ? t('This operator version serves no ZTunnel resource: ambient needs a newer one.')
                : dataPlane === 'ambient'
                  ? t(
                      'Namespaces join without restarting their pods, and get mutual TLS from ztunnel. Routing and layer-7 policies need a waypoint, which the Security and traffic pages create when needed. Namespaces can still use sidecars.',
                    )
                  : t(
                      'Each pod gets its proxy when it is created, so members restart their workloads.',
                    )}
            </Content>
          </FormGroup>
          <FormGroup label={t('Update strategy')} fieldId="update-strategy">
            <FormSelect
              id="update-strategy"
              value={strategy}
              onChange={(_, v) => setStrategy(v as 'InPlace' | 'RevisionBased')}
            >
              <FormSelectOption value="InPlace" label={t('In place (simplest)')} />
              <FormSelectOption
                value="RevisionBased"
                label={t('Revision based (canary upgrades)')}
              />
            </FormSelect>
          </FormGroup>
        </>
      ) : (
        <Alert
          isInline
          variant="info"
          title={t('ServiceMeshControlPlane "basic" (v2.6) in istio-system')}
          data-test="smcp-summary"
        >
          {jaegerDone
            ? t('Tracing: Jaeger (the Jaeger operator is installed).')
            : t(
                'Tracing: None (the Jaeger operator is not installed; a Jaeger setting would fail the control plane).',
              )}{' '}
          {kialiDone
            ? t('Kiali: enabled.')
            : t('Kiali: disabled (the Kiali operator is not installed).')}
        </Alert>
      )}
      <YamlPreview objects={objects} id="control-plane" />
      {error !== undefined && <WriteErrorAlert error={error} />}
      <Button
        variant="primary"
        onClick={create}
        isDisabled={readOnly || busy || objects.length === 0}
        isLoading={busy}
        data-test="create-control-plane"
      >
        {t('Create control plane')}
      </Button>
    </Form>
  );
};
