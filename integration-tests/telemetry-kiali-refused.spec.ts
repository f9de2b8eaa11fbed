import { expectAccessible } from './a11y';
import { apiRequest } from './api';
import { expect, open, test } from './fixtures';

// Kiali without access to cluster monitoring: its graph and health answer 503 with Thanos' 403,
// which the browser logs.
test.use({
  previewOptions: { scenario: 'mesh3', user: 'admin' },
  allowedConsoleErrors: [/status of 503/],
});

test('the graph error comes with the link that broke and where to fix it', async ({ page }) => {
  await open(page, '/k8s/ns/bookinfo/services/reviews/service-mesh');
  await expect(page.getByTestId('traffic-table')).toBeVisible();
  const removed = await apiRequest(
    page,
    'DELETE',
    '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kiali-monitoring-rbac-istio-system',
  );
  expect(removed.status).toBe(200);
  await page.getByRole('button', { name: 'Refresh' }).click();
  const error = page.getByTestId('graph-error');
  await expect(error).toContainText('client error: 403');
  await expect(error.getByTestId('telemetry-link-kiali-metrics')).toHaveAttribute(
    'data-state',
    'missing',
  );
  await expect(error.getByTestId('telemetry-fix-kiali-metrics')).toHaveAttribute(
    'href',
    '/service-mesh/install#step-kiali-instance',
  );
  await expectAccessible(page);
});
