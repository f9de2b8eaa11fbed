import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Bullseye,
  Button,
  Card,
  CardBody,
  CardTitle,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  FormSelect,
  FormSelectOption,
  Icon,
  List,
  ListItem,
  Spinner,
  Stack,
  StackItem,
  ToolbarItem,
} from '@patternfly/react-core';
import { ExclamationCircleIcon, SearchIcon } from '@patternfly/react-icons';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMemo } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TabBody } from '../components/TabBody';
import { useKialiQuery } from '../k8s/useKialiQuery';
import type { TracingAvailability } from '../mesh/observability/backends';
import { DURATION_OPTIONS } from '../mesh/observability/durations';
import {
  INSTALL_WIZARD_PATH,
  kialiDetailsUrl,
  tracingUiSearchLink,
} from '../mesh/observability/links';
import { meshServiceName, tabSubjectOf, tracesApiPath } from '../mesh/observability/target';
import type { TabSubject } from '../mesh/observability/target';
import {
  decodeTraceList,
  formatMicros,
  summarizeTraces,
  tracesQuery,
} from '../mesh/observability/traces';
import { KialiUnavailable, useKialiFailureText } from './KialiUnavailable';
import { TelemetryGapChecklist, TelemetryGapWarning, chainBroken } from './TelemetryGap';
import { TraceDetail } from './TraceDetail';
import { TraceScatter } from './TraceScatter';
import { useKialiBackend, useTracingBackend } from './useObservabilityBackends';
import { useTabTelemetry } from './useTabTelemetry';
import type { TabTelemetry } from './useTabTelemetry';
import { useWindowParams } from './useWindowParams';
import { ExternalLink, WindowToolbar } from './WindowToolbar';

const LIMITS = [20, 50, 100, 200];
const DEFAULT_LIMIT = 100;

const durationLabel = (seconds: number) =>
  DURATION_OPTIONS.find((o) => o.seconds === seconds)?.label ?? `${seconds}s`;

const TracingMissing: FC<{ tracing: Extract<TracingAvailability, { state: 'disabled' }> }> = ({
  tracing,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (
    <EmptyState
      titleText={t('Kiali has no tracing backend')}
      headingLevel="h2"
      icon={SearchIcon}
      data-test="tracing-disabled"
    >
      <EmptyStateBody>
        {tracing.tempo.length === 0 ? (
          t(
            'Traces are read through Kiali, and Kiali is not connected to a tracing backend. Install the Tempo and Red Hat build of OpenTelemetry operators (the install wizard offers both), create a TempoStack, send the mesh’s spans to it, and set it in the Kiali resource under spec.external_services.tracing.',
          )
        ) : (
          <>
            {t(
              'Traces are read through Kiali, and Kiali is not connected to a tracing backend. These Tempo instances exist; set one in the Kiali resource under spec.external_services.tracing:',
            )}
            <List>
              {tracing.tempo.map((i) => (
                <ListItem key={`${i.namespace}/${i.name}`}>
                  {i.tenant
                    ? t('{{name}} in {{namespace}} (tenant {{tenant}})', i)
                    : t('{{name}} in {{namespace}}', i)}
                </ListItem>
              ))}
            </List>
          </>
        )}
      </EmptyStateBody>
      {tracing.tempo.length === 0 && (
        <EmptyStateFooter>
          <EmptyStateActions>
            <Button
              variant="primary"
              component={(props) => <Link {...props} to={INSTALL_WIZARD_PATH} />}
            >
              {t('Open the install wizard')}
            </Button>
          </EmptyStateActions>
        </EmptyStateFooter>
      )}
    </EmptyState>
  );
};

const TraceList: FC<{
  subject: TabSubject;
  window: ReturnType<typeof useWindowParams>;
  limit: number;
  telemetry: TabTelemetry;
}> = ({ subject, window: win, limit, telemetry }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const failureText = useKialiFailureText();
  const path = tracesApiPath(subject.target) ?? null;
  const params = tracesQuery(win.durationSeconds, win.nowMs, limit);
  const query = useKialiQuery(path, params, decodeTraceList);
  const summaries = useMemo(
    () => (query.data ? summarizeTraces(query.data.traces) : []),
    [query.data],
  );
  const open = (traceID: string) =>
    win.setParams((p) => {
      const next = new URLSearchParams(p);
      next.set('trace', traceID);
      return next;
    });
  const hrefOf = (traceID: string) => {
    const next = new URLSearchParams(win.params);
    next.set('trace', traceID);
    return `?${next}`;
  };
  const name = subject.target.kind === 'namespace' ? subject.target.namespace : subject.target.name;
  const broken = chainBroken(telemetry, 'tracing');
  // Kiali over Tempo answers a search with only each trace's matched spans: no root is known.
  const matchedOnly = summaries.some((s) => s.matchedSpan);

  if (query.error) {
    return (
      <Alert
        isInline
        variant="danger"
        title={t('Traces could not be read')}
        data-test="traces-error"
      >
        {failureText(query.error, 'tracing')}
      </Alert>
    );
  }
  if (!query.data) {
    return (
      <Bullseye style={{ minHeight: 200 }}>
        <Spinner aria-label={t('Loading traces')} />
      </Bullseye>
    );
  }
  return (
    <Stack hasGutter>
      {broken && summaries.length > 0 && (
        <StackItem>
          <TelemetryGapWarning telemetry={telemetry} chain="tracing" />
        </StackItem>
      )}
      {matchedOnly && (
        <StackItem>
          <Alert
            isInline
            isPlain
            variant="info"
            title={t('Tempo returns only the spans that matched')}
            data-test="matched-only-note"
          >
            {t(
              'Each trace below holds only its spans through {{name}}, so its root span, whole duration and number of spans are not known here. Open a trace to see all of it.',
              { name },
            )}
          </Alert>
        </StackItem>
      )}
      {query.data.errors.map((e) => (
        <StackItem key={e}>
          <Alert isInline variant="warning" title={t('The tracing backend reported a problem')}>
            {e}
          </Alert>
        </StackItem>
      ))}
      {summaries.length === 0 && !telemetry.loaded ? (
        <StackItem>
          <Bullseye style={{ minHeight: 120 }}>
            <Spinner aria-label={t('Checking what the mesh collects')} />
          </Bullseye>
        </StackItem>
      ) : summaries.length === 0 && broken ? (
        <StackItem>
          <TelemetryGapChecklist telemetry={telemetry} chain="tracing" name={name} />
        </StackItem>
      ) : summaries.length === 0 ? (
        <StackItem>
          <EmptyState
            titleText={t('No traces')}
            headingLevel="h2"
            icon={SearchIcon}
            data-test="no-traces"
          >
            <EmptyStateBody>
              {t(
                'No traces through {{name}} in the last {{duration}}. Traces appear when requests reach it and the mesh samples them; a longer window may find older ones.',
                { name, duration: durationLabel(win.durationSeconds) },
              )}
            </EmptyStateBody>
          </EmptyState>
        </StackItem>
      ) : (
        <>
          <StackItem>
            <Card>
              <CardTitle component="h2">
                {t('{{count}} traces in the last {{duration}}', {
                  count: summaries.length,
                  duration: durationLabel(win.durationSeconds),
                })}
              </CardTitle>
              <CardBody>
                <TraceScatter
                  summaries={summaries}
                  window={{
                    startMicros: Number(params.startMicros),
                    endMicros: Number(params.endMicros),
                  }}
                  onOpen={open}
                />
              </CardBody>
            </Card>
          </StackItem>
          <StackItem>
            <Table aria-label={t('Recent traces')} variant="compact" data-test="traces-table">
              <Thead>
                <Tr>
                  <Th>{matchedOnly ? t('First matched span') : t('Root span')}</Th>
                  <Th>{t('Started')}</Th>
                  <Th>{matchedOnly ? t('Duration of matched spans') : t('Duration')}</Th>
                  <Th>{matchedOnly ? t('Matched spans') : t('Spans')}</Th>
                  <Th>{t('Errors')}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {summaries.map((s) => {
                  const first = s.root ?? s.matchedSpan;
                  return (
                    <Tr key={s.traceID} data-test={`trace-${s.traceID}`}>
                      <Td dataLabel={matchedOnly ? t('First matched span') : t('Root span')}>
                        <Link to={hrefOf(s.traceID)}>
                          <strong>{first?.service || t('unknown service')}</strong>{' '}
                          {first?.operation}
                        </Link>
                      </Td>
                      <Td dataLabel={t('Started')}>
                        {new Date(s.startMicros / 1000).toLocaleTimeString()}
                      </Td>
                      <Td dataLabel={matchedOnly ? t('Duration of matched spans') : t('Duration')}>
                        {formatMicros(s.durationMicros)}
                      </Td>
                      <Td dataLabel={matchedOnly ? t('Matched spans') : t('Spans')}>
                        {s.matchedCount ?? s.spanCount}
                      </Td>
                      <Td dataLabel={t('Errors')}>
                        {s.errorCount > 0 ? (
                          <>
                            <Icon status="danger" isInline>
                              <ExclamationCircleIcon />
                            </Icon>{' '}
                            {s.errorCount}
                          </>
                        ) : (
                          0
                        )}
                      </Td>
                    </Tr>
                  );
                })}
              </Tbody>
            </Table>
          </StackItem>
        </>
      )}
    </Stack>
  );
};

const TracesView: FC<{ subject: TabSubject }> = ({ subject }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const kiali = useKialiBackend();
  const tracing = useTracingBackend(kiali.availability);
  const telemetry = useTabTelemetry(subject);
  const win = useWindowParams();
  const limit = LIMITS.includes(Number(win.params.get('limit')))
    ? Number(win.params.get('limit'))
    : DEFAULT_LIMIT;
  const traceId = win.params.get('trace');
  const setParam = (key: string, value?: string) =>
    win.setParams((p) => {
      const next = new URLSearchParams(p);
      if (value === undefined) next.delete(key);
      else next.set(key, value);
      return next;
    });
  const { availability } = kiali;
  // With a trace open, its own card links to it in the tracing UI.
  const searchLink =
    tracing.state === 'ready' && !traceId
      ? tracingUiSearchLink(tracing.ui, {
          serviceName: meshServiceName(subject),
          startMs: win.nowMs - win.durationSeconds * 1000,
          endMs: win.nowMs,
          limit,
        })
      : undefined;

  let body;
  if (availability.state !== 'loading' && availability.state !== 'ready') {
    body = <KialiUnavailable availability={availability} onRetry={kiali.retry} />;
  } else if (tracing.state === 'loading' || tracing.state === 'no-kiali') {
    body = (
      <Bullseye style={{ minHeight: 200 }}>
        <Spinner aria-label={t('Looking for the tracing backend')} />
      </Bullseye>
    );
  } else if (tracing.state === 'disabled') {
    const name =
      subject.target.kind === 'namespace' ? subject.target.namespace : subject.target.name;
    body = (
      <Stack hasGutter>
        <StackItem>
          <TracingMissing tracing={tracing} />
        </StackItem>
        {chainBroken(telemetry, 'tracing') && (
          <StackItem>
            <TelemetryGapChecklist telemetry={telemetry} chain="tracing" name={name} />
          </StackItem>
        )}
      </Stack>
    );
  } else if (tracing.state === 'error') {
    body = (
      <KialiUnavailable
        availability={{ state: 'error', failure: tracing.failure }}
        onRetry={kiali.retry}
      />
    );
  } else if (traceId) {
    body = <TraceDetail traceId={traceId} ui={tracing.ui} onBack={() => setParam('trace')} />;
  } else {
    body = <TraceList subject={subject} window={win} limit={limit} telemetry={telemetry} />;
  }

  return (
    <Stack hasGutter data-test="traces-tab">
      <StackItem>
        <WindowToolbar
          durationSeconds={win.durationSeconds}
          onDuration={win.setDuration}
          onRefresh={() => {
            win.refresh();
            if (availability.state !== 'ready') kiali.retry();
          }}
          loading={availability.state === 'loading'}
          links={
            <>
              {searchLink && (
                <ExternalLink link={searchLink} dataTest="open-in-tracing-ui">
                  {t('Open in tracing UI')}
                </ExternalLink>
              )}
              {kiali.url && (
                <ExternalLink
                  link={{
                    href: kialiDetailsUrl(kiali.url, subject.target, 'traces'),
                    external: true,
                  }}
                  dataTest="open-in-kiali"
                >
                  {t('Open in Kiali')}
                </ExternalLink>
              )}
            </>
          }
        >
          <ToolbarItem>
            <FormSelect
              value={limit}
              onChange={(_, v) => setParam('limit', v)}
              aria-label={t('Number of traces')}
              data-test="limit"
            >
              {LIMITS.map((n) => (
                <FormSelectOption
                  key={n}
                  value={n}
                  label={t('At most {{count}} traces', { count: n })}
                />
              ))}
            </FormSelect>
          </ToolbarItem>
        </WindowToolbar>
      </StackItem>
      <StackItem>{body}</StackItem>
    </Stack>
  );
};

/** `console.tab/horizontalNav` "Traces" on Service and workload pages. */
const TracesTab: FC<{ obj?: K8sResourceCommon }> = ({ obj }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const subject = useMemo(() => tabSubjectOf(obj), [obj]);
  return (
    <TabBody>
      {subject && subject.target.kind !== 'namespace' ? (
        <TracesView subject={subject} />
      ) : (
        <Alert isInline variant="info" title={t('Traces are shown for services and workloads.')} />
      )}
    </TabBody>
  );
};

export default TracesTab;
