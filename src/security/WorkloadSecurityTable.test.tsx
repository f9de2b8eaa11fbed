import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import type { MtlsMode } from '../mesh/security/mtls';
import type { SidecarCoverage, WorkloadSecurity } from '../mesh/security/workloadSecurity';
import { WorkloadSecurityTable } from './WorkloadSecurityTable';

const workload = (name: string, mode: MtlsMode, sidecar: SidecarCoverage): WorkloadSecurity => ({
  name,
  namespace: 'bookinfo',
  labels: { app: name },
  selector: { app: name },
  serviceAccount: name,
  ports: [9080],
  sidecar,
  pods: 1,
  podsWithProxy: sidecar === 'all' ? 1 : 0,
  mtls: { mode, source: 'namespace', portModes: { 9080: mode }, ignored: [] },
  authorizationPolicies: [],
  requestAuthentications: [],
});

const ROWS = [
  workload('reviews-v2', 'STRICT', 'all'),
  workload('details-v1', 'PERMISSIVE', 'all'),
  workload('legacy-client', 'PERMISSIVE', 'none'),
  workload('reviews-v10', 'STRICT', 'all'),
];

const Where = () => <div data-test="where">{useLocation().pathname}</div>;

const renderAt = (ui: JSX.Element) =>
  render(
    <MemoryRouter initialEntries={['/service-mesh/security/ns/bookinfo']}>
      <Routes>
        <Route path="/service-mesh/security/ns/bookinfo" element={ui} />
        <Route path="*" element={<Where />} />
      </Routes>
    </MemoryRouter>,
  );

const names = () =>
  within(screen.getByTestId('security-table'))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('link')[0].textContent);

describe('WorkloadSecurityTable', () => {
  const renderTable = () =>
    renderAt(
      <WorkloadSecurityTable rows={ROWS} namespace="bookinfo" root="istio-system" describe={{}} />,
    );

  it('lists the workloads by name, in natural order, with what Istio enforces', () => {
    renderTable();
    expect(names()).toEqual(['details-v1', 'legacy-client', 'reviews-v2', 'reviews-v10']);
    expect(screen.getByTestId('sidecar-legacy-client')).toHaveTextContent('No sidecar');
    expect(screen.getByTestId('mtls-reviews-v2')).toHaveTextContent('STRICT');
    expect(screen.getByTestId('authz-reviews-v2')).toHaveTextContent(
      'Any caller (no authorization policy)',
    );
  });

  it('filters on effective mTLS and sidecar coverage, and on the name', async () => {
    renderTable();
    await userEvent.click(screen.getByRole('checkbox', { name: 'STRICT (mTLS only)' }));
    expect(names()).toEqual(['reviews-v2', 'reviews-v10']);
    await userEvent.click(screen.getByRole('checkbox', { name: 'STRICT (mTLS only)' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'No sidecar' }));
    expect(names()).toEqual(['legacy-client']);
    await userEvent.click(screen.getByRole('checkbox', { name: 'No sidecar' }));
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search by workload name...' }),
      'REVIEWS',
    );
    expect(names()).toEqual(['reviews-v2', 'reviews-v10']);
  });

  it('opens the workload forms the registry lists, by their labels', async () => {
    renderTable();
    const row = screen.getByTestId('mtls-legacy-client').closest('tr')!;
    await userEvent.click(within(row).getByRole('button', { name: 'Kebab toggle' }));
    expect(screen.getAllByRole('menuitem').map((m) => m.textContent)).toEqual([
      'mTLS mode',
      'Allowed callers',
      'End-user tokens (JWT)',
    ]);
    await userEvent.click(screen.getByRole('menuitem', { name: 'Allowed callers' }));
    expect(screen.getByTestId('where')).toHaveTextContent(
      '/service-mesh/security/ns/bookinfo/workloads/legacy-client/authorization',
    );
  });
});
