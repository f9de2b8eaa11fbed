import { expect, open, test } from './fixtures';
import { inListRow } from './lists';

// The developer may read and edit bookinfo but not the control-plane namespace.
// The browser logs the refused watches of istio-system (403); nothing else may fail.
test.use({
  previewOptions: { scenario: 'mesh3', user: 'developer' },
  allowedConsoleErrors: [/403/],
});

test('a user who may not read the root namespace still sees the namespace, and is told what is hidden', async ({
  page,
}) => {
  await open(page, '/service-mesh/security/ns/bookinfo');
  await expect(page.getByTestId('mesh-mtls')).toHaveText(
    'You may not read the policies in istio-system.',
  );
  await expect(page.getByTestId('mesh-mtls-edit')).toHaveCount(0);
  await expect(await inListRow(page, 'mtls-reviews-v1')).toContainText('PERMISSIVE');
});
