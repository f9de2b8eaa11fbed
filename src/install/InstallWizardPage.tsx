import { DocumentTitle, useAccessReview } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  AlertActionLink,
  Bullseye,
  Button,
  Card,
  CardBody,
  CardTitle,
  Checkbox,
  Content,
  FormSelect,
  FormSelectOption,
  PageSection,
  Radio,
  Spinner,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { WriteErrorAlert } from '../components/WriteErrorAlert';
import { YamlPreview } from '../components/yaml/YamlPreview';
import { errorMessage } from '../k8s/errors';
import { operatorObjects } from '../mesh/install/installObjects';
import type {
  MeshMajor,
  OperatorStep,
  PlanChoices,
  ResourceStep,
  SkippableResource,
  TracingChoice,
} from '../mesh/install/installPlan';
import type { OperatorId } from '../mesh/install/operators';
import { ControlPlaneSection } from './ControlPlaneSection';
import { KialiSection } from './KialiSection';
import { MembersSection } from './MembersSection';
import { MetricsSection } from './MetricsSection';
import { OperatorStepItem } from './OperatorStepItem';
import { resourceTitle, skipConsequence, stateLabel } from './stepText';
import { TracingSection } from './TracingSection';
import { useApproveInstallPlan } from './useApproveInstallPlan';
import { useInstallState } from './useInstallState';
import { resourceStepDone, useOperatorInstaller } from './useOperatorInstaller';

const useCanInstall = (): [boolean, boolean] => {
  const [subs, subsLoading] = useAccessReview({
    group: 'operators.coreos.com',
    resource: 'subscriptions',
    verb: 'create',
    namespace: 'openshift-operators',
  });
  const [ns, nsLoading] = useAccessReview({ group: '', resource: 'namespaces', verb: 'create' });
  return [subs && ns, subsLoading || nsLoading];
};

const InstallWizardPage: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const navigate = useNavigate();
  const [chosenMajor, setChosenMajor] = useState<MeshMajor>();
  const [skip, setSkip] = useState<OperatorId[]>([]);
  const [skipResources, setSkipResources] = useState<SkippableResource[]>([]);
  const [tracing, setTracing] = useState<TracingChoice>();
  const [channels, setChannels] = useState<Partial<Record<OperatorId, string>>>({});
  const [approval, setApproval] = useState<'Automatic' | 'Manual'>('Automatic');
  const choices: PlanChoices = useMemo(
    () => ({ skip, skipResources, tracing, channels }),
    [skip, skipResources, tracing, channels],
  );
  const state = useInstallState(chosenMajor, choices);
  const [canInstall, accessLoading] = useCanInstall();
  const readOnly = !canInstall;
  const installer = useOperatorInstaller(state, approval, canInstall);
  const approve = useApproveInstallPlan(state);

  if (!state.loaded || accessLoading) {
    return (
      <Bullseye>
        <Spinner aria-label={t('Loading the install state')} />
      </Bullseye>
    );
  }
  const resourceDone = resourceStepDone(state);
  const operatorSteps = state.steps.filter((s): s is OperatorStep => s.kind === 'operator');
  const allDone = state.steps.every((s) =>
    s.kind === 'operator'
      ? s.skipped || state.statuses[s.id]?.state === 'done'
      : s.skipped || resourceDone(s),
  );
  // What the user will not have, said plainly when the install is done without it.
  const skippedObservability = state.steps.filter(
    (s): s is ResourceStep => s.kind !== 'operator' && s.skipped,
  );
  const missingRequired = operatorSteps.filter((s) => !s.optional && !s.available && !s.existing);
  const nextObjects = installer.next?.channel
    ? operatorObjects(installer.next.operator, installer.next.channel, approval)
    : [];

  return (
    <>
      <DocumentTitle>{t('Install Service Mesh')}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">{t('Install Service Mesh')}</Title>
        <Content component="p">
          {t(
            'Installs the operators from the redhat-operators catalog in the documented order, waiting for each to finish, then creates the control plane and enrols namespaces.',
          )}
        </Content>
      </PageSection>
      <PageSection>
        <Stack hasGutter>
          {state.error !== undefined && (
            <StackItem>
              <Alert
                isInline
                variant="danger"
                title={t('The cluster state could not be read')}
                data-test="state-error"
              >
                {t('{{kind}}: {{message}}', {
                  kind: state.error.kind,
                  message: errorMessage(state.error.error),
                })}
              </Alert>
            </StackItem>
          )}
          {readOnly && (
            <StackItem>
              <Alert
                isInline
                variant="info"
                title={t('Read-only: you cannot install operators')}
                data-test="read-only"
              >
                {t(
                  'Installing the mesh needs cluster-admin rights: your account may not create Subscriptions in openshift-operators or create namespaces. You can review the plan; ask a cluster administrator to run it.',
                )}
              </Alert>
            </StackItem>
          )}
          {state.conflicts.length > 0 && (
            <StackItem>
              <Alert
                isInline
                variant="danger"
                title={t('This install is refused')}
                data-test="conflict"
              >
                <p>
                  {state.major === 'ossm3'
                    ? t(
                        'Service Mesh 2 is present on this cluster, and Service Mesh 2 and 3 cannot coexist.',
                      )
                    : t(
                        'Service Mesh 3 is present on this cluster, and Service Mesh 2 and 3 cannot coexist.',
                      )}
                </p>
                <ul>
                  {state.conflicts.map((c) => (
                    <li key={c.code}>
                      {c.code === 'other-major-subscription'
                        ? t('Subscription to {{pkg}} in {{namespace}}', {
                            pkg: c.packageName,
                            namespace: c.namespace,
                          })
                        : t('{{kind}}: {{names}}', { kind: c.kind, names: c.names.join(', ') })}
                    </li>
                  ))}
                </ul>
              </Alert>
            </StackItem>
          )}
          {state.lookalikes.length > 0 && (
            <StackItem>
              <Alert
                isInline
                variant="warning"
                title={t('Community operators are installed')}
                data-test="lookalikes"
              >
                {t('These are not supported with OpenShift Service Mesh; remove them: {{names}}', {
                  names: state.lookalikes
                    .map((s) => `${s.spec.name} (${s.spec.source})`)
                    .join(', '),
                })}
              </Alert>
            </StackItem>
          )}
          {allDone && (
            <StackItem>
              <Alert
                isInline
                variant={skippedObservability.length ? 'info' : 'success'}
                title={
                  skippedObservability.length
                    ? t('Service Mesh is installed, without what you skipped')
                    : state.major === 'ossm3'
                      ? t('Service Mesh is installed and observable')
                      : t('Service Mesh is installed')
                }
                data-test="install-done"
                actionLinks={
                  <AlertActionLink onClick={() => navigate('/service-mesh/overview')}>
                    {t('Go to the overview')}
                  </AlertActionLink>
                }
              >
                {skippedObservability.length > 0 && (
                  <ul data-test="install-skipped">
                    {skippedObservability.map((s) => (
                      <li key={s.id}>{skipConsequence(t, s.kind as SkippableResource)}</li>
                    ))}
                  </ul>
                )}
              </Alert>
            </StackItem>
          )}
          <StackItem>
            <Card>
              <CardTitle>{t('1. Choose the mesh')}</CardTitle>
              <CardBody>
                <Radio
                  id="major-ossm3"
                  name="major"
                  label={t('Service Mesh 3 (recommended)')}
                  description={t(
                    'Istio managed by the Sail operator. The supported version for new meshes.',
                  )}
                  isChecked={state.major === 'ossm3'}
                  isDisabled={installer.running}
                  onChange={() => setChosenMajor('ossm3')}
                />
                <Radio
                  id="major-ossm2"
                  name="major"
                  label={t('Service Mesh 2.6 (legacy)')}
                  description={t(
                    'End of life. Only for clusters that must run a ServiceMeshControlPlane; Service Mesh 2 and 3 cannot coexist on one cluster.',
                  )}
                  isChecked={state.major === 'ossm2'}
                  isDisabled={installer.running}
                  onChange={() => setChosenMajor('ossm2')}
                />
                {state.major === 'ossm2' && (
                  <Content component="p" data-test="ossm2-observability">
                    {t(
                      'On 2.6 the control plane runs its own Prometheus, which Kiali reads, so the graph needs no user-workload monitoring. Tracing is not wired by this wizard on 2.6: it installs the tracing operators you pick, but creates no Tempo instance, collector, extension provider or Telemetry; set those up by hand as the Service Mesh 2.6 documentation describes (SMCP tracing type None, spec.meshConfig.extensionProviders, a Telemetry).',
                    )}
                  </Content>
                )}
                {state.major === 'ossm2' && !state.majorInstalled && (
                  <FormSelect
                    value={state.tracing}
                    onChange={(_, v) => setTracing(v as TracingChoice)}
                    aria-label={t('Tracing backend')}
                    data-test="tracing-choice"
                  >
                    <FormSelectOption
                      value="tempo"
                      label={t('Tracing: Tempo and the Red Hat build of OpenTelemetry')}
                    />
                    <FormSelectOption value="none" label={t('Tracing: none')} />
                    {operatorSteps.some((s) => s.id === 'jaeger') && (
                      <FormSelectOption value="jaeger" label={t('Tracing: Jaeger (deprecated)')} />
                    )}
                  </FormSelect>
                )}
              </CardBody>
            </Card>
          </StackItem>
          <StackItem>
            <Card>
              <CardTitle>{t('2. Start')}</CardTitle>
              <CardBody>
                <Stack hasGutter>
                  <StackItem>
                    <FormSelect
                      value={approval}
                      onChange={(_, v) => setApproval(v as 'Automatic' | 'Manual')}
                      aria-label={t('Install plan approval')}
                      isDisabled={installer.running || readOnly}
                      data-test="approval"
                    >
                      <FormSelectOption
                        value="Automatic"
                        label={t('Approve install plans automatically')}
                      />
                      <FormSelectOption
                        value="Manual"
                        label={t('Approve each install plan manually')}
                      />
                    </FormSelect>
                  </StackItem>
                  {approval === 'Manual' && (
                    <StackItem>
                      <Alert isInline isPlain variant="info" title={t('Manual approval')}>
                        {t(
                          'Each install plan waits for your Approve below. In openshift-operators one install plan can bundle several operators, and a Manual subscription there holds back the others until approved.',
                        )}
                      </Alert>
                    </StackItem>
                  )}
                  {missingRequired.length > 0 && (
                    <StackItem>
                      <Alert
                        isInline
                        variant="danger"
                        title={t('A required operator is not in the catalog')}
                      >
                        {missingRequired.map((s) => s.operator.packageName).join(', ')}
                      </Alert>
                    </StackItem>
                  )}
                  {nextObjects.length > 0 && (
                    <StackItem>
                      <YamlPreview
                        objects={nextObjects}
                        id="next-operator"
                        toggleText={t('Show the YAML for the next operator ({{name}})', {
                          name: installer.next?.operator.displayName ?? '',
                        })}
                      />
                    </StackItem>
                  )}
                  {installer.error !== undefined && (
                    <StackItem>
                      <WriteErrorAlert error={installer.error} />
                    </StackItem>
                  )}
                  {approve.error !== undefined && (
                    <StackItem>
                      <WriteErrorAlert error={approve.error} />
                    </StackItem>
                  )}
                  <StackItem>
                    <Button
                      variant="primary"
                      onClick={installer.start}
                      isDisabled={
                        readOnly ||
                        installer.running ||
                        state.conflicts.length > 0 ||
                        missingRequired.length > 0 ||
                        allDone
                      }
                      data-test="start-install"
                    >
                      {allDone
                        ? t('Installed')
                        : installer.running
                          ? t('Installing…')
                          : t('Install operators')}
                    </Button>
                  </StackItem>
                </Stack>
              </CardBody>
            </Card>
          </StackItem>
          {state.steps.map((step, index) => (
            <StackItem key={step.id}>
              <Card data-test={`step-${step.id}`} id={`step-${step.id}`}>
                <CardTitle>
                  {index + 3}.{' '}
                  {step.kind === 'operator'
                    ? step.operator.displayName
                    : resourceTitle(t, step.kind)}
                  {step.kind !== 'operator' &&
                    ` · ${
                      step.skipped
                        ? stateLabel(t, 'skipped')
                        : resourceDone(step)
                          ? t('Done')
                          : stateLabel(t, 'not-started')
                    }`}
                </CardTitle>
                <CardBody>
                  {step.kind === 'operator' && (
                    <OperatorStepItem
                      step={step}
                      status={state.statuses[step.id] ?? { state: 'not-started' }}
                      readOnly={readOnly}
                      locked={installer.running}
                      onSkip={(s) =>
                        setSkip((cur) => (s ? [...cur, step.id] : cur.filter((x) => x !== step.id)))
                      }
                      onChannel={(c) => setChannels((cur) => ({ ...cur, [step.id]: c }))}
                      onApprove={() => approve.approve(step.id)}
                      approving={approve.busy === step.id}
                    />
                  )}
                  {step.kind === 'control-plane' &&
                    (state.statuses[state.major === 'ossm3' ? 'servicemesh3' : 'servicemesh2']
                      ?.state === 'done' ? (
                      <ControlPlaneSection state={state} readOnly={readOnly} />
                    ) : (
                      <Content component="p">
                        {t('Available once the Service Mesh operator is installed.')}
                      </Content>
                    ))}
                  {step.kind === 'members' &&
                    (state.controlPlaneHealth?.state === 'healthy' ? (
                      <MembersSection state={state} readOnly={readOnly} />
                    ) : (
                      <Content component="p">
                        {t('Available once the control plane is healthy.')}
                      </Content>
                    ))}
                  {step.kind !== 'operator' && step.skippable && (
                    <Checkbox
                      id={`skip-${step.id}`}
                      data-test={`skip-${step.id}`}
                      label={t('Skip this step')}
                      description={skipConsequence(t, step.kind as SkippableResource)}
                      isChecked={step.skipped}
                      isDisabled={readOnly || step.skipReason === 'operators-skipped'}
                      onChange={(_, v) =>
                        setSkipResources((cur) =>
                          v
                            ? [...cur, step.kind as SkippableResource]
                            : cur.filter((x) => x !== step.kind),
                        )
                      }
                    />
                  )}
                  {step.kind === 'tracing' && step.skipReason === 'operators-skipped' && (
                    <Content component="p">
                      {t('Skipped: tracing needs the Tempo and OpenTelemetry operators.')}
                    </Content>
                  )}
                  {step.kind === 'metrics' &&
                    !step.skipped &&
                    (resourceDone(state.steps.find((x) => x.kind === 'members') as ResourceStep) ? (
                      <MetricsSection state={state} readOnly={readOnly} />
                    ) : (
                      <Content component="p">
                        {t('Available once namespaces are enrolled.')}
                      </Content>
                    ))}
                  {step.kind === 'tracing' &&
                    !step.skipped &&
                    (state.statuses.tempo?.state === 'done' &&
                    state.statuses.opentelemetry?.state === 'done' ? (
                      <TracingSection state={state} readOnly={readOnly} />
                    ) : (
                      <Content component="p">
                        {t('Available once the Tempo and OpenTelemetry operators are installed.')}
                      </Content>
                    ))}
                  {step.kind === 'kiali-instance' &&
                    (state.statuses.kiali?.state === 'done' ? (
                      <KialiSection state={state} readOnly={readOnly} />
                    ) : (
                      <Content component="p">
                        {t('Available once the Kiali operator is installed.')}
                      </Content>
                    ))}
                </CardBody>
              </Card>
            </StackItem>
          ))}
        </Stack>
      </PageSection>
    </>
  );
};

export default InstallWizardPage;
