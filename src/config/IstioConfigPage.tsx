import {
  DocumentTitle,
  ListPageBody,
  ListPageHeader,
  useActiveNamespace,
} from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Bullseye,
  EmptyState,
  EmptyStateBody,
  Spinner,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { useMemo } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../k8s/errors';
import { useKialiChecks } from '../k8s/useKialiChecks';
import { useMeshConfigObjects } from '../k8s/useMeshConfigObjects';
import { mergeKialiChecks } from '../mesh/config/kialiChecks';
import { validateAll } from '../mesh/config/validateMeshConfig';
import { configRows } from './configRows';
import { IstioConfigTable } from './IstioConfigTable';
import { KialiChecksNote } from './KialiChecksNote';

const ALL_NAMESPACES = '#ALL_NS#';

/**
 * Every Istio object of the namespace (or of all of them) with what it applies to and what is
 * wrong with it, checked against the rest of the configuration; each links to its page.
 */
const IstioConfigPage: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const [activeNamespace] = useActiveNamespace();
  const namespace = activeNamespace === ALL_NAMESPACES ? undefined : activeNamespace;
  const data = useMeshConfigObjects(namespace);
  const kiali = useKialiChecks(namespace, data.objects, data.loaded && data.istioInstalled);
  // validateAll is computed once per index (and cached on it); the rows once per result, and
  // again when Kiali's checks arrive (the list does not wait for them).
  const rows = useMemo(
    () =>
      data.loaded
        ? configRows(data.objects, mergeKialiChecks(validateAll(data.index), kiali.checks))
        : [],
    [data.loaded, data.objects, data.index, kiali.checks],
  );

  let body;
  if (data.error) {
    body = (
      <Alert isInline variant="danger" title={t('The Istio configuration could not be read')}>
        {errorMessage(data.error)}
      </Alert>
    );
  } else if (!data.loaded) {
    body = (
      <Bullseye>
        <Spinner aria-label={t('Loading the Istio configuration')} />
      </Bullseye>
    );
  } else if (!data.istioInstalled) {
    body = (
      <EmptyState titleText={t('Istio is not installed')} headingLevel="h2" data-test="no-istio">
        <EmptyStateBody>
          {t('Istio configuration needs a Service Mesh control plane.')}{' '}
          <Link to="/service-mesh/install">{t('Install Service Mesh')}</Link>
        </EmptyStateBody>
      </EmptyState>
    );
  } else {
    body = (
      <Stack hasGutter>
        {data.unread.length > 0 && (
          <StackItem>
            <Alert
              isInline
              isPlain
              variant="info"
              title={t('Some checks were skipped: {{kinds}} could not be read.', {
                kinds: data.unread.join(', '),
              })}
              data-test="istio-config-unread"
            />
          </StackItem>
        )}
        <StackItem>
          <KialiChecksNote kiali={kiali} />
        </StackItem>
        <StackItem>
          <IstioConfigTable rows={rows} rootNamespace={data.rootNamespace} />
        </StackItem>
      </Stack>
    );
  }

  return (
    <>
      <DocumentTitle>{t('Istio config')}</DocumentTitle>
      <ListPageHeader
        title={t('Istio config')}
        helpText={t(
          'Every Istio object, what it applies to and what is wrong with it, checked against the rest of the mesh as Kiali does.',
        )}
      />
      <ListPageBody>{body}</ListPageBody>
    </>
  );
};

export default IstioConfigPage;
