import { expectAccessible } from './a11y';
import { expect, open, test } from './fixtures';

test.use({
  previewOptions: { scenario: 'mesh3', user: 'developer' },
  // The browser logs each list the API refuses; those 403s are what this file is about.
  allowedConsoleErrors: [/status of 403/],
});

test('a user who may not list control planes is told what could not be read and why', async ({
  page,
}) => {
  await open(page, '/service-mesh/overview');
  const alert = page.getByTestId('overview-error');
  await expect(alert).toContainText('The mesh status could not be read');
  await expect(alert).toContainText('Istio (sailoperator.io)');
  await expect(alert).toContainText('Ask a cluster administrator for read access');
  await expect(page.getByTestId('no-mesh')).toHaveCount(0);
  await expectAccessible(page);
});
