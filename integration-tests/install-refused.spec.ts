import { expectAccessible } from './a11y';
import { expect, open, test } from './fixtures';

// Service Mesh 2.6 is installed on this cluster.
test.use({ previewOptions: { scenario: 'mesh2', user: 'admin' } });

test('choosing Service Mesh 3 is refused, with what is in the way', async ({ page }) => {
  await open(page, '/service-mesh/install');
  await page.getByRole('radio', { name: /Service Mesh 3 \(recommended\)/ }).check();
  const conflict = page.getByTestId('conflict');
  await expect(conflict).toContainText('Service Mesh 2 is present on this cluster');
  await expect(conflict).toContainText(
    'Subscription to servicemeshoperator in openshift-operators',
  );
  await expect(conflict).toContainText('ServiceMeshControlPlane: istio-system/basic');
  await expect(page.getByTestId('start-install')).toBeDisabled();
  await expectAccessible(page);
});
