import {
  ErrorStatus,
  ProgressStatus,
  ResourceLink,
  SuccessStatus,
} from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  Content,
  DescriptionList,
  Flex,
  FlexItem,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { ExternalLinkAltIcon } from '@patternfly/react-icons';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { DetailItem } from '../components/DetailItem';
import type { ConditionView, IngressParentView, IngressView } from '../mesh/ingress/ingressStatus';
import type { IstioIngressView } from '../mesh/ingress/istioIngress';
import {
  GatewayApiGatewayModel,
  GatewayModel,
  HTTPRouteModel,
  VirtualServiceModel,
  atVersion,
  modelToGroupVersionKind,
} from '../models';

// Reasons a controller gives while it is still working, not because something is wrong.
const WAITING = new Set(['Pending', 'AddressNotAssigned']);

/** One condition as the controller wrote it: its status as an icon, its reason and message. */
const Condition: FC<{ c: ConditionView; testId: string }> = ({ c, testId }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const icon =
    c.status === 'True' ? (
      <SuccessStatus title={c.type} />
    ) : c.status === 'False' && !WAITING.has(c.reason ?? '') ? (
      <ErrorStatus title={c.type} />
    ) : (
      <ProgressStatus title={c.type} />
    );
  return (
    <Flex
      gap={{ default: 'gapSm' }}
      data-test={testId}
      data-status={c.status}
      alignItems={{ default: 'alignItemsBaseline' }}
    >
      <FlexItem>{icon}</FlexItem>
      <FlexItem>
        {c.status === 'Missing' ? (
          t('Not reported yet')
        ) : (
          // The controller's own words: not ours to translate. A reason that repeats the
          // condition's name says nothing more.
          <span translate="no">
            {c.reason && c.reason !== c.type && <code>{c.reason}</code>}
            {c.reason && c.reason !== c.type && c.message ? ': ' : ''}
            {c.message}
          </span>
        )}
      </FlexItem>
    </Flex>
  );
};

const ParentStatus: FC<{ route: IngressView; parent: IngressParentView }> = ({ route, parent }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const gw = parent.gatewayView;
  const gatewayName = `${parent.gateway.namespace}/${parent.gateway.name}`;
  return (
    <Card isPlain isCompact data-test="ingress-status" data-state={parent.state}>
      <CardTitle>
        {t('Through Gateway {{gateway}}', { gateway: gatewayName })}
        {parent.sectionName
          ? ` · ${t('listener {{listener}}', { listener: parent.sectionName })}`
          : ''}
      </CardTitle>
      <CardBody>
        <DescriptionList isHorizontal isCompact>
          <DetailItem term={t('Gateway')}>
            <ResourceLink
              groupVersionKind={modelToGroupVersionKind(GatewayApiGatewayModel)}
              name={parent.gateway.name}
              namespace={parent.gateway.namespace}
            />
            {!gw && (
              <Content component="small" data-test="ingress-gateway-missing">
                {t('This Gateway does not exist, or you may not read it.')}
              </Content>
            )}
          </DetailItem>
          {gw && <DetailItem term={t('Class')}>{gw.className}</DetailItem>}
          <DetailItem term={t('Route')}>
            <ResourceLink
              groupVersionKind={modelToGroupVersionKind(HTTPRouteModel)}
              name={route.route.name}
              namespace={route.route.namespace}
            />
          </DetailItem>
          {gw && (
            <DetailItem term={t('Address')}>
              {gw.addresses.length ? (
                <Stack>
                  {gw.addresses.map((a) => (
                    <StackItem key={a.value} data-test="ingress-address">
                      <code>{a.value}</code> <Content component="small">({a.type})</Content>
                    </StackItem>
                  ))}
                </Stack>
              ) : (
                <span data-test="ingress-no-address">
                  {t('None yet: the Gateway’s controller has not assigned one.')}
                </span>
              )}
            </DetailItem>
          )}
          {parent.urls.length > 0 && (
            <DetailItem term={t('URL')}>
              <Stack>
                {parent.urls.map((url) => (
                  <StackItem key={url}>
                    <Button
                      variant="link"
                      isInline
                      component="a"
                      href={url}
                      target="_blank"
                      rel="noopener noreferrer"
                      icon={<ExternalLinkAltIcon />}
                      iconPosition="end"
                      data-test="ingress-url"
                    >
                      {url}
                    </Button>
                  </StackItem>
                ))}
              </Stack>
            </DetailItem>
          )}
          {route.hostnames.length > 0 && (
            <DetailItem term={t('Host names')}>{route.hostnames.join(', ')}</DetailItem>
          )}
          {gw && (
            <DetailItem term={t('Gateway status')}>
              <Stack>
                <Condition c={gw.accepted} testId="ingress-condition-Accepted" />
                <Condition c={gw.programmed} testId="ingress-condition-Programmed" />
              </Stack>
            </DetailItem>
          )}
          <DetailItem term={t('Route status')}>
            <Stack>
              <Condition c={parent.accepted} testId="ingress-route-condition-Accepted" />
              <Condition c={parent.resolvedRefs} testId="ingress-route-condition-ResolvedRefs" />
            </Stack>
          </DetailItem>
          {gw && gw.listeners.length > 0 && (
            <DetailItem term={t('Listeners')}>
              <Stack>
                {gw.listeners.map((l) => (
                  <StackItem key={l.name} data-test={`ingress-listener-${l.name}`}>
                    <code translate="no">
                      {l.name} {l.protocol} {l.port}
                      {l.hostname ? ` ${l.hostname}` : ''}
                    </code>{' '}
                    {l.attachedRoutes === undefined
                      ? t('attached routes not reported yet')
                      : t('attached routes: {{number}}', { number: l.attachedRoutes })}
                  </StackItem>
                ))}
              </Stack>
            </DetailItem>
          )}
        </DescriptionList>
      </CardBody>
    </Card>
  );
};

/** How the Service is reached from outside now: each Gateway API route, each Istio binding. */
export const IngressStatus: FC<{
  routes: IngressView[];
  istio: IstioIngressView[];
  /** The networking.istio.io version the cluster serves (v1beta1 on Service Mesh 2.6). */
  networkingVersion: string;
}> = ({ routes, istio, networkingVersion }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (
    <Stack hasGutter>
      {routes.flatMap((r) =>
        r.parents.map((p) => (
          <StackItem
            key={`${r.route.name}/${p.gateway.namespace}/${p.gateway.name}/${p.sectionName}`}
          >
            <ParentStatus route={r} parent={p} />
          </StackItem>
        )),
      )}
      {istio.map((v) => (
        <StackItem key={`${v.virtualService.namespace}/${v.virtualService.name}`}>
          <Alert
            isInline
            isPlain
            variant="info"
            title={t('Exposed through an Istio Gateway')}
            data-test="istio-ingress"
          >
            <Stack>
              {v.gateways.map((g) => (
                <StackItem key={`${g.namespace}/${g.name}`}>
                  {t('Istio Gateway {{gateway}}, hosts {{hosts}}', {
                    gateway: `${g.namespace}/${g.name}`,
                    hosts: (v.hosts.length ? v.hosts : (g.serverHosts ?? [])).join(', ') || '*',
                  })}{' '}
                  <ResourceLink
                    inline
                    groupVersionKind={modelToGroupVersionKind(
                      atVersion(GatewayModel, networkingVersion),
                    )}
                    name={g.name}
                    namespace={g.namespace}
                  />
                </StackItem>
              ))}
              <StackItem>
                {t('Routed by VirtualService')}{' '}
                <ResourceLink
                  inline
                  groupVersionKind={modelToGroupVersionKind(
                    atVersion(VirtualServiceModel, networkingVersion),
                  )}
                  name={v.virtualService.name}
                  namespace={v.virtualService.namespace}
                />
                . {t('This form does not change it; edit it in the Istio config pages.')}
              </StackItem>
            </Stack>
          </Alert>
        </StackItem>
      ))}
    </Stack>
  );
};
