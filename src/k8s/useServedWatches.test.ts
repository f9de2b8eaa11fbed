import { useK8sWatchResources } from '@openshift-console/dynamic-plugin-sdk';
import { renderHook } from '@testing-library/react';
import { givenServed } from '../../test-support/servedModels';
import { isApiAbsent } from './errors';
import { isServed, useServedWatches } from './useServedWatches';

const WATCHES = {
  namespaces: { groupVersionKind: { version: 'v1', kind: 'Namespace' }, isList: true },
  istios: {
    groupVersionKind: { group: 'sailoperator.io', version: 'v1', kind: 'Istio' },
    isList: true,
  },
};

describe('useServedWatches', () => {
  beforeEach(() => {
    (useK8sWatchResources as jest.Mock).mockImplementation((res: Record<string, unknown>) =>
      Object.fromEntries(
        Object.keys(res).map((k) => [
          k,
          { data: [{ metadata: { name: `${k}-1` } }], loaded: true },
        ]),
      ),
    );
  });

  it('watches only served kinds and reports the others as not installed, loaded and empty', () => {
    givenServed(['core~v1~Namespace']);
    const { result } = renderHook(() => useServedWatches(WATCHES));
    expect(Object.keys((useK8sWatchResources as jest.Mock).mock.lastCall[0])).toEqual([
      'namespaces',
    ]);
    expect(result.current.namespaces.data).toEqual([{ metadata: { name: 'namespaces-1' } }]);
    expect(result.current.istios).toMatchObject({ data: [], loaded: true });
    expect(isApiAbsent(result.current.istios.loadError)).toBe(true);
  });

  it('starts watching a kind as soon as discovery serves it (an operator was just installed)', () => {
    givenServed(['core~v1~Namespace']);
    const { result, rerender } = renderHook(() => useServedWatches(WATCHES));
    expect(result.current.istios.data).toEqual([]);
    givenServed(['core~v1~Namespace', 'sailoperator.io~v1~Istio']);
    rerender();
    expect(Object.keys((useK8sWatchResources as jest.Mock).mock.lastCall[0])).toEqual([
      'namespaces',
      'istios',
    ]);
    expect(result.current.istios).toMatchObject({
      data: [{ metadata: { name: 'istios-1' } }],
      loaded: true,
    });
  });

  it("keeps each kind's last answer while the SDK restarts the watches for a new served set", () => {
    givenServed(['core~v1~Namespace']);
    const { result, rerender } = renderHook(() => useServedWatches(WATCHES));
    expect(result.current.namespaces.loaded).toBe(true);
    // The SDK restarts every watch of a changed set: none has answered yet.
    (useK8sWatchResources as jest.Mock).mockImplementation((res: Record<string, unknown>) =>
      Object.fromEntries(Object.keys(res).map((k) => [k, { data: undefined, loaded: false }])),
    );
    givenServed(['core~v1~Namespace', 'sailoperator.io~v1~Istio']);
    rerender();
    expect(result.current.namespaces).toMatchObject({
      data: [{ metadata: { name: 'namespaces-1' } }],
      loaded: true,
    });
    // Istio was not served a moment ago: that stays the answer until its watch reports.
    expect(result.current.istios).toMatchObject({ data: [], loaded: true });
    (useK8sWatchResources as jest.Mock).mockImplementation((res: Record<string, unknown>) =>
      Object.fromEntries(
        Object.keys(res).map((k) => [
          k,
          { data: [{ metadata: { name: `${k}-2` } }], loaded: true },
        ]),
      ),
    );
    rerender();
    expect(result.current.istios.data).toEqual([{ metadata: { name: 'istios-2' } }]);
    expect(result.current.istios.loadError).toBeUndefined();
  });

  it('has an answer for every key even before the SDK has a result for a new one', () => {
    givenServed(['core~v1~Namespace']);
    const { result, rerender } = renderHook(() => useServedWatches(WATCHES));
    // The first render after the set changed: the SDK's results still describe the old set.
    (useK8sWatchResources as jest.Mock).mockImplementation(() => ({}));
    givenServed(['core~v1~Namespace', 'sailoperator.io~v1~Istio']);
    rerender();
    expect(result.current.namespaces.loaded).toBe(true);
    expect(result.current.istios).toMatchObject({ data: [], loaded: true });
  });

  it('is not loaded before discovery has answered', () => {
    givenServed([]);
    const { result } = renderHook(() => useServedWatches(WATCHES));
    expect(result.current.namespaces.loaded).toBe(false);
    expect(result.current.istios.loaded).toBe(false);
  });
});

describe('isServed', () => {
  // The console's own keying (openshift/console k8s-models.ts `modelKey`): built-in kinds by
  // bare kind, CRD-discovered kinds by group~version~kind.
  const model = (apiGroup: string | undefined, apiVersion: string, kind: string) => ({
    ...(apiGroup ? { apiGroup } : {}),
    apiVersion,
    kind,
    plural: '',
    abbr: '',
    label: kind,
    labelPlural: kind,
  });
  const consoleModels = {
    Deployment: model('apps', 'v1', 'Deployment'),
    Namespace: model(undefined, 'v1', 'Namespace'),
    CustomResourceDefinition: model('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition'),
    Route: model('route.openshift.io', 'v1', 'Route'),
    'sailoperator.io~v1~Istio': model('sailoperator.io', 'v1', 'Istio'),
  };

  it('finds grouped built-in kinds the console keys by bare kind', () => {
    expect(isServed(consoleModels, { group: 'apps', version: 'v1', kind: 'Deployment' })).toBe(
      true,
    );
    expect(
      isServed(consoleModels, {
        group: 'apiextensions.k8s.io',
        version: 'v1',
        kind: 'CustomResourceDefinition',
      }),
    ).toBe(true);
    expect(
      isServed(consoleModels, { group: 'route.openshift.io', version: 'v1', kind: 'Route' }),
    ).toBe(true);
  });

  it('finds core and CRD kinds, and only at the served version and group', () => {
    expect(isServed(consoleModels, { version: 'v1', kind: 'Namespace' })).toBe(true);
    expect(
      isServed(consoleModels, { group: 'sailoperator.io', version: 'v1', kind: 'Istio' }),
    ).toBe(true);
    expect(
      isServed(consoleModels, { group: 'sailoperator.io', version: 'v1alpha1', kind: 'Istio' }),
    ).toBe(false);
    expect(isServed(consoleModels, { group: 'other.io', version: 'v1', kind: 'Deployment' })).toBe(
      false,
    );
    expect(isServed(consoleModels, undefined)).toBe(false);
  });
});
