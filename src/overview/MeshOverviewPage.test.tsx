import { useK8sWatchResources } from '@openshift-console/dynamic-plugin-sdk';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { givenServed } from '../../test-support/servedModels';
import MeshOverviewPage from './MeshOverviewPage';

const renderPage = () =>
  render(
    <MemoryRouter>
      <MeshOverviewPage />
    </MemoryRouter>,
  );

type Result = { data: unknown[]; loaded: boolean; loadError?: unknown };
const KEYS = [
  'istios',
  'istioCNIs',
  'revisionTags',
  'injectedNamespaces',
  'revisionNamespaces',
  'ambientNamespaces',
  'ztunnels',
  'smcps',
  'memberRolls',
];
const SAIL_KEYS = ['istios', 'istioCNIs', 'revisionTags', 'ztunnels'];
const MAISTRA_KEYS = ['smcps', 'memberRolls'];
const ABSENT = new Error('not served');

const REF: Record<string, string> = {
  istios: 'sailoperator.io~v1~Istio',
  istioCNIs: 'sailoperator.io~v1~IstioCNI',
  revisionTags: 'sailoperator.io~v1~IstioRevisionTag',
  injectedNamespaces: 'core~v1~Namespace',
  revisionNamespaces: 'core~v1~Namespace',
  ambientNamespaces: 'core~v1~Namespace',
  ztunnels: 'sailoperator.io~v1~ZTunnel',
  smcps: 'maistra.io~v2~ServiceMeshControlPlane',
  memberRolls: 'maistra.io~v1~ServiceMeshMemberRoll',
};

/**
 * What the SDK hook returns, per watched key; unspecified keys are loaded and empty. A key
 * given as absent() is not served by discovery at all (its CRD is not installed).
 */
const givenWatches = (overrides: Record<string, Partial<Result>>) => {
  givenServed(KEYS.filter((k) => overrides[k]?.loadError !== ABSENT).map((k) => REF[k]));
  const results = Object.fromEntries(
    KEYS.map((k) => [k, { data: [], loaded: true, loadError: undefined, ...overrides[k] }]),
  );
  (useK8sWatchResources as jest.Mock).mockReturnValue(results);
};
const absent = (keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, { loaded: false, loadError: ABSENT }]));

const cond = (type: string, status: string, reason?: string, message?: string) => ({
  type,
  status,
  reason,
  message,
});

const istio = (conditions = [cond('Reconciled', 'True'), cond('Ready', 'True', 'Healthy')]) => ({
  metadata: { name: 'default', generation: 1 },
  spec: { version: 'v1.30.3', namespace: 'istio-system' },
  status: { state: 'Healthy', observedGeneration: 1, activeRevisionName: 'default', conditions },
});
const cni = {
  metadata: { name: 'default' },
  spec: { version: 'v1.30.3', namespace: 'istio-cni' },
  status: { conditions: [cond('Ready', 'True')] },
};
const smcp = {
  metadata: { name: 'basic', namespace: 'istio-system', generation: 1 },
  spec: { version: 'v2.6', mode: 'MultiTenant' },
  status: {
    observedGeneration: 1,
    conditions: [cond('Ready', 'True', 'ComponentsReady')],
    annotations: { readyComponentCount: '9/9' },
  },
};
const smmr = {
  metadata: { name: 'default', namespace: 'istio-system' },
  spec: { members: ['bookinfo'] },
  status: { configuredMembers: ['bookinfo'] },
};

describe('MeshOverviewPage', () => {
  it('shows a spinner until every watch has answered', () => {
    givenWatches({ istios: { loaded: false } });
    renderPage();
    expect(
      screen.getByRole('progressbar', { name: 'Loading the service mesh status' }),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('no-mesh')).not.toBeInTheDocument();
  });

  it('explains that no mesh exists, and the next step, when no mesh API is served', () => {
    givenWatches({ ...absent(SAIL_KEYS), ...absent(MAISTRA_KEYS) });
    renderPage();
    const empty = screen.getByTestId('no-mesh');
    expect(within(empty).getByText('No service mesh is installed')).toBeInTheDocument();
    expect(
      within(empty).getByText(
        /Neither the Service Mesh 3 operator nor the Service Mesh 2 operator/,
      ),
    ).toBeInTheDocument();
    expect(
      within(empty).getByText(/Next step: install the Red Hat OpenShift Service Mesh 3 operator/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 1, name: 'Service Mesh overview' }),
    ).toBeInTheDocument();
    expect(document.title).toBe('Service Mesh overview');
  });

  it('says the operator is installed but no control plane exists yet', () => {
    givenWatches(absent(MAISTRA_KEYS));
    renderPage();
    expect(
      screen.getByText(/The Service Mesh 3 operator is installed, but no Istio control plane/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Neither the Service Mesh 3 operator/)).not.toBeInTheDocument();
  });

  it('shows a healthy Service Mesh 3 control plane with version, namespace, CNI and member links', async () => {
    givenWatches({
      ...absent(MAISTRA_KEYS),
      istios: { data: [istio()] },
      istioCNIs: { data: [cni] },
      injectedNamespaces: {
        data: [{ metadata: { name: 'bookinfo', labels: { 'istio-injection': 'enabled' } } }],
      },
    });
    renderPage();
    const card = screen.getByTestId('istio-default');
    expect(within(card).getByText('Healthy')).toHaveAttribute('data-status', 'success');
    expect(within(card).getByText('v1.30.3')).toBeInTheDocument();
    expect(within(card).getByText('istio-system')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('istio-default-members')).getByRole('link', { name: 'bookinfo' }),
    ).toHaveAttribute('href', '/k8s/cluster/core~v1~Namespace/bookinfo');
    expect(within(screen.getByTestId('istio-cni')).getByText('Healthy')).toBeInTheDocument();
    expect(screen.queryByTestId('cni-missing')).not.toBeInTheDocument();
    expect(screen.queryByTestId('no-mesh')).not.toBeInTheDocument();
    // Nothing collects the mesh's metrics here: the observability card says so.
    const observability = await screen.findByTestId('telemetry-checklist');
    expect(within(observability).getByTestId('telemetry-link-uwm-enabled')).toHaveAttribute(
      'data-state',
      'missing',
    );
  });

  it('lists the first 10 of many member namespaces, and all of them on request', async () => {
    const names = Array.from({ length: 120 }, (_, i) => `app-${String(i + 1).padStart(3, '0')}`);
    givenWatches({
      ...absent(MAISTRA_KEYS),
      istios: { data: [istio()] },
      istioCNIs: { data: [cni] },
      injectedNamespaces: {
        data: names.map((name) => ({
          metadata: { name, labels: { 'istio-injection': 'enabled' } },
        })),
      },
    });
    renderPage();
    const members = () =>
      within(screen.getByTestId('istio-default-members'))
        .getAllByRole('link')
        .map((l) => l.textContent);
    expect(members()).toEqual(names.slice(0, 10));
    const toggle = screen.getByTestId('istio-default-members-toggle');
    expect(toggle).toHaveTextContent('Show all 120 namespaces (110 more)');
    await userEvent.click(toggle);
    expect(members()).toEqual(names);
    expect(toggle).toHaveTextContent('Show fewer');
    await userEvent.click(toggle);
    expect(members()).toHaveLength(10);
  });

  it('shows why a control plane is not ready, and that the CNI is missing', () => {
    givenWatches({
      ...absent(MAISTRA_KEYS),
      istios: {
        data: [
          istio([
            cond('Reconciled', 'True'),
            cond('Ready', 'False', 'IstioCNINotFound', 'IstioCNI resource does not exist'),
          ]),
        ],
      },
    });
    renderPage();
    const card = screen.getByTestId('istio-default');
    expect(within(card).getByText('Degraded')).toHaveAttribute('data-status', 'error');
    expect(within(card).getByText('IstioCNI resource does not exist')).toBeInTheDocument();
    expect(within(card).getByText('No namespace is enrolled yet')).toBeInTheDocument();
    expect(screen.getByTestId('cni-missing')).toHaveTextContent(
      'No IstioCNI named "default" exists',
    );
  });

  it('shows a Service Mesh 2 control plane with its members and the end-of-life notice', () => {
    givenWatches({ ...absent(SAIL_KEYS), smcps: { data: [smcp] }, memberRolls: { data: [smmr] } });
    renderPage();
    const card = screen.getByTestId('smcp-istio-system-basic');
    expect(within(card).getByText('Healthy')).toBeInTheDocument();
    expect(within(card).getByText('v2.6')).toBeInTheDocument();
    expect(within(card).getByText('9/9')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'bookinfo' })).toBeInTheDocument();
    expect(screen.getByTestId('ossm2-eol')).toHaveTextContent('Service Mesh 2.6 is end of life');
  });

  it('warns that Service Mesh 2 and 3 together are unsupported', () => {
    givenWatches({
      istios: { data: [istio()] },
      istioCNIs: { data: [cni] },
      smcps: { data: [smcp] },
      memberRolls: { data: [smmr] },
    });
    renderPage();
    expect(screen.getByTestId('both-meshes')).toHaveTextContent(
      'Service Mesh 2 and 3 are both present',
    );
    expect(screen.getByTestId('istio-default')).toBeInTheDocument();
    expect(screen.getByTestId('smcp-istio-system-basic')).toBeInTheDocument();
  });

  it('names what could not be read, and why, instead of claiming there is no mesh', () => {
    const forbidden = {
      code: 403,
      message: 'Forbidden',
      json: {
        message: 'istios.sailoperator.io is forbidden: User "dev" cannot list resource "istios"',
      },
    };
    givenWatches({ ...absent(MAISTRA_KEYS), istios: { loaded: false, loadError: forbidden } });
    renderPage();
    const alert = screen.getByTestId('overview-error');
    expect(alert).toHaveTextContent('The mesh status could not be read');
    expect(alert).toHaveTextContent('Istio (sailoperator.io): istios.sailoperator.io is forbidden');
    expect(alert).toHaveTextContent('Ask a cluster administrator for read access');
    expect(screen.queryByTestId('no-mesh')).not.toBeInTheDocument();
  });
});
