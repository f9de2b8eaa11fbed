import type { DestinationRule, HTTPRoute, VirtualService } from '../../models';
import { validateIstioObject } from '../../testing/istioSchemas';
import { removeTrafficSplit } from './removeSplit';
import { applyTrafficSplit } from './trafficSplit';
import { validateVirtualService } from './validation';

const CTX = { host: 'reviews', namespace: 'bookinfo' };

const vs = (http: HTTPRoute[], extra: Partial<NonNullable<VirtualService['spec']>> = {}) =>
  ({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: {
      name: 'reviews',
      namespace: 'bookinfo',
      resourceVersion: '7',
      annotations: { 'example.com/ticket': 'BOOK-42' },
    },
    spec: { hosts: ['reviews'], ...extra, http },
  }) as VirtualService;

const dr = (names: string[]): DestinationRule => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'reviews', namespace: 'bookinfo' },
  spec: { host: 'reviews', subsets: names.map((name) => ({ name, labels: { version: name } })) },
});

const jason: HTTPRoute = {
  name: 'jason',
  match: [{ headers: { 'end-user': { exact: 'jason' } } }],
  route: [{ destination: { host: 'reviews', subset: 'v2' } }],
};
const split = (v1: number, v3: number): HTTPRoute => ({
  route: [
    { destination: { host: 'reviews', subset: 'v1' }, weight: v1 },
    { destination: { host: 'reviews', subset: 'v3' }, weight: v3 },
  ],
});
const whole = { destination: { host: 'reviews' } };

describe('removeTrafficSplit', () => {
  it('has nothing to remove without a VirtualService, a default route, or subsets in it', () => {
    expect(removeTrafficSplit(undefined, dr(['v1']), CTX)).toEqual({ kind: 'none' });
    expect(removeTrafficSplit(vs([jason]), dr(['v1', 'v2']), CTX)).toEqual({ kind: 'none' });
    expect(removeTrafficSplit(vs([jason, { route: [whole] }]), undefined, CTX)).toEqual({
      kind: 'none',
    });
    // Only other hosts: the split form writes this host's subsets, so this is not its split.
    expect(
      removeTrafficSplit(
        vs([{ route: [{ destination: { host: 'ratings', subset: 'v1' } }] }]),
        undefined,
        CTX,
      ),
    ).toEqual({ kind: 'none' });
    expect(removeTrafficSplit(vs([{ redirect: { uri: '/v2' } }]), undefined, CTX)).toEqual({
      kind: 'none',
    });
  });

  it('deletes a VirtualService that held only the split', () => {
    const stored = vs([split(90, 10)]);
    const copy = structuredClone(stored);
    expect(removeTrafficSplit(stored, dr(['v1', 'v3']), CTX)).toEqual({
      kind: 'delete',
      unusedSubsets: ['v1', 'v3'],
    });
    expect(stored).toEqual(copy);
  });

  it('keeps match rules and sends everyone else to the whole service, not to a 404', () => {
    const stored = vs([jason, split(90, 10)]);
    const result = removeTrafficSplit(stored, dr(['v1', 'v2', 'v3']), CTX);
    expect(result.kind).toBe('update');
    if (result.kind !== 'update') return;
    const out = result.virtualService;
    expect(out.spec.http).toEqual([jason, { route: [whole] }]);
    expect(out.metadata).toEqual(stored.metadata);
    expect(result.unusedSubsets).toEqual(['v1', 'v3']);
    expect(validateVirtualService(out).filter((i) => i.severity === 'error')).toEqual([]);
    validateIstioObject(out);
  });

  it("keeps the default rule's own settings, other hosts' shares, port and headers", () => {
    const rule: HTTPRoute = {
      name: 'primary',
      timeout: '3s',
      retries: { attempts: 2 },
      route: [
        {
          destination: { host: 'reviews', subset: 'v1', port: { number: 9080 } },
          weight: 60,
          headers: { request: { set: { 'x-canary': 'no' } } },
        },
        { destination: { host: 'reviews-legacy.bookinfo.svc.cluster.local' }, weight: 20 },
        { destination: { host: 'reviews.bookinfo.svc.cluster.local', subset: 'v3' }, weight: 20 },
      ],
    };
    const result = removeTrafficSplit(
      vs([rule], { gateways: ['mesh'], exportTo: ['.'] }),
      undefined,
      CTX,
    );
    if (result.kind !== 'update') throw new Error(result.kind);
    expect(result.virtualService.spec).toEqual({
      hosts: ['reviews'],
      gateways: ['mesh'],
      exportTo: ['.'],
      http: [
        {
          name: 'primary',
          timeout: '3s',
          retries: { attempts: 2 },
          route: [
            {
              destination: { host: 'reviews', port: { number: 9080 } },
              weight: 80,
              headers: { request: { set: { 'x-canary': 'no' } } },
            },
            { destination: { host: 'reviews-legacy.bookinfo.svc.cluster.local' }, weight: 20 },
          ],
        },
      ],
    });
  });

  it('drops only the http routes when tcp routes remain', () => {
    const tcp = [{ route: [{ destination: { host: 'reviews', port: { number: 3306 } } }] }];
    const result = removeTrafficSplit(vs([split(50, 50)], { tcp }), undefined, CTX);
    if (result.kind !== 'update') throw new Error(result.kind);
    expect(result.virtualService.spec).toEqual({ hosts: ['reviews'], tcp });
  });

  it('keeps subsets the remaining rules use out of the unused ones', () => {
    const canaryOnV2 = { ...jason, route: [{ destination: { host: 'reviews', subset: 'v3' } }] };
    const result = removeTrafficSplit(vs([canaryOnV2, split(90, 10)]), dr(['v1', 'v2', 'v3']), CTX);
    if (result.kind !== 'update') throw new Error(result.kind);
    expect(result.unusedSubsets).toEqual(['v1', 'v2']);
  });

  it('undoes what applyTrafficSplit wrote: the split goes, the match rule stays as it was', () => {
    const before = vs([jason]);
    const { virtualService } = applyTrafficSplit({
      vs: before,
      host: 'reviews',
      namespace: 'bookinfo',
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v3', labels: { version: 'v3' } },
      ],
      weights: { v1: 80, v3: 20 },
    });
    const result = removeTrafficSplit(virtualService, undefined, CTX);
    if (result.kind !== 'update') throw new Error(result.kind);
    expect(result.virtualService.spec.http?.[0]).toEqual(jason);
    // A second removal finds nothing more to take away.
    expect(removeTrafficSplit(result.virtualService, undefined, CTX)).toEqual({ kind: 'none' });
  });

  it('removes the named rule the split was written to', () => {
    const named = { ...split(70, 30), name: 'canary', match: [{ uri: { prefix: '/beta' } }] };
    const result = removeTrafficSplit(vs([named, { route: [whole] }]), undefined, {
      ...CTX,
      routeName: 'canary',
    });
    if (result.kind !== 'update') throw new Error(result.kind);
    expect(result.virtualService.spec.http).toEqual([
      { name: 'canary', match: [{ uri: { prefix: '/beta' } }], route: [whole] },
      { route: [whole] },
    ]);
  });
});
