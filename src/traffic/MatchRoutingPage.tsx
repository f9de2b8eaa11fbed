import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  Content,
  Flex,
  FlexItem,
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
import { useParams } from 'react-router';
import { FormOrYaml } from '../components/FormOrYaml';
import { routingText } from '../components/issues/routingText';
import { trafficIssueText } from '../components/issues/trafficIssueWords';
import { ReviewAndApply } from '../components/ReviewAndApply';
import { useEditForm } from '../k8s/useEditForm';
import { withIssues } from '../mesh/forms/editPlan';
import {
  isMatchFormIssue,
  matchFieldIssues,
  planMatchRouting,
  readMatchRouting,
} from '../mesh/forms/matchRoutingForm';
import type { MatchObjects } from '../mesh/forms/matchRoutingForm';
import type { Issue, IssuePath } from '../mesh/issues';
import { HTTP_METHODS } from '../mesh/primitives';
import {
  conditionHasName,
  conditionHasOp,
  emptyCondition,
  move,
  newRuleId,
  withRuleIds,
} from '../mesh/traffic/matchForm';
import type {
  ConditionForm,
  ConditionKind,
  DestinationForm,
  MatchFormState,
  RuleForm,
  StringOp,
} from '../mesh/traffic/matchForm';
import { describeRouting } from '../mesh/traffic/trafficSplit';
import type { DestinationRule, VirtualService } from '../models';
import { useServiceRouting } from './useServiceRouting';

/** A field's issues, under it. */
const FieldProblems: FC<{ issues: Issue[] }> = ({ issues }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return issues.length ? (
    <HelperText>
      {issues.map((i) => (
        <HelperTextItem
          key={JSON.stringify([i.code, i.params])}
          variant={i.severity === 'warning' ? 'warning' : 'error'}
          data-test="field-problem"
        >
          {trafficIssueText(t, i)}
        </HelperTextItem>
      ))}
    </HelperText>
  ) : null;
};

/** Match-based (A/B) routing: ordered `mcp-` rules, each to weighted versions, and a default. */
const MatchRoutingPage: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { ns = '', name = '' } = useParams();
  const { data, service, vs, dr, proposal, reread, notReady } = useServiceRouting(ns, name);
  const subsetNames = proposal.subsets.map((s) => s.name);
  // What the form edits: the stored objects, or the last YAML the user wrote that read well.
  const [yamlBase, setYamlBase] = useState<MatchObjects>();
  const [yamlIssues, setYamlIssues] = useState<Issue[]>([]);
  const [view, setView] = useState<'form' | 'yaml'>('form');
  const base = useMemo(() => yamlBase ?? { vs, dr }, [yamlBase, vs, dr]);
  const ctx = {
    namespace: ns,
    host: name,
    version: data.version,
    subsets: proposal.subsets,
    stored: { vs, dr },
  };
  // Each rule carries an id from here on, so its card keeps its identity when rules move.
  const current = useMemo(
    () =>
      withRuleIds(readMatchRouting(base, { namespace: ns, host: name, subsets: proposal.subsets })),
    [base, name, ns, proposal],
  );
  const [edited, setEdited] = useState<MatchFormState>();
  const form = edited ?? current;
  const routing = planMatchRouting(form, base, ctx);
  const writePlan = withIssues(routing.plan, yamlIssues);
  const editForm = useEditForm(writePlan, {
    reread,
    onApplied: () => {
      setEdited(undefined);
      setYamlBase(undefined);
    },
  });

  if (notReady || !service) return notReady;

  const issues = [...writePlan.issues, ...editForm.serverIssues];
  const at = (path: IssuePath) => matchFieldIssues(issues, path);
  const formIssues = issues.filter(isMatchFormIssue);
  // The form paths a field shows issues at (a locked rule shows only its name).
  const fieldPaths: IssuePath[] = [
    ...form.rules.flatMap((r, i): IssuePath[] => [
      ['rules', i, 'name'],
      ...(r.locked
        ? []
        : [
            ['rules', i, 'conditions'],
            ['rules', i, 'destinations'],
            ...r.conditions.map((_, j) => ['rules', i, 'conditions', j]),
            ...r.destinations.map((_, k) => ['rules', i, 'destinations', k]),
          ]),
    ]),
    ['default'],
    ...(form.defaultLocked || !form.defaultRoute
      ? []
      : form.defaultRoute.map((_, k) => ['default', k])),
  ];

  const setRules = (rules: RuleForm[]) => setEdited({ ...form, rules });
  const setRule = (i: number, rule: RuleForm) =>
    setRules(form.rules.map((r, k) => (k === i ? rule : r)));
  const kindLabel: Record<ConditionKind, string> = {
    header: t('Header'),
    uri: t('URI'),
    method: t('Method'),
    query: t('Query parameter'),
    sourceLabel: t('Source label'),
  };
  const opLabel: Record<StringOp, string> = {
    exact: t('is exactly'),
    prefix: t('starts with'),
    regex: t('matches regex (RE2)'),
  };

  const destinations = (
    list: DestinationForm[],
    set: (list: DestinationForm[]) => void,
    id: string,
    path: (k: number) => IssuePath,
  ) => (
    <Stack>
      {list.map((d, k) => (
        <StackItem key={k}>
          <Flex alignItems={{ default: 'alignItemsCenter' }}>
            <FlexItem>
              <FormSelect
                value={d.subset}
                onChange={(_, v) => set(list.map((x, m) => (m === k ? { ...x, subset: v } : x)))}
                aria-label={t('Version {{n}}', { n: k + 1 })}
                data-test={`${id}-subset-${k}`}
              >
                <FormSelectOption value="" label={t('Choose a version')} isDisabled />
                {[...new Set([...subsetNames, ...(d.subset ? [d.subset] : [])])].map((n) => (
                  <FormSelectOption key={n} value={n} label={n} />
                ))}
              </FormSelect>
            </FlexItem>
            <FlexItem>
              <TextInput
                value={d.weight}
                onChange={(_, v) => set(list.map((x, m) => (m === k ? { ...x, weight: v } : x)))}
                aria-label={t('Weight of version {{n}} (percent)', { n: k + 1 })}
                placeholder={t('weight')}
                validated={at(path(k)).length ? 'error' : 'default'}
                data-test={`${id}-weight-${k}`}
                style={{ width: '6em' }}
              />
            </FlexItem>
            <FlexItem>
              <Button
                variant="link"
                onClick={() => set(list.filter((_, m) => m !== k))}
                data-test={`${id}-remove-${k}`}
              >
                {t('Remove version')}
              </Button>
            </FlexItem>
          </Flex>
          <FieldProblems issues={at(path(k))} />
        </StackItem>
      ))}
      <StackItem>
        <Button
          variant="link"
          onClick={() => set([...list, { subset: subsetNames[0] ?? '', weight: '' }])}
          data-test={`${id}-add`}
        >
          {t('Add a version')}
        </Button>
      </StackItem>
    </Stack>
  );

  const condition = (i: number, rule: RuleForm, c: ConditionForm, j: number) => {
    const setCond = (next: ConditionForm) =>
      setRule(i, { ...rule, conditions: rule.conditions.map((x, m) => (m === j ? next : x)) });
    const id = `cond-${i}-${j}`;
    const here = at(['rules', i, 'conditions', j]);
    const bad = here.length > 0;
    return (
      <StackItem key={j}>
        <Flex alignItems={{ default: 'alignItemsCenter' }}>
          <FlexItem>
            <FormSelect
              value={c.kind}
              onChange={(_, v) => setCond(emptyCondition(v as ConditionKind))}
              aria-label={t('Condition {{n}} type', { n: j + 1 })}
              data-test={`${id}-kind`}
            >
              {(Object.keys(kindLabel) as ConditionKind[]).map((k) => (
                <FormSelectOption key={k} value={k} label={kindLabel[k]} />
              ))}
            </FormSelect>
          </FlexItem>
          {conditionHasName(c.kind) && (
            <FlexItem>
              <TextInput
                value={c.name}
                onChange={(_, v) => setCond({ ...c, name: v })}
                aria-label={t('Condition {{n}} name', { n: j + 1 })}
                placeholder={c.kind === 'sourceLabel' ? t('label key') : t('name')}
                data-test={`${id}-name`}
              />
            </FlexItem>
          )}
          {conditionHasOp(c.kind) && (
            <FlexItem>
              <FormSelect
                value={c.op}
                onChange={(_, v) => setCond({ ...c, op: v as StringOp })}
                aria-label={t('Condition {{n}} comparison', { n: j + 1 })}
                data-test={`${id}-op`}
              >
                {(Object.keys(opLabel) as StringOp[]).map((o) => (
                  <FormSelectOption key={o} value={o} label={opLabel[o]} />
                ))}
              </FormSelect>
            </FlexItem>
          )}
          <FlexItem>
            {c.kind === 'method' ? (
              <FormSelect
                value={c.value}
                onChange={(_, v) => setCond({ ...c, value: v })}
                aria-label={t('Condition {{n}} method', { n: j + 1 })}
                data-test={`${id}-value`}
              >
                <FormSelectOption value="" label={t('Choose a method')} isDisabled />
                {HTTP_METHODS.map((m) => (
                  <FormSelectOption key={m} value={m} label={m} />
                ))}
              </FormSelect>
            ) : (
              <TextInput
                value={c.value}
                onChange={(_, v) => setCond({ ...c, value: v })}
                aria-label={t('Condition {{n}} value', { n: j + 1 })}
                placeholder={t('value')}
                validated={bad ? 'error' : 'default'}
                data-test={`${id}-value`}
              />
            )}
          </FlexItem>
          <FlexItem>
            <Button
              variant="link"
              onClick={() =>
                setRule(i, { ...rule, conditions: rule.conditions.filter((_, m) => m !== j) })
              }
              data-test={`${id}-remove`}
            >
              {t('Remove condition')}
            </Button>
          </FlexItem>
        </Flex>
        <FieldProblems issues={here} />
      </StackItem>
    );
  };

  const ruleCard = (rule: RuleForm, i: number) => (
    <StackItem key={rule.id ?? i}>
      <Card data-test={`rule-${i}`}>
        <CardTitle>
          <Flex alignItems={{ default: 'alignItemsCenter' }}>
            <FlexItem>{t('Rule {{n}}', { n: i + 1 })}</FlexItem>
            <FlexItem>
              <TextInput
                value={rule.name}
                onChange={(_, v) => setRule(i, { ...rule, name: v })}
                aria-label={t('Rule {{n}} name', { n: i + 1 })}
                placeholder={t('name, e.g. beta-testers')}
                isDisabled={!!rule.locked}
                data-test={`rule-name-${i}`}
              />
            </FlexItem>
            <FlexItem>
              <Button
                variant="secondary"
                isDisabled={i === 0}
                onClick={() => setRules(move(form.rules, i, -1))}
                data-test={`rule-up-${i}`}
              >
                {t('Move up')}
              </Button>
            </FlexItem>
            <FlexItem>
              <Button
                variant="secondary"
                isDisabled={i === form.rules.length - 1}
                onClick={() => setRules(move(form.rules, i, 1))}
                data-test={`rule-down-${i}`}
              >
                {t('Move down')}
              </Button>
            </FlexItem>
            <FlexItem>
              <Button
                variant="link"
                isDanger
                onClick={() => setRules(form.rules.filter((_, k) => k !== i))}
                data-test={`rule-remove-${i}`}
              >
                {t('Remove rule')}
              </Button>
            </FlexItem>
          </Flex>
          <FieldProblems issues={at(['rules', i, 'name'])} />
        </CardTitle>
        <CardBody>
          {rule.locked ? (
            <Content component="p">
              {t(
                'This rule uses settings the form cannot show; it is kept as written. Edit it in YAML.',
              )}
            </Content>
          ) : (
            <Stack hasGutter>
              <StackItem>
                <Title headingLevel="h3" size="md">
                  {t('When all of these match')}
                </Title>
                <Stack>
                  {rule.conditions.map((c, j) => condition(i, rule, c, j))}
                  <StackItem>
                    <Button
                      variant="link"
                      onClick={() =>
                        setRule(i, { ...rule, conditions: [...rule.conditions, emptyCondition()] })
                      }
                      data-test={`add-condition-${i}`}
                    >
                      {t('Add a condition')}
                    </Button>
                  </StackItem>
                </Stack>
                <FieldProblems issues={at(['rules', i, 'conditions'])} />
              </StackItem>
              <StackItem>
                <Title headingLevel="h3" size="md">
                  {t('Send to')}
                </Title>
                {destinations(
                  rule.destinations,
                  (list) => setRule(i, { ...rule, destinations: list }),
                  `rule-${i}-dest`,
                  (k) => ['rules', i, 'destinations', k],
                )}
                <FieldProblems issues={at(['rules', i, 'destinations'])} />
              </StackItem>
            </Stack>
          )}
        </CardBody>
      </Card>
    </StackItem>
  );

  return (
    <>
      <DocumentTitle>{t('A/B routing for {{name}}', { name })}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">{t('A/B routing for {{name}}', { name })}</Title>
        <Content component="p" data-test="current-routing">
          {t('Now: {{routing}}', {
            routing: routingText(t, describeRouting(vs, dr)),
          })}
        </Content>
        <Content component="p">
          {t(
            'Rules are checked in order; the first that matches routes the request. Rules written by hand are kept where they are.',
          )}
        </Content>
      </PageSection>
      <PageSection>
        <Stack hasGutter>
          {proposal.warnings.map((w) => (
            <StackItem key={JSON.stringify([w.code, w.params])}>
              <Alert isInline isPlain variant="warning" title={trafficIssueText(t, w)} />
            </StackItem>
          ))}
          <StackItem>
            <FormOrYaml
              objects={[routing.dr, routing.vs]}
              onYaml={(objects) => {
                setYamlBase({
                  dr: objects.find((o) => o.kind === 'DestinationRule') as DestinationRule,
                  vs: objects.find((o) => o.kind === 'VirtualService') as VirtualService,
                });
                setEdited(undefined);
              }}
              onIssues={setYamlIssues}
              onView={setView}
            >
              <Stack hasGutter>
                {form.rules.map(ruleCard)}
                <StackItem>
                  <Button
                    variant="secondary"
                    onClick={() =>
                      setRules([
                        ...form.rules,
                        {
                          id: newRuleId(),
                          name: '',
                          conditions: [emptyCondition()],
                          destinations: [{ subset: subsetNames[0] ?? '', weight: '' }],
                        },
                      ])
                    }
                    data-test="add-rule"
                  >
                    {t('Add a rule')}
                  </Button>
                </StackItem>
                <StackItem>
                  <Card data-test="default-route">
                    <CardTitle>{t('Everyone else')}</CardTitle>
                    <CardBody>
                      {form.defaultLocked || !form.defaultRoute ? (
                        <Content component="p">
                          {t(
                            'The default rule uses settings the form cannot show; it is kept as written.',
                          )}
                        </Content>
                      ) : (
                        destinations(
                          form.defaultRoute,
                          (list) => setEdited({ ...form, defaultRoute: list }),
                          'default',
                          (k) => ['default', k],
                        )
                      )}
                      <FieldProblems issues={at(['default'])} />
                    </CardBody>
                  </Card>
                </StackItem>
              </Stack>
            </FormOrYaml>
          </StackItem>
          <StackItem>
            <Card>
              <CardTitle>{t('Review')}</CardTitle>
              <CardBody>
                <Stack hasGutter>
                  {formIssues.length > 0 && view === 'form' && (
                    <StackItem>
                      <Alert
                        isInline
                        isPlain
                        variant="danger"
                        title={t('Fix the marked fields before applying.')}
                        data-test="form-problems"
                      />
                    </StackItem>
                  )}
                  <StackItem>
                    <ReviewAndApply
                      issueText={trafficIssueText}
                      plan={writePlan}
                      form={editForm}
                      view={view}
                      claimed={fieldPaths.map((path) => ({ path }))}
                      objects={[
                        {
                          id: 'destinationrule',
                          title: t('DestinationRule {{name}}', {
                            name: routing.dr.metadata?.name,
                          }),
                          before: dr,
                          after: routing.dr,
                        },
                        {
                          id: 'virtualservice',
                          title: t('VirtualService {{name}}', {
                            name: routing.vs.metadata?.name,
                          }),
                          before: vs,
                          after: routing.vs,
                        },
                      ]}
                      yamlId="match-routing"
                    />
                  </StackItem>
                </Stack>
              </CardBody>
            </Card>
          </StackItem>
        </Stack>
      </PageSection>
    </>
  );
};

export default MatchRoutingPage;
