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
import { IstioCNIModel, IstioModel, ZTunnelModel, modelToGroupVersionKind } from '../models';
import { MemberNamespaces } from './MemberNamespaces';

const IstioCard: FC<{ cp: Mesh3ControlPlane; ztunnel: boolean }> = ({ cp, ztunnel }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const sidecarMembers = cp.members.filter((m) => !cp.ambientMembers.includes(m));
  // Ambient is available once istiod runs the ambient profile and ztunnel exists.
  const ambient = cp.profile === 'ambient' || ztunnel;
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
          <DetailItem term={t('Data plane')}>
            <span data-test={`istio-${cp.name}-data-plane`}>
              {ambient
                ? t('Ambient (ztunnel) and sidecars')
                : t('Sidecars (an Envoy proxy in each pod)')}
            </span>
          </DetailItem>
          {ambient ? (
            <>
              <DetailItem term={t('Ambient members')}>
                <MemberNamespaces
                  names={cp.ambientMembers}
                  emptyText={t('No namespace is enrolled in ambient yet')}
                  dataTest={`istio-${cp.name}-ambient-members`}
                />
              </DetailItem>
              <DetailItem term={t('Sidecar members')}>
                <MemberNamespaces
                  names={sidecarMembers}
                  emptyText={t('None')}
                  dataTest={`istio-${cp.name}-members`}
                />
              </DetailItem>
            </>
          ) : (
            <DetailItem term={t('Member namespaces')}>
              <MemberNamespaces
                names={cp.members}
                emptyText={t('No namespace is enrolled yet')}
                dataTest={`istio-${cp.name}-members`}
              />
            </DetailItem>
          )}
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
          <IstioCard key={cp.name} cp={cp} ztunnel={Boolean(info.ztunnel)} />
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
        {info.ztunnel && (
          <Card data-test="ztunnel">
            <CardTitle>
              <ResourceLink
                groupVersionKind={modelToGroupVersionKind(ZTunnelModel)}
                name="default"
              />
            </CardTitle>
            <CardBody>
              <DescriptionList isCompact>
                <DetailItem term={t('Status')}>
                  <HealthStatus health={info.ztunnel.health} />
                </DetailItem>
                {info.ztunnel.health.message && (
                  <Alert isInline isPlain variant="warning" title={info.ztunnel.health.message} />
                )}
                <DetailItem term={t('Istio version')}>
                  {info.ztunnel.version ?? t('Not set')}
                </DetailItem>
                <DetailItem term={t('Namespace')}>{info.ztunnel.namespace}</DetailItem>
              </DescriptionList>
            </CardBody>
          </Card>
        )}
      </Gallery>
    </section>
  );
};
