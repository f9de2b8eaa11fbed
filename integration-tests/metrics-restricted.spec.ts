// A project user reads metrics through the console's tenancy proxy, confined to the namespace.
import { expect, open, test } from './fixtures';

test.use({
  previewOptions: { scenario: 'mesh3', user: 'developer' },
  // The telemetry checks list cluster-wide objects this user may not read (shown as unknown).
  allowedConsoleErrors: [/status of 403/],
});

test('developer: bookinfo’s metrics through the tenancy endpoint', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    // The console's own alerting-rules poll is not the plugin's.
    if (u.pathname.startsWith('/api/prometheus') && !u.pathname.endsWith('/rules')) {
      asked.push(`${u.pathname}?namespace=${u.searchParams.get('namespace')}`);
    }
  });
  await open(page, '/k8s/ns/bookinfo/services/reviews/service-mesh');
  const v1 = page.getByTestId('metrics-table').getByTestId('metrics-row-v1');
  await expect(v1.getByTestId('rps')).toHaveText('3.33');
  expect(asked.length).toBeGreaterThan(0);
  for (const a of asked)
    expect(a).toMatch(/^\/api\/prometheus-tenancy\/api\/v1\/query(_range)?\?namespace=bookinfo$/);
});
