import { render, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { buildGraphView, decodeGraph } from '../mesh/observability/graph';
import { installSvgLayoutStubs } from '../testing/svgLayout';
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
