import type { WriteError } from '../../k8s/writes';
import type { T } from './issueText';

/**
 * A failed write in the user's language, from what the write layer found out (its reason, the
 * object, the verb); the server's own words are appended as they came, not translated.
 */
export const writeErrorText = (t: T, e: WriteError): string => {
  const what = e.target ?? t('The object');
  const server = e.serverMessage ?? '';
  switch (e.reason) {
    case 'conflict':
      return t('{{what}} changed since you opened it: review the current version and retry.', {
        what,
      });
    case 'already-exists':
      return t('{{what}} already exists: pick another name, or edit the existing object.', {
        what,
      });
    case 'not-found':
      return t(
        '{{what}} was not found: it may have been deleted, or its namespace or API is not installed. Refresh and check.',
        { what },
      );
    case 'forbidden':
      return e.status === 401
        ? t('Your session has expired: log in again, then retry.')
        : t(
            'You do not have permission to {{verb}} {{what}}: ask a cluster administrator for access.',
            { verb: e.verb ?? 'change', what },
          );
    case 'invalid':
      return e.target
        ? t('{{what}} was rejected: {{server}}', { what, server })
        : t('Rejected: {{server}}', { server });
    case 'unavailable':
      return e.webhookUnreachable
        ? t(
            'The validation webhook for {{what}} could not be reached ({{server}}): check that the mesh control plane is running, then retry.',
            { what, server },
          )
        : t('Could not reach the cluster to write {{what}} ({{server}}): retry in a moment.', {
            what,
            server,
          });
    default:
      return t('Could not write {{what}}: {{server}}', { what, server });
  }
};
