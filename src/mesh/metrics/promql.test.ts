import {
  canaryQueries,
  escapeLabelValue,
  escapeRegex,
  goldenSignalQueries,
  groupLabels,
  rateWindowSeconds,
  selector,
  stepFor,
  subjectMatchers,
} from './promql';

describe('label values and selectors', () => {
  it('escapes what would end or change a PromQL string', () => {
    expect(escapeLabelValue('plain-name')).toBe('plain-name');
    expect(escapeLabelValue('a"b')).toBe('a\\"b');
    expect(escapeLabelValue('a\\b')).toBe('a\\\\b');
    expect(escapeLabelValue('a\nb')).toBe('a\\nb');
    // The backslash first, or the quote's escape would itself be escaped.
    expect(escapeLabelValue('\\"')).toBe('\\\\\\"');
  });

  it('builds a selector and refuses a label name Prometheus would not parse', () => {
    expect(
      selector([
        { name: 'reporter', value: 'destination' },
        { name: 'response_code', value: '5..', op: '=~' },
      ]),
    ).toBe('{reporter="destination",response_code=~"5.."}');
    expect(() => selector([{ name: 'bad-name', value: 'x' }])).toThrow('bad-name');
  });

  it('escapes regex metacharacters for an exact match with =~', () => {
    expect(escapeRegex('v1.2')).toBe('v1\\.2');
    expect(escapeRegex('a|b')).toBe('a\\|b');
  });
});

describe('rate windows and steps', () => {
  it('covers at least four scrapes and at least one step', () => {
    expect(rateWindowSeconds(10)).toBe(120); // 4 × 30 s scrape
    expect(rateWindowSeconds(300)).toBe(300); // a 5m step: the window is the step
    expect(rateWindowSeconds(1440)).toBe(1440); // 1 day in 60 points
    expect(rateWindowSeconds(10, 15)).toBe(60);
    expect(rateWindowSeconds(90.5)).toBe(120);
  });

  it('takes about 60 points over the window, never under the scrape interval', () => {
    expect(stepFor(600)).toBe(30); // 10m: 20 points of 30 s, not 60 of 10 s
    expect(stepFor(3600)).toBe(60);
    expect(stepFor(86400)).toBe(1440);
    expect(stepFor(86400, 120)).toBe(720);
  });
});

describe('goldenSignalQueries', () => {
  const reviews = { kind: 'service' as const, namespace: 'bookinfo', name: 'reviews' };

  it('reads a Service’s inbound traffic as its destination proxies report it, by version', () => {
    const q = goldenSignalQueries(reviews, 'inbound', 30);
    const sel =
      '{reporter="destination",destination_service_namespace="bookinfo",destination_service_name="reviews"}';
    expect(q.requestRate).toBe(
      `sum by (destination_canonical_revision) (rate(istio_requests_total${sel}[120s]))`,
    );
    expect(q.latency.p95).toBe(
      `histogram_quantile(0.95, sum by (le,destination_canonical_revision) (rate(istio_request_duration_milliseconds_bucket${sel}[120s])))`,
    );
    expect(q.latency.p50).toContain('histogram_quantile(0.5,');
    expect(q.latency.p99).toContain('histogram_quantile(0.99,');
    expect(q.tcpSent).toBe(
      `sum by (destination_canonical_revision) (rate(istio_tcp_sent_bytes_total${sel}[120s]))`,
    );
    expect(q.tcpReceived).toContain('istio_tcp_received_bytes_total');
  });

  it('counts HTTP 5xx and gRPC non-OK as errors, each series once', () => {
    const q = goldenSignalQueries(reviews, 'inbound', 30);
    expect(q.errorRate).toBe(
      'sum by (destination_canonical_revision) (' +
        'rate(istio_requests_total{reporter="destination",destination_service_namespace="bookinfo",destination_service_name="reviews",response_code=~"5.."}[120s]) or ' +
        'rate(istio_requests_total{reporter="destination",destination_service_namespace="bookinfo",destination_service_name="reviews",request_protocol="grpc",grpc_response_status!~"0|"}[120s]))',
    );
  });

  it('reads outbound traffic from the source proxies, by the source version', () => {
    const q = goldenSignalQueries(
      { kind: 'workload', namespace: 'bookinfo', name: 'reviews-v2' },
      'outbound',
      60,
    );
    expect(q.requestRate).toBe(
      'sum by (source_canonical_revision) (rate(istio_requests_total{reporter="source",source_workload_namespace="bookinfo",source_workload="reviews-v2"}[120s]))',
    );
    expect(subjectMatchers(reviews, 'outbound')).toEqual([
      { name: 'reporter', value: 'source' },
      { name: 'source_workload_namespace', value: 'bookinfo' },
      { name: 'source_canonical_service', value: 'reviews' },
    ]);
    expect(subjectMatchers({ kind: 'namespace', namespace: 'bookinfo' }, 'inbound')).toEqual([
      { name: 'reporter', value: 'destination' },
      { name: 'destination_workload_namespace', value: 'bookinfo' },
    ]);
  });

  it('quotes a name it is given, whatever it holds', () => {
    const q = goldenSignalQueries({ kind: 'namespace', namespace: 'we"ird' }, 'inbound', 30);
    expect(q.requestRate).toContain('destination_workload_namespace="we\\"ird"');
  });
});

describe('canaryQueries', () => {
  it('asks counts over the gate’s window per version, in four queries whatever the versions', () => {
    const q = canaryQueries('bookinfo', 'reviews', 600, 'v3');
    expect(Object.keys(q)).toEqual(['requests', 'errors', 'p95Canary', 'p95Stable']);
    expect(q.requests).toBe(
      'sum by (destination_canonical_revision) (increase(istio_requests_total{reporter="destination",destination_service_namespace="bookinfo",destination_service_name="reviews"}[600s]))',
    );
    expect(q.errors).toMatch(
      /^sum by \(destination_canonical_revision\) \(increase\(.*\[600s\]\) or increase\(.*\[600s\]\)\)$/,
    );
    // The stable side is one histogram over every other version, not an average of quantiles.
    expect(q.p95Canary).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(istio_request_duration_milliseconds_bucket{reporter="destination",destination_service_namespace="bookinfo",destination_service_name="reviews",destination_canonical_revision="v3"}[600s])))',
    );
    expect(q.p95Stable).toContain('destination_canonical_revision!="v3"');
    // Never narrower than four scrapes.
    expect(canaryQueries('bookinfo', 'reviews', 30, 'v3').requests).toContain('[120s]');
  });
});

describe('groupLabels and errorPercent', () => {
  it('tells versions of different services apart on a namespace', () => {
    expect(groupLabels({ kind: 'namespace', namespace: 'bookinfo' }, 'inbound')).toEqual([
      'destination_canonical_service',
      'destination_canonical_revision',
    ]);
    expect(
      goldenSignalQueries({ kind: 'namespace', namespace: 'bookinfo' }, 'outbound', 30).requestRate,
    ).toMatch(/^sum by \(source_canonical_service,source_canonical_revision\) /);
    expect(
      groupLabels({ kind: 'service', namespace: 'bookinfo', name: 'reviews' }, 'inbound'),
    ).toEqual(['destination_canonical_revision']);
  });

  it('gives a version without errors 0 %, not a missing series', () => {
    const q = goldenSignalQueries(
      { kind: 'service', namespace: 'bookinfo', name: 'reviews' },
      'inbound',
      30,
    );
    expect(q.errorPercent).toBe(
      `100 * (${q.errorRate} or ${q.requestRate} * 0) / ${q.requestRate}`,
    );
  });
});
