import { k8sCreate, k8sUpdate } from '@openshift-console/dynamic-plugin-sdk';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { K8sResourceCommon } from '../models';
import { givenWatches } from '../testing/fakeConsole';
import AuthorizationPage from './AuthorizationPage';

const SERVED = [
  'apps~v1~Deployment',
  'core~v1~Pod',
  'core~v1~Namespace',
  'core~v1~Service',
  'security.istio.io~v1~PeerAuthentication',
  'security.istio.io~v1~AuthorizationPolicy',
  'security.istio.io~v1~RequestAuthentication',
  'gateway.networking.k8s.io~v1~Gateway',
];

const deployment = (app: string, sa: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: `${app}-v1`, namespace: 'bookinfo' },
  spec: {
    selector: { matchLabels: { app, version: 'v1' } },
    template: {
      metadata: { labels: { app, version: 'v1' } },
      spec: { serviceAccountName: sa, containers: [{ name: app }] },
    },
  },
});

/** A running pod: captured by ztunnel, or with a sidecar. */
const pod = (app: string, plane: 'ambient' | 'sidecar') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: `${app}-v1-0`,
    namespace: 'bookinfo',
    labels: { app, version: 'v1' },
    ...(plane === 'ambient' ? { annotations: { 'ambient.istio.io/redirection': 'enabled' } } : {}),
  },
  spec: {
    containers: [{ name: app }, ...(plane === 'sidecar' ? [{ name: 'istio-proxy' }] : [])],
  },
});

const reviewsService = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    name: 'reviews',
    namespace: 'bookinfo',
    resourceVersion: '40',
    labels: { app: 'reviews' },
    annotations: { 'team.example.com/owner': 'books' },
  },
  spec: {
    selector: { app: 'reviews' },
    ports: [{ name: 'http', port: 9080 }],
    clusterIP: '172.30.1.2',
  },
};

const ambientNamespace = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'bookinfo', labels: { 'istio.io/dataplane-mode': 'ambient' } },
};

const givenBookinfo = (reviews: 'ambient' | 'sidecar' = 'ambient') =>
  givenWatches(SERVED, {
    deployments: {
      data: [
        deployment('reviews', 'bookinfo-reviews'),
        deployment('productpage', 'bookinfo-productpage'),
      ],
    },
    pods: { data: [pod('reviews', reviews), pod('productpage', 'ambient')] },
    namespaceObject: { data: ambientNamespace },
    services: { data: [reviewsService] },
  });

/** Renders the form and lets Apply's access reviews answer. */
const renderForm = async () => {
  render(
    <MemoryRouter
      initialEntries={['/service-mesh/security/ns/bookinfo/workloads/reviews-v1/authorization']}
    >
      <Routes>
        <Route
          path="/service-mesh/security/ns/:ns/workloads/:name/authorization"
          element={<AuthorizationPage />}
        />
      </Routes>
    </MemoryRouter>,
  );
  await act(async () => undefined);
};

const settle = () => act(async () => undefined);
const apply = () => screen.getByTestId('apply');

const order = (verb: string) =>
  ((verb === 'create' ? k8sCreate : k8sUpdate) as jest.Mock).mock.invocationCallOrder;

/** What Apply wrote for real (not at dry-run), in order: verb, kind, object. */
const writes = () =>
  [
    ...(k8sCreate as jest.Mock).mock.calls.map((c, i) => ({ verb: 'create', call: c[0], i })),
    ...(k8sUpdate as jest.Mock).mock.calls.map((c, i) => ({ verb: 'update', call: c[0], i })),
  ]
    .filter(({ call }) => !call.queryParams)
    .sort((a, b) => order(a.verb)[a.i] - order(b.verb)[b.i])
    .map(({ verb, call }) => ({ verb, obj: call.data as K8sResourceCommon & { spec?: unknown } }));

const chooseProductpage = () =>
  userEvent.click(
    within(screen.getByTestId('caller-bookinfo-productpage-v1')).getByRole('checkbox'),
  );

beforeEach(() => {
  (k8sCreate as jest.Mock).mockReset().mockImplementation(({ data }) => Promise.resolve(data));
  (k8sUpdate as jest.Mock).mockReset().mockImplementation(({ data }) => Promise.resolve(data));
});

describe('AuthorizationPage for a workload of the ambient data plane', () => {
  it('binds a policy of callers only to the pods, for ztunnel, and says so', async () => {
    givenBookinfo();
    await renderForm();
    await chooseProductpage();
    await settle();
    const enforcement = screen.getByTestId('authz-enforcement');
    expect(enforcement).toHaveAttribute('data-enforcer', 'ztunnel');
    expect(enforcement).toHaveTextContent('Enforced by ztunnel');
    expect(screen.queryByTestId('waypoint-required')).not.toBeInTheDocument();
    expect(screen.queryByTestId('no-identity')).not.toBeInTheDocument();

    await userEvent.click(apply());
    await settle();
    expect(writes()).toEqual([
      {
        verb: 'create',
        obj: expect.objectContaining({
          kind: 'AuthorizationPolicy',
          spec: {
            selector: { matchLabels: { app: 'reviews' } },
            action: 'ALLOW',
            rules: [
              {
                from: [
                  { source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-productpage'] } },
                ],
              },
            ],
          },
        }),
      },
    ]);
  });

  it('needs a waypoint for a method: says why, holds Apply, and sets one up on request', async () => {
    givenBookinfo();
    await renderForm();
    await chooseProductpage();
    await userEvent.click(screen.getByTestId('authz-method-GET'));
    await settle();

    expect(screen.getByTestId('authz-enforcement')).toHaveAttribute('data-enforcer', 'waypoint');
    expect(screen.getByTestId('authz-enforcement')).toHaveTextContent(
      'The policy checks methods, which ztunnel cannot',
    );
    const required = screen.getByTestId('waypoint-required');
    expect(required).toHaveTextContent(
      'Service reviews uses no waypoint yet. Apply can create waypoint waypoint in bookinfo',
    );
    expect(within(required).getByTestId('waypoint-issue')).toHaveTextContent(
      'This policy must be enforced by a waypoint, and Service reviews uses none',
    );
    expect(apply()).toBeDisabled();

    await userEvent.click(screen.getByTestId('create-waypoint'));
    await settle();
    expect(screen.queryByTestId('waypoint-issue')).not.toBeInTheDocument();
    expect(apply()).toBeEnabled();
    await userEvent.click(apply());
    await settle();

    const written = writes();
    expect(written.map((w) => [w.verb, w.obj.kind])).toEqual([
      ['create', 'Gateway'],
      ['update', 'Service'],
      ['create', 'AuthorizationPolicy'],
    ]);
    expect(written[0].obj).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: {
        name: 'waypoint',
        namespace: 'bookinfo',
        labels: { 'istio.io/waypoint-for': 'service' },
      },
      spec: {
        gatewayClassName: 'istio-waypoint',
        listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
      },
    });
    // Only the label changes on the Service, at the version it was read.
    expect(written[1].obj).toEqual({
      ...reviewsService,
      metadata: {
        ...reviewsService.metadata,
        labels: { app: 'reviews', 'istio.io/use-waypoint': 'waypoint' },
      },
    });
    expect(written[2].obj.spec).toEqual({
      action: 'ALLOW',
      targetRefs: [{ kind: 'Service', group: '', name: 'reviews' }],
      rules: [
        {
          from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-productpage'] } }],
          to: [{ operation: { methods: ['GET'] } }],
        },
      ],
    });
  });

  it('attaches to the waypoint the Service already uses, writing nothing else', async () => {
    givenWatches(SERVED, {
      deployments: {
        data: [
          deployment('reviews', 'bookinfo-reviews'),
          deployment('productpage', 'bookinfo-productpage'),
        ],
      },
      pods: { data: [pod('reviews', 'ambient'), pod('productpage', 'ambient')] },
      namespaceObject: {
        data: {
          ...ambientNamespace,
          metadata: {
            ...ambientNamespace.metadata,
            labels: { ...ambientNamespace.metadata.labels, 'istio.io/use-waypoint': 'waypoint' },
          },
        },
      },
      services: { data: [reviewsService] },
      gateways: {
        data: [
          {
            apiVersion: 'gateway.networking.k8s.io/v1',
            kind: 'Gateway',
            metadata: { name: 'waypoint', namespace: 'bookinfo' },
            spec: { gatewayClassName: 'istio-waypoint', listeners: [] },
            status: { conditions: [{ type: 'Programmed', status: 'True' }] },
          },
        ],
      },
    });
    await renderForm();
    await chooseProductpage();
    await settle();
    expect(screen.getByTestId('authz-enforcement')).toHaveTextContent(
      'Calls to Service reviews go through waypoint waypoint, so ztunnel sees the waypoint’s identity',
    );
    expect(screen.queryByTestId('waypoint-required')).not.toBeInTheDocument();
    await userEvent.click(apply());
    await settle();
    expect(
      writes().map((w) => [w.obj.kind, (w.obj.spec as { targetRefs?: unknown }).targetRefs]),
    ).toEqual([['AuthorizationPolicy', [{ kind: 'Service', group: '', name: 'reviews' }]]]);
  });

  it('keeps a sidecar workload’s policy on its pods, as before, even in an ambient namespace', async () => {
    givenBookinfo('sidecar');
    await renderForm();
    await chooseProductpage();
    await userEvent.click(screen.getByTestId('authz-method-GET'));
    await settle();
    expect(screen.queryByTestId('authz-enforcement')).not.toBeInTheDocument();
    expect(screen.queryByTestId('waypoint-required')).not.toBeInTheDocument();
    await userEvent.click(apply());
    await settle();
    expect(
      writes().map((w) => [w.obj.kind, (w.obj.spec as { selector?: unknown }).selector]),
    ).toEqual([['AuthorizationPolicy', { matchLabels: { app: 'reviews' } }]]);
  });
});
