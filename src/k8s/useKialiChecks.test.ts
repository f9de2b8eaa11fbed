import { consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';
import { act, renderHook, waitFor } from '@testing-library/react';
import { FakeHttpError } from '../testing/fakeConsole';
import { useKialiChecks } from './useKialiChecks';

const fetchMock = consoleFetchJSON as unknown as jest.Mock;
const answer = (codes: string[]) => ({
  resources: {},
  validations: {
    'networking.istio.io/v1, Kind=Gateway': {
      'shop.bookinfo': {
        name: 'shop',
        namespace: 'bookinfo',
        objectGVK: { Group: 'networking.istio.io', Version: 'v1', Kind: 'Gateway' },
        valid: true,
        checks: codes.map((code) => ({ code, message: code, severity: 'warning', path: '' })),
      },
    },
  },
});
const codes = (r: { current: ReturnType<typeof useKialiChecks> }) =>
  r.current.checks?.get('Gateway/bookinfo/shop')?.map((c) => c.code);

afterEach(() => {
  jest.useRealTimers();
  fetchMock.mockReset();
});

describe('useKialiChecks', () => {
  it('asks once for every namespace, or for the one namespace, with validate=true', async () => {
    fetchMock.mockResolvedValue(answer(['KIA0301']));
    const all = renderHook(() => useKialiChecks(undefined, 1));
    await waitFor(() => expect(codes(all.result)).toEqual(['KIA0301']));
    renderHook(() => useKialiChecks('bookinfo', 1));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual([
      '/api/proxy/plugin/mesh-console-plugin/kiali/api/istio/config?validate=true',
      '/api/proxy/plugin/mesh-console-plugin/kiali/api/namespaces/bookinfo/istio?validate=true',
    ]);
  });

  it('asks again once the configuration has stopped changing, not on every change', async () => {
    jest.useFakeTimers();
    fetchMock.mockResolvedValueOnce(answer(['KIA0301'])).mockResolvedValue(answer([]));
    const { result, rerender } = renderHook(({ v }) => useKialiChecks(undefined, v), {
      initialProps: { v: 1 },
    });
    await act(async () => undefined);
    expect(codes(result)).toEqual(['KIA0301']);
    // Three changes in quick succession: one more request, after they settle.
    rerender({ v: 2 });
    await act(async () => jest.advanceTimersByTime(500));
    rerender({ v: 3 });
    await act(async () => jest.advanceTimersByTime(500));
    rerender({ v: 4 });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await act(async () => jest.advanceTimersByTime(2000));
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(result.current.checks?.size).toBe(0);
  });

  it('says why there are no checks when Kiali is not there, and asks nothing when disabled', async () => {
    fetchMock.mockRejectedValueOnce(new FakeHttpError(502, undefined, 'Bad Gateway'));
    const down = renderHook(() => useKialiChecks(undefined, 1));
    await waitFor(() => expect(down.result.current.error?.kind).toBe('unreachable'));
    expect(down.result.current.checks).toBeUndefined();

    fetchMock.mockClear();
    const off = renderHook(() => useKialiChecks(undefined, 1, false));
    expect(off.result.current.loading).toBe(false);
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
