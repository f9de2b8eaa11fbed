// The test locale (integration-tests/testLocale.ts) on the traffic and security pages, driven into
// states that show problems, summaries and warnings.
import { expect, open, test } from './fixtures';
import { expectAllTranslated, useTestLocale } from './testLocale';

test.use({ previewOptions: { scenario: 'mesh3', user: 'admin' } });

test.beforeEach(async ({ page }) => {
  await useTestLocale(page);
});

test('traffic pages and forms show no untranslated sentence, problems included', async ({
  page,
}) => {
  await open(page, '/service-mesh/traffic');
  await expect(page.getByTestId('routing-bookinfo-details')).toBeVisible();
  await expectAllTranslated(page, 'the traffic list');

  await open(page, '/service-mesh/traffic/ns/bookinfo/reviews/split');
  await page.getByTestId('weight-v1').fill('70');
  await page.getByTestId('weight-v2').fill('20');
  await expect(page.getByTestId('validation-issue').first()).toBeVisible();
  await expectAllTranslated(page, 'the split form with weights summing to 90');
  for (const v of ['v1', 'v2', 'v3']) await page.getByTestId(`weight-${v}`).fill('0');
  await expect(page.getByTestId('apply')).toBeDisabled();
  await expectAllTranslated(page, 'the split form with every weight 0');

  await open(page, '/service-mesh/traffic/ns/bookinfo/reviews/circuit-breaker');
  await page.getByTestId('cb-maxEjectionPercent').fill('150');
  await page.getByTestId('cb-maxConnections').fill('lots');
  await expect(page.getByTestId('apply')).toBeDisabled();
  await expectAllTranslated(page, 'the circuit breaker form with bad values');

  await open(page, '/service-mesh/traffic/ns/bookinfo/reviews/match-routing');
  await page.getByTestId('add-rule').click();
  await page.getByTestId('rule-name-0').fill('Not A Name');
  await page.getByTestId('cond-0-0-kind').selectOption('header');
  await page.getByTestId('cond-0-0-name').fill('bad header!');
  await expect(page.getByTestId('apply')).toBeDisabled();
  await expectAllTranslated(page, 'the A/B routing form with a bad rule');

  await open(page, '/service-mesh/traffic/ns/bookinfo/details/resilience');
  await page.getByTestId('res-timeout').fill('1.5ms');
  await page.getByTestId('res-delay').fill('2s');
  await page.getByTestId('res-delayPercent').fill('150');
  await expect(page.getByTestId('res-timeout-help')).toBeVisible();
  await expectAllTranslated(page, 'the resilience form with bad values');
});

test('security pages and forms show no untranslated sentence, summaries included', async ({
  page,
}) => {
  await open(page, '/service-mesh/security/ns/bookinfo');
  await expect(page.getByTestId('security-table')).toBeVisible();
  await expectAllTranslated(page, 'the security page');

  await open(page, '/service-mesh/security/ns/bookinfo/mtls');
  await page.getByTestId('mtls-mode-STRICT').check();
  await expectAllTranslated(page, 'the mTLS form set to STRICT');

  await open(page, '/service-mesh/security/ns/bookinfo/workloads/ratings-v1/authorization');
  await page.getByTestId('authz-method-GET').check();
  await page.getByTestId('authz-paths').fill('reviews');
  await expect(page.getByTestId('authz-paths-issue')).toBeVisible();
  await expectAllTranslated(page, 'the allowed-callers form with problems');
  await page.getByTestId('caller-bookinfo-productpage-v1').getByRole('checkbox').check();
  await page.getByTestId('authz-paths').fill('/reviews/*');
  await expect(page.getByTestId('policy-summary')).toBeVisible();
  await expectAllTranslated(page, 'the allowed-callers form with its summary');

  await open(page, '/service-mesh/security/ns/bookinfo/jwt');
  await page.getByTestId('jwt-issuer').fill('https://sso.example.com/realms/books');
  await page.getByTestId('jwt-jwksUri').fill('http://sso.example.com/certs');
  await page.getByTestId('jwt-require').check();
  await expectAllTranslated(page, 'the JWT form');
});
