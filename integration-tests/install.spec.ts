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

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createValidator } = require('../preview/cluster/validate');

/** Problems of a stored object by the published schemas (Istio, prometheus-operator). */
const schemaProblems = async (group: string, obj: { kind: string; apiVersion: string }) =>
  (await createValidator()).validate(
    { group, kind: obj.kind, plural: '' },
    obj.apiVersion.split('/')[1],
    obj,
  ) as unknown[];

const MONITORING_CONFIG =
  '/api/v1/namespaces/openshift-monitoring/configmaps/cluster-monitoring-config';
// What a platform team already put in the monitoring config: it must all survive.
const EXISTING_MONITORING = [
  '# retention agreed with the SRE team',
  'prometheusK8s:',
  '  retention: 15d # do not lower',
  'alertmanagerMain:',
  '  enabled: false',
  '',
].join('\n');

test('installs Service Mesh 3 end to end, surviving a reload, observable, and lands on a healthy overview', async ({
  page,
  preview,
}) => {
  await open(page, '/service-mesh/overview');
  await page.getByTestId('open-install-wizard').click();
  await expect(page).toHaveURL(/\/service-mesh\/install$/);
  await expect(page.getByRole('radio', { name: /Service Mesh 3 \(recommended\)/ })).toBeChecked();
  await expectAccessible(page);
  // The cluster already has a monitoring config of its own.
  const created = await apiRequest(
    page,
    'POST',
    '/api/v1/namespaces/openshift-monitoring/configmaps',
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cluster-monitoring-config', namespace: 'openshift-monitoring' },
      data: { 'config.yaml': EXISTING_MONITORING, 'other.yaml': 'kept: true\n' },
    },
  );
  expect(created.status).toBe(201);

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

  // Metrics skipped for now: the install goes on, and the wizard says what will not work.
  await expect(page.getByTestId('skip-metrics')).toBeEnabled();
  await page.getByTestId('skip-metrics').check();
  // The optional operators follow, one after the other, without another click.
  await waitDone(page, 'tempo');
  await waitDone(page, 'opentelemetry');
  const tracing = page.getByTestId('tracing-section');
  await expect(tracing.getByTestId('telemetry-link-tempo-ready')).toHaveAttribute(
    'data-state',
    'missing',
  );
  // A TempoStack needs an object-storage Secret, and there is none yet: nothing can be applied.
  await tracing.getByRole('radio', { name: /TempoStack/ }).check();
  await expect(tracing.getByTestId('no-storage-secret')).toBeVisible();
  await expect(tracing.getByTestId('apply-tracing')).toBeDisabled();
  // A monolithic Tempo on a volume needs a size the API server accepts.
  await tracing.getByRole('radio', { name: /TempoMonolithic/ }).check();
  await tracing.getByLabel('Trace storage').selectOption('pv');
  await tracing.getByTestId('tempo-size').fill('2GB');
  await expect(tracing.getByTestId('tempo-size-error')).toContainText('such as 2Gi');
  await expect(tracing.getByTestId('apply-tracing')).toBeDisabled();
  await tracing.getByLabel('Trace storage').selectOption('memory');
  await tracing.getByTestId('sampling').fill('100');
  await expectAccessible(page);
  await tracing.getByTestId('apply-tracing').click();
  await expect(tracing.getByTestId('telemetry-link-tracing-telemetry')).toHaveAttribute(
    'data-state',
    'ok',
    { timeout: 30_000 },
  );
  await waitDone(page, 'kiali');
  await page.getByTestId('create-kiali').click();
  const done = page.getByTestId('install-done');
  await expect(done).toContainText('without what you skipped', { timeout: 30_000 });
  await expect(page.getByTestId('install-skipped')).toContainText(
    "Kiali's graph and health stay empty",
  );

  // Without metrics the graph is empty, and the tab says which link is missing, not "no traffic".
  await open(page, '/k8s/ns/bookinfo/services/reviews/service-mesh');
  const checklist = page.getByTestId('telemetry-checklist');
  await expect(checklist.getByTestId('telemetry-link-uwm-enabled')).toHaveAttribute(
    'data-state',
    'missing',
  );
  await expect(checklist).toContainText('User-workload monitoring is off');
  await expect(page.getByTestId('traffic-graph')).toHaveCount(0);
  // Prometheus has nothing either, and the metrics section says why.
  await expect(
    page.getByTestId('metrics-telemetry-checklist').getByTestId('telemetry-link-uwm-enabled'),
  ).toHaveAttribute('data-state', 'missing');
  await expect(page.getByTestId('metrics-table')).toHaveCount(0);
  // Tracing is wired, so traces arrive already.
  await open(page, '/k8s/ns/bookinfo/services/reviews/service-mesh-traces');
  await expect(page.getByTestId('traces-table').locator('tbody tr').first()).toBeVisible({
    timeout: 30_000,
  });

  // The fix link leads back to the wizard's metrics step, which is then done.
  await open(page, '/k8s/ns/bookinfo/services/reviews/service-mesh');
  await checklist.getByTestId('telemetry-fix-uwm-enabled').click();
  await expect(page).toHaveURL(/\/service-mesh\/install#step-metrics$/);
  await page.getByTestId('skip-metrics').uncheck();
  const metrics = page.getByTestId('metrics-section');
  await expect(metrics.getByTestId('diff-monitoring-config')).toContainText(
    'enableUserWorkload: true',
  );
  await metrics.getByTestId('apply-metrics').click();
  for (const link of ['uwm-enabled', 'uwm-prometheus', 'istiod-scraped', 'proxies-scraped']) {
    await expect(metrics.getByTestId(`telemetry-link-${link}`)).toHaveAttribute(
      'data-state',
      'ok',
      { timeout: 30_000 },
    );
  }
  await expect(done).toContainText('installed and observable', { timeout: 30_000 });
  await expectAccessible(page);

  // Everything the wizard wrote exists and validates; the monitoring config kept its settings.
  const config = (await apiRequest(page, 'GET', MONITORING_CONFIG)).body;
  expect(config.data['config.yaml']).toContain('# retention agreed with the SRE team');
  expect(config.data['config.yaml']).toContain('retention: 15d # do not lower');
  expect(config.data['config.yaml']).toContain('enabled: false');
  expect(config.data['config.yaml']).toMatch(/^enableUserWorkload: true$/m);
  expect(config.data['other.yaml']).toBe('kept: true\n');
  const sm = (
    await apiRequest(
      page,
      'GET',
      '/apis/monitoring.coreos.com/v1/namespaces/istio-system/servicemonitors/istiod-monitor',
    )
  ).body;
  const pm = (
    await apiRequest(
      page,
      'GET',
      '/apis/monitoring.coreos.com/v1/namespaces/bookinfo/podmonitors/istio-proxies-monitor',
    )
  ).body;
  const telemetry = (
    await apiRequest(
      page,
      'GET',
      '/apis/telemetry.istio.io/v1/namespaces/istio-system/telemetries/mesh-default',
    )
  ).body;
  expect(await schemaProblems('monitoring.coreos.com', sm)).toEqual([]);
  expect(await schemaProblems('monitoring.coreos.com', pm)).toEqual([]);
  expect(await schemaProblems('telemetry.istio.io', telemetry)).toEqual([]);
  expect(telemetry.spec.tracing[0]).toEqual({
    providers: [{ name: 'otel-tracing' }],
    randomSamplingPercentage: 100,
  });
  const istio = (await apiRequest(page, 'GET', '/apis/sailoperator.io/v1/istios/default')).body;
  expect(istio.spec.values.meshConfig.extensionProviders).toEqual([
    {
      name: 'otel-tracing',
      opentelemetry: { service: 'otel-collector.istio-system.svc.cluster.local', port: 4317 },
    },
  ]);
  const kiali = (
    await apiRequest(page, 'GET', '/apis/kiali.io/v1alpha1/namespaces/istio-system/kialis/kiali')
  ).body;
  expect(kiali.spec.external_services.tracing).toMatchObject({ enabled: true, provider: 'tempo' });
  for (const path of [
    '/apis/tempo.grafana.com/v1alpha1/namespaces/tempo/tempomonolithics/sample',
    '/apis/opentelemetry.io/v1beta1/namespaces/istio-system/opentelemetrycollectors/otel',
    '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kiali-monitoring-rbac-istio-system',
  ]) {
    expect((await apiRequest(page, 'GET', path)).status, path).toBe(200);
  }

  // Now the reviews tab has traffic.
  await open(page, '/k8s/ns/bookinfo/services/reviews/service-mesh');
  await expect(
    page.getByTestId('traffic-table').getByTestId('traffic-productpage-v1-reviews'),
  ).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('telemetry-checklist')).toHaveCount(0);
  // And Prometheus holds its metrics once the sidecars have been scraped a few times.
  preview.prometheus.advance(300);
  await page.getByTestId('refresh').click();
  for (const v of ['v1', 'v2', 'v3']) {
    await expect(
      page.getByTestId('metrics-table').getByTestId(`metrics-row-${v}`).getByTestId('rps'),
    ).toHaveText(/^\d/);
  }
  await expect(page.getByTestId('metrics-telemetry-checklist')).toHaveCount(0);

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

  await open(page, '/service-mesh/overview');
  const card = page.getByTestId('istio-default');
  await expect(card.getByText('Healthy')).toBeVisible();
  await expect(
    page.getByTestId('istio-default-members').getByRole('link', { name: 'bookinfo' }),
  ).toBeVisible();
  await expect(page.getByTestId('telemetry-checklist')).toContainText(
    'Metrics and traces are collected for every member namespace.',
  );
});
