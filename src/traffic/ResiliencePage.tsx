import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Bullseye,
  Card,
  CardBody,
  CardTitle,
  Checkbox,
  Content,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  HelperText,
  HelperTextItem,
  Label,
  PageSection,
  Spinner,
  Stack,
  StackItem,
  TextInput,
  Title,
} from '@patternfly/react-core';
import type { TFunction } from 'i18next';
import { Suspense, lazy, useMemo, useState } from 'react';
import type { FC, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { FormOrYaml } from '../components/FormOrYaml';
import { trafficIssueText } from '../components/issues/trafficIssueWords';
import { ReviewAndApply } from '../components/ReviewAndApply';
import { useEditForm } from '../k8s/useEditForm';
import { planEdits, withIssues } from '../mesh/forms/editPlan';
import {
  planResilience,
  readResilience,
  resilienceBase,
  resilienceFieldIssues,
  resilienceRules,
} from '../mesh/forms/resilienceForm';
import type { ResilienceRuleKey } from '../mesh/forms/resilienceForm';
import type { Issue } from '../mesh/issues';
import { routesForService } from '../mesh/traffic/gatewayRoutes';
import type { ResilienceField, ResilienceForm } from '../mesh/traffic/resilienceForm';
import { GRPC_STATUS_NAMES, RETRY_ON_VALUES } from '../mesh/traffic/validation';
import type { VirtualService } from '../models';
import { useGatewayRouting } from './useGatewayRouting';
import { useServiceRouting } from './useServiceRouting';

// Gateway API's timeout form is its own chunk: most services are routed by a VirtualService.
const GatewayTimeouts = lazy(() =>
  import('./GatewayTimeouts').then((m) => ({ default: m.GatewayTimeouts })),
);

const FIELDS: ResilienceField[] = [
  'timeout',
  'attempts',
  'perTryTimeout',
  'retryOn',
  'retryOnOther',
  'delay',
  'delayPercent',
  'abortStatus',
  'abortPercent',
];

const explain = (t: TFunction, field: ResilienceField): string =>
  ({
    timeout: t('Give up on a request after this long, including retries, e.g. 3s.'),
    attempts: t('How many times a failed request is retried (0 disables retries).'),
    perTryTimeout: t('Time limit for each attempt, e.g. 1s.'),
    retryOn: '',
    retryOnOther: t('Also retry on these HTTP status codes, comma-separated, e.g. 503,429.'),
    delay: t('Delay added before forwarding a request, e.g. 2s.'),
    delayPercent: t('Share of requests that are delayed (0–100).'),
    abortStatus: t('Status returned instead of forwarding the request.'),
    abortPercent: t('Share of requests that are aborted (0–100).'),
  })[field];

/** Timeouts, retries and (for chaos testing) fault injection on one HTTP rule of a service. */
const VirtualServiceResilience: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { ns = '', name = '' } = useParams();
  const { data, service, vs, reread, notReady } = useServiceRouting(ns, name);
  const [chosen, setChosen] = useState<string>();
  // What the form edits: the stored VirtualService, or the last YAML the user wrote that read well.
  const [yamlBase, setYamlBase] = useState<VirtualService>();
  const [yamlIssues, setYamlIssues] = useState<Issue[]>([]);
  const [view, setView] = useState<'form' | 'yaml'>('form');
  const [edited, setEdited] = useState<ResilienceForm>();
  const ctx = { namespace: ns, host: name, version: data.version, stored: vs };
  // Without a VirtualService the form starts one with a single default route to the service.
  const base = useMemo(
    () => resilienceBase(yamlBase ?? vs, { namespace: ns, host: name, version: data.version }),
    [yamlBase, vs, ns, name, data.version],
  );
  const rules = resilienceRules(base);
  const key: ResilienceRuleKey | undefined = (rules.find((r) => r.key === chosen) ?? rules[0])?.key;
  const initial = useMemo(() => (key ? readResilience(base, key) : undefined), [base, key]);
  const form = edited ?? initial;
  const resilience = form && key ? planResilience(form, yamlBase ?? vs, key, ctx) : undefined;
  const writePlan = withIssues(resilience?.plan ?? planEdits([], []), yamlIssues);
  const editForm = useEditForm(writePlan, {
    reread,
    onApplied: () => {
      setEdited(undefined);
      setYamlBase(undefined);
    },
  });

  if (notReady || !service) return notReady;

  if (key === undefined || !form || !resilience) {
    return (
      <PageSection>
        <Alert
          isInline
          variant="info"
          title={t('{{name}} has no default route and no named HTTP rule to edit.', { name })}
        />
      </PageSection>
    );
  }

  const options = rules.map((r) => ({
    key: r.key,
    label:
      'name' in r
        ? t('Rule {{rule}}', { rule: r.name })
        : t('Default route (requests no rule matches)'),
  }));
  const issues = [...writePlan.issues, ...editForm.serverIssues];
  const result = resilience.vs;

  const set = (patch: Partial<ResilienceForm>) => setEdited({ ...form, ...patch });
  const fieldIssues = (f: ResilienceField) =>
    resilienceFieldIssues(issues, resilience.ruleIndex, f);
  const issueOf = (f: ResilienceField) => fieldIssues(f)[0];

  const group = (f: ResilienceField, label: string, input: ReactNode) => {
    const issue = issueOf(f);
    const text = fieldIssues(f)
      .map((i) => trafficIssueText(t, i))
      .join(' ');
    return (
      <FormGroup label={label} fieldId={`res-${f}`}>
        {input}
        <FormHelperText>
          <HelperText>
            <HelperTextItem
              variant={issue ? (issue.severity === 'warning' ? 'warning' : 'error') : 'default'}
              data-test={`res-${f}-help`}
            >
              {issue ? text : explain(t, f)}
            </HelperTextItem>
          </HelperText>
        </FormHelperText>
      </FormGroup>
    );
  };
  const text = (f: Exclude<ResilienceField, 'retryOn'>, label: string) => (
    <GridItem span={6} key={f}>
      {group(
        f,
        label,
        <TextInput
          id={`res-${f}`}
          value={form[f]}
          onChange={(_, v) => set({ [f]: v })}
          validated={issueOf(f) ? 'error' : 'default'}
          data-test={`res-${f}`}
        />,
      )}
    </GridItem>
  );

  return (
    <>
      <DocumentTitle>{t('Timeouts, retries and faults for {{name}}', { name })}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">{t('Timeouts, retries and faults for {{name}}', { name })}</Title>
        {!vs && (
          <Content component="p">
            {t('{{name}} has no VirtualService yet; Apply creates one with a default route.', {
              name,
            })}
          </Content>
        )}
      </PageSection>
      <PageSection>
        <Stack hasGutter>
          <StackItem>
            <FormSelect
              value={key}
              onChange={(_, v) => {
                setChosen(v);
                setEdited(undefined);
              }}
              aria-label={t('HTTP rule')}
              data-test="res-rule"
            >
              {options.map((o) => (
                <FormSelectOption key={o.key} value={o.key} label={o.label} />
              ))}
            </FormSelect>
          </StackItem>
          <StackItem>
            <FormOrYaml
              scope={key}
              objects={[result]}
              onYaml={(objects) => {
                setYamlBase(objects.find((o) => o.kind === 'VirtualService') as VirtualService);
                setEdited(undefined);
              }}
              onIssues={setYamlIssues}
              onView={setView}
            >
              <Form onSubmit={(e) => e.preventDefault()}>
                <Card>
                  <CardTitle>{t('Timeout and retries')}</CardTitle>
                  <CardBody>
                    <Grid hasGutter>
                      {text('timeout', t('Timeout'))}
                      {text('attempts', t('Retry attempts'))}
                      {text('perTryTimeout', t('Timeout per attempt'))}
                      <GridItem span={12}>
                        <FormGroup
                          role="group"
                          isInline
                          label={t('Retry on')}
                          fieldId="res-retryOn"
                          data-test="res-retryOn"
                        >
                          {RETRY_ON_VALUES.map((v) => (
                            <Checkbox
                              key={v}
                              id={`res-retryOn-${v}`}
                              label={v}
                              isChecked={form.retryOn.includes(v)}
                              onChange={(_, on) =>
                                set({
                                  retryOn: RETRY_ON_VALUES.filter((x) =>
                                    x === v ? on : form.retryOn.includes(x),
                                  ),
                                })
                              }
                              data-test={`res-retryOn-${v}`}
                            />
                          ))}
                        </FormGroup>
                      </GridItem>
                      {text('retryOnOther', t('Retry on status codes'))}
                    </Grid>
                  </CardBody>
                </Card>
                <Card data-test="chaos">
                  <CardTitle>
                    {t('Fault injection')}{' '}
                    <Label color="orange" status="warning">
                      {t('Chaos testing')}
                    </Label>
                  </CardTitle>
                  <CardBody>
                    <Stack hasGutter>
                      <Alert isInline variant="warning" title={t('For chaos testing only')}>
                        {t(
                          'These settings make real requests slow or fail on purpose. While a fault is set, the timeout and retries of this rule are not applied.',
                        )}
                      </Alert>
                      <Grid hasGutter>
                        {text('delay', t('Delay'))}
                        {text('delayPercent', t('Delayed requests (%)'))}
                        <GridItem span={6}>
                          <FormGroup label={t('Abort with')} fieldId="res-abortKind">
                            <FormSelect
                              id="res-abortKind"
                              value={form.abortKind}
                              onChange={(_, v) =>
                                set({
                                  abortKind: v as ResilienceForm['abortKind'],
                                  abortStatus: '',
                                })
                              }
                              data-test="res-abortKind"
                            >
                              <FormSelectOption value="http" label={t('HTTP status')} />
                              <FormSelectOption value="grpc" label={t('gRPC status')} />
                            </FormSelect>
                          </FormGroup>
                        </GridItem>
                        {form.abortKind === 'grpc' ? (
                          <GridItem span={6}>
                            {group(
                              'abortStatus',
                              t('gRPC status'),
                              <FormSelect
                                id="res-abortStatus"
                                value={form.abortStatus}
                                onChange={(_, v) => set({ abortStatus: v })}
                                validated={issueOf('abortStatus') ? 'error' : 'default'}
                                data-test="res-abortStatus"
                              >
                                <FormSelectOption value="" label={t('None')} />
                                {GRPC_STATUS_NAMES.map((s) => (
                                  <FormSelectOption key={s} value={s} label={s} />
                                ))}
                              </FormSelect>,
                            )}
                          </GridItem>
                        ) : (
                          text('abortStatus', t('HTTP status'))
                        )}
                        {text('abortPercent', t('Aborted requests (%)'))}
                      </Grid>
                    </Stack>
                  </CardBody>
                </Card>
              </Form>
            </FormOrYaml>
          </StackItem>
          <StackItem>
            <Card>
              <CardTitle>{t('Review')}</CardTitle>
              <CardBody>
                <ReviewAndApply
                  issueText={trafficIssueText}
                  plan={writePlan}
                  form={editForm}
                  view={view}
                  claimed={FIELDS.flatMap(fieldIssues)}
                  objects={[
                    {
                      id: 'virtualservice',
                      title: t('VirtualService {{name}}', { name: result.metadata?.name }),
                      before: vs,
                      after: result,
                    },
                  ]}
                  yamlId="resilience"
                />
              </CardBody>
            </Card>
          </StackItem>
        </Stack>
      </PageSection>
    </>
  );
};

/**
 * The resilience form of a service: on its HTTPRoute (or GRPCRoute) when a Gateway API route
 * attached to the Service routes it, on its VirtualService otherwise.
 */
const ResiliencePage: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { ns = '', name = '' } = useParams();
  const gateway = useGatewayRouting(ns);
  if (!gateway.loaded) {
    return (
      <Bullseye>
        <Spinner aria-label={t('Loading the service')} />
      </Bullseye>
    );
  }
  const route = routesForService([...gateway.httpRoutes, ...gateway.grpcRoutes], name)[0];
  return route ? (
    <Suspense
      fallback={
        <Bullseye>
          <Spinner aria-label={t('Loading the form')} />
        </Bullseye>
      }
    >
      <GatewayTimeouts ns={ns} name={name} route={route} />
    </Suspense>
  ) : (
    <VirtualServiceResilience />
  );
};

export default ResiliencePage;
