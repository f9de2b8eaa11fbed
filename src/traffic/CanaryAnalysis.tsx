import {
  Alert,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  HelperText,
  HelperTextItem,
  Label,
  List,
  ListItem,
  Stack,
  StackItem,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { OutlinedQuestionCircleIcon } from '@patternfly/react-icons';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { FC, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckState, GateCheck, GateSettings } from '../mesh/metrics/canaryGate';
import { blockerText, formatCount, formatFigure, windowText } from './canaryText';
import { CANARY_WINDOWS } from './useCanaryAnalysis';
import type { CanaryAnalysisState } from './useCanaryAnalysis';

type Props = {
  analysis: CanaryAnalysisState;
  namespace: string;
  canary: string;
  stable: string;
  onRollback: () => void;
};

const CheckLabel: FC<{ state: CheckState }> = ({ state }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  if (state === 'pass')
    return (
      <Label isCompact status="success">
        {t('Pass')}
      </Label>
    );
  if (state === 'fail')
    return (
      <Label isCompact status="danger">
        {t('Fail')}
      </Label>
    );
  return (
    <Label isCompact color="grey" icon={<OutlinedQuestionCircleIcon />}>
      {t('Unknown')}
    </Label>
  );
};

/**
 * The canary's requests, error rate and p95 against the other versions' over a chosen window,
 * the gate's settings, and its verdict with each check. Rendered while the canary has traffic.
 */
export const CanaryAnalysis: FC<Props> = ({ analysis, namespace, canary, stable, onRollback }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { gate, sides, windowSeconds } = analysis;
  const reasons = gate.blockers.flatMap((b) =>
    blockerText(t, b, { canary, namespace, windowSeconds }),
  );
  const reasonList = (
    <List>
      {reasons.map((r) => (
        <ListItem key={r}>{r}</ListItem>
      ))}
    </List>
  );

  const fieldError = (id: keyof GateSettings) =>
    id === 'maxErrorRateIncreasePoints'
      ? t('Enter a number of percentage points from 0 to 100.')
      : id === 'maxLatencyRatio'
        ? t('Enter a ratio of 1 or more.')
        : t('Enter a whole number of 1 or more.');

  const field = (id: keyof GateSettings, label: string, help: string, step: string) => {
    const invalid = analysis.settingsProblems.includes(id);
    const inputId = `canary-gate-${id}`;
    return (
      <GridItem md={3} sm={6} key={id}>
        <FormGroup label={label} fieldId={inputId}>
          <TextInput
            id={inputId}
            type="number"
            step={step}
            value={analysis.settingsText[id]}
            onChange={(_, v) => analysis.setSetting(id, v)}
            validated={invalid ? 'error' : 'default'}
            aria-describedby={`${inputId}-help`}
            data-test={`gate-${id}`}
          />
          <FormHelperText>
            <HelperText id={`${inputId}-help`}>
              <HelperTextItem variant={invalid ? 'error' : 'default'}>
                {invalid ? fieldError(id) : help}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
      </GridItem>
    );
  };
  let verdict: ReactNode;
  if (gate.verdict === 'pass') {
    verdict = (
      <Alert
        isInline
        isLiveRegion
        variant="success"
        title={t('{{canary}} passes the gate: it may take the next step.', { canary })}
      />
    );
  } else if (gate.verdict === 'fail') {
    verdict = (
      <Alert
        isInline
        isLiveRegion
        variant="danger"
        title={t('{{canary}} fails the gate', { canary })}
        actionLinks={
          <Button variant="danger" size="sm" data-test="rollback-now" onClick={onRollback}>
            {t('Roll back to {{stable}}', { stable })}
          </Button>
        }
      >
        {reasonList}
      </Alert>
    );
  } else if (gate.blockers.length === 1 && gate.blockers[0].kind === 'loading') {
    verdict = <Alert isInline isLiveRegion isPlain variant="info" title={reasons[0]} />;
  } else {
    verdict = (
      <Alert
        isInline
        isLiveRegion
        variant="warning"
        title={t('The gate cannot judge {{canary}}', { canary })}
      >
        {reasonList}
      </Alert>
    );
  }

  const checks = gate.result?.checks ?? [];
  const check = <I extends GateCheck['id']>(id: I) =>
    checks.find((c) => c.id === id) as Extract<GateCheck, { id: I }> | undefined;
  const figure = (n: number | undefined, unit: '%' | 'ms') =>
    n === undefined
      ? t('no data')
      : unit === '%'
        ? t('{{n}} %', { n: formatFigure(n) })
        : t('{{n}} ms', { n: formatFigure(n) });
  const traffic = check('traffic');
  const errors = check('errors');
  const latency = check('latency');

  return (
    <Stack hasGutter data-test="canary-analysis">
      <StackItem>
        <Title headingLevel="h2" size="md">
          {t('Canary analysis')}
        </Title>
      </StackItem>
      <StackItem>
        <Form onSubmit={(e) => e.preventDefault()}>
          <Grid hasGutter>
            <GridItem md={3} sm={6}>
              <FormGroup label={t('Window')} fieldId="canary-window">
                <FormSelect
                  id="canary-window"
                  value={String(windowSeconds)}
                  onChange={(_, v) => analysis.setWindowSeconds(Number(v))}
                  data-test="canary-window"
                >
                  {CANARY_WINDOWS.map((w) => (
                    <FormSelectOption
                      key={w}
                      value={String(w)}
                      label={t('Last {{window}}', { window: windowText(t, w) })}
                    />
                  ))}
                </FormSelect>
              </FormGroup>
            </GridItem>
            {field(
              'maxErrorRateIncreasePoints',
              t('Max error-rate increase (points)'),
              t('Over the other versions’ error rate.'),
              '0.1',
            )}
            {field(
              'maxLatencyRatio',
              t('Max p95 ratio'),
              t('Canary p95 over the other versions’ p95.'),
              '0.1',
            )}
            {field(
              'minRequests',
              t('Minimum canary requests'),
              t('Fewer are too few to judge.'),
              '1',
            )}
          </Grid>
        </Form>
      </StackItem>
      <StackItem>{verdict}</StackItem>
      {gate.result && (
        <StackItem>
          <Table
            variant="compact"
            aria-label={t(
              'Checks of {{canary}} against the other versions over the last {{window}}',
              {
                canary,
                window: windowText(t, windowSeconds),
              },
            )}
            data-test="canary-checks"
          >
            <Thead>
              <Tr>
                <Th>{t('Check')}</Th>
                <Th>{t('Other versions')}</Th>
                <Th>{t('Canary {{canary}}', { canary })}</Th>
                <Th>{t('Limit')}</Th>
                <Th>{t('Result')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {traffic && (
                <Tr data-test="check-traffic">
                  <Th dataLabel={t('Check')}>{t('Requests')}</Th>
                  <Td dataLabel={t('Other versions')}>
                    {sides?.stable ? formatCount(sides.stable.requests) : t('no data')}
                  </Td>
                  <Td dataLabel={t('Canary {{canary}}', { canary })}>
                    {sides?.canary ? formatCount(traffic.canary) : t('no data')}
                  </Td>
                  <Td dataLabel={t('Limit')}>
                    {t('at least {{n}}', { n: formatCount(traffic.limit) })}
                  </Td>
                  <Td dataLabel={t('Result')}>
                    <CheckLabel state={traffic.state} />
                  </Td>
                </Tr>
              )}
              {errors && (
                <Tr data-test="check-errors">
                  <Th dataLabel={t('Check')}>{t('Error rate')}</Th>
                  <Td dataLabel={t('Other versions')}>{figure(errors.stable, '%')}</Td>
                  <Td dataLabel={t('Canary {{canary}}', { canary })}>
                    {figure(errors.canary, '%')}
                  </Td>
                  <Td dataLabel={t('Limit')}>
                    {errors.limit === undefined
                      ? t('no data')
                      : t('at most {{n}} %', { n: formatFigure(errors.limit) })}
                  </Td>
                  <Td dataLabel={t('Result')}>
                    <CheckLabel state={errors.state} />
                  </Td>
                </Tr>
              )}
              {latency && (
                <Tr data-test="check-latency">
                  <Th dataLabel={t('Check')}>{t('p95 latency')}</Th>
                  <Td dataLabel={t('Other versions')}>{figure(latency.stable, 'ms')}</Td>
                  <Td dataLabel={t('Canary {{canary}}', { canary })}>
                    {figure(latency.canary, 'ms')}
                  </Td>
                  <Td dataLabel={t('Limit')}>
                    {latency.limit === undefined
                      ? t('no data')
                      : t('at most {{n}} ms', { n: formatFigure(latency.limit) })}
                  </Td>
                  <Td dataLabel={t('Result')}>
                    <CheckLabel state={latency.state} />
                  </Td>
                </Tr>
              )}
            </Tbody>
          </Table>
        </StackItem>
      )}
    </Stack>
  );
};
