import type { AuthorizationPolicy } from '../../models';
import { validateIstioObject } from '../../testing/istioSchemas';
import { buildAllowOnlyPolicy } from './authorization';
import {
  allowOnlyFormState,
  findAllowNothingPolicy,
  findAllowOnlyPolicy,
} from './authorizationForm';

const policy = (
  name: string,
  spec: AuthorizationPolicy['spec'],
  namespace = 'bookinfo',
): AuthorizationPolicy => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name, namespace },
  spec,
});

describe('allowOnlyFormState', () => {
  it('reads back exactly what buildAllowOnlyPolicy wrote', () => {
    const input = {
      callers: {
        workloads: [{ namespace: 'bookinfo', serviceAccount: 'bookinfo-productpage' }],
        namespaces: ['frontend'],
      },
      methods: ['GET'],
      paths: ['/reviews/*'],
      requireJwt: true,
    };
    const ap = buildAllowOnlyPolicy(
      { namespace: 'bookinfo', name: 'reviews-callers', matchLabels: { app: 'reviews' }, ...input },
      'v1',
    );
    expect(() => validateIstioObject(ap)).not.toThrow();
    expect(allowOnlyFormState(ap)).toEqual({
      callers: input.callers.workloads,
      namespaces: ['frontend'],
      methods: ['GET'],
      paths: ['/reviews/*'],
      requireJwt: true,
      otherPrincipals: [],
    });
  });

  it('keeps principals it cannot show as a workload', () => {
    const ap = policy('p', {
      rules: [{ from: [{ source: { principals: ['*/ns/x/sa/y', 'other.domain/ns/a/sa/b'] } }] }],
    });
    expect(allowOnlyFormState(ap).otherPrincipals).toEqual([
      '*/ns/x/sa/y',
      'other.domain/ns/a/sa/b',
    ]);
    expect(allowOnlyFormState(ap).callers).toEqual([]);
  });

  it('is empty without a policy', () => {
    expect(allowOnlyFormState(undefined)).toEqual({
      callers: [],
      namespaces: [],
      methods: [],
      paths: [],
      requireJwt: false,
      otherPrincipals: [],
    });
  });
});

describe('findAllowOnlyPolicy / findAllowNothingPolicy', () => {
  const aps = [
    policy('deny', { action: 'DENY', selector: { matchLabels: { app: 'reviews' } }, rules: [{}] }),
    policy('v1-only', {
      selector: { matchLabels: { app: 'reviews', version: 'v1' } },
      rules: [{}],
    }),
    policy('nothing', { selector: { matchLabels: { app: 'reviews' } } }),
    policy('callers', {
      selector: { matchLabels: { app: 'reviews' } },
      rules: [{ from: [{ source: { namespaces: ['a'] } }] }],
    }),
    policy('elsewhere', { selector: { matchLabels: { app: 'reviews' } }, rules: [{}] }, 'other'),
  ];
  it('finds the ALLOW policy on exactly these labels, with or without rules', () => {
    expect(findAllowOnlyPolicy(aps, 'bookinfo', { app: 'reviews' })?.metadata?.name).toBe(
      'callers',
    );
    expect(findAllowNothingPolicy(aps, 'bookinfo', { app: 'reviews' })?.metadata?.name).toBe(
      'nothing',
    );
    expect(
      findAllowOnlyPolicy(aps, 'bookinfo', { app: 'reviews', version: 'v1' })?.metadata?.name,
    ).toBe('v1-only');
    expect(findAllowOnlyPolicy(aps, 'bookinfo', { app: 'ratings' })).toBeUndefined();
  });
});

describe('findAllowOnlyPolicy on a waypoint', () => {
  const onService = (name: string, refs: { kind: string; group?: string; name: string }[]) =>
    policy(name, {
      targetRefs: refs,
      rules: [{ from: [{ source: { namespaces: ['a'] } }] }],
    });
  it('finds an ALLOW policy attached to exactly the workload’s Services, after a selector one', () => {
    const attached = onService('reviews-allowed-callers', [
      { kind: 'Service', group: '', name: 'reviews' },
    ]);
    const other = onService('gateway', [
      { kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' },
    ]);
    const wider = onService('two', [
      { kind: 'Service', group: '', name: 'reviews' },
      { kind: 'Service', group: '', name: 'ratings' },
    ]);
    expect(
      findAllowOnlyPolicy([other, wider, attached], 'bookinfo', { app: 'reviews' }, ['reviews'])
        ?.metadata?.name,
    ).toBe('reviews-allowed-callers');
    // Without the Services (a sidecar workload) a policy on a waypoint is not the form's.
    expect(findAllowOnlyPolicy([attached], 'bookinfo', { app: 'reviews' })).toBeUndefined();
    const bySelector = policy('by-selector', {
      selector: { matchLabels: { app: 'reviews' } },
      rules: [{}],
    });
    expect(
      findAllowOnlyPolicy([attached, bySelector], 'bookinfo', { app: 'reviews' }, ['reviews'])
        ?.metadata?.name,
    ).toBe('by-selector');
  });
});
