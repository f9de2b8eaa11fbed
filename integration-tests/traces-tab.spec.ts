import { expectAccessible } from './a11y';
import { expect, open, test } from './fixtures';

test.use({ previewOptions: { scenario: 'mesh3', user: 'admin' } });

test('reviews Service: recent traces over time and in a table; one opens as a span waterfall', async ({
  page,
}) => {
  await open(page, '/k8s/ns/bookinfo/services/reviews');
  await page.getByRole('tab', { name: 'Traces' }).click();
  const table = page.getByTestId('traces-table');
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  const rows = await table.getByRole('row').count();
  expect(rows).toBeGreaterThan(1);
  await expect(page.getByTestId('trace-scatter').locator('circle')).toHaveCount(rows - 1);
  await expect(table.getByRole('row').nth(1)).toContainText('productpage.bookinfo');
  // Kiali reads a Tempo without the tracing console plugin: its Jaeger-style UI.
  await expect(page.getByTestId('open-in-tracing-ui')).toHaveAttribute(
    'href',
    /\/api\/traces\/v1\/default\/search\?service=reviews\.bookinfo$/,
  );
  await expectAccessible(page);

  await table.getByRole('row').nth(1).getByRole('link').click();
  await expect(page).toHaveURL(/[?&]trace=[0-9a-f]+/);
  const traceId = new URL(page.url()).searchParams.get('trace');
  const waterfall = page.getByTestId('waterfall');
  await expect(waterfall.locator('tr[data-depth="0"]')).toHaveCount(1);
  await expect(waterfall).toContainText('productpage.bookinfo');
  await expect(waterfall).toContainText('reviews.bookinfo');
  expect(await waterfall.locator('tr[data-depth="1"]').count()).toBeGreaterThan(0);
  await expect(page.getByTestId('open-trace-in-tracing-ui')).toHaveAttribute(
    'href',
    new RegExp(`/api/traces/v1/default/trace/${traceId}$`),
  );
  await expectAccessible(page);

  // A span's tags on expanding it.
  await waterfall
    .getByRole('button', { name: /details/i })
    .first()
    .click();
  await expect(waterfall).toContainText('Span ID');

  await page.getByTestId('back-to-traces').click();
  await expect(table).toBeVisible();
});

test('a Deployment has a Traces tab of its workload', async ({ page }) => {
  await open(page, '/k8s/ns/bookinfo/deployments/reviews-v2/service-mesh-traces');
  await expect(page.getByTestId('traces-table').getByRole('row').nth(1)).toBeVisible();
});
