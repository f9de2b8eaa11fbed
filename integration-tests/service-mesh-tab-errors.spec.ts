import { expectAccessible } from './a11y';
import { expect, open, test } from './fixtures';

// Every call to the stand-in Kiali answers 500 {"error"}; the browser logs each one.
test.use({
  previewOptions: { scenario: 'mesh3', user: 'admin', observability: { kiali: 'error' } },
  allowedConsoleErrors: [/status of 500/],
});

test('a failing Kiali gives a clear message on both tabs, never a crash', async ({ page }) => {
  await open(page, '/k8s/ns/bookinfo/services/reviews/service-mesh');
  const alert = page.getByTestId('kiali-error');
  await expect(alert).toContainText('Kiali could not be queried');
  await expect(alert).toContainText('Kiali answered HTTP 500');
  await expect(page.getByTestId('applied-config')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('tab', { name: 'Traces' }).click();
  await expect(page.getByTestId('kiali-error')).toContainText('Kiali answered HTTP 500');
});
