import { Checkbox, HelperText, HelperTextItem, Stack, StackItem } from '@patternfly/react-core';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { blockerText } from './canaryText';
import type { CanaryAnalysisState } from './useCanaryAnalysis';

/** The id of the reasons, for the Promote button's aria-describedby. */
export const PROMOTE_REASONS_ID = 'promote-blocked-reasons';

/**
 * Under "Promote": why the gate holds the canary back, and the explicit override. Nothing when
 * the gate passes or is not needed.
 */
export const PromoteGate: FC<{
  analysis: CanaryAnalysisState;
  namespace: string;
  canary: string;
}> = ({ analysis, namespace, canary }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { gate, promoteAnyway, setPromoteAnyway, windowSeconds } = analysis;
  if (gate.verdict === 'pass' || gate.verdict === 'not-needed') return null;
  // While the metrics load there is nothing to override yet.
  const loading = gate.blockers.every((b) => b.kind === 'loading');
  const reasons = gate.blockers.flatMap((b) =>
    blockerText(t, b, { canary, namespace, windowSeconds }),
  );
  return (
    <Stack hasGutter>
      <StackItem>
        <HelperText id={PROMOTE_REASONS_ID} data-test="promote-reasons">
          {reasons.map((r) => (
            <HelperTextItem key={r} variant={promoteAnyway ? 'default' : 'warning'}>
              {promoteAnyway
                ? t('The gate would hold this promotion. {{reason}}', { reason: r })
                : t('Promotion is held. {{reason}}', { reason: r })}
            </HelperTextItem>
          ))}
        </HelperText>
      </StackItem>
      {!loading && (
        <StackItem>
          <Checkbox
            id="promote-anyway"
            data-test="promote-anyway"
            label={t('Promote anyway')}
            description={t('Move {{canary}} to the next step without the gate’s approval.', {
              canary,
            })}
            isChecked={promoteAnyway}
            onChange={(_, checked) => setPromoteAnyway(checked)}
          />
        </StackItem>
      )}
    </Stack>
  );
};
