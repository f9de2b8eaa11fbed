import { expectAccessible } from './a11y';
import { expect, open, test } from './fixtures';

test.use({ previewOptions: { scenario: 'empty', user: 'admin' } });

test('the plugin adds a Service Mesh section with an Overview item to the admin navigation', async ({
  page,
}) => {
  await open(page, '/');
  const section = page.getByRole('button', { name: 'Service Mesh' });
  await expect(section).toBeVisible();
  // Sections start collapsed, as in the console.
  await expect(page.getByTestId('nav-service-mesh-overview')).toBeHidden();
  await section.click();
  await page.getByTestId('nav-service-mesh-overview').click();
  await expect(page).toHaveURL(/\/service-mesh\/overview$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Service Mesh overview' }),
  ).toBeVisible();
});

test('with no mesh installed, the overview says so and what to do next', async ({ page }) => {
  await open(page, '/service-mesh/overview');
  await expect(page.getByText('No service mesh is installed')).toBeVisible();
  await expect(
    page.getByText(/Neither the Service Mesh 3 operator nor the Service Mesh 2 operator/),
  ).toBeVisible();
  await expect(
    page.getByText(/Next step: install the Red Hat OpenShift Service Mesh 3 operator/),
  ).toBeVisible();
  // The console appends its product name (OKD here, the preview host "Preview console").
  await expect(page).toHaveTitle(/^Service Mesh overview · /);
  await expectAccessible(page);
});
