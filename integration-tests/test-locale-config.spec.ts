// The test locale (integration-tests/testLocale.ts) on the Istio config pages, with the broken
// objects of mesh3-broken so every kind of problem shows.
import { expect, open, test } from './fixtures';
import { expectAllTranslated, useTestLocale } from './testLocale';

test.use({ previewOptions: { scenario: 'mesh3-broken', user: 'admin' } });

test.beforeEach(async ({ page }) => {
  await useTestLocale(page);
});

test('the Istio config page and an object’s problems show no untranslated sentence', async ({
  page,
}) => {
  await open(page, '/service-mesh/istio-config');
  await expect(page.getByTestId('istio-config-table')).toBeVisible();
  await expectAllTranslated(page, 'the Istio config list');

  await open(page, '/service-mesh/istio-config/ns/bookinfo/virtualservices/ratings');
  await expect(page.getByTestId('config-problem').first()).toBeVisible();
  await expectAllTranslated(page, 'a VirtualService with problems');

  // Kiali's findings: our words around them, Kiali's own message left as Kiali wrote it.
  await open(page, '/service-mesh/istio-config/ns/bookinfo/gateways/shop-a');
  await expect(page.getByTestId('kiali-message').first()).toBeVisible();
  await expectAllTranslated(page, 'a Gateway only Kiali finds problems with');
});
