import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import {
  Card,
  CardBody,
  CardTitle,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  HelperText,
  HelperTextItem,
  PageSection,
  Stack,
  StackItem,
  TextInput,
  Title,
} from '@patternfly/react-core';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { FormOrYaml } from '../components/FormOrYaml';
import { trafficIssueText } from '../components/issues/trafficIssueWords';
import { ReviewAndApply } from '../components/ReviewAndApply';
import { useEditForm } from '../k8s/useEditForm';
import {
  circuitBreakerFieldIssues,
  planCircuitBreaker,
  readCircuitBreaker,
} from '../mesh/forms/circuitBreakerForm';
import type { CircuitBreakerValues } from '../mesh/forms/circuitBreakerForm';
import { withIssues } from '../mesh/forms/editPlan';
import type { Issue } from '../mesh/issues';
import { CIRCUIT_BREAKER_FIELDS } from '../mesh/traffic/trafficSplit';
import type { DestinationRule } from '../models';
import { useServiceRouting } from './useServiceRouting';

const ALL_FIELDS: readonly string[] = Object.values(CIRCUIT_BREAKER_FIELDS).flat();

const explain = (t: TFunction, field: string): string =>
  ({
    maxConnections: t('Most TCP connections to one pod; more wait or fail.'),
    connectTimeout: t('How long to wait for a TCP connection, e.g. 2s.'),
    http1MaxPendingRequests: t('Requests that may queue while waiting for a connection.'),
    http2MaxRequests: t('Most requests in flight to the service at once.'),
    maxRequestsPerConnection: t(
      'Requests per connection before it is closed (1 disables keep-alive).',
    ),
    maxRetries: t('Most retries outstanding to the service at once.'),
    idleTimeout: t('Close a connection after it has been idle this long, e.g. 1h.'),
    consecutive5xxErrors: t('5xx responses in a row after which a pod is ejected.'),
    consecutiveGatewayErrors: t('502, 503 or 504 responses in a row after which a pod is ejected.'),
    interval: t('How often pods are checked for ejection, e.g. 10s.'),
    baseEjectionTime: t('Shortest ejection; it grows with each ejection, e.g. 30s.'),
    maxEjectionPercent: t('At most this share of pods may be ejected at once (0–100).'),
    minHealthPercent: t('Stop ejecting when fewer than this share of pods are healthy (0–100).'),
  })[field] ?? '';

/** Connection limits and outlier ejection for a service, or for one of its versions. */
const CircuitBreakerPage: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { ns = '', name = '' } = useParams();
  const { data, service, dr, proposal, reread, notReady } = useServiceRouting(ns, name);
  const [level, setLevel] = useState('');
  // What the form edits: the stored DestinationRule, or the last YAML the user wrote that read well.
  const [yamlBase, setYamlBase] = useState<DestinationRule>();
  const [yamlIssues, setYamlIssues] = useState<Issue[]>([]);
  const [view, setView] = useState<'form' | 'yaml'>('form');
  const [edited, setEdited] = useState<CircuitBreakerValues>();
  const subset = level || undefined;
  const base = yamlBase ?? dr;
  const baseValues = useMemo(() => readCircuitBreaker(base, subset), [base, subset]);
  const values = edited ?? baseValues;
  const breaker = planCircuitBreaker(values, base, {
    namespace: ns,
    host: name,
    version: data.version,
    subsets: proposal.subsets,
    stored: dr,
    subset,
  });
  const writePlan = withIssues(breaker.plan, yamlIssues);
  const form = useEditForm(writePlan, {
    reread,
    onApplied: () => {
      setEdited(undefined);
      setYamlBase(undefined);
    },
  });

  if (notReady || !service) return notReady;

  const issues = [...writePlan.issues, ...form.serverIssues];
  const fieldIssues = (f: string) => circuitBreakerFieldIssues(issues, breaker.dr, subset, f);

  const field = (f: string) => {
    const own = fieldIssues(f);
    return (
      <GridItem span={6} key={f}>
        <FormGroup label={f} fieldId={`cb-${f}`}>
          <TextInput
            id={`cb-${f}`}
            value={values[f] ?? ''}
            onChange={(_, v) => setEdited({ ...values, [f]: v })}
            validated={
              own.some((i) => i.severity === 'error') ? 'error' : own.length ? 'warning' : 'default'
            }
            data-test={`cb-${f}`}
          />
          <FormHelperText>
            <HelperText>
              {own.length ? (
                own.map((i) => (
                  <HelperTextItem
                    key={JSON.stringify([i.code, i.params])}
                    variant={i.severity === 'warning' ? 'warning' : 'error'}
                  >
                    {trafficIssueText(t, i)}
                  </HelperTextItem>
                ))
              ) : (
                <HelperTextItem>{explain(t, f)}</HelperTextItem>
              )}
            </HelperText>
          </FormHelperText>
        </FormGroup>
      </GridItem>
    );
  };

  return (
    <>
      <DocumentTitle>{t('Circuit breaker for {{name}}', { name })}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">{t('Circuit breaker for {{name}}', { name })}</Title>
      </PageSection>
      <PageSection>
        <Stack hasGutter>
          <StackItem>
            <FormSelect
              value={level}
              onChange={(_, v) => {
                setLevel(v);
                setEdited(undefined);
              }}
              aria-label={t('Applies to')}
              data-test="cb-level"
            >
              <FormSelectOption value="" label={t('All versions of {{name}}', { name })} />
              {proposal.subsets.map((s) => (
                <FormSelectOption
                  key={s.name}
                  value={s.name}
                  label={t('Version {{subset}} only', { subset: s.name })}
                />
              ))}
            </FormSelect>
          </StackItem>
          <StackItem>
            <FormOrYaml
              scope={level}
              objects={[breaker.dr]}
              onYaml={(objects) => {
                setYamlBase(objects.find((o) => o.kind === 'DestinationRule') as DestinationRule);
                setEdited(undefined);
              }}
              onIssues={setYamlIssues}
              onView={setView}
            >
              <Form onSubmit={(e) => e.preventDefault()}>
                <Card>
                  <CardTitle>{t('Connection pool')}</CardTitle>
                  <CardBody>
                    <Grid hasGutter>
                      {[...CIRCUIT_BREAKER_FIELDS.tcp, ...CIRCUIT_BREAKER_FIELDS.http].map(field)}
                    </Grid>
                  </CardBody>
                </Card>
                <Card>
                  <CardTitle>{t('Outlier detection (eject failing pods)')}</CardTitle>
                  <CardBody>
                    <Grid hasGutter>{CIRCUIT_BREAKER_FIELDS.outlierDetection.map(field)}</Grid>
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
                  form={form}
                  view={view}
                  claimed={ALL_FIELDS.flatMap(fieldIssues)}
                  objects={[
                    {
                      id: 'destinationrule',
                      title: t('DestinationRule {{name}}', { name: breaker.dr.metadata?.name }),
                      before: dr,
                      after: breaker.dr,
                    },
                  ]}
                  yamlId="circuit-breaker"
                />
              </CardBody>
            </Card>
          </StackItem>
        </Stack>
      </PageSection>
    </>
  );
};

export default CircuitBreakerPage;
