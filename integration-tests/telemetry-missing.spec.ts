import { expectAccessible } from './a11y';
import { expect, open, test } from './fixtures';

// Service Mesh 3 as the wizard leaves it before its metrics and tracing steps: a mesh with
// traffic flowing that nothing records.
test.use({ previewOptions: { scenario: 'mesh3-no-telemetry', user: 'admin' } });

test('the overview lists what the mesh does not collect, each with the wizard step that adds it', async ({
  page,
}) => {
  await open(page, '/service-mesh/overview');
  const card = page.getByTestId('telemetry-checklist');
  await expect(card).toContainText('what is missing below leaves them empty');
  const metrics = card.getByTestId('telemetry-metrics');
  for (const id of ['uwm-enabled', 'uwm-prometheus', 'istiod-scraped', 'proxies-scraped']) {
    await expect(metrics.getByTestId(`telemetry-link-${id}`)).toHaveAttribute(
      'data-state',
      'missing',
    );
  }
  await expect(metrics.getByTestId('telemetry-link-proxies-scraped')).toContainText(
    'No PodMonitor scrapes the sidecars in bookinfo.',
  );
  // Kiali exists with its monitoring binding: that link holds.
  await expect(metrics.getByTestId('telemetry-link-kiali-metrics')).toHaveAttribute(
    'data-state',
    'ok',
  );
  const tracing = card.getByTestId('telemetry-tracing');
  await expect(tracing.getByTestId('telemetry-link-tempo-ready')).toHaveAttribute(
    'data-state',
    'ok',
  );
  for (const id of ['collector-ready', 'tracing-provider', 'tracing-telemetry', 'kiali-tracing']) {
    await expect(tracing.getByTestId(`telemetry-link-${id}`)).toHaveAttribute(
      'data-state',
      'missing',
    );
  }
  await expectAccessible(page);

  await card.getByTestId('telemetry-fix-tracing-provider').click();
  await expect(page).toHaveURL(/\/service-mesh\/install#step-tracing$/);
  await expect(page.getByTestId('step-tracing')).toBeVisible();
});

test('the reviews tabs say why there is no graph and no traces, instead of "no traffic"', async ({
  page,
}) => {
  await open(page, '/k8s/ns/bookinfo/services/reviews/service-mesh');
  const checklist = page.getByTestId('telemetry-checklist');
  await expect(checklist).toContainText('Why there is no traffic graph');
  await expect(checklist.getByTestId('telemetry-link-uwm-enabled')).toContainText(
    'User-workload monitoring is off',
  );
  await expect(checklist.getByTestId('telemetry-fix-uwm-enabled')).toHaveAttribute(
    'href',
    '/service-mesh/install#step-metrics',
  );
  await expect(page.getByTestId('no-traffic')).toHaveCount(0);
  await expect(page.getByTestId('traffic-graph')).toHaveCount(0);
  // Health comes from the same metrics: none.
  await expect(page.getByTestId('mesh-health')).toContainText('No traffic');
  await expectAccessible(page);

  await page.getByRole('tab', { name: 'Traces' }).click();
  await expect(page.getByTestId('tracing-disabled')).toBeVisible();
  const traces = page.getByTestId('telemetry-checklist');
  await expect(traces).toContainText('Why there are no traces');
  await expect(traces.getByTestId('telemetry-link-tracing-telemetry')).toHaveAttribute(
    'data-state',
    'missing',
  );
  await expect(traces.getByTestId('telemetry-link-uwm-enabled')).toHaveCount(0);
  await expectAccessible(page);
});
