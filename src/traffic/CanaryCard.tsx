import {
  ActionGroup,
  Button,
  Card,
  CardBody,
  CardTitle,
  Flex,
  FlexItem,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Stack,
  TextInput,
} from '@patternfly/react-core';
import { useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { trafficIssueText } from '../components/issues/trafficIssueWords';
import {
  canaryPlan,
  nextCanaryStep,
  rollbackCanary,
  switchAll,
} from '../mesh/traffic/trafficSplit';
import { CanaryAnalysis } from './CanaryAnalysis';
import { PROMOTE_REASONS_ID, PromoteGate } from './PromoteGate';
import { useCanaryAnalysis } from './useCanaryAnalysis';

const parsePlan = (text: string) =>
  text
    .split(/[\s,>→-]+/)
    .filter(Boolean)
    .map(Number);

/**
 * Canary steps and blue-green switches over a split's versions, whatever the split is written
 * in (subsets of a VirtualService, Services of an HTTPRoute): it only proposes weights, which the
 * form then plans like typed ones. Promotion is gated on the canary's metrics once it has traffic.
 */
export const CanaryCard: FC<{
  namespace: string;
  service: string;
  /** The versions, by the names the weights use. */
  names: string[];
  /** The pod labels of a version, which its metrics are labelled by. */
  labelsOf: (name: string) => Record<string, string> | undefined;
  storedWeights: Record<string, number>;
  weights: Record<string, number>;
  onWeights: (weights: Record<string, number>) => void;
}> = ({ namespace, service, names, labelsOf, storedWeights, weights, onWeights }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const [stable, setStable] = useState<string>();
  const [canary, setCanary] = useState<string>();
  const [planText, setPlanText] = useState('10, 25, 50, 100');
  const stableName = stable ?? names[0];
  const canaryName = canary ?? names[names.length - 1];
  const plan = parsePlan(planText);
  const planIssues = canaryPlan(plan);
  const canaryLabels = canaryName ? labelsOf(canaryName) : undefined;
  const analysis = useCanaryAnalysis({
    namespace,
    service,
    canary: canaryName ?? '',
    canarySubset: canaryLabels ? { labels: canaryLabels } : undefined,
    storedWeights,
    editedWeights: weights,
  });
  const next = nextCanaryStep(weights, stableName, canaryName, plan);
  const rollback = () => onWeights(rollbackCanary(weights, stableName, canaryName));
  const promoteHeld = !analysis.mayPromote;
  return (
    <Card>
      <CardTitle>{t('Canary and blue-green')}</CardTitle>
      <CardBody>
        <Stack hasGutter>
          <Flex>
            <FlexItem>
              <FormSelect
                value={stableName}
                onChange={(_, v) => setStable(v)}
                aria-label={t('Stable version')}
              >
                {names.map((n) => (
                  <FormSelectOption key={n} value={n} label={t('stable: {{n}}', { n })} />
                ))}
              </FormSelect>
            </FlexItem>
            <FlexItem>
              <FormSelect
                value={canaryName}
                onChange={(_, v) => setCanary(v)}
                aria-label={t('Canary version')}
              >
                {names.map((n) => (
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
            <HelperText key={JSON.stringify([i.code, i.path])}>
              <HelperTextItem variant="error">{trafficIssueText(t, i)}</HelperTextItem>
            </HelperText>
          ))}
          {analysis.hasTraffic && (
            <CanaryAnalysis
              analysis={analysis}
              namespace={namespace}
              canary={canaryName}
              stable={stableName}
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
                if (next) onWeights(next);
                // An override is for one step: the next one is judged again.
                analysis.setPromoteAnyway(false);
              }}
            >
              {t('Promote to the next step')}
            </Button>
            <Button variant="secondary" data-test="rollback" onClick={rollback}>
              {t('Roll back to {{stable}}', { stable: stableName })}
            </Button>
            {names.map((n) => (
              <Button
                key={n}
                variant="tertiary"
                data-test={`all-to-${n}`}
                onClick={() => onWeights(switchAll(n, names))}
              >
                {t('All traffic to {{n}}', { n })}
              </Button>
            ))}
          </ActionGroup>
          {next && <PromoteGate analysis={analysis} namespace={namespace} canary={canaryName} />}
        </Stack>
      </CardBody>
    </Card>
  );
};
