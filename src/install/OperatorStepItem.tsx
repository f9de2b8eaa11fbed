import {
  Button,
  Checkbox,
  DescriptionList,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Content,
} from '@patternfly/react-core';
import type { ProgressStepProps } from '@patternfly/react-core';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { DetailItem } from '../components/DetailItem';
import type { OperatorStep } from '../mesh/install/installPlan';
import { GLOBAL_OPERATOR_GROUP } from '../mesh/install/operators';
import type { OperatorInstallStatus } from '../mesh/install/operatorStatus';
import { noteText, stateLabel } from './stepText';

export const progressVariant = (
  state: OperatorInstallStatus['state'] | 'skipped',
): ProgressStepProps['variant'] =>
  (
    ({
      done: 'success',
      failed: 'danger',
      'needs-approval': 'warning',
      installing: 'info',
      resolving: 'info',
      skipped: 'default',
      'not-started': 'pending',
    }) as const
  )[state];

/** One operator of the plan: what will be installed where, its live status and its actions. */
export const OperatorStepItem: FC<{
  step: OperatorStep;
  status: OperatorInstallStatus;
  readOnly: boolean;
  locked: boolean;
  onSkip: (skip: boolean) => void;
  onChannel: (channel: string) => void;
  onApprove: () => void;
  approving: boolean;
}> = ({ step, status, readOnly, locked, onSkip, onChannel, onApprove, approving }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const op = step.operator;
  const state = step.skipped ? 'skipped' : status.state;
  return (
    <div data-test={`operator-step-${step.id}`} data-state={state}>
      <Content component="p">
        <strong>{stateLabel(t, state)}</strong>
        {step.optional && ` · ${t('Optional')}`}
      </Content>
      <DescriptionList isCompact isHorizontal>
        <DetailItem term={t('Package')}>{op.packageName}</DetailItem>
        <DetailItem term={t('Catalog')}>redhat-operators</DetailItem>
        <DetailItem term={t('Channel')}>
          {step.channels.length > 1 && !locked && !readOnly ? (
            <FormSelect
              value={step.channel}
              onChange={(_, v) => onChannel(v)}
              aria-label={t('Channel for {{name}}', { name: op.displayName })}
            >
              {step.channels.map((c) => (
                <FormSelectOption key={c} value={c} label={c} />
              ))}
            </FormSelect>
          ) : (
            (step.channel ?? t('None'))
          )}
        </DetailItem>
        <DetailItem term={t('Installed in')}>{op.installNamespace}</DetailItem>
        <DetailItem term={t('Operator group')}>
          {op.operatorGroup === 'global'
            ? t('uses the existing {{og}}', { og: GLOBAL_OPERATOR_GROUP })
            : t('creates {{og}} (all namespaces)', { og: op.installNamespace })}
        </DetailItem>
      </DescriptionList>
      <HelperText>
        {step.notes.map((n) => (
          <HelperTextItem
            key={n.code}
            variant={n.code === 'package-missing' ? 'error' : 'indeterminate'}
          >
            {noteText(t, n)}
          </HelperTextItem>
        ))}
        {status.state === 'failed' && (
          <HelperTextItem variant="error" data-test={`operator-step-${step.id}-error`}>
            {t(
              '{{message}} Check the Subscription in {{namespace}} and the catalog source, then retry.',
              {
                message: status.message ?? '',
                namespace: op.installNamespace,
              },
            )}
          </HelperTextItem>
        )}
        {status.state === 'needs-approval' && (
          <HelperTextItem variant="warning">
            {t('The install plan {{plan}} waits for approval: {{csvs}}', {
              plan: status.installPlan?.name ?? '',
              csvs: status.installPlan?.csvNames.join(', ') ?? '',
            })}
          </HelperTextItem>
        )}
      </HelperText>
      {step.optional &&
        status.state === 'not-started' &&
        step.available &&
        !readOnly &&
        !locked && (
          <Checkbox
            id={`install-${step.id}`}
            label={t('Install {{name}}', { name: op.displayName })}
            isChecked={!step.skipped}
            onChange={(_, checked) => onSkip(!checked)}
          />
        )}
      {status.state === 'needs-approval' && (
        <Button
          variant="primary"
          onClick={onApprove}
          isDisabled={readOnly || approving}
          isLoading={approving}
          data-test={`approve-${step.id}`}
        >
          {t('Approve')}
        </Button>
      )}
    </div>
  );
};
