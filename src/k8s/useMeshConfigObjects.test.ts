import { useK8sWatchResources } from '@openshift-console/dynamic-plugin-sdk';
import { renderHook } from '@testing-library/react';
import { givenServed } from '../../test-support/servedModels';
import { validateAll } from '../mesh/config/validateMeshConfig';
import { useMeshConfigObjects } from './useMeshConfigObjects';

type Watch = {
  groupVersionKind: { group?: string; version: string; kind: string };
  namespace?: string;
};

const ISTIO = [
  'networking.istio.io~v1~VirtualService',
  'networking.istio.io~v1~DestinationRule',
  'networking.istio.io~v1~Gateway',
  'networking.istio.io~v1~ServiceEntry',
  'networking.istio.io~v1~Sidecar',
  'security.istio.io~v1~PeerAuthentication',
  'security.istio.io~v1~AuthorizationPolicy',
  'security.istio.io~v1~RequestAuthentication',
  'telemetry.istio.io~v1~Telemetry',
];
const CORE = [
  'core~v1~Service',
  'core~v1~Pod',
  'core~v1~ServiceAccount',
  'core~v1~Namespace',
  'apps~v1~Deployment',
  'apps~v1~StatefulSet',
];

const forbidden = Object.assign(new Error('forbidden'), { response: { status: 403 } });

// The SDK hands out the same arrays while nothing changed.
const EMPTY: unknown[] = [];

/** The SDK answers every watch with `data` by key, loaded; `failing` keys with 403. */
const givenWatched = (data: Record<string, unknown[]>, failing: string[] = []) =>
  (useK8sWatchResources as jest.Mock).mockImplementation((res: Record<string, unknown>) =>
    Object.fromEntries(
      Object.keys(res).map((k) => [
        k,
        failing.includes(k)
          ? { data: undefined, loaded: false, loadError: forbidden }
          : { data: data[k] ?? EMPTY, loaded: true },
      ]),
    ),
  );

/** The watches the hook asked the SDK for, by key. */
const watched = (): Record<string, Watch> =>
  (useK8sWatchResources as jest.Mock).mock.calls
    .map((c) => c[0] as Record<string, Watch>)
    .filter((w) => 'virtualServices' in w)
    .at(-1) ?? {};

const vs = (name: string, ns: string, subset: string) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name, namespace: ns },
  spec: { hosts: ['ratings'], http: [{ route: [{ destination: { host: 'ratings', subset } }] }] },
});
const svc = (name: string, ns: string) => ({
  metadata: { name, namespace: ns },
  spec: { selector: { app: name }, ports: [{ name: 'http', port: 9080 }] },
});

describe('useMeshConfigObjects', () => {
  beforeEach(() => {
    (useK8sWatchResources as jest.Mock).mockReset();
  });

  it('watches one cluster-wide list per kind for all namespaces', () => {
    givenServed([...ISTIO, ...CORE]);
    givenWatched({});
    renderHook(() => useMeshConfigObjects());
    const w = watched();
    expect(Object.keys(w).sort()).toEqual(
      [
        'virtualServices',
        'destinationRules',
        'gateways',
        'serviceEntries',
        'sidecars',
        'peerAuthentications',
        'authorizationPolicies',
        'requestAuthentications',
        'telemetries',
        'services',
        'deployments',
        'statefulSets',
        'serviceAccounts',
        'namespaces',
      ].sort(),
    );
    expect(Object.values(w).filter((x) => x.namespace)).toEqual([]);
  });

  it('watches one namespace, and the root namespace’s policies beside it', () => {
    givenServed([...ISTIO, ...CORE]);
    givenWatched({});
    renderHook(() => useMeshConfigObjects('bookinfo'));
    const w = watched();
    expect(w.virtualServices.namespace).toBe('bookinfo');
    expect(w.deployments.namespace).toBe('bookinfo');
    // Pods are not watched: the controllers' templates stand for them.
    expect(w.pods).toBeUndefined();
    expect(w.rootPeerAuthentications.namespace).toBe('istio-system');
    expect(w.rootAuthorizationPolicies.namespace).toBe('istio-system');
    expect(w.namespaces.namespace).toBeUndefined();
  });

  it('lists the Gateway API kinds where served, at the version served', () => {
    givenServed([
      ...ISTIO.map((r) => r.replace('~v1~', '~v1beta1~')),
      ...CORE,
      'gateway.networking.k8s.io~v1~Gateway',
      'gateway.networking.k8s.io~v1~HTTPRoute',
    ]);
    givenWatched({});
    const { result } = renderHook(() => useMeshConfigObjects());
    const w = watched();
    expect(w.virtualServices.groupVersionKind.version).toBe('v1beta1');
    expect(w.k8sGateways.groupVersionKind).toEqual({
      group: 'gateway.networking.k8s.io',
      version: 'v1',
      kind: 'Gateway',
    });
    expect(w.httpRoutes).toBeDefined();
    // GRPCRoute is not served: not watched, and listed as empty.
    expect(w.grpcRoutes).toBeUndefined();
    expect(result.current.loaded).toBe(true);
    expect(result.current.kinds.find((k) => k.type === 'k8sgateways')?.model.kind).toBe('Gateway');
  });

  it('indexes what it read, and skips the checks a list it may not read would need', () => {
    givenServed([...ISTIO, ...CORE]);
    givenWatched(
      {
        virtualServices: [vs('ratings', 'bookinfo', 'v9')],
        services: [svc('ratings', 'bookinfo')],
      },
      ['destinationRules'],
    );
    const { result } = renderHook(() => useMeshConfigObjects());
    // DestinationRules unread: no subset can be proven missing; the failure is reported.
    expect(validateAll(result.current.index).get('VirtualService/bookinfo/ratings')).toEqual([]);
    expect(result.current.error).toBe(forbidden);
    expect(result.current.objects.map((o) => o.kind.kind)).toEqual(['VirtualService', 'Service']);

    givenWatched({
      virtualServices: [vs('ratings', 'bookinfo', 'v9')],
      services: [svc('ratings', 'bookinfo')],
    });
    const again = renderHook(() => useMeshConfigObjects());
    expect(
      validateAll(again.result.current.index)
        .get('VirtualService/bookinfo/ratings')
        ?.map((i) => i.code),
    ).toEqual(['config.vs.subset-not-found']);
  });

  it('reports the checks skipped for kinds only the checks read', () => {
    givenServed([...ISTIO, ...CORE]);
    givenWatched({}, ['deployments', 'serviceAccounts']);
    const { result } = renderHook(() => useMeshConfigObjects());
    expect(result.current.error).toBeUndefined();
    expect(result.current.unread).toEqual(['Deployment', 'ServiceAccount']);
  });

  it('keeps the same index while the watched lists are the same', () => {
    givenServed([...ISTIO, ...CORE]);
    const data = { virtualServices: [vs('ratings', 'bookinfo', 'v1')] };
    givenWatched(data);
    const { result, rerender } = renderHook(() => useMeshConfigObjects());
    const first = result.current.index;
    rerender();
    expect(result.current.index).toBe(first);
    givenWatched({ virtualServices: [vs('ratings', 'bookinfo', 'v2')] });
    rerender();
    expect(result.current.index).not.toBe(first);
  });
});
