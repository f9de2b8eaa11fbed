import { expectAccessible } from './a11y';
import { apiRequest } from './api';
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
  // Kiali over Tempo returns only each trace's spans through reviews: no root is claimed.
  await expect(table.getByRole('columnheader').first()).toHaveText('First matched span');
  await expect(table.getByRole('row').nth(1)).toContainText('reviews.bookinfo');
  await expect(table).not.toContainText('productpage.bookinfo');
  await expect(page.getByTestId('matched-only-note')).toContainText(
    'Tempo returns only the spans that matched',
  );
  // The wizard's Kiali (url_format openshift, no external URL) links traces only into the
  // console's Observe → Traces, which needs the distributed tracing console plugin: not here.
  await expect(page.getByTestId('open-in-tracing-ui')).toHaveCount(0);
  await expectAccessible(page);

  // Pointed at the gateway's Jaeger UI (url_format jaeger), the tab links its search there, for
  // the tab's window, and each trace to its page.
  const patched = await apiRequest(
    page,
    'PATCH',
    '/apis/kiali.io/v1alpha1/namespaces/istio-system/kialis/kiali',
    {
      spec: {
        external_services: {
          tracing: {
            external_url:
              'https://tempo-sample-gateway-tempo.apps.preview.example.com/api/traces/v1/default',
            tempo_config: { url_format: 'jaeger' },
          },
        },
      },
    },
    'application/merge-patch+json',
  );
  expect(patched.status).toBe(200);
  await page.reload();
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByTestId('open-in-tracing-ui')).toHaveAttribute(
    'href',
    /\/api\/traces\/v1\/default\/search\?service=reviews\.bookinfo&limit=100&start=\d+&end=\d+$/,
  );
  await expectAccessible(page);

  await table.getByRole('row').nth(1).getByRole('link').click();
  await expect(page).toHaveURL(/[?&]trace=[0-9a-f]+/);
  const traceId = new URL(page.url()).searchParams.get('trace');
  // The whole trace, fetched by id: its root is productpage.
  const waterfall = page.getByTestId('waterfall');
  await expect(page.getByTestId('trace-summary')).toContainText('Root: productpage.bookinfo');
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

test.describe('a trace Tempo does not have', () => {
  // Kiali's 503 {error} for it is logged by the browser.
  test.use({ allowedConsoleErrors: [/status of 503/] });

  test('says Kiali answered but its tracing backend failed, with Kiali’s message', async ({
    page,
  }) => {
    await open(
      page,
      `/k8s/ns/bookinfo/services/reviews/service-mesh-traces?trace=${'0'.repeat(32)}`,
    );
    const error = page.getByTestId('trace-error');
    await expect(error).toContainText('Kiali answered, but its tracing backend failed');
    await expect(error).toContainText('[HTTP Tempo] Error returning traces: trace not found');
    await expect(error).not.toContainText('could not reach Kiali');
  });
});

// Last in the file: it points the Kiali CR at a Jaeger query API for the rest of this server.
test('over Jaeger: whole traces with their root, and an unknown trace is "Trace not found"', async ({
  page,
}) => {
  await open(page, '/k8s/ns/bookinfo/services/reviews');
  const patched = await apiRequest(
    page,
    'PATCH',
    '/apis/kiali.io/v1alpha1/namespaces/istio-system/kialis/kiali',
    {
      spec: {
        external_services: {
          tracing: {
            provider: 'jaeger',
            internal_url: 'http://tempo-sample-query-frontend.tempo.svc.cluster.local:16686',
            external_url: 'https://jaeger.apps.preview.example.com',
          },
        },
      },
    },
    'application/merge-patch+json',
  );
  expect(patched.status).toBe(200);
  await page.getByRole('tab', { name: 'Traces' }).click();
  const table = page.getByTestId('traces-table');
  await expect(table.getByRole('columnheader').first()).toHaveText('Root span');
  await expect(table.getByRole('row').nth(1)).toContainText('productpage.bookinfo');
  await expect(page.getByTestId('matched-only-note')).toHaveCount(0);

  await open(page, `/k8s/ns/bookinfo/services/reviews/service-mesh-traces?trace=${'0'.repeat(32)}`);
  const missing = page.getByTestId('trace-not-found');
  await expect(missing).toContainText('Trace not found');
  await expect(missing).toContainText(`The tracing backend has no trace ${'0'.repeat(32)}`);
  await expectAccessible(page);
});
