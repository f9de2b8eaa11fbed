import { expectAccessible } from './a11y';
import { apiRequest } from './api';
import { expect, open, test } from './fixtures';

test.use({ previewOptions: { scenario: 'mesh3', user: 'admin' } });

const VS_PATH = '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices/reviews';
const DR_PATH = '/apis/networking.istio.io/v1/namespaces/bookinfo/destinationrules/reviews';

// A hand-written rule the form does not own; it must stay first and unchanged.
const HEALTH = {
  name: 'health',
  match: [{ uri: { prefix: '/health' } }],
  route: [{ destination: { host: 'reviews', subset: 'v1' } }],
};

test('header route: end-user jason to v2, everyone else to v1; the hand-written rule is kept in place', async ({
  page,
}) => {
  await open(page, '/service-mesh/traffic');
  const dr = await apiRequest(
    page,
    'POST',
    '/apis/networking.istio.io/v1/namespaces/bookinfo/destinationrules',
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'reviews', namespace: 'bookinfo' },
      spec: { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] },
    },
  );
  expect(dr.status).toBe(201);
  const vs = await apiRequest(
    page,
    'POST',
    '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices',
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'reviews', namespace: 'bookinfo' },
      spec: {
        hosts: ['reviews'],
        http: [HEALTH, { route: [{ destination: { host: 'reviews', subset: 'v1' } }] }],
      },
    },
  );
  expect(vs.status).toBe(201);

  await page.getByTestId('match-routing-bookinfo-reviews').click();
  await expect(page.getByTestId('default-subset-0')).toHaveValue('v1');
  await page.getByTestId('add-rule').click();
  await page.getByTestId('rule-name-0').fill('jason');
  await page.getByTestId('cond-0-0-kind').selectOption('header');
  await page.getByTestId('cond-0-0-name').fill('end-user');
  await page.getByTestId('cond-0-0-op').selectOption('exact');
  await page.getByTestId('cond-0-0-value').fill('jason');
  await page.getByTestId('rule-0-dest-subset-0').selectOption('v2');
  await expect(page.getByTestId('diff-destinationrule')).toContainText('name: v2');
  await expect(page.getByTestId('field-problem')).toHaveCount(0);
  await expectAccessible(page);
  await page.getByTestId('apply').click();

  await expect
    .poll(async () => (await apiRequest(page, 'GET', VS_PATH)).body.spec.http.length)
    .toBe(3);
  const after = (await apiRequest(page, 'GET', VS_PATH)).body;
  expect(after.spec.http[0]).toEqual(HEALTH);
  expect(after.spec.http[1]).toEqual({
    name: 'mcp-jason',
    match: [{ headers: { 'end-user': { exact: 'jason' } } }],
    route: [{ destination: { host: 'reviews', subset: 'v2' } }],
  });
  expect(after.spec.http[2]).toEqual({
    route: [{ destination: { host: 'reviews', subset: 'v1' } }],
  });
  const subsets = (await apiRequest(page, 'GET', DR_PATH)).body.spec.subsets;
  expect(subsets.map((s: { name: string }) => s.name)).toEqual(['v1', 'v2']);
  await expect(page.getByTestId('current-routing')).toContainText('matching requests: v2 100%');

  // Reopened, the form shows the rule it wrote.
  await page.reload();
  await expect(page.getByTestId('rule-name-0')).toHaveValue('jason');
  await expect(page.getByTestId('cond-0-0-value')).toHaveValue('jason');
  await expect(page.getByTestId('apply')).toBeDisabled();
});

test('a regex RE2 does not support is explained on its field and nothing is written', async ({
  page,
  preview,
}) => {
  const writes = () =>
    preview.backend.record.filter(
      (r) => r.kind === 'VirtualService' || r.kind === 'DestinationRule',
    ).length;
  const before = writes();
  await open(page, '/service-mesh/traffic/ns/bookinfo/reviews/match-routing');
  await page.getByTestId('add-rule').click();
  const rules = await page.locator('[data-test^="rule-name-"]').count();
  const i = rules - 1;
  await page.getByTestId(`rule-name-${i}`).fill('lookahead');
  await page.getByTestId(`cond-${i}-0-name`).fill('end-user');
  await page.getByTestId(`cond-${i}-0-op`).selectOption('regex');
  await page.getByTestId(`cond-${i}-0-value`).fill('(?=x)');
  await expect(page.getByTestId('field-problem')).toContainText('not supported by RE2');
  await expect(page.getByTestId('form-problems')).toBeVisible();
  await expect(page.getByTestId('apply')).toBeDisabled();
  await expectAccessible(page);
  expect(writes()).toBe(before);
});
