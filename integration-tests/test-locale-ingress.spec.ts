// The test locale (integration-tests/testLocale.ts) on the ingress form: a problem on a field,
// the review, then the status of the Gateway and route it wrote, and an Istio Gateway beside it.
import { apiRequest } from './api';
import { expect, open, test } from './fixtures';
import { expectAllTranslated, useTestLocale } from './testLocale';

test.use({ previewOptions: { scenario: 'mesh3', user: 'admin' } });

test.beforeEach(async ({ page }) => {
  await useTestLocale(page);
});

test('the ingress form and its status show no untranslated sentence', async ({ page }) => {
  await open(page, '/service-mesh/traffic/ns/bookinfo/productpage/expose');
  await page.getByTestId('expose-hostname').fill('Not A Host');
  await page.getByTestId('expose-path').fill('api');
  await expect(page.getByTestId('apply')).toBeDisabled();
  await expectAllTranslated(page, 'the ingress form with bad values');

  await page.getByTestId('expose-hostname').fill('');
  await page.getByTestId('expose-path').fill('/');
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('ingress-condition-Programmed')).toHaveAttribute(
    'data-status',
    'True',
    { timeout: 30_000 },
  );
  await expectAllTranslated(page, 'the ingress status');

  // The older path, read only.
  const NET = '/apis/networking.istio.io/v1/namespaces/bookinfo';
  await apiRequest(page, 'POST', `${NET}/gateways`, {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'edge', namespace: 'bookinfo' },
    spec: {
      selector: { istio: 'ingressgateway' },
      servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
    },
  });
  await apiRequest(page, 'POST', `${NET}/virtualservices`, {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'edge', namespace: 'bookinfo' },
    spec: {
      hosts: ['*'],
      gateways: ['edge'],
      http: [{ route: [{ destination: { host: 'productpage' } }] }],
    },
  });
  await expect(page.getByTestId('istio-ingress')).toBeVisible();
  await expectAllTranslated(page, 'the ingress status with an Istio Gateway');
});
