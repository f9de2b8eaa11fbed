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
import { ApplyFooter } from '../components/ApplyFooter';
import { ObjectDiff } from '../components/ObjectDiff';
import { useWriteAction } from '../components/useWriteAction';
import { ValidationIssues } from '../components/ValidationIssues';
import { YamlPreview } from '../components/YamlPreview';
import { applyEdits } from '../k8s/writes';
import {
  applyTrafficSplit,
  canaryPlan,
  describeRouting,
  nextCanaryStep,
  rollbackCanary,
  switchAll,
} from '../mesh/traffic/trafficSplit';
import {
  crossCheck,
  isError,
  validateDestinationRule,
  validateRequestedWeights,
  validateVirtualService,
} from '../mesh/traffic/validation';
import { CanaryAnalysis } from './CanaryAnalysis';
import { PROMOTE_REASONS_ID, PromoteGate } from './PromoteGate';
import { routingPartText } from './routingText';
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
  const current = useMemo(() => {
    const split = describeRouting(vs, dr).parts.find((p) => p.kind === 'split');
    const weights: Record<string, number> = {};
    if (split?.kind === 'split')
      split.parts.forEach((p) => p.subset && (weights[p.subset] = p.weight));
    return weights;
  }, [vs, dr]);
  const [edited, setEdited] = useState<Record<string, number>>();
  const weights =
    edited ??
    (Object.keys(current).length ? current : subsetNames[0] ? { [subsetNames[0]]: 100 } : {});
  const [stable, setStable] = useState<string>();
  const [canary, setCanary] = useState<string>();
  const [planText, setPlanText] = useState('10, 25, 50, 100');
  const write = useWriteAction();
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

  if (notReady || !service) return notReady;

  const chosen = proposal.subsets.filter((s) => weights[s.name] !== undefined);
  const result = applyTrafficSplit({
    vs,
    dr,
    host: name,
    namespace: ns,
    subsets: chosen.map(({ name: n, labels }) => ({ name: n, labels })),
    weights,
    version: data.version,
  });
  const issues = [
    ...validateRequestedWeights(weights),
    ...validateDestinationRule(result.destinationRule),
    ...validateVirtualService(result.virtualService),
    ...crossCheck(result.virtualService, result.destinationRule),
  ];
  const blocking = issues.filter(isError);
  const unchanged =
    JSON.stringify(result.virtualService) === JSON.stringify(vs) &&
    JSON.stringify(result.destinationRule) === JSON.stringify(dr);

  const apply = () =>
    write
      .run(
        () =>
          // Subsets first: a route may only name subsets that already exist.
          applyEdits([
            ...(JSON.stringify(result.destinationRule) === JSON.stringify(dr)
              ? []
              : [{ before: dr, after: result.destinationRule }]),
            ...(JSON.stringify(result.virtualService) === JSON.stringify(vs)
              ? []
              : [{ before: vs, after: result.virtualService }]),
          ]),
        reread,
      )
      .then((ok) => ok && setEdited(undefined));

  const next = nextCanaryStep(weights, stableSubset, canarySubset, plan);
  const rollback = () => setEdited(rollbackCanary(weights, stableSubset, canarySubset));
  const promoteHeld = !analysis.mayPromote;

  const setWeight = (subset: string, value: number) =>
    setEdited({ ...weights, [subset]: Math.max(0, Math.min(100, Math.round(value))) });

  return (
    <>
      <DocumentTitle>{t('Traffic split for {{name}}', { name })}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">{t('Traffic split for {{name}}', { name })}</Title>
        <Content component="p" data-test="current-routing">
          {t('Now: {{routing}}', {
            routing: describeRouting(vs, dr)
              .parts.map((p) => routingPartText(t, p))
              .join('; '),
          })}
        </Content>
      </PageSection>
      <PageSection>
        <Stack hasGutter>
          <StackItem>
            <Card>
              <CardTitle>{t('Weights')}</CardTitle>
              <CardBody>
                {proposal.warnings.map((w, i) => (
                  <Alert key={i} isInline isPlain variant="warning" title={w.message} />
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
                        style={{ width: '6em' }}
                      />
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
                          <FormSelectOption key={n} value={n} label={t('stable: {{n}}', { n })} />
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
                          <FormSelectOption key={n} value={n} label={t('canary: {{n}}', { n })} />
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
                    <HelperText key={i.message}>
                      <HelperTextItem variant="error">{i.message}</HelperTextItem>
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
                  {next && <PromoteGate analysis={analysis} namespace={ns} canary={canarySubset} />}
                </Stack>
              </CardBody>
            </Card>
          </StackItem>
          <StackItem>
            <Card>
              <CardTitle>{t('Review')}</CardTitle>
              <CardBody>
                <Stack hasGutter>
                  <ValidationIssues issues={issues} />
                  <StackItem>
                    <ObjectDiff
                      id="destinationrule"
                      title={t('DestinationRule {{name}}', {
                        name: result.destinationRule.metadata?.name,
                      })}
                      before={dr}
                      after={result.destinationRule}
                    />
                  </StackItem>
                  <StackItem>
                    <ObjectDiff
                      id="virtualservice"
                      title={t('VirtualService {{name}}', {
                        name: result.virtualService.metadata?.name,
                      })}
                      before={vs}
                      after={result.virtualService}
                    />
                  </StackItem>
                  <StackItem>
                    <YamlPreview
                      objects={[result.destinationRule, result.virtualService]}
                      id="traffic-split"
                      toggleText={t('YAML of the resulting objects (for GitOps)')}
                    />
                  </StackItem>
                  <StackItem>
                    <ApplyFooter
                      error={write.error}
                      busy={write.busy}
                      disabled={blocking.length > 0 || unchanged}
                      onApply={apply}
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

export default TrafficSplitPage;
