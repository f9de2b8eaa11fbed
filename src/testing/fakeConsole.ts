/**
 * Test support for pages that read through the console: what discovery serves and what each
 * watch returns (by the key the page watches it under), and answers from Kiali through the
 * console's plugin proxy, by path.
 */
import { consoleFetchJSON, useK8sWatchResources } from '@openshift-console/dynamic-plugin-sdk';
import { givenServed } from '../../test-support/servedModels';

export type WatchResult = { data?: unknown; loaded?: boolean; loadError?: unknown };

/** Discovery serves `served`; a watch under key k returns `watches[k]` (default: loaded, empty). */
export const givenWatches = (served: string[], watches: Record<string, WatchResult> = {}) => {
  givenServed(served);
  (useK8sWatchResources as jest.Mock).mockImplementation(
    (resources: Record<string, { isList?: boolean }>) =>
      Object.fromEntries(
        Object.keys(resources).map((k) => [
          k,
          {
            data: resources[k].isList ? [] : undefined,
            loaded: true,
            loadError: undefined,
            ...watches[k],
          },
        ]),
      ),
  );
};

/** What the console's fetch throws for an HTTP error: the status and the parsed body. */
export class FakeHttpError extends Error {
  constructor(
    readonly code: number,
    readonly json?: unknown,
    message = `HTTP ${code}`,
  ) {
    super(message);
  }
}

type Answer = unknown | FakeHttpError | ((url: URL) => unknown);

/**
 * Kiali answers by path (after the proxy prefix); an Error is thrown as the console would.
 * Unanswered paths fail loudly, so a test sees every call the page makes.
 */
export const givenKiali = (answers: Record<string, Answer>) => {
  (consoleFetchJSON as unknown as jest.Mock).mockImplementation((href: string) => {
    const url = new URL(href, 'http://console');
    const prefix = '/api/proxy/plugin/mesh-console-plugin/kiali';
    const key = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    if (!(key in answers))
      return Promise.reject(new FakeHttpError(404, undefined, `unexpected ${key}`));
    const answer = answers[key];
    const value = typeof answer === 'function' ? (answer as (u: URL) => unknown)(url) : answer;
    return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
  });
};

/** The URLs the page asked Kiali (or the console) for, in order. */
export const fetchedUrls = () =>
  (consoleFetchJSON as unknown as jest.Mock).mock.calls.map(
    (c) => new URL(c[0] as string, 'http://console'),
  );

export const KIALI_STATUS = {
  status: { 'Kiali state': 'running', 'Kiali version': 'v2.27.0' },
  externalServices: [],
  warningMessages: [],
};

export const BAD_GATEWAY = new FakeHttpError(502, undefined, 'Bad Gateway');
