import {
  countByStatus,
  decodeClusterHealth,
  entityHealth,
  normalizeHealthStatus,
  replicaHealth,
  requestHealth,
  thresholdStatus,
  worstHealth,
} from './health';

describe('thresholdStatus (Kiali’s default HTTP 5XX tolerance: degraded 0, failure 10)', () => {
  const t = { degraded: 0, failure: 10 };
  it.each([
    [0, 'Healthy'],
    [0.01, 'Degraded'],
    [9.99, 'Degraded'],
    [10, 'Failure'],
    [55, 'Failure'],
  ])('%s%% errors is %s', (percent, status) => {
    expect(thresholdStatus(percent, t)).toBe(status);
  });
});

describe('requestHealth', () => {
  it('is NA without traffic and Healthy with traffic and no errors', () => {
    expect(requestHealth({}).status).toBe('NA');
    expect(requestHealth({ inbound: { http: { '200': 0 } } }).status).toBe('NA');
    expect(requestHealth({ inbound: { http: { '200': 3 } } })).toEqual({
      status: 'Healthy',
      errorPercent: 0,
      inboundRate: 3,
      outboundRate: 0,
    });
  });

  it('applies the 4XX tolerance (degraded above 10%, failure at 20%)', () => {
    expect(requestHealth({ inbound: { http: { '200': 8.5, '404': 1.5 } } }).status).toBe(
      'Degraded',
    );
    expect(requestHealth({ inbound: { http: { '200': 9, '404': 1 } } }).status).toBe('Healthy');
    expect(requestHealth({ inbound: { http: { '200': 9.5, '404': 0.5 } } }).status).toBe('Healthy');
    expect(requestHealth({ inbound: { http: { '200': 3, '403': 1 } } }).status).toBe('Failure');
  });

  it('counts gRPC error codes 1-16 and missing responses, in either direction', () => {
    expect(requestHealth({ inbound: { grpc: { '0': 8, '14': 2 } } }).status).toBe('Failure');
    expect(requestHealth({ inbound: { grpc: { '0': 10 } } }).status).toBe('Healthy');
    const r = requestHealth({ outbound: { http: { '200': 19, '-': 1 } } });
    expect(r.status).toBe('Degraded');
    expect(r.errorPercent).toBe(5);
    expect(r.outboundRate).toBe(20);
  });

  it('takes the worst tolerance when several are broken', () => {
    const r = requestHealth({ inbound: { http: { '200': 80, '404': 5, '503': 15 } } });
    expect(r.status).toBe('Failure');
    expect(r.errorPercent).toBe(15);
  });

  it('uses tolerances from configuration, ignoring a broken pattern', () => {
    const custom = [
      { code: '5XX', protocol: 'http', direction: 'inbound', degraded: 20, failure: 50 },
      { code: '([', protocol: 'http', direction: '.*', degraded: 0, failure: 0 },
    ];
    expect(requestHealth({ inbound: { http: { '200': 9, '500': 1 } } }, custom).status).toBe(
      'Healthy',
    );
    expect(requestHealth({ inbound: { http: { '200': 1, '500': 1 } } }, custom).status).toBe(
      'Failure',
    );
  });
});

describe('replicaHealth', () => {
  const w = { name: 'reviews-v1', desiredReplicas: 2, currentReplicas: 2, availableReplicas: 2 };
  it.each([
    ['all replicas available', w, 'Healthy'],
    ['one of two available', { ...w, availableReplicas: 1 }, 'Degraded'],
    ['none available', { ...w, availableReplicas: 0 }, 'Failure'],
    [
      'scaled to zero',
      { ...w, desiredReplicas: 0, currentReplicas: 0, availableReplicas: 0 },
      'NotReady',
    ],
    ['a proxy not synced', { ...w, syncedProxies: 1 }, 'Degraded'],
    ['proxy sync unknown', { ...w, syncedProxies: -1 }, 'Healthy'],
  ])('%s: %s', (_, input, status) => {
    expect(replicaHealth(input)).toBe(status);
  });
});

describe('entityHealth', () => {
  it('prefers the status Kiali computed', () => {
    expect(
      entityHealth({
        requests: { inbound: { http: { '500': 5 } } },
        status: { status: 'Healthy', errorRatio: 0, totalRequestRate: 5 },
      }),
    ).toMatchObject({ status: 'Healthy', fromServer: true, inboundRate: 5 });
    // Kiali's total may include outbound requests; inbound is read from the inbound rates.
    expect(
      entityHealth({
        requests: { inbound: { http: { '200': 3 } }, outbound: { http: { '200': 3 } } },
        status: { status: 'Healthy', totalRequestRate: 6 },
      })?.inboundRate,
    ).toBe(3);
  });

  it('computes a status from requests and replicas when Kiali sends none (Kiali 2.27)', () => {
    const h = entityHealth({
      requests: {
        inbound: { http: { '200': '9.5', '500': '0.5' } },
        outbound: {},
        healthAnnotations: {},
      },
      workloadStatus: {
        name: 'reviews-v1',
        desiredReplicas: 1,
        currentReplicas: 1,
        availableReplicas: 1,
        syncedProxies: 1,
      },
    });
    expect(h).toEqual({
      status: 'Degraded',
      fromServer: false,
      errorPercent: 5,
      inboundRate: 10,
      workloads: [
        {
          name: 'reviews-v1',
          desiredReplicas: 1,
          currentReplicas: 1,
          availableReplicas: 1,
          syncedProxies: 1,
        },
      ],
    });
    expect(
      entityHealth({
        requests: {},
        workloadStatuses: [
          { name: 'a', desiredReplicas: 1, currentReplicas: 0, availableReplicas: 0 },
        ],
      })?.status,
    ).toBe('Failure');
  });

  it('is undefined for something that is not a health object', () => {
    expect(entityHealth('Healthy')).toBeUndefined();
  });
});

describe('decodeClusterHealth', () => {
  it('reads each kind per namespace and name', () => {
    const r = decodeClusterHealth({
      namespaceServiceHealth: {
        bookinfo: {
          reviews: { requests: { inbound: { http: { '200': 4 } } } },
          ratings: { requests: { inbound: { http: { '200': 1, '503': 1 } } } },
        },
      },
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.service.bookinfo.reviews.status).toBe('Healthy');
    expect(r.value.service.bookinfo.ratings.status).toBe('Failure');
    expect(r.value.app).toEqual({});
    expect(countByStatus(r.value.service.bookinfo)).toEqual({
      Healthy: 1,
      Degraded: 0,
      Failure: 1,
      NotReady: 0,
      NA: 0,
    });
  });

  it.each([
    [[], 'Kiali health is a list, not an object'],
    [{ namespaceAppHealth: 'x' }, 'Kiali health "namespaceAppHealth" is not an object'],
    [
      { namespaceWorkloadHealth: { bookinfo: [] } },
      'Kiali health for namespace bookinfo is not an object',
    ],
  ])('rejects %j', (json, error) => {
    expect(decodeClusterHealth(json)).toEqual({ ok: false, error });
  });
});

describe('status words', () => {
  it('normalises Kiali’s spellings and ranks Failure worst', () => {
    expect(normalizeHealthStatus('Not Ready')).toBe('NotReady');
    expect(normalizeHealthStatus('FAILURE')).toBe('Failure');
    expect(normalizeHealthStatus('maybe')).toBeUndefined();
    expect(worstHealth('Healthy', 'Failure', 'Degraded')).toBe('Failure');
    expect(worstHealth()).toBe('NA');
  });
});
