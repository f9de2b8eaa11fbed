import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Breadcrumb,
  BreadcrumbItem,
  Bullseye,
  PageSection,
  Spinner,
  Title,
} from '@patternfly/react-core';
import type { FC, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../k8s/errors';
import { securityPagePath } from '../mesh/forms/registry';
import type { SecurityData } from './useSecurityData';

/**
 * The frame of every security form: breadcrumbs back to the namespace's Security page, the
 * title, and instead of the form a spinner, a read error, a missing workload or a missing mesh.
 */
export const SecurityFormShell: FC<{
  title: string;
  namespace: string;
  data: SecurityData;
  workload?: string;
  children: () => ReactNode;
}> = ({ title, namespace, data, workload, children }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  let body: ReactNode;
  if (data.error) {
    body = (
      <Alert isInline variant="danger" title={t('The security settings could not be read')}>
        {errorMessage(data.error)}
      </Alert>
    );
  } else if (!data.loaded) {
    body = (
      <Bullseye>
        <Spinner aria-label={t('Loading security settings')} />
      </Bullseye>
    );
  } else if (!data.securityInstalled) {
    body = (
      <Alert isInline variant="warning" title={t('Istio is not installed')} data-test="no-istio">
        <Link to="/service-mesh/install">{t('Install Service Mesh')}</Link>
      </Alert>
    );
  } else if (workload && !data.rows.some((r) => r.name === workload)) {
    body = (
      <Alert
        isInline
        variant="danger"
        title={t('Deployment {{namespace}}/{{workload}} not found', { namespace, workload })}
      />
    );
  } else {
    body = children();
  }
  return (
    <>
      <DocumentTitle>{title}</DocumentTitle>
      <PageSection>
        <Breadcrumb>
          <BreadcrumbItem
            render={({ className }) => (
              <Link className={className} to={securityPagePath(namespace)}>
                {t('Security: {{namespace}}', { namespace })}
              </Link>
            )}
          />
          <BreadcrumbItem isActive>{title}</BreadcrumbItem>
        </Breadcrumb>
        <Title headingLevel="h1">{title}</Title>
      </PageSection>
      <PageSection>{body}</PageSection>
    </>
  );
};
