import { useEffect, useRef } from 'react';
import { decodeKialiChecks } from '../mesh/config/kialiChecks';
import type { KialiChecks } from '../mesh/config/kialiChecks';
import type { KialiFailure } from '../mesh/observability/kialiStatus';
import { useKialiQuery } from './useKialiQuery';

/** How long the configuration must stay unchanged before Kiali is asked again. */
const SETTLE_MS = 2000;

export type KialiChecksResult = {
  checks?: KialiChecks;
  /** Why Kiali's checks are not there (Kiali absent, forbidden, …). */
  error?: KialiFailure;
  loading: boolean;
};

/**
 * Kiali's own validations of the Istio configuration of a namespace, or of every namespace the
 * user may read: one request, whatever the number of namespaces. `changed` is anything that
 * changes with the configuration (the watched objects): Kiali is asked again once it has stayed
 * the same for a moment, so a fix shows in Kiali's checks too without a request per event.
 */
export const useKialiChecks = (
  namespace: string | undefined,
  changed: unknown,
  enabled = true,
): KialiChecksResult => {
  const path = !enabled
    ? null
    : namespace
      ? `/api/namespaces/${encodeURIComponent(namespace)}/istio`
      : '/api/istio/config';
  const query = useKialiQuery(path, VALIDATE, decodeKialiChecks);
  const { refetch } = query;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return undefined;
    }
    const id = setTimeout(refetch, SETTLE_MS);
    return () => clearTimeout(id);
  }, [changed, refetch]);
  return { checks: query.data, error: query.error, loading: query.loading };
};

// Kiali 2.27 accepts `validate` on both list endpoints; later versions refuse unknown parameters.
const VALIDATE = { validate: 'true' };
