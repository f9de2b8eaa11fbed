import { expectAccessible } from './a11y';
import { apiRequest } from './api';
import { expect, open, test } from './fixtures';
import { splitReviews } from './routing';

test.use({ previewOptions: { scenario: 'mesh3', user: 'admin' } });

test('reviews Service: the graph around it, its health and config; a 90/10 split shows after a refresh', async ({
  page,
}) => {
  await open(page, '/k8s/ns/bookinfo/services/reviews');
  await page.getByRole('tab', { name: 'Service Mesh' }).click();
  await expect(page).toHaveURL(/\/k8s\/ns\/bookinfo\/services\/reviews\/service-mesh$/);

  const graph = page.getByTestId('traffic-graph');
  await expect(graph.getByTestId('graph-node-app-productpage-v1')).toBeVisible();
  await expect(graph.getByTestId('graph-node-service-reviews')).toBeVisible();
  for (const v of ['v1', 'v2', 'v3']) {
    await expect(graph.getByTestId(`graph-node-app-reviews-${v}`)).toBeVisible();
  }
  const table = page.getByTestId('traffic-table');
  await expect(table.getByTestId('traffic-productpage-v1-reviews')).toContainText('10.0 rps');
  await expect(table.getByTestId('traffic-productpage-v1-reviews')).toContainText('100%');
  // No routing yet: Kubernetes spreads requests evenly over the three versions.
  for (const v of ['v1', 'v2', 'v3']) {
    await expect(table.getByTestId(`traffic-reviews-reviews-${v}`).getByTestId('share')).toHaveText(
      '33.3%',
    );
  }
  await expect(page.getByTestId('mesh-health')).toContainText('Healthy');
  // Kiali's health window, not the tab's time window.
  await expect(page.getByTestId('health-window')).toContainText('Over the last 5m');
  await expect(page.getByTestId('no-istio-config')).toBeVisible();
  await expect(page.getByTestId('open-in-kiali')).toHaveAttribute(
    'href',
    /^https:\/\/[^/]+\/console\/graph\/node\/namespaces\/bookinfo\/services\/reviews\?/,
  );
  await expectAccessible(page);

  await splitReviews(page, { v1: 90, v3: 10 });
  await page.getByTestId('refresh').click();
  await expect(table.getByTestId('traffic-reviews-reviews-v1').getByTestId('share')).toHaveText(
    '90%',
  );
  await expect(table.getByTestId('traffic-reviews-reviews-v3').getByTestId('share')).toHaveText(
    '10%',
  );
  // The edge labels on the graph carry the same shares.
  await expect(graph).toContainText('90% · 9.00 rps');
  await expect(graph).toContainText('10% · 1.00 rps');
  // The config that now applies, with the way into the split form.
  const vsRow = page.getByTestId('config-VirtualService-reviews');
  await expect(vsRow).toContainText('Routes requests for reviews');
  await expect(vsRow.getByRole('link', { name: 'Traffic split' })).toHaveAttribute(
    'href',
    '/service-mesh/traffic/ns/bookinfo/reviews/split',
  );
  await expect(
    page
      .getByTestId('config-DestinationRule-reviews')
      .getByRole('link', { name: 'Circuit breaker' }),
  ).toBeVisible();

  // A node opens its console page.
  await graph.getByTestId('graph-node-app-reviews-v3').locator('path').first().click();
  await expect(page).toHaveURL(/\/k8s\/ns\/bookinfo\/deployments\/reviews-v3$/);
});

test('the time window is asked of Kiali and kept in the URL', async ({ page }) => {
  await open(page, '/k8s/ns/bookinfo/services/reviews/service-mesh');
  await expect(page.getByTestId('traffic-table')).toBeVisible();
  const graphCall = page.waitForRequest(
    (r) =>
      r.url().includes('/kiali/api/namespaces/bookinfo/services/reviews/graph') &&
      r.url().includes('duration=3600s'),
  );
  await page.getByRole('combobox', { name: 'Time window' }).selectOption({ label: 'Last 1h' });
  await graphCall;
  await expect(page).toHaveURL(/\?duration=3600$/);
  await expect(page.getByText('Traffic in the last 1h')).toBeVisible();
});

test('a Service nobody calls: health says "no traffic", never a negative percentage', async ({
  page,
}) => {
  await open(page, '/k8s/ns/bookinfo/services/reviews');
  const created = await apiRequest(page, 'POST', '/api/v1/namespaces/bookinfo/services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'echo', namespace: 'bookinfo', labels: { app: 'echo' } },
    spec: { selector: { app: 'echo' }, ports: [{ name: 'http', port: 8080 }] },
  });
  expect(created.status).toBe(201);
  await open(page, '/k8s/ns/bookinfo/services/echo/service-mesh');
  const health = page.getByTestId('mesh-health');
  await expect(health.getByTestId('health-errors')).toHaveText('no traffic');
  await expect(health).not.toContainText('-1');
  await expect(health.getByTestId('health-window')).toContainText('Over the last 5m');
  await expectAccessible(page);
});

test('Namespace and Deployment pages have the tab too', async ({ page }) => {
  // reviews v3 calls ratings with or without the split written above (the server is per file).
  await open(page, '/k8s/cluster/namespaces/bookinfo/service-mesh');
  const table = page.getByTestId('traffic-table');
  await expect(table.getByTestId('traffic-reviews-v3-ratings')).toBeVisible();
  await expect(table.getByTestId('traffic-productpage-v1-details')).toBeVisible();
  await expect(page.getByTestId('mesh-health')).toContainText('applications');
  await expectAccessible(page);

  await open(page, '/k8s/ns/bookinfo/deployments/reviews-v3/service-mesh');
  await expect(
    page.getByTestId('traffic-table').getByTestId('traffic-reviews-v3-ratings'),
  ).toBeVisible();
  await expect(page.getByTestId('mesh-health')).toContainText('1 of 1 available');
});

test('the Project page has the tab, and tab content is inset from the tab bar as the console pads its own tabs', async ({
  page,
}) => {
  await open(page, '/k8s/cluster/projects/bookinfo/service-mesh');
  const tab = page.getByTestId('service-mesh-tab');
  await expect(
    page.getByTestId('traffic-table').getByTestId('traffic-productpage-v1-details'),
  ).toBeVisible();
  // The console renders a plugin tab's component flush under the tab bar, against the edges of
  // the page's main area; the tab pads itself.
  const main = await page.locator('main').first().boundingBox();
  const tabBar = await page.getByRole('tablist').first().boundingBox();
  const content = await tab.boundingBox();
  expect(main && tabBar && content).toBeTruthy();
  expect(content!.x - main!.x).toBeGreaterThanOrEqual(16);
  expect(content!.y - (tabBar!.y + tabBar!.height)).toBeGreaterThanOrEqual(16);
  await expectAccessible(page);
});

// The console proxy's 502 for the missing Kiali Service is logged by the browser.
test.describe('without Kiali', () => {
  test.use({ allowedConsoleErrors: [/status of 502/] });

  test('the tab says Kiali is not installed and links to the install wizard', async ({ page }) => {
    await open(page, '/k8s/ns/bookinfo/services/reviews');
    const del = await apiRequest(
      page,
      'DELETE',
      '/apis/kiali.io/v1alpha1/namespaces/istio-system/kialis/kiali',
    );
    expect(del.status).toBe(200);
    // The Kiali CR owns its Service; the console proxy then has nothing to reach.
    const kialiServices = async () =>
      (
        await apiRequest(
          page,
          'GET',
          '/api/v1/namespaces/istio-system/services?fieldSelector=metadata.name%3Dkiali',
        )
      ).body.items.length;
    await expect.poll(kialiServices).toBe(0);
    await page.getByRole('tab', { name: 'Service Mesh' }).click();
    const empty = page.getByTestId('kiali-not-installed');
    await expect(empty).toContainText('Kiali is not installed');
    await expect(empty).toContainText('no Kiali instance has been created');
    // Istio's own configuration does not need Kiali.
    await expect(page.getByTestId('applied-config')).toBeVisible();
    await expectAccessible(page);
    await empty.getByRole('link', { name: 'Install Kiali' }).click();
    await expect(page).toHaveURL(/\/service-mesh\/install$/);
  });
});
