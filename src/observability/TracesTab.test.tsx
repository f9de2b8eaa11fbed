import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import type { TelemetryObjects } from '../mesh/observability/telemetryReadiness';
import {
  BAD_GATEWAY,
  FakeHttpError,
  KIALI_STATUS,
  fetchedUrls,
  givenKiali,
  givenWatches,
} from '../testing/fakeConsole';
import {
  TELEMETRY_SERVED,
  complete,
  readable,
  telemetryWatches,
} from '../testing/telemetryFixtures';
import TracesTab from './TracesTab';

const SERVED = [
  'kiali.io~v1alpha1~Kiali',
  'route.openshift.io~v1~Route',
  'tempo.grafana.com~v1alpha1~TempoStack',
];
const reviews = {
  kind: 'Service',
  metadata: { name: 'reviews', namespace: 'bookinfo' },
  spec: { selector: { app: 'reviews' } },
};
const kialiCR = { metadata: { name: 'kiali', namespace: 'istio-system' } };
// GET /api/tracing as Kiali 2.27 sends it for a Tempo gateway with its Jaeger UI.
const TRACING = {
  enabled: true,
  integration: true,
  provider: 'tempo',
  url: 'https://tempo.example.com/api/traces/v1/dev/search',
  internalURL: 'https://tempo-sample-gateway.tempo.svc.cluster.local:8080/api/traces/v1/dev/tempo',
  tempoConfig: { cacheCapacity: 200, cacheEnabled: true, urlFormat: 'jaeger' },
  namespaceSelector: true,
  useWaypointName: false,
  whiteListIstioSystem: ['jaeger-query', 'istio-ingressgateway'],
};

const NOW = Date.now() * 1000; // µs; spans inside the default 10-minute window
const span = (
  traceID: string,
  spanID: string,
  p: string,
  op: string,
  start: number,
  duration: number,
  parent?: string,
  error = false,
) => ({
  traceID,
  spanID,
  operationName: op,
  references: parent ? [{ refType: 'CHILD_OF', traceID, spanID: parent }] : [],
  startTime: NOW - 60_000_000 + start,
  duration,
  tags: error ? [{ key: 'error', type: 'bool', value: true }] : [],
  processID: p,
});
const processes = {
  p1: { serviceName: 'productpage.bookinfo', tags: [] },
  p2: { serviceName: 'reviews.bookinfo', tags: [] },
  p3: { serviceName: 'ratings.bookinfo', tags: [] },
};
const slow = {
  traceID: 'aaa111',
  spans: [
    span('aaa111', 'a', 'p1', 'GET /productpage', 0, 40_000),
    span('aaa111', 'b', 'p2', 'GET /reviews/0', 5_000, 30_000, 'a'),
    span('aaa111', 'c', 'p3', 'GET /ratings/0', 10_000, 10_000, 'b', true),
  ],
  processes,
};
const fast = {
  traceID: 'bbb222',
  spans: [span('bbb222', 'x', 'p2', 'GET /reviews/1', 2_000_000, 3_000)],
  processes,
};

const Location = () => {
  const l = useLocation();
  return <output data-test="location">{`${l.pathname}${l.search}`}</output>;
};
const renderTab = (
  obj: unknown = reviews,
  entry = '/k8s/ns/bookinfo/services/reviews/service-mesh-traces',
) =>
  render(
    <MemoryRouter initialEntries={[entry]}>
      <Routes>
        <Route
          path="*"
          element={
            <>
              <TracesTab obj={obj as never} />
              <Location />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
  );

const givenTracing = (over: Record<string, unknown> = {}) =>
  givenKiali({
    '/api/status': KIALI_STATUS,
    '/api/tracing': TRACING,
    '/api/plugins/distributed-tracing-console-plugin/plugin-manifest.json': new FakeHttpError(404),
    '/api/namespaces/bookinfo/services/reviews/traces': { data: [slow, fast], errors: [] },
    '/api/traces/aaa111': { data: slow, errors: [] },
    ...over,
  });

beforeEach(() => givenWatches(SERVED, { kialis: { data: [kialiCR] } }));

describe('TracesTab', () => {
  it('lists recent traces, newest first, with root span, duration, spans and errors', async () => {
    givenTracing();
    renderTab();
    const table = await screen.findByTestId('traces-table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-test'))).toEqual(['trace-bbb222', 'trace-aaa111']);
    expect(rows[1]).toHaveTextContent(/productpage\.bookinfo GET \/productpage.*40ms.*3.*1/);
    expect(rows[0]).toHaveTextContent(/reviews\.bookinfo GET \/reviews\/1.*3ms.*1.*0/);
    const scatter = screen.getByTestId('trace-scatter');
    expect(scatter).toHaveAccessibleName('Durations of 2 traces over time, 1 with errors');
    expect(scatter.querySelectorAll('circle')).toHaveLength(2);
  });

  it('over Tempo, lists matched spans without claiming a root, and opens the whole trace by id', async () => {
    // Kiali's conversion of Tempo's search (tracing/tempo/http_client.go convertBatchTrace): only
    // the matched span, its process inline, no process table, no references.
    const matchedOnly = {
      traceID: 'aaa111',
      spans: [
        {
          traceID: 'aaa111',
          spanID: 'b',
          operationName: 'GET /reviews/0',
          references: [],
          startTime: NOW - 60_000_000 + 5_000,
          duration: 30_000,
          tags: [],
          logs: [],
          process: { serviceName: 'reviews.bookinfo', tags: [] },
          warnings: [],
        },
      ],
      processes: {},
      warnings: [],
      matched: 1,
    };
    givenTracing({
      '/api/namespaces/bookinfo/services/reviews/traces': {
        data: [matchedOnly],
        errors: null,
        tracingServiceName: 'reviews.bookinfo',
      },
    });
    renderTab();
    const table = await screen.findByTestId('traces-table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual([
      'First matched span',
      'Started',
      'Duration of matched spans',
      'Matched spans',
      'Errors',
    ]);
    expect(within(table).queryByText('Root span')).toBeNull();
    expect(screen.getByTestId('matched-only-note')).toHaveTextContent(
      'Each trace below holds only its spans through reviews',
    );
    await userEvent.click(
      within(table).getByRole('link', { name: /reviews\.bookinfo GET \/reviews\/0/ }),
    );
    // The waterfall is the whole trace from GET /api/traces/{id}, not the search answer.
    const waterfall = await screen.findByTestId('waterfall');
    expect(fetchedUrls().some((u) => u.pathname.endsWith('/kiali/api/traces/aaa111'))).toBe(true);
    expect(
      within(waterfall)
        .getAllByRole('row')
        .filter((r) => r.getAttribute('data-test')?.startsWith('span-'))
        .map((r) => r.getAttribute('data-test')),
    ).toEqual(['span-a', 'span-b', 'span-c']);
    expect(screen.getByTestId('trace-summary')).toHaveTextContent(
      'Root: productpage.bookinfo GET /productpage',
    );
  });

  it('asks Kiali for the last window’s traces of the service', async () => {
    givenTracing();
    renderTab();
    await screen.findByTestId('traces-table');
    const call = fetchedUrls().find((u) => u.pathname.endsWith('/services/reviews/traces'))!;
    const start = Number(call.searchParams.get('startMicros'));
    const end = Number(call.searchParams.get('endMicros'));
    expect(end - start).toBe(600_000_000);
    expect(call.searchParams.get('limit')).toBe('100');
    expect([...call.searchParams.keys()].sort()).toEqual(['endMicros', 'limit', 'startMicros']);
  });

  it('opens a trace as a span waterfall, and goes back', async () => {
    givenTracing();
    renderTab();
    await userEvent.click(
      await screen.findByRole('link', { name: /productpage\.bookinfo GET \/productpage/ }),
    );
    expect(screen.getByTestId('location')).toHaveTextContent('?trace=aaa111');
    const waterfall = await screen.findByTestId('waterfall');
    const spans = within(waterfall)
      .getAllByRole('row')
      .filter((r) => r.getAttribute('data-test')?.startsWith('span-'));
    expect(spans.map((r) => [r.getAttribute('data-test'), r.getAttribute('data-depth')])).toEqual([
      ['span-a', '0'],
      ['span-b', '1'],
      ['span-c', '2'],
    ]);
    expect(spans[2]).toHaveTextContent('ratings.bookinfo');
    expect(within(spans[2]).getByTitle('Error')).toBeInTheDocument();
    expect(screen.getByTestId('trace-summary')).toHaveTextContent('1 with errors');
    // Without the tracing console plugin: the UI Kiali knows, Jaeger-style.
    expect(screen.getByTestId('open-trace-in-tracing-ui')).toHaveAttribute(
      'href',
      'https://tempo.example.com/api/traces/v1/dev/trace/aaa111',
    );
    await userEvent.click(screen.getByTestId('back-to-traces'));
    expect(await screen.findByTestId('traces-table')).toBeInTheDocument();
  });

  it('links into Observe → Traces when the distributed tracing console plugin is loaded', async () => {
    givenTracing({
      '/api/plugins/distributed-tracing-console-plugin/plugin-manifest.json': {
        name: 'distributed-tracing-console-plugin',
      },
    });
    renderTab(reviews, '/k8s/ns/bookinfo/services/reviews/service-mesh-traces?trace=aaa111');
    expect(await screen.findByTestId('open-trace-in-tracing-ui')).toHaveAttribute(
      'href',
      '/observe/traces/aaa111?namespace=tempo&name=sample&tenant=dev',
    );
  });

  it('names the Tempo instance for Observe → Traces from Kiali’s tempoConfig', async () => {
    givenTracing({
      '/api/tracing': {
        ...TRACING,
        url: 'https://console-openshift-console.apps.example.com',
        internalURL: 'https://tempo-platform-gateway.observability.svc.cluster.local:8080',
        tempoConfig: {
          cacheCapacity: 200,
          cacheEnabled: true,
          name: 'platform',
          namespace: 'observability',
          tenant: 'mesh',
          urlFormat: 'openshift',
        },
      },
      '/api/plugins/distributed-tracing-console-plugin/plugin-manifest.json': {
        name: 'distributed-tracing-console-plugin',
      },
    });
    renderTab();
    expect(await screen.findByTestId('open-in-tracing-ui')).toHaveAttribute(
      'href',
      '/observe/traces?namespace=observability&name=platform&tenant=mesh&q=%7B+resource.service.name+%3D+%22reviews.bookinfo%22+%7D',
    );
  });

  it('links a trace to Grafana for urlFormat grafana, not to a Jaeger path', async () => {
    givenTracing({
      '/api/status': {
        ...KIALI_STATUS,
        externalServices: [{ name: 'Grafana', url: 'https://grafana.apps.example.com' }],
      },
      '/api/tracing': {
        ...TRACING,
        url: '',
        tempoConfig: { cacheCapacity: 200, cacheEnabled: true, urlFormat: 'grafana' },
      },
    });
    renderTab(reviews, '/k8s/ns/bookinfo/services/reviews/service-mesh-traces?trace=aaa111');
    const href = (await screen.findByTestId('open-trace-in-tracing-ui')).getAttribute('href')!;
    expect(href.startsWith('https://grafana.apps.example.com/explore?left=')).toBe(true);
    expect(href).not.toContain('/trace/aaa111');
  });

  it('says Kiali has no tracing backend, naming the Tempo instances it could use', async () => {
    givenTracing({ '/api/tracing': { enabled: false } });
    givenWatches(SERVED, {
      kialis: { data: [kialiCR] },
      stacks: {
        data: [
          {
            metadata: { name: 'sample', namespace: 'tempo' },
            spec: {
              tenants: {
                mode: 'openshift',
                authentication: [{ tenantName: 'dev', tenantId: '1' }],
              },
            },
          },
        ],
      },
    });
    renderTab();
    const state = await screen.findByTestId('tracing-disabled');
    expect(state).toHaveTextContent('Kiali has no tracing backend');
    expect(state).toHaveTextContent('sample in tempo (tenant dev)');
  });

  it('says Kiali is not installed, with the wizard, when it is absent', async () => {
    givenKiali({ '/api/status': BAD_GATEWAY });
    givenWatches(SERVED, { kialis: { data: [] } });
    renderTab();
    expect(await screen.findByRole('link', { name: 'Install Kiali' })).toHaveAttribute(
      'href',
      '/service-mesh/install',
    );
  });

  it('shows a failed or malformed traces answer as a message', async () => {
    givenTracing({
      '/api/namespaces/bookinfo/services/reviews/traces': new FakeHttpError(500, {
        error: 'tempo: 503 Service Unavailable',
      }),
    });
    renderTab();
    expect(await screen.findByTestId('traces-error')).toHaveTextContent(
      'Kiali answered HTTP 500: tempo: 503 Service Unavailable',
    );
  });

  it('says Kiali answered but its tracing backend failed on Kiali’s own 503, not that Kiali is unreachable', async () => {
    givenTracing({
      // handlers/tracing.go: RespondWithError(w, http.StatusServiceUnavailable, err.Error()).
      '/api/namespaces/bookinfo/services/reviews/traces': new FakeHttpError(
        503,
        {
          error:
            '[HTTP Tempo] Tempo API query error: no healthy upstream [code: 503, URL: https://tempo-sample-gateway.tempo.svc.cluster.local:8080/api/traces/v1/dev/tempo/api/search]',
        },
        'Service Unavailable',
      ),
    });
    renderTab();
    const alert = await screen.findByTestId('traces-error');
    expect(alert).toHaveTextContent(
      'Kiali answered, but its tracing backend failed: [HTTP Tempo] Tempo API query error: no healthy upstream',
    );
    expect(alert).not.toHaveTextContent('could not reach Kiali');
  });

  it('says the console could not reach Kiali on the proxy’s own 502', async () => {
    givenTracing({
      '/api/namespaces/bookinfo/services/reviews/traces': new FakeHttpError(
        502,
        undefined,
        'Bad Gateway',
      ),
    });
    renderTab();
    expect(await screen.findByTestId('traces-error')).toHaveTextContent(
      'The console could not reach Kiali through the plugin’s "kiali" proxy (HTTP 502): Bad Gateway',
    );
  });

  it('says "trace not found" for Kiali’s answer over Jaeger (200, an empty trace, errors [404])', async () => {
    const missing = '0af7651916cd43dd8448eb211c80319c';
    givenTracing({
      [`/api/traces/${missing}`]: {
        data: { traceID: '', spans: null, processes: null, warnings: null, matched: 0 },
        errors: [{ code: 404, msg: 'trace not found' }],
      },
    });
    renderTab(reviews, `/k8s/ns/bookinfo/services/reviews/service-mesh-traces?trace=${missing}`);
    const state = await screen.findByTestId('trace-not-found');
    expect(state).toHaveTextContent('Trace not found');
    expect(state).toHaveTextContent(`The tracing backend has no trace ${missing}`);
    expect(screen.queryByTestId('trace-error')).toBeNull();
  });

  it('says "trace not found" for Kiali’s own 404, and that the backend failed for its 503', async () => {
    givenTracing({
      '/api/traces/aaa111': new FakeHttpError(404, { error: 'Trace aaa111 not found' }),
      '/api/traces/bbb222': new FakeHttpError(503, {
        error: '[HTTP Tempo] Error returning traces: trace not found',
      }),
    });
    const { unmount } = renderTab(
      reviews,
      '/k8s/ns/bookinfo/services/reviews/service-mesh-traces?trace=aaa111',
    );
    expect(await screen.findByTestId('trace-not-found')).toBeInTheDocument();
    unmount();
    renderTab(reviews, '/k8s/ns/bookinfo/services/reviews/service-mesh-traces?trace=bbb222');
    expect(await screen.findByTestId('trace-error')).toHaveTextContent(
      'Kiali answered, but its tracing backend failed: [HTTP Tempo] Error returning traces: trace not found',
    );
  });

  it('shows a malformed trace as a message', async () => {
    givenTracing({
      '/api/traces/aaa111': { data: { traceID: 'aaa111', spans: [{ spanID: 'a' }] } },
    });
    renderTab(reviews, '/k8s/ns/bookinfo/services/reviews/service-mesh-traces?trace=aaa111');
    expect(await screen.findByTestId('trace-error')).toHaveTextContent(
      'trace aaa111 has a span without spanID, startTime or duration',
    );
  });

  it('reads a Deployment’s traces as its workload’s, and changes the number asked for', async () => {
    givenTracing({
      '/api/namespaces/bookinfo/workloads/reviews-v1/traces': { data: [], errors: [] },
    });
    renderTab({
      kind: 'Deployment',
      metadata: { name: 'reviews-v1', namespace: 'bookinfo' },
      spec: { template: { metadata: { labels: { app: 'reviews' } } } },
    });
    expect(await screen.findByTestId('no-traces')).toHaveTextContent(
      'No traces through reviews-v1 in the last 10m',
    );
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Number of traces' }),
      'At most 20 traces',
    );
    await waitFor(() =>
      expect(
        fetchedUrls().some(
          (u) =>
            u.pathname.endsWith('/workloads/reviews-v1/traces') &&
            u.searchParams.get('limit') === '20',
        ),
      ).toBe(true),
    );
    const search = new URL(screen.getByTestId('open-in-tracing-ui').getAttribute('href')!);
    expect(`${search.origin}${search.pathname}`).toBe(
      'https://tempo.example.com/api/traces/v1/dev/search',
    );
    expect(search.searchParams.get('service')).toBe('reviews.bookinfo');
    expect(search.searchParams.get('limit')).toBe('20');
    // The tab's window, in microseconds, as Kiali's Jaeger links carry it.
    expect(Number(search.searchParams.get('end')) - Number(search.searchParams.get('start'))).toBe(
      600_000_000,
    );
  });
});

describe('TracesTab when traces are not recorded (Service Mesh 3)', () => {
  const givenChain = (objects: TelemetryObjects) =>
    givenWatches([...SERVED, ...TELEMETRY_SERVED], telemetryWatches(objects));
  // The SDK mock's default: no watch answered.
  afterEach(() =>
    (useK8sWatchResource as jest.Mock).mockImplementation(() => [undefined, false, undefined]),
  );
  const noTraces = { '/api/namespaces/bookinfo/services/reviews/traces': { data: [], errors: [] } };

  it('names the missing link in place of an empty list, with the wizard step', async () => {
    givenChain({ ...complete(), telemetries: readable() });
    givenTracing(noTraces);
    renderTab();
    const checklist = await screen.findByTestId('telemetry-checklist');
    expect(checklist).toHaveTextContent('Why there are no traces');
    const link = within(checklist).getByTestId('telemetry-link-tracing-telemetry');
    expect(link).toHaveAttribute('data-state', 'missing');
    expect(link).toHaveTextContent('No Telemetry turns tracing on with that provider.');
    expect(within(link).getByRole('link')).toHaveAttribute(
      'href',
      '/service-mesh/install#step-tracing',
    );
    expect(within(checklist).queryByTestId('telemetry-link-uwm-enabled')).toBeNull();
    expect(screen.queryByTestId('no-traces')).toBeNull();
  });

  it('says "no traces" when the tracing chain holds', async () => {
    givenChain(complete());
    givenTracing(noTraces);
    renderTab();
    expect(await screen.findByTestId('no-traces')).toBeInTheDocument();
    expect(screen.queryByTestId('telemetry-checklist')).toBeNull();
  });

  it('keeps older traces in view and warns that new ones are not recorded', async () => {
    givenChain({ ...complete(), collectors: readable() });
    givenTracing();
    renderTab();
    await screen.findByTestId('traces-table');
    expect(screen.getByTestId('telemetry-warning')).toHaveTextContent(
      'new traces are not recorded',
    );
    expect(
      within(screen.getByTestId('telemetry-warning')).getByTestId('telemetry-link-collector-ready'),
    ).toBeInTheDocument();
  });

  it('tells that a workload runs without a sidecar, with the way to enrol it', async () => {
    givenChain(complete());
    (useK8sWatchResource as jest.Mock).mockReturnValue([
      [
        {
          metadata: { name: 'reviews-v1-abc', namespace: 'bookinfo', labels: { app: 'reviews' } },
          spec: { containers: [{ name: 'reviews' }] },
        },
      ],
      true,
      undefined,
    ]);
    givenTracing({
      '/api/namespaces/bookinfo/workloads/reviews-v1/traces': { data: [], errors: [] },
    });
    renderTab({
      kind: 'Deployment',
      metadata: { name: 'reviews-v1', namespace: 'bookinfo' },
      spec: {
        template: { metadata: { labels: { app: 'reviews', 'pod-template-hash': '5d7f' } } },
      },
    });
    const link = await screen.findByTestId('telemetry-link-workload-sidecar');
    expect(link).toHaveTextContent('runs without a sidecar');
    expect(within(link).getByRole('link', { name: 'Enrol and restart it' })).toHaveAttribute(
      'href',
      '/service-mesh/install#step-members',
    );
    // The pods are found by the template's labels, without the one that pins a ReplicaSet.
    expect(useK8sWatchResource).toHaveBeenCalledWith(
      expect.objectContaining({
        namespace: 'bookinfo',
        selector: { matchLabels: { app: 'reviews' } },
      }),
    );
  });
});
