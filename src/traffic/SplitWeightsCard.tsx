import {
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  Flex,
  FlexItem,
  HelperText,
  HelperTextItem,
  Progress,
  ProgressMeasureLocation,
  ProgressSize,
  TextInput,
} from '@patternfly/react-core';
import type { FC, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { trafficIssueText } from '../components/issues/trafficIssueWords';
import type { Issue } from '../mesh/issues';

/** One version the split can send to: a DestinationRule subset, or a Service per version. */
export type SplitVersion = {
  /** What the weights are keyed by: the subset's name, or the version Service's. */
  name: string;
  /** The Deployments it selects (none: the version runs nowhere). */
  deployments: string[];
  /** Said after the Deployments (e.g. "new Service, created on Apply"). */
  note?: ReactNode;
};

/**
 * The weights of a split, one row per version with a bar and a number, and a row for each
 * destination the route names that the form cannot offer, so the user can take it out.
 */
export const SplitWeightsCard: FC<{
  versions: SplitVersion[];
  weights: Record<string, number>;
  warnings: Issue[];
  issuesOf: (name: string) => Issue[];
  onWeights: (weights: Record<string, number>) => void;
  children?: ReactNode;
}> = ({ versions, weights, warnings, issuesOf, onWeights, children }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const names = versions.map((v) => v.name);
  const strayed = Object.keys(weights).filter((k) => !names.includes(k));
  const setWeight = (name: string, value: number) =>
    onWeights({ ...weights, [name]: Math.max(0, Math.min(100, Math.round(value))) });
  return (
    <Card>
      <CardTitle>{t('Weights')}</CardTitle>
      <CardBody>
        {warnings.map((w) => (
          <Alert
            key={JSON.stringify([w.code, w.params])}
            isInline
            isPlain
            variant="warning"
            title={trafficIssueText(t, w)}
          />
        ))}
        {versions.map((s) => (
          <Flex
            key={s.name}
            alignItems={{ default: 'alignItemsCenter' }}
            data-test={`subset-${s.name}`}
          >
            <FlexItem style={{ minWidth: '6em' }}>
              <strong>{s.name}</strong>
            </FlexItem>
            <FlexItem grow={{ default: 'grow' }}>
              {/* A bar, not PatternFly's Slider: the console does not share Slider, and its
                fallback copy would load a second react-dom into the console. */}
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
                validated={issuesOf(s.name).length ? 'error' : 'default'}
                style={{ width: '6em' }}
              />
              {issuesOf(s.name).map((i) => (
                <HelperText key={i.code} data-test={`weight-${s.name}-issue`}>
                  <HelperTextItem variant="error">{trafficIssueText(t, i)}</HelperTextItem>
                </HelperText>
              ))}
            </FlexItem>
            <FlexItem>
              <HelperText>
                <HelperTextItem>
                  {s.deployments.length
                    ? t('selects {{deployments}}', { deployments: s.deployments.join(', ') })
                    : t('selects no pods')}
                  {s.note ? <> {s.note}</> : null}
                </HelperTextItem>
              </HelperText>
            </FlexItem>
          </Flex>
        ))}
        {/* A destination the route names that the form cannot offer (no Deployment, no subset or
          Service, e.g. a typo in hand-written YAML): shown so the user can take it out, which is
          how the route stops failing. */}
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
                  onWeights(rest);
                }}
              >
                {t('Remove {{subset}}', { subset })}
              </Button>
            </FlexItem>
          </Flex>
        ))}
        {children}
      </CardBody>
    </Card>
  );
};
