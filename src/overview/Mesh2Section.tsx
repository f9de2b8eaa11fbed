import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Card,
  CardBody,
  CardTitle,
  DescriptionList,
  Gallery,
  Title,
} from '@patternfly/react-core';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { DetailItem } from '../components/DetailItem';
import { HealthStatus } from '../components/HealthStatus';
import type { Mesh2ControlPlane, Mesh2Info } from '../mesh/meshDetection';
import { ServiceMeshControlPlaneModel, modelToGroupVersionKind } from '../models';
import { MemberNamespaces } from './MemberNamespaces';

const SmcpCard: FC<{ cp: Mesh2ControlPlane }> = ({ cp }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (
    <Card data-test={`smcp-${cp.namespace}-${cp.name}`}>
      <CardTitle>
        <ResourceLink
          groupVersionKind={modelToGroupVersionKind(ServiceMeshControlPlaneModel)}
          name={cp.name}
          namespace={cp.namespace}
        />
      </CardTitle>
      <CardBody>
        <DescriptionList isCompact>
          <DetailItem term={t('Status')}>
            <HealthStatus health={cp.health} />
          </DetailItem>
          {cp.health.message && (
            <Alert isInline isPlain variant="warning" title={cp.health.message} />
          )}
          <DetailItem term={t('Version')}>{cp.version ?? t('Not set')}</DetailItem>
          <DetailItem term={t('Namespace')}>{cp.namespace}</DetailItem>
          <DetailItem term={t('Mode')}>
            {cp.mode === 'ClusterWide' ? t('Cluster-wide') : t('Multitenant')}
          </DetailItem>
          {cp.readyComponents && (
            <DetailItem term={t('Ready components')}>{cp.readyComponents}</DetailItem>
          )}
          <DetailItem term={t('Member namespaces')}>
            {cp.memberRollMissing ? (
              <span data-test={`smcp-${cp.name}-members`}>
                {t('No ServiceMeshMemberRoll named "default" in this namespace')}
              </span>
            ) : (
              <MemberNamespaces
                names={cp.members}
                emptyText={t('No namespace is enrolled yet')}
                dataTest={`smcp-${cp.name}-members`}
              />
            )}
          </DetailItem>
          {cp.pendingMembers.length > 0 && (
            <DetailItem term={t('Pending members')}>
              <MemberNamespaces names={cp.pendingMembers} emptyText="" />
            </DetailItem>
          )}
        </DescriptionList>
      </CardBody>
    </Card>
  );
};

export const Mesh2Section: FC<{ info: Mesh2Info }> = ({ info }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (
    <section aria-labelledby="mesh2-title">
      <Title headingLevel="h2" id="mesh2-title">
        {t('Service Mesh 2 control planes')}
      </Title>
      <Alert
        isInline
        variant="info"
        title={t('Service Mesh 2.6 is end of life')}
        data-test="ossm2-eol"
      >
        {t(
          'Plan the migration to Service Mesh 3: update to the latest 2.6 release first, then follow the Service Mesh 3 migration guide.',
        )}
      </Alert>
      <Gallery hasGutter minWidths={{ default: '320px' }}>
        {info.controlPlanes.map((cp) => (
          <SmcpCard key={`${cp.namespace}/${cp.name}`} cp={cp} />
        ))}
      </Gallery>
    </section>
  );
};
