import { expect, open, test } from './fixtures';

test.use({
  previewOptions: { scenario: 'empty', user: 'developer' },
  // The developer's cluster-wide reads are refused; the browser logs each 403.
  allowedConsoleErrors: [/status of 403/],
});

test('a user who may not install operators sees the wizard read-only, with the reason', async ({
  page,
}) => {
  await open(page, '/service-mesh/install');
  await expect(page.getByTestId('read-only')).toContainText(
    'Installing the mesh needs cluster-admin rights',
  );
  await expect(page.getByTestId('start-install')).toBeDisabled();
});
