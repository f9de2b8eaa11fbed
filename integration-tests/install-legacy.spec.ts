import { apiRequest } from './api';
import { expect, open, test } from './fixtures';

test.use({ previewOptions: { scenario: 'empty', user: 'admin' } });
test.setTimeout(120_000);

test('installs Service Mesh 2.6 in the 2.x order, Elasticsearch skipped and Tempo in place of the removed Jaeger', async ({
  page,
  preview,
}) => {
  await open(page, '/service-mesh/install');
  await page.getByRole('radio', { name: /Service Mesh 2.6 \(legacy\)/ }).check();
  // What 2.6 gets for metrics, and that tracing is not wired on it, said before anything starts.
  await expect(page.getByTestId('ossm2-observability')).toContainText(
    'the control plane runs its own Prometheus',
  );
  await expect(page.getByTestId('ossm2-observability')).toContainText(
    'Tracing is not wired by this wizard on 2.6',
  );
  await expect(page.getByTestId('operator-step-tempo')).toContainText(
    'removed from the Red Hat catalog in November 2025',
  );
  await page.getByRole('checkbox', { name: /Install OpenShift Elasticsearch Operator/ }).uncheck();
  await expect(page.getByTestId('operator-step-elasticsearch')).toHaveAttribute(
    'data-state',
    'skipped',
  );
  await page.getByTestId('approval').selectOption('Manual');
  await page.getByTestId('start-install').click();

  // Manual approval: each plan waits for the user.
  for (const id of ['tempo', 'opentelemetry', 'kiali', 'servicemesh2']) {
    await page.getByTestId(`approve-${id}`).click({ timeout: 30_000 });
    await expect(page.getByTestId(`operator-step-${id}`)).toHaveAttribute('data-state', 'done', {
      timeout: 30_000,
    });
  }
  await expect(page.getByTestId('smcp-summary')).toContainText('Tracing: None');
  await expect(page.getByTestId('smcp-summary')).toContainText('Kiali: enabled');
  await page.getByTestId('create-control-plane').click();
  await expect(page.getByTestId('control-plane-status')).toContainText('Healthy', {
    timeout: 30_000,
  });
  await page.getByRole('checkbox', { name: 'bookinfo' }).check();
  await page.getByTestId('save-members').click();
  await expect(page.getByTestId('install-done')).toBeVisible({ timeout: 30_000 });
  // Service Mesh 2 injects only opted-in pods: the wizard opts bookinfo's Deployments in.
  await page.getByTestId('restart-bookinfo').click();
  await expect(page.getByTestId('restarted-bookinfo')).toContainText('deployments restarted');
  await expect
    .poll(
      async () => {
        const pods = await apiRequest(page, 'GET', '/api/v1/namespaces/bookinfo/pods');
        const items = pods.body.items as {
          spec: { containers: { name: string }[]; initContainers?: { name: string }[] };
        }[];
        return (
          items.length > 0 &&
          items.every((p) =>
            [...p.spec.containers, ...(p.spec.initContainers ?? [])].some(
              (c) => c.name === 'istio-proxy',
            ),
          )
        );
      },
      { timeout: 30_000 },
    )
    .toBe(true);

  const subs = preview.backend.record
    .filter((r) => r.kind === 'Subscription' && r.type === 'ADDED')
    .map((r) => r.name);
  expect(subs).toEqual([
    'tempo-product',
    'opentelemetry-product',
    'kiali-ossm',
    'servicemeshoperator',
  ]);
  expect(subs).not.toContain('elasticsearch-operator');

  await page.getByRole('button', { name: 'Go to the overview' }).click();
  const card = page.getByTestId('smcp-istio-system-basic');
  await expect(card.getByText('Healthy')).toBeVisible({ timeout: 30_000 });
  await expect(card.getByRole('link', { name: 'bookinfo' })).toBeVisible();
});
