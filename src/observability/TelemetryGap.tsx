import { Alert, Card, CardBody, CardTitle, Content } from '@patternfly/react-core';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { ReadinessList } from '../components/TelemetryChecklist';
import type { ReadinessLink } from '../mesh/observability/telemetryReadiness';
import type { TabTelemetry } from './useTabTelemetry';

export type Chain = 'metrics' | 'tracing';

/**
 * The links a view depends on: the graph needs the metrics chain; traces need the tracing
 * chain, and a workload's traces also need its sidecar (nothing else emits its spans).
 */
export const linksFor = (telemetry: TabTelemetry, chain: Chain): ReadinessLink[] =>
  (telemetry.readiness?.links ?? []).filter(
    (l) => l.chain === chain || (chain === 'tracing' && l.id === 'workload-sidecar'),
  );

/** Some link of the chain is known to be missing: the view cannot be trusted to be complete. */
export const chainBroken = (telemetry: TabTelemetry, chain: Chain) =>
  linksFor(telemetry, chain).some((l) => l.state === 'missing');

/**
 * In place of an empty graph or trace list: the chain, link by link, so "nothing here" is never
 * mistaken for "no requests" when the mesh cannot record them.
 */
export const TelemetryGapChecklist: FC<{
  telemetry: TabTelemetry;
  chain: Chain;
  name: string;
  /** The view it replaces: Kiali's graph (the default) or the Prometheus metrics. */
  view?: 'graph' | 'metrics';
}> = ({ telemetry, chain, name, view = 'graph' }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (
    <Card
      data-test={view === 'metrics' ? 'metrics-telemetry-checklist' : 'telemetry-checklist'}
      isPlain
    >
      <CardTitle component="h3">
        {chain === 'tracing'
          ? t('Why there are no traces')
          : view === 'metrics'
            ? t('Why there are no metrics')
            : t('Why there is no traffic graph')}
      </CardTitle>
      <CardBody>
        <Content component="p">
          {chain === 'metrics' && view === 'metrics'
            ? t(
                'Prometheus holds no Istio metrics for {{name}}: they are not collected, and each link marked below is missing.',
                { name },
              )
            : chain === 'metrics'
              ? t(
                  'Kiali draws the graph from the mesh’s Prometheus metrics, and for {{name}} they are not collected: each link marked below is missing.',
                  { name },
                )
              : t('Traces of {{name}} are not recorded: each link marked below is missing.', {
                  name,
                })}
        </Content>
        <div data-test={`telemetry-${chain}`}>
          <ReadinessList links={linksFor(telemetry, chain)} controlPlane={telemetry.controlPlane} />
        </div>
      </CardBody>
    </Card>
  );
};

/** Above a non-empty view: what it shows may be old or partial, and why. */
export const TelemetryGapWarning: FC<{ telemetry: TabTelemetry; chain: Chain }> = ({
  telemetry,
  chain,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (
    <Alert
      isInline
      variant="warning"
      data-test="telemetry-warning"
      title={
        chain === 'metrics'
          ? t('Part of the metrics chain is missing: new traffic may not show')
          : t('Part of the tracing chain is missing: new traces are not recorded')
      }
    >
      <ReadinessList
        links={linksFor(telemetry, chain).filter((l) => l.state === 'missing')}
        controlPlane={telemetry.controlPlane}
      />
    </Alert>
  );
};
