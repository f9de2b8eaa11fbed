import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Bullseye,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  EmptyState,
  EmptyStateBody,
  Grid,
  GridItem,
  Spinner,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { TopologyIcon } from '@patternfly/react-icons';
import { useMemo } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { TabBody } from '../components/TabBody';
import { useKialiQuery } from '../k8s/useKialiQuery';
import { DURATION_OPTIONS } from '../mesh/observability/durations';
import { buildGraphView, decodeGraph, graphQuery } from '../mesh/observability/graph';
import { decodeKialiConfig, kialiPrometheusRefused } from '../mesh/observability/kialiStatus';
import { kialiGraphUrl } from '../mesh/observability/links';
import { graphApiPath, tabSubjectOf } from '../mesh/observability/target';
import type { TabSubject } from '../mesh/observability/target';
import { AppliedIstioConfig } from './AppliedIstioConfig';
import { GraphLegend } from './GraphLegend';
import { KialiUnavailable, useKialiFailureText } from './KialiUnavailable';
import { MeshHealthCard } from './MeshHealthCard';
import { MeshMembershipCard } from './MeshMembershipCard';
import { MetricsSection } from './MetricsSection';
import { TelemetryGapChecklist, TelemetryGapWarning, chainBroken } from './TelemetryGap';
import { TrafficGraph } from './TrafficGraph';
import { TrafficTable } from './TrafficTable';
import { useKialiBackend } from './useObservabilityBackends';
import { useTabTelemetry } from './useTabTelemetry';
import { useWindowParams } from './useWindowParams';
import { ExternalLink, WindowToolbar } from './WindowToolbar';

const durationLabel = (seconds: number) =>
  DURATION_OPTIONS.find((o) => o.seconds === seconds)?.label ?? `${seconds}s`;

const TrafficSection: FC<{
  subject: TabSubject;
  durationSeconds: number;
  queryTime?: string;
}> = ({ subject, durationSeconds, queryTime }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const failureText = useKialiFailureText();
  const { target } = subject;
  // The graph waits for Kiali's config: only a Kiali that found ztunnel takes the ambient
  // appender (a failed read asks without it).
  const config = useKialiQuery('/api/config', undefined, decodeKialiConfig);
  const configKnown = !config.loading || config.data !== undefined;
  const params = {
    ...graphQuery(durationSeconds, target.kind === 'namespace' ? [target.namespace] : undefined, {
      ambient: config.data?.ambientEnabled,
    }),
    ...(queryTime ? { queryTime } : {}),
  };
  const graph = useKialiQuery(configKnown ? graphApiPath(target) : null, params, decodeGraph);
  const view = useMemo(
    () => graph.data && buildGraphView(graph.data, target),
    [graph.data, target],
  );
  const name = target.kind === 'namespace' ? target.namespace : target.name;
  const telemetry = useTabTelemetry(
    subject,
    kialiPrometheusRefused(graph.error) ? false : graph.data ? true : undefined,
  );
  const broken = chainBroken(telemetry, 'metrics');

  if (graph.error) {
    return (
      <Alert
        isInline
        variant="danger"
        title={t('The traffic graph could not be read')}
        data-test="graph-error"
      >
        {failureText(graph.error)}
        {broken && <TelemetryGapChecklist telemetry={telemetry} chain="metrics" name={name} />}
      </Alert>
    );
  }
  if (!view) {
    return (
      <Bullseye style={{ minHeight: 240 }}>
        <Spinner aria-label={t('Loading the traffic graph')} />
      </Bullseye>
    );
  }
  const updated = view.timestamp ? new Date(view.timestamp * 1000).toLocaleTimeString() : undefined;
  return (
    <Stack hasGutter>
      {broken && view.edges.length > 0 && (
        <StackItem>
          <TelemetryGapWarning telemetry={telemetry} chain="metrics" />
        </StackItem>
      )}
      <StackItem>
        <Card data-test="graph-card">
          <CardHeader>
            <CardTitle component="h2">
              {t('Traffic in the last {{duration}}', { duration: durationLabel(durationSeconds) })}
              {graph.loading && (
                <>
                  {' '}
                  <Spinner size="sm" aria-label={t('Updating the traffic graph')} />
                </>
              )}
            </CardTitle>
            {updated && (
              <small style={{ color: 'var(--pf-t--global--text--color--subtle)' }}>
                {t('As of {{time}}', { time: updated })}
              </small>
            )}
          </CardHeader>
          <CardBody>
            {/* Without edges nothing flowed: at most the subject's own idle node. */}
            {view.edges.length === 0 && !telemetry.loaded ? (
              <Bullseye style={{ minHeight: 120 }}>
                <Spinner aria-label={t('Checking what the mesh collects')} />
              </Bullseye>
            ) : view.edges.length === 0 && broken ? (
              <TelemetryGapChecklist telemetry={telemetry} chain="metrics" name={name} />
            ) : view.nodes.length === 0 ? (
              <EmptyState
                titleText={t('No traffic')}
                headingLevel="h3"
                icon={TopologyIcon}
                data-test="no-traffic"
              >
                <EmptyStateBody>
                  {t(
                    'Kiali saw no requests to or from {{name}} in the last {{duration}}. Traffic shows here once requests flow through the mesh; a longer window may show older traffic.',
                    { name, duration: durationLabel(durationSeconds) },
                  )}
                </EmptyStateBody>
              </EmptyState>
            ) : (
              <Stack hasGutter>
                <StackItem>
                  <TrafficGraph
                    view={view}
                    ariaLabel={t(
                      'Traffic graph around {{name}}; the table below lists the same traffic.',
                      { name },
                    )}
                  />
                </StackItem>
                <StackItem>
                  <GraphLegend view={view} />
                </StackItem>
              </Stack>
            )}
          </CardBody>
        </Card>
      </StackItem>
      {view.edges.length > 0 && (
        <StackItem>
          <Card>
            <CardTitle component="h2">{t('Traffic between nodes')}</CardTitle>
            <CardBody>
              <TrafficTable view={view} />
            </CardBody>
          </Card>
        </StackItem>
      )}
    </Stack>
  );
};

const ServiceMeshView: FC<{ subject: TabSubject; obj: K8sResourceCommon }> = ({ subject, obj }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const kiali = useKialiBackend();
  const win = useWindowParams();
  const { availability } = kiali;
  const ready = availability.state === 'ready';
  return (
    <Stack hasGutter data-test="service-mesh-tab">
      <StackItem>
        <WindowToolbar
          durationSeconds={win.durationSeconds}
          onDuration={win.setDuration}
          onRefresh={() => {
            win.refresh();
            if (!ready) kiali.retry();
          }}
          loading={availability.state === 'loading'}
          links={
            kiali.url && (
              <ExternalLink
                link={{
                  href: kialiGraphUrl(kiali.url, subject.target, win.durationSeconds),
                  external: true,
                }}
                dataTest="open-in-kiali"
              >
                {t('Open in Kiali')}
              </ExternalLink>
            )
          }
        />
      </StackItem>
      {subject.target.kind === 'namespace' && (
        <StackItem>
          <MeshMembershipCard namespace={obj} />
        </StackItem>
      )}
      <StackItem>
        <Grid hasGutter>
          {ready && (
            <GridItem md={4}>
              <MeshHealthCard target={subject.target} queryTime={win.queryTime} />
            </GridItem>
          )}
          <GridItem md={ready ? 8 : 12}>
            <AppliedIstioConfig subject={subject} />
          </GridItem>
        </Grid>
      </StackItem>
      <StackItem>
        {availability.state === 'loading' && (
          <Bullseye style={{ minHeight: 240 }}>
            <Spinner aria-label={t('Looking for Kiali')} />
          </Bullseye>
        )}
        {ready && (
          <TrafficSection
            subject={subject}
            durationSeconds={win.durationSeconds}
            queryTime={win.queryTime}
          />
        )}
        {availability.state !== 'loading' && availability.state !== 'ready' && (
          <KialiUnavailable availability={availability} onRetry={kiali.retry} />
        )}
      </StackItem>
      <StackItem>
        {/* Prometheus, not Kiali: shown whether or not Kiali answers. A refresh asks again. */}
        <MetricsSection key={win.nowMs} subject={subject} durationSeconds={win.durationSeconds} />
      </StackItem>
    </Stack>
  );
};

/** `console.tab/horizontalNav` "Service Mesh" on Namespace, Project, Service and workload pages. */
const ServiceMeshTab: FC<{ obj?: K8sResourceCommon }> = ({ obj }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const subject = useMemo(() => tabSubjectOf(obj), [obj]);
  return (
    <TabBody>
      {subject && obj ? (
        <ServiceMeshView subject={subject} obj={obj} />
      ) : (
        <Alert isInline variant="info" title={t('This object has no service mesh view.')} />
      )}
    </TabBody>
  );
};

export default ServiceMeshTab;
