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

  it('applies the 4XX tolerance (degraded from 10%, failure from 20%, as Kiali 2.27 compares)', () => {
    expect(requestHealth({ inbound: { http: { '200': 8.5, '404': 1.5 } } }).status).toBe(
      'Degraded',
    );
    expect(requestHealth({ inbound: { http: { '200': 9, '404': 1 } } }).status).toBe('Degraded');
    expect(requestHealth({ inbound: { http: { '200': 9.1, '404': 0.9 } } }).status).toBe('Healthy');
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

  it('computes a status from requests and replicas when Kiali sends none (older Kiali)', () => {
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
      hasTraffic: true,
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

  it('says "no traffic" for Kiali’s errorRatio -1, and reads an omitted errorRatio as 0%', () => {
    // GET /api/clusters/health?type=workload as Kiali 2.27 answers it (models/health.go): a
    // workload scaled to zero with no requests, one with clean traffic (errorRatio 0 is omitted)
    // and one failing (errorRatio is the percentage of the tolerance that decided the status).
    const r = decodeClusterHealth({
      namespaceWorkloadHealth: {
        bookinfo: {
          'reviews-v2': {
            requests: { healthAnnotations: {}, inbound: {}, outbound: {} },
            status: { errorRatio: -1, status: 'Not Ready' },
            workloadStatus: {
              availableReplicas: 0,
              currentReplicas: 0,
              desiredReplicas: 0,
              name: 'reviews-v2',
              syncedProxies: -1,
            },
          },
          'reviews-v1': {
            requests: {
              healthAnnotations: {},
              inbound: { http: { '200': 3.3 } },
              outbound: { http: { '200': 3.3 } },
            },
            status: { status: 'Healthy', totalRequestRate: 6.6 },
            workloadStatus: {
              availableReplicas: 1,
              currentReplicas: 1,
              desiredReplicas: 1,
              name: 'reviews-v1',
              syncedProxies: 1,
            },
          },
          'ratings-v1': {
            requests: {
              healthAnnotations: {},
              inbound: { http: { '200': 6, '503': 1.5 } },
              outbound: {},
            },
            status: { errorRatio: 20, status: 'Failure', totalRequestRate: 7.5 },
            workloadStatus: {
              availableReplicas: 1,
              currentReplicas: 1,
              desiredReplicas: 1,
              name: 'ratings-v1',
              syncedProxies: 1,
            },
          },
        },
      },
      namespaceHealth: {
        bookinfo: {
          statusWorkload: {
            inError: ['ratings-v1'],
            inNotReady: ['reviews-v2'],
            inSuccess: ['reviews-v1'],
            inWarning: [],
            notAvailable: [],
          },
          worstStatus: 'Failure',
        },
      },
    });
    if (!r.ok) throw new Error(r.error);
    const w = r.value.workload.bookinfo;
    expect(w['reviews-v2']).toMatchObject({ status: 'NotReady', hasTraffic: false });
    expect(w['reviews-v2'].errorPercent).toBeUndefined();
    expect(w['reviews-v1']).toMatchObject({ status: 'Healthy', hasTraffic: true, errorPercent: 0 });
    expect(w['ratings-v1']).toMatchObject({
      status: 'Failure',
      hasTraffic: true,
      errorPercent: 20,
    });
    // A server status of NA (no requests) without an errorRatio is no traffic either.
    expect(
      entityHealth({ requests: { inbound: {}, outbound: {} }, status: { status: 'NA' } }),
    ).toMatchObject({ status: 'NA', hasTraffic: false, errorPercent: undefined });
  });

  it('says "no traffic" when an older Kiali sends no status and no requests', () => {
    expect(
      entityHealth({ requests: { inbound: {}, outbound: {} }, workloadStatuses: [] }),
    ).toMatchObject({ status: 'NA', hasTraffic: false, errorPercent: undefined });
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
