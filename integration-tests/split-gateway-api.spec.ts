// Gateway API routing on an ambient namespace: the split form edits the HTTPRoute Istio's ambient
// walk-through left on reviews (jason to v2 with a header added, the rest to v1), over one Service
// per version, and sends reviews through the namespace's waypoint, which is what applies the
// route. Kiali's graph then shows the 90/10 the waypoint reports.
import { expectAccessible } from './a11y';
import { apiRequest } from './api';
import { expect, open, test } from './fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createValidator } = require('../preview/cluster/validate');

test.use({ previewOptions: { scenario: 'ambient', user: 'admin' } });

const GW_API = '/apis/gateway.networking.k8s.io/v1/namespaces/bookinfo';

const schemaProblems = async (obj: { kind: string }) =>
  (await createValidator()).validate(
    { group: 'gateway.networking.k8s.io', kind: obj.kind },
    'v1',
    obj,
  ) as unknown[];

test('a 90/10 split of reviews on ambient writes a valid HTTPRoute that keeps the jason rule, through the waypoint; the graph shows 90/10 through the waypoint', async ({
  page,
}) => {
  const before = await (async () => {
    await open(page, '/service-mesh/traffic/ns/bookinfo/reviews/split');
    return (await apiRequest(page, 'GET', `${GW_API}/httproutes/reviews`)).body;
  })();
  await expect(page.getByTestId('current-routing')).toContainText(
    'matching requests: reviews-v2 100%; reviews-v1 100%',
  );
  // No VirtualService and an HTTPRoute already routes reviews: the form edits the route.
  await expect(page.getByTestId('routing-api')).toHaveCount(0);
  // The route's single weight is shown as written (Gateway API's default 1), not rewritten.
  await expect(page.getByTestId('weight-reviews-v1')).toHaveValue('1');
  // reviews uses no waypoint yet: without one ztunnel ignores the route, so the form offers it.
  const waypoint = page.getByTestId('split-waypoint');
  await expect(waypoint).toHaveAttribute('data-state', 'setup');
  await expect(page.getByTestId('set-up-waypoint')).toBeChecked();

  await page.getByTestId('weight-reviews-v1').fill('90');
  await page.getByTestId('weight-reviews-v2').fill('10');
  await expect(page.getByTestId('diff-service-reviews')).toContainText(
    '+     istio.io/use-waypoint: waypoint',
  );
  await expect(page.getByTestId('diff-httproute')).toContainText('+           weight: 90');
  await expectAccessible(page);
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('current-routing')).toContainText('reviews-v1 90%, reviews-v2 10%');
  await expect(waypoint).toHaveAttribute('data-state', 'in-use');

  const stored = (await apiRequest(page, 'GET', `${GW_API}/httproutes/reviews`)).body;
  expect(await schemaProblems(stored)).toEqual([]);
  // The hand-written rule, its header match and its filter, exactly as they were.
  expect(stored.spec.rules[0]).toEqual(before.spec.rules[0]);
  expect(stored.spec.parentRefs).toEqual(before.spec.parentRefs);
  // (An API server that applies the CRD's defaults adds group "" and kind Service.)
  expect(stored.spec.rules[1].backendRefs).toMatchObject([
    { name: 'reviews-v1', port: 9080, weight: 90 },
    { name: 'reviews-v2', port: 9080, weight: 10 },
  ]);
  const service = (await apiRequest(page, 'GET', '/api/v1/namespaces/bookinfo/services/reviews'))
    .body;
  expect(service.metadata.labels['istio.io/use-waypoint']).toBe('waypoint');
  // istiod accepts the route for its Service parent and resolves both backends.
  await expect
    .poll(async () => {
      const r = (await apiRequest(page, 'GET', `${GW_API}/httproutes/reviews`)).body;
      return (r.status?.parents?.[0]?.conditions ?? [])
        .map((c: { type: string; status: string }) => `${c.type}=${c.status}`)
        .sort();
    })
    .toEqual(['Accepted=True', 'ResolvedRefs=True']);

  // Kiali's graph of bookinfo: the waypoint reports the requests for each backend Service.
  await page.goto('/k8s/cluster/namespaces/bookinfo/service-mesh');
  const table = page.getByTestId('traffic-table');
  await expect(
    table.getByTestId('traffic-productpage-v1-reviews-v1').getByTestId('share'),
  ).toHaveText('90%');
  await expect(
    table.getByTestId('traffic-productpage-v1-reviews-v2').getByTestId('share'),
  ).toHaveText('10%');
  await expect(table.getByTestId('traffic-productpage-v1-reviews-v3')).toHaveCount(0);
  // Through the waypoint: ztunnel's connections go caller -> waypoint -> the two versions only,
  // and the graph draws the waypoint as one, not as a workload.
  await expect(
    page.getByTestId('traffic-graph').getByTestId('graph-node-waypoint-waypoint'),
  ).toContainText('Waypoint');
  await expect(table.getByTestId('traffic-productpage-v1-waypoint')).toContainText('TCP');
  await expect(table.getByTestId('traffic-waypoint-reviews-v1')).toContainText('waypoint proxy');
  await expect(table.getByTestId('traffic-waypoint-reviews-v2')).toBeVisible();
  await expect(table.getByTestId('traffic-waypoint-reviews-v3')).toHaveCount(0);
});

test('timeouts of reviews go on its HTTPRoute rule, in Gateway API terms, and the jason rule stays', async ({
  page,
}) => {
  await open(page, '/service-mesh/traffic/ns/bookinfo/reviews/resilience');
  const before = (await apiRequest(page, 'GET', `${GW_API}/httproutes/reviews`)).body;
  await expect(page.getByTestId('gateway-resilience-note')).toContainText(
    'reviews is routed by HTTPRoute reviews',
  );
  // The catch-all rule is the one proposed.
  await expect(page.getByTestId('gw-rule')).toHaveValue('1');
  await page.getByTestId('gw-request').fill('3s');
  await page.getByTestId('gw-backendRequest').fill('5s');
  await expect(page.getByTestId('gw-backendRequest-issue')).toContainText(
    'cannot be longer than the request timeout',
  );
  await expect(page.getByTestId('apply')).toBeDisabled();
  await page.getByTestId('gw-backendRequest').fill('1s');
  await expect(page.getByTestId('gw-backendRequest-issue')).toHaveCount(0);
  await expectAccessible(page);
  await page.getByTestId('apply').click();
  await expect
    .poll(
      async () =>
        (await apiRequest(page, 'GET', `${GW_API}/httproutes/reviews`)).body.spec.rules[1].timeouts,
    )
    .toEqual({ request: '3s', backendRequest: '1s' });
  const stored = (await apiRequest(page, 'GET', `${GW_API}/httproutes/reviews`)).body;
  expect(stored.spec.rules[0]).toEqual(before.spec.rules[0]);
  expect(stored.spec.rules[1].backendRefs).toEqual(before.spec.rules[1].backendRefs);
  expect(await schemaProblems(stored)).toEqual([]);
});
