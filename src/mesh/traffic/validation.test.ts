import type { DestinationRule, HTTPRoute, VirtualService } from '../../models';
import {
  crossCheck,
  fqdn,
  hostsOverlap,
  isError,
  parseDuration,
  re2Problem,
  validateConnectionPool,
  validateDestinationRule,
  validateDuration,
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
    expect(validateDuration(d, 'spec.http[0].timeout')).toEqual([]);
  });

  it('rejects a non-duration with an example of the format', () => {
    expect(validateDuration('5', 'spec.http[0].timeout')).toEqual([
      {
        path: 'spec.http[0].timeout',
        message: '"5" is not a duration. Use a form such as 250ms, 5s or 1m30s.',
      },
    ]);
  });

  it('rejects durations below 1ms', () => {
    expect(validateDuration('500us', 'x')).toEqual([
      { path: 'x', message: 'Duration must be at least 1ms.' },
    ]);
    expect(validateDuration('0s', 'x')[0].message).toBe('Duration must be at least 1ms.');
  });

  it('rejects sub-millisecond precision', () => {
    expect(validateDuration('1.0005s', 'x')).toEqual([
      { path: 'x', message: 'Use whole milliseconds: Istio does not accept finer durations.' },
    ]);
  });

  it('allows 0s only where it means disabled (tcp idleTimeout)', () => {
    expect(validateDuration('0s', 'x', { allowZero: true })).toEqual([]);
    expect(
      validateConnectionPool({ tcp: { idleTimeout: '0s' } }, 'spec.trafficPolicy.connectionPool'),
    ).toEqual([]);
    expect(
      validateConnectionPool({ http: { idleTimeout: '0s' } }, 'spec.trafficPolicy.connectionPool'),
    ).toEqual([
      {
        path: 'spec.trafficPolicy.connectionPool.http.idleTimeout',
        message: 'Duration must be at least 1ms.',
      },
    ]);
  });
});

describe('percentages', () => {
  it.each([0, 0.0001, 50, 100])('accepts %s', (v) => {
    expect(validatePercentage({ value: v }, 'p')).toEqual([]);
  });
  it.each([0.00001, -1, 100.5])('rejects %s', (v) => {
    expect(validatePercentage({ value: v }, 'p')).toEqual([
      { path: 'p.value', message: 'Percentage must be 0 or between 0.0001 and 100.' },
    ]);
  });
});

describe('weights', () => {
  it('accepts integer weights that need not sum to 100', () => {
    expect(validateWeights([dest('v1', 3), dest('v2', 1)], 'spec.http[0].route')).toEqual([]);
  });

  it('rejects a negative weight on its field', () => {
    expect(validateWeights([dest('v1', 100), dest('v2', -1)], 'spec.http[0].route')).toEqual([
      { path: 'spec.http[0].route[1].weight', message: 'Weight cannot be negative.' },
    ]);
  });

  it('rejects a fractional weight', () => {
    expect(validateWeights([dest('v1', 50.5), dest('v2', 49.5)], 'r')[0]).toEqual({
      path: 'r[0].weight',
      message: 'Weight must be a whole number.',
    });
  });

  it('rejects all-zero weights with several destinations', () => {
    expect(validateWeights([dest('v1', 0), dest('v2', 0)], 'spec.http[0].route')).toEqual([
      {
        path: 'spec.http[0].route',
        message: 'Give at least one destination a weight above 0: all weights are 0.',
      },
    ]);
  });

  it('accepts a single destination with weight 0, warning that it still gets everything', () => {
    const issues = validateWeights([dest('v1', 0)], 'r');
    expect(errors(issues)).toEqual([]);
    expect(issues).toEqual([
      {
        path: 'r[0].weight',
        message: 'A single destination receives all traffic; its weight is ignored.',
        severity: 'warning',
      },
    ]);
  });

  it('warns that an unweighted sibling gets no traffic', () => {
    expect(validateWeights([dest('v1', 100), dest('v2')], 'r')).toEqual([
      expect.objectContaining({ path: 'r[1].weight', severity: 'warning' }),
    ]);
  });
});

describe('StringMatch and RE2', () => {
  it('needs exactly one of exact, prefix or regex', () => {
    expect(validateStringMatch({ exact: 'a' }, 'm')).toEqual([]);
    expect(validateStringMatch({ exact: 'a', prefix: 'b' }, 'm')).toEqual([
      { path: 'm', message: 'Set exactly one of exact, prefix or regex.' },
    ]);
    expect(validateStringMatch({}, 'm')).toEqual([
      { path: 'm', message: 'Set exactly one of exact, prefix or regex.' },
    ]);
  });

  it('rejects an empty prefix except on uri', () => {
    expect(validateStringMatch({ prefix: '' }, 'm')).toEqual([
      { path: 'm.prefix', message: 'A prefix cannot be empty.' },
    ]);
    expect(validateStringMatch({ prefix: '' }, 'm', { allowEmptyPrefix: true })).toEqual([]);
  });

  it.each(['^/api/v[0-9]+/.*$', '(?P<id>\\d+)', '(?i)chrome', '[]a]', 'a{2,5}'])(
    'accepts RE2 expression %s',
    (re) => {
      expect(re2Problem(re)).toBeUndefined();
    },
  );

  it.each([
    ['foo(?=bar)', 'Look-ahead and look-behind'],
    ['(?<!x)y', 'Look-ahead and look-behind'],
    ['(a)\\1', 'Backreferences'],
    ['(?<n>a)\\k<n>', 'Backreferences'],
    ['a*+', 'Possessive quantifiers'],
    ['(?>ab)', 'Atomic groups'],
    ['a{1001}', 'Repeat counts above 1000'],
    ['(ab', 'Unbalanced "("'],
    ['[ab', 'Unterminated "["'],
  ])('rejects %s', (re, message) => {
    expect(re2Problem(re)).toContain(message);
  });

  it('puts regex problems on the regex field', () => {
    expect(validateStringMatch({ regex: 'a(?=b)' }, 'spec.http[0].match[0].uri')).toEqual([
      {
        path: 'spec.http[0].match[0].uri.regex',
        message:
          'Look-ahead and look-behind ((?=…), (?!…), (?<=…), (?<!…)) are not supported by RE2.',
      },
    ]);
    expect(validateStringMatch({ regex: 'a'.repeat(1025) }, 'm')).toEqual([
      { path: 'm.regex', message: 'A regex can be at most 1024 characters long.' },
    ]);
    expect(validateStringMatch({ regex: '' }, 'm')).toEqual([
      { path: 'm.regex', message: 'A regex cannot be empty.' },
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
      {
        path: "spec.http[0].match[0].headers['x-tester'].regex",
        message: 'Backreferences (\\1, \\k<name>) are not supported by RE2; rewrite without them.',
      },
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
    expect(validateVirtualService(vs).map((i) => i.message)).toEqual([
      'JWT claim matches work only on a VirtualService bound to a gateway; remove it or add a gateway.',
      '"bad header" is not a valid header name (letters, digits, "-" and "_").',
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
      {
        path: 'spec.hosts[0]',
        message: 'Host "*" is not allowed on a VirtualService for the mesh; name the service.',
      },
    ]);
    const gwVs = vsWith([{ route: [dest('v1')] }], { hosts: ['*'], gateways: ['bookinfo/gw'] });
    expect(validateVirtualService(gwVs)).toEqual([]);
  });

  it('rejects "*" as a destination host', () => {
    const vs = vsWith([{ route: [{ destination: { host: '*' } }] }]);
    expect(validateVirtualService(vs)).toEqual([
      {
        path: 'spec.http[0].route[0].destination.host',
        message: 'A destination host cannot be "*". Name one service.',
      },
    ]);
  });

  it('rejects duplicate or overlapping hosts', () => {
    expect(hostsOverlap('*.example.com', 'a.example.com')).toBe(true);
    expect(hostsOverlap('a.example.com', 'b.example.com')).toBe(false);
    const vs = vsWith([{ route: [dest('v1')] }], { hosts: [HOST, HOST] });
    expect(validateVirtualService(vs)).toEqual([
      {
        path: 'spec.hosts[1]',
        message: `Host "${HOST}" duplicates or overlaps "${HOST}"; remove one.`,
      },
    ]);
  });

  it('rejects an invalid host name', () => {
    const vs = vsWith([{ route: [dest('v1')] }], { hosts: ['Reviews_svc'] });
    expect(validateVirtualService(vs)[0]).toEqual({
      path: 'spec.hosts[0]',
      message: '"Reviews_svc" is not a valid host. Use a service name, FQDN or *.domain.',
    });
  });
});

describe('VirtualService structure', () => {
  it('needs at least one route list', () => {
    expect(validateVirtualService(vsWith([]))).toEqual([
      { path: 'spec.http', message: 'Add at least one HTTP, TCP or TLS route.' },
    ]);
  });

  it('needs a route, redirect or direct response in each rule', () => {
    expect(validateVirtualService(vsWith([{ name: 'empty' }]))).toEqual([
      {
        path: 'spec.http[0].route',
        message: 'Each HTTP rule needs a route (or a redirect or direct response).',
      },
    ]);
  });

  it('rejects a redirect combined with a route', () => {
    const vs = vsWith([{ redirect: { uri: '/x' }, route: [dest('v1')] }]);
    expect(errors(validateVirtualService(vs))).toEqual([
      {
        path: 'spec.http[0].route',
        message: 'A rule with a redirect cannot also have route; remove one of them.',
      },
    ]);
  });

  it('warns about rules after a catch-all rule (IST0130)', () => {
    const vs = vsWith([
      { route: [dest('v1')] },
      { match: [{ uri: { prefix: '/a' } }], route: [dest('v2')] },
    ]);
    expect(validateVirtualService(vs)).toEqual([
      {
        path: 'spec.http[1]',
        message: 'This rule is never used: rule 1 has no match and takes all traffic first.',
        severity: 'warning',
      },
    ]);
  });

  it('rejects gateways on a delegate (host-less) VirtualService', () => {
    const vs = vsWith([{ route: [dest('v1')] }], { hosts: [], gateways: ['gw'] });
    expect(validateVirtualService(vs)).toEqual([
      {
        path: 'spec.gateways',
        message: 'A VirtualService without hosts is a delegate and cannot name gateways.',
      },
    ]);
  });

  it('validates the source namespace and port of a match', () => {
    const vs = vsWith([
      { match: [{ sourceNamespace: 'Bad_NS', port: 70000 }], route: [dest('v1')] },
      { route: [dest('v1')] },
    ]);
    expect(validateVirtualService(vs)).toEqual([
      {
        path: 'spec.http[0].match[0].sourceNamespace',
        message: 'Source namespace must be a valid namespace name.',
      },
      { path: 'spec.http[0].match[0].port', message: 'Port must be between 1 and 65535.' },
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
        'r',
      ),
    ).toEqual([]);
  });

  it('rejects negative attempts', () => {
    expect(validateRetries({ attempts: -1 }, 'r')).toEqual([
      { path: 'r.attempts', message: 'Retry attempts must be 0 or more.' },
    ]);
  });

  it('rejects settings on disabled retries', () => {
    expect(validateRetries({ attempts: 0, retryOn: '5xx' }, 'r')).toEqual([
      {
        path: 'r.retryOn',
        message: 'Retries are disabled (0 attempts): remove this setting or set attempts.',
      },
    ]);
  });

  it('rejects an unknown retryOn token and a bad perTryTimeout', () => {
    const issues = validateRetries({ attempts: 2, perTryTimeout: '2', retryOn: '5xx,oops' }, 'r');
    expect(issues.map((i) => i.path)).toEqual(['r.perTryTimeout', 'r.retryOn']);
    expect(issues[1].message).toMatch(/^"oops" is not a retry condition\. Use an HTTP status code/);
    expect(validateRetries({ attempts: 2, retryOn: '5xx,' }, 'r')[0].message).toBe(
      'retryOn has an empty entry; remove the extra comma.',
    );
  });

  it('reports an invalid timeout on its rule', () => {
    expect(validateVirtualService(vsWith([{ route: [dest('v1')], timeout: '10' }]))).toEqual([
      {
        path: 'spec.http[0].timeout',
        message: '"10" is not a duration. Use a form such as 250ms, 5s or 1m30s.',
      },
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
        'f',
      ),
    ).toEqual([]);
    expect(validateFault({ abort: { grpcStatus: 'UNAVAILABLE' } }, 'f')).toEqual([]);
  });

  it('needs a delay or an abort', () => {
    expect(validateFault({}, 'f')).toEqual([
      { path: 'f', message: 'Fault injection needs a delay, an abort, or both.' },
    ]);
  });

  it('needs a fixed delay', () => {
    expect(validateFault({ delay: { percentage: { value: 5 } } }, 'f')).toEqual([
      { path: 'f.delay.fixedDelay', message: 'Enter the delay to inject.' },
    ]);
  });

  it('rejects an HTTP status outside 200-599 and an unknown gRPC status', () => {
    expect(validateFault({ abort: { httpStatus: 150 } }, 'f')).toEqual([
      { path: 'f.abort.httpStatus', message: 'Abort HTTP status must be between 200 and 599.' },
    ]);
    expect(validateFault({ abort: { grpcStatus: 'BROKEN' } }, 'f')).toEqual([
      {
        path: 'f.abort.grpcStatus',
        message: '"BROKEN" is not a gRPC status. Use a name such as UNAVAILABLE.',
      },
    ]);
  });

  it('warns about an abort without a status, and rejects a bad percentage', () => {
    expect(validateFault({ abort: { percentage: { value: 200 } } }, 'f')).toEqual([
      {
        path: 'f.abort',
        message: 'The abort has no HTTP or gRPC status; set one.',
        severity: 'warning',
      },
      {
        path: 'f.abort.percentage.value',
        message: 'Percentage must be 0 or between 0.0001 and 100.',
      },
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
      {
        path: 'spec.http[0].fault',
        message: 'Timeouts and retries are not applied on a rule that injects faults.',
        severity: 'warning',
      },
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
      {
        path: 'spec.subsets[0].name',
        message:
          'Subset name "V1" must be a DNS-1123 label: lowercase letters, digits and "-", at most 63.',
      },
      {
        path: 'spec.subsets[2].name',
        message: 'Subset "v2" is defined twice (also subset 2); rename or remove one.',
      },
    ]);
  });

  it('needs a host', () => {
    expect(validateDestinationRule(drWith({ host: '' }))).toEqual([
      { path: 'spec.host', message: 'Enter the host this rule applies to.' },
    ]);
  });

  it('rejects an empty traffic policy and an empty connection pool', () => {
    expect(validateDestinationRule(drWith({ trafficPolicy: {} }))).toEqual([
      {
        path: 'spec.trafficPolicy',
        message: 'A traffic policy needs at least one setting; remove it if empty.',
      },
    ]);
    expect(validateDestinationRule(drWith({ trafficPolicy: { connectionPool: {} } }))).toEqual([
      {
        path: 'spec.trafficPolicy.connectionPool',
        message: 'A connection pool needs TCP or HTTP settings.',
      },
    ]);
  });

  it('rejects negative connection-pool counts', () => {
    expect(
      validateConnectionPool({ tcp: { maxConnections: -1 }, http: { maxRetries: 1.5 } }, 'cp'),
    ).toEqual([
      { path: 'cp.tcp.maxConnections', message: 'Max connections must be 0 or more.' },
      { path: 'cp.http.maxRetries', message: 'Max retries must be a whole number.' },
    ]);
  });

  it('rejects useClientProtocol with h2 upgrade', () => {
    expect(
      validateConnectionPool(
        { http: { useClientProtocol: true, h2UpgradePolicy: 'UPGRADE' } },
        'cp',
      ),
    ).toEqual([
      {
        path: 'cp.http.h2UpgradePolicy',
        message: 'Upgrading to HTTP/2 conflicts with "use client protocol"; turn one off.',
      },
    ]);
  });

  it('checks outlier-detection ranges', () => {
    expect(
      validateOutlierDetection({ maxEjectionPercent: 100, minHealthPercent: 0 }, 'od'),
    ).toEqual([]);
    expect(
      validateOutlierDetection(
        { maxEjectionPercent: 101, minHealthPercent: -1, consecutive5xxErrors: -2, interval: '0s' },
        'od',
      ),
    ).toEqual([
      { path: 'od.consecutive5xxErrors', message: 'Consecutive 5xx must be 0 or more.' },
      { path: 'od.interval', message: 'Duration must be at least 1ms.' },
      { path: 'od.maxEjectionPercent', message: 'Max ejection percent must be between 0 and 100.' },
      { path: 'od.minHealthPercent', message: 'Min health percent must be between 0 and 100.' },
    ]);
  });

  it('flags the deprecated field, local-origin failures and ineffective gateway errors', () => {
    expect(
      validateOutlierDetection(
        { consecutiveErrors: 5, consecutiveLocalOriginFailures: 2, consecutiveGatewayErrors: 5 },
        'od',
      ),
    ).toEqual([
      {
        path: 'od.consecutiveErrors',
        message: 'consecutiveErrors is deprecated; use consecutive5xxErrors instead.',
        severity: 'warning',
      },
      {
        path: 'od.splitExternalLocalOriginErrors',
        message: 'Local-origin failures count only when splitExternalLocalOriginErrors is on.',
      },
      expect.objectContaining({ path: 'od.consecutiveGatewayErrors', severity: 'warning' }),
    ]);
  });

  it('rejects invalid subset labels and warns on a subset without labels', () => {
    const dr = drWith({ subsets: [{ name: 'a', labels: { version: 'v*' } }, { name: 'b' }] });
    expect(validateDestinationRule(dr)).toEqual([
      {
        path: 'spec.subsets[0].labels.version',
        message: 'Label values cannot contain "*" and are at most 63 characters.',
      },
      {
        path: 'spec.subsets[1].labels',
        message: 'This subset has no labels, so it selects every pod of the host.',
        severity: 'warning',
      },
    ]);
  });

  it('checks port-level settings', () => {
    const dr = drWith({
      trafficPolicy: { portLevelSettings: [{ port: { number: 9080 } }] },
    });
    expect(validateDestinationRule(dr)).toEqual([
      {
        path: 'spec.trafficPolicy.portLevelSettings[0]',
        message: 'Port-level settings need at least one policy.',
      },
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
        kind: 'VirtualService',
        path: 'spec.http[0].route[1].destination.subset',
        message: `Subset "v3" is not defined in the DestinationRule for ${HOST}; add it there first or requests will fail with 503.`,
      },
      {
        kind: 'DestinationRule',
        path: 'spec.subsets[1]',
        message: 'No route in VirtualService reviews sends traffic to subset "v2".',
        severity: 'warning',
      },
    ]);
  });

  it('reports subsets of the own host when there is no DestinationRule', () => {
    const vs = vsWith([{ route: [dest('v1')] }]);
    expect(crossCheck(vs).map((i) => i.path)).toEqual(['spec.http[0].route[0].destination.subset']);
  });

  it('treats short and fully qualified names of a host as the same', () => {
    expect(fqdn('reviews', 'bookinfo')).toBe(HOST);
    expect(fqdn('reviews.bookinfo')).toBe(HOST);
    expect(isError({ path: '', message: '' })).toBe(true);
  });
});

describe('validateRequestedWeights', () => {
  it('accepts weights with at least one above 0', () => {
    expect(validateRequestedWeights({ v1: 90, v3: 10 })).toEqual([]);
    expect(validateRequestedWeights({ v1: 0, v3: 100 })).toEqual([]);
  });

  it('refuses all-zero weights, even for a single version', () => {
    expect(validateRequestedWeights({ v1: 0, v3: 0 })).toEqual([
      {
        path: 'weights',
        message: 'Give at least one version a weight above 0: all weights are 0.',
      },
    ]);
    expect(validateRequestedWeights({ v1: 0 })).toHaveLength(1);
  });

  it('refuses fractions and values outside 0–100', () => {
    expect(validateRequestedWeights({ v1: 50.5, v2: 101 }).map((i) => i.path)).toEqual([
      'weights.v1',
      'weights.v2',
    ]);
  });
});
