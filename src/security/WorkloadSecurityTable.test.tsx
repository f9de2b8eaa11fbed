import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { enforcedMtls, workloadDataPlane } from '../mesh/security/dataPlane';
import type { PodDataPlane } from '../mesh/security/dataPlane';
import type { EffectiveMtls, MtlsMode } from '../mesh/security/mtls';
import type { WorkloadSecurity } from '../mesh/security/workloadSecurity';
import type { AuthorizationPolicy, Pod } from '../models';
import { WorkloadSecurityTable } from './WorkloadSecurityTable';

/** A running pod of each data plane, as the API server shows it. */
const podOf = (plane: PodDataPlane): Pod => ({
  metadata: {
    name: 'p',
    ...(plane === 'ambient' ? { annotations: { 'ambient.istio.io/redirection': 'enabled' } } : {}),
  },
  spec: {
    containers: [{ name: 'app' }, ...(plane === 'sidecar' ? [{ name: 'istio-proxy' }] : [])],
  },
});

/** A row as workloadSecurity makes it: the data plane and enforced mTLS from the same rules. */
const workload = (
  name: string,
  mode: MtlsMode,
  plane: PodDataPlane,
  over: Partial<WorkloadSecurity> = {},
): WorkloadSecurity => {
  const dataPlane = workloadDataPlane([podOf(plane)], plane === 'ambient' || plane === 'joining');
  const mtls: EffectiveMtls = {
    mode,
    source: 'namespace',
    policy: { name: 'default', namespace: 'bookinfo' },
    portModes: { 9080: mode },
    ignored: [],
  };
  return {
    name,
    namespace: 'bookinfo',
    labels: { app: name },
    selector: { app: name },
    serviceAccount: name,
    ports: [9080],
    sidecar: plane === 'sidecar' ? 'all' : 'none',
    pods: 1,
    podsWithProxy: plane === 'sidecar' ? 1 : 0,
    dataPlane,
    mtls,
    enforcedMtls: enforcedMtls(mtls, dataPlane),
    services: [],
    authorizationPolicies: [],
    policyIssues: [],
    requestAuthentications: [],
    ...over,
  };
};

const ROWS = [
  workload('reviews-v2', 'STRICT', 'sidecar'),
  workload('details-v1', 'PERMISSIVE', 'sidecar'),
  workload('legacy-client', 'PERMISSIVE', 'none'),
  workload('reviews-v10', 'STRICT', 'sidecar'),
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

  it('filters on effective mTLS and data plane, and on the name', async () => {
    renderTable();
    await userEvent.click(screen.getByRole('checkbox', { name: 'STRICT (mTLS only)' }));
    expect(names()).toEqual(['reviews-v2', 'reviews-v10']);
    await userEvent.click(screen.getByRole('checkbox', { name: 'STRICT (mTLS only)' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Not in the mesh' }));
    expect(names()).toEqual(['legacy-client']);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Not in the mesh' }));
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

describe('WorkloadSecurityTable in an ambient namespace', () => {
  const l7: AuthorizationPolicy = {
    metadata: { name: 'ratings-get', namespace: 'bookinfo' },
    spec: {
      selector: { matchLabels: { app: 'ratings' } },
      rules: [{ to: [{ operation: { methods: ['GET'] } }] }],
    },
  };
  const rows = [
    workload('reviews-v1', 'STRICT', 'ambient', {
      services: [
        {
          name: 'reviews',
          waypoint: {
            kind: 'waypoint',
            name: 'waypoint',
            namespace: 'bookinfo',
            from: 'service',
            state: 'programmed',
          },
        },
      ],
    }),
    workload('details-v1', 'DISABLE', 'ambient'),
    workload('productpage-v1', 'PERMISSIVE', 'joining'),
    workload('ratings-v1', 'PERMISSIVE', 'ambient', {
      authorizationPolicies: [l7],
      policyIssues: [
        {
          path: ['spec', 'selector'],
          code: 'authz.l7-on-ztunnel',
          params: { policy: 'ratings-get', fields: 'methods' },
          severity: 'warning',
        },
      ],
    }),
  ];
  const renderTable = () =>
    renderAt(
      <WorkloadSecurityTable rows={rows} namespace="bookinfo" root="istio-system" describe={{}} />,
    );

  it('names each workload’s data plane, not "no sidecar", and the waypoint it goes through', () => {
    renderTable();
    expect(screen.getByTestId('dataplane-reviews-v1')).toHaveTextContent(
      'Ambient (ztunnel) in all pods (1/1)',
    );
    expect(screen.getByTestId('waypoint-reviews-v1')).toHaveTextContent(
      'Through waypoint (programmed)',
    );
    expect(screen.getByTestId('dataplane-productpage-v1')).toHaveTextContent(
      'Joining ambient: ztunnel has not captured its pods yet (0 of 1)',
    );
    expect(screen.queryByText('No sidecar')).not.toBeInTheDocument();
  });

  it('shows mTLS via ztunnel, and DISABLE as ignored with the reason', () => {
    renderTable();
    expect(screen.getByTestId('mtls-reviews-v1')).toHaveTextContent(
      'STRICT via ztunnel from namespace policy default',
    );
    expect(screen.getByTestId('mtls-details-v1')).toHaveTextContent('PERMISSIVE via ztunnel');
    expect(screen.getByTestId('mtls-ignored-details-v1')).toHaveTextContent(
      'DISABLE is ignored: ztunnel always uses mTLS in the mesh.',
    );
    // Not yet captured: nothing enforces it, so no "via ztunnel".
    expect(screen.getByTestId('mtls-productpage-v1')).not.toHaveTextContent('via ztunnel');
  });

  it('warns under the callers when a policy cannot work as written', () => {
    renderTable();
    expect(screen.getByTestId('authz-issues-ratings-v1')).toHaveTextContent(
      'Policy ratings-get uses methods, which ztunnel cannot check',
    );
    expect(screen.queryByTestId('authz-issues-reviews-v1')).not.toBeInTheDocument();
  });

  it('filters on the data plane and on the mode ztunnel really applies', async () => {
    renderTable();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Joining ambient' }));
    expect(names()).toEqual(['productpage-v1']);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Joining ambient' }));
    // details-v1's policy says DISABLE, but ztunnel applies PERMISSIVE: that is what it filters as.
    await userEvent.click(screen.getByRole('checkbox', { name: 'PERMISSIVE (mTLS or plaintext)' }));
    expect(names()).toEqual(['details-v1', 'productpage-v1', 'ratings-v1']);
  });
});
