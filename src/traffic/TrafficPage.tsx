import {
  DocumentTitle,
  ResourceLink,
  useActiveNamespace,
} from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Bullseye,
  Button,
  Content,
  EmptyState,
  EmptyStateBody,
  PageSection,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../k8s/errors';
import { describeRouting } from '../mesh/traffic/trafficSplit';
import { ServiceModel, modelToGroupVersionKind } from '../models';
import { routingPartText } from './routingText';
import { routingFor, useTrafficData } from './useTrafficData';

const ALL_NAMESPACES = '#ALL_NS#';
// Services the mesh itself runs are not application traffic.
const SYSTEM = /^(openshift|kube|istio-system$|istio-cni$)/;

/** Services with their current routing in plain words, and the way into the traffic forms. */
const TrafficPage: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const [activeNamespace] = useActiveNamespace();
  const namespace = activeNamespace === ALL_NAMESPACES ? undefined : activeNamespace;
  const data = useTrafficData(namespace);
  const services = data.services.filter((s) => !SYSTEM.test(s.metadata?.namespace ?? ''));

  let body;
  if (data.error) {
    body = (
      <Alert isInline variant="danger" title={t('The services could not be read')}>
        {errorMessage(data.error)}
      </Alert>
    );
  } else if (!data.loaded) {
    body = (
      <Bullseye>
        <Spinner aria-label={t('Loading services')} />
      </Bullseye>
    );
  } else if (!data.istioInstalled) {
    body = (
      <EmptyState titleText={t('Istio is not installed')} headingLevel="h2" data-test="no-istio">
        <EmptyStateBody>
          {t('Traffic management needs a Service Mesh control plane.')}{' '}
          <Link to="/service-mesh/install">{t('Install Service Mesh')}</Link>
        </EmptyStateBody>
      </EmptyState>
    );
  } else {
    body = (
      <Table
        aria-label={t('Services and their routing')}
        variant="compact"
        data-test="traffic-table"
      >
        <Thead>
          <Tr>
            <Th>{t('Service')}</Th>
            <Th>{t('Namespace')}</Th>
            <Th>{t('Routing')}</Th>
            <Th screenReaderText={t('Actions')} />
          </Tr>
        </Thead>
        <Tbody>
          {services.map((s) => {
            const { vs, dr } = routingFor(s, data.virtualServices, data.destinationRules);
            const summary = describeRouting(vs, dr);
            const name = s.metadata?.name ?? '';
            const ns = s.metadata?.namespace ?? '';
            return (
              <Tr key={`${ns}/${name}`} data-test={`traffic-row-${ns}-${name}`}>
                <Td dataLabel={t('Service')}>
                  <ResourceLink
                    groupVersionKind={modelToGroupVersionKind(ServiceModel)}
                    name={name}
                    namespace={ns}
                  />
                </Td>
                <Td dataLabel={t('Namespace')}>{ns}</Td>
                <Td dataLabel={t('Routing')} data-test={`routing-${ns}-${name}`}>
                  {summary.parts.map((p) => routingPartText(t, p)).join('; ')}
                </Td>
                <Td dataLabel={t('Actions')} isActionCell>
                  <Button
                    variant="secondary"
                    size="sm"
                    component={(props) => (
                      <Link {...props} to={`/service-mesh/traffic/ns/${ns}/${name}/split`} />
                    )}
                    data-test={`split-${ns}-${name}`}
                  >
                    {t('Traffic split')}
                  </Button>{' '}
                  <Button
                    variant="secondary"
                    size="sm"
                    component={(props) => (
                      <Link
                        {...props}
                        to={`/service-mesh/traffic/ns/${ns}/${name}/circuit-breaker`}
                      />
                    )}
                    data-test={`circuit-breaker-${ns}-${name}`}
                  >
                    {t('Circuit breaker')}
                  </Button>{' '}
                  <Button
                    variant="secondary"
                    size="sm"
                    component={(props) => (
                      <Link
                        {...props}
                        to={`/service-mesh/traffic/ns/${ns}/${name}/match-routing`}
                      />
                    )}
                    data-test={`match-routing-${ns}-${name}`}
                  >
                    {t('A/B routing')}
                  </Button>{' '}
                  <Button
                    variant="secondary"
                    size="sm"
                    component={(props) => (
                      <Link {...props} to={`/service-mesh/traffic/ns/${ns}/${name}/resilience`} />
                    )}
                    data-test={`resilience-${ns}-${name}`}
                  >
                    {t('Timeouts, retries, faults')}
                  </Button>
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
    );
  }

  return (
    <>
      <DocumentTitle>{t('Traffic')}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">{t('Traffic')}</Title>
        <Content component="p">
          {t(
            'How requests to each service are routed, and forms that change it without touching anything else in your Istio objects.',
          )}
        </Content>
      </PageSection>
      <PageSection>{body}</PageSection>
    </>
  );
};

export default TrafficPage;
