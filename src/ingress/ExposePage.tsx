import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Breadcrumb,
  BreadcrumbItem,
  Bullseye,
  Content,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  HelperText,
  HelperTextItem,
  PageSection,
  Radio,
  Spinner,
  Stack,
  StackItem,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import type { FC, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { FormOrYaml } from '../components/FormOrYaml';
import { ingressIssueText } from '../components/issues/ingressIssueWords';
import { ReviewAndApply } from '../components/ReviewAndApply';
import { errorMessage } from '../k8s/errors';
import { useEditForm } from '../k8s/useEditForm';
import { withIssues } from '../mesh/forms/editPlan';
import {
  exposableGateways,
  exposeFieldIssues,
  exposeFieldPlaces,
  planExpose,
  readExposeFields,
} from '../mesh/forms/exposeForm';
import type { ExposeContext, ExposeFields, ExposeObjects } from '../mesh/forms/exposeForm';
import { TRAFFIC_PATH } from '../mesh/forms/registry';
import { describeIngress } from '../mesh/ingress/ingressStatus';
import { istioIngressFor } from '../mesh/ingress/istioIngress';
import type { Issue } from '../mesh/issues';
import type { GatewayApiGateway, GatewayApiHTTPRoute, Service } from '../models';
import { IngressStatus } from './IngressStatus';
import { useIngressData } from './useIngressData';

/** The fields shown for each way of choosing the Gateway: they show their own issues. */
const FIELDS: Record<ExposeFields['gatewayMode'], (keyof ExposeFields)[]> = {
  new: ['className', 'gatewayName', 'listenerPort', 'hostname', 'path', 'servicePort'],
  existing: ['existingGateway', 'listener', 'hostname', 'path', 'servicePort'],
};

/**
 * Expose a Service outside the cluster through a Gateway API Gateway and an HTTPRoute, and see
 * how it is reached: the Gateway's address, the URL, and what its controller says. An Istio
 * Gateway + VirtualService that already exposes the Service is shown, not changed.
 */
const ExposePage: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { ns = '', name = '' } = useParams();
  const data = useIngressData(ns, name);
  const service = useMemo<Service>(
    () => data.service ?? { metadata: { name, namespace: ns } },
    [data.service, name, ns],
  );
  const ctx = useMemo<ExposeContext>(
    () => ({
      namespace: ns,
      service,
      classes: data.classes,
      gatewayClasses: data.gatewayClasses,
      gateways: data.gateways,
      routes: data.routes,
      namespaceLabels: data.namespaceLabels,
      stored: { route: data.route },
    }),
    [
      ns,
      service,
      data.classes,
      data.gatewayClasses,
      data.gateways,
      data.routes,
      data.namespaceLabels,
      data.route,
    ],
  );
  const [yamlBase, setYamlBase] = useState<ExposeObjects>();
  const [yamlIssues, setYamlIssues] = useState<Issue[]>([]);
  const [view, setView] = useState<'form' | 'yaml'>('form');
  const [edited, setEdited] = useState<ExposeFields>();
  const base = useMemo<ExposeObjects>(
    () => yamlBase ?? { route: data.route },
    [yamlBase, data.route],
  );
  const baseFields = useMemo(() => readExposeFields(base, ctx), [base, ctx]);
  const fields = edited ?? baseFields;
  // Nothing exposes the Service yet: the defaults are already a proposal to review.
  const fresh = !base.route && !base.gateway;
  const expose = planExpose({ fields: edited ?? (fresh ? baseFields : undefined) }, base, ctx);
  const writePlan = withIssues(expose.plan, yamlIssues);
  const form = useEditForm(writePlan, {
    reread: data.reread,
    onApplied: () => {
      setEdited(undefined);
      setYamlBase(undefined);
    },
  });
  const serviceKey = useMemo(() => ({ namespace: ns, name }), [ns, name]);
  const routeViews = useMemo(
    () => data.ingressRoutes.map((r) => describeIngress(r, data.gateways, serviceKey)),
    [data.ingressRoutes, data.gateways, serviceKey],
  );
  const istioViews = useMemo(
    () => istioIngressFor(serviceKey, data.virtualServices, data.istioGateways),
    [serviceKey, data.virtualServices, data.istioGateways],
  );
  const title = t('Expose {{name}} outside the cluster', { name });

  const body = (): ReactNode => {
    if (data.error) {
      return (
        <Alert isInline variant="danger" title={t('The Gateway API objects could not be read')}>
          {errorMessage(data.error)}
        </Alert>
      );
    }
    if (!data.loaded) {
      return (
        <Bullseye>
          <Spinner aria-label={t('Loading the service and its Gateways')} />
        </Bullseye>
      );
    }
    if (!data.gatewayApiServed) {
      return (
        <Alert
          isInline
          variant="warning"
          title={t('The Gateway API is not served on this cluster')}
          data-test="no-gateway-api"
        >
          {t(
            'OpenShift 4.19 and later serve it. On an older cluster, install the Gateway API CRDs first.',
          )}
        </Alert>
      );
    }
    if (!data.service) {
      return (
        <Alert
          isInline
          variant="danger"
          title={t('Service {{namespace}}/{{name}} not found', { namespace: ns, name })}
        />
      );
    }

    const issues = [...writePlan.issues, ...form.serverIssues];
    const route = expose.route;
    const set = (patch: Partial<ExposeFields>) => setEdited({ ...fields, ...patch });
    const help = (key: keyof ExposeFields, text: string) => {
      const found = exposeFieldIssues(issues, key, route, name);
      const issue = found.find((i) => i.severity === 'error') ?? found[0];
      const variant = issue ? (issue.severity === 'warning' ? 'warning' : 'error') : 'default';
      return {
        validated: variant as 'warning' | 'error' | 'default',
        helper: (
          <FormHelperText>
            <HelperText>
              <HelperTextItem variant={variant} data-test={`expose-${key}-help`}>
                {issue ? ingressIssueText(t, issue) : text}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        ),
      };
    };
    const text = (key: keyof ExposeFields, label: string, helpText: string, required = false) => {
      const h = help(key, helpText);
      return (
        <FormGroup label={label} fieldId={`expose-${key}`} isRequired={required}>
          <TextInput
            id={`expose-${key}`}
            data-test={`expose-${key}`}
            value={fields[key]}
            validated={h.validated}
            onChange={(_, v) => set({ [key]: v })}
          />
          {h.helper}
        </FormGroup>
      );
    };
    const select = (
      key: keyof ExposeFields,
      label: string,
      helpText: string,
      options: { value: string; label: string }[],
      onChange: (v: string) => void = (v) => set({ [key]: v }),
    ) => {
      const h = help(key, helpText);
      const all = options.some((o) => o.value === fields[key])
        ? options
        : [{ value: fields[key], label: fields[key] || t('Choose…') }, ...options];
      return (
        <FormGroup label={label} fieldId={`expose-${key}`} isRequired>
          <FormSelect
            id={`expose-${key}`}
            data-test={`expose-${key}`}
            value={fields[key]}
            validated={h.validated}
            onChange={(_, v) => onChange(v)}
          >
            {all.map((o) => (
              <FormSelectOption key={o.value} value={o.value} label={o.label} />
            ))}
          </FormSelect>
          {h.helper}
        </FormGroup>
      );
    };

    const exposable = exposableGateways(ctx);
    const chosen = exposable.find((g) => g.key === fields.existingGateway);
    const objects = [expose.gateway, expose.route].filter(
      (o): o is GatewayApiGateway | GatewayApiHTTPRoute => o !== undefined,
    );
    const noClass = data.classesReadable
      ? t('No GatewayClass is offered: none exists, or no controller has accepted one.')
      : t(
          'You may not list GatewayClasses, so none can be offered. Choose an existing Gateway, or ask an administrator.',
        );

    return (
      <Stack hasGutter>
        {(routeViews.length > 0 || istioViews.length > 0) && (
          <StackItem>
            <Title headingLevel="h2">{t('How it is reached now')}</Title>
            <IngressStatus
              routes={routeViews}
              istio={istioViews}
              networkingVersion={data.networking}
            />
          </StackItem>
        )}
        <StackItem>
          <Content component="p">
            {t(
              'Requests from outside the cluster reach {{service}} through a Gateway: its controller gives the Gateway an address, and an HTTPRoute sends the requests for a host name and path to a port of the service.',
              { service: name },
            )}
          </Content>
        </StackItem>
        <StackItem>
          <FormOrYaml
            objects={objects}
            onYaml={(read) => {
              setYamlBase({
                gateway: read.find((o) => o.kind === 'Gateway') as GatewayApiGateway | undefined,
                route: read.find((o) => o.kind === 'HTTPRoute') as GatewayApiHTTPRoute | undefined,
              });
              setEdited(undefined);
            }}
            onIssues={setYamlIssues}
            onView={setView}
          >
            <Form onSubmit={(e) => e.preventDefault()}>
              <FormGroup role="radiogroup" isInline fieldId="expose-mode" label={t('Gateway')}>
                <Radio
                  id="expose-mode-new"
                  name="expose-mode"
                  data-test="expose-mode-new"
                  label={t('A new Gateway')}
                  isChecked={fields.gatewayMode === 'new'}
                  onChange={() => set({ gatewayMode: 'new' })}
                />
                <Radio
                  id="expose-mode-existing"
                  name="expose-mode"
                  data-test="expose-mode-existing"
                  label={t('An existing Gateway')}
                  isChecked={fields.gatewayMode === 'existing'}
                  isDisabled={!exposable.length && fields.gatewayMode !== 'existing'}
                  description={
                    exposable.length
                      ? undefined
                      : t('No Gateway admits routes from this namespace.')
                  }
                  onChange={() =>
                    set({
                      gatewayMode: 'existing',
                      existingGateway: fields.existingGateway || exposable[0]?.key || '',
                    })
                  }
                />
              </FormGroup>
              {fields.gatewayMode === 'new' ? (
                <Grid hasGutter>
                  <GridItem span={6}>
                    {select(
                      'className',
                      t('Gateway class'),
                      data.classes.length
                        ? t('The controller that runs the Gateway and gives it an address.')
                        : noClass,
                      data.classes.map((c) => ({
                        value: c.name,
                        label: `${c.name} (${c.controllerName})`,
                      })),
                    )}
                  </GridItem>
                  <GridItem span={6}>
                    {text(
                      'gatewayName',
                      t('Gateway name'),
                      t('Other services of the namespace can share it.'),
                      true,
                    )}
                  </GridItem>
                  <GridItem span={6}>
                    {text(
                      'listenerPort',
                      t('Listener port'),
                      t('The port clients connect to, 80 for plain HTTP.'),
                      true,
                    )}
                  </GridItem>
                </Grid>
              ) : (
                <Grid hasGutter>
                  <GridItem span={6}>
                    {select(
                      'existingGateway',
                      t('Existing Gateway'),
                      t('Gateways with an HTTP listener that admits routes from this namespace.'),
                      exposable.map((g) => ({ value: g.key, label: g.key })),
                      (v) => set({ existingGateway: v, listener: '' }),
                    )}
                  </GridItem>
                  <GridItem span={6}>
                    {select('listener', t('Listener'), t('The listener the route attaches to.'), [
                      { value: '', label: t('Any listener that admits the route') },
                      ...(chosen?.listeners ?? []).map((l) => ({
                        value: l.name,
                        label: `${l.name} (${l.protocol} ${l.port}${l.hostname ? ` ${l.hostname}` : ''})`,
                      })),
                    ])}
                  </GridItem>
                </Grid>
              )}
              <Grid hasGutter>
                <GridItem span={6}>
                  {text(
                    'hostname',
                    t('Host name'),
                    t(
                      'Optional: the name clients use, such as shop.example.com. Empty: any name the listener accepts.',
                    ),
                  )}
                </GridItem>
                <GridItem span={6}>
                  {text(
                    'path',
                    t('Path prefix'),
                    t(
                      'Requests whose path starts with this go to the service; / is every request.',
                    ),
                  )}
                </GridItem>
                <GridItem span={6}>
                  {select(
                    'servicePort',
                    t('Service port'),
                    t('The port of {{service}} that receives the requests.', { service: name }),
                    (data.service.spec?.ports ?? []).map((p) => ({
                      value: String(p.port),
                      label: p.name ? `${p.port} (${p.name})` : String(p.port),
                    })),
                  )}
                </GridItem>
              </Grid>
            </Form>
          </FormOrYaml>
        </StackItem>
        <StackItem>
          <ReviewAndApply
            issueText={ingressIssueText}
            plan={writePlan}
            form={form}
            view={view}
            claimed={FIELDS[fields.gatewayMode].flatMap((f) => exposeFieldPlaces(f, route, name))}
            objects={objects.map((o) => ({
              id: o.kind?.toLowerCase() ?? 'object',
              title: `${o.kind} ${o.metadata?.name}`,
              before: o.kind === 'Gateway' ? expose.before.gateway : expose.before.route,
              after: o,
            }))}
            yamlId="expose"
          />
        </StackItem>
      </Stack>
    );
  };

  return (
    <>
      <DocumentTitle>{title}</DocumentTitle>
      <PageSection>
        <Breadcrumb>
          <BreadcrumbItem
            render={({ className }) => (
              <Link className={className} to={TRAFFIC_PATH}>
                {t('Traffic')}
              </Link>
            )}
          />
          <BreadcrumbItem isActive>{title}</BreadcrumbItem>
        </Breadcrumb>
        <Title headingLevel="h1">{title}</Title>
      </PageSection>
      <PageSection>{body()}</PageSection>
    </>
  );
};

export default ExposePage;
