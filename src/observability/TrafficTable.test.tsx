import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { buildGraphView, decodeGraph } from '../mesh/observability/graph';
import { TrafficTable } from './TrafficTable';

// Kiali's ambient graph: the waypoint's HTTP report (productpage -> reviews-v1 backend) and
// ztunnel's TCP connection into the waypoint, with the return connection folded into it.
const raw = decodeGraph({
  elements: {
    nodes: [
      {
        data: {
          id: 'wp',
          nodeType: 'workload',
          namespace: 'bookinfo',
          workload: 'waypoint',
          isWaypoint: true,
        },
      },
      {
        data: {
          id: 'pp',
          nodeType: 'app',
          namespace: 'bookinfo',
          app: 'productpage',
          version: 'v1',
          workload: 'productpage-v1',
        },
      },
      { data: { id: 'svc', nodeType: 'service', namespace: 'bookinfo', service: 'reviews-v1' } },
    ],
    edges: [
      {
        data: {
          id: 'http',
          source: 'pp',
          target: 'svc',
          traffic: { protocol: 'http', rates: { http: '9.00', httpPercentReq: '90.0' } },
        },
      },
      {
        data: {
          id: 'to',
          source: 'pp',
          target: 'wp',
          traffic: { protocol: 'tcp', rates: { tcp: '2790.00' } },
          waypoint: {
            direction: 'to',
            fromEdge: {
              id: 'back',
              source: 'pp',
              target: 'pp',
              traffic: { protocol: 'tcp', rates: { tcp: '120.00' } },
            },
          },
        },
      },
    ],
  },
});
if (!raw.ok) throw new Error(raw.error);
const view = buildGraphView(raw.value);

describe('TrafficTable', () => {
  it('names a waypoint as a waypoint proxy and links it to its Gateway, not a Deployment', () => {
    render(
      <MemoryRouter>
        <TrafficTable view={view} />
      </MemoryRouter>,
    );
    const into = screen.getByTestId('traffic-productpage-v1-waypoint');
    const cells = within(into).getAllByRole('cell');
    expect(cells[1]).toHaveTextContent('waypoint (waypoint proxy)');
    expect(within(cells[1]).getByRole('link', { name: 'waypoint' })).toHaveAttribute(
      'href',
      '/service-mesh/istio-config/ns/bookinfo/k8sgateways/waypoint',
    );
    expect(cells[2]).toHaveTextContent('TCP');
    expect(cells[3]).toHaveTextContent('2.8 kB/s');
    // The connection back out of the waypoint, which Kiali folds into the edge above.
    const back = screen.getByTestId('traffic-waypoint-productpage-v1');
    expect(within(back).getAllByRole('cell')[0]).toHaveTextContent('waypoint (waypoint proxy)');
    // The waypoint's own HTTP report: the 90 % share of productpage's requests.
    const http = screen.getByTestId('traffic-productpage-v1-reviews-v1');
    expect(within(http).getByText('90%')).toBeInTheDocument();
    expect(within(http).getAllByRole('cell')[0]).toHaveTextContent('productpage v1 (app)');
  });
});
