import { expectAccessible } from './a11y';
import { expect, open, test } from './fixtures';

// The generated large-100 mesh: 50 services in app-01 … app-10, 5 each, on top of mesh3's
// bookinfo (4) and the Tempo instance's gateway, query-frontend and distributor in `tempo` (3).
test.use({ previewOptions: { scenario: 'large-100', user: 'admin' } });

test('a big mesh lists one page of services with the total, and the filter finds one on a later page', async ({
  page,
}) => {
  await open(page, '/service-mesh/traffic');
  const rows = page.getByTestId('traffic-table').locator('tbody tr');
  await expect(page.getByTestId('traffic-pagination')).toContainText('1 - 20 of 57');
  await expect(rows).toHaveCount(20);
  // Sorted by namespace: the generated namespaces come before bookinfo.
  await expect(rows.first()).toHaveAttribute('data-test', 'traffic-row-app-01-svc-1');
  await expect(page.getByTestId('routing-app-01-svc-1')).toHaveText('v1 90%, v2 10%');
  await expectAccessible(page);

  await expect(page.getByTestId('traffic-row-app-10-svc-5')).toHaveCount(0);
  await page
    .getByRole('searchbox', { name: 'Filter services by name or namespace' })
    .fill('app-10/svc-5');
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('traffic-pagination')).toContainText('1 - 1 of 1');
  await expect(page.getByTestId('routing-app-10-svc-5')).toHaveText('v1 100%');

  await page.getByTestId('split-app-10-svc-5').click();
  await expect(page).toHaveURL(/\/service-mesh\/traffic\/ns\/app-10\/svc-5\/split$/);
  await expect(page.getByTestId('current-routing')).toContainText('v1 100%');
});

test('the last page holds the rest, and bookinfo is on it', async ({ page }) => {
  await open(page, '/service-mesh/traffic');
  await expect(page.getByTestId('traffic-pagination')).toContainText('of 57');
  await page.getByRole('button', { name: 'Go to last page' }).click();
  await expect(page.getByTestId('traffic-table').locator('tbody tr')).toHaveCount(17);
  await expect(page.getByTestId('routing-bookinfo-reviews')).toBeVisible();
});
