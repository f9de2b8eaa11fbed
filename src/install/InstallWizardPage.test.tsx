import {
  k8sCreate,
  k8sPatch,
  useAccessReview,
  useK8sWatchResources,
} from '@openshift-console/dynamic-plugin-sdk';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { givenServed } from '../../test-support/servedModels';
import InstallWizardPage from './InstallWizardPage';

const pm = (name: string, catalog = 'redhat-operators') => ({
  metadata: { name, namespace: 'openshift-marketplace' },
  status: {
    packageName: name,
    catalogSource: catalog,
    catalogSourceNamespace: 'openshift-marketplace',
    defaultChannel: 'stable',
    channels: [{ name: 'stable', currentCSV: `${name}.v1` }],
  },
});
// Today's catalog: Jaeger removed; a community Kiali look-alike present.
const CATALOG = [
  'servicemeshoperator3',
  'servicemeshoperator',
  'kiali-ossm',
  'tempo-product',
  'opentelemetry-product',
  'elasticsearch-operator',
]
  .map((n) => pm(n))
  .concat([pm('kiali', 'community-operators')]);

const ABSENT = new Error('not served');
const REF: Record<string, string> = {
  packages: 'packages.operators.coreos.com~v1~PackageManifest',
  subscriptions: 'operators.coreos.com~v1alpha1~Subscription',
  installPlans: 'operators.coreos.com~v1alpha1~InstallPlan',
  csvs: 'operators.coreos.com~v1alpha1~ClusterServiceVersion',
  istioCRDs: 'apiextensions.k8s.io~v1~CustomResourceDefinition',
  ztunnelCRDs: 'apiextensions.k8s.io~v1~CustomResourceDefinition',
  istios: 'sailoperator.io~v1~Istio',
  istioCNIs: 'sailoperator.io~v1~IstioCNI',
  ztunnels: 'sailoperator.io~v1~ZTunnel',
  smcps: 'maistra.io~v2~ServiceMeshControlPlane',
  memberRolls: 'maistra.io~v1~ServiceMeshMemberRoll',
  kialis: 'kiali.io~v1alpha1~Kiali',
  namespaces: 'core~v1~Namespace',
};
type Cluster = Record<string, { data?: unknown; loaded?: boolean; loadError?: unknown }>;
const givenCluster = (overrides: Cluster = {}) => {
  const base: Cluster = {
    packages: { data: CATALOG },
    subscriptions: { data: [] },
    installPlans: { data: [] },
    csvs: { data: [] },
    istioCRDs: { data: [] },
    ztunnelCRDs: { data: [] },
    istios: { data: [], loadError: ABSENT },
    istioCNIs: { data: [], loadError: ABSENT },
    ztunnels: { data: [], loadError: ABSENT },
    smcps: { data: [], loadError: ABSENT },
    memberRolls: { data: [], loadError: ABSENT },
    kialis: { data: [], loadError: ABSENT },
    namespaces: {
      data: [{ metadata: { name: 'bookinfo' } }, { metadata: { name: 'openshift-operators' } }],
    },
  };
  const merged = { ...base, ...overrides };
  // A kind given as ABSENT is not served by discovery: its operator is not installed.
  givenServed(
    Object.keys(merged)
      .filter((k) => merged[k].loadError !== ABSENT)
      .map((k) => REF[k]),
  );
  (useK8sWatchResources as jest.Mock).mockReturnValue(
    Object.fromEntries(
      Object.entries(merged).map(([k, v]) => [k, { loaded: true, loadError: undefined, ...v }]),
    ),
  );
};

const renderPage = () =>
  render(
    <MemoryRouter>
      <InstallWizardPage />
    </MemoryRouter>,
  );

const sub = (name: string, status = {}) => ({
  metadata: {
    name,
    namespace: 'openshift-operators',
    resourceVersion: '10',
    labels: { 'app.kubernetes.io/created-by': 'mesh-console-plugin' },
  },
  spec: {
    name,
    source: 'redhat-operators',
    sourceNamespace: 'openshift-marketplace',
    channel: 'stable',
  },
  status,
});

beforeEach(() => {
  (useAccessReview as jest.Mock).mockReturnValue([true, false]);
  (k8sCreate as jest.Mock).mockImplementation(async ({ data }) => data);
});

describe('InstallWizardPage', () => {
  it('lays out the Service Mesh 3 install in the documented order, from redhat-operators', () => {
    givenCluster();
    renderPage();
    const cards = screen.getAllByTestId(/^step-/).map((c) => c.getAttribute('data-test'));
    expect(cards).toEqual([
      'step-servicemesh3',
      'step-control-plane',
      'step-members',
      'step-metrics',
      'step-tempo',
      'step-opentelemetry',
      'step-tracing',
      'step-kiali',
      'step-kiali-instance',
    ]);
    const mesh = screen.getByTestId('operator-step-servicemesh3');
    expect(within(mesh).getByText('servicemeshoperator3')).toBeInTheDocument();
    expect(within(mesh).getByText('openshift-operators')).toBeInTheDocument();
    expect(within(mesh).getByText('uses the existing global-operators')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('operator-step-tempo')).getByText(
        'creates openshift-tempo-operator (all namespaces)',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /Service Mesh 3 \(recommended\)/ })).toBeChecked();
  });

  it('starts by subscribing only the Service Mesh 3 operator, dry-run first', async () => {
    givenCluster();
    renderPage();
    await userEvent.click(screen.getByTestId('start-install'));
    await waitFor(() => expect(k8sCreate).toHaveBeenCalledTimes(2));
    const [dryRun, real] = (k8sCreate as jest.Mock).mock.calls.map(([opts]) => opts);
    expect(dryRun.queryParams).toEqual({ dryRun: 'All' });
    expect(real.queryParams).toBeUndefined();
    expect(real.data).toMatchObject({
      kind: 'Subscription',
      metadata: { name: 'servicemeshoperator3', namespace: 'openshift-operators' },
      spec: {
        name: 'servicemeshoperator3',
        source: 'redhat-operators',
        sourceNamespace: 'openshift-marketplace',
        channel: 'stable',
        installPlanApproval: 'Automatic',
      },
    });
  });

  it('resumes a started install after a reload, but never starts the next operator before the previous CSV succeeded', async () => {
    givenCluster({
      subscriptions: {
        data: [
          sub('servicemeshoperator3', {
            installPlanRef: { name: 'ip-1', namespace: 'openshift-operators' },
          }),
        ],
      },
      installPlans: {
        data: [
          {
            metadata: { name: 'ip-1', namespace: 'openshift-operators' },
            spec: { approval: 'Automatic', approved: true, clusterServiceVersionNames: [] },
            status: { phase: 'Installing' },
          },
        ],
      },
    });
    renderPage();
    expect(screen.getByTestId('operator-step-servicemesh3')).toHaveAttribute(
      'data-state',
      'installing',
    );
    expect(screen.getByTestId('start-install')).toBeDisabled();
    expect(screen.getByTestId('start-install')).toHaveTextContent('Installing…');
    await new Promise((r) => setTimeout(r, 50));
    expect(k8sCreate).not.toHaveBeenCalled();
  });

  it('offers Approve for a Manual plan and approves it with a version-checked patch', async () => {
    givenCluster({
      subscriptions: {
        data: [
          sub('servicemeshoperator3', {
            installPlanRef: { name: 'ip-1', namespace: 'openshift-operators' },
          }),
        ],
      },
      installPlans: {
        data: [
          {
            metadata: { name: 'ip-1', namespace: 'openshift-operators', resourceVersion: '42' },
            spec: {
              approval: 'Manual',
              approved: false,
              clusterServiceVersionNames: ['servicemeshoperator3.v3.4.0'],
            },
            status: { phase: 'RequiresApproval' },
          },
        ],
      },
    });
    (k8sPatch as jest.Mock).mockImplementation(async ({ resource }) => resource);
    renderPage();
    expect(
      screen.getByText(/The install plan ip-1 waits for approval: servicemeshoperator3.v3.4.0/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('approve-servicemesh3'));
    await waitFor(() => expect(k8sPatch).toHaveBeenCalledTimes(2));
    const real = (k8sPatch as jest.Mock).mock.calls[1][0];
    expect(real.data).toEqual([
      { op: 'test', path: '/metadata/resourceVersion', value: '42' },
      { op: 'replace', path: '/spec/approved', value: true },
    ]);
  });

  it('shows a failed install with OLM’s message and what to do', () => {
    givenCluster({
      subscriptions: {
        data: [
          sub('servicemeshoperator3', {
            conditions: [
              {
                type: 'ResolutionFailed',
                status: 'True',
                message: 'no operators found in channel stable',
              },
            ],
          }),
        ],
      },
    });
    renderPage();
    expect(screen.getByTestId('operator-step-servicemesh3-error')).toHaveTextContent(
      'no operators found in channel stable Check the Subscription in openshift-operators and the catalog source, then retry.',
    );
  });

  it('refuses to install while the other major is present', () => {
    givenCluster({
      subscriptions: { data: [sub('servicemeshoperator3')] },
      smcps: { data: [{ metadata: { name: 'basic', namespace: 'istio-system' } }] },
    });
    renderPage();
    expect(screen.getByTestId('conflict')).toHaveTextContent(
      'Service Mesh 2 is present on this cluster',
    );
    expect(screen.getByTestId('conflict')).toHaveTextContent(
      'ServiceMeshControlPlane: istio-system/basic',
    );
    expect(screen.getByTestId('start-install')).toBeDisabled();
  });

  it('warns about an installed community look-alike', () => {
    givenCluster({
      subscriptions: {
        data: [
          {
            ...sub('kiali'),
            spec: {
              name: 'kiali',
              source: 'community-operators',
              sourceNamespace: 'openshift-marketplace',
            },
          },
        ],
      },
    });
    renderPage();
    expect(screen.getByTestId('lookalikes')).toHaveTextContent('kiali (community-operators)');
  });

  it('follows the 2.x order with Tempo replacing the removed Jaeger, or no tracing at all', async () => {
    givenCluster();
    renderPage();
    await userEvent.click(screen.getByRole('radio', { name: /Service Mesh 2.6 \(legacy\)/ }));
    const order = () => screen.getAllByTestId(/^step-/).map((c) => c.getAttribute('data-test'));
    expect(order()).toEqual([
      'step-elasticsearch',
      'step-tempo',
      'step-opentelemetry',
      'step-kiali',
      'step-servicemesh2',
      'step-control-plane',
      'step-members',
    ]);
    expect(
      within(screen.getByTestId('operator-step-tempo')).getByText(
        /removed from the Red Hat catalog in November 2025/,
      ),
    ).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByTestId('tracing-choice'), 'none');
    expect(order()).toEqual([
      'step-elasticsearch',
      'step-kiali',
      'step-servicemesh2',
      'step-control-plane',
      'step-members',
    ]);
  });

  it('is read-only, with the reason, for a user who may not install operators', () => {
    (useAccessReview as jest.Mock).mockReturnValue([false, false]);
    givenCluster();
    renderPage();
    expect(screen.getByTestId('read-only')).toHaveTextContent(
      'Installing the mesh needs cluster-admin rights',
    );
    expect(screen.getByTestId('start-install')).toBeDisabled();
  });
});
