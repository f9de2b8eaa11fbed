import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import {
  Card,
  CardBody,
  CardTitle,
  Content,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  PageSection,
  Stack,
  StackItem,
  TextInput,
  Title,
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
import {
  gatewayTimeoutFieldIssues,
  gatewayTimeoutRules,
  planGatewayTimeouts,
  readGatewayTimeouts,
} from '../mesh/forms/gatewayTimeoutForm';
import type { GatewayTimeoutField, GatewayTimeoutForm } from '../mesh/forms/gatewayTimeoutForm';
import type { Issue } from '../mesh/issues';
import type { GatewayRoute } from '../mesh/traffic/gatewayRoutes';
import { GRPCRouteModel, HTTPRouteModel } from '../models';

/**
 * Timeouts of a Service routed by an HTTPRoute, in Gateway API's terms. Gateway API has no
 * standard retries or fault injection, so the page says so rather than offering a VirtualService
 * beside the route (a waypoint applies the route; two routings of one Service would compete).
 */
export const GatewayTimeouts: FC<{ ns: string; name: string; route: GatewayRoute }> = ({
  ns,
  name,
  route: watched,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const grpc = watched.kind === 'GRPCRoute';
  const routeModel = grpc ? GRPCRouteModel : HTTPRouteModel;
  const latest = useRereadable(watched, routeModel, ns);
  const stored = latest.current ?? watched;
  const [yamlBase, setYamlBase] = useState<GatewayRoute>();
  const [yamlIssues, setYamlIssues] = useState<Issue[]>([]);
  const [view, setView] = useState<'form' | 'yaml'>('form');
  const base = yamlBase ?? stored;
  const rules = gatewayTimeoutRules(base);
  const [chosen, setChosen] = useState<number>();
  const index =
    chosen !== undefined && chosen < rules.length
      ? chosen
      : (rules.find((r) => r.catchAll) ?? rules[0])?.index;
  const initial = useMemo(
    () => (index === undefined ? undefined : readGatewayTimeouts(base, index)),
    [base, index],
  );
  const [edited, setEdited] = useState<GatewayTimeoutForm>();
  const form = edited ?? initial ?? { request: '', backendRequest: '' };
  const result =
    index === undefined
      ? undefined
      : planGatewayTimeouts(form, base, index, { routeModel, stored });
  const writePlan = withIssues(
    result?.plan ?? { edits: [], issues: [], blocking: false, unchanged: true },
    yamlIssues,
  );
  const editForm = useEditForm(writePlan, {
    reread: latest.reread,
    onApplied: () => {
      setEdited(undefined);
      setYamlBase(undefined);
    },
  });
  const issues = [...writePlan.issues, ...editForm.serverIssues];
  const fieldIssues = (f: GatewayTimeoutField) =>
    index === undefined ? [] : gatewayTimeoutFieldIssues(issues, index, f);
  const routeName = `${watched.kind} ${watched.metadata?.name ?? ''}`;

  const field = (f: GatewayTimeoutField, label: string, help: string) => (
    <FormGroup label={label} fieldId={`gw-${f}`}>
      <TextInput
        id={`gw-${f}`}
        data-test={`gw-${f}`}
        value={form[f]}
        isDisabled={grpc}
        validated={fieldIssues(f).length ? 'error' : 'default'}
        onChange={(_, v) => setEdited({ ...form, [f]: v })}
      />
      <FormHelperText>
        <HelperText>
          {fieldIssues(f).length ? (
            fieldIssues(f).map((i) => (
              <HelperTextItem key={i.code} variant="error" data-test={`gw-${f}-issue`}>
                {trafficIssueText(t, i)}
              </HelperTextItem>
            ))
          ) : (
            <HelperTextItem>{help}</HelperTextItem>
          )}
        </HelperText>
      </FormHelperText>
    </FormGroup>
  );

  return (
    <>
      <DocumentTitle>{t('Timeouts for {{name}}', { name })}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">{t('Timeouts for {{name}}', { name })}</Title>
        <Content component="p" data-test="gateway-resilience-note">
          {grpc
            ? t(
                '{{name}} is routed by {{route}}. GRPCRoute rules have no timeouts in Gateway API; route the Service with an HTTPRoute to set them.',
                { name, route: routeName },
              )
            : t(
                '{{name}} is routed by {{route}}. Gateway API routes set timeouts; they have no standard retries or fault injection, so this form offers only timeouts.',
                { name, route: routeName },
              )}
        </Content>
      </PageSection>
      <PageSection>
        <Stack hasGutter>
          <StackItem>
            <FormOrYaml
              objects={[result?.route ?? base]}
              onYaml={(objects) => {
                setYamlBase(objects.find((o) => o.kind === watched.kind) as GatewayRoute);
                setEdited(undefined);
              }}
              onIssues={setYamlIssues}
              onView={setView}
            >
              <Card>
                <CardTitle>{t('Timeouts')}</CardTitle>
                <CardBody>
                  <Form onSubmit={(e) => e.preventDefault()}>
                    <FormGroup label={t('Rule')} fieldId="gw-rule">
                      <FormSelect
                        id="gw-rule"
                        data-test="gw-rule"
                        value={index}
                        onChange={(_, v) => {
                          setChosen(Number(v));
                          setEdited(undefined);
                        }}
                      >
                        {rules.map((r) => (
                          <FormSelectOption
                            key={r.index}
                            value={r.index}
                            label={
                              r.catchAll
                                ? t('Default rule (requests no other rule matches)')
                                : r.name
                                  ? t('Rule {{rule}}', { rule: r.name })
                                  : t('Rule {{number}}', { number: r.index + 1 })
                            }
                          />
                        ))}
                      </FormSelect>
                    </FormGroup>
                    {field(
                      'request',
                      t('Request timeout'),
                      t(
                        'Give up on a request after this long, e.g. 3s (whole numbers with h, m, s or ms). Empty: none.',
                      ),
                    )}
                    {field(
                      'backendRequest',
                      t('Backend request timeout'),
                      t(
                        'Time limit for each try to a backend, at most the request timeout. Empty: none.',
                      ),
                    )}
                  </Form>
                </CardBody>
              </Card>
            </FormOrYaml>
          </StackItem>
          <StackItem>
            <Card>
              <CardTitle>{t('Review')}</CardTitle>
              <CardBody>
                <ReviewAndApply
                  issueText={trafficIssueText}
                  plan={writePlan}
                  form={editForm}
                  view={view}
                  claimed={[...fieldIssues('request'), ...fieldIssues('backendRequest')]}
                  objects={[
                    {
                      id: (watched.kind ?? 'HTTPRoute').toLowerCase(),
                      title: routeName,
                      before: stored,
                      after: result?.route ?? base,
                    },
                  ]}
                  yamlId="gateway-timeouts"
                />
              </CardBody>
            </Card>
          </StackItem>
        </Stack>
      </PageSection>
    </>
  );
};
