import type { Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { apiRequest } from './api';
import { expect, open, test } from './fixtures';

test.use({ previewOptions: { scenario: 'mesh3', user: 'admin' } });

const VS_PATH = '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices/ratings';
const PAGE = '/service-mesh/traffic/ns/bookinfo/ratings/resilience';

// Hand-written config the form does not own: a header route and an annotation.
const HEADER_RULE = {
  name: 'testers',
  match: [{ headers: { 'end-user': { exact: 'jason' } } }],
  route: [{ destination: { host: 'ratings' } }],
  timeout: '10s',
};
const DEFAULT_RULE = { route: [{ destination: { host: 'ratings' } }] };

const seed = async (page: Page) => {
  const res = await apiRequest(
    page,
    'POST',
    '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices',
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: {
        name: 'ratings',
        namespace: 'bookinfo',
        annotations: { 'example.com/ticket': 'RATE-7' },
      },
      spec: { hosts: ['ratings'], http: [HEADER_RULE, DEFAULT_RULE] },
    },
  );
  expect(res.status).toBe(201);
};

test('timeout, retries and a chaos delay on the default rule of ratings; hand-written config intact', async ({
  page,
}) => {
  await open(page, '/service-mesh/traffic');
  await seed(page);
  await page.getByTestId('resilience-bookinfo-ratings').click();
  await expect(page.getByTestId('res-rule')).toHaveValue('default');
  await expect(page.getByTestId('chaos')).toContainText('Chaos testing');

  await page.getByTestId('res-timeout').fill('3s');
  await page.getByTestId('res-attempts').fill('2');
  await page.getByTestId('res-perTryTimeout').fill('1s');
  await page.getByRole('checkbox', { name: '5xx', exact: true }).check();
  await page.getByRole('checkbox', { name: 'reset', exact: true }).check();
  await page.getByTestId('res-delay').fill('2s');
  await page.getByTestId('res-delayPercent').fill('50');
  await expect(page.getByTestId('diff-virtualservice')).toContainText('timeout: 3s');
  await expectAccessible(page);
  await page.getByTestId('apply').click();

  await expect
    .poll(async () => (await apiRequest(page, 'GET', VS_PATH)).body.spec.http[1])
    .toEqual({
      ...DEFAULT_RULE,
      timeout: '3s',
      retries: { attempts: 2, perTryTimeout: '1s', retryOn: '5xx,reset' },
      fault: { delay: { fixedDelay: '2s', percentage: { value: 50 } } },
    });
  const vs = (await apiRequest(page, 'GET', VS_PATH)).body;
  expect(vs.spec.http).toHaveLength(2);
  expect(vs.spec.http[0]).toEqual(HEADER_RULE);
  expect(vs.spec.hosts).toEqual(['ratings']);
  expect(vs.metadata.annotations['example.com/ticket']).toBe('RATE-7');
  // After the write the form shows the stored values and has nothing left to apply.
  await expect(page.getByTestId('res-timeout')).toHaveValue('3s');
  await expect(page.getByTestId('apply')).toBeDisabled();
});

test('an invalid duration or a percentage above 100 is explained on its field and nothing is written', async ({
  page,
  preview,
}) => {
  const writes = () => preview.backend.record.filter((r) => r.kind === 'VirtualService').length;
  const before = writes();
  await open(page, PAGE);

  await page.getByTestId('res-timeout').fill('abc');
  await expect(page.getByTestId('res-timeout-help')).toContainText('"abc" is not a duration');
  await expect(page.getByTestId('apply')).toBeDisabled();
  await page.getByTestId('res-timeout').fill('1.5ms');
  await expect(page.getByTestId('res-timeout-help')).toContainText('whole milliseconds');
  await expect(page.getByTestId('apply')).toBeDisabled();
  await page.getByTestId('res-timeout').fill('');

  await page.getByTestId('res-delay').fill('2s');
  await page.getByTestId('res-delayPercent').fill('150');
  await expect(page.getByTestId('res-delayPercent-help')).toContainText(
    'Percentage must be 0 or between 0.0001 and 100',
  );
  await expect(page.getByTestId('apply')).toBeDisabled();
  await expectAccessible(page);
  expect(writes()).toBe(before);
});

test('a service without a VirtualService gets one with a default route carrying the timeout', async ({
  page,
}) => {
  const path = '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices/details';
  await open(page, '/service-mesh/traffic/ns/bookinfo/details/resilience');
  // Listed rather than fetched: a 404 from the page would count as a console error.
  const list = await apiRequest(
    page,
    'GET',
    '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices',
  );
  expect(list.body.items.map((v: { metadata: { name: string } }) => v.metadata.name)).not.toContain(
    'details',
  );
  await page.getByTestId('res-timeout').fill('2s');
  await page.getByTestId('apply').click();
  await expect
    .poll(async () => (await apiRequest(page, 'GET', path)).body.spec)
    .toEqual({
      hosts: ['details'],
      http: [{ route: [{ destination: { host: 'details' } }], timeout: '2s' }],
    });
});
