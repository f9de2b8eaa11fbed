import { configIssue } from './configCodes';
import {
  KIALI_CHECK,
  decodeKialiChecks,
  mergeKialiChecks,
  parseKialiPath,
  withKialiChecks,
} from './kialiChecks';

// The shape of Kiali's `GET /api/istio/config?validate=true` (models/istio_validation.go).
const validation = (
  kind: string,
  name: string,
  checks: unknown[],
  group = 'networking.istio.io',
) => ({
  name,
  namespace: 'bookinfo',
  cluster: 'Kubernetes',
  objectGVK: { Group: group, Version: group ? 'v1' : 'v1', Kind: kind },
  valid: !checks.length,
  checks,
  references: [],
});

const ANSWER = {
  resources: { 'networking.istio.io/v1, Kind=VirtualService': [] },
  validations: {
    'networking.istio.io/v1, Kind=VirtualService': {
      'ratings.bookinfo': validation('VirtualService', 'ratings', [
        {
          code: 'KIA1107',
          message: 'Subset not found',
          severity: 'warning',
          path: 'spec/http[0]/route[0]/destination',
        },
      ]),
      'details.bookinfo': validation('VirtualService', 'details', []),
    },
    'networking.istio.io/v1, Kind=Gateway': {
      'shop.bookinfo': validation('Gateway', 'shop', [
        {
          code: 'KIA0301',
          message: 'More than one Gateway for the same host port combination',
          severity: 'warning',
          path: 'spec/servers[0]/hosts[0]',
        },
        {
          code: 'KIA0302',
          message: 'No matching workload found for gateway selector in this namespace',
          severity: 'warning',
          path: 'spec/selector',
        },
        {
          code: 'KIA1108',
          message: 'Preferred nomenclature: <gateway namespace>/<gateway name>',
          severity: 'unknown',
          path: '',
        },
      ]),
    },
    'gateway.networking.k8s.io/v1, Kind=Gateway': {
      'shop.bookinfo': validation(
        'Gateway',
        'shop',
        [
          {
            code: 'KIA1504',
            message: 'Gateway API Class not found in Kiali configuration',
            severity: 'error',
            path: 'spec/gatewayClassName',
          },
        ],
        'gateway.networking.k8s.io',
      ),
    },
    Service: {
      'ratings.bookinfo': validation(
        'Service',
        'ratings',
        [
          {
            code: 'KIA0601',
            message: 'Port name must follow <protocol>[-suffix] form',
            severity: 'error',
            path: 'spec/ports[0]',
          },
        ],
        '',
      ),
    },
  },
};

describe('parseKialiPath', () => {
  it('reads Kiali’s slash paths with indexes', () => {
    expect(parseKialiPath('spec/http[0]/route[1]/destination')).toEqual([
      'spec',
      'http',
      0,
      'route',
      1,
      'destination',
    ]);
    expect(parseKialiPath('spec/selector')).toEqual(['spec', 'selector']);
    expect(parseKialiPath('')).toEqual([]);
  });
});

describe('decodeKialiChecks', () => {
  it('keys each object’s checks by kind, namespace and name, and leaves out the unknown severity', () => {
    const r = decodeKialiChecks(ANSWER);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.get('VirtualService/bookinfo/ratings')).toEqual([
      {
        code: 'KIA1107',
        message: 'Subset not found',
        severity: 'warning',
        path: ['spec', 'http', 0, 'route', 0, 'destination'],
      },
    ]);
    expect(r.value.has('VirtualService/bookinfo/details')).toBe(false);
    expect(r.value.get('Gateway/bookinfo/shop')?.map((c) => c.code)).toEqual([
      'KIA0301',
      'KIA0302',
    ]);
    expect(r.value.get('Service/bookinfo/ratings')?.[0]).toMatchObject({
      code: 'KIA0601',
      severity: 'error',
    });
  });

  it('takes no validations as none, and says what is wrong with a malformed answer', () => {
    const none = decodeKialiChecks({ resources: {} });
    expect(none.ok && none.value.size).toBe(0);
    expect(decodeKialiChecks([])).toEqual({
      ok: false,
      error: 'the Istio config list is not an object',
    });
    expect(decodeKialiChecks({ validations: 3 }).ok).toBe(false);
    expect(
      decodeKialiChecks({
        validations: { Service: { 'a.b': { name: 'a', namespace: 'b', checks: [{}] } } },
      }),
    ).toEqual({ ok: false, error: 'a check of b/a has no code' });
  });
});

describe('withKialiChecks', () => {
  const ours = [
    configIssue(
      'config.vs.subset-not-found',
      ['spec', 'http', 0, 'route', 0, 'destination', 'subset'],
      { host: 'ratings', subset: 'v9' },
    ),
  ];

  it('says a finding once when our check carries Kiali’s code', () => {
    expect(ours[0].params?.kia).toBe('KIA1107');
    const kiali = [
      {
        code: 'KIA1107',
        message: 'Subset not found',
        severity: 'warning' as const,
        path: ['spec'],
      },
    ];
    expect(withKialiChecks(ours, kiali)).toBe(ours);
  });

  it('adds what only Kiali found, in Kiali’s words and severity', () => {
    const kiali = [
      { code: 'KIA1107', message: 'Subset not found', severity: 'warning' as const, path: [] },
      {
        code: 'KIA0301',
        message: 'More than one Gateway for the same host port combination',
        severity: 'error' as const,
        path: ['spec', 'servers', 0],
      },
    ];
    expect(withKialiChecks(ours, kiali)).toEqual([
      ...ours,
      {
        path: ['spec', 'servers', 0],
        code: KIALI_CHECK,
        params: {
          kia: 'KIA0301',
          message: 'More than one Gateway for the same host port combination',
        },
        severity: 'error',
      },
    ]);
  });

  it('merges per object: Kiali’s findings join ours on the objects we list', () => {
    const results = new Map([
      ['VirtualService/bookinfo/ratings', ours],
      ['Gateway/bookinfo/shop', []],
    ]);
    const r = decodeKialiChecks(ANSWER);
    if (!r.ok) throw new Error(r.error);
    const merged = mergeKialiChecks(results, r.value);
    expect(merged.get('VirtualService/bookinfo/ratings')).toBe(ours);
    expect(merged.get('Gateway/bookinfo/shop')?.map((i) => i.params?.kia)).toEqual([
      'KIA0301',
      'KIA0302',
    ]);
    // Not listed by us (no such key in our results): not added.
    expect(merged.has('Service/bookinfo/ratings')).toBe(false);
    expect(mergeKialiChecks(results, undefined)).toBe(results);
  });

  it('keeps ours as they are without Kiali', () => {
    expect(withKialiChecks(ours, undefined)).toBe(ours);
    expect(withKialiChecks([], [])).toEqual([]);
  });
});
