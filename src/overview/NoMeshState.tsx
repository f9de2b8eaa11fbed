import {
  Button,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  List,
  ListItem,
} from '@patternfly/react-core';
import { TopologyIcon } from '@patternfly/react-icons';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DetectionReason } from '../mesh/meshDetection';

/** What to do next when no control plane exists, depending on which operator is there. */
export const NoMeshState: FC<{ reasons: DetectionReason[] }> = ({ reasons }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const codes = new Set(reasons.map((r) => r.code));
  return (
    <EmptyState
      titleText={t('No service mesh is installed')}
      headingLevel="h2"
      icon={TopologyIcon}
      data-test="no-mesh"
    >
      <EmptyStateBody>
        <List isPlain>
          {codes.has('no-mesh-apis') && (
            <ListItem>
              {t(
                'Neither the Service Mesh 3 operator nor the Service Mesh 2 operator is installed on this cluster.',
              )}
            </ListItem>
          )}
          {codes.has('sail-api-without-istio') && (
            <ListItem>
              {t(
                'The Service Mesh 3 operator is installed, but no Istio control plane has been created yet.',
              )}
            </ListItem>
          )}
          {codes.has('maistra-api-without-smcp') && (
            <ListItem>
              {t(
                'The Service Mesh 2 operator is installed, but no ServiceMeshControlPlane has been created yet.',
              )}
            </ListItem>
          )}
          <ListItem>
            {t(
              'Next step: install the Red Hat OpenShift Service Mesh 3 operator from the redhat-operators catalog, then create an IstioCNI and an Istio control plane. The install wizard does all of it in order.',
            )}
          </ListItem>
        </List>
      </EmptyStateBody>
      <EmptyStateFooter>
        <EmptyStateActions>
          <Button
            variant="primary"
            component={(props) => <Link {...props} to="/service-mesh/install" />}
            data-test="open-install-wizard"
          >
            {t('Install Service Mesh')}
          </Button>
        </EmptyStateActions>
      </EmptyStateFooter>
    </EmptyState>
  );
};
