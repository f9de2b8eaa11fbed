import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import type { DestinationRule, Service, VirtualService } from '../models';
import { DEFAULT_PER_PAGE, ServiceRoutingTable } from './ServiceRoutingTable';

// A big mesh: 2,500 Services in 500 namespaces, each with a VirtualService (5,000 objects).
// Every fourth Service is mid-canary, so a row's routing text tells whose objects it read.
const pad = (n: number) => String(n).padStart(3, '0');
const SERVICES: Service[] = [];
const VIRTUAL_SERVICES: VirtualService[] = [];
for (let i = 0; i < 2500; i++) {
  const namespace = `app-${pad(Math.floor(i / 5) + 1)}`;
  const name = `svc-${(i % 5) + 1}`;
  SERVICES.push({ metadata: { name, namespace } });
  VIRTUAL_SERVICES.push({
    metadata: { name, namespace },
    spec: {
      hosts: [name],
      http: [
        {
          route:
            i % 4 === 0
              ? [
                  { destination: { host: name, subset: 'v1' }, weight: 75 },
                  { destination: { host: name, subset: 'v2' }, weight: 25 },
                ]
              : [{ destination: { host: name, subset: 'v1' } }],
        },
      ],
    },
  });
}
const DESTINATION_RULES: DestinationRule[] = [];

const renderTable = (services = SERVICES) =>
  render(
    <MemoryRouter>
      <ServiceRoutingTable
        // Reversed: the table sorts by namespace and name itself.
        services={[...services].reverse()}
        virtualServices={VIRTUAL_SERVICES}
        destinationRules={DESTINATION_RULES}
      />
    </MemoryRouter>,
  );

const rows = () => within(screen.getByTestId('traffic-table')).getAllByRole('row').slice(1);
const rowKeys = () =>
  rows().map((r) => (r.getAttribute('data-test') ?? '').replace('traffic-row-', ''));
const pagination = () => screen.getByTestId('traffic-pagination');

describe('ServiceRoutingTable on a big mesh', () => {
  it('renders one page of rows, sorted by namespace and name, and says how many there are', () => {
    renderTable();
    expect(rows()).toHaveLength(DEFAULT_PER_PAGE);
    expect(rowKeys().slice(0, 6)).toEqual([
      'app-001-svc-1',
      'app-001-svc-2',
      'app-001-svc-3',
      'app-001-svc-4',
      'app-001-svc-5',
      'app-002-svc-1',
    ]);
    expect(pagination()).toHaveTextContent('1 - 20 of 2500');
    expect(screen.getByTestId('routing-app-001-svc-1')).toHaveTextContent('v1 75%, v2 25%');
    expect(screen.getByTestId('routing-app-001-svc-2')).toHaveTextContent('v1 100%');
    expect(screen.getByTestId('split-app-001-svc-2')).toHaveAttribute(
      'href',
      '/service-mesh/traffic/ns/app-001/svc-2/split',
    );
  });

  it('moves to the next page', async () => {
    renderTable();
    await userEvent.click(within(pagination()).getByRole('button', { name: /next page/i }));
    expect(rowKeys()[0]).toBe('app-005-svc-1');
    expect(rows()).toHaveLength(DEFAULT_PER_PAGE);
    expect(pagination()).toHaveTextContent('21 - 40 of 2500');
  });

  it('finds a service on a later page by its namespace and name, with its own routing', async () => {
    renderTable();
    expect(screen.queryByTestId('traffic-row-app-481-svc-1')).not.toBeInTheDocument();
    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Filter services by name or namespace' }),
      'app-481/svc-1',
    );
    expect(rowKeys()).toEqual(['app-481-svc-1']);
    expect(pagination()).toHaveTextContent('1 - 1 of 1');
    // Service 2400 is mid-canary (2400 mod 4 = 0).
    expect(screen.getByTestId('routing-app-481-svc-1')).toHaveTextContent('v1 75%, v2 25%');
  });

  it('goes back to the first page when the filter changes', async () => {
    renderTable();
    // Only the full pager below the table has "last page".
    await userEvent.click(screen.getByRole('button', { name: 'Go to last page' }));
    expect(rowKeys()[0]).toBe('app-497-svc-1');
    await userEvent.type(screen.getByRole('searchbox'), 'svc-5');
    expect(pagination()).toHaveTextContent('1 - 20 of 500');
    expect(rowKeys()[0]).toBe('app-001-svc-5');
  });

  it('says when nothing matches, and clears the filter on request', async () => {
    renderTable();
    await userEvent.type(screen.getByRole('searchbox'), 'payments');
    expect(screen.queryByTestId('traffic-table')).not.toBeInTheDocument();
    expect(screen.getByTestId('traffic-empty')).toHaveTextContent(
      'No service name or namespace contains "payments".',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Clear the filter' }));
    expect(rows()).toHaveLength(DEFAULT_PER_PAGE);
    expect(screen.getByRole('searchbox')).toHaveValue('');
  });

  it('shows every row of a small mesh on one page, without a second pager', () => {
    renderTable(SERVICES.slice(0, 4));
    expect(rows()).toHaveLength(4);
    expect(pagination()).toHaveTextContent('1 - 4 of 4');
    expect(screen.getAllByRole('navigation', { name: /Services pages/ })).toHaveLength(1);
  });
});
