import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatBytesPerSecond, formatPercent, formatRate } from '../mesh/observability/format';
import type { GraphNode, GraphView } from '../mesh/observability/graph';
import { HealthLabel } from './HealthLabel';

const NodeName: FC<{ node?: GraphNode }> = ({ node }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  if (!node) return <>—</>;
  const kind = node.flags.waypoint
    ? t('waypoint proxy')
    : {
        app: t('app'),
        service: t('service'),
        workload: t('workload'),
        aggregate: t('aggregate'),
        unknown: t('unknown'),
      }[node.kind];
  const name = node.version ? `${node.label} ${node.version}` : node.label;
  return (
    <>
      {node.consolePath ? <Link to={node.consolePath}>{name}</Link> : name} <small>({kind})</small>
    </>
  );
};

/** The graph's edges as a table: the same numbers, readable without a pointer or sight. */
export const TrafficTable: FC<{ view: GraphView }> = ({ view }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  const nameOf = (id: string) => {
    const n = byId.get(id);
    return n ? `${n.label} ${n.version ?? ''}` : id;
  };
  // Callers in name order, each with its callees: reads like the graph, left to right.
  const sortedEdges = [...view.edges].sort(
    (a, b) =>
      nameOf(a.source).localeCompare(nameOf(b.source)) ||
      nameOf(a.target).localeCompare(nameOf(b.target)),
  );
  return (
    <Table aria-label={t('Traffic between nodes')} variant="compact" data-test="traffic-table">
      <Thead>
        <Tr>
          <Th modifier="wrap">{t('From')}</Th>
          <Th modifier="wrap">{t('To')}</Th>
          <Th modifier="wrap">{t('Protocol')}</Th>
          <Th modifier="wrap">{t('Rate')}</Th>
          <Th modifier="wrap">{t('Share')}</Th>
          <Th modifier="wrap">{t('Errors')}</Th>
          <Th modifier="wrap">{t('mTLS')}</Th>
          <Th modifier="wrap">{t('Response time (p95)')}</Th>
          <Th modifier="wrap">{t('Health')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {sortedEdges.map((e) => {
          const from = byId.get(e.source);
          const to = byId.get(e.target);
          return (
            <Tr
              key={e.id}
              data-test={`traffic-${from?.label ?? e.source}${from?.version ? `-${from.version}` : ''}-${to?.label ?? e.target}${to?.version ? `-${to.version}` : ''}`}
            >
              <Td dataLabel={t('From')}>
                <NodeName node={from} />
              </Td>
              <Td dataLabel={t('To')}>
                <NodeName node={to} />
              </Td>
              <Td dataLabel={t('Protocol')}>{e.protocol.toUpperCase()}</Td>
              <Td dataLabel={t('Rate')}>
                {e.rate === undefined
                  ? '—'
                  : e.protocol === 'tcp'
                    ? formatBytesPerSecond(e.rate)
                    : t('{{rate}} rps', { rate: formatRate(e.rate) })}
              </Td>
              <Td dataLabel={t('Share')} data-test="share">
                {e.sharePercent !== undefined ? formatPercent(e.sharePercent) : '—'}
              </Td>
              <Td dataLabel={t('Errors')}>
                {e.errorPercent !== undefined ? formatPercent(e.errorPercent) : '—'}
              </Td>
              <Td dataLabel={t('mTLS')}>
                {e.mtlsPercent !== undefined ? formatPercent(e.mtlsPercent) : t('none')}
              </Td>
              <Td dataLabel={t('Response time (p95)')}>
                {e.responseTimeMs !== undefined ? `${formatRate(e.responseTimeMs)} ms` : '—'}
              </Td>
              <Td dataLabel={t('Health')}>
                <HealthLabel status={e.health} />
              </Td>
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};
