import {
  Alert,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  DescriptionList,
  Flex,
  FlexItem,
  Skeleton,
} from '@patternfly/react-core';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { DetailItem } from '../components/DetailItem';
import { useKialiQuery } from '../k8s/useKialiQuery';
import { formatPercent, formatRate } from '../mesh/observability/format';
import { countByStatus, decodeClusterHealth } from '../mesh/observability/health';
import type { HealthStatus } from '../mesh/observability/health';
import { DEFAULT_HEALTH_DURATION, decodeKialiConfig } from '../mesh/observability/kialiStatus';
import type { MeshTarget } from '../mesh/observability/links';
import { HealthLabel } from './HealthLabel';
import { useKialiFailureText } from './KialiUnavailable';

const ORDER: HealthStatus[] = ['Failure', 'Degraded', 'NotReady', 'Healthy', 'NA'];

/**
 * Kiali's health of the tab's object (or of a namespace's applications). Kiali serves health from
 * a cache computed over its own window (`health_config.compute.duration`, 5m by default) and
 * ignores `rateInterval`, so the card names that window rather than the tab's. The same window is
 * asked for, which is what an uncached Kiali then computes over.
 */
export const MeshHealthCard: FC<{ target: MeshTarget; queryTime?: string }> = ({
  target,
  queryTime,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const failureText = useKialiFailureText();
  const type = target.kind === 'namespace' ? 'app' : target.kind;
  const config = useKialiQuery('/api/config', undefined, decodeKialiConfig);
  // Health waits for the window it is asked over; a failed config read falls back to Kiali's.
  const configKnown = !config.loading || config.data !== undefined;
  const healthDuration = config.data?.healthDuration ?? DEFAULT_HEALTH_DURATION;
  const query = useKialiQuery(
    configKnown ? '/api/clusters/health' : null,
    {
      namespaces: target.namespace,
      type,
      rateInterval: healthDuration,
      ...(queryTime ? { queryTime } : {}),
    },
    decodeClusterHealth,
  );

  let body;
  if (query.error) {
    body = (
      <Alert isInline isPlain variant="danger" title={t('Health could not be read')}>
        {failureText(query.error)}
      </Alert>
    );
  } else if (!query.data) {
    body = <Skeleton screenreaderText={t('Loading health')} />;
  } else if (target.kind === 'namespace') {
    const counts = countByStatus(query.data.app[target.namespace]);
    const total = ORDER.reduce((n, s) => n + counts[s], 0);
    body =
      total === 0 ? (
        t('Kiali reports no applications in this namespace.')
      ) : (
        <Flex direction={{ default: 'column' }} gap={{ default: 'gapSm' }}>
          <FlexItem>{t('{{count}} applications', { count: total })}</FlexItem>
          {ORDER.filter((s) => counts[s] > 0).map((s) => (
            <FlexItem key={s} data-test={`health-count-${s}`}>
              <HealthLabel status={s} />: {counts[s]}
            </FlexItem>
          ))}
        </Flex>
      );
  } else {
    const entity = query.data[target.kind][target.namespace]?.[target.name];
    body = !entity ? (
      t('Kiali has no health for {{name}}: it may not be part of the mesh yet.', {
        name: target.name,
      })
    ) : (
      <DescriptionList isCompact isHorizontal>
        <DetailItem term={t('Health')}>
          <HealthLabel status={entity.status} />
        </DetailItem>
        <DetailItem term={t('Inbound requests')}>
          {entity.inboundRate !== undefined
            ? t('{{rate}} per second', { rate: formatRate(entity.inboundRate) })
            : '—'}
        </DetailItem>
        <DetailItem term={t('Errors')}>
          <span data-test="health-errors">
            {entity.hasTraffic && entity.errorPercent !== undefined
              ? formatPercent(Math.max(0, entity.errorPercent))
              : t('no traffic')}
          </span>
        </DetailItem>
        {entity.workloads.map((w) => (
          <DetailItem key={w.name} term={t('Pods of {{name}}', { name: w.name })}>
            {t('{{available}} of {{desired}} available', {
              available: w.availableReplicas,
              desired: w.desiredReplicas,
            })}
            {w.syncedProxies !== undefined && w.syncedProxies >= 0
              ? `, ${t('{{count}} proxies synced', { count: w.syncedProxies })}`
              : ''}
          </DetailItem>
        ))}
      </DescriptionList>
    );
  }
  return (
    <Card isFullHeight data-test="mesh-health">
      <CardHeader>
        <CardTitle component="h2">{t('Health')}</CardTitle>
        {configKnown && (
          <small
            style={{ color: 'var(--pf-t--global--text--color--subtle)' }}
            data-test="health-window"
          >
            {t(
              'Over the last {{duration}} (Kiali’s health window; the time window above does not apply)',
              {
                duration: healthDuration,
              },
            )}
          </small>
        )}
      </CardHeader>
      <CardBody>{body}</CardBody>
    </Card>
  );
};
