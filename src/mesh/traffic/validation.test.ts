import type { DestinationRule, HTTPRoute, VirtualService } from '../../models';
import { issue, warning } from '../issues';
import { parseDuration, re2Problem, validateDuration } from '../primitives';
import {
  crossCheck,
  fqdn,
  hostsOverlap,
  validateConnectionPool,
  validateDestinationRule,
  validateFault,
  validateOutlierDetection,
  validatePercentage,
  validateRetries,
  validateStringMatch,
  validateVirtualService,
  validateWeights,
  validateRequestedWeights,
} from './validation';

const HOST = 'reviews.bookinfo.svc.cluster.local';
const dest = (subset: string, weight?: number) => ({
  destination: { host: HOST, subset },
  ...(weight !== undefined ? { weight } : {}),
});

const vsWith = (
  http: HTTPRoute[],
  extra: Partial<VirtualService['spec']> = {},
): VirtualService => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'bookinfo' },
  spec: { hosts: [HOST], http, ...extra },
});

const drWith = (spec: Partial<DestinationRule['spec']>): DestinationRule => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'reviews', namespace: 'bookinfo' },
  spec: { host: HOST, ...spec },
});

const errors = (issues: { severity?: string }[]) => issues.filter((i) => i.severity !== 'warning');
const TIMEOUT = ['spec', 'http', 0, 'timeout'];

describe('durations', () => {
  it('parses Go durations exactly', () => {
    expect(parseDuration('1m30s')).toBe(90000000000n);
    expect(parseDuration('1.5s')).toBe(1500000000n);
    expect(parseDuration('250ms')).toBe(250000000n);
    expect(parseDuration('2h')).toBe(7200000000000n);
    expect(parseDuration('5')).toBeUndefined();
    expect(parseDuration('5 s')).toBeUndefined();
    expect(parseDuration('s')).toBeUndefined();
  });

  it.each(['1ms', '5s', '1m30s', '0.5s', '1.001s'])('accepts %s', (d) => {
    expect(validateDuration(d, TIMEOUT)).toEqual([]);
  });

  it('rejects a non-duration with the value (the words give an example of the format)', () => {
    expect(validateDuration('5', TIMEOUT)).toEqual([
      issue('duration.invalid', TIMEOUT, { value: '5' }),
    ]);
    expect(validateDuration(5, TIMEOUT)).toEqual([issue('duration.not-text', TIMEOUT)]);
  });

  it('rejects durations below 1ms', () => {
    expect(validateDuration('500us', ['x'])).toEqual([issue('duration.too-short', ['x'])]);
    expect(validateDuration('0s', ['x'])[0].code).toBe('duration.too-short');
    expect(validateDuration('500us', ['x'], { allowZero: true })).toEqual([
      issue('duration.too-short-or-zero', ['x']),
    ]);
  });

  it('rejects sub-millisecond precision', () => {
    expect(validateDuration('1.0005s', ['x'])).toEqual([issue('duration.sub-millisecond', ['x'])]);
  });

  it('allows 0s only where it means disabled (tcp idleTimeout)', () => {
    const cp = ['spec', 'trafficPolicy', 'connectionPool'];
    expect(validateDuration('0s', ['x'], { allowZero: true })).toEqual([]);
    expect(validateConnectionPool({ tcp: { idleTimeout: '0s' } }, cp)).toEqual([]);
    expect(validateConnectionPool({ http: { idleTimeout: '0s' } }, cp)).toEqual([
      issue('duration.too-short', [...cp, 'http', 'idleTimeout']),
    ]);
  });
});

describe('percentages', () => {
  it.each([0, 0.0001, 50, 100])('accepts %s', (v) => {
    expect(validatePercentage({ value: v }, ['p'])).toEqual([]);
  });
  it.each([0.00001, -1, 100.5])('rejects %s', (v) => {
    expect(validatePercentage({ value: v }, ['p'])).toEqual([
      issue('traffic.percent.range', ['p', 'value']),
    ]);
  });
});

describe('weights', () => {
  const ROUTE = ['spec', 'http', 0, 'route'];

  it('accepts integer weights that need not sum to 100', () => {
    expect(validateWeights([dest('v1', 3), dest('v2', 1)], ROUTE)).toEqual([]);
  });

  it('rejects a negative weight on its field', () => {
    expect(validateWeights([dest('v1', 100), dest('v2', -1)], ROUTE)).toEqual([
      issue('traffic.weight.negative', [...ROUTE, 1, 'weight']),
    ]);
  });

  it('rejects a fractional weight', () => {
    expect(validateWeights([dest('v1', 50.5), dest('v2', 49.5)], ['r'])[0]).toEqual(
      issue('traffic.weight.not-whole', ['r', 0, 'weight']),
    );
  });

  it('rejects all-zero weights with several destinations', () => {
    expect(validateWeights([dest('v1', 0), dest('v2', 0)], ROUTE)).toEqual([
      issue('traffic.weight.all-zero', ROUTE),
    ]);
  });

  it('accepts a single destination with weight 0, warning that it still gets everything', () => {
    const issues = validateWeights([dest('v1', 0)], ['r']);
    expect(errors(issues)).toEqual([]);
    expect(issues).toEqual([warning('traffic.weight.single-ignored', ['r', 0, 'weight'])]);
  });

  it('warns that an unweighted sibling gets no traffic', () => {
    expect(validateWeights([dest('v1', 100), dest('v2')], ['r'])).toEqual([
      warning('traffic.weight.missing', ['r', 1, 'weight']),
    ]);
  });
});

describe('StringMatch and RE2', () => {
  it('needs exactly one of exact, prefix or regex', () => {
    expect(validateStringMatch({ exact: 'a' }, ['m'])).toEqual([]);
    expect(validateStringMatch({ exact: 'a', prefix: 'b' }, ['m'])).toEqual([
      issue('traffic.string-match.one-of', ['m']),
    ]);
    expect(validateStringMatch({}, ['m'])).toEqual([issue('traffic.string-match.one-of', ['m'])]);
  });

  it('rejects an empty prefix except on uri', () => {
    expect(validateStringMatch({ prefix: '' }, ['m'])).toEqual([
      issue('traffic.string-match.empty-prefix', ['m', 'prefix']),
    ]);
    expect(validateStringMatch({ prefix: '' }, ['m'], { allowEmptyPrefix: true })).toEqual([]);
  });

  it.each(['^/api/v[0-9]+/.*$', '(?P<id>\\d+)', '(?i)chrome', '[]a]', 'a{2,5}'])(
    'accepts RE2 expression %s',
    (re) => {
      expect(re2Problem(re)).toBeUndefined();
    },
  );

  it.each([
    ['foo(?=bar)', 'regex.lookaround'],
    ['(?<!x)y', 'regex.lookaround'],
    ['(a)\\1', 'regex.backreference'],
    ['(?<n>a)\\k<n>', 'regex.backreference'],
    ['a*+', 'regex.possessive'],
    ['a{2}+', 'regex.possessive-repeat'],
    ['(?>ab)', 'regex.atomic-group'],
    ['a{1001}', 'regex.repeat-too-large'],
    ['(ab', 'regex.unbalanced-open'],
    ['ab)', 'regex.unbalanced-close'],
    ['[ab', 'regex.unterminated-class'],
    ['ab\\', 'regex.lone-backslash'],
    ['a**', 'regex.invalid'],
  ])('rejects %s', (re, code) => {
    expect(re2Problem(re)?.code).toBe(code);
  });

  it('gives the limit and the repeat it refuses', () => {
    expect(re2Problem('a{1001}')).toEqual({
      code: 'regex.repeat-too-large',
      params: { max: 1000 },
    });
    expect(re2Problem('a{5,2}')).toEqual({
      code: 'regex.repeat-invalid',
      params: { repeat: '{5,2}' },
    });
  });

  it('puts regex problems on the regex field', () => {
    const uri = ['spec', 'http', 0, 'match', 0, 'uri'];
    expect(validateStringMatch({ regex: 'a(?=b)' }, uri)).toEqual([
      issue('regex.lookaround', [...uri, 'regex']),
    ]);
    expect(validateStringMatch({ regex: 'a'.repeat(1025) }, ['m'])).toEqual([
      issue('traffic.string-match.regex-too-long', ['m', 'regex'], { max: 1024 }),
    ]);
    expect(validateStringMatch({ regex: '' }, ['m'])).toEqual([
      issue('traffic.string-match.empty-regex', ['m', 'regex']),
    ]);
  });

  it('checks header matches inside a VirtualService with the header name in the path', () => {
    const vs = vsWith([
      {
        match: [{ headers: { 'x-tester': { regex: '(a)\\1' } } }],
        route: [dest('v3')],
      },
      { route: [dest('v1')] },
    ]);
    expect(validateVirtualService(vs)).toEqual([
      issue('regex.backreference', ['spec', 'http', 0, 'match', 0, 'headers', 'x-tester', 'regex']),
    ]);
  });

  it('rejects JWT claim matches on a mesh VirtualService and invalid header names', () => {
    const vs = vsWith([
      {
        match: [
          {
            headers: { '@request.auth.claims.group': { exact: 'a' }, 'bad header': { exact: 'b' } },
          },
        ],
        route: [dest('v3')],
      },
      { route: [dest('v1')] },
    ]);
    const headers = ['spec', 'http', 0, 'match', 0, 'headers'];
    expect(validateVirtualService(vs)).toEqual([
      issue('traffic.match.jwt-claim-needs-gateway', [...headers, '@request.auth.claims.group']),
      issue('traffic.match.header-name', [...headers, 'bad header'], { name: 'bad header' }),
    ]);
  });
});

describe('hosts', () => {
  it('accepts a mesh VirtualService for a named host', () => {
    expect(validateVirtualService(vsWith([{ route: [dest('v1')] }]))).toEqual([]);
  });

  it('rejects "*" on a mesh VirtualService but accepts it on a gateway one', () => {
    const meshVs = vsWith([{ route: [dest('v1')] }], { hosts: ['*'] });
    expect(validateVirtualService(meshVs)).toEqual([
      issue('traffic.vs.mesh-wildcard-host', ['spec', 'hosts', 0]),
    ]);
    const gwVs = vsWith([{ route: [dest('v1')] }], { hosts: ['*'], gateways: ['bookinfo/gw'] });
    expect(validateVirtualService(gwVs)).toEqual([]);
  });

  it('rejects "*" as a destination host', () => {
    const vs = vsWith([{ route: [{ destination: { host: '*' } }] }]);
    expect(validateVirtualService(vs)).toEqual([
      issue('traffic.destination.host-wildcard', [
        'spec',
        'http',
        0,
        'route',
        0,
        'destination',
        'host',
      ]),
    ]);
  });

  it('rejects duplicate or overlapping hosts', () => {
    expect(hostsOverlap('*.example.com', 'a.example.com')).toBe(true);
    expect(hostsOverlap('a.example.com', 'b.example.com')).toBe(false);
    const vs = vsWith([{ route: [dest('v1')] }], { hosts: [HOST, HOST] });
    expect(validateVirtualService(vs)).toEqual([
      issue('traffic.vs.host-overlap', ['spec', 'hosts', 1], { host: HOST, other: HOST }),
    ]);
  });

  it('rejects an invalid host name', () => {
    const vs = vsWith([{ route: [dest('v1')] }], { hosts: ['Reviews_svc'] });
    expect(validateVirtualService(vs)[0]).toEqual(
      issue('traffic.vs.host-invalid', ['spec', 'hosts', 0], { host: 'Reviews_svc' }),
    );
  });
});

describe('VirtualService structure', () => {
  it('needs at least one route list', () => {
    expect(validateVirtualService(vsWith([]))).toEqual([
      issue('traffic.vs.no-routes', ['spec', 'http']),
    ]);
  });

  it('needs a route, redirect or direct response in each rule', () => {
    expect(validateVirtualService(vsWith([{ name: 'empty' }]))).toEqual([
      issue('traffic.rule.no-action', ['spec', 'http', 0, 'route']),
    ]);
  });

  it('rejects a redirect combined with a route', () => {
    const vs = vsWith([{ redirect: { uri: '/x' }, route: [dest('v1')] }]);
    expect(errors(validateVirtualService(vs))).toEqual([
      issue('traffic.rule.redirect-conflict', ['spec', 'http', 0, 'route'], { field: 'route' }),
    ]);
  });

  it('warns about rules after a catch-all rule (IST0130)', () => {
    const vs = vsWith([
      { route: [dest('v1')] },
      { match: [{ uri: { prefix: '/a' } }], route: [dest('v2')] },
    ]);
    expect(validateVirtualService(vs)).toEqual([
      warning('traffic.rule.unreachable', ['spec', 'http', 1], { rule: 1 }),
    ]);
  });

  it('rejects gateways on a delegate (host-less) VirtualService', () => {
    const vs = vsWith([{ route: [dest('v1')] }], { hosts: [], gateways: ['gw'] });
    expect(validateVirtualService(vs)).toEqual([
      issue('traffic.vs.delegate-gateways', ['spec', 'gateways']),
    ]);
  });

  it('validates the source namespace and port of a match', () => {
    const vs = vsWith([
      { match: [{ sourceNamespace: 'Bad_NS', port: 70000 }], route: [dest('v1')] },
      { route: [dest('v1')] },
    ]);
    const match = ['spec', 'http', 0, 'match', 0];
    expect(validateVirtualService(vs)).toEqual([
      issue('traffic.match.source-namespace', [...match, 'sourceNamespace']),
      issue('traffic.number.range', [...match, 'port'], { field: 'port', min: 1, max: 65535 }),
    ]);
  });
});

describe('retries', () => {
  it('accepts Envoy policies, gRPC policies and status codes', () => {
    expect(
      validateRetries(
        {
          attempts: 3,
          perTryTimeout: '2s',
          retryOn: '5xx,connect-failure, refused-stream,unavailable,cancelled,503',
        },
        ['r'],
      ),
    ).toEqual([]);
  });

  it('rejects negative attempts', () => {
    expect(validateRetries({ attempts: -1 }, ['r'])).toEqual([
      issue('traffic.number.min', ['r', 'attempts'], { field: 'attempts', min: 0 }),
    ]);
  });

  it('rejects settings on disabled retries', () => {
    expect(validateRetries({ attempts: 0, retryOn: '5xx' }, ['r'])).toEqual([
      issue('traffic.retries.disabled-setting', ['r', 'retryOn']),
    ]);
  });

  it('rejects an unknown retryOn token and a bad perTryTimeout', () => {
    const issues = validateRetries({ attempts: 2, perTryTimeout: '2', retryOn: '5xx,oops' }, ['r']);
    expect(issues.map((i) => i.path)).toEqual([
      ['r', 'perTryTimeout'],
      ['r', 'retryOn'],
    ]);
    expect(issues[1].code).toBe('traffic.retries.retry-on-unknown');
    expect(issues[1].params?.token).toBe('oops');
    expect(String(issues[1].params?.allowed)).toMatch(/^5xx, gateway-error, /);
    expect(validateRetries({ attempts: 2, retryOn: '5xx,' }, ['r'])[0].code).toBe(
      'traffic.retries.retry-on-empty',
    );
  });

  it('reports an invalid timeout on its rule', () => {
    expect(validateVirtualService(vsWith([{ route: [dest('v1')], timeout: '10' }]))).toEqual([
      issue('duration.invalid', TIMEOUT, { value: '10' }),
    ]);
  });
});

describe('fault injection', () => {
  it('accepts a delay and an abort with percentages', () => {
    expect(
      validateFault(
        {
          delay: { fixedDelay: '3s', percentage: { value: 10 } },
          abort: { httpStatus: 503, percentage: { value: 2 } },
        },
        ['f'],
      ),
    ).toEqual([]);
    expect(validateFault({ abort: { grpcStatus: 'UNAVAILABLE' } }, ['f'])).toEqual([]);
  });

  it('needs a delay or an abort', () => {
    expect(validateFault({}, ['f'])).toEqual([issue('traffic.fault.empty', ['f'])]);
  });

  it('needs a fixed delay', () => {
    expect(validateFault({ delay: { percentage: { value: 5 } } }, ['f'])).toEqual([
      issue('traffic.fault.delay-missing', ['f', 'delay', 'fixedDelay']),
    ]);
  });

  it('rejects an HTTP status outside 200-599 and an unknown gRPC status', () => {
    expect(validateFault({ abort: { httpStatus: 150 } }, ['f'])).toEqual([
      issue('traffic.number.range', ['f', 'abort', 'httpStatus'], {
        field: 'httpStatus',
        min: 200,
        max: 599,
      }),
    ]);
    expect(validateFault({ abort: { grpcStatus: 'BROKEN' } }, ['f'])).toEqual([
      issue('traffic.fault.grpc-status', ['f', 'abort', 'grpcStatus'], { status: 'BROKEN' }),
    ]);
  });

  it('warns about an abort without a status, and rejects a bad percentage', () => {
    expect(validateFault({ abort: { percentage: { value: 200 } } }, ['f'])).toEqual([
      warning('traffic.fault.abort-no-status', ['f', 'abort']),
      issue('traffic.percent.range', ['f', 'abort', 'percentage', 'value']),
    ]);
  });

  it('warns that timeouts and retries are ignored on a faulty rule', () => {
    const vs = vsWith([
      {
        route: [dest('v1')],
        timeout: '2s',
        fault: { abort: { httpStatus: 500, percentage: { value: 1 } } },
      },
    ]);
    expect(validateVirtualService(vs)).toEqual([
      warning('traffic.rule.fault-ignores-resilience', ['spec', 'http', 0, 'fault']),
    ]);
  });
});

describe('DestinationRule', () => {
  it('accepts the reference example', () => {
    const dr = drWith({
      trafficPolicy: {
        connectionPool: {
          tcp: { maxConnections: 100, connectTimeout: '3s' },
          http: { http1MaxPendingRequests: 50, maxRequestsPerConnection: 1, maxRetries: 3 },
        },
        outlierDetection: {
          consecutive5xxErrors: 5,
          consecutiveGatewayErrors: 3,
          interval: '10s',
          baseEjectionTime: '30s',
          maxEjectionPercent: 50,
        },
      },
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        {
          name: 'v3',
          labels: { version: 'v3' },
          trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } },
        },
      ],
    });
    expect(validateDestinationRule(dr)).toEqual([]);
  });

  it('rejects subset names that are not DNS-1123 labels, and duplicates', () => {
    const dr = drWith({
      subsets: [
        { name: 'V1', labels: { version: 'V1' } },
        { name: 'v2', labels: { version: 'v2' } },
        { name: 'v2', labels: { version: 'v2b' } },
      ],
    });
    expect(validateDestinationRule(dr)).toEqual([
      issue('traffic.subset.name-invalid', ['spec', 'subsets', 0, 'name'], { name: 'V1' }),
      issue('traffic.subset.duplicate', ['spec', 'subsets', 2, 'name'], { name: 'v2', other: 2 }),
    ]);
  });

  it('needs a host', () => {
    expect(validateDestinationRule(drWith({ host: '' }))).toEqual([
      issue('traffic.dr.host-missing', ['spec', 'host']),
    ]);
  });

  it('rejects an empty traffic policy and an empty connection pool', () => {
    expect(validateDestinationRule(drWith({ trafficPolicy: {} }))).toEqual([
      issue('traffic.policy.empty', ['spec', 'trafficPolicy']),
    ]);
    expect(validateDestinationRule(drWith({ trafficPolicy: { connectionPool: {} } }))).toEqual([
      issue('traffic.pool.empty', ['spec', 'trafficPolicy', 'connectionPool']),
    ]);
  });

  it('rejects negative connection-pool counts', () => {
    expect(
      validateConnectionPool({ tcp: { maxConnections: -1 }, http: { maxRetries: 1.5 } }, ['cp']),
    ).toEqual([
      issue('traffic.number.min', ['cp', 'tcp', 'maxConnections'], {
        field: 'maxConnections',
        min: 0,
      }),
      issue('traffic.number.whole', ['cp', 'http', 'maxRetries'], { field: 'maxRetries' }),
    ]);
  });

  it('rejects useClientProtocol with h2 upgrade', () => {
    expect(
      validateConnectionPool({ http: { useClientProtocol: true, h2UpgradePolicy: 'UPGRADE' } }, [
        'cp',
      ]),
    ).toEqual([issue('traffic.pool.h2-upgrade-conflict', ['cp', 'http', 'h2UpgradePolicy'])]);
  });

  it('checks outlier-detection ranges', () => {
    expect(
      validateOutlierDetection({ maxEjectionPercent: 100, minHealthPercent: 0 }, ['od']),
    ).toEqual([]);
    expect(
      validateOutlierDetection(
        { maxEjectionPercent: 101, minHealthPercent: -1, consecutive5xxErrors: -2, interval: '0s' },
        ['od'],
      ),
    ).toEqual([
      issue('traffic.number.min', ['od', 'consecutive5xxErrors'], {
        field: 'consecutive5xxErrors',
        min: 0,
      }),
      issue('duration.too-short', ['od', 'interval']),
      issue('traffic.number.range', ['od', 'maxEjectionPercent'], {
        field: 'maxEjectionPercent',
        min: 0,
        max: 100,
      }),
      issue('traffic.number.range', ['od', 'minHealthPercent'], {
        field: 'minHealthPercent',
        min: 0,
        max: 100,
      }),
    ]);
  });

  it('flags the deprecated field, local-origin failures and ineffective gateway errors', () => {
    expect(
      validateOutlierDetection(
        { consecutiveErrors: 5, consecutiveLocalOriginFailures: 2, consecutiveGatewayErrors: 5 },
        ['od'],
      ),
    ).toEqual([
      warning('traffic.outlier.consecutive-errors-deprecated', ['od', 'consecutiveErrors']),
      issue('traffic.outlier.local-origin-needs-split', ['od', 'splitExternalLocalOriginErrors']),
      warning('traffic.outlier.gateway-errors-ineffective', ['od', 'consecutiveGatewayErrors']),
    ]);
  });

  it('rejects invalid subset labels and warns on a subset without labels', () => {
    const dr = drWith({ subsets: [{ name: 'a', labels: { version: 'v*' } }, { name: 'b' }] });
    expect(validateDestinationRule(dr)).toEqual([
      issue('traffic.labels.value-invalid', ['spec', 'subsets', 0, 'labels', 'version']),
      warning('traffic.subset.no-labels', ['spec', 'subsets', 1, 'labels']),
    ]);
  });

  it('checks port-level settings', () => {
    const dr = drWith({
      trafficPolicy: { portLevelSettings: [{ port: { number: 9080 } }] },
    });
    expect(validateDestinationRule(dr)).toEqual([
      issue('traffic.policy.port-empty', ['spec', 'trafficPolicy', 'portLevelSettings', 0]),
    ]);
  });
});

describe('crossCheck', () => {
  const dr = drWith({
    subsets: [
      { name: 'v1', labels: { version: 'v1' } },
      { name: 'v2', labels: { version: 'v2' } },
    ],
  });

  it('passes when every routed subset exists and all are used', () => {
    const vs = vsWith([
      { route: [dest('v1', 50), { destination: { host: 'reviews', subset: 'v2' }, weight: 50 }] },
    ]);
    expect(crossCheck(vs, dr)).toEqual([]);
  });

  it('reports a route to an undefined subset (KIA1107) and an unused subset', () => {
    const vs = vsWith([{ route: [dest('v1', 90), dest('v3', 10)] }]);
    expect(crossCheck(vs, dr)).toEqual([
      {
        object: 'VirtualService',
        ...issue(
          'traffic.subset.undefined',
          ['spec', 'http', 0, 'route', 1, 'destination', 'subset'],
          {
            subset: 'v3',
            host: HOST,
          },
        ),
      },
      {
        object: 'DestinationRule',
        ...warning('traffic.subset.unused', ['spec', 'subsets', 1], {
          subset: 'v2',
          virtualService: 'reviews',
        }),
      },
    ]);
  });

  it('reports subsets of the own host when there is no DestinationRule', () => {
    const vs = vsWith([{ route: [dest('v1')] }]);
    expect(crossCheck(vs).map((i) => i.path)).toEqual([
      ['spec', 'http', 0, 'route', 0, 'destination', 'subset'],
    ]);
  });

  it('treats short and fully qualified names of a host as the same', () => {
    expect(fqdn('reviews', 'bookinfo')).toBe(HOST);
    expect(fqdn('reviews.bookinfo')).toBe(HOST);
  });
});

describe('validateRequestedWeights', () => {
  it('accepts weights with at least one above 0', () => {
    expect(validateRequestedWeights({ v1: 90, v3: 10 })).toEqual([]);
    expect(validateRequestedWeights({ v1: 0, v3: 100 })).toEqual([]);
  });

  it('refuses all-zero weights, even for a single version', () => {
    expect(validateRequestedWeights({ v1: 0, v3: 0 })).toEqual([
      issue('split.all-zero', ['weights']),
    ]);
    expect(validateRequestedWeights({ v1: 0 })).toHaveLength(1);
  });

  it('refuses fractions and values outside 0–100', () => {
    expect(validateRequestedWeights({ v1: 50.5, v2: 101 })).toEqual([
      issue('split.weight-range', ['weights', 'v1'], { subset: 'v1' }),
      issue('split.weight-range', ['weights', 'v2'], { subset: 'v2' }),
    ]);
  });
});
