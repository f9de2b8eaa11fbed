// The Istio config page on mesh3-broken: every seeded broken object (preview/cluster/brokenConfig.js,
// each labelled with the code it must get) shows that problem, with its Kiali code where Kiali
// has the check; and a problem's fixing form, applied, makes the problem go.
import { CONFIG_CODES } from '../src/mesh/config/configCodes';
import { expect, open, test } from './fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the stand-in is CommonJS
const { brokenConfig, BROKEN_LABEL, KIALI_CHECKS } = require('../preview/cluster/brokenConfig') as {
  brokenConfig: () => {
    kind: string;
    metadata: {
      name: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
    };
  }[];
  BROKEN_LABEL: string;
  KIALI_CHECKS: string;
};

test.use({ previewOptions: { scenario: 'mesh3-broken', user: 'admin' } });

const broken = brokenConfig().filter((o) => o.metadata.labels?.[BROKEN_LABEL]);
// Objects only (the stand-in) Kiali finds something wrong with: the plugin does not check them.
const kialiOnly = brokenConfig().filter(
  (o) => !o.metadata.labels?.[BROKEN_LABEL] && o.metadata.annotations?.[KIALI_CHECKS],
);
const kiaOf = new Map<string, string | undefined>(
  CONFIG_CODES.map((c): [string, string | undefined] => [c.code, 'kia' in c ? c.kia : undefined]),
);
// The details page's path segment: Kiali's lowercase plural of the kind.
const TYPES: Record<string, string> = {
  VirtualService: 'virtualservices',
  DestinationRule: 'destinationrules',
  PeerAuthentication: 'peerauthentications',
  AuthorizationPolicy: 'authorizationpolicies',
  RequestAuthentication: 'requestauthentications',
  ServiceEntry: 'serviceentries',
  Service: 'services',
};

test('the list holds exactly the broken objects under "problems", with those only Kiali flags', async ({
  page,
}) => {
  await open(page, '/service-mesh/istio-config');
  const table = page.getByTestId('istio-config-table');
  await expect(table).toBeVisible();
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.locator('[data-test-row-filter="errors"]').click();
  await page.locator('[data-test-row-filter="warnings"]').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('kiali-checks')).toHaveAttribute('data-state', 'included');
  expect(kialiOnly.map((o) => `${o.kind} ${o.metadata.name}`)).toEqual([
    'Gateway shop-a',
    'Gateway shop-b',
  ]);
  await expect(table).toHaveAttribute('data-total', String(broken.length + kialiOnly.length));
});

test('Kiali’s own checks show beside ours, in Kiali’s words, and a finding both make shows once', async ({
  page,
}) => {
  await open(page, '/service-mesh/istio-config/ns/bookinfo/gateways/shop-a');
  await expect(page.getByTestId('kiali-checks')).toHaveAttribute('data-state', 'included');
  const problems = page.getByTestId('config-problem');
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0).getByTestId('kia-code')).toHaveText('Kiali: KIA0301');
  await expect(problems.nth(0).getByTestId('kiali-message')).toHaveText(
    'More than one Gateway for the same host port combination',
  );
  await expect(problems.nth(0)).toContainText('spec.servers[0]');
  await expect(problems.nth(1).getByTestId('kia-code')).toHaveText('Kiali: KIA0302');

  // Kiali reports KIA1107 on ratings too: the plugin's own check carries that code, so one row.
  await open(page, '/service-mesh/istio-config/ns/bookinfo/virtualservices/ratings');
  await expect(page.getByTestId('kiali-checks')).toHaveAttribute('data-state', 'included');
  await expect(page.getByTestId('config-problem')).toHaveCount(1);
  await expect(page.getByTestId('kiali-message')).toHaveCount(0);
});

test('every broken object shows its problem, with the Kiali code where Kiali has the check', async ({
  page,
}) => {
  test.slow(); // one details page per seeded object
  for (const o of broken) {
    const code = o.metadata.labels?.[BROKEN_LABEL] ?? '';
    const type = TYPES[o.kind];
    expect(type, `a details path for ${o.kind}`).toBeDefined();
    await open(page, `/service-mesh/istio-config/ns/bookinfo/${type}/${o.metadata.name}`);
    // A pair (two destinations repeating each other) shows the problem once per place.
    const problem = page.locator(`[data-test="config-problem"][data-code="${code}"]`).first();
    await expect(problem, `${o.kind} ${o.metadata.name} shows ${code}`).toBeVisible();
    const kia = kiaOf.get(code);
    if (kia) await expect(problem.getByTestId('kia-code')).toHaveText(`Kiali: ${kia}`);
    else await expect(problem.getByTestId('kia-code')).toHaveCount(0);
  }
});

test('a route to a subset nobody defines: its fix link opens the split form, and Apply clears it', async ({
  page,
}) => {
  const details = '/service-mesh/istio-config/ns/bookinfo/virtualservices/ratings';
  // The service's Service Mesh tab counts the problem of the VirtualService that routes it, and
  // leads to its details.
  await open(page, '/k8s/ns/bookinfo/services/ratings/service-mesh');
  const counted = page.getByTestId('config-problems-VirtualService-ratings');
  await expect(counted).toHaveAttribute('data-warnings', '1');
  await counted.click();
  await expect(page).toHaveURL(new RegExp(`${details}$`));
  await expect(
    page.locator('[data-test="config-problem"][data-code="config.vs.subset-not-found"]'),
  ).toBeVisible();
  await page.getByTestId('fix-split').click();
  await expect(page).toHaveURL(/\/service-mesh\/traffic\/ns\/bookinfo\/ratings\/split$/);
  // The form shows the subset nobody runs, to take out; ratings runs one version, v1, which the
  // form defines in a DestinationRule and sends everything to.
  await expect(page.getByTestId('subset-v9')).toContainText('no Deployment runs');
  await page.getByTestId('remove-subset-v9').click();
  await page.getByTestId('weight-v1').fill('100');
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('current-routing')).toContainText('v1 100%');

  // Gone from ours and from Kiali's (the object changed, so its old finding no longer holds).
  await open(page, details);
  await expect(page.getByTestId('kiali-checks')).toHaveAttribute('data-state', 'included');
  await expect(page.getByTestId('config-no-problems')).toBeVisible();
});

test('Remove deletes an object after showing everything that goes, and the list drops it', async ({
  page,
  preview,
}) => {
  const policy = broken.find(
    (o) => o.metadata.labels?.[BROKEN_LABEL] === 'config.ap.method-unknown',
  );
  const name = policy?.metadata.name ?? '';
  await open(page, `/service-mesh/istio-config/ns/bookinfo/authorizationpolicies/${name}`);
  await page.getByTestId('remove-object').click();
  await expect(page.getByTestId('removing-object')).toBeVisible();
  const diff = page.getByTestId('diff-istio-config-object');
  await expect(diff).toHaveAttribute('data-removed', 'true');
  await expect(diff).toContainText(`-   name: ${name}`);
  // Changed one's mind: nothing is written.
  await page.getByTestId('keep-object').click();
  await expect(page.getByTestId('remove-object')).toBeVisible();
  await page.getByTestId('remove-object').click();
  await page.getByTestId('apply').click();
  await expect(page).toHaveURL(/\/service-mesh\/istio-config$/);
  await expect(page.getByTestId(`problems-authorizationpolicy-bookinfo-${name}`)).toHaveCount(0);
  expect(
    preview.backend.record.filter((r) => r.kind === 'AuthorizationPolicy' && r.type === 'DELETED'),
  ).toHaveLength(1);
});
