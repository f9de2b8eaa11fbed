import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { durationFromParam } from '../mesh/observability/durations';

/**
 * The tab's time window, kept in the URL (`?duration=`) so a link shows the same view, and the
 * moment it ends: fixed until the user refreshes or picks another window.
 */
export const useWindowParams = () => {
  const [params, setParams] = useSearchParams();
  const durationSeconds = durationFromParam(params.get('duration'));
  const [nowMs, setNowMs] = useState(() => Date.now());
  const [refreshed, setRefreshed] = useState(false);
  const setDuration = useCallback(
    (seconds: number) => {
      setNowMs(Date.now());
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          next.set('duration', String(seconds));
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const refresh = useCallback(() => {
    setNowMs(Date.now());
    setRefreshed(true);
  }, []);
  return {
    params,
    setParams,
    durationSeconds,
    nowMs,
    /** Unix seconds for Kiali's `queryTime` once the user refreshed (it bypasses Kiali's cache). */
    queryTime: refreshed ? String(Math.floor(nowMs / 1000)) : undefined,
    setDuration,
    refresh,
  };
};
