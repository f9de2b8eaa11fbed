import { expectAccessible } from './a11y';
import { apiRequest } from './api';
import { expect, open, test } from './fixtures';

test.use({ previewOptions: { scenario: 'mesh3', user: 'admin' } });

test('the overview shows the Service Mesh 3 control plane, its CNI and its members', async ({
  page,
}) => {
  await open(page, '/service-mesh/overview');
  const card = page.getByTestId('istio-default');
  await expect(card.getByText('Healthy')).toBeVisible();
  await expect(card.getByText('v1.30.3')).toBeVisible();
  await expect(card.getByText('istio-system')).toBeVisible();
  await expect(
    page.getByTestId('istio-default-members').getByRole('link', { name: 'bookinfo' }),
  ).toBeVisible();
  await expect(page.getByTestId('istio-cni').getByText('Healthy')).toBeVisible();
  await expect(page.getByTestId('no-mesh')).toHaveCount(0);
  await expectAccessible(page);
});

test('a namespace enrolled through the API appears without reloading (watch)', async ({ page }) => {
  await open(page, '/service-mesh/overview');
  const members = page.getByTestId('istio-default-members');
  await expect(members.getByRole('link', { name: 'bookinfo' })).toBeVisible();
  const created = await apiRequest(page, 'POST', '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } },
  });
  expect(created.status).toBe(201);
  await expect(members.getByRole('link', { name: 'shop' })).toBeVisible();

  const unlabeled = await apiRequest(
    page,
    'PATCH',
    '/api/v1/namespaces/shop',
    { metadata: { labels: { 'istio-injection': null } } },
    'application/merge-patch+json',
  );
  expect(unlabeled.status).toBe(200);
  await expect(members.getByRole('link', { name: 'shop' })).toHaveCount(0);
});

test('a member link opens the namespace in the console', async ({ page }) => {
  await open(page, '/service-mesh/overview');
  await page.getByTestId('istio-default-members').getByRole('link', { name: 'bookinfo' }).click();
  await expect(page).toHaveURL(/\/k8s\/cluster\/namespaces\/bookinfo$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('bookinfo');
  await expectAccessible(page);
});

test.describe('CSRF', () => {
  // The refused request below shows in the browser console as a failed load.
  test.use({ allowedConsoleErrors: [/status of 403/] });

  test('writes without the CSRF token are refused, as the console bridge does', async ({
    page,
  }) => {
    await open(page, '/');
    const status = await page.evaluate(
      async () =>
        (
          await fetch('/api/kubernetes/api/v1/namespaces', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } }),
          })
        ).status,
    );
    expect(status).toBe(403);
  });
});
