import { consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';
import { act, renderHook, waitFor } from '@testing-library/react';
import { decodeKialiStatus } from '../mesh/observability/kialiStatus';
import { FakeHttpError } from '../testing/fakeConsole';
import { kialiUrl, useKialiQuery } from './useKialiQuery';

const fetchMock = consoleFetchJSON as unknown as jest.Mock;
const status = (version: string) => ({ status: { 'Kiali version': version } });

describe('useKialiQuery', () => {
  it('calls Kiali through the console’s plugin proxy with the query', () => {
    expect(kialiUrl('/api/namespaces/graph', { namespaces: 'a,b', duration: '60s' })).toBe(
      '/api/proxy/plugin/mesh-console-plugin/kiali/api/namespaces/graph?namespaces=a%2Cb&duration=60s',
    );
    expect(kialiUrl('/api/status')).toBe('/api/proxy/plugin/mesh-console-plugin/kiali/api/status');
  });

  it('drops an answer to an older question that arrives after the newer one', async () => {
    let answerOld: (v: unknown) => void = () => undefined;
    fetchMock.mockImplementation((url: string) =>
      url.includes('old')
        ? new Promise((resolve) => (answerOld = resolve))
        : Promise.resolve(status('new')),
    );
    const { result, rerender } = renderHook(
      ({ path }) => useKialiQuery(path, undefined, decodeKialiStatus),
      {
        initialProps: { path: '/api/old' },
      },
    );
    rerender({ path: '/api/new' });
    await waitFor(() => expect(result.current.data?.version).toBe('new'));
    answerOld(status('old'));
    await new Promise((r) => setTimeout(r, 0));
    expect(result.current.data?.version).toBe('new');
    expect(result.current.loading).toBe(false);
  });

  it('reports an answer that is not JSON, a wrong shape and an HTTP error differently', async () => {
    fetchMock.mockRejectedValueOnce(new SyntaxError('Unexpected token <'));
    const html = renderHook(() => useKialiQuery('/api/status', undefined, decodeKialiStatus));
    await waitFor(() =>
      expect(html.result.current.error).toEqual({
        kind: 'malformed',
        message: 'the answer is not JSON',
      }),
    );

    fetchMock.mockResolvedValueOnce([]);
    const shape = renderHook(() => useKialiQuery('/api/status', undefined, decodeKialiStatus));
    await waitFor(() =>
      expect(shape.result.current.error).toEqual({
        kind: 'malformed',
        message: 'Kiali status is a list, not an object',
      }),
    );

    fetchMock.mockRejectedValueOnce(new FakeHttpError(504, undefined, 'Gateway Timeout'));
    const down = renderHook(() => useKialiQuery('/api/status', undefined, decodeKialiStatus));
    await waitFor(() =>
      expect(down.result.current.error).toEqual({
        kind: 'unreachable',
        status: 504,
        message: 'Gateway Timeout',
      }),
    );
    expect(down.result.current.data).toBeUndefined();
  });

  it('does not ask while the path is null, and asks again on refetch', async () => {
    fetchMock.mockResolvedValue(status('v2.27.0'));
    const { result, rerender } = renderHook(
      ({ path }) => useKialiQuery(path, undefined, decodeKialiStatus),
      {
        initialProps: { path: null as string | null },
      },
    );
    expect(fetchMock).not.toHaveBeenCalled();
    expect(result.current.loading).toBe(false);
    rerender({ path: '/api/status' });
    await waitFor(() => expect(result.current.data?.version).toBe('v2.27.0'));
    act(() => result.current.refetch());
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(result.current.loading).toBe(false));
  });
});
