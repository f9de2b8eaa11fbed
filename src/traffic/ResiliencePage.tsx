import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
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
  Stack,
  StackItem,
  TextInput,
  Title,
} from '@patternfly/react-core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import type { FC, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApplyFooter } from '../components/ApplyFooter';
import { ObjectDiff } from '../components/ObjectDiff';
import { useWriteAction } from '../components/useWriteAction';
import { ValidationIssues } from '../components/ValidationIssues';
import { YamlPreview } from '../components/YamlPreview';
import { applyEdits } from '../k8s/writes';
import { changesFromForm, fieldOfIssuePath, formFromRule } from '../mesh/traffic/resilienceForm';
import type { ResilienceField, ResilienceForm } from '../mesh/traffic/resilienceForm';
import {
  RoutingEditError,
  applyRouteResilience,
  defaultRouteIndex,
  newVirtualService,
  selectRoute,
} from '../mesh/traffic/trafficSplit';
import type { RouteSelector } from '../mesh/traffic/trafficSplit';
import {
  GRPC_STATUS_NAMES,
  RETRY_ON_VALUES,
  isError,
  validateVirtualService,
} from '../mesh/traffic/validation';
import type { ValidationIssue } from '../mesh/traffic/validation';
import type { VirtualService } from '../models';
import { useServiceRouting } from './useServiceRouting';

const DEFAULT = 'default';
const selectorOf = (key: string): RouteSelector =>
  key === DEFAULT ? DEFAULT : { name: key.slice('name:'.length) };

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
const ResiliencePage: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { ns = '', name = '' } = useParams();
  const { data, service, vs, vsModel, reread, notReady } = useServiceRouting(ns, name);
  const [chosen, setChosen] = useState<string>();
  const [edited, setEdited] = useState<ResilienceForm>();
  const write = useWriteAction();

  if (notReady || !service) return notReady;

  // Without a VirtualService the form starts one with a single default route to the service.
  const base: VirtualService = vs ?? {
    ...newVirtualService({ host: name, namespace: ns, version: data.version }),
    spec: { hosts: [name], http: [{ route: [{ destination: { host: name } }] }] },
  };
  const http = base.spec?.http ?? [];
  const defaultIndex = defaultRouteIndex(base);
  const options = [
    ...(defaultIndex >= 0
      ? [{ key: DEFAULT, label: t('Default route (requests no rule matches)') }]
      : []),
    ...http
      .filter((r, i) => r.name && i !== defaultIndex)
      .map((r) => ({ key: `name:${r.name}`, label: t('Rule {{rule}}', { rule: r.name }) })),
  ];
  const key = options.some((o) => o.key === chosen) ? (chosen as string) : options[0]?.key;

  if (key === undefined) {
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

  const ruleIndex = selectRoute(base, selectorOf(key));
  const initial = formFromRule(http[ruleIndex]);
  const form = edited ?? initial;
  const { changes, problems } = changesFromForm(form, initial);
  let result = base;
  let editError: string | undefined;
  try {
    result = applyRouteResilience(base, selectorOf(key), changes);
  } catch (e) {
    if (!(e instanceof RoutingEditError)) throw e;
    editError = e.message;
  }
  const issues: (ValidationIssue & { field?: ResilienceField })[] = [
    ...problems.map((p) => ({ path: p.field, message: p.message, field: p.field })),
    ...validateVirtualService(result).map((i) => ({
      ...i,
      field: fieldOfIssuePath(i.path, ruleIndex),
    })),
  ];
  const blocking = issues.filter(isError);
  const unchanged = JSON.stringify(result) === JSON.stringify(vs);

  const apply = () =>
    write
      .run(() => applyEdits([{ model: vsModel, before: vs, after: result }]), reread)
      .then((ok) => ok && setEdited(undefined));

  const set = (patch: Partial<ResilienceForm>) => setEdited({ ...form, ...patch });
  const issueOf = (f: ResilienceField) => issues.find((i) => i.field === f);

  const group = (f: ResilienceField, label: string, input: ReactNode) => {
    const issue = issueOf(f);
    return (
      <FormGroup label={label} fieldId={`res-${f}`}>
        {input}
        <FormHelperText>
          <HelperText>
            <HelperTextItem variant={issue ? 'error' : 'default'} data-test={`res-${f}-help`}>
              {issue ? issue.message : explain(t, f)}
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
                              set({ abortKind: v as ResilienceForm['abortKind'], abortStatus: '' })
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
          </StackItem>
          {editError && (
            <StackItem>
              <Alert isInline variant="danger" title={editError} />
            </StackItem>
          )}
          <ValidationIssues issues={issues.filter((i) => !i.field)} />
          <StackItem>
            <ObjectDiff
              id="virtualservice"
              title={t('VirtualService {{name}}', { name: result.metadata?.name })}
              before={vs}
              after={result}
            />
          </StackItem>
          <StackItem>
            <YamlPreview
              objects={[result]}
              id="resilience"
              toggleText={t('YAML of the resulting object (for GitOps)')}
            />
          </StackItem>
          <StackItem>
            <ApplyFooter
              error={write.error}
              busy={write.busy}
              disabled={blocking.length > 0 || unchanged || !!editError}
              onApply={apply}
            />
          </StackItem>
        </Stack>
      </PageSection>
    </>
  );
};

export default ResiliencePage;
