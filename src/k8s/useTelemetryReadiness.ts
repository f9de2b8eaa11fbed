import { useEffect, useState } from 'react';
import type { telemetryReadiness as Readiness } from '../mesh/observability/telemetryReadiness';

type ReadinessFn = typeof Readiness;

let loaded: ReadinessFn | undefined;

/**
 * The readiness check, loaded on first use: it reads cluster-monitoring-config's YAML, and the
 * YAML parser would otherwise triple the first load of the tabs and the overview, which need
 * the answer only after their own data. Undefined until the chunk has arrived.
 */
export const useTelemetryReadinessFn = (): ReadinessFn | undefined => {
  const [fn, setFn] = useState<ReadinessFn | undefined>(() => loaded);
  useEffect(() => {
    if (fn) return undefined;
    let live = true;
    void import(
      /* webpackChunkName: "telemetry-readiness" */ '../mesh/observability/telemetryReadiness'
    ).then((m) => {
      loaded = m.telemetryReadiness;
      if (live) setFn(() => m.telemetryReadiness);
    });
    return () => {
      live = false;
    };
  }, [fn]);
  return fn;
};
