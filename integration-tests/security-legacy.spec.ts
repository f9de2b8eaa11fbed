import { expectAccessible } from './a11y';
import { apiRequest } from './api';
import { expect, open, test } from './fixtures';
import { inListRow } from './lists';

// Service Mesh 2.6 serves PeerAuthentication only as security.istio.io/v1beta1.
test.use({ previewOptions: { scenario: 'mesh2', user: 'admin' } });

test('on Service Mesh 2.6 the namespace mTLS form writes PeerAuthentication v1beta1', async ({
  page,
  preview,
}) => {
  await open(page, '/service-mesh/security/ns/bookinfo/mtls');
  await page.getByTestId('mtls-mode-STRICT').check();
  await expect(page.getByTestId('diff-peerauthentication')).toContainText('mode: STRICT');
  await page.getByTestId('apply').click();

  const path = '/apis/security.istio.io/v1beta1/namespaces/bookinfo/peerauthentications/default';
  // Wait on the stand-in's write record: polling the API would log 404s until the write lands.
  await expect
    .poll(() => preview.backend.record.some((r) => r.kind === 'PeerAuthentication'))
    .toBe(true);
  const pa = (await apiRequest(page, 'GET', path)).body;
  expect(pa.apiVersion).toBe('security.istio.io/v1beta1');
  expect(pa.spec).toEqual({ mtls: { mode: 'STRICT' } });

  await open(page, '/service-mesh/security/ns/bookinfo');
  await expect(await inListRow(page, 'mtls-reviews-v1')).toContainText(
    'STRICT from namespace policy default',
  );
  await expectAccessible(page);
});
