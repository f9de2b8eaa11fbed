import { Card, CardBody, CardTitle, Content, Flex, FlexItem, Icon } from '@patternfly/react-core';
import {
  CheckCircleIcon,
  ExclamationCircleIcon,
  OutlinedQuestionCircleIcon,
} from '@patternfly/react-icons';
import type { TFunction } from 'i18next';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  FixStep,
  ReadinessLink,
  TelemetryReadiness,
} from '../mesh/observability/telemetryReadiness';

/** What a link of the telemetry chain says, in each state. */
export const linkText = (t: TFunction, l: ReadinessLink, controlPlane: string): string => {
  const ok = l.state === 'ok';
  if (l.state === 'unknown') {
    return {
      'uwm-enabled': t('Whether user-workload monitoring is on cannot be read with your access.'),
      'uwm-prometheus': t(
        'Whether the user-workload Prometheus runs cannot be read with your access.',
      ),
      'istiod-scraped': t('Whether istiod is scraped cannot be read with your access.'),
      'proxies-scraped': t('Whether the sidecars are scraped cannot be read with your access.'),
      'ztunnel-scraped': t('Whether ztunnel is scraped cannot be read with your access.'),
      'kiali-metrics': t(
        'Whether Kiali may read cluster monitoring cannot be read with your access.',
      ),
      'workload-sidecar': t('Whether the workload has a sidecar is not known.'),
      'tempo-ready': t('Whether a Tempo instance is ready cannot be read with your access.'),
      'collector-ready': t(
        'Whether the OpenTelemetry collector runs cannot be read with your access.',
      ),
      'tracing-provider': t('The mesh tracing provider cannot be read with your access.'),
      'tracing-telemetry': t('The Telemetry settings cannot be read with your access.'),
      'kiali-tracing': t('Whether Kiali reads Tempo cannot be read with your access.'),
    }[l.id];
  }
  switch (l.id) {
    case 'uwm-enabled':
      if (l.detail?.malformed)
        return t(
          'openshift-monitoring/cluster-monitoring-config is not valid YAML: user-workload monitoring cannot be turned on until it is fixed by hand.',
        );
      return ok
        ? t('User-workload monitoring is on.')
        : t('User-workload monitoring is off: nothing collects the mesh metrics.');
    case 'uwm-prometheus':
      return ok
        ? t('The user-workload Prometheus is running.')
        : t('The user-workload Prometheus is not running yet.');
    case 'istiod-scraped':
      return ok
        ? t('istiod is scraped.')
        : t('No ServiceMonitor scrapes istiod in {{namespace}}.', { namespace: controlPlane });
    case 'proxies-scraped':
      return ok
        ? t('The sidecars are scraped.')
        : l.detail?.namespaces?.length
          ? t('No PodMonitor scrapes the sidecars in {{namespaces}}.', {
              namespaces: l.detail.namespaces.join(', '),
            })
          : t('No namespace is in the mesh, so no sidecar is scraped.');
    case 'ztunnel-scraped':
      return ok
        ? t('ztunnel’s metrics are collected.')
        : t(
            'ztunnel’s metrics are not collected (no PodMonitor scrapes it in {{namespaces}}): Kiali’s graph has no L4 (TCP) edges of ambient workloads and no waypoint nodes.',
            { namespaces: l.detail?.namespaces?.join(', ') ?? '' },
          );
    case 'kiali-metrics':
      return ok
        ? t('Kiali can read the metrics.')
        : t(
            'Kiali cannot read cluster monitoring: it needs an instance and the cluster-monitoring-view binding.',
          );
    case 'workload-sidecar':
      return ok
        ? t('The workload has a sidecar.')
        : t('The workload runs without a sidecar, so nothing reports its traffic.');
    case 'tempo-ready':
      return ok ? t('A Tempo instance is ready.') : t('No Tempo instance is ready.');
    case 'collector-ready':
      return ok
        ? t('An OpenTelemetry collector forwards spans to Tempo.')
        : t('No ready OpenTelemetry collector forwards spans to a ready Tempo.');
    case 'tracing-provider':
      return ok
        ? t('Istio sends spans to the collector (provider {{provider}}).', {
            provider: l.detail?.provider ?? '',
          })
        : t('Istio has no tracing provider that sends spans to the collector.');
    case 'tracing-telemetry':
      return ok
        ? t('Tracing is on for {{percent}} % of requests.', { percent: l.detail?.sampling })
        : l.detail?.sampling === 0
          ? t('The Telemetry samples 0 % of requests, so nothing is traced.')
          : t('No Telemetry turns tracing on with that provider.');
    case 'kiali-tracing':
      return ok ? t('Kiali reads traces from Tempo.') : t('Kiali is not pointed at Tempo.');
  }
};

const FIX_PATH: Record<FixStep, string> = {
  metrics: '/service-mesh/install#step-metrics',
  tracing: '/service-mesh/install#step-tracing',
  'kiali-instance': '/service-mesh/install#step-kiali-instance',
  members: '/service-mesh/install#step-members',
};

const StateIcon: FC<{ state: ReadinessLink['state'] }> = ({ state }) =>
  state === 'ok' ? (
    <Icon status="success" isInline>
      <CheckCircleIcon />
    </Icon>
  ) : state === 'missing' ? (
    <Icon status="danger" isInline>
      <ExclamationCircleIcon />
    </Icon>
  ) : (
    <Icon isInline>
      <OutlinedQuestionCircleIcon />
    </Icon>
  );

/** Links of the chain, each with its state and, where it is missing, the way to fix it. */
export const ReadinessList: FC<{
  links: ReadinessLink[];
  controlPlane: string;
  /** Off inside the install wizard, where the fix is the step itself. */
  showFix?: boolean;
}> = ({ links, controlPlane, showFix = true }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (
    <ul style={{ listStyle: 'none', paddingLeft: 0 }}>
      {links.map((l) => (
        <li key={l.id} data-test={`telemetry-link-${l.id}`} data-state={l.state}>
          <Flex gap={{ default: 'gapSm' }} flexWrap={{ default: 'nowrap' }}>
            <FlexItem>
              <StateIcon state={l.state} />
            </FlexItem>
            <FlexItem>
              {linkText(t, l, controlPlane)}{' '}
              {showFix && l.state === 'missing' && (
                <Link to={FIX_PATH[l.fix]} data-test={`telemetry-fix-${l.id}`}>
                  {l.fix === 'members'
                    ? t('Enrol and restart it')
                    : t('Set it up in the install wizard')}
                </Link>
              )}
            </FlexItem>
          </Flex>
        </li>
      ))}
    </ul>
  );
};

/**
 * The telemetry chain, link by link, each missing one with the way to fix it. `chains` picks
 * the metrics links (graph, health), the tracing links, or both.
 */
export const TelemetryChecklist: FC<{
  readiness: TelemetryReadiness;
  controlPlane: string;
  chains?: ReadinessLink['chain'][];
  title?: string;
  intro?: string;
}> = ({ readiness, controlPlane, chains = ['metrics', 'tracing'], title, intro }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const heading = { metrics: t('Metrics (graph and health)'), tracing: t('Traces') };
  return (
    <Card data-test="telemetry-checklist">
      <CardTitle component="h2">{title ?? t('Telemetry')}</CardTitle>
      <CardBody>
        {intro && <Content component="p">{intro}</Content>}
        {chains.map((chain) => (
          <div key={chain} data-test={`telemetry-${chain}`}>
            <Content component="h3">{heading[chain]}</Content>
            <ReadinessList
              links={readiness.links.filter((l) => l.chain === chain)}
              controlPlane={controlPlane}
            />
          </div>
        ))}
      </CardBody>
    </Card>
  );
};
