import {
  consoleServicePath,
  consoleWorkloadPath,
  kialiBaseUrl,
  kialiDetailsUrl,
  kialiGraphUrl,
  parseTempoInstance,
  securityPagePath,
  tracingUiSearchLink,
  tracingUiTraceLink,
  trafficFormPath,
} from './links';

describe('console paths', () => {
  it('names Services and Deployments the way console URLs do, escaping odd names', () => {
    expect(consoleServicePath('bookinfo', 'reviews')).toBe('/k8s/ns/bookinfo/services/reviews');
    expect(consoleWorkloadPath('bookinfo', 'reviews-v2')).toBe(
      '/k8s/ns/bookinfo/deployments/reviews-v2',
    );
    expect(consoleServicePath('a b', 'c/d')).toBe('/k8s/ns/a%20b/services/c%2Fd');
    expect(trafficFormPath('bookinfo', 'reviews', 'circuit-breaker')).toBe(
      '/service-mesh/traffic/ns/bookinfo/reviews/circuit-breaker',
    );
    expect(securityPagePath('bookinfo')).toBe('/service-mesh/security/ns/bookinfo');
  });
});

describe('Kiali links', () => {
  it('builds the base from the Route host and web root', () => {
    expect(kialiBaseUrl('kiali-istio-system.apps.example.com')).toBe(
      'https://kiali-istio-system.apps.example.com',
    );
    expect(kialiBaseUrl('k.example.com', '/kiali/')).toBe('https://k.example.com/kiali');
    expect(kialiBaseUrl('k.example.com', 'kiali')).toBe('https://k.example.com/kiali');
  });

  const base = 'https://kiali.example.com';
  it('links the namespace graph and node graphs at the chosen duration', () => {
    expect(kialiGraphUrl(base, { kind: 'namespace', namespace: 'bookinfo' }, 600)).toBe(
      'https://kiali.example.com/console/graph/namespaces?namespaces=bookinfo&graphType=versionedApp&duration=600&injectServiceNodes=true',
    );
    expect(
      kialiGraphUrl(base, { kind: 'service', namespace: 'bookinfo', name: 'reviews' }, 60),
    ).toBe(
      'https://kiali.example.com/console/graph/node/namespaces/bookinfo/services/reviews?graphType=versionedApp&duration=60&injectServiceNodes=true',
    );
    expect(
      kialiGraphUrl(base, { kind: 'workload', namespace: 'bookinfo', name: 'reviews-v1' }, 60),
    ).toContain('/console/graph/node/namespaces/bookinfo/workloads/reviews-v1?');
  });

  it('links details pages on a tab', () => {
    expect(
      kialiDetailsUrl(base, { kind: 'service', namespace: 'bookinfo', name: 'reviews' }, 'traces'),
    ).toBe('https://kiali.example.com/console/namespaces/bookinfo/services/reviews?tab=traces');
    expect(
      kialiDetailsUrl(base, { kind: 'workload', namespace: 'bookinfo', name: 'reviews-v1' }),
    ).toBe('https://kiali.example.com/console/namespaces/bookinfo/workloads/reviews-v1');
  });
});

describe('parseTempoInstance', () => {
  it.each([
    [
      'https://tempo-sample-gateway.tempo.svc.cluster.local:8080/api/traces/v1/dev/tempo',
      { name: 'sample', namespace: 'tempo', tenant: 'dev' },
    ],
    [
      'http://tempo-sample-query-frontend.tracing-system.svc:3200',
      { name: 'sample', namespace: 'tracing-system' },
    ],
    ['http://tempo-mono.observability:3200', { name: 'mono', namespace: 'observability' }],
    ['http://jaeger-query.istio-system:16686', undefined],
    ['not a url', undefined],
    [undefined, undefined],
  ])('%s', (url, instance) => {
    expect(parseTempoInstance(url)).toEqual(instance);
  });
});

describe('tracing UI links', () => {
  const tempo = { name: 'sample', namespace: 'tempo', tenant: 'dev' };
  it('opens Observe → Traces when the tracing console plugin is there and Tempo is multi-tenant', () => {
    expect(tracingUiTraceLink({ consolePlugin: true, tempo }, 'abc123')).toEqual({
      href: '/observe/traces/abc123?namespace=tempo&name=sample&tenant=dev',
      external: false,
    });
    expect(tracingUiSearchLink({ consolePlugin: true, tempo }, 'reviews.bookinfo')).toEqual({
      href: '/observe/traces?namespace=tempo&name=sample&tenant=dev&q=%7B+resource.service.name+%3D+%22reviews.bookinfo%22+%7D',
      external: false,
    });
  });

  it('falls back to the UI Kiali knows, Jaeger-style, without the plugin or a tenant', () => {
    const externalUrl = 'https://tempo-gw.apps.example.com/api/traces/v1/dev/search';
    expect(tracingUiTraceLink({ consolePlugin: false, tempo, externalUrl }, 'abc')).toEqual({
      href: 'https://tempo-gw.apps.example.com/api/traces/v1/dev/trace/abc',
      external: true,
    });
    expect(
      tracingUiTraceLink(
        {
          consolePlugin: true,
          tempo: { name: 's', namespace: 't' },
          externalUrl: 'https://jaeger/',
        },
        'abc',
      ),
    ).toEqual({
      href: 'https://jaeger/trace/abc',
      external: true,
    });
    expect(
      tracingUiSearchLink(
        { consolePlugin: false, externalUrl: 'https://jaeger' },
        'reviews.bookinfo',
      )?.href,
    ).toBe('https://jaeger/search?service=reviews.bookinfo');
  });

  it('has no link when there is nowhere to go', () => {
    expect(tracingUiTraceLink({ consolePlugin: false }, 'abc')).toBeUndefined();
    expect(tracingUiSearchLink({ consolePlugin: true }, 'x')).toBeUndefined();
  });
});
