import { expectAccessible } from './a11y';
import { apiRequest } from './api';
import { expect, open, test } from './fixtures';

// A service with no Istio routing at all: the split form must find its versions from the
// Deployments the Service selects (what the real console's model keying once broke).
test.use({ previewOptions: { scenario: 'mesh3', user: 'admin' } });

test('a first split of reviews proposes v1, v2 and v3 from its Deployments; 80/20 applies and shows in the routing summary', async ({
  page,
}) => {
  await open(page, '/service-mesh/traffic/ns/bookinfo/reviews/split');
  for (const v of ['v1', 'v2', 'v3']) {
    await expect(page.getByTestId(`subset-${v}`)).toContainText(`selects reviews-${v}`);
  }
  await expect(page.getByText('The Service selects no Deployments')).toHaveCount(0);

  await page.getByTestId('weight-v1').fill('80');
  await page.getByTestId('weight-v2').fill('20');
  await page.getByTestId('weight-v3').fill('0');
  await expect(page.getByTestId('validation-issue')).toHaveCount(0);
  await expectAccessible(page);
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('current-routing')).toContainText('v1 80%, v2 20%');

  const vs = await apiRequest(
    page,
    'GET',
    '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices/reviews',
  );
  const weights = Object.fromEntries(
    vs.body.spec.http[0].route.map((r: { destination: { subset: string }; weight?: number }) => [
      r.destination.subset,
      r.weight,
    ]),
  );
  expect(weights).toEqual({ v1: 80, v2: 20 });

  await open(page, '/service-mesh/traffic');
  await expect(page.getByTestId('routing-bookinfo-reviews')).toContainText('v1 80%, v2 20%');
});
