import { expectAccessible } from './a11y';
import { apiRequest } from './api';
import { expect, open, test } from './fixtures';
import { NET } from './routing';

// Removing a split written by the form: its weights go, hand-written rules stay, and a
// VirtualService that held nothing else is deleted.
test.use({ previewOptions: { scenario: 'mesh3', user: 'admin' } });

const VS_PATH = `${NET}/virtualservices/reviews`;
const DR_PATH = `${NET}/destinationrules/reviews`;

const JASON = {
  name: 'jason',
  match: [{ headers: { 'end-user': { exact: 'jason' } } }],
  route: [{ destination: { host: 'reviews', subset: 'v2' } }],
};

/** The tests share one preview: each starts from reviews without Istio routing. */
const reset = async (page: Parameters<typeof open>[0]) => {
  for (const plural of ['virtualservices', 'destinationrules']) {
    const list = (await apiRequest(page, 'GET', `${NET}/${plural}`)).body.items;
    // Only what exists is deleted: the browser would log a 404 as an error.
    if (list.some((o: { metadata: { name: string } }) => o.metadata.name === 'reviews')) {
      expect((await apiRequest(page, 'DELETE', `${NET}/${plural}/reviews`)).status).toBe(200);
    }
  }
};

/** Through the split form: 80 % to v1, 20 % to v3. */
const applySplit = async (page: Parameters<typeof open>[0]) => {
  // The console's virtualized list may re-render the row (the objects just written arrive by
  // watch) as the link is clicked, and the click is lost: click until the form opens.
  await expect(async () => {
    if (!/\/split$/.test(page.url())) await page.getByTestId('split-bookinfo-reviews').click();
    await expect(page.getByTestId('weight-v1')).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByTestId('weight-v1').fill('80');
  await page.getByTestId('weight-v2').fill('0');
  await page.getByTestId('weight-v3').fill('20');
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('current-routing')).toContainText('v1 80%, v3 20%');
};

test('removing the split keeps the hand-written match rule and sends everyone else to the whole service', async ({
  page,
}) => {
  await open(page, '/service-mesh/traffic');
  await reset(page);
  // Hand-written first, through the API: subsets and a header rule for jason, no default route.
  const dr = await apiRequest(page, 'POST', `${NET}/destinationrules`, {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'reviews', namespace: 'bookinfo' },
    spec: {
      host: 'reviews',
      subsets: ['v1', 'v2'].map((v) => ({ name: v, labels: { version: v } })),
    },
  });
  expect(dr.status).toBe(201);
  const vs = await apiRequest(page, 'POST', `${NET}/virtualservices`, {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: {
      name: 'reviews',
      namespace: 'bookinfo',
      annotations: { 'example.com/ticket': 'BOOK-42' },
    },
    spec: { hosts: ['reviews'], http: [JASON] },
  });
  expect(vs.status).toBe(201);
  const row = page.getByTestId('routing-bookinfo-reviews');
  await expect(row).toHaveText('matching requests: v2 100%');

  await applySplit(page);
  let stored = (await apiRequest(page, 'GET', VS_PATH)).body;
  expect(stored.spec.http).toHaveLength(2);
  expect(stored.spec.http[0]).toEqual(JASON);

  await page.getByTestId('remove-split').click();
  await expect(page.getByTestId('removing-split')).toContainText(
    'The rules with matches and the settings of VirtualService reviews stay',
  );
  // The form hides while the removal is reviewed.
  await expect(page.getByTestId('weight-v1')).toBeHidden();
  const diff = page.getByTestId('diff-virtualservice');
  await expect(diff).toHaveAttribute('data-removed', 'false');
  await expect(diff.locator('[data-diff="removed"]').filter({ hasText: 'subset: v3' })).toHaveCount(
    1,
  );
  await expect(page.getByTestId('diff-destinationrule')).toHaveAttribute('data-changed', 'false');
  await expect(page.getByTestId('unused-subsets')).toContainText('v1, v3');
  await expectAccessible(page);

  // Going back and forth changes nothing.
  await page.getByTestId('keep-split').click();
  await expect(page.getByTestId('weight-v3')).toHaveValue('20');
  await page.getByTestId('remove-split').click();

  await page.getByTestId('apply').click();
  await expect(page.getByTestId('removing-split')).toBeHidden();
  const routing = page.getByTestId('current-routing');
  await expect(routing).toContainText('matching requests: v2 100%');
  await expect(routing).not.toContainText('v3 20%');

  stored = (await apiRequest(page, 'GET', VS_PATH)).body;
  expect(stored.metadata.annotations['example.com/ticket']).toBe('BOOK-42');
  // The match rule as written; the split's default route sends to the whole service instead
  // (a VirtualService whose rules all match would answer 404 to everyone else).
  expect(stored.spec.http).toEqual([JASON, { route: [{ destination: { host: 'reviews' } }] }]);
  // Nothing marks the DestinationRule's subsets as the form's: all of them stay.
  const subsets = (await apiRequest(page, 'GET', DR_PATH)).body.spec.subsets;
  expect(subsets.map((s: { name: string }) => s.name)).toEqual(['v1', 'v2', 'v3']);

  await open(page, '/service-mesh/traffic');
  await expect(row).toHaveText('matching requests: v2 100%; reviews 100%');
});

test('removing a split that was all the VirtualService held deletes it: routing is as before', async ({
  page,
  preview,
}) => {
  await open(page, '/service-mesh/traffic');
  await reset(page);
  const row = page.getByTestId('routing-bookinfo-reviews');
  const before = 'no routing rules (round robin over all pods)';
  await expect(row).toHaveText(before);

  await applySplit(page);
  expect((await apiRequest(page, 'GET', VS_PATH)).status).toBe(200);

  await page.getByTestId('remove-split').click();
  await expect(page.getByTestId('removing-split')).toContainText(
    'VirtualService reviews holds nothing but the split, so it will be deleted',
  );
  const diff = page.getByTestId('diff-virtualservice');
  await expect(diff).toHaveAttribute('data-removed', 'true');
  await expect(diff).toContainText('VirtualService reviews (deleted)');
  await expect(diff.locator('[data-diff="added"]')).toHaveCount(0);
  await expectAccessible(page);

  const written = preview.backend.record.length;
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('current-routing')).toContainText(before);
  // A list, not a GET of the name: the browser would log the 404 as an error.
  const left = (await apiRequest(page, 'GET', `${NET}/virtualservices`)).body.items;
  expect(left.map((o: { metadata: { name: string } }) => o.metadata.name)).not.toContain('reviews');
  expect((await apiRequest(page, 'GET', DR_PATH)).status).toBe(200);
  // Dry-run first, then the delete: one deletion reached the store, and nothing else changed.
  const writes = preview.backend.record
    .slice(written)
    .filter((r) => r.kind === 'VirtualService' || r.kind === 'DestinationRule');
  expect(writes.map((r) => `${r.type} ${r.kind}`)).toEqual(['DELETED VirtualService']);

  await open(page, '/service-mesh/traffic');
  await expect(row).toHaveText(before);
  // Nothing left to remove.
  await open(page, '/service-mesh/traffic/ns/bookinfo/reviews/split');
  await expect(page.getByTestId('weight-v1')).toBeVisible();
  await expect(page.getByTestId('remove-split')).toHaveCount(0);
});
