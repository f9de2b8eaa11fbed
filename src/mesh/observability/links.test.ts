import {
  consoleServicePath,
  consoleWorkloadPath,
  kialiBaseUrl,
  kialiDetailsUrl,
  kialiGraphUrl,
  parseTempoInstance,
  tracingUiSearchLink,
  tracingUiTraceLink,
} from './links';

describe('console paths', () => {
  it('names Services and Deployments the way console URLs do, escaping odd names', () => {
    expect(consoleServicePath('bookinfo', 'reviews')).toBe('/k8s/ns/bookinfo/services/reviews');
    expect(consoleWorkloadPath('bookinfo', 'reviews-v2')).toBe(
      '/k8s/ns/bookinfo/deployments/reviews-v2',
    );
    expect(consoleServicePath('a b', 'c/d')).toBe('/k8s/ns/a%20b/services/c%2Fd');
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
  const search = {
    serviceName: 'reviews.bookinfo',
    startMs: 1_763_900_000_000,
    endMs: 1_763_900_600_000,
    limit: 100,
  };
  const query = (href: string) => Object.fromEntries(new URL(href, 'https://console').searchParams);

  it('opens Observe → Traces when the tracing console plugin is there and Tempo is multi-tenant', () => {
    const ui = { consolePlugin: true, provider: 'tempo', urlFormat: 'grafana', tempo };
    expect(tracingUiTraceLink(ui, 'abc123')).toEqual({
      href: '/observe/traces/abc123?namespace=tempo&name=sample&tenant=dev',
      external: false,
    });
    expect(tracingUiSearchLink(ui, search)).toEqual({
      href: '/observe/traces?namespace=tempo&name=sample&tenant=dev&q=%7B+resource.service.name+%3D+%22reviews.bookinfo%22+%7D',
      external: false,
    });
  });

  it('links Jaeger’s UI for the jaeger provider and for Tempo with urlFormat jaeger', () => {
    const jaeger = { consolePlugin: false, provider: 'jaeger', externalUrl: 'https://jaeger/' };
    expect(tracingUiTraceLink(jaeger, 'abc')).toEqual({
      href: 'https://jaeger/trace/abc',
      external: true,
    });
    expect(tracingUiSearchLink(jaeger, search)?.href).toBe(
      'https://jaeger/search?service=reviews.bookinfo&limit=100&start=1763900000000000&end=1763900600000000',
    );
    // Tempo's gateway Jaeger UI, configured as its search page: the UI lives one level up.
    const gateway = {
      consolePlugin: true, // but no tenant known: Observe → Traces cannot be opened
      provider: 'tempo',
      urlFormat: 'jaeger',
      tempo: { name: 's', namespace: 't' },
      externalUrl: 'https://tempo-gw.apps.example.com/api/traces/v1/dev/search',
    };
    expect(tracingUiTraceLink(gateway, 'abc')).toEqual({
      href: 'https://tempo-gw.apps.example.com/api/traces/v1/dev/trace/abc',
      external: true,
    });
    expect(tracingUiSearchLink(gateway, search)?.href).toMatch(
      /^https:\/\/tempo-gw\.apps\.example\.com\/api\/traces\/v1\/dev\/search\?service=reviews\.bookinfo&/,
    );
  });

  it('links the Observe → Traces of the console at the tracing URL for urlFormat openshift', () => {
    const ui = {
      consolePlugin: false,
      provider: 'tempo',
      urlFormat: 'openshift',
      tempo,
      externalUrl: 'https://console-openshift-console.apps.example.com/',
    };
    expect(tracingUiTraceLink(ui, 'abc')).toEqual({
      href: 'https://console-openshift-console.apps.example.com/observe/traces/abc?namespace=tempo&name=sample&tenant=dev',
      external: true,
    });
    const link = tracingUiSearchLink(ui, { ...search, limit: 200 })!;
    expect(link.href).toMatch(
      /^https:\/\/console-openshift-console\.apps\.example\.com\/observe\/traces\?/,
    );
    // Kiali rounds the limit and the window to the choices Observe → Traces offers.
    expect(query(link.href)).toEqual({
      namespace: 'tempo',
      name: 'sample',
      tenant: 'dev',
      limit: '500',
      duration: '15m',
      q: '{ resource.service.name = "reviews.bookinfo" }',
    });
  });

  it('links Grafana’s Explore for urlFormat grafana: with the datasource (Grafana 10) or without', () => {
    const ui = {
      consolePlugin: false,
      provider: 'tempo',
      urlFormat: 'grafana',
      grafana: { url: 'https://grafana.apps.example.com', datasourceUID: 'a8d2ef1c', orgID: '1' },
    };
    const trace = tracingUiTraceLink(ui, 'abc')!;
    expect(trace.href).toMatch(/^https:\/\/grafana\.apps\.example\.com\/explore\?/);
    const tq = query(trace.href);
    expect(tq.schemaVersion).toBe('1');
    expect(tq.orgId).toBe('1');
    expect(JSON.parse(tq.panes)).toEqual({
      a: {
        datasource: 'a8d2ef1c',
        queries: [
          {
            refId: 'A',
            datasource: { uid: 'a8d2ef1c', type: 'tempo' },
            queryType: 'traceql',
            query: 'abc',
          },
        ],
      },
    });
    const s = JSON.parse(query(tracingUiSearchLink(ui, search)!.href).panes).a;
    expect(s.range).toEqual({ from: '1763900000000', to: '1763900600000' });
    expect(s.queries[0]).toMatchObject({
      queryType: 'traceqlSearch',
      filters: [{ tag: 'service.name', scope: 'resource', value: ['reviews.bookinfo'] }],
    });
    // The tracing URL, when Kiali has one, is Grafana's; no datasource: the older Explore URL.
    const legacy = {
      consolePlugin: false,
      provider: 'tempo',
      urlFormat: 'grafana',
      externalUrl: 'https://grafana.example.com/',
    };
    const href = tracingUiTraceLink(legacy, 'abc')!.href;
    expect(href.startsWith('https://grafana.example.com/explore?left=')).toBe(true);
    expect(JSON.parse(query(href).left)).toEqual({
      queries: [{ datasource: { type: 'tempo' }, queryType: 'traceql', query: 'abc' }],
    });
    expect(JSON.parse(query(tracingUiSearchLink(legacy, search)!.href).left)).toEqual({
      queries: [
        {
          datasource: { type: 'tempo' },
          queryType: 'nativeSearch',
          serviceName: 'reviews.bookinfo',
        },
      ],
    });
  });

  it('has no Jaeger-style link for a Tempo without urlFormat jaeger, and none when there is nowhere to go', () => {
    // Tempo without a url format Kiali knows: only Grafana, as Kiali's UI does.
    const tempoUi = {
      consolePlugin: false,
      provider: 'tempo',
      externalUrl: 'https://tempo-gw.apps.example.com/api/traces/v1/dev/search',
    };
    expect(tracingUiTraceLink(tempoUi, 'abc')).toBeUndefined();
    expect(
      tracingUiTraceLink({ ...tempoUi, grafana: { url: 'https://grafana' } }, 'abc')?.href,
    ).toMatch(/^https:\/\/grafana\/explore\?left=/);
    expect(tracingUiTraceLink({ consolePlugin: false }, 'abc')).toBeUndefined();
    expect(tracingUiSearchLink({ consolePlugin: true }, search)).toBeUndefined();
    expect(
      tracingUiTraceLink({ consolePlugin: false, externalUrl: 'javascript:alert(1)' }, 'abc'),
    ).toBeUndefined();
  });
});
