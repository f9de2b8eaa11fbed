import { consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Decoded } from '../mesh/observability/decode';
import { classifyKialiFailure } from '../mesh/observability/kialiStatus';
import type { KialiFailure } from '../mesh/observability/kialiStatus';
import { httpStatusOf } from './errors';

/** The console's plugin proxy to Kiali (ConsolePlugin `spec.proxy` alias `kiali`). */
export const KIALI_PROXY = '/api/proxy/plugin/mesh-console-plugin/kiali';

export const kialiUrl = (path: string, params?: Record<string, string>) => {
  const query = params && Object.keys(params).length ? `?${new URLSearchParams(params)}` : '';
  return `${KIALI_PROXY}${path}${query}`;
};

export type KialiQuery<T> = {
  data?: T;
  error?: KialiFailure;
  /** True while a request is in flight; `data` may still hold the previous answer. */
  loading: boolean;
  refetch: () => void;
};

const failureOf = (err: unknown): KialiFailure => {
  if (err instanceof SyntaxError) {
    return { kind: 'malformed', message: 'the answer is not JSON' };
  }
  const e = (err ?? {}) as { json?: unknown; message?: string };
  return classifyKialiFailure(httpStatusOf(err), e.json, e.message || String(err));
};

/**
 * A GET against Kiali through the console proxy, decoded at the boundary. `path` null means
 * "not now". A changed path or parameters, or refetch(), asks again; an answer to an older
 * question is dropped.
 */
export const useKialiQuery = <T>(
  path: string | null,
  params: Record<string, string> | undefined,
  decode: (json: unknown) => Decoded<T>,
): KialiQuery<T> => {
  const url = path === null ? null : kialiUrl(path, params);
  const [state, setState] = useState<{ url: string | null; data?: T; error?: KialiFailure }>({
    url: null,
  });
  const [loading, setLoading] = useState(url !== null);
  const [generation, setGeneration] = useState(0);
  const decodeRef = useRef(decode);
  decodeRef.current = decode;

  useEffect(() => {
    if (url === null) {
      setLoading(false);
      return undefined;
    }
    let current = true;
    setLoading(true);
    consoleFetchJSON(url)
      .then((json: unknown) => {
        if (!current) return;
        const result = decodeRef.current(json);
        setState(
          result.ok
            ? { url, data: result.value }
            : { url, error: { kind: 'malformed', message: result.error } },
        );
      })
      .catch((err: unknown) => {
        if (current) setState({ url, error: failureOf(err) });
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [url, generation]);

  const refetch = useCallback(() => setGeneration((g) => g + 1), []);
  return {
    data: state.error ? undefined : state.data,
    error: state.error,
    loading: loading || state.url !== url,
    refetch,
  };
};
