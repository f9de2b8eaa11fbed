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
import { useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApplyFooter } from '../components/ApplyFooter';
import { ObjectDiff } from '../components/ObjectDiff';
import { useWriteAction } from '../components/useWriteAction';
import { ValidationIssues } from '../components/ValidationIssues';
import { YamlPreview } from '../components/YamlPreview';
import { applyEdits } from '../k8s/writes';
import {
  CIRCUIT_BREAKER_FIELDS,
  applyCircuitBreaker,
  ensureSubsets,
  newDestinationRule,
} from '../mesh/traffic/trafficSplit';
import type { CircuitBreakerSettings } from '../mesh/traffic/trafficSplit';
import { isError, validateDestinationRule } from '../mesh/traffic/validation';
import type { TrafficPolicy } from '../models';
import { useServiceRouting } from './useServiceRouting';

type Group = 'tcp' | 'http' | 'outlierDetection';
const ALL_FIELDS: readonly string[] = Object.values(CIRCUIT_BREAKER_FIELDS).flat();
const isFieldIssue = (path: string) => ALL_FIELDS.some((f) => path === f || path.endsWith(`.${f}`));
const DURATIONS = new Set(['connectTimeout', 'idleTimeout', 'interval', 'baseEjectionTime']);

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

const ownedValues = (tp?: TrafficPolicy): Record<string, string> => {
  const out: Record<string, string> = {};
  const read = (obj: Record<string, unknown> | undefined, fields: readonly string[]) =>
    fields.forEach((f) => obj?.[f] !== undefined && (out[f] = String(obj[f])));
  read(tp?.connectionPool?.tcp, CIRCUIT_BREAKER_FIELDS.tcp);
  read(tp?.connectionPool?.http, CIRCUIT_BREAKER_FIELDS.http);
  read(tp?.outlierDetection, CIRCUIT_BREAKER_FIELDS.outlierDetection);
  return out;
};

/** Builds the settings from the form: the form owns these fields, so an emptied one is removed. */
const settingsFrom = (subset: string | undefined, values: Record<string, string>) => {
  const problems: { path: string; message: string }[] = [];
  const pick = (group: Group) => {
    const obj: Record<string, string | number> = {};
    for (const f of CIRCUIT_BREAKER_FIELDS[group]) {
      const raw = values[f]?.trim();
      if (!raw) continue;
      if (DURATIONS.has(f)) obj[f] = raw;
      else if (/^\d+$/.test(raw)) obj[f] = Number(raw);
      else problems.push({ path: f, message: `${f} must be a whole number.` });
    }
    return Object.keys(obj).length ? obj : undefined;
  };
  const tcp = pick('tcp');
  const http = pick('http');
  const outlier = pick('outlierDetection');
  const settings: CircuitBreakerSettings = {
    ...(subset ? { subset } : {}),
    connectionPool: tcp || http ? { ...(tcp ? { tcp } : {}), ...(http ? { http } : {}) } : null,
    outlierDetection: (outlier as CircuitBreakerSettings['outlierDetection']) ?? null,
  };
  return { settings, problems };
};

/** Connection limits and outlier ejection for a service, or for one of its versions. */
const CircuitBreakerPage: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { ns = '', name = '' } = useParams();
  const { data, service, dr, drModel, proposal, reread, notReady } = useServiceRouting(ns, name);
  const [level, setLevel] = useState('');
  const [edited, setEdited] = useState<Record<string, string>>();
  const write = useWriteAction();

  if (notReady || !service) return notReady;

  const subset = level || undefined;
  const base0 = dr ?? newDestinationRule({ host: name, namespace: ns, version: data.version });
  // A subset-level breaker needs the subset itself: add it (from the version labels) if missing.
  const proposed = proposal.subsets.find((s) => s.name === subset);
  const base =
    subset && proposed
      ? ensureSubsets(base0, [{ name: proposed.name, labels: proposed.labels }])
      : base0;
  const currentPolicy = subset
    ? base.spec?.subsets?.find((s) => s.name === subset)?.trafficPolicy
    : base.spec?.trafficPolicy;
  const values = edited ?? ownedValues(currentPolicy);
  const { settings, problems } = settingsFrom(subset, values);
  const result = applyCircuitBreaker(base, settings);
  const issues = [...problems, ...validateDestinationRule(result)];
  const blocking = issues.filter(isError);
  const unchanged = JSON.stringify(result) === JSON.stringify(dr);

  const apply = () =>
    write
      .run(() => applyEdits([{ model: drModel, before: dr, after: result }]), reread)
      .then((ok) => ok && setEdited(undefined));

  const field = (f: string) => {
    const issue = issues.find((i) => i.path === f || i.path.endsWith(`.${f}`));
    return (
      <GridItem span={6} key={f}>
        <FormGroup label={f} fieldId={`cb-${f}`}>
          <TextInput
            id={`cb-${f}`}
            value={values[f] ?? ''}
            onChange={(_, v) => setEdited({ ...values, [f]: v })}
            validated={issue ? 'error' : 'default'}
            data-test={`cb-${f}`}
          />
          <FormHelperText>
            <HelperText>
              <HelperTextItem variant={issue ? 'error' : 'default'}>
                {issue ? issue.message : explain(t, f)}
              </HelperTextItem>
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
          </StackItem>
          <ValidationIssues issues={issues.filter((i) => !isFieldIssue(i.path))} />
          <StackItem>
            <ObjectDiff
              id="destinationrule"
              title={t('DestinationRule {{name}}', { name: result.metadata?.name })}
              before={dr}
              after={result}
            />
          </StackItem>
          <StackItem>
            <YamlPreview
              objects={[result]}
              id="circuit-breaker"
              toggleText={t('YAML of the resulting object (for GitOps)')}
            />
          </StackItem>
          <StackItem>
            <ApplyFooter
              error={write.error}
              busy={write.busy}
              disabled={blocking.length > 0 || unchanged}
              onApply={apply}
            />
          </StackItem>
        </Stack>
      </PageSection>
    </>
  );
};

export default CircuitBreakerPage;
