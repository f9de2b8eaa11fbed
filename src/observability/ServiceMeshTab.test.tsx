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
import { installSvgLayoutStubs } from '../testing/svgLayout';
import {
  TELEMETRY_SERVED,
  complete,
  readable,
  telemetryWatches,
} from '../testing/telemetryFixtures';
import ServiceMeshTab from './ServiceMeshTab';

beforeAll(installSvgLayoutStubs);

const SERVED = [
  'core~v1~Service',
  'apps~v1~Deployment',
  'networking.istio.io~v1~VirtualService',
  'networking.istio.io~v1~DestinationRule',
  'security.istio.io~v1~PeerAuthentication',
  'security.istio.io~v1~AuthorizationPolicy',
  'security.istio.io~v1~RequestAuthentication',
  'kiali.io~v1alpha1~Kiali',
  'route.openshift.io~v1~Route',
];

const reviews = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'reviews', namespace: 'bookinfo' },
  spec: { selector: { app: 'reviews' } },
};
const kialiCR = { metadata: { name: 'kiali', namespace: 'istio-system' }, spec: {} };
const route = {
  metadata: { name: 'kiali' },
  status: { ingress: [{ host: 'kiali.apps.example.com' }] },
};

const node = (id: string, data: Record<string, unknown>) => ({
  data: { id, namespace: 'bookinfo', ...data },
});
const edge = (
  id: string,
  source: string,
  target: string,
  rates: Record<string, string>,
  more = {},
) => ({
  data: { id, source, target, traffic: { protocol: 'http', rates }, ...more },
});
const graph = (shares: [string, string]) => ({
  timestamp: 1763900000,
  duration: 600,
  elements: {
    nodes: [
      node('pp', {
        nodeType: 'app',
        app: 'productpage',
        version: 'v1',
        workload: 'productpage-v1',
      }),
      node('svc', { nodeType: 'service', service: 'reviews', hasVS: {}, hasTrafficShifting: true }),
      node('v1', { nodeType: 'app', app: 'reviews', version: 'v1', workload: 'reviews-v1' }),
      node('v3', { nodeType: 'app', app: 'reviews', version: 'v3', workload: 'reviews-v3' }),
    ],
    edges: [
      edge('e1', 'pp', 'svc', { http: '10.00', httpPercentReq: '100' }, { isMTLS: '100' }),
      edge('e2', 'svc', 'v1', { http: '9.00', httpPercentReq: shares[0] }, { isMTLS: '100' }),
      edge('e3', 'svc', 'v3', { http: '1.00', http5xx: '0.5', httpPercentReq: shares[1] }),
    ],
  },
});
const health = {
  namespaceServiceHealth: {
    bookinfo: { reviews: { requests: { inbound: { http: { '200': 9.5, '503': 0.5 } } } } },
  },
};

const Location = () => {
  const l = useLocation();
  return <output data-test="location">{`${l.pathname}${l.search}`}</output>;
};

const renderTab = (obj: unknown = reviews) =>
  render(
    <MemoryRouter initialEntries={['/k8s/ns/bookinfo/services/reviews/service-mesh']}>
      <Routes>
        <Route
          path="*"
          element={
            <>
              <ServiceMeshTab obj={obj as never} />
              <Location />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
  );

const kialiUp = (graphJson: unknown = graph(['90.0', '10.0'])) =>
  givenKiali({
    '/api/status': KIALI_STATUS,
    '/api/namespaces/bookinfo/services/reviews/graph': graphJson,
    '/api/clusters/health': health,
  });

beforeEach(() => {
  givenWatches(SERVED, { kialis: { data: [kialiCR] }, route: { data: route } });
});

describe('ServiceMeshTab on a Service', () => {
  it('shows the traffic around the service with shares, rates, errors and mTLS', async () => {
    kialiUp();
    renderTab();
    const table = await screen.findByTestId('traffic-table');
    const row = (name: string) => within(table).getByTestId(name);
    expect(row('traffic-productpage-v1-reviews')).toHaveTextContent(
      /HTTP.*10\.0 rps.*100%.*0%.*100%/,
    );
    expect(row('traffic-reviews-reviews-v1')).toHaveTextContent(/9\.00 rps.*90%/);
    // 0.5 of 1 rps failed: 50% errors, no mTLS, and a failing edge.
    expect(row('traffic-reviews-reviews-v3')).toHaveTextContent(
      /1\.00 rps.*10%.*50%.*none.*Failure/,
    );
    expect(screen.getByTestId('traffic-graph')).toBeInTheDocument();
    // Nodes link to their console pages.
    expect(
      within(row('traffic-reviews-reviews-v3')).getByRole('link', { name: 'reviews v3' }),
    ).toHaveAttribute('href', '/k8s/ns/bookinfo/deployments/reviews-v3');
  });

  it('asks Kiali for the service’s node graph the way Kiali’s UI does', async () => {
    kialiUp();
    renderTab();
    await screen.findByTestId('traffic-table');
    const graphCall = fetchedUrls().find((u) => u.pathname.endsWith('/services/reviews/graph'));
    expect(graphCall?.pathname).toBe(
      '/api/proxy/plugin/mesh-console-plugin/kiali/api/namespaces/bookinfo/services/reviews/graph',
    );
    expect(Object.fromEntries(graphCall!.searchParams)).toEqual({
      graphType: 'versionedApp',
      duration: '600s',
      injectServiceNodes: 'true',
      appenders:
        'deadNode,serviceEntry,meshCheck,workloadEntry,health,istio,securityPolicy,responseTime',
      responseTime: '95',
    });
  });

  it('adds the ambient appender and waypoints when Kiali found ztunnel', async () => {
    givenKiali({
      '/api/status': KIALI_STATUS,
      '/api/config': { ambientEnabled: true },
      '/api/namespaces/bookinfo/services/reviews/graph': graph(['90.0', '10.0']),
      '/api/clusters/health': health,
    });
    renderTab();
    await screen.findByTestId('traffic-table');
    const graphCalls = fetchedUrls().filter((u) => u.pathname.endsWith('/services/reviews/graph'));
    // Asked once, after the config: never without the appender first.
    expect(graphCalls).toHaveLength(1);
    expect(Object.fromEntries(graphCalls[0].searchParams)).toMatchObject({
      appenders:
        'deadNode,serviceEntry,meshCheck,workloadEntry,health,istio,securityPolicy,responseTime,ambient',
      ambientTraffic: 'total',
      waypoints: 'true',
    });
  });

  it('shows the service’s health computed from its requests (5% 5xx: degraded)', async () => {
    kialiUp();
    renderTab();
    const card = await screen.findByTestId('mesh-health');
    await waitFor(() => expect(within(card).getByText('Degraded')).toBeInTheDocument());
    expect(card).toHaveTextContent('10.0 per second');
    expect(card).toHaveTextContent('5%');
  });

  it('asks health over Kiali’s health window and says so, whatever the tab’s time window', async () => {
    givenKiali({
      '/api/status': KIALI_STATUS,
      '/api/config': {
        healthConfig: { compute: { duration: '10m', refreshInterval: '3m', timeout: '10m' } },
      },
      '/api/namespaces/bookinfo/services/reviews/graph': graph(['90.0', '10.0']),
      '/api/clusters/health': health,
    });
    renderTab();
    expect(await screen.findByTestId('health-window')).toHaveTextContent('Over the last 10m');
    await screen.findByTestId('traffic-table');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Time window' }), 'Last 1h');
    await screen.findByText('Traffic in the last 1h');
    const healthCalls = fetchedUrls().filter((u) => u.pathname.endsWith('/api/clusters/health'));
    expect(healthCalls.length).toBeGreaterThan(0);
    expect(healthCalls.map((u) => u.searchParams.get('rateInterval'))).toEqual(
      healthCalls.map(() => '10m'),
    );
    expect(screen.getByTestId('health-window')).toHaveTextContent('Over the last 10m');
  });

  it('says "no traffic" for Kiali’s errorRatio -1, never a negative percentage', async () => {
    givenKiali({
      '/api/status': KIALI_STATUS,
      '/api/namespaces/bookinfo/services/reviews/graph': graph(['90.0', '10.0']),
      // As Kiali 2.27 sends a service no request reached (models/health.go).
      '/api/clusters/health': {
        namespaceServiceHealth: {
          bookinfo: {
            reviews: {
              requests: { healthAnnotations: {}, inbound: {}, outbound: {} },
              status: { errorRatio: -1, status: 'NA' },
            },
          },
        },
      },
    });
    renderTab();
    const errors = await screen.findByTestId('health-errors');
    expect(errors).toHaveTextContent('no traffic');
    expect(screen.getByTestId('mesh-health')).not.toHaveTextContent('-1');
  });

  it('re-asks for another window, and shows a changed split after a refresh', async () => {
    let shares: [string, string] = ['90.0', '10.0'];
    givenKiali({
      '/api/status': KIALI_STATUS,
      '/api/namespaces/bookinfo/services/reviews/graph': () => graph(shares),
      '/api/clusters/health': health,
    });
    renderTab();
    await screen.findByTestId('traffic-table');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Time window' }), 'Last 1h');
    await waitFor(() =>
      expect(
        fetchedUrls().some(
          (u) => u.pathname.endsWith('/graph') && u.searchParams.get('duration') === '3600s',
        ),
      ).toBe(true),
    );
    expect(screen.getByTestId('location')).toHaveTextContent('?duration=3600');
    expect(screen.getByText('Traffic in the last 1h')).toBeInTheDocument();

    shares = ['50.0', '50.0'];
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() =>
      expect(screen.getByTestId('traffic-reviews-reviews-v3')).toHaveTextContent('50%'),
    );
    expect(screen.getByTestId('traffic-reviews-reviews-v1')).toHaveTextContent('50%');
  });

  it('links to the same graph in Kiali, from Kiali’s Route', async () => {
    kialiUp();
    renderTab();
    expect(await screen.findByTestId('open-in-kiali')).toHaveAttribute(
      'href',
      'https://kiali.apps.example.com/console/graph/node/namespaces/bookinfo/services/reviews?graphType=versionedApp&duration=600&injectServiceNodes=true',
    );
  });

  it('lists the Istio configuration that applies, with links into the traffic and security pages', async () => {
    kialiUp();
    givenWatches(SERVED, {
      kialis: { data: [kialiCR] },
      route: { data: route },
      deployments: {
        data: [
          {
            metadata: { name: 'reviews-v1', namespace: 'bookinfo' },
            spec: { template: { metadata: { labels: { app: 'reviews', version: 'v1' } } } },
          },
        ],
      },
      virtualServices: {
        data: [
          { metadata: { name: 'reviews', namespace: 'bookinfo' }, spec: { hosts: ['reviews'] } },
        ],
      },
      destinationRules: {
        data: [{ metadata: { name: 'ratings', namespace: 'bookinfo' }, spec: { host: 'ratings' } }],
      },
      peerAuthentications: {
        data: [
          {
            metadata: { name: 'default', namespace: 'bookinfo' },
            spec: { mtls: { mode: 'STRICT' } },
          },
          {
            metadata: { name: 'ratings-only', namespace: 'bookinfo' },
            spec: { selector: { matchLabels: { app: 'ratings' } } },
          },
        ],
      },
    });
    renderTab();
    const config = await screen.findByTestId('istio-config');
    const vs = within(config).getByTestId('config-VirtualService-reviews');
    expect(vs).toHaveTextContent('Routes requests for reviews');
    expect(within(vs).getByRole('link', { name: 'Traffic split' })).toHaveAttribute(
      'href',
      '/service-mesh/traffic/ns/bookinfo/reviews/split',
    );
    expect(within(vs).getByRole('link', { name: 'reviews' })).toHaveAttribute(
      'href',
      '/k8s/ns/bookinfo/networking.istio.io~v1~VirtualService/reviews',
    );
    const pa = within(config).getByTestId('config-PeerAuthentication-default');
    expect(pa).toHaveTextContent('Covers the whole namespace');
    expect(within(pa).getByRole('link', { name: 'Security' })).toHaveAttribute(
      'href',
      '/service-mesh/security/ns/bookinfo',
    );
    // Other services' routing and policies for other pods are not listed.
    expect(within(config).queryByTestId('config-DestinationRule-ratings')).toBeNull();
    expect(within(config).queryByTestId('config-PeerAuthentication-ratings-only')).toBeNull();
  });
});

describe('ServiceMeshTab without a working Kiali', () => {
  it('says Kiali is not installed and links to the install wizard when no Kiali exists', async () => {
    givenKiali({ '/api/status': BAD_GATEWAY });
    givenWatches(SERVED, { kialis: { data: [] } });
    renderTab();
    const empty = await screen.findByTestId('kiali-not-installed');
    expect(empty).toHaveTextContent('Kiali is not installed');
    expect(empty).toHaveTextContent('no Kiali instance has been created');
    expect(within(empty).getByRole('link', { name: 'Install Kiali' })).toHaveAttribute(
      'href',
      '/service-mesh/install',
    );
    // The Istio configuration does not need Kiali and is still shown.
    expect(screen.getByTestId('applied-config')).toBeInTheDocument();
    expect(screen.queryByTestId('mesh-health')).toBeNull();
  });

  it('names the missing Kiali operator when its API is not served', async () => {
    givenKiali({ '/api/status': BAD_GATEWAY });
    givenWatches(SERVED.filter((s) => !s.startsWith('kiali.io')));
    renderTab();
    expect(await screen.findByTestId('kiali-not-installed')).toHaveTextContent(
      'the Kiali operator is not installed',
    );
  });

  it('says Kiali is unreachable when an instance exists but the proxy gets no answer', async () => {
    givenKiali({ '/api/status': BAD_GATEWAY });
    renderTab();
    const state = await screen.findByTestId('kiali-unreachable');
    expect(state).toHaveTextContent(
      'could not reach Kiali through the plugin’s "kiali" proxy (HTTP 502)',
    );
    expect(state).toHaveTextContent('A Kiali instance (kiali in istio-system) exists');
  });

  it('shows Kiali’s own error when it fails', async () => {
    givenKiali({
      '/api/status': new FakeHttpError(500, { error: 'prometheus: connection refused' }),
    });
    renderTab();
    expect(await screen.findByTestId('kiali-error')).toHaveTextContent(
      'Kiali answered HTTP 500: prometheus: connection refused',
    );
  });

  it('reports a graph that is not Kiali’s shape instead of crashing', async () => {
    kialiUp({ elements: { nodes: 'oops' } });
    renderTab();
    expect(await screen.findByTestId('graph-error')).toHaveTextContent(
      "Kiali’s answer was not in the expected form: the graph's nodes are string",
    );
  });

  it('reports a namespace Kiali refuses', async () => {
    kialiUp(new FakeHttpError(403, { error: 'Namespace [bookinfo] is not accessible' }));
    renderTab();
    expect(await screen.findByTestId('graph-error')).toHaveTextContent(
      'Kiali refused the request (HTTP 403): Namespace [bookinfo] is not accessible',
    );
  });
});

describe('ServiceMeshTab on other objects', () => {
  it('shows a namespace’s graph from the namespace graph API', async () => {
    givenKiali({
      '/api/status': KIALI_STATUS,
      '/api/namespaces/graph': graph(['90', '10']),
      '/api/clusters/health': {
        namespaceAppHealth: {
          bookinfo: { reviews: { requests: { inbound: { http: { '200': 1 } } } } },
        },
      },
    });
    renderTab({ kind: 'Namespace', metadata: { name: 'bookinfo' } });
    await screen.findByTestId('traffic-table');
    const call = fetchedUrls().find((u) => u.pathname.endsWith('/api/namespaces/graph'));
    expect(call?.searchParams.get('namespaces')).toBe('bookinfo');
    expect(await screen.findByTestId('health-count-Healthy')).toHaveTextContent('Healthy: 1');
  });

  describe('when the graph is empty or may be partial (Service Mesh 3)', () => {
    const EMPTY = { timestamp: 1763900000, duration: 600, elements: { nodes: [], edges: [] } };
    // The node graph of a service nothing called: the service alone, idle.
    const IDLE = {
      ...EMPTY,
      elements: {
        nodes: [node('svc', { nodeType: 'service', service: 'reviews', isIdle: true })],
        edges: [],
      },
    };
    const givenChain = (objects: TelemetryObjects) =>
      givenWatches([...SERVED, ...TELEMETRY_SERVED], {
        ...telemetryWatches(objects),
        route: { data: route },
      });

    it('names the missing link with the wizard step that fixes it, instead of "no traffic"', async () => {
      givenChain({ ...complete(), monitoringConfigs: readable() });
      kialiUp(IDLE);
      renderTab();
      const checklist = await screen.findByTestId('telemetry-checklist');
      expect(checklist).toHaveTextContent('Why there is no traffic graph');
      const uwm = within(checklist).getByTestId('telemetry-link-uwm-enabled');
      expect(uwm).toHaveAttribute('data-state', 'missing');
      expect(uwm).toHaveTextContent('User-workload monitoring is off');
      expect(within(uwm).getByRole('link')).toHaveAttribute(
        'href',
        '/service-mesh/install#step-metrics',
      );
      // The links that hold are shown as holding, and only the metrics chain is listed.
      expect(within(checklist).getByTestId('telemetry-link-proxies-scraped')).toHaveAttribute(
        'data-state',
        'ok',
      );
      expect(within(checklist).queryByTestId('telemetry-link-tempo-ready')).toBeNull();
      expect(screen.queryByTestId('no-traffic')).toBeNull();
      expect(screen.queryByTestId('traffic-graph')).toBeNull();
    });

    it('says "no traffic" when every link of the chain holds', async () => {
      givenChain(complete());
      kialiUp(EMPTY);
      renderTab();
      expect(await screen.findByTestId('no-traffic')).toHaveTextContent(
        'Kiali saw no requests to or from reviews',
      );
      expect(screen.queryByTestId('telemetry-checklist')).toBeNull();
    });

    it('over a graph with traffic, warns that a namespace no longer scraped may be missing', async () => {
      givenChain({ ...complete(), podMonitors: readable() });
      kialiUp();
      renderTab();
      await screen.findByTestId('traffic-table');
      const warning = screen.getByTestId('telemetry-warning');
      expect(warning).toHaveTextContent('new traffic may not show');
      expect(warning).toHaveTextContent('No PodMonitor scrapes the sidecars in bookinfo.');
      // Only what is missing is listed there.
      expect(within(warning).queryByTestId('telemetry-link-uwm-enabled')).toBeNull();
    });

    it('names Kiali’s access to cluster monitoring when its Prometheus refuses it, whatever the binding says', async () => {
      givenChain(complete());
      kialiUp(new FakeHttpError(503, { error: 'client_error: client error: 403' }));
      renderTab();
      const error = await screen.findByTestId('graph-error');
      const link = within(error).getByTestId('telemetry-link-kiali-metrics');
      expect(link).toHaveAttribute('data-state', 'missing');
      expect(within(link).getByRole('link')).toHaveAttribute(
        'href',
        '/service-mesh/install#step-kiali-instance',
      );
      // The cluster-side links that hold are not blamed.
      expect(within(error).getByTestId('telemetry-link-uwm-enabled')).toHaveAttribute(
        'data-state',
        'ok',
      );
    });

    it('does not blame a link it cannot read: without access the empty graph is "no traffic"', async () => {
      const hidden = { items: [], readable: false };
      givenChain({ ...complete(), monitoringConfigs: hidden, uwmStatefulSets: hidden });
      kialiUp(EMPTY);
      renderTab();
      expect(await screen.findByTestId('no-traffic')).toBeInTheDocument();
    });
  });

  it('says so for an object without a mesh view', () => {
    renderTab({ kind: 'ConfigMap', metadata: { name: 'x', namespace: 'y' } });
    expect(screen.getByText('This object has no service mesh view.')).toBeInTheDocument();
  });
});
