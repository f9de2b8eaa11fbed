// The metrics section of the Service Mesh tab: Istio's standard metrics through the console's
// Prometheus proxy (the stand-in Prometheus, on series from the same traffic model as Kiali).
import type { Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { apiRequest } from './api';
import { expect, open, test } from './fixtures';

test.use({ previewOptions: { scenario: 'mesh3', user: 'admin' } });

const NET = '/apis/networking.istio.io/v1/namespaces/bookinfo';

const create = async (page: Page, path: string, obj: unknown) =>
  expect((await apiRequest(page, 'POST', path, obj)).status).toBe(201);

/** 90/10 between v1 and v3, and a v3 build that answers 500 to every request. */
const splitAndBreakV3 = async (page: Page) => {
  await create(page, `${NET}/destinationrules`, {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'reviews', namespace: 'bookinfo' },
    spec: {
      host: 'reviews',
      subsets: ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } })),
    },
  });
  await create(page, `${NET}/virtualservices`, {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'reviews', namespace: 'bookinfo' },
    spec: {
      hosts: ['reviews'],
      http: [
        {
          route: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 90 },
            { destination: { host: 'reviews', subset: 'v3' }, weight: 10 },
          ],
        },
      ],
    },
  });
  const patched = await apiRequest(
    page,
    'PATCH',
    '/apis/apps/v1/namespaces/bookinfo/deployments/reviews-v3',
    {
      spec: {
        template: {
          metadata: {
            annotations: { 'preview.mesh-console-plugin/simulated-error-percent': '100' },
          },
        },
      },
    },
    'application/merge-patch+json',
  );
  expect(patched.status).toBe(200);
};

const row = (page: Page, key: string) =>
  page.getByTestId('metrics-table').getByTestId(`metrics-row-${key}`);

test('reviews Service: rate, errors and p95 per version; a 90/10 split and a failing v3 show', async ({
  page,
  preview,
}) => {
  await open(page, '/k8s/ns/bookinfo/services/reviews/service-mesh');
  const card = page.getByTestId('metrics-card');
  await expect(card).toBeVisible();
  // No routing: the 10 requests/s productpage sends spread evenly, and nothing fails.
  for (const v of ['v1', 'v2', 'v3']) {
    await expect(row(page, v).getByTestId('rps')).toHaveText('3.33');
    await expect(row(page, v).getByTestId('errors')).toHaveText('0%');
    await expect(row(page, v).getByTestId('p95')).toHaveText(/^\d+(\.\d+)? m?s$/);
  }
  await expect(card.getByTestId('chart-requests')).toBeVisible();
  await expectAccessible(page);

  await splitAndBreakV3(page);
  // Let the new routing run for longer than the 10-minute window before reading it.
  preview.prometheus.advance(1200);
  await page.getByTestId('refresh').click();
  await expect(row(page, 'v1').getByTestId('rps')).toHaveText('9.00');
  await expect(row(page, 'v3').getByTestId('rps')).toHaveText('1.00');
  await expect(row(page, 'v3').getByTestId('errors')).toHaveText('100%');
  await expect(row(page, 'v1').getByTestId('errors')).toHaveText('0%');
  // v2 gets nothing now: its proxy still reports the counter, which no longer grows.
  await expect(row(page, 'v2').getByTestId('rps')).toHaveText('0.00');

  // Outbound: what the reviews versions send (v3 calls ratings, v1 calls nothing).
  await card.getByRole('button', { name: 'Outbound' }).click();
  await expect(row(page, 'v3').getByTestId('rps')).toHaveText('1.00');
  await expect(row(page, 'v1')).toHaveCount(0);
});
