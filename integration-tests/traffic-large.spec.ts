import { expectAccessible } from './a11y';
import { expect, open, test } from './fixtures';

// The generated large-100 mesh: 50 services in app-01 … app-10, 5 each, on top of mesh3's
// bookinfo (4) and the Tempo instance's gateway, query-frontend and distributor in `tempo` (3).
test.use({ previewOptions: { scenario: 'large-100', user: 'admin' } });

test('a big mesh lists the services in view of all 57, and the filter finds one further down', async ({
  page,
}) => {
  await open(page, '/service-mesh/traffic');
  const list = page.getByTestId('traffic-table');
  const rows = list.locator('tbody tr');
  await expect(list).toHaveAttribute('data-total', '57');
  // Sorted by namespace: the generated namespaces come before bookinfo.
  await expect(rows.first().getByTestId('routing-app-01-svc-1')).toHaveText('v1 90%, v2 10%');
  // The console's table renders the rows in view only, and the plugin works out only theirs.
  expect(await rows.count()).toBeLessThan(57);
  await expect(page.getByTestId('routing-app-10-svc-5')).toHaveCount(0);
  await expectAccessible(page);

  await page.getByTestId('name-filter-input').fill('app-10/svc-5');
  await expect(list).toHaveAttribute('data-total', '1');
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('routing-app-10-svc-5')).toHaveText('v1 100%');
  // The console keeps the name filter in the URL.
  await expect(page).toHaveURL(/[?&]name=app-10%2Fsvc-5/);

  await page.getByTestId('split-app-10-svc-5').click();
  await expect(page).toHaveURL(/\/service-mesh\/traffic\/ns\/app-10\/svc-5\/split$/);
  await expect(page.getByTestId('current-routing')).toContainText('v1 100%');
});

test('scrolling down renders the rest, bookinfo last; the routing filter counts without rendering', async ({
  page,
}) => {
  await open(page, '/service-mesh/traffic');
  const list = page.getByTestId('traffic-table');
  await expect(list).toHaveAttribute('data-total', '57');
  await expect(page.getByTestId('routing-bookinfo-reviews')).toHaveCount(0);
  await list.locator('tbody tr').first().hover();
  // Scroll as a user does, until bookinfo's last row shows. The console's table measures row
  // heights as it renders them, so the page grows while it scrolls: a fixed number of wheel
  // turns can stop short of the end (seen in CI), hence "keep scrolling until it shows".
  const reviews = page.getByTestId('routing-bookinfo-reviews');
  await expect(async () => {
    await page.mouse.wheel(0, 1000);
    await expect(reviews).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId('routing-app-01-svc-1')).toHaveCount(0);

  // Services no VirtualService or DestinationRule names: bookinfo's 4 and Tempo's 3.
  await page.getByRole('button', { name: 'Filter' }).click();
  const noRouting = page.locator('[data-test-row-filter="none"]');
  await expect(noRouting).toContainText('Mesh defaults only');
  await noRouting.click();
  await page.keyboard.press('Escape');
  await expect(list).toHaveAttribute('data-total', '7');
  await expect(page).toHaveURL(/[?&]rowFilter-routing=none/);
  await expect(page.getByTestId('routing-bookinfo-details')).toHaveText(
    'no routing rules (round robin over all pods)',
  );
});
