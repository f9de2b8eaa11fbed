import {
  Alert,
  AlertActionLink,
  Button,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
} from '@patternfly/react-core';
import { TopologyIcon } from '@patternfly/react-icons';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { KialiAvailability } from '../mesh/observability/backends';
import type { KialiFailure } from '../mesh/observability/kialiStatus';
import { INSTALL_WIZARD_PATH } from '../mesh/observability/links';

/**
 * A failed Kiali call in words: what happened and, where it helps, what to do. `backend` names
 * what Kiali was asking when its own 503 says a backend failed ('tracing' for traces).
 */
export const useKialiFailureText = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (failure: KialiFailure, backend?: 'tracing'): string => {
    switch (failure.kind) {
      case 'backend':
        return backend === 'tracing'
          ? t(
              'Kiali answered, but its tracing backend failed: {{message}}. Check the tracing backend set in the Kiali resource (spec.external_services.tracing).',
              { message: failure.message },
            )
          : t('Kiali answered, but a service it depends on failed (HTTP {{status}}): {{message}}', {
              status: failure.status,
              message: failure.message,
            });
      case 'unreachable':
        return t(
          'The console could not reach Kiali through the plugin’s "kiali" proxy (HTTP {{status}}): {{message}}',
          { status: failure.status, message: failure.message },
        );
      case 'forbidden':
        return t('Kiali refused the request (HTTP {{status}}): {{message}}', {
          status: failure.status,
          message: failure.message,
        });
      case 'malformed':
        return t('Kiali’s answer was not in the expected form: {{message}}', {
          message: failure.message,
        });
      case 'network':
        return t('No answer from the console: {{message}}', { message: failure.message });
      default:
        return t('Kiali answered HTTP {{status}}: {{message}}', {
          status: failure.status,
          message: failure.message,
        });
    }
  };
};

const InstallButton: FC<{ label: string }> = ({ label }) => (
  <Button
    variant="primary"
    component={(props) => <Link {...props} to={INSTALL_WIZARD_PATH} />}
    data-test="open-install-wizard"
  >
    {label}
  </Button>
);

/**
 * What to do when Kiali, which the traffic graph, health and traces come from, is missing or
 * unreachable: install it (the wizard does), wait for it, or read the error.
 */
export const KialiUnavailable: FC<{
  availability: Exclude<KialiAvailability, { state: 'loading' } | { state: 'ready' }>;
  onRetry: () => void;
}> = ({ availability, onRetry }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const failureText = useKialiFailureText();
  if (availability.state === 'operator-missing' || availability.state === 'no-instance') {
    return (
      <EmptyState
        titleText={t('Kiali is not installed')}
        headingLevel="h2"
        icon={TopologyIcon}
        data-test="kiali-not-installed"
      >
        <EmptyStateBody>
          {availability.state === 'operator-missing'
            ? t(
                'The traffic graph, health and traces come from Kiali, and the Kiali operator is not installed on this cluster. The Service Mesh install wizard installs the Kiali operator and creates a Kiali instance that reads the cluster’s monitoring.',
              )
            : t(
                'The traffic graph, health and traces come from Kiali. The Kiali operator is installed, but no Kiali instance has been created. The Service Mesh install wizard creates one that reads the cluster’s monitoring.',
              )}
        </EmptyStateBody>
        <EmptyStateFooter>
          <EmptyStateActions>
            <InstallButton label={t('Install Kiali')} />
          </EmptyStateActions>
        </EmptyStateFooter>
      </EmptyState>
    );
  }
  if (availability.state === 'unreachable') {
    const instance = availability.instance;
    return (
      <EmptyState
        titleText={t('Kiali is not reachable')}
        headingLevel="h2"
        icon={TopologyIcon}
        status="warning"
        data-test="kiali-unreachable"
      >
        <EmptyStateBody>
          {failureText(availability.failure)}{' '}
          {instance
            ? t(
                'A Kiali instance ({{name}} in {{namespace}}) exists: it may still be starting, or the plugin’s proxy points at another Service than Kiali’s ({{instanceName}} in {{deploymentNamespace}}).',
                instance,
              )
            : t(
                'Check that Kiali runs, and that the plugin’s "kiali" proxy (Helm values consolePlugin.proxy.kiali) names its Service.',
              )}
        </EmptyStateBody>
        <EmptyStateFooter>
          <EmptyStateActions>
            <Button variant="secondary" onClick={onRetry} data-test="kiali-retry">
              {t('Try again')}
            </Button>
            <InstallButton label={t('Open the install wizard')} />
          </EmptyStateActions>
        </EmptyStateFooter>
      </EmptyState>
    );
  }
  return (
    <Alert
      isInline
      variant="danger"
      title={t('Kiali could not be queried')}
      data-test="kiali-error"
      actionLinks={<AlertActionLink onClick={onRetry}>{t('Try again')}</AlertActionLink>}
    >
      {failureText(availability.failure)}
    </Alert>
  );
};
