// The Istio config page: every Istio object with what it applies to and what is wrong with it,
// its details page with each problem's Kiali code and fixing form, and its YAML editor.
import type { Page } from '@playwright/test';
import { stringify } from 'yaml';
import { expectAccessible } from './a11y';
import { apiRequest } from './api';
import { expect, open, test } from './fixtures';
import { setYaml, yamlText } from './yamlEditor';

test.use({ previewOptions: { scenario: 'mesh3', user: 'admin' } });

const NET = '/apis/networking.istio.io/v1/namespaces/bookinfo';
const SEC = '/apis/security.istio.io/v1/namespaces/bookinfo';

// Both tests seed the same objects into the file's one stand-in cluster: the second one's
// creation is refused with 409 (already there), which the browser logs.
test.use({ allowedConsoleErrors: [/status of 409/] });

/** Routing and policy for bookinfo as a team would write them: nothing wrong with any. */
const seed = async (page: Page) => {
  const dr = await apiRequest(page, 'POST', `${NET}/destinationrules`, {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'reviews', namespace: 'bookinfo' },
    spec: {
      host: 'reviews',
      subsets: ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } })),
    },
  });
  expect([201, 409]).toContain(dr.status);
  const pa = await apiRequest(page, 'POST', `${SEC}/peerauthentications`, {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: { name: 'default', namespace: 'bookinfo' },
    spec: { mtls: { mode: 'STRICT' } },
  });
  expect([201, 409]).toContain(pa.status);
};

/** A VirtualService for ratings that routes to a subset no DestinationRule defines. */
const brokenRatings = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'ratings', namespace: 'bookinfo' },
  spec: {
    hosts: ['ratings'],
    http: [{ route: [{ destination: { host: 'ratings', subset: 'v9' } }] }],
  },
};

test('lists bookinfo’s objects with what they apply to; the kind filter narrows the list', async ({
  page,
}) => {
  await open(page, '/service-mesh/overview');
  await seed(page);
  const summary = page.getByTestId('config-problems-summary');
  await expect(summary).toHaveAttribute('data-errors', '0');
  await expect(summary).toHaveAttribute('data-warnings', '0');
  // The console opens the section of the page shown; a host that does not, on a click.
  const section = page.getByRole('button', { name: 'Service Mesh' });
  if ((await section.getAttribute('aria-expanded')) !== 'true') await section.click();
  await page.getByTestId('nav-service-mesh-istio-config').click();
  await expect(page).toHaveURL(/\/service-mesh\/istio-config$/);

  const table = page.getByTestId('istio-config-table');
  // reviews' DestinationRule, bookinfo's PeerAuthentication and the mesh-wide Telemetry.
  await expect(table).toHaveAttribute('data-total', '3');
  await expect(page.getByTestId('kind-destinationrule-bookinfo-reviews')).toContainText(
    'DestinationRule',
  );
  await expect(page.getByTestId('applies-to-destinationrule-bookinfo-reviews')).toHaveText(
    'reviews',
  );
  await expect(page.getByTestId('problems-destinationrule-bookinfo-reviews')).toHaveText('None');
  await expect(page.getByTestId('applies-to-peerauthentication-bookinfo-default')).toHaveText(
    'Every workload in the namespace',
  );
  await expect(page.getByTestId('applies-to-telemetry-istio-system-mesh-default')).toHaveText(
    'Every workload in the mesh',
  );
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Filter' }).click();
  await page.locator('[data-test-row-filter="peerauthentication"]').click();
  await page.keyboard.press('Escape');
  await expect(table).toHaveAttribute('data-total', '1');
  await expect(page).toHaveURL(/[?&]rowFilter-kind=peerauthentication/);
  await expect(page.getByTestId('problems-peerauthentication-bookinfo-default')).toHaveText('None');
  await expect(page.getByTestId('kind-destinationrule-bookinfo-reviews')).toHaveCount(0);

  // Its page: the title, no problems, and its YAML.
  await page.getByTestId('config-link-peerauthentication-bookinfo-default').click();
  await expect(page).toHaveURL(
    /\/service-mesh\/istio-config\/ns\/bookinfo\/peerauthentications\/default$/,
  );
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('PeerAuthentication default');
  await expect(page.getByTestId('config-no-problems')).toBeVisible();
  await expect.poll(() => yamlText(page)).toContain('mode: STRICT');
  await expect(page.getByTestId('apply')).toBeDisabled();
  await expectAccessible(page);
  await page.getByTestId('breadcrumb-istio-config').click();
  await expect(page).toHaveURL(/\/service-mesh\/istio-config$/);
});

test('a VirtualService to a subset nobody defines shows KIA1107 and its fix; its YAML fixes it', async ({
  page,
}) => {
  await open(page, '/service-mesh/istio-config');
  await seed(page);
  const table = page.getByTestId('istio-config-table');
  await expect(table).toHaveAttribute('data-total', '3');

  // Created while the page is open: the watch brings it, checked against the rest.
  const created = await apiRequest(page, 'POST', `${NET}/virtualservices`, brokenRatings);
  expect(created.status).toBe(201);
  await expect(table).toHaveAttribute('data-total', '4');
  const problems = page.getByTestId('problems-virtualservice-bookinfo-ratings');
  await expect(problems).toHaveText(/^\s*1 warning$/);
  await expect(problems).toHaveAttribute('data-warnings', '1');
  await expect(problems).toHaveAttribute('data-errors', '0');
  await expect(page.getByTestId('applies-to-virtualservice-bookinfo-ratings')).toHaveText(
    'ratings',
  );

  // The problems filter finds it.
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.locator('[data-test-row-filter="warnings"]').click();
  await page.keyboard.press('Escape');
  await expect(table).toHaveAttribute('data-total', '1');

  await page.getByTestId('config-link-virtualservice-bookinfo-ratings').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('VirtualService ratings');
  const problem = page.getByTestId('config-problem');
  await expect(problem).toHaveCount(1);
  await expect(problem).toHaveAttribute('data-code', 'config.vs.subset-not-found');
  await expect(problem).toContainText('spec.http[0].route[0].destination.subset');
  await expect(problem).toContainText(
    'No DestinationRule defines subset v9 of ratings: requests routed to it fail with 503 (no healthy upstream).',
  );
  await expect(problem.getByTestId('kia-code')).toHaveText('Kiali: KIA1107');
  await expectAccessible(page);

  // Fixed in YAML: route to the service itself. The diff shows it, Apply writes it.
  const fixed = {
    ...created.body,
    spec: { hosts: ['ratings'], http: [{ route: [{ destination: { host: 'ratings' } }] }] },
  };
  delete fixed.metadata.managedFields;
  await setYaml(page, stringify(fixed));
  await expect(page.getByTestId('diff-istio-config-object')).toContainText(
    '-           subset: v9',
  );
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('config-no-problems')).toBeVisible();
  const stored = await apiRequest(page, 'GET', `${NET}/virtualservices/ratings`);
  expect(stored.body.spec.http[0].route[0].destination).toEqual({ host: 'ratings' });

  // Broken again from outside: the page follows, and the fix link opens the split form.
  const broken = await apiRequest(page, 'PUT', `${NET}/virtualservices/ratings`, {
    ...stored.body,
    spec: brokenRatings.spec,
  });
  expect(broken.status).toBe(200);
  await expect(problem).toHaveCount(1);
  await page.getByTestId('fix-split').click();
  await expect(page).toHaveURL(/\/service-mesh\/traffic\/ns\/bookinfo\/ratings\/split$/);

  // The overview counts it, and leads to the list.
  await page.goto('/service-mesh/overview');
  const summary = page.getByTestId('config-problems-summary');
  await expect(summary).toHaveAttribute('data-warnings', '1');
  await summary.click();
  await expect(page).toHaveURL(/\/service-mesh\/istio-config$/);
});
