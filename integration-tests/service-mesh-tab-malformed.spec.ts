import { expect, open, test } from './fixtures';

// Every call to the stand-in Kiali answers 200 with a body of the wrong shape.
test.use({
  previewOptions: { scenario: 'mesh3', user: 'admin', observability: { kiali: 'malformed' } },
});

test('a Kiali answer of the wrong shape is reported, not rendered', async ({ page }) => {
  await open(page, '/k8s/ns/bookinfo/services/reviews/service-mesh');
  const alert = page.getByTestId('kiali-error');
  await expect(alert).toContainText('Kiali’s answer was not in the expected form');
  await expect(page.getByTestId('traffic-graph')).toHaveCount(0);
});
