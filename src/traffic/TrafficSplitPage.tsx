import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import {
  Bullseye,
  Content,
  FormGroup,
  FormSelect,
  FormSelectOption,
  PageSection,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { Suspense, lazy, useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { routingText } from '../components/issues/routingText';
import { describeGatewayRouting, routesForService } from '../mesh/traffic/gatewayRoutes';
import { describeRouting } from '../mesh/traffic/trafficSplit';
import { useGatewayRouting } from './useGatewayRouting';
import { useServiceRouting } from './useServiceRouting';

// Each API's form is its own chunk: a mesh that routes with one never loads the other's editors
// and checks (Gateway API's schema rules alone are several KiB).
const GatewayRouteSplit = lazy(() =>
  import('./GatewayRouteSplit').then((m) => ({ default: m.GatewayRouteSplit })),
);
const VirtualServiceSplit = lazy(() =>
  import('./VirtualServiceSplit').then((m) => ({ default: m.VirtualServiceSplit })),
);

type RoutingApi = 'istio' | 'gateway';

/**
 * Weighted routing between a service's versions: split, canary steps, blue-green. Written in
 * whichever API already routes the service; for a service nothing routes yet, Gateway API on an
 * ambient namespace (the only L7 routing waypoints fully support) and a VirtualService otherwise,
 * the user may choose.
 */
const TrafficSplitPage: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { ns = '', name = '' } = useParams();
  const routing = useServiceRouting(ns, name);
  const gateway = useGatewayRouting(ns);
  const [chosen, setChosen] = useState<RoutingApi>();
  if (routing.notReady || !routing.service) return routing.notReady;
  // Which API routes the service decides which form shows: wait for both.
  if (!gateway.loaded) {
    return (
      <Bullseye>
        <Spinner aria-label={t('Loading the service')} />
      </Bullseye>
    );
  }
  const route = routesForService([...gateway.httpRoutes, ...gateway.grpcRoutes], name)[0];
  const { vs, dr } = routing;
  const proposed: RoutingApi = route
    ? 'gateway'
    : vs
      ? 'istio'
      : gateway.ambient && gateway.served
        ? 'gateway'
        : 'istio';
  // Only a service nothing routes yet may pick: turning one API's routes into the other's is a
  // migration, not a split.
  const choosable = !route && !vs && gateway.served && gateway.loaded;
  const api = choosable ? (chosen ?? proposed) : proposed;
  return (
    <>
      <DocumentTitle>{t('Traffic split for {{name}}', { name })}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">{t('Traffic split for {{name}}', { name })}</Title>
        <Content component="p" data-test="current-routing">
          {t('Now: {{routing}}', {
            routing: routingText(
              t,
              route ? describeGatewayRouting(route, name) : describeRouting(vs, dr),
            ),
          })}
        </Content>
        {choosable && (
          <FormGroup label={t('Route with')} fieldId="routing-api">
            <FormSelect
              id="routing-api"
              data-test="routing-api"
              value={api}
              onChange={(_, v) => setChosen(v as RoutingApi)}
            >
              <FormSelectOption
                value="gateway"
                label={t('Gateway API HTTPRoute (one Service per version)')}
              />
              <FormSelectOption
                value="istio"
                label={t('Istio VirtualService (DestinationRule subsets)')}
              />
            </FormSelect>
          </FormGroup>
        )}
      </PageSection>
      <Suspense
        fallback={
          <Bullseye>
            <Spinner aria-label={t('Loading the form')} />
          </Bullseye>
        }
      >
        {api === 'gateway' ? (
          <GatewayRouteSplit
            ns={ns}
            name={name}
            routing={routing}
            gateway={gateway}
            route={route}
          />
        ) : (
          <VirtualServiceSplit ns={ns} name={name} routing={routing} />
        )}
      </Suspense>
    </>
  );
};

export default TrafficSplitPage;
