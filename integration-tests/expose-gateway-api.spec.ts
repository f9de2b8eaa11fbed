// Ingress through the Gateway API: from the Traffic list, productpage is exposed through a new
// Gateway of Istio's class; once its load balancer has an address the page shows it, the URL and
// Programmed, and the stored Gateway and HTTPRoute are what the form proposed. An Istio Gateway +
// VirtualService exposing the same Service is shown beside it, read only.
import { expectAccessible } from './a11y';
import { apiRequest } from './api';
import { expect, open, test } from './fixtures';
import { inListRow } from './lists';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadBalancerHostname } = require('../preview/cluster/ingressGateway');

test.use({ previewOptions: { scenario: 'ambient', user: 'admin' } });

const GW_API = '/apis/gateway.networking.k8s.io/v1/namespaces/bookinfo';

test('exposes productpage through a Gateway of class istio and shows its address', async ({
  page,
  preview,
}) => {
  await open(page, '/service-mesh/traffic');
  await (await inListRow(page, 'expose-bookinfo-productpage')).click();
  await expect(page).toHaveURL(/\/service-mesh\/traffic\/ns\/bookinfo\/productpage\/expose$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Expose productpage outside the cluster',
  );

  // Nothing exposes it yet, and the namespace's waypoint is no ingress: a new Gateway is proposed.
  await expect(page.getByTestId('ingress-status')).toHaveCount(0);
  await expect(page.getByTestId('expose-mode-new')).toBeChecked();
  await expect(page.getByTestId('expose-mode-existing')).toBeDisabled();
  const classes = page.getByTestId('expose-className').locator('option');
  await expect(classes).toHaveText(['istio (istio.io/gateway-controller)']);
  await page.getByTestId('expose-className').selectOption('istio');
  await expect(page.getByTestId('expose-gatewayName')).toHaveValue('bookinfo-gateway');
  await expect(page.getByTestId('expose-servicePort')).toHaveValue('9080');

  // A hostname the Gateway API refuses is caught on its field before anything is sent.
  const writes = () =>
    preview.backend.record.filter((r) => r.kind === 'Gateway' || r.kind === 'HTTPRoute').length;
  const before = writes();
  await page.getByTestId('expose-hostname').fill('10.0.0.1');
  await expect(page.getByTestId('expose-hostname-help')).toContainText(
    '"10.0.0.1" is an IP address; a Gateway matches host names only.',
  );
  await expect(page.getByTestId('apply')).toBeDisabled();
  await page.getByTestId('expose-hostname').fill('');

  await expect(page.getByTestId('diff-gateway')).toBeVisible();
  await expect(page.getByTestId('diff-httproute')).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByTestId('apply')).toBeEnabled();
  await page.getByTestId('apply').click();

  // The stand-in's istiod deploys the gateway; its load balancer names it once the pod is ready.
  const address = loadBalancerHostname('bookinfo', 'bookinfo-gateway-istio');
  const status = page.getByTestId('ingress-status');
  await expect(status.getByTestId('ingress-condition-Programmed')).toHaveAttribute(
    'data-status',
    'True',
    { timeout: 30_000 },
  );
  await expect(status.getByTestId('ingress-address')).toHaveText(`${address} (Hostname)`);
  await expect(status.getByTestId('ingress-url')).toHaveAttribute('href', `http://${address}/`);
  await expect(status.getByTestId('ingress-url')).toHaveText(`http://${address}/`);
  await expect(status.getByTestId('ingress-condition-Accepted')).toHaveAttribute(
    'data-status',
    'True',
  );
  await expect(status.getByTestId('ingress-condition-Programmed')).toContainText('Programmed');
  await expect(status.getByTestId('ingress-route-condition-Accepted')).toHaveAttribute(
    'data-status',
    'True',
  );
  await expect(status.getByTestId('ingress-route-condition-ResolvedRefs')).toHaveAttribute(
    'data-status',
    'True',
  );
  await expect(status.getByTestId('ingress-listener-http')).toContainText('1');
  await expect(status).toHaveAttribute('data-state', 'ready');
  // The form now reads what it wrote: the existing Gateway, nothing left to apply.
  await expect(page.getByTestId('expose-mode-existing')).toBeChecked();
  await expect(page.getByTestId('expose-existingGateway')).toHaveValue('bookinfo/bookinfo-gateway');
  await expect(page.getByTestId('apply')).toBeDisabled();
  await expectAccessible(page);
  expect(writes()).toBeGreaterThan(before);

  const gateway = await apiRequest(page, 'GET', `${GW_API}/gateways/bookinfo-gateway`);
  expect(gateway.status).toBe(200);
  expect(gateway.body.spec).toEqual({
    gatewayClassName: 'istio',
    listeners: [
      {
        name: 'http',
        protocol: 'HTTP',
        port: 80,
        allowedRoutes: { namespaces: { from: 'Same' } },
      },
    ],
  });
  expect(gateway.body.status.addresses).toEqual([{ type: 'Hostname', value: address }]);
  const route = await apiRequest(page, 'GET', `${GW_API}/httproutes/productpage-ingress`);
  expect(route.status).toBe(200);
  expect(route.body.spec).toEqual({
    parentRefs: [{ name: 'bookinfo-gateway' }],
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        backendRefs: [{ name: 'productpage', port: 9080 }],
      },
    ],
  });
  const svc = await apiRequest(
    page,
    'GET',
    '/api/v1/namespaces/bookinfo/services/bookinfo-gateway-istio',
  );
  expect(svc.body.spec.type).toBe('LoadBalancer');
});

test('shows an Istio Gateway + VirtualService that exposes the Service, without changing it', async ({
  page,
}) => {
  await open(page, '/service-mesh/traffic/ns/bookinfo/details/expose');
  await expect(page.getByTestId('expose-servicePort')).toBeVisible();
  const NET = '/apis/networking.istio.io/v1/namespaces/bookinfo';
  const gw = await apiRequest(page, 'POST', `${NET}/gateways`, {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'details-gateway', namespace: 'bookinfo' },
    spec: {
      selector: { istio: 'ingressgateway' },
      servers: [
        { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['details.example.com'] },
      ],
    },
  });
  expect(gw.status).toBe(201);
  const vs = await apiRequest(page, 'POST', `${NET}/virtualservices`, {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'details-edge', namespace: 'bookinfo' },
    spec: {
      hosts: ['details.example.com'],
      gateways: ['details-gateway'],
      http: [{ route: [{ destination: { host: 'details', port: { number: 9080 } } }] }],
    },
  });
  expect(vs.status).toBe(201);
  const istio = page.getByTestId('istio-ingress');
  await expect(istio).toContainText(
    'Istio Gateway bookinfo/details-gateway, hosts details.example.com',
  );
  await expect(istio).toContainText('details-edge');
  // The Gateway API form is still offered beside it.
  await expect(page.getByTestId('expose-mode-new')).toBeVisible();
  await expectAccessible(page);
});
