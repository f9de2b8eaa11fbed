import type { Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { apiRequest } from './api';
import { expect, open, reload, test } from './fixtures';
import type { WriteRecord } from './fixtures';

test.use({ previewOptions: { scenario: 'empty', user: 'admin' } });
// Installs take a few simulated operator rollouts.
test.setTimeout(120_000);

const stepState = (page: Page, id: string) => page.getByTestId(`operator-step-${id}`);
const waitDone = (page: Page, id: string) =>
  expect(stepState(page, id)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });

/**
 * Each Subscription created after the first comes after the previous operator's CSV (the one its
 * Subscription reports as installed) reached Succeeded, in the stand-in's write record.
 */
const expectSequential = (
  record: WriteRecord[],
  packages: string[],
  csvOf: Record<string, string>,
) => {
  const created = (name: string) =>
    record.findIndex((r) => r.kind === 'Subscription' && r.type === 'ADDED' && r.name === name);
  const succeeded = (pkg: string) =>
    record.findIndex(
      (r) => r.kind === 'ClusterServiceVersion' && r.name === csvOf[pkg] && r.phase === 'Succeeded',
    );
  for (let i = 1; i < packages.length; i += 1) {
    expect(created(packages[i]), `${packages[i]} subscribed`).toBeGreaterThan(-1);
    expect(succeeded(packages[i - 1]), `${packages[i - 1]} succeeded first`).toBeGreaterThan(-1);
    expect(created(packages[i])).toBeGreaterThan(succeeded(packages[i - 1]));
  }
};

test('installs Service Mesh 3 end to end, surviving a reload, and lands on a healthy overview', async ({
  page,
  preview,
}) => {
  await open(page, '/service-mesh/overview');
  await page.getByTestId('open-install-wizard').click();
  await expect(page).toHaveURL(/\/service-mesh\/install$/);
  await expect(page.getByRole('radio', { name: /Service Mesh 3 \(recommended\)/ })).toBeChecked();
  await expectAccessible(page);

  await page.getByTestId('start-install').click();
  await waitDone(page, 'servicemesh3');
  // Leave and come back: the wizard resumes from the cluster's state.
  await reload(page);
  await waitDone(page, 'servicemesh3');
  await expect(stepState(page, 'tempo')).toHaveAttribute('data-state', 'not-started');

  await page.getByTestId('create-control-plane').click();
  await expect(page.getByTestId('control-plane-status')).toContainText('Healthy', {
    timeout: 30_000,
  });

  await page.getByRole('checkbox', { name: 'bookinfo' }).check();
  await page.getByTestId('save-members').click();
  await page.getByTestId('restart-bookinfo').click();
  await expect(page.getByTestId('restarted-bookinfo')).toContainText('deployments restarted');

  // The optional operators follow, one after the other, without another click.
  await waitDone(page, 'tempo');
  await waitDone(page, 'opentelemetry');
  await waitDone(page, 'kiali');
  await page.getByTestId('create-kiali').click();
  await expect(page.getByTestId('install-done')).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page);

  const subscriptions = await apiRequest(
    page,
    'GET',
    '/apis/operators.coreos.com/v1alpha1/subscriptions',
  );
  const csvOf = Object.fromEntries(
    (
      subscriptions.body.items as { spec: { name: string }; status: { installedCSV: string } }[]
    ).map((sub) => [sub.spec.name, sub.status.installedCSV]),
  );
  expectSequential(
    preview.backend.record,
    ['servicemeshoperator3', 'tempo-product', 'opentelemetry-product', 'kiali-ossm'],
    csvOf,
  );
  const subs = preview.backend.record.filter(
    (r) => r.kind === 'Subscription' && r.type === 'ADDED',
  );
  expect(subs.map((s) => `${s.namespace}/${s.name}`)).toEqual([
    'openshift-operators/servicemeshoperator3',
    'openshift-tempo-operator/tempo-product',
    'openshift-opentelemetry-operator/opentelemetry-product',
    'openshift-operators/kiali-ossm',
  ]);

  await page.getByRole('button', { name: 'Go to the overview' }).click();
  const card = page.getByTestId('istio-default');
  await expect(card.getByText('Healthy')).toBeVisible();
  await expect(
    page.getByTestId('istio-default-members').getByRole('link', { name: 'bookinfo' }),
  ).toBeVisible();
});
