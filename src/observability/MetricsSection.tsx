import { QueryBrowser } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Bullseye,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Checkbox,
  Content,
  EmptyState,
  EmptyStateBody,
  Grid,
  GridItem,
  Spinner,
  Stack,
  StackItem,
  Title,
  ToggleGroup,
  ToggleGroupItem,
} from '@patternfly/react-core';
import { ChartLineIcon } from '@patternfly/react-icons';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMemo, useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { useInstantQuery, usePrometheusScope } from '../k8s/usePrometheusQuery';
import { goldenSignalQueries, groupLabels, stepFor } from '../mesh/metrics/promql';
import type { Direction } from '../mesh/metrics/promql';
import { hasTcp, metricsRows, prometheusFailure } from '../mesh/metrics/results';
import type { MetricsRow, PrometheusFailure } from '../mesh/metrics/results';
import {
  formatBytesPerSecond,
  formatMs,
  formatPercent,
  formatRate,
} from '../mesh/observability/format';
import type { TabSubject } from '../mesh/observability/target';
import { TelemetryGapChecklist, TelemetryGapWarning, chainBroken } from './TelemetryGap';
import { useTabTelemetry } from './useTabTelemetry';

const useFailureText = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (failure: PrometheusFailure, namespace: string) =>
    ({
      forbidden: t(
        'You may not read the metrics of {{namespace}}. Reading them needs permission to view the pods’ metrics in the namespace (the view role has it), or cluster monitoring access.',
        { namespace },
      ),
      unauthorized: t('Your session has expired: log in again to read metrics.'),
      'bad-query': t(
        'Prometheus refused the query. This is a bug in the plugin; please report it.',
      ),
      unavailable: t(
        'The console’s Prometheus could not be reached. Check the cluster monitoring stack (Observe → Targets) and try again.',
      ),
    })[failure];
};

const dash = '—';

const MetricsTable: FC<{
  rows: MetricsRow[];
  labels: string[];
  namespaceView: boolean;
  hidden: Set<string>;
  onToggle: (key: string, shown: boolean) => void;
}> = ({ rows, namespaceView, hidden, onToggle }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const tcp = hasTcp(rows);
  const num = (n: number | undefined, f: (n: number) => string) => (n === undefined ? dash : f(n));
  return (
    <Table variant="compact" aria-label={t('Golden signals by version')} data-test="metrics-table">
      <Thead>
        <Tr>
          <Th screenReaderText={t('Shown in the charts')} />
          {namespaceView && <Th>{t('Service')}</Th>}
          <Th>{t('Version')}</Th>
          <Th>{t('Requests/s')}</Th>
          <Th>{t('Errors')}</Th>
          <Th>{t('p50')}</Th>
          <Th>{t('p95')}</Th>
          <Th>{t('p99')}</Th>
          {tcp && <Th>{t('TCP sent')}</Th>}
          {tcp && <Th>{t('TCP received')}</Th>}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((r) => {
          const version = r.groups[r.groups.length - 1];
          return (
            <Tr key={r.key} data-test={`metrics-row-${r.key}`}>
              <Td>
                <Checkbox
                  id={`metrics-show-${r.key}`}
                  aria-label={t('Show {{series}} in the charts', { series: r.key })}
                  isChecked={!hidden.has(r.key)}
                  onChange={(_, on) => onToggle(r.key, on)}
                />
              </Td>
              {namespaceView && <Td dataLabel={t('Service')}>{r.groups[0]}</Td>}
              <Td dataLabel={t('Version')}>{version}</Td>
              <Td dataLabel={t('Requests/s')} data-test="rps">
                {num(r.requestRate, formatRate)}
              </Td>
              <Td dataLabel={t('Errors')} data-test="errors">
                {num(r.errorPercent, formatPercent)}
              </Td>
              <Td dataLabel={t('p50')}>{num(r.p50, formatMs)}</Td>
              <Td dataLabel={t('p95')} data-test="p95">
                {num(r.p95, formatMs)}
              </Td>
              <Td dataLabel={t('p99')}>{num(r.p99, formatMs)}</Td>
              {tcp && <Td dataLabel={t('TCP sent')}>{num(r.tcpSent, formatBytesPerSecond)}</Td>}
              {tcp && (
                <Td dataLabel={t('TCP received')}>{num(r.tcpReceived, formatBytesPerSecond)}</Td>
              )}
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};

/**
 * Golden signals of the tab's subject from Istio's standard metrics, through the console's
 * Prometheus: a table per version over the window, and charts over time. Independent of Kiali.
 * Requests per view are fixed (seven instant queries, three charts) whatever the versions.
 */
export const MetricsSection: FC<{ subject: TabSubject; durationSeconds: number }> = ({
  subject,
  durationSeconds,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const failureText = useFailureText();
  const { target } = subject;
  const [direction, setDirection] = useState<Direction>('inbound');
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const scope = usePrometheusScope(target.namespace);
  const labels = useMemo(() => groupLabels(target, direction), [target, direction]);
  // The table averages over the whole window; the charts take about 60 points over it.
  const table = useMemo(
    () => goldenSignalQueries(target, direction, durationSeconds),
    [target, direction, durationSeconds],
  );
  const charts = useMemo(
    () => goldenSignalQueries(target, direction, stepFor(durationSeconds)),
    [target, direction, durationSeconds],
  );
  const requestRate = useInstantQuery(table.requestRate, scope);
  const errorPercent = useInstantQuery(table.errorPercent, scope);
  const p50 = useInstantQuery(table.latency.p50, scope);
  const p95 = useInstantQuery(table.latency.p95, scope);
  const p99 = useInstantQuery(table.latency.p99, scope);
  const tcpSent = useInstantQuery(table.tcpSent, scope);
  const tcpReceived = useInstantQuery(table.tcpReceived, scope);
  const all = [requestRate, errorPercent, p50, p95, p99, tcpSent, tcpReceived];
  const loaded = all.every((q) => q.loaded);
  const failure = prometheusFailure(all.find((q) => q.error)?.error);
  const rows = useMemo(
    () =>
      metricsRows(
        {
          requestRate: requestRate.response,
          errorPercent: errorPercent.response,
          p50: p50.response,
          p95: p95.response,
          p99: p99.response,
          tcpSent: tcpSent.response,
          tcpReceived: tcpReceived.response,
        },
        labels,
      ),
    [
      requestRate.response,
      errorPercent.response,
      p50.response,
      p95.response,
      p99.response,
      tcpSent.response,
      tcpReceived.response,
      labels,
    ],
  );
  const telemetry = useTabTelemetry(subject);
  const broken = chainBroken(telemetry, 'metrics');
  const name = target.kind === 'namespace' ? target.namespace : target.name;
  const disabledSeries = useMemo(
    () =>
      rows
        .filter((r) => hidden.has(r.key))
        .map((r) => Object.fromEntries(labels.map((l, i) => [l, r.groups[i]]))),
    [rows, hidden, labels],
  );
  const seriesTitle = (metric: Record<string, string>) => labels.map((l) => metric[l]).join(' ');

  let body;
  if (failure) {
    body = (
      <Alert
        isInline
        variant={failure === 'forbidden' ? 'info' : 'danger'}
        title={t('Metrics could not be read')}
        data-test="metrics-error"
      >
        {failureText(failure, target.namespace)}
      </Alert>
    );
  } else if (!loaded || (rows.length === 0 && !telemetry.loaded)) {
    body = (
      <Bullseye style={{ minHeight: 120 }}>
        <Spinner aria-label={t('Loading metrics')} />
      </Bullseye>
    );
  } else if (rows.length === 0 && broken) {
    body = (
      <TelemetryGapChecklist telemetry={telemetry} chain="metrics" name={name} view="metrics" />
    );
  } else if (rows.length === 0) {
    body = (
      <EmptyState
        titleText={t('No requests')}
        headingLevel="h3"
        icon={ChartLineIcon}
        data-test="metrics-empty"
      >
        <EmptyStateBody>
          {direction === 'inbound'
            ? t('Prometheus has no requests to {{name}} in this window.', { name })
            : t('Prometheus has no requests from {{name}} in this window.', { name })}
        </EmptyStateBody>
      </EmptyState>
    );
  } else {
    const chart = (title: string, query: string, units: string, test: string) => (
      <GridItem md={4}>
        <Title headingLevel="h3" size="md">
          {title}
        </Title>
        <div data-test={test}>
          <QueryBrowser
            queries={[query]}
            namespace={scope.namespace}
            timespan={durationSeconds * 1000}
            pollInterval={30_000}
            units={units}
            disabledSeries={[disabledSeries]}
            formatSeriesTitle={seriesTitle}
            hideControls
            disableZoom
            showLegend
          />
        </div>
      </GridItem>
    );
    body = (
      <Stack hasGutter>
        {broken && (
          <StackItem>
            <TelemetryGapWarning telemetry={telemetry} chain="metrics" />
          </StackItem>
        )}
        <StackItem>
          <MetricsTable
            rows={rows}
            labels={labels}
            namespaceView={target.kind === 'namespace'}
            hidden={hidden}
            onToggle={(key, shown) =>
              setHidden((h) => {
                const next = new Set(h);
                if (shown) next.delete(key);
                else next.add(key);
                return next;
              })
            }
          />
        </StackItem>
        <StackItem>
          <Grid hasGutter>
            {chart(t('Requests per second'), charts.requestRate, 'rps', 'chart-requests')}
            {chart(t('Errors (% of requests)'), charts.errorPercent, '%', 'chart-errors')}
            {chart(t('p95 latency (ms)'), charts.latency.p95, 'ms', 'chart-p95')}
          </Grid>
        </StackItem>
      </Stack>
    );
  }

  return (
    <Card data-test="metrics-card">
      <CardHeader
        actions={{
          actions: (
            <ToggleGroup aria-label={t('Traffic direction')}>
              <ToggleGroupItem
                text={t('Inbound')}
                buttonId="metrics-inbound"
                isSelected={direction === 'inbound'}
                onChange={() => setDirection('inbound')}
              />
              <ToggleGroupItem
                text={t('Outbound')}
                buttonId="metrics-outbound"
                isSelected={direction === 'outbound'}
                onChange={() => setDirection('outbound')}
              />
            </ToggleGroup>
          ),
          hasNoOffset: true,
        }}
      >
        <CardTitle component="h2">{t('Metrics')}</CardTitle>
        <Content component="small">
          {direction === 'inbound'
            ? t(
                'Requests to {{name}} as its proxies report them, by version, averaged over the window.',
                { name },
              )
            : t(
                'Requests from {{name}} as its proxies report them, by version, averaged over the window.',
                { name },
              )}
        </Content>
      </CardHeader>
      <CardBody>{body}</CardBody>
    </Card>
  );
};
