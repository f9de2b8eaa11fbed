import type { DestinationRule } from '../../models';
import {
  circuitBreakerFieldIssues,
  circuitBreakerFieldPath,
  circuitBreakerSettings,
  planCircuitBreaker,
  readCircuitBreaker,
} from './circuitBreakerForm';
import type { CircuitBreakerContext } from './circuitBreakerForm';

const dr = (): DestinationRule => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'reviews', namespace: 'bookinfo', resourceVersion: '7' },
  spec: {
    host: 'reviews',
    trafficPolicy: {
      connectionPool: { tcp: { maxConnections: 50, tcpKeepalive: { time: '7200s' } } },
      loadBalancer: { simple: 'ROUND_ROBIN' },
    },
    subsets: [
      {
        name: 'v1',
        labels: { version: 'v1' },
        trafficPolicy: { outlierDetection: { consecutive5xxErrors: 3, interval: '5s' } },
      },
      { name: 'v2', labels: { version: 'v2' } },
    ],
  },
});
const ctx = (
  stored?: DestinationRule,
  subset?: string,
): CircuitBreakerContext & { subset?: string } => ({
  namespace: 'bookinfo',
  host: 'reviews',
  version: 'v1',
  subsets: ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } })),
  stored,
  ...(subset ? { subset } : {}),
});

describe('readCircuitBreaker', () => {
  it('reads the owned fields of the host-level policy or of one subset, as text', () => {
    expect(readCircuitBreaker(dr())).toEqual({ maxConnections: '50' });
    expect(readCircuitBreaker(dr(), 'v1')).toEqual({ consecutive5xxErrors: '3', interval: '5s' });
    expect(readCircuitBreaker(dr(), 'v2')).toEqual({});
    expect(readCircuitBreaker(undefined)).toEqual({});
  });
});

describe('circuitBreakerSettings', () => {
  it('numbers counts, keeps durations as text, and drops emptied fields', () => {
    const { settings, issues } = circuitBreakerSettings(
      { maxConnections: ' 100 ', connectTimeout: '2s', http2MaxRequests: '' },
      dr(),
    );
    expect(issues).toEqual([]);
    expect(settings).toEqual({
      connectionPool: { tcp: { maxConnections: 100, connectTimeout: '2s' } },
      outlierDetection: null,
    });
  });

  it('says at the exact field of the edited subset that a count is not a whole number', () => {
    const { issues } = circuitBreakerSettings({ maxConnections: 'lots' }, dr(), 'v2');
    expect(issues).toEqual([
      {
        object: 'DestinationRule',
        path: ['spec', 'subsets', 1, 'trafficPolicy', 'connectionPool', 'tcp', 'maxConnections'],
        code: 'circuit-breaker.whole-number',
        params: { field: 'maxConnections' },
        severity: 'error',
      },
    ]);
  });
});

describe('planCircuitBreaker', () => {
  it('edits only the owned fields and keeps everything else', () => {
    const stored = dr();
    const { plan, dr: out } = planCircuitBreaker(
      { maxConnections: '100', consecutive5xxErrors: '5' },
      stored,
      ctx(stored),
    );
    expect(plan.unchanged).toBe(false);
    expect(plan.blocking).toBe(false);
    expect(out.spec?.trafficPolicy).toEqual({
      connectionPool: { tcp: { maxConnections: 100, tcpKeepalive: { time: '7200s' } } },
      loadBalancer: { simple: 'ROUND_ROBIN' },
      outlierDetection: { consecutive5xxErrors: 5 },
    });
    expect(out.spec?.subsets).toEqual(stored.spec?.subsets);
    expect(plan.edits).toHaveLength(1);
    expect(plan.edits[0].before).toBe(stored);
  });

  it('is unchanged when the values are what is stored', () => {
    const stored = dr();
    expect(
      planCircuitBreaker(readCircuitBreaker(stored, 'v1'), stored, ctx(stored, 'v1')).plan
        .unchanged,
    ).toBe(true);
  });

  it('adds a missing subset from the version labels for a subset-level breaker', () => {
    const stored = dr();
    const { dr: out, plan } = planCircuitBreaker(
      { maxConnections: '10' },
      stored,
      ctx(stored, 'v3'),
    );
    expect(plan.blocking).toBe(false);
    expect(out.spec?.subsets?.[2]).toEqual({
      name: 'v3',
      labels: { version: 'v3' },
      trafficPolicy: { connectionPool: { tcp: { maxConnections: 10 } } },
    });
  });

  it('creates the DestinationRule when there is none', () => {
    const { plan, dr: out } = planCircuitBreaker({ interval: '10s' }, undefined, ctx(undefined));
    expect(plan.edits[0].before).toBeUndefined();
    expect(out.metadata).toEqual({ name: 'reviews', namespace: 'bookinfo' });
    expect(out.spec?.trafficPolicy).toEqual({ outlierDetection: { interval: '10s' } });
  });

  it('puts an out-of-range value on its field, and blocks the write', () => {
    const stored = dr();
    const { plan, dr: out } = planCircuitBreaker(
      { maxEjectionPercent: '150' },
      stored,
      ctx(stored, 'v2'),
    );
    expect(plan.blocking).toBe(true);
    expect(circuitBreakerFieldIssues(plan.issues, out, 'v2', 'maxEjectionPercent')).toHaveLength(1);
  });
});

describe('circuitBreakerFieldIssues', () => {
  it('does not show a host-level or v1 issue on the v2 field of the same name', () => {
    const stored = dr();
    // Broken host-level and v1 values (hand-written), a fine v2 edit.
    stored.spec!.trafficPolicy!.outlierDetection = { maxEjectionPercent: 150 };
    stored.spec!.subsets![0].trafficPolicy = { outlierDetection: { maxEjectionPercent: 200 } };
    const { plan, dr: out } = planCircuitBreaker(
      { maxEjectionPercent: '50' },
      stored,
      ctx(stored, 'v2'),
    );
    expect(plan.issues.filter((i) => i.severity === 'error')).toHaveLength(2);
    expect(circuitBreakerFieldIssues(plan.issues, out, 'v2', 'maxEjectionPercent')).toEqual([]);
    // Each shows on its own level's field.
    expect(
      circuitBreakerFieldIssues(plan.issues, out, undefined, 'maxEjectionPercent'),
    ).toHaveLength(1);
    expect(circuitBreakerFieldIssues(plan.issues, out, 'v1', 'maxEjectionPercent')).toHaveLength(1);
  });

  it('takes only DestinationRule issues at the exact path', () => {
    const path = circuitBreakerFieldPath(dr(), 'v2', 'interval');
    expect(path).toEqual(['spec', 'subsets', 1, 'trafficPolicy', 'outlierDetection', 'interval']);
    const issues = [
      { object: 'VirtualService', path, code: 'x', severity: 'error' as const },
      {
        object: 'DestinationRule',
        path: [...path, 'nested'],
        code: 'y',
        severity: 'error' as const,
      },
      { object: 'DestinationRule', path, code: 'z', severity: 'error' as const },
    ];
    expect(circuitBreakerFieldIssues(issues, dr(), 'v2', 'interval').map((i) => i.code)).toEqual([
      'z',
    ]);
  });
});
