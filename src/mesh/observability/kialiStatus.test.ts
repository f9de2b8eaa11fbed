import {
  kialiPrometheusRefused,
  classifyKialiFailure,
  decodeKialiConfig,
  decodeKialiStatus,
  decodeTracingInfo,
  kialiErrorText,
} from './kialiStatus';

describe('decodeKialiStatus', () => {
  it('reads the state, version and external services', () => {
    expect(
      decodeKialiStatus({
        status: {
          'Kiali state': 'running',
          'Kiali version': 'v2.27.0',
          'Kiali commit hash': 'abc',
        },
        externalServices: [
          { name: 'Istio', version: '1.30.3' },
          { name: 'Prometheus', url: 'https://prom' },
          { version: 'x' },
        ],
        warningMessages: ['Istio version 1.30 is not supported', 3],
        istioEnvironment: { istioAPIEnabled: true },
      }),
    ).toEqual({
      ok: true,
      value: {
        state: 'running',
        version: 'v2.27.0',
        externalServices: [
          { name: 'Istio', version: '1.30.3', url: undefined },
          { name: 'Prometheus', version: undefined, url: 'https://prom' },
        ],
        warnings: ['Istio version 1.30 is not supported'],
      },
    });
  });

  it('rejects what is not Kiali’s status (e.g. an HTML login page decoded as text)', () => {
    expect(decodeKialiStatus('<html>')).toEqual({
      ok: false,
      error: 'Kiali status is string, not an object',
    });
    expect(decodeKialiStatus({ state: 'running' })).toEqual({
      ok: false,
      error: 'Kiali status has no "status" object',
    });
  });
});

describe('decodeKialiConfig', () => {
  it('reads the window Kiali computes health over (health_config.compute.duration)', () => {
    // GET /api/config of Kiali 2.27 (handlers/config.go PublicConfig.HealthConfig), abridged.
    const config = (compute?: unknown) => ({
      authStrategy: 'openshift',
      healthConfig: {
        ...(compute ? { compute } : {}),
        rate: [
          {
            namespace: '.*',
            kind: '.*',
            name: '.*',
            tolerance: [
              { code: '5XX', degraded: 0, failure: 10, protocol: 'http', direction: '.*' },
            ],
          },
        ],
      },
      istioLabels: { appLabelName: 'app', versionLabelName: 'version' },
    });
    expect(
      decodeKialiConfig(config({ duration: '10m', refreshInterval: '3m', timeout: '10m' })),
    ).toEqual({ ok: true, value: { healthDuration: '10m', ambientEnabled: false } });
    // As Kiali's UI does, a Kiali that does not say falls back to its default, 5m.
    expect(decodeKialiConfig(config())).toEqual({
      ok: true,
      value: { healthDuration: '5m', ambientEnabled: false },
    });
    expect(decodeKialiConfig('<html>')).toEqual({
      ok: false,
      error: 'Kiali config is string, not an object',
    });
  });

  it('reads whether Kiali found the ambient data plane (omitted when not)', () => {
    expect(decodeKialiConfig({ ambientEnabled: true })).toEqual({
      ok: true,
      value: { healthDuration: '5m', ambientEnabled: true },
    });
    expect(decodeKialiConfig({ ambientEnabled: 'yes' })).toMatchObject({
      value: { ambientEnabled: false },
    });
  });
});

describe('decodeTracingInfo', () => {
  it('reads whether tracing is on, the provider and both URLs', () => {
    expect(
      decodeTracingInfo({
        enabled: true,
        integration: true,
        provider: 'tempo',
        url: 'https://tempo.example.com/api/traces/v1/dev/search',
        internalURL:
          'https://tempo-sample-gateway.tempo.svc.cluster.local:8080/api/traces/v1/dev/tempo',
      }),
    ).toEqual({
      ok: true,
      value: {
        enabled: true,
        provider: 'tempo',
        url: 'https://tempo.example.com/api/traces/v1/dev/search',
        internalURL:
          'https://tempo-sample-gateway.tempo.svc.cluster.local:8080/api/traces/v1/dev/tempo',
        tempoConfig: undefined,
      },
    });
    expect(decodeTracingInfo({ enabled: false, url: '' })).toEqual({
      ok: true,
      value: {
        enabled: false,
        provider: undefined,
        url: undefined,
        internalURL: undefined,
        tempoConfig: undefined,
      },
    });
  });

  it('reads tempoConfig under Kiali’s JSON names, leaving out what is empty', () => {
    // GET /api/tracing of Kiali 2.27 (models/tracing.go TracingInfo, config.go TempoConfig).
    const r = decodeTracingInfo({
      enabled: true,
      integration: true,
      internalURL: 'https://tempo-sample-gateway.tempo.svc.cluster.local:8080',
      provider: 'tempo',
      tempoConfig: {
        cacheCapacity: 200,
        cacheEnabled: true,
        datasourceUID: 'a8d2ef1c-d31c-4de5-a90b-e7bc5252cd00',
        name: 'sample',
        namespace: 'tempo',
        orgID: '1',
        tenant: 'dev',
        urlFormat: 'openshift',
      },
      url: 'https://console-openshift-console.apps.example.com',
      namespaceSelector: true,
      useWaypointName: false,
      whiteListIstioSystem: ['jaeger-query', 'istio-ingressgateway'],
    });
    expect(r.ok && r.value.tempoConfig).toEqual({
      name: 'sample',
      namespace: 'tempo',
      tenant: 'dev',
      urlFormat: 'openshift',
      datasourceUID: 'a8d2ef1c-d31c-4de5-a90b-e7bc5252cd00',
      orgID: '1',
    });
    // Kiali with tracing off sends the zero value: every tempoConfig field is omitted.
    const off = decodeTracingInfo({ enabled: false, integration: false, tempoConfig: {}, url: '' });
    expect(off.ok && off.value.tempoConfig).toBeUndefined();
  });

  it('rejects a body without the enabled flag', () => {
    expect(decodeTracingInfo({ provider: 'tempo' })).toEqual({
      ok: false,
      error: 'Kiali tracing info has no "enabled" flag',
    });
  });
});

describe('kialiErrorText', () => {
  it('joins error and detail, and ignores bodies that are not Kiali errors', () => {
    expect(kialiErrorText({ error: 'Namespace [x] is not accessible', detail: 'forbidden' })).toBe(
      'Namespace [x] is not accessible: forbidden',
    );
    expect(kialiErrorText({ error: 'boom', detail: 'boom' })).toBe('boom');
    expect(kialiErrorText({ message: 'a k8s Status' })).toBeUndefined();
    expect(kialiErrorText('text')).toBeUndefined();
  });
});

describe('classifyKialiFailure', () => {
  it('tells an unreachable Kiali from a refusal, another error and no answer', () => {
    expect(
      classifyKialiFailure(
        502,
        { kind: 'Status', message: 'No service behind the "kiali" proxy' },
        'Bad Gateway',
      ),
    ).toEqual({
      kind: 'unreachable',
      status: 502,
      message: 'No service behind the "kiali" proxy',
    });
    expect(classifyKialiFailure(503, undefined, 'Service Unavailable').kind).toBe('unreachable');
    expect(
      classifyKialiFailure(403, { error: 'Namespace [bookinfo] is not accessible' }, 'Forbidden'),
    ).toEqual({
      kind: 'forbidden',
      status: 403,
      message: 'Namespace [bookinfo] is not accessible',
      fromKiali: true,
    });
    expect(
      classifyKialiFailure(
        500,
        { error: 'prometheus: connection refused' },
        'Internal Server Error',
      ),
    ).toEqual({
      kind: 'http',
      status: 500,
      message: 'prometheus: connection refused',
      fromKiali: true,
    });
    expect(classifyKialiFailure(undefined, undefined, 'Failed to fetch')).toEqual({
      kind: 'network',
      message: 'Failed to fetch',
    });
  });

  it('tells Kiali’s own 503 {error} (its tracing backend failed) from a proxy that reached nothing', () => {
    // handlers/tracing.go answers RespondWithError(w, 503, err.Error()) when Tempo fails.
    expect(
      classifyKialiFailure(
        503,
        {
          error:
            '[HTTP Tempo] Tempo API query error: upstream connect error [code: 503, URL: https://tempo-sample-gateway.tempo.svc.cluster.local:8080/api/traces/v1/default/tempo/api/search]',
        },
        'Service Unavailable',
      ),
    ).toEqual({
      kind: 'backend',
      status: 503,
      message:
        '[HTTP Tempo] Tempo API query error: upstream connect error [code: 503, URL: https://tempo-sample-gateway.tempo.svc.cluster.local:8080/api/traces/v1/default/tempo/api/search]',
      fromKiali: true,
    });
    // The console proxy's own text/plain 502 has no JSON body: Kiali was not reached.
    expect(classifyKialiFailure(502, undefined, 'Bad Gateway')).toEqual({
      kind: 'unreachable',
      status: 502,
      message: 'Bad Gateway',
    });
  });
});

describe('kialiPrometheusRefused', () => {
  it('recognises Kiali’s 503 carrying Thanos’ 401/403, and nothing else', () => {
    const refused = classifyKialiFailure(
      503,
      { error: 'client_error: client error: 403' },
      'HTTP 503',
    );
    expect(kialiPrometheusRefused(refused)).toBe(true);
    expect(
      kialiPrometheusRefused(
        classifyKialiFailure(503, { error: 'client_error: client error: 401' }, 'x'),
      ),
    ).toBe(true);
    // Another backend failure, the proxy's own 503, no failure.
    expect(
      kialiPrometheusRefused(classifyKialiFailure(503, { error: 'server_error: 500' }, 'x')),
    ).toBe(false);
    expect(
      kialiPrometheusRefused(classifyKialiFailure(503, undefined, 'Service Unavailable')),
    ).toBe(false);
    expect(kialiPrometheusRefused(undefined)).toBe(false);
  });
});
