import { render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { buildGraphView, decodeGraph } from '../mesh/observability/graph';
import { installSvgLayoutStubs } from '../testing/svgLayout';
import { GraphLegend } from './GraphLegend';
import { TrafficGraph, edgeTag } from './TrafficGraph';

beforeAll(installSvgLayoutStubs);

const raw = decodeGraph({
  elements: {
    nodes: [
      {
        data: {
          id: 'svc',
          nodeType: 'service',
          namespace: 'bookinfo',
          service: 'reviews',
          hasVS: {},
        },
      },
      {
        data: {
          id: 'v3',
          nodeType: 'app',
          namespace: 'bookinfo',
          app: 'reviews',
          version: 'v3',
          workload: 'reviews-v3',
          hasCB: true,
        },
      },
      { data: { id: 'out', nodeType: 'unknown', namespace: 'unknown' } },
    ],
    edges: [
      {
        data: {
          id: 'e',
          source: 'svc',
          target: 'v3',
          isMTLS: '100',
          traffic: {
            protocol: 'http',
            rates: { http: '1.00', http5xx: '0.10', httpPercentReq: '10.0' },
          },
        },
      },
      {
        data: {
          id: 'u',
          source: 'out',
          target: 'svc',
          traffic: { protocol: 'http', rates: { http: '2.00' } },
        },
      },
    ],
  },
});
if (!raw.ok) throw new Error(raw.error);
const view = buildGraphView(raw.value, { kind: 'service', namespace: 'bookinfo', name: 'reviews' });

// An ambient namespace graph: the waypoint's HTTP report and ztunnel's TCP through the waypoint.
const ambientRaw = decodeGraph({
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
      {
        data: {
          id: 'r1',
          nodeType: 'app',
          namespace: 'bookinfo',
          app: 'reviews',
          version: 'v1',
          workload: 'reviews-v1',
        },
      },
    ],
    edges: [
      {
        data: {
          id: 'to',
          source: 'pp',
          target: 'wp',
          traffic: { protocol: 'tcp', rates: { tcp: '100.00' } },
          waypoint: { direction: 'to' },
        },
      },
      {
        data: {
          id: 'from',
          source: 'wp',
          target: 'r1',
          traffic: { protocol: 'tcp', rates: { tcp: '90.00' } },
          waypoint: { direction: 'from' },
        },
      },
    ],
  },
});
if (!ambientRaw.ok) throw new Error(ambientRaw.error);
const ambientView = buildGraphView(ambientRaw.value);

const renderGraph = () =>
  render(
    <MemoryRouter>
      <TrafficGraph view={view} ariaLabel="graph" />
    </MemoryRouter>,
  );

describe('TrafficGraph', () => {
  it('draws every node and edge with its share, rate, errors, mTLS and routing marks', async () => {
    const { container } = renderGraph();
    await waitFor(() =>
      expect(container.querySelectorAll('[data-test^="graph-node-"]')).toHaveLength(3),
    );
    expect(container.querySelectorAll('[data-test^="graph-edge-"]')).toHaveLength(2);
    const edge = container.querySelector('[data-test="graph-edge-e"]')!;
    expect(edge).toHaveTextContent('10% · 1.00 rps · 10% err');
    expect(edge.querySelector('title')).toHaveTextContent('mTLS on 100% of requests');
    expect(container.querySelector('[data-test="graph-edge-u"] title')).toBeNull();
    const service = container.querySelector('[data-test="graph-node-service-reviews"]')!;
    expect(service).toHaveTextContent('reviews');
    expect([...service.querySelectorAll('title')].map((t) => t.textContent)).toContain(
      'Routing: VirtualService',
    );
    const v3 = container.querySelector('[data-test="graph-node-app-reviews-v3"]')!;
    expect([...v3.querySelectorAll('title')].map((t) => t.textContent)).toContain(
      'Circuit breaker',
    );
  });
  // Clicking a node (pan-zoom needs a browser's SVG geometry) is covered by the browser test.

  it('draws a waypoint as a waypoint proxy, linked to its Gateway, with ztunnel’s TCP edges', async () => {
    const { container } = render(
      <MemoryRouter>
        <TrafficGraph view={ambientView} ariaLabel="graph" />
      </MemoryRouter>,
    );
    await waitFor(() =>
      expect(container.querySelectorAll('[data-test^="graph-node-"]')).toHaveLength(3),
    );
    const wp = container.querySelector('[data-test="graph-node-waypoint-waypoint"]')!;
    expect(wp).toHaveTextContent('Waypoint');
    expect([...wp.querySelectorAll('title')].map((t) => t.textContent)).toContain(
      'waypoint (waypoint proxy): /service-mesh/istio-config/ns/bookinfo/k8sgateways/waypoint',
    );
    expect(container.querySelector('[data-test="graph-node-workload-waypoint"]')).toBeNull();
    expect(container.querySelector('[data-test="graph-edge-to"]')).toHaveTextContent('100 B/s');
  });
});

describe('GraphLegend', () => {
  it('explains waypoints and TCP edges only when the graph has them', () => {
    const { rerender } = render(<GraphLegend view={view} />);
    expect(screen.queryByText(/Waypoint proxy/)).toBeNull();
    expect(screen.queryByText(/TCP edges/)).toBeNull();
    rerender(<GraphLegend view={ambientView} />);
    expect(
      screen.getByText('Waypoint proxy (trapezoid): applies L7 routing and policy in ambient mode'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'TCP edges: bytes per second (in ambient mode, as ztunnel reports connections)',
      ),
    ).toBeInTheDocument();
  });
});

describe('edgeTag', () => {
  it('shows bytes for TCP and leaves out what Kiali did not send', () => {
    expect(
      edgeTag({
        id: 'x',
        source: 'a',
        target: 'b',
        protocol: 'tcp',
        rate: 2048,
        health: 'Healthy',
      }),
    ).toBe('2 kB/s');
    expect(
      edgeTag({
        id: 'x',
        source: 'a',
        target: 'b',
        protocol: 'http',
        rate: 3,
        errorPercent: 0,
        health: 'Healthy',
      }),
    ).toBe('3.00 rps');
  });
});
