import type { Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { apiRequest } from './api';
import { expect, open, test } from './fixtures';
import { expectInListRow, inListRow } from './lists';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createValidator } = require('../preview/cluster/validate');

test.use({ previewOptions: { scenario: 'mesh3', user: 'admin' } });

/** Schema problems of a stored security.istio.io/v1 object, from @kubernetes-models/istio. */
const schemaProblems = async (obj: { kind: string }) =>
  (await createValidator()).validate(
    { group: 'security.istio.io', kind: obj.kind },
    'v1',
    obj,
  ) as unknown[];

const SEC = '/apis/security.istio.io/v1/namespaces/bookinfo';
const PAGE = '/service-mesh/security/ns/bookinfo';

const rowAction = async (page: Page, workload: string, action: string) => {
  await inListRow(page, `mtls-${workload}`);
  // The console's virtualized list re-renders its rows as the page's watches settle, which can
  // close the kebab menu just opened: open it until its item shows.
  await expect(async () => {
    await page
      .getByRole('row')
      .filter({ has: page.getByTestId(`mtls-${workload}`) })
      .getByRole('button', { name: 'Kebab toggle' })
      .click();
    await expect(page.getByRole('menuitem', { name: action })).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole('menuitem', { name: action }).click();
};

// A Deployment whose pods opt out of injection: a caller that can only send plaintext.
const legacyDeployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'legacy-client', namespace: 'bookinfo' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'legacy-client' } },
    template: {
      metadata: {
        labels: { app: 'legacy-client' },
        annotations: { 'sidecar.istio.io/inject': 'false' },
      },
      spec: { containers: [{ name: 'curl', image: 'registry.access.redhat.com/ubi9/ubi' }] },
    },
  },
};

test('STRICT on a namespace warns about a caller without a sidecar and needs an explicit yes', async ({
  page,
  preview,
}) => {
  await open(page, PAGE);
  expect(
    (
      await apiRequest(
        page,
        'POST',
        '/apis/apps/v1/namespaces/bookinfo/deployments',
        legacyDeployment,
      )
    ).status,
  ).toBe(201);
  await expect(await inListRow(page, 'sidecar-legacy-client')).toHaveText('No sidecar');
  await expect(await inListRow(page, 'sidecar-reviews-v1')).toContainText('Sidecar in all pods');

  const writes = () => preview.backend.record.filter((r) => r.kind === 'PeerAuthentication').length;
  const before = writes();
  await page.getByTestId('namespace-mtls-edit').click();
  await page.getByTestId('mtls-mode-STRICT').check();
  const warning = page.getByTestId('strict-warning');
  await expect(warning).toContainText(
    'These workloads have no sidecar and will no longer be able to call bookinfo: legacy-client.',
  );
  await expect(page.getByTestId('apply')).toBeDisabled();
  await page.getByTestId('strict-ack').check();
  await expect(page.getByTestId('apply')).toBeEnabled();
  await expectAccessible(page);

  // Back to PERMISSIVE: no warning, nothing written yet.
  await page.getByTestId('mtls-mode-PERMISSIVE').check();
  await expect(warning).toHaveCount(0);
  expect(writes()).toBe(before);
  expect(
    (
      await apiRequest(
        page,
        'DELETE',
        '/apis/apps/v1/namespaces/bookinfo/deployments/legacy-client',
      )
    ).status,
  ).toBe(200);
});

test.describe('when the workloads cannot be read', () => {
  // The refused list below is logged by the browser.
  test.use({ allowedConsoleErrors: [/status of 403/] });

  test('STRICT fails closed: it says callers are unknown and needs an explicit yes', async ({
    page,
  }) => {
    // A user who may edit policies but not list Deployments: no sidecar can be seen on anything,
    // as when the real console once never started the Deployment watch.
    await page.route('**/api/kubernetes/apis/apps/v1/namespaces/bookinfo/deployments?*', (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/json',
        body: JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          message:
            'deployments.apps is forbidden: User "kube:admin" cannot list resource "deployments" in API group "apps" in the namespace "bookinfo"',
          reason: 'Forbidden',
          code: 403,
        }),
      }),
    );
    await open(page, PAGE);
    await expect(page.getByTestId('workloads-unreadable')).toContainText(
      'The workloads of bookinfo could not be read',
    );
    await page.getByTestId('namespace-mtls-edit').click();
    await page.getByTestId('mtls-mode-STRICT').check();
    await expect(page.getByTestId('strict-unknown')).toContainText(
      'it is not known whether any caller lacks a sidecar',
    );
    await expect(page.getByTestId('apply')).toBeDisabled();
    await page.getByTestId('strict-ack').check();
    await expect(page.getByTestId('apply')).toBeEnabled();
  });
});

test('a user makes bookinfo STRICT; every workload shows STRICT from the namespace policy', async ({
  page,
  preview,
}) => {
  await open(page, PAGE);
  await expect(page.getByTestId('namespace-mtls')).toContainText('PERMISSIVE');
  await page.getByTestId('namespace-mtls-edit').click();
  await page.getByTestId('mtls-mode-STRICT').check();
  await expect(page.getByTestId('diff-peerauthentication')).toContainText('mode: STRICT');
  await page.getByTestId('apply').click();

  await expect
    .poll(() => preview.backend.record.some((r) => r.kind === 'PeerAuthentication'))
    .toBe(true);
  const pa = (await apiRequest(page, 'GET', `${SEC}/peerauthentications/default`)).body;
  expect(pa.spec).toEqual({ mtls: { mode: 'STRICT' } });
  expect(await schemaProblems(pa)).toEqual([]);

  await page.getByRole('link', { name: 'Security: bookinfo' }).click();
  await expect(page.getByTestId('namespace-mtls')).toContainText(
    'STRICT (mTLS only) · from namespace policy default',
  );
  for (const w of [
    'details-v1',
    'productpage-v1',
    'ratings-v1',
    'reviews-v1',
    'reviews-v2',
    'reviews-v3',
  ]) {
    await expectInListRow(page, `mtls-${w}`, (row) =>
      expect(row).toContainText('STRICT from namespace policy default', { timeout: 3_000 }),
    );
  }
  await expectAccessible(page);
});

test('reviews accepts calls only from productpage, and the page says so in plain words', async ({
  page,
  preview,
}) => {
  await open(page, PAGE);
  await expectInListRow(page, 'authz-reviews-v1', (row) =>
    expect(row).toHaveText('Any caller (no authorization policy)', { timeout: 3_000 }),
  );
  await rowAction(page, 'reviews-v1', 'Allowed callers');
  await expect(page.getByTestId('authz-scope-app')).toBeChecked();
  await page.getByTestId('caller-bookinfo-productpage-v1').getByRole('checkbox').check();
  await page.getByTestId('authz-method-GET').check();
  await page.getByTestId('authz-paths').fill('/reviews/*');
  await expect(page.getByTestId('policy-summary')).toHaveText(
    'In plain words: reviews accepts calls only from productpage: GET /reviews/*',
  );
  await expectAccessible(page);
  await page.getByTestId('apply').click();

  const path = `${SEC}/authorizationpolicies/reviews-allowed-callers`;
  await expect
    .poll(() => preview.backend.record.some((r) => r.name === 'reviews-allowed-callers'))
    .toBe(true);
  const ap = (await apiRequest(page, 'GET', path)).body;
  expect(ap.spec).toEqual({
    selector: { matchLabels: { app: 'reviews' } },
    action: 'ALLOW',
    rules: [
      {
        from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-productpage'] } }],
        to: [{ operation: { methods: ['GET'], paths: ['/reviews/*'] } }],
      },
    ],
  });
  expect(await schemaProblems(ap)).toEqual([]);

  await page.getByRole('link', { name: 'Security: bookinfo' }).click();
  for (const w of ['reviews-v1', 'reviews-v2', 'reviews-v3']) {
    await expectInListRow(page, `authz-${w}`, (row) =>
      expect(row).toHaveText('reviews accepts calls only from productpage: GET /reviews/*', {
        timeout: 3_000,
      }),
    );
  }
  await expectInListRow(page, 'authz-ratings-v1', (row) =>
    expect(row).toHaveText('Any caller (no authorization policy)', { timeout: 3_000 }),
  );
  await expect(page.getByTestId('policy-list')).toContainText(
    'bookinfo/reviews-allowed-callers: reviews accepts calls only from productpage: GET /reviews/*',
  );

  // Reopening the form shows what is in force, and editing keeps the rest of the policy.
  await rowAction(page, 'reviews-v2', 'Allowed callers');
  await expect(
    page.getByTestId('caller-bookinfo-productpage-v1').getByRole('checkbox'),
  ).toBeChecked();
  await expect(page.getByTestId('authz-paths')).toHaveValue('/reviews/*');
  await expect(page.getByTestId('apply')).toBeDisabled();
});

test('an allow-only policy without callers is refused before anything is written', async ({
  page,
  preview,
}) => {
  const writes = () =>
    preview.backend.record.filter((r) => r.kind === 'AuthorizationPolicy').length;
  const before = writes();
  await open(page, `${PAGE}/workloads/ratings-v1/authorization`);
  await page.getByTestId('authz-method-GET').check();
  await expect(page.getByTestId('validation-issue')).toContainText(
    'Choose at least one caller or namespace',
  );
  await expect(page.getByTestId('apply')).toBeDisabled();
  await page.getByTestId('authz-paths').fill('reviews');
  // The path's problem shows on the paths field itself.
  await expect(page.getByTestId('authz-paths-issue')).toBeVisible();
  expect(writes()).toBe(before);
});

test('productpage requires a JWT from an issuer; both objects validate against the Istio schemas', async ({
  page,
  preview,
}) => {
  await open(page, PAGE);
  await rowAction(page, 'productpage-v1', 'End-user tokens (JWT)');
  await page.getByTestId('jwt-issuer').fill('https://sso.example.com/realms/books');
  await page.getByTestId('jwt-jwksUri').fill('http://sso.example.com/certs');
  await expect(page.getByText('The JWKS URI must use https')).toBeVisible();
  await expect(page.getByTestId('apply')).toBeDisabled();
  await page
    .getByTestId('jwt-jwksUri')
    .fill('https://sso.example.com/realms/books/protocol/openid-connect/certs');
  await page.getByTestId('jwt-audiences').fill('bookinfo, productpage');
  await page.getByTestId('jwt-require').check();
  await expect(page.getByTestId('policy-summary')).toHaveText(
    'In plain words: productpage accepts calls only from anyone with a valid end-user token',
  );
  await expectAccessible(page);
  await page.getByTestId('apply').click();

  const raPath = `${SEC}/requestauthentications/productpage-jwt`;
  const apPath = `${SEC}/authorizationpolicies/productpage-require-jwt`;
  // Wait on the stand-in's write record: polling the API would log 404s until the write lands.
  await expect
    .poll(() => preview.backend.record.some((r) => r.name === 'productpage-require-jwt'))
    .toBe(true);
  const ra = (await apiRequest(page, 'GET', raPath)).body;
  const ap = (await apiRequest(page, 'GET', apPath)).body;
  expect(ra.spec).toEqual({
    selector: { matchLabels: { app: 'productpage' } },
    jwtRules: [
      {
        issuer: 'https://sso.example.com/realms/books',
        jwksUri: 'https://sso.example.com/realms/books/protocol/openid-connect/certs',
        audiences: ['bookinfo', 'productpage'],
      },
    ],
  });
  expect(ap.spec).toEqual({
    selector: { matchLabels: { app: 'productpage' } },
    action: 'ALLOW',
    rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }],
  });
  expect(await schemaProblems(ra)).toEqual([]);
  expect(await schemaProblems(ap)).toEqual([]);

  await page.getByRole('link', { name: 'Security: bookinfo' }).click();
  await expect(await inListRow(page, 'jwt-productpage-v1')).toHaveText(
    'https://sso.example.com/realms/books',
  );
});
