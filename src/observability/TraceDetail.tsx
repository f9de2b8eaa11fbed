import {
  Alert,
  Bullseye,
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  DescriptionList,
  EmptyState,
  EmptyStateBody,
  Flex,
  FlexItem,
  Icon,
  Spinner,
} from '@patternfly/react-core';
import { ExclamationCircleIcon, SearchIcon } from '@patternfly/react-icons';
import { ExpandableRowContent, Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMemo, useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { DetailItem } from '../components/DetailItem';
import { useKialiQuery } from '../k8s/useKialiQuery';
import { tracingUiTraceLink } from '../mesh/observability/links';
import type { TracingUi } from '../mesh/observability/links';
import { traceApiPath } from '../mesh/observability/target';
import {
  decodeSingleTrace,
  formatMicros,
  summarizeTrace,
  waterfallRows,
} from '../mesh/observability/traces';
import type { WaterfallRow } from '../mesh/observability/traces';
import { useKialiFailureText } from './KialiUnavailable';
import { ExternalLink } from './WindowToolbar';

const BAR = {
  ok: 'var(--pf-t--global--color--brand--default)',
  error: 'var(--pf-t--global--color--status--danger--default)',
};

const SpanBar: FC<{ row: WaterfallRow }> = ({ row }) => (
  <div style={{ position: 'relative', height: 20 }}>
    <div
      style={{
        position: 'absolute',
        top: 4,
        height: 12,
        left: `${Math.min(row.offsetPercent, 99.5)}%`,
        width: `${Math.max(row.widthPercent, 0.5)}%`,
        minWidth: 2,
        background: row.error ? BAR.error : BAR.ok,
        borderRadius: 'var(--pf-t--global--border--radius--small)',
      }}
    />
  </div>
);

/** One trace: what it is, and its spans as a waterfall (each span's tags on expanding it). */
export const TraceDetail: FC<{ traceId: string; ui: TracingUi; onBack: () => void }> = ({
  traceId,
  ui,
  onBack,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const failureText = useKialiFailureText();
  // Always the whole trace by id: a Tempo search answer holds only the spans that matched.
  const query = useKialiQuery(traceApiPath(traceId), undefined, decodeSingleTrace);
  const trace = query.data?.found ? query.data.trace : undefined;
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const rows = useMemo(() => (trace ? waterfallRows(trace) : []), [trace]);
  const summary = trace && trace.spans.length ? summarizeTrace(trace) : undefined;
  const link = tracingUiTraceLink(ui, traceId);
  // Kiali's own 404 (handlers/tracing.go TraceDetails, when the backend returns nothing).
  const notFound =
    (query.data && !query.data.found && query.data.notFound) ||
    (query.error?.kind === 'http' && query.error.status === 404 && query.error.fromKiali);

  const back = (
    <Button variant="link" isInline onClick={onBack} data-test="back-to-traces">
      {t('All traces')}
    </Button>
  );
  let body;
  if (notFound) {
    body = (
      <EmptyState
        titleText={t('Trace not found')}
        headingLevel="h3"
        icon={SearchIcon}
        data-test="trace-not-found"
      >
        <EmptyStateBody>
          {t(
            'The tracing backend has no trace {{id}}. It may be older than the backend keeps traces, or the link may name a trace that never reached it.',
            { id: traceId },
          )}
        </EmptyStateBody>
      </EmptyState>
    );
  } else if (query.data && !query.data.found) {
    body = (
      <Alert
        isInline
        variant="danger"
        title={t('Trace {{id}} could not be read', { id: traceId })}
        data-test="trace-error"
      >
        {t('The tracing backend reported: {{message}}', { message: query.data.message })}
      </Alert>
    );
  } else if (query.error) {
    body = (
      <Alert
        isInline
        variant="danger"
        title={t('Trace {{id}} could not be read', { id: traceId })}
        data-test="trace-error"
      >
        {failureText(query.error, 'tracing')}
      </Alert>
    );
  } else if (!trace) {
    body = (
      <Bullseye style={{ minHeight: 160 }}>
        <Spinner aria-label={t('Loading the trace')} />
      </Bullseye>
    );
  } else {
    body = (
      <Table
        aria-label={t('Spans of trace {{id}}', { id: traceId })}
        variant="compact"
        data-test="waterfall"
      >
        <Thead>
          <Tr>
            <Th screenReaderText={t('Show tags')} />
            <Th width={40}>{t('Span')}</Th>
            <Th width={10}>{t('Duration')}</Th>
            <Th width={50}>{t('Timeline')}</Th>
          </Tr>
        </Thead>
        {rows.map((row, i) => {
          const id = row.span.spanID;
          const isExpanded = expanded.has(id);
          return (
            <Tbody key={id} isExpanded={isExpanded}>
              <Tr data-test={`span-${id}`} data-depth={row.depth}>
                <Td
                  expand={{
                    rowIndex: i,
                    isExpanded,
                    onToggle: () =>
                      setExpanded((s) => {
                        const next = new Set(s);
                        if (next.has(id)) next.delete(id);
                        else next.add(id);
                        return next;
                      }),
                  }}
                />
                <Td dataLabel={t('Span')}>
                  <div
                    style={{ paddingLeft: `calc(${row.depth} * var(--pf-t--global--spacer--md))` }}
                  >
                    {row.error && (
                      <Icon status="danger" isInline>
                        <ExclamationCircleIcon title={t('Error')} />
                      </Icon>
                    )}{' '}
                    <strong>{row.span.serviceName || t('unknown service')}</strong>{' '}
                    <span style={{ color: 'var(--pf-t--global--text--color--subtle)' }}>
                      {row.span.operationName}
                    </span>
                  </div>
                </Td>
                <Td dataLabel={t('Duration')}>{formatMicros(row.span.duration)}</Td>
                <Td dataLabel={t('Timeline')}>
                  <SpanBar row={row} />
                </Td>
              </Tr>
              <Tr isExpanded={isExpanded}>
                <Td colSpan={4}>
                  <ExpandableRowContent>
                    <DescriptionList isCompact isHorizontal>
                      <DetailItem term={t('Starts after')}>
                        {formatMicros(row.offsetMicros)}
                      </DetailItem>
                      <DetailItem term={t('Span ID')}>{id}</DetailItem>
                      {row.span.tags.map((tag) => (
                        <DetailItem key={tag.key} term={tag.key}>
                          {tag.value}
                        </DetailItem>
                      ))}
                    </DescriptionList>
                  </ExpandableRowContent>
                </Td>
              </Tr>
            </Tbody>
          );
        })}
      </Table>
    );
  }
  return (
    <Card data-test="trace-detail">
      <CardHeader
        actions={{
          actions: (
            <>
              {link && (
                <ExternalLink link={link} dataTest="open-trace-in-tracing-ui">
                  {t('Open in tracing UI')}
                </ExternalLink>
              )}
            </>
          ),
          hasNoOffset: true,
        }}
      >
        {back}
        <CardTitle component="h2">{t('Trace {{id}}', { id: traceId })}</CardTitle>
      </CardHeader>
      <CardBody>
        {summary && (
          <Flex
            gap={{ default: 'gapXl' }}
            style={{ marginBottom: 'var(--pf-t--global--spacer--md)' }}
            data-test="trace-summary"
          >
            <FlexItem>
              {t('Root')}: <strong>{summary.root?.service}</strong> {summary.root?.operation}
            </FlexItem>
            <FlexItem>
              {t('Started')}: {new Date(summary.startMicros / 1000).toLocaleString()}
            </FlexItem>
            <FlexItem>
              {t('Duration')}: {formatMicros(summary.durationMicros)}
            </FlexItem>
            <FlexItem>
              {t('{{count}} spans', { count: summary.spanCount })},{' '}
              {t('{{count}} with errors', { count: summary.errorCount })}
            </FlexItem>
          </Flex>
        )}
        {body}
      </CardBody>
    </Card>
  );
};
