// The metrics section of the Service Mesh tab: Istio's standard metrics through the console's
// Prometheus proxy (the stand-in Prometheus, on series from the same traffic model as Kiali).
import type { Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { expect, open, test } from './fixtures';
import { simulateErrors, splitReviews } from './routing';

test.use({ previewOptions: { scenario: 'mesh3', user: 'admin' } });

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

  await splitReviews(page, { v1: 90, v3: 10 });
  await simulateErrors(page, 'reviews-v3', 100);
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
