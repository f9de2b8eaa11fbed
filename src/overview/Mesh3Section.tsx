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
import type { Mesh3ControlPlane, Mesh3Info } from '../mesh/meshDetection';
import { IstioCNIModel, IstioModel, modelToGroupVersionKind } from '../models';
import { MemberNamespaces } from './MemberNamespaces';

const IstioCard: FC<{ cp: Mesh3ControlPlane }> = ({ cp }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (
    <Card data-test={`istio-${cp.name}`}>
      <CardTitle>
        <ResourceLink groupVersionKind={modelToGroupVersionKind(IstioModel)} name={cp.name} />
      </CardTitle>
      <CardBody>
        <DescriptionList isCompact>
          <DetailItem term={t('Status')}>
            <HealthStatus health={cp.health} />
          </DetailItem>
          {cp.health.message && (
            <Alert isInline isPlain variant="warning" title={cp.health.message} />
          )}
          <DetailItem term={t('Istio version')}>{cp.version ?? t('Not set')}</DetailItem>
          <DetailItem term={t('Control plane namespace')}>{cp.namespace}</DetailItem>
          <DetailItem term={t('Revision')}>{cp.revision}</DetailItem>
          <DetailItem term={t('Member namespaces')}>
            <MemberNamespaces
              names={cp.members}
              emptyText={t('No namespace is enrolled yet')}
              dataTest={`istio-${cp.name}-members`}
            />
          </DetailItem>
        </DescriptionList>
      </CardBody>
    </Card>
  );
};

export const Mesh3Section: FC<{ info: Mesh3Info }> = ({ info }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (
    <section aria-labelledby="mesh3-title">
      <Title headingLevel="h2" id="mesh3-title">
        {t('Service Mesh 3 control planes')}
      </Title>
      {!info.cni && (
        <Alert
          isInline
          variant="warning"
          title={t('No IstioCNI named "default" exists')}
          data-test="cni-missing"
        >
          {t(
            'OpenShift requires the Istio CNI plugin: create an IstioCNI resource named "default" in the istio-cni namespace, or the control plane will not become ready.',
          )}
        </Alert>
      )}
      <Gallery hasGutter minWidths={{ default: '320px' }}>
        {info.controlPlanes.map((cp) => (
          <IstioCard key={cp.name} cp={cp} />
        ))}
        {info.cni && (
          <Card data-test="istio-cni">
            <CardTitle>
              <ResourceLink
                groupVersionKind={modelToGroupVersionKind(IstioCNIModel)}
                name="default"
              />
            </CardTitle>
            <CardBody>
              <DescriptionList isCompact>
                <DetailItem term={t('Status')}>
                  <HealthStatus health={info.cni.health} />
                </DetailItem>
                {info.cni.health.message && (
                  <Alert isInline isPlain variant="warning" title={info.cni.health.message} />
                )}
                <DetailItem term={t('Istio version')}>
                  {info.cni.version ?? t('Not set')}
                </DetailItem>
                <DetailItem term={t('Namespace')}>{info.cni.namespace}</DetailItem>
              </DescriptionList>
            </CardBody>
          </Card>
        )}
      </Gallery>
    </section>
  );
};
