// The canary promotion gate in the split form: the canary's errors and latency from the
// console's Prometheus (the stand-in, on series from the same traffic model as Kiali) decide
// whether "Promote to the next step" is allowed; "Promote anyway" overrides it.
import type { Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { apiRequest } from './api';
import { expect, open, test } from './fixtures';
import { NET, simulateErrors, splitReviews } from './routing';

test.use({ previewOptions: { scenario: 'mesh3', user: 'admin' } });

// More than the gate's default 10-minute window, so it sees only the state set before it.
const WINDOW_AND_A_SCRAPE = 600 + 60;

const v3Fails = (page: Page, percent: number) => simulateErrors(page, 'reviews-v3', percent);

const storedWeights = async (page: Page) => {
  const vs = (await apiRequest(page, 'GET', `${NET}/virtualservices/reviews`)).body;
  return Object.fromEntries(
    vs.spec.http[0].route.map((d: { destination: { subset: string }; weight?: number }) => [
      d.destination.subset,
      d.weight,
    ]),
  );
};

const SPLIT = '/service-mesh/traffic/ns/bookinfo/reviews/split';

test('a failing canary is held at its step with the reason; promote anyway moves it; once healthy the gate lets it through', async ({
  page,
  preview,
}) => {
  await open(page, '/service-mesh/traffic');
  await splitReviews(page, { v1: 90, v3: 10 });
  await v3Fails(page, 100);
  preview.prometheus.advance(WINDOW_AND_A_SCRAPE);

  // Failing: 1 request/s reached v3 over 10 minutes, every one a 500; v1 answered all of its.
  await page.goto(SPLIT);
  const analysis = page.getByTestId('canary-analysis');
  await expect(analysis).toBeVisible();
  await expect(page.getByTestId('check-traffic')).toContainText('Pass');
  await expect(page.getByTestId('check-errors')).toContainText('100 %');
  await expect(page.getByTestId('check-errors')).toContainText('Fail');
  await expect(analysis.getByText('v3 fails the gate')).toBeVisible();
  await expect(page.getByTestId('rollback-now')).toBeVisible();
  const promote = page.getByTestId('promote');
  await expect(promote).toBeDisabled();
  await expect(page.getByTestId('promote-reasons')).toContainText(
    "Promotion is held. The canary's error rate 100 % is above the limit 1 %.",
  );
  await expectAccessible(page);

  // Promote anyway: the next step (25 %) is written.
  await page.getByRole('checkbox', { name: 'Promote anyway' }).check();
  await expect(promote).toBeEnabled();
  await promote.click();
  await expect(page.getByTestId('weight-v1')).toHaveValue('75');
  await expect(page.getByTestId('weight-v3')).toHaveValue('25');
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('current-routing')).toContainText('v1 75%, v3 25%');
  await expect.poll(() => storedWeights(page)).toEqual({ v1: 75, v3: 25 });

  // v3's build is fixed: over the next window the gate sees only healthy v3 requests.
  await v3Fails(page, 0);
  preview.prometheus.advance(WINDOW_AND_A_SCRAPE);
  await page.reload();
  await expect(page.getByTestId('check-errors')).toContainText('Pass');
  // v3 calls ratings and v1 does not, so v3 is slower by design: allow for it.
  await page.getByLabel('Max p95 ratio').fill('5');
  await expect(analysis.getByText('v3 passes the gate: it may take the next step.')).toBeVisible();
  await expect(page.getByTestId('promote-reasons')).toHaveCount(0);
  await expect(promote).toBeEnabled();
  await promote.click();
  await expect(page.getByTestId('weight-v3')).toHaveValue('50');
  await page.getByTestId('apply').click();
  await expect.poll(() => storedWeights(page)).toEqual({ v1: 50, v3: 50 });
});
