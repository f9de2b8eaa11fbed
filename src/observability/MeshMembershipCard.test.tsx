import { k8sPatch } from '@openshift-console/dynamic-plugin-sdk';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { givenWatches } from '../testing/fakeConsole';
import { MeshMembershipCard } from './MeshMembershipCard';

const SERVED = [
  'sailoperator.io~v1~Istio',
  'sailoperator.io~v1~IstioCNI',
  'sailoperator.io~v1~IstioRevisionTag',
  'sailoperator.io~v1~ZTunnel',
  'core~v1~Namespace',
];
const ready = { observedGeneration: 1, conditions: [{ type: 'Ready', status: 'True' }] };
const istio = (profile?: string) => ({
  metadata: { name: 'default', generation: 1 },
  spec: { version: 'v1.30.3', namespace: 'istio-system', ...(profile ? { profile } : {}) },
  status: { ...ready, activeRevisionName: 'default' },
});
const cni = { metadata: { name: 'default', generation: 1 }, spec: {}, status: ready };

const givenMesh = (profile?: string) =>
  givenWatches(SERVED, {
    istios: { data: [istio(profile)] },
    istioCNIs: { data: [cni] },
    smcps: { loadError: Object.assign(new Error('not served'), { code: 404 }) },
  });

const ns = (labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'bookinfo', resourceVersion: '7', labels: { team: 'a', ...labels } },
});

const patched = () => (k8sPatch as jest.Mock).mock.calls.at(-1)?.[0]?.data;

beforeEach(() => {
  (k8sPatch as jest.Mock).mockReset();
  (k8sPatch as jest.Mock).mockImplementation(async ({ resource }) => resource);
});

describe('MeshMembershipCard', () => {
  it('joins ambient with the dataplane-mode label, leaving other labels alone', async () => {
    givenMesh('ambient');
    render(<MeshMembershipCard namespace={ns()} />);
    expect(screen.getByTestId('membership-state')).toHaveTextContent('Not in the mesh.');
    await userEvent.click(screen.getByTestId('join-ambient'));
    await waitFor(() =>
      expect(patched()).toContainEqual({
        op: 'add',
        path: '/metadata/labels/istio.io~1dataplane-mode',
        value: 'ambient',
      }),
    );
    expect(JSON.stringify(patched())).not.toContain('team');
  });

  it('switches a sidecar namespace to ambient by swapping the labels, and leaves with all gone', async () => {
    givenMesh('ambient');
    const { unmount } = render(
      <MeshMembershipCard namespace={ns({ 'istio-injection': 'enabled' })} />,
    );
    expect(screen.getByTestId('mesh-membership')).toHaveAttribute('data-mode', 'sidecar');
    await userEvent.click(screen.getByTestId('join-ambient'));
    await waitFor(() =>
      expect(patched()).toEqual(
        expect.arrayContaining([
          { op: 'add', path: '/metadata/labels/istio.io~1dataplane-mode', value: 'ambient' },
          { op: 'remove', path: '/metadata/labels/istio-injection' },
        ]),
      ),
    );
    unmount();
    render(<MeshMembershipCard namespace={ns({ 'istio.io/dataplane-mode': 'ambient' })} />);
    expect(screen.getByTestId('membership-state')).toHaveTextContent('ambient');
    await userEvent.click(screen.getByTestId('leave-mesh'));
    await waitFor(() =>
      expect(patched()).toEqual(
        expect.arrayContaining([
          { op: 'remove', path: '/metadata/labels/istio.io~1dataplane-mode' },
        ]),
      ),
    );
  });

  it('offers no ambient where the control plane has no ambient data plane', () => {
    givenMesh();
    render(<MeshMembershipCard namespace={ns()} />);
    expect(screen.getByTestId('join-sidecar')).toBeInTheDocument();
    expect(screen.queryByTestId('join-ambient')).toBeNull();
  });
});
