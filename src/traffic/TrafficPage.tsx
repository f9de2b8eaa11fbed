import {
  DocumentTitle,
  ListPageBody,
  useActiveNamespace,
} from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Bullseye,
  Content,
  EmptyState,
  EmptyStateBody,
  PageSection,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { useMemo } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../k8s/errors';
import { ServiceRoutingTable } from './ServiceRoutingTable';
import { useTrafficData } from './useTrafficData';

const ALL_NAMESPACES = '#ALL_NS#';
// Services the mesh itself runs are not application traffic.
const SYSTEM = /^(openshift|kube|istio-system$|istio-cni$)/;

/** Services with their current routing in plain words, and the way into the traffic forms. */
const TrafficPage: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const [activeNamespace] = useActiveNamespace();
  const namespace = activeNamespace === ALL_NAMESPACES ? undefined : activeNamespace;
  const data = useTrafficData(namespace, false);
  const services = useMemo(
    () => data.services.filter((s) => !SYSTEM.test(s.metadata?.namespace ?? '')),
    [data.services],
  );

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
      <ServiceRoutingTable
        services={services}
        virtualServices={data.virtualServices}
        destinationRules={data.destinationRules}
        routes={data.routes}
      />
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
      <ListPageBody>{body}</ListPageBody>
    </>
  );
};

export default TrafficPage;
