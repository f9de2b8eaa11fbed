import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { givenWatches } from '../testing/fakeConsole';
import MtlsPage from './MtlsPage';

const SERVED = [
  'apps~v1~Deployment',
  'core~v1~Pod',
  'core~v1~Namespace',
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

/** A running pod captured by ztunnel, or one labelled out of ambient. */
const pod = (app: string, captured: boolean) => ({
  metadata: {
    name: `${app}-0`,
    namespace: 'bookinfo',
    labels: { app, ...(captured ? {} : { 'istio.io/dataplane-mode': 'none' }) },
    ...(captured ? { annotations: { 'ambient.istio.io/redirection': 'enabled' } } : {}),
  },
  spec: { containers: [{ name: app }] },
});

const givenAmbient = (legacyCaptured: boolean) =>
  givenWatches(SERVED, {
    deployments: { data: ['reviews', 'productpage', 'legacy'].map(deployment) },
    pods: {
      data: [pod('reviews', true), pod('productpage', true), pod('legacy', legacyCaptured)],
    },
    namespaceObject: {
      data: {
        metadata: { name: 'bookinfo', labels: { 'istio.io/dataplane-mode': 'ambient' } },
      },
    },
  });

const renderNamespaceForm = async () => {
  render(
    <MemoryRouter initialEntries={['/service-mesh/security/ns/bookinfo/mtls']}>
      <Routes>
        <Route path="/service-mesh/security/ns/:ns/mtls" element={<MtlsPage />} />
      </Routes>
    </MemoryRouter>,
  );
  await act(async () => undefined);
};

const choose = async (mode: string) => {
  await userEvent.click(screen.getByTestId(`mtls-mode-${mode}`));
  await act(async () => undefined);
};

describe('MtlsPage for an ambient namespace', () => {
  it('explains that ztunnel ignores DISABLE, as a warning that does not hold Apply', async () => {
    givenAmbient(true);
    await renderNamespaceForm();
    expect(screen.getByText(/Ignored by ztunnel: ambient workloads keep mTLS/)).toBeInTheDocument();
    await choose('DISABLE');
    expect(screen.getByTestId('mtls-mode-issue-mtls.disable-ignored-ambient')).toHaveTextContent(
      'ztunnel ignores DISABLE: the ambient workloads of bookinfo keep mutual TLS with mesh callers',
    );
    expect(screen.getByTestId('apply')).toBeEnabled();
  });

  it('does not warn that STRICT cuts off ambient callers: ztunnel gives them mTLS', async () => {
    givenAmbient(true);
    await renderNamespaceForm();
    await choose('STRICT');
    expect(screen.queryByTestId('strict-warning')).not.toBeInTheDocument();
    expect(screen.getByTestId('apply')).toBeEnabled();
  });

  it('warns, and asks for a yes, about a workload that opted out of ambient', async () => {
    givenAmbient(false);
    await renderNamespaceForm();
    await choose('STRICT');
    expect(screen.getByTestId('strict-cut-off')).toHaveTextContent(
      'These workloads are outside the mesh (no sidecar, not captured by ztunnel) and will no longer be able to call bookinfo: legacy-v1.',
    );
    expect(screen.getByTestId('apply')).toBeDisabled();
    await userEvent.click(screen.getByTestId('strict-ack'));
    await act(async () => undefined);
    expect(screen.getByTestId('apply')).toBeEnabled();
  });
});
