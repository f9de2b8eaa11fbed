import { act, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { givenWatches } from '../testing/fakeConsole';
import SecurityPage from './SecurityPage';

// The SDK's namespace selector hook, which the shared SDK mock does not provide.
jest.mock('@openshift-console/dynamic-plugin-sdk', () => ({
  ...jest.requireActual('../../__mocks__/@openshift-console/dynamic-plugin-sdk'),
  useActiveNamespace: () => ['bookinfo', jest.fn()],
}));

const SERVED = [
  'apps~v1~Deployment',
  'core~v1~Pod',
  'core~v1~Namespace',
  'core~v1~Service',
  'security.istio.io~v1~PeerAuthentication',
  'security.istio.io~v1~AuthorizationPolicy',
  'security.istio.io~v1~RequestAuthentication',
];

const deployment = (app: string) => ({
  metadata: { name: `${app}-v1`, namespace: 'bookinfo' },
  spec: {
    selector: { matchLabels: { app } },
    template: { metadata: { labels: { app } }, spec: { containers: [{ name: app }] } },
  },
});

const captured = (app: string) => ({
  metadata: {
    name: `${app}-0`,
    namespace: 'bookinfo',
    labels: { app },
    annotations: { 'ambient.istio.io/redirection': 'enabled' },
  },
  spec: { containers: [{ name: app }] },
});

const strictNamespace = {
  apiVersion: 'security.istio.io/v1',
  kind: 'PeerAuthentication',
  metadata: { name: 'default', namespace: 'bookinfo' },
  spec: { mtls: { mode: 'STRICT' } },
};

const renderPage = async () => {
  render(
    <MemoryRouter initialEntries={['/service-mesh/security/ns/bookinfo']}>
      <Routes>
        <Route path="/service-mesh/security/ns/:ns" element={<SecurityPage />} />
      </Routes>
    </MemoryRouter>,
  );
  await act(async () => undefined);
};

describe('SecurityPage for an ambient namespace', () => {
  it('shows ambient workloads STRICT via ztunnel, with no warning that they are cut off', async () => {
    // details still runs a sidecar, which enforces STRICT: callers outside the mesh would break.
    const sidecar = {
      metadata: { name: 'details-0', namespace: 'bookinfo', labels: { app: 'details' } },
      spec: { containers: [{ name: 'details' }, { name: 'istio-proxy' }] },
    };
    givenWatches(SERVED, {
      deployments: { data: ['reviews', 'productpage', 'details'].map(deployment) },
      pods: { data: [captured('reviews'), captured('productpage'), sidecar] },
      namespaceObject: {
        data: { metadata: { name: 'bookinfo', labels: { 'istio.io/dataplane-mode': 'ambient' } } },
      },
      peerAuthentications: { data: [strictNamespace] },
    });
    await renderPage();
    expect(screen.getByTestId('namespace-dataplane')).toHaveTextContent('Ambient');
    // The Gateway API is not served here: no waypoint can exist, and the page says what one is for.
    expect(screen.getByTestId('namespace-waypoints')).toHaveTextContent(
      'None: policies on methods, paths or end-user tokens need one.',
    );
    expect(screen.getByTestId('dataplane-reviews-v1')).toHaveTextContent(
      'Ambient (ztunnel) in all pods (1/1)',
    );
    expect(screen.getByTestId('mtls-productpage-v1')).toHaveTextContent('STRICT via ztunnel');
    expect(screen.getByTestId('mtls-details-v1')).not.toHaveTextContent('via ztunnel');
    expect(screen.queryByTestId('strict-broken')).not.toBeInTheDocument();
  });

  it('still warns about a workload outside the mesh, in ambient words', async () => {
    givenWatches(SERVED, {
      deployments: { data: ['reviews', 'legacy'].map(deployment) },
      pods: {
        data: [
          captured('reviews'),
          {
            metadata: {
              name: 'legacy-0',
              namespace: 'bookinfo',
              labels: { app: 'legacy', 'istio.io/dataplane-mode': 'none' },
            },
            spec: { containers: [{ name: 'legacy' }] },
          },
        ],
      },
      namespaceObject: {
        data: { metadata: { name: 'bookinfo', labels: { 'istio.io/dataplane-mode': 'ambient' } } },
      },
      peerAuthentications: { data: [strictNamespace] },
    });
    await renderPage();
    expect(screen.getByTestId('dataplane-legacy-v1')).toHaveTextContent('Opted out of ambient');
    expect(screen.getByTestId('strict-broken')).toHaveTextContent(
      'legacy-v1 are neither captured by ztunnel nor have a sidecar',
    );
  });
});
