import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Bullseye,
  List,
  ListItem,
  PageSection,
  Spinner,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeshDetection } from '../k8s/useMeshDetection';
import type { WatchFailure } from '../k8s/useMeshDetection';
import { ConfigProblemsSummary } from './ConfigProblemsSummary';
import { Mesh2Section } from './Mesh2Section';
import { Mesh3Section } from './Mesh3Section';
import { NoMeshState } from './NoMeshState';
import { TelemetryCard } from './TelemetryCard';

const FailureAlert: FC<{ failures: WatchFailure[] }> = ({ failures }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const forbidden = failures.some((f) => f.forbidden);
  return (
    <Alert
      variant="danger"
      isInline
      title={t('The mesh status could not be read')}
      data-test="overview-error"
    >
      <List>
        {failures.map((f) => (
          <ListItem key={f.kind}>
            {t('{{kind}} ({{group}}): {{message}}', {
              kind: f.kind,
              group: f.group ?? 'core',
              message: f.message,
            })}
          </ListItem>
        ))}
      </List>
      {forbidden && (
        <p>
          {t(
            'Your account may not list these resources across the cluster. Ask a cluster administrator for read access.',
          )}
        </p>
      )}
    </Alert>
  );
};

const MeshOverviewPage: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { loaded, detection, failures } = useMeshDetection();

  let body;
  if (failures.length > 0) {
    body = <FailureAlert failures={failures} />;
  } else if (!loaded || !detection) {
    body = (
      <Bullseye>
        <Spinner aria-label={t('Loading the service mesh status')} />
      </Bullseye>
    );
  } else if (detection.mesh === 'none') {
    body = <NoMeshState reasons={detection.reasons} />;
  } else {
    body = (
      <Stack hasGutter>
        {detection.mesh === 'both' && (
          <StackItem>
            <Alert
              variant="danger"
              isInline
              title={t('Service Mesh 2 and 3 are both present')}
              data-test="both-meshes"
            >
              {t(
                'The two majors cannot coexist on one cluster and this state is not supported. Migrate the Service Mesh 2 control planes to Service Mesh 3, then remove them.',
              )}
            </Alert>
          </StackItem>
        )}
        {detection.mesh !== 'ossm2' && (
          <StackItem>
            <Mesh3Section info={detection.ossm3} />
          </StackItem>
        )}
        {detection.mesh !== 'ossm3' && (
          <StackItem>
            <Mesh2Section info={detection.ossm2} />
          </StackItem>
        )}
        {detection.mesh === 'ossm3' && (
          <StackItem>
            <TelemetryCard detection={detection} />
          </StackItem>
        )}
        <StackItem>
          <ConfigProblemsSummary />
        </StackItem>
      </Stack>
    );
  }

  return (
    <>
      <DocumentTitle>{t('Service Mesh overview')}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">{t('Service Mesh overview')}</Title>
      </PageSection>
      <PageSection>{body}</PageSection>
    </>
  );
};

export default MeshOverviewPage;
