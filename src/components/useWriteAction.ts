import { useCallback, useState } from 'react';
import { translateWriteError } from '../k8s/writes';

/**
 * A button's write: busy while it runs, the error kept for WriteErrorAlert, cleared on retry.
 * On a conflict (409) `onConflict` re-reads what the form edits, so its diff starts from the
 * other writer's version when the user reviews and applies again.
 */
export const useWriteAction = () => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = useCallback(
    async (
      write: () => Promise<unknown>,
      onConflict?: () => Promise<unknown>,
    ): Promise<boolean> => {
      setBusy(true);
      setError(undefined);
      try {
        await write();
        return true;
      } catch (e) {
        if (onConflict && translateWriteError(e).reason === 'conflict') {
          // A failed re-read leaves the conflict to report; the watch catches up later.
          await onConflict().catch(() => undefined);
        }
        setError(e);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [],
  );
  return { run, busy, error };
};
