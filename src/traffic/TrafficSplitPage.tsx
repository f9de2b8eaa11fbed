import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import {
  ActionGroup,
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
  Progress,
  ProgressMeasureLocation,
  ProgressSize,
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
  planSplit,
  planSplitRemoval,
  readSplitWeights,
  weightFieldIssues,
} from '../mesh/forms/trafficSplitForm';
import type { SplitContext, SplitObjects } from '../mesh/forms/trafficSplitForm';
import type { Issue } from '../mesh/issues';
import {
  canaryPlan,
  describeRouting,
  nextCanaryStep,
  rollbackCanary,
  switchAll,
} from '../mesh/traffic/trafficSplit';
import type { DestinationRule, VirtualService } from '../models';
import { CanaryAnalysis } from './CanaryAnalysis';
import { PROMOTE_REASONS_ID, PromoteGate } from './PromoteGate';
import { RemoveSplit } from './RemoveSplit';
import { useCanaryAnalysis } from './useCanaryAnalysis';
import { useServiceRouting } from './useServiceRouting';

const parsePlan = (text: string) =>
  text
    .split(/[\s,>→-]+/)
    .filter(Boolean)
    .map(Number);

/** Weighted routing between a service's versions: split, canary steps, blue-green. */
const TrafficSplitPage: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { ns = '', name = '' } = useParams();
  const { data, service, vs, dr, proposal, reread, notReady } = useServiceRouting(ns, name);
  const subsetNames = proposal.subsets.map((s) => s.name);
  // What the form edits: the stored objects, or the last YAML the user wrote that read well.
  const [yamlBase, setYamlBase] = useState<SplitObjects>();
  const [yamlIssues, setYamlIssues] = useState<Issue[]>([]);
  const [view, setView] = useState<'form' | 'yaml'>('form');
  const base = useMemo(() => yamlBase ?? { vs, dr }, [yamlBase, vs, dr]);
  const current = useMemo(() => readSplitWeights({ vs, dr }), [vs, dr]);
  const baseWeights = useMemo(() => readSplitWeights(base), [base]);
  const [edited, setEdited] = useState<Record<string, number>>();
  const weights =
    edited ??
    (Object.keys(baseWeights).length
      ? baseWeights
      : subsetNames[0]
        ? { [subsetNames[0]]: 100 }
        : {});
  const [stable, setStable] = useState<string>();
  const [canary, setCanary] = useState<string>();
  const [planText, setPlanText] = useState('10, 25, 50, 100');
  const stableSubset = stable ?? subsetNames[0];
  const canarySubset = canary ?? subsetNames[subsetNames.length - 1];
  const plan = parsePlan(planText);
  const planIssues = canaryPlan(plan);
  const analysis = useCanaryAnalysis({
    namespace: ns,
    service: name,
    canary: canarySubset ?? '',
    // The live subset: what the cluster's metrics were labelled by.
    canarySubset: dr?.spec?.subsets?.find((s) => s.name === canarySubset),
    storedWeights: current,
    editedWeights: weights,
  });
  const splitContext: SplitContext = {
    namespace: ns,
    host: name,
    version: data.version,
    subsets: proposal.subsets,
    stored: { vs, dr },
  };
  const split = planSplit(weights, base, splitContext);
  // "Remove split" plans from the cluster's objects, whatever the form or YAML holds meanwhile;
  // while it is reviewed, the form stays as the user left it, hidden, for "Keep the split".
  const unsplit = planSplitRemoval({ vs, dr }, splitContext);
  const [removing, setRemoving] = useState(false);
  const writePlan = removing ? unsplit.plan : withIssues(split.plan, yamlIssues);
  const form = useEditForm(writePlan, {
    reread,
    onApplied: () => {
      setEdited(undefined);
      setYamlBase(undefined);
      setRemoving(false);
    },
  });

  if (notReady || !service) return notReady;

  const issues = [...writePlan.issues, ...form.serverIssues];
  const yamlObjects = [split.dr ?? base.dr, split.vs ?? base.vs].filter(
    (o): o is DestinationRule | VirtualService => o !== undefined,
  );
  const weightIssues = (subset: string) => weightFieldIssues(issues, split.vs, subset);
  const next = nextCanaryStep(weights, stableSubset, canarySubset, plan);
  const rollback = () => setEdited(rollbackCanary(weights, stableSubset, canarySubset));
  const promoteHeld = !analysis.mayPromote;
  const reviewObjects = removing
    ? [
        {
          id: 'destinationrule',
          title: t('DestinationRule {{name}}', { name: dr?.metadata?.name }),
          before: dr,
          after: dr,
        },
        {
          id: 'virtualservice',
          title: t('VirtualService {{name}}', { name: vs?.metadata?.name }),
          before: vs,
          // Undefined when the VirtualService is deleted: its diff shows every line going.
          after: unsplit.vs,
        },
      ].filter((o) => o.before !== undefined)
    : [
        {
          id: 'destinationrule',
          title: t('DestinationRule {{name}}', { name: split.dr?.metadata?.name }),
          before: dr,
          after: split.dr ?? dr,
        },
        {
          id: 'virtualservice',
          title: t('VirtualService {{name}}', { name: split.vs?.metadata?.name }),
          before: vs,
          after: split.vs ?? vs,
        },
      ].filter((o) => o.after !== undefined);

  const strayed = Object.keys(weights).filter((k) => !subsetNames.includes(k));
  const setWeight = (subset: string, value: number) =>
    setEdited({ ...weights, [subset]: Math.max(0, Math.min(100, Math.round(value))) });

  return (
    <>
      <DocumentTitle>{t('Traffic split for {{name}}', { name })}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">{t('Traffic split for {{name}}', { name })}</Title>
        <Content component="p" data-test="current-routing">
          {t('Now: {{routing}}', {
            routing: routingText(t, describeRouting(vs, dr)),
          })}
        </Content>
      </PageSection>
      <PageSection>
        <Stack hasGutter>
          <StackItem hidden={removing}>
            <FormOrYaml
              objects={yamlObjects}
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
                <StackItem>
                  <Card>
                    <CardTitle>{t('Weights')}</CardTitle>
                    <CardBody>
                      {proposal.warnings.map((w) => (
                        <Alert
                          key={JSON.stringify([w.code, w.params])}
                          isInline
                          isPlain
                          variant="warning"
                          title={trafficIssueText(t, w)}
                        />
                      ))}
                      {proposal.subsets.map((s) => (
                        <Flex
                          key={s.name}
                          alignItems={{ default: 'alignItemsCenter' }}
                          data-test={`subset-${s.name}`}
                        >
                          <FlexItem style={{ minWidth: '6em' }}>
                            <strong>{s.name}</strong>
                          </FlexItem>
                          <FlexItem grow={{ default: 'grow' }}>
                            {/* A bar, not PatternFly's Slider: the console does not share Slider, and
                              its fallback copy would load a second react-dom into the console. */}
                            <Progress
                              value={weights[s.name] ?? 0}
                              size={ProgressSize.sm}
                              measureLocation={ProgressMeasureLocation.none}
                              aria-label={t('Share of {{subset}}', { subset: s.name })}
                            />
                          </FlexItem>
                          <FlexItem>
                            <TextInput
                              type="number"
                              value={weights[s.name] ?? 0}
                              onChange={(_, v) => setWeight(s.name, Number(v))}
                              aria-label={t('Weight of {{subset}}', { subset: s.name })}
                              data-test={`weight-${s.name}`}
                              validated={weightIssues(s.name).length ? 'error' : 'default'}
                              style={{ width: '6em' }}
                            />
                            {weightIssues(s.name).map((i) => (
                              <HelperText key={i.code} data-test={`weight-${s.name}-issue`}>
                                <HelperTextItem variant="error">
                                  {trafficIssueText(t, i)}
                                </HelperTextItem>
                              </HelperText>
                            ))}
                          </FlexItem>
                          <FlexItem>
                            <HelperText>
                              <HelperTextItem>
                                {s.deployments.length
                                  ? t('selects {{deployments}}', {
                                      deployments: s.deployments.join(', '),
                                    })
                                  : t('selects no pods')}
                              </HelperTextItem>
                            </HelperText>
                          </FlexItem>
                        </Flex>
                      ))}
                      {/* A subset the route names that the form cannot offer (no Deployment, no
                        subset in the DestinationRule, e.g. a typo in hand-written YAML): shown so
                        the user can take it out, which is how the route stops failing. */}
                      {strayed.map((subset) => (
                        <Flex
                          key={subset}
                          alignItems={{ default: 'alignItemsCenter' }}
                          data-test={`subset-${subset}`}
                        >
                          <FlexItem style={{ minWidth: '6em' }}>
                            <strong>{subset}</strong>
                          </FlexItem>
                          <FlexItem grow={{ default: 'grow' }}>
                            <HelperText>
                              <HelperTextItem variant="error">
                                {t(
                                  'The route sends {{weight}} to {{subset}}, which no Deployment runs: requests sent there fail. Remove it from the split.',
                                  { weight: weights[subset], subset },
                                )}
                              </HelperTextItem>
                            </HelperText>
                          </FlexItem>
                          <FlexItem>
                            <Button
                              variant="secondary"
                              isDanger
                              data-test={`remove-subset-${subset}`}
                              onClick={() => {
                                const rest = { ...weights };
                                delete rest[subset];
                                setEdited(rest);
                              }}
                            >
                              {t('Remove {{subset}}', { subset })}
                            </Button>
                          </FlexItem>
                        </Flex>
                      ))}
                    </CardBody>
                  </Card>
                </StackItem>
                <StackItem>
                  <Card>
                    <CardTitle>{t('Canary and blue-green')}</CardTitle>
                    <CardBody>
                      <Stack hasGutter>
                        <Flex>
                          <FlexItem>
                            <FormSelect
                              value={stableSubset}
                              onChange={(_, v) => setStable(v)}
                              aria-label={t('Stable version')}
                            >
                              {subsetNames.map((n) => (
                                <FormSelectOption
                                  key={n}
                                  value={n}
                                  label={t('stable: {{n}}', { n })}
                                />
                              ))}
                            </FormSelect>
                          </FlexItem>
                          <FlexItem>
                            <FormSelect
                              value={canarySubset}
                              onChange={(_, v) => setCanary(v)}
                              aria-label={t('Canary version')}
                            >
                              {subsetNames.map((n) => (
                                <FormSelectOption
                                  key={n}
                                  value={n}
                                  label={t('canary: {{n}}', { n })}
                                />
                              ))}
                            </FormSelect>
                          </FlexItem>
                          <FlexItem>
                            <TextInput
                              value={planText}
                              onChange={(_, v) => setPlanText(v)}
                              aria-label={t('Canary steps (percent)')}
                            />
                          </FlexItem>
                        </Flex>
                        {planIssues.map((i) => (
                          <HelperText key={JSON.stringify([i.code, i.path])}>
                            <HelperTextItem variant="error">
                              {trafficIssueText(t, i)}
                            </HelperTextItem>
                          </HelperText>
                        ))}
                        {analysis.hasTraffic && (
                          <CanaryAnalysis
                            analysis={analysis}
                            namespace={ns}
                            canary={canarySubset}
                            stable={stableSubset}
                            onRollback={rollback}
                          />
                        )}
                        <ActionGroup>
                          <Button
                            variant="secondary"
                            data-test="promote"
                            // aria-disabled, not disabled: it stays focusable so its reason is read out.
                            isAriaDisabled={!next || promoteHeld}
                            aria-describedby={promoteHeld ? PROMOTE_REASONS_ID : undefined}
                            onClick={() => {
                              setEdited(next);
                              // An override is for one step: the next one is judged again.
                              analysis.setPromoteAnyway(false);
                            }}
                          >
                            {t('Promote to the next step')}
                          </Button>
                          <Button variant="secondary" data-test="rollback" onClick={rollback}>
                            {t('Roll back to {{stable}}', { stable: stableSubset })}
                          </Button>
                          {subsetNames.map((n) => (
                            <Button
                              key={n}
                              variant="tertiary"
                              data-test={`all-to-${n}`}
                              onClick={() => setEdited(switchAll(n, subsetNames))}
                            >
                              {t('All traffic to {{n}}', { n })}
                            </Button>
                          ))}
                        </ActionGroup>
                        {next && (
                          <PromoteGate analysis={analysis} namespace={ns} canary={canarySubset} />
                        )}
                      </Stack>
                    </CardBody>
                  </Card>
                </StackItem>
              </Stack>
            </FormOrYaml>
          </StackItem>
          <StackItem>
            <RemoveSplit
              removing={removing}
              removal={unsplit.removal}
              virtualService={vs?.metadata?.name ?? ''}
              destinationRule={dr?.metadata?.name ?? ''}
              service={name}
              onRemove={() => setRemoving(true)}
              onKeep={() => setRemoving(false)}
            />
          </StackItem>
          <StackItem>
            <Card>
              <CardTitle>{t('Review')}</CardTitle>
              <CardBody>
                <ReviewAndApply
                  issueText={trafficIssueText}
                  plan={writePlan}
                  form={form}
                  view={removing ? 'yaml' : view}
                  claimed={issues.filter((x) =>
                    subsetNames.some((n) => weightIssues(n).includes(x)),
                  )}
                  objects={reviewObjects}
                  yamlId="traffic-split"
                />
              </CardBody>
            </Card>
          </StackItem>
        </Stack>
      </PageSection>
    </>
  );
};

export default TrafficSplitPage;
