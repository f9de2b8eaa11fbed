// Service Mesh 3 installed for the ambient data plane from an empty cluster, bookinfo enrolled
// as ambient: no restart, no sidecar, mutual TLS from ztunnel, and the security pages say so.
import type { Page } from '@playwright/test';
import { apiRequest } from './api';
import { expect, open, test } from './fixtures';
import { inListRow } from './lists';

test.use({
  previewOptions: { scenario: 'empty', user: 'admin' },
  // Kiali is not installed here: the namespace tab's probe gets the console proxy's 502.
  allowedConsoleErrors: [/status of 502/],
});
// An operator install and a control plane: a few simulated rollouts.
test.setTimeout(120_000);

const waitDone = (page: Page, id: string) =>
  expect(page.getByTestId(`operator-step-${id}`)).toHaveAttribute('data-state', 'done', {
    timeout: 30_000,
  });

type Pod = {
  metadata: { name: string; uid: string; annotations?: Record<string, string> };
  spec: { containers: { name: string }[] };
};
const bookinfoPods = async (page: Page): Promise<Pod[]> =>
  ((await apiRequest(page, 'GET', '/api/v1/namespaces/bookinfo/pods')).body as { items: Pod[] })
    .items;

test('installs ambient, enrols bookinfo without a restart, and every pod is captured by ztunnel', async ({
  page,
  preview,
}) => {
  await open(page, '/service-mesh/install');
  await page.getByTestId('start-install').click();
  await waitDone(page, 'servicemesh3');

  await page.getByTestId('data-plane').selectOption('ambient');
  await expect(page.getByTestId('data-plane-help')).toContainText('without restarting');
  await page.getByTestId('create-control-plane').click();
  await expect(page.getByTestId('control-plane-status')).toContainText('Healthy', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('ztunnel-status')).toContainText('Healthy', { timeout: 30_000 });
  const ztunnel = await apiRequest(page, 'GET', '/apis/sailoperator.io/v1/ztunnels/default');
  expect(ztunnel.body).toMatchObject({ spec: { namespace: 'ztunnel' } });

  const before = await bookinfoPods(page);
  await page.getByRole('checkbox', { name: 'bookinfo' }).check();
  await page.getByTestId('mode-bookinfo').selectOption('ambient');
  await page.getByTestId('save-members').click();
  await expect(page.getByTestId('ambient-bookinfo')).toBeVisible();
  const ns = await apiRequest(page, 'GET', '/api/v1/namespaces/bookinfo');
  expect((ns.body as { metadata: { labels: Record<string, string> } }).metadata.labels).toEqual(
    expect.objectContaining({ 'istio.io/dataplane-mode': 'ambient' }),
  );
  expect(
    (ns.body as { metadata: { labels: Record<string, string> } }).metadata.labels,
  ).not.toHaveProperty('istio-injection');

  // Captured where they run: same pods, no sidecar, marked by istio-cni.
  await expect
    .poll(
      async () =>
        (await bookinfoPods(page)).every(
          (p) => p.metadata.annotations?.['ambient.istio.io/redirection'] === 'enabled',
        ),
      { timeout: 20_000 },
    )
    .toBe(true);
  const after = await bookinfoPods(page);
  expect(after.map((p) => p.metadata.uid).sort()).toEqual(before.map((p) => p.metadata.uid).sort());
  expect(after.flatMap((p) => p.spec.containers.map((c) => c.name))).not.toContain('istio-proxy');

  // The overview and the namespace's tab say how bookinfo is in the mesh.
  await open(page, '/service-mesh/overview');
  await expect(page.getByTestId('istio-default-data-plane')).toContainText('Ambient');
  await expect(page.getByTestId('istio-default-ambient-members')).toContainText('bookinfo');
  await expect(page.getByTestId('ztunnel')).toContainText('Healthy');
  await open(page, '/k8s/cluster/namespaces/bookinfo/service-mesh');
  await expect(page.getByTestId('mesh-membership')).toHaveAttribute('data-mode', 'ambient');

  // Security: every workload in the mesh through ztunnel, with mutual TLS.
  await open(page, '/service-mesh/security/ns/bookinfo');
  const workloads = ['details-v1', 'productpage-v1', 'ratings-v1', 'reviews-v1', 'reviews-v2'];
  for (const w of workloads) {
    await expect(await inListRow(page, `dataplane-${w}`)).toHaveAttribute(
      'data-dataplane',
      'ambient',
    );
    await expect(await inListRow(page, `mtls-${w}`)).toContainText('via ztunnel');
  }
  // STRICT cuts nobody off: every caller is in the mesh.
  await open(page, '/service-mesh/security/ns/bookinfo/mtls');
  await page.getByTestId('mtls-mode-STRICT').click();
  await expect(page.getByTestId('strict-cut-off')).toHaveCount(0);
  await expect(page.getByTestId('strict-unenforced')).toHaveCount(0);
  await expect(page.getByTestId('apply')).toBeEnabled();

  // Only productpage may GET reviews: a method is layer 7, which ztunnel cannot check, so the
  // policy needs a waypoint, which the form sets up with it.
  await open(page, '/service-mesh/security/ns/bookinfo/workloads/reviews-v1/authorization');
  await page.getByTestId('caller-bookinfo-productpage-v1').getByRole('checkbox').check();
  await expect(page.getByTestId('authz-enforcement')).toHaveAttribute('data-enforcer', 'ztunnel');
  await page.getByTestId('authz-method-GET').check();
  await expect(page.getByTestId('authz-enforcement')).toHaveAttribute('data-enforcer', 'waypoint');
  await expect(page.getByTestId('waypoint-required')).toBeVisible();
  await expect(page.getByTestId('apply')).toBeDisabled();
  await page.getByTestId('create-waypoint').check();
  await expect(page.getByTestId('diff-gateway-waypoint')).toBeVisible();
  await page.getByTestId('apply').click();

  const SEC = '/apis/security.istio.io/v1/namespaces/bookinfo';
  await expect
    .poll(() => preview.backend.record.some((r) => r.name === 'reviews-allowed-callers'))
    .toBe(true);
  const ap = (await apiRequest(page, 'GET', `${SEC}/authorizationpolicies/reviews-allowed-callers`))
    .body as { spec: Record<string, unknown> };
  expect(ap.spec).toEqual({
    action: 'ALLOW',
    targetRefs: [{ kind: 'Service', group: '', name: 'reviews' }],
    rules: [
      {
        from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-productpage'] } }],
        to: [{ operation: { methods: ['GET'] } }],
      },
    ],
  });
  const svc = (await apiRequest(page, 'GET', '/api/v1/namespaces/bookinfo/services/reviews'))
    .body as { metadata: { labels: Record<string, string> } };
  expect(svc.metadata.labels['istio.io/use-waypoint']).toBe('waypoint');
  // Istio runs the waypoint and says so.
  await expect
    .poll(
      async () => {
        const gw = (
          await apiRequest(
            page,
            'GET',
            '/apis/gateway.networking.k8s.io/v1/namespaces/bookinfo/gateways/waypoint',
          )
        ).body as { status?: { conditions?: { type: string; status: string }[] } };
        return gw.status?.conditions?.find((c) => c.type === 'Programmed')?.status;
      },
      { timeout: 20_000 },
    )
    .toBe('True');
});
