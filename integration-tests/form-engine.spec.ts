// The form engine on the traffic split: the YAML view edits the same objects the form does, its
// edits go through the same checks, diff, dry-run and resourceVersion, and what the API server
// refuses comes back located on its field.
import type { Page } from '@playwright/test';
import { stringify } from 'yaml';
import { apiRequest } from './api';
import { expect, open, test } from './fixtures';
import { setYaml } from './yamlEditor';

test.use({ previewOptions: { scenario: 'mesh3', user: 'admin' } });

const NET = '/apis/networking.istio.io/v1/namespaces/bookinfo';
const SPLIT = '/service-mesh/traffic/ns/bookinfo/reviews/split';

/** A hand-written routing with fields no form owns (created once per preview). */
const seed = async (page: Page) => {
  // Lists, not gets: a 404 would be a console error.
  const vsList = (await apiRequest(page, 'GET', `${NET}/virtualservices`)).body;
  const existing = vsList.items.find(
    (o: { metadata: { name: string } }) => o.metadata.name === 'reviews',
  );
  if (existing) {
    const drList = (await apiRequest(page, 'GET', `${NET}/destinationrules`)).body;
    const dr = drList.items.find(
      (o: { metadata: { name: string } }) => o.metadata.name === 'reviews',
    );
    return { dr, vs: existing };
  }
  const dr = await apiRequest(page, 'POST', `${NET}/destinationrules`, {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'reviews', namespace: 'bookinfo', labels: { team: 'books' } },
    spec: {
      host: 'reviews',
      trafficPolicy: { connectionPool: { tcp: { maxConnections: 50 } } },
      subsets: ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } })),
    },
  });
  expect(dr.status).toBe(201);
  const vs = await apiRequest(page, 'POST', `${NET}/virtualservices`, {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'reviews', namespace: 'bookinfo', annotations: { owner: 'sre' } },
    spec: {
      hosts: ['reviews'],
      http: [
        {
          name: 'default',
          retries: { attempts: 2, perTryTimeout: '2s' },
          route: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 90 },
            { destination: { host: 'reviews', subset: 'v3' }, weight: 10 },
          ],
        },
      ],
    },
  });
  expect(vs.status).toBe(201);
  return { dr: dr.body, vs: vs.body };
};

const yamlOf = (objects: unknown[]) => objects.map((o) => stringify(o)).join('---\n');

test('a split edited as YAML is checked, diffed and applied, and fields no form owns survive', async ({
  page,
}) => {
  await open(page, '/service-mesh/overview');
  const { dr, vs } = await seed(page);
  await open(page, SPLIT);
  await expect(page.getByTestId('weight-v1')).toHaveValue('90');
  await page.getByTestId('view-yaml').click();
  await expect(page.getByTestId('yaml-editor')).toBeVisible();

  // YAML that does not parse holds Apply back, with the parser's reason.
  await setYaml(page, 'kind: VirtualService: broken');
  await expect(
    page.getByTestId('validation-issue').filter({ hasText: 'does not parse' }),
  ).toBeVisible();
  await expect(page.getByTestId('apply')).toBeDisabled();

  // A 70/30 split written by hand, with a routing rule the checks refuse: a weight over 100.
  const edited = structuredClone(vs);
  edited.spec.http[0].route[0].weight = 170;
  await setYaml(page, yamlOf([dr, edited]));
  await expect(
    page
      .getByTestId('validation-issue')
      .filter({ hasText: 'must be a whole number from 0 to 100' }),
  ).toBeVisible();
  await expect(page.getByTestId('apply')).toBeDisabled();

  edited.spec.http[0].route[0].weight = 70;
  edited.spec.http[0].route[1].weight = 30;
  await setYaml(page, yamlOf([dr, edited]));
  const diff = page.getByTestId('diff-virtualservice');
  await expect(diff.locator('[data-diff="added"]')).toContainText(['weight: 70', 'weight: 30']);
  await expect(diff.locator('[data-diff="removed"]')).toContainText(['weight: 90', 'weight: 10']);
  await expect(page.getByTestId('diff-destinationrule')).toContainText('(unchanged)');

  // Back in the form, the YAML's weights are what it edits.
  await page.getByTestId('view-form').click();
  await expect(page.getByTestId('weight-v1')).toHaveValue('70');
  await expect(page.getByTestId('weight-v3')).toHaveValue('30');
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('current-routing')).toContainText('v1 70%, v3 30%');

  const stored = (await apiRequest(page, 'GET', `${NET}/virtualservices/reviews`)).body;
  expect(stored.spec.http[0].route.map((r: { weight: number }) => r.weight)).toEqual([70, 30]);
  expect(stored.spec.http[0].retries).toEqual({ attempts: 2, perTryTimeout: '2s' });
  expect(stored.spec.http[0].name).toBe('default');
  expect(stored.metadata.annotations).toEqual({ owner: 'sre' });
  const storedDr = (await apiRequest(page, 'GET', `${NET}/destinationrules/reviews`)).body;
  expect(storedDr.spec.trafficPolicy).toEqual({ connectionPool: { tcp: { maxConnections: 50 } } });
  expect(storedDr.metadata.labels).toEqual({ team: 'books' });
});

test.describe('refused by the API server', () => {
  // The dry-run's 422 is logged by the browser as a failed request.
  test.use({ allowedConsoleErrors: [/status of 422/] });

  test('what the API server refuses at dry-run shows on the field it names, and nothing is written', async ({
    page,
    preview,
  }) => {
    await open(page, '/service-mesh/overview');
    const { dr, vs } = await seed(page);
    await open(page, SPLIT);
    await page.getByTestId('view-yaml').click();
    // A header value that is not a string: our checks leave headers alone, the schema does not.
    const edited = structuredClone(vs);
    edited.spec.http[0].headers = { request: { set: { 'x-canary': 5 } } };
    await setYaml(page, yamlOf([dr, edited]));
    const writes = preview.backend.record.length;
    await page.getByTestId('apply').click();
    const issue = page
      .getByTestId('validation-issue')
      .filter({ hasText: 'spec.http[0].headers.request.set.x-canary' });
    await expect(issue).toContainText('VirtualService spec.http[0].headers.request.set.x-canary');
    await expect(issue).toContainText('Refused by the cluster');
    expect(preview.backend.record.length).toBe(writes);

    // Fixing it clears the refusal: it belonged to what was sent.
    edited.spec.http[0].headers = { request: { set: { 'x-canary': 'yes' } } };
    await setYaml(page, yamlOf([dr, edited]));
    await expect(issue).toHaveCount(0);
  });
});
