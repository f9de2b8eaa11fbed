import { Alert, List, ListItem } from '@patternfly/react-core';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { translateWriteError } from '../k8s/writes';
import { writeErrorText } from './issues/writeErrorText';

/** A failed write in the user's terms: what failed, the server's reasons, what was undone. */
export const WriteErrorAlert: FC<{ error: unknown }> = ({ error }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const e = translateWriteError(error);
  return (
    <Alert isInline variant="danger" title={writeErrorText(t, e)} data-test="write-error">
      {e.causes.length > 0 && (
        <List>
          {e.causes.map((c, i) => (
            <ListItem key={i}>{c.field ? `${c.field}: ${c.message}` : c.message}</ListItem>
          ))}
        </List>
      )}
      {e.rolledBack && e.rolledBack.length > 0 && (
        <p>{t('Undone: {{objects}}', { objects: e.rolledBack.join(', ') })}</p>
      )}
      {e.rollbackFailures && e.rollbackFailures.length > 0 && (
        <p>
          {t('Could not undo the earlier changes: {{reasons}}', {
            reasons: e.rollbackFailures.join(' '),
          })}
        </p>
      )}
    </Alert>
  );
};
