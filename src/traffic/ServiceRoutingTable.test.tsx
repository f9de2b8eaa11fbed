import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import type { GatewayRoute } from '../mesh/traffic/gatewayRoutes';
import { describeRouting } from '../mesh/traffic/trafficSplit';
import type { DestinationRule, Service, VirtualService } from '../models';
import { ServiceRoutingTable } from './ServiceRoutingTable';

// Counts whose routing the table works out.
jest.mock('../mesh/traffic/trafficSplit', () => {
  const actual = jest.requireActual('../mesh/traffic/trafficSplit');
  return { ...actual, describeRouting: jest.fn(actual.describeRouting) };
});

// A big mesh: 2,500 Services in 500 namespaces. Every fourth Service is mid-canary (a 75/25
// VirtualService and a DestinationRule with its subsets), every tenth has no Istio object, the
// rest a plain VirtualService: a row's routing text tells whose objects it read.
const pad = (n: number) => String(n).padStart(3, '0');
const SERVICES: Service[] = [];
const VIRTUAL_SERVICES: VirtualService[] = [];
const DESTINATION_RULES: DestinationRule[] = [];
for (let i = 0; i < 2500; i++) {
  const namespace = `app-${pad(Math.floor(i / 5) + 1)}`;
  const name = `svc-${(i % 5) + 1}`;
  SERVICES.push({ metadata: { name, namespace } });
  if (i % 10 === 9) continue;
  const canary = i % 4 === 0;
  VIRTUAL_SERVICES.push({
    metadata: { name, namespace },
    spec: {
      // The in-cluster FQDN names the same service as the short name.
      hosts: [canary ? `${name}.${namespace}.svc.cluster.local` : name],
      http: [
        {
          route: canary
            ? [
                { destination: { host: name, subset: 'v1' }, weight: 75 },
                { destination: { host: name, subset: 'v2' }, weight: 25 },
              ]
            : [{ destination: { host: name, subset: 'v1' } }],
        },
      ],
    },
  });
  if (canary) {
    DESTINATION_RULES.push({
      metadata: { name, namespace },
      spec: {
        host: name,
        subsets: [
          { name: 'v1', labels: { version: 'v1' } },
          { name: 'v2', labels: { version: 'v2' } },
        ],
      },
    });
  }
}

// The mocked VirtualizedTable renders the rows a window of 20 would show.
const IN_VIEW = 20;

const renderTable = (services = SERVICES, routes: GatewayRoute[] = []) =>
  render(
    <MemoryRouter>
      <ServiceRoutingTable
        // Reversed: the table sorts by namespace and name itself.
        services={[...services].reverse()}
        virtualServices={VIRTUAL_SERVICES}
        destinationRules={DESTINATION_RULES}
        routes={routes}
      />
    </MemoryRouter>,
  );

const list = () => screen.getByTestId('traffic-table');
const rows = () => within(list()).getAllByRole('row').slice(1);
/** Each rendered row as namespace/name, read from its routing cell. */
const rowKeys = () =>
  rows().map((r) =>
    (r.querySelector('[data-test^="routing-"]')?.getAttribute('data-test') ?? '')
      .replace('routing-', '')
      .replace(/^(app-\d+)-/, '$1/'),
  );
const nameFilter = () => screen.getByRole('textbox', { name: 'Search by name or namespace...' });

describe('ServiceRoutingTable on a big mesh', () => {
  it('renders the rows in view, sorted by namespace and name, and holds every service', () => {
    renderTable();
    expect(list()).toHaveAttribute('data-total', '2500');
    expect(rows()).toHaveLength(IN_VIEW);
    expect(rowKeys().slice(0, 6)).toEqual([
      'app-001/svc-1',
      'app-001/svc-2',
      'app-001/svc-3',
      'app-001/svc-4',
      'app-001/svc-5',
      'app-002/svc-1',
    ]);
    expect(screen.getByTestId('routing-app-001-svc-1')).toHaveTextContent('v1 75%, v2 25%');
    expect(screen.getByTestId('routing-app-001-svc-2')).toHaveTextContent('v1 100%');
    expect(screen.getByTestId('split-app-001-svc-2')).toHaveAttribute(
      'href',
      '/service-mesh/traffic/ns/app-001/svc-2/split',
    );
    // Every service form the registry has, named by it.
    expect(
      within(rows()[0])
        .getAllByRole('link')
        .slice(1)
        .map((a) => [a.textContent, a.getAttribute('href')]),
    ).toEqual([
      ['Traffic split', '/service-mesh/traffic/ns/app-001/svc-1/split'],
      ['Circuit breaker', '/service-mesh/traffic/ns/app-001/svc-1/circuit-breaker'],
      ['A/B routing', '/service-mesh/traffic/ns/app-001/svc-1/match-routing'],
      ['Timeouts, retries, faults', '/service-mesh/traffic/ns/app-001/svc-1/resilience'],
      ['Expose outside the cluster', '/service-mesh/traffic/ns/app-001/svc-1/expose'],
    ]);
  });

  it('works out routing only for the rows in view', () => {
    renderTable();
    const calls = jest.mocked(describeRouting).mock.calls;
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.length).toBeLessThanOrEqual(2 * IN_VIEW);
    const shown = rowKeys();
    for (const [vs] of calls) {
      if (vs) expect(shown).toContain(`${vs.metadata?.namespace}/${vs.metadata?.name}`);
    }
  });

  it('finds a service far down the list by its namespace and name, with its own routing', async () => {
    renderTable();
    expect(screen.queryByTestId('routing-app-481-svc-1')).not.toBeInTheDocument();
    await userEvent.type(nameFilter(), 'app-481/svc-1');
    expect(rowKeys()).toEqual(['app-481/svc-1']);
    expect(list()).toHaveAttribute('data-total', '1');
    // Service 2400 is mid-canary (2400 mod 4 = 0).
    expect(screen.getByTestId('routing-app-481-svc-1')).toHaveTextContent('v1 75%, v2 25%');
  });

  it('filters on whether Istio objects route a service, without working out their routing', async () => {
    renderTable();
    jest.mocked(describeRouting).mockClear();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Mesh defaults only' }));
    expect(list()).toHaveAttribute('data-total', '250');
    expect(rowKeys().slice(0, 2)).toEqual(['app-002/svc-5', 'app-004/svc-5']);
    expect(screen.getByTestId('routing-app-002-svc-5')).toHaveTextContent(
      'no routing rules (round robin over all pods)',
    );
    await userEvent.click(screen.getByRole('checkbox', { name: 'Mesh defaults only' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Has a DestinationRule' }));
    expect(list()).toHaveAttribute('data-total', '625');
    expect(jest.mocked(describeRouting).mock.calls.length).toBeLessThanOrEqual(3 * IN_VIEW);
  });

  it('sorts by service name from its column header', async () => {
    renderTable();
    await userEvent.click(screen.getByRole('button', { name: 'Service' }));
    expect(rowKeys().slice(0, 3)).toEqual(['app-001/svc-1', 'app-002/svc-1', 'app-003/svc-1']);
  });

  it('says when nothing matches the filters', async () => {
    renderTable();
    await userEvent.type(nameFilter(), 'payments');
    expect(screen.getByTestId('traffic-empty')).toHaveTextContent('No service matches the filter');
    expect(within(list()).queryByRole('table')).not.toBeInTheDocument();
  });

  it('says when the namespace has no services, without a filter', () => {
    renderTable([]);
    expect(screen.getByTestId('traffic-empty')).toHaveTextContent('No services');
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('reads a Service’s HTTPRoute too, and filters on it', async () => {
    // app-002/svc-5 has no Istio object; an HTTPRoute on it splits 90/10 over version Services,
    // and a route on a Gateway (ingress) routes no Service of the mesh.
    const route = (parentRefs: object[]): GatewayRoute => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'svc-5', namespace: 'app-002' },
      spec: {
        parentRefs: parentRefs as never,
        rules: [
          {
            backendRefs: [
              { name: 'svc-5-v1', port: 80, weight: 90 },
              { name: 'svc-5-v2', port: 80, weight: 10 },
            ],
          },
        ],
      },
    });
    renderTable(SERVICES, [
      route([{ group: '', kind: 'Service', name: 'svc-5', port: 80 }]),
      { ...route([{ name: 'ingress' }]), metadata: { name: 'web', namespace: 'app-004' } },
    ]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Has an HTTPRoute or GRPCRoute' }));
    expect(list()).toHaveAttribute('data-total', '1');
    expect(screen.getByTestId('routing-app-002-svc-5')).toHaveTextContent(
      'svc-5-v1 90%, svc-5-v2 10%',
    );
    await userEvent.click(screen.getByRole('checkbox', { name: 'Has an HTTPRoute or GRPCRoute' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Mesh defaults only' }));
    // 250 without Istio objects, one of them now routed by its HTTPRoute.
    expect(list()).toHaveAttribute('data-total', '249');
  });
});
