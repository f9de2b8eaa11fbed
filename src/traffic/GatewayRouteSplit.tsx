import {
  Alert,
  Card,
  CardBody,
  CardTitle,
  Checkbox,
  Content,
  PageSection,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { FormOrYaml } from '../components/FormOrYaml';
import { trafficIssueText } from '../components/issues/trafficIssueWords';
import { ReviewAndApply } from '../components/ReviewAndApply';
import { useEditForm } from '../k8s/useEditForm';
import { useRereadable } from '../k8s/useRereadable';
import { withIssues } from '../mesh/forms/editPlan';
import { isRemoval, subjectOf } from '../mesh/forms/editPlan';
import {
  backendWeightIssues,
  planGatewaySplit,
  planGatewaySplitRemoval,
  readGatewayWeights,
} from '../mesh/forms/gatewaySplitForm';
import type {
  GatewaySplitContext,
  GatewaySplitObjects,
  VersionBackend,
} from '../mesh/forms/gatewaySplitForm';
import type { Issue } from '../mesh/issues';
import { routeKindFor } from '../mesh/traffic/gatewayRoutes';
import type { GatewayRoute } from '../mesh/traffic/gatewayRoutes';
import { proposeVersionServices } from '../mesh/traffic/versionServices';
import { GRPCRouteModel, HTTPRouteModel } from '../models';
import { CanaryCard } from './CanaryCard';
import { RemoveSplit } from './RemoveSplit';
import { SplitWeightsCard } from './SplitWeightsCard';
import type { useGatewayRouting } from './useGatewayRouting';
import type { useServiceRouting } from './useServiceRouting';

/**
 * The split written as an HTTPRoute (GRPCRoute for a gRPC Service) attached to the Service, over
 * one Service per version. Weights are Gateway API's: integers, default 1, shares of their sum.
 */
export const GatewayRouteSplit: FC<{
  ns: string;
  name: string;
  routing: ReturnType<typeof useServiceRouting>;
  gateway: ReturnType<typeof useGatewayRouting>;
  route?: GatewayRoute;
}> = ({ ns, name, routing, gateway, route: watched }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const service = routing.service;
  const kind =
    watched?.kind === 'GRPCRoute' ? 'GRPCRoute' : routeKindFor(service, gateway.grpcServed);
  const routeModel = kind === 'GRPCRoute' ? GRPCRouteModel : HTTPRouteModel;
  const latest = useRereadable(watched, routeModel, ns);
  const route = latest.current;
  const proposal = useMemo(
    () =>
      proposeVersionServices({
        service,
        deployments: routing.data.deployments,
        services: routing.data.services,
      }),
    [service, routing.data.deployments, routing.data.services],
  );
  const backends: VersionBackend[] = proposal.backends;
  const names = backends.map((b) => b.name);
  const [yamlBase, setYamlBase] = useState<GatewaySplitObjects>();
  const [yamlIssues, setYamlIssues] = useState<Issue[]>([]);
  const [view, setView] = useState<'form' | 'yaml'>('form');
  const [setUpWaypoint, setSetUpWaypoint] = useState(true);
  const base = useMemo(() => yamlBase ?? { route }, [yamlBase, route]);
  const current = useMemo(() => readGatewayWeights({ route }), [route]);
  const baseWeights = useMemo(() => readGatewayWeights(base), [base]);
  const [edited, setEdited] = useState<Record<string, number>>();
  const weights =
    edited ?? (Object.keys(baseWeights).length ? baseWeights : names[0] ? { [names[0]]: 100 } : {});
  const ctx: GatewaySplitContext = {
    namespace: ns,
    service: service!,
    kind,
    routeModel,
    port: service?.spec?.ports?.[0]?.port,
    backends,
    services: routing.data.services,
    stored: { route },
    ...(gateway.ambient
      ? {
          ambient: {
            namespaceObject: gateway.namespaceObject,
            gateways: gateway.gateways,
            setUpWaypoint,
          },
        }
      : {}),
  };
  const split = planGatewaySplit(weights, base, ctx);
  const unsplit = planGatewaySplitRemoval({ route }, ctx);
  const [removing, setRemoving] = useState(false);
  const writePlan = removing ? unsplit.plan : withIssues(split.plan, yamlIssues);
  const form = useEditForm(writePlan, {
    reread: latest.reread,
    onApplied: () => {
      setEdited(undefined);
      setYamlBase(undefined);
      setRemoving(false);
    },
  });
  const issues = [...writePlan.issues, ...form.serverIssues];
  const weightIssues = (backend: string) => backendWeightIssues(issues, split.route, backend);
  const yamlRoute = split.route ?? base.route;
  const waypoint = split.waypoint;
  const labelsOf = (n: string) => backends.find((b) => b.name === n)?.labels;

  const titleOf = (o: { kind?: string; metadata?: { name?: string } }) =>
    o.kind === 'Service'
      ? t('Service {{name}}', { name: o.metadata?.name })
      : o.kind === 'Gateway'
        ? t('Gateway {{name}} (waypoint)', { name: o.metadata?.name })
        : `${o.kind} ${o.metadata?.name}`;
  // What Apply writes, each with its diff; the route shows even when unchanged.
  const reviewObjects = writePlan.edits
    .filter((e) => subjectOf(e).kind !== kind)
    .map((e) => ({
      id: `${subjectOf(e).kind?.toLowerCase()}-${subjectOf(e).metadata?.name}`,
      title: titleOf(subjectOf(e)),
      before: e.before,
      after: isRemoval(e) ? undefined : e.after,
    }));
  const routeObject = {
    id: kind.toLowerCase(),
    title: titleOf(yamlRoute ?? { kind, metadata: { name } }),
    before: route,
    after: removing ? unsplit.route : (split.route ?? route),
  };

  return (
    <PageSection>
      <Stack hasGutter>
        <StackItem hidden={removing}>
          <FormOrYaml
            objects={yamlRoute ? [yamlRoute] : []}
            onYaml={(objects) => {
              setYamlBase({ route: objects.find((o) => o.kind === kind) as GatewayRoute });
              setEdited(undefined);
            }}
            onIssues={setYamlIssues}
            onView={setView}
          >
            <Stack hasGutter>
              <StackItem>
                <SplitWeightsCard
                  versions={backends.map((b) => ({
                    name: b.name,
                    deployments: b.deployments,
                    note: b.create
                      ? t('(new Service for version {{version}}, created on Apply)', {
                          version: b.version,
                        })
                      : undefined,
                  }))}
                  weights={weights}
                  warnings={proposal.warnings}
                  issuesOf={weightIssues}
                  onWeights={setEdited}
                >
                  <Content component="small" data-test="gateway-weights-help">
                    {t(
                      'Gateway API weights are shares of their sum, not percentages (a backend without a weight counts 1); the form writes whole numbers that add up to 100.',
                    )}
                  </Content>
                </SplitWeightsCard>
              </StackItem>
              {waypoint.kind !== 'not-needed' && (
                <StackItem>
                  <Card data-test="split-waypoint" data-state={waypoint.kind}>
                    <CardTitle>{t('Waypoint')}</CardTitle>
                    <CardBody>
                      {waypoint.kind === 'in-use' ? (
                        <Content component="p">
                          {t(
                            'Traffic to {{service}} goes through waypoint {{waypoint}}, which applies this route.',
                            { service: name, waypoint: waypoint.waypoint },
                          )}
                        </Content>
                      ) : (
                        <>
                          <Content component="p">
                            {t(
                              'On an ambient namespace only a waypoint applies HTTP routes: without one, ztunnel sends requests for {{service}} to all of its pods whatever the route says.',
                              { service: name },
                            )}
                          </Content>
                          <Checkbox
                            id="set-up-waypoint"
                            data-test="set-up-waypoint"
                            isChecked={setUpWaypoint}
                            onChange={(_, v) => setSetUpWaypoint(v)}
                            label={
                              waypoint.create.length
                                ? t(
                                    'Create waypoint {{waypoint}} and send {{service}} through it',
                                    { waypoint: waypoint.waypoint, service: name },
                                  )
                                : t('Send {{service}} through waypoint {{waypoint}}', {
                                    waypoint: waypoint.waypoint,
                                    service: name,
                                  })
                            }
                          />
                        </>
                      )}
                    </CardBody>
                  </Card>
                </StackItem>
              )}
              <StackItem>
                <CanaryCard
                  namespace={ns}
                  service={name}
                  names={names}
                  labelsOf={labelsOf}
                  storedWeights={current}
                  weights={weights}
                  onWeights={setEdited}
                />
              </StackItem>
            </Stack>
          </FormOrYaml>
        </StackItem>
        <StackItem>
          <RemoveSplit
            removing={removing}
            removal={unsplit}
            routeObject={`${kind} ${route?.metadata?.name ?? ''}`}
            service={name}
            onRemove={() => setRemoving(true)}
            onKeep={() => setRemoving(false)}
          />
        </StackItem>
        {gateway.error ? (
          <StackItem>
            <Alert isInline variant="warning" title={t('Routes could not be read')} />
          </StackItem>
        ) : null}
        <StackItem>
          <Card>
            <CardTitle>{t('Review')}</CardTitle>
            <CardBody>
              <ReviewAndApply
                issueText={trafficIssueText}
                plan={writePlan}
                form={form}
                view={removing ? 'yaml' : view}
                claimed={issues.filter((x) => names.some((n) => weightIssues(n).includes(x)))}
                objects={[...reviewObjects, routeObject].filter(
                  (o) => o.after !== undefined || o.before !== undefined,
                )}
                yamlId="traffic-split"
              />
            </CardBody>
          </Card>
        </StackItem>
      </Stack>
    </PageSection>
  );
};
