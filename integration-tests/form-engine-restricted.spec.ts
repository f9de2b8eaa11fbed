// A user who may read but not write the routing sees the form, and Apply held with the reason.
import { expect, open, test } from './fixtures';

test.use({
  previewOptions: { scenario: 'mesh3', user: 'developer' },
  // Cluster-wide reads this user may not make (the telemetry checks, the console's own polls), and
  // the watch of the Namespace itself (whether it is ambient), which the split form then does
  // without: the browser logs the refused WebSocket whatever the page does with the refusal.
  allowedConsoleErrors: [/status of 403|WebSocket connection .* Unexpected response code: 403/],
});

test('a read-only user: Apply is disabled and says which write is not allowed', async ({
  page,
}) => {
  await open(page, '/service-mesh/traffic/ns/bookinfo/reviews/split');
  await page.getByTestId('weight-v1').fill('80');
  await page.getByTestId('weight-v2').fill('20');
  const denied = page.getByTestId('apply-denied');
  await expect(denied).toContainText(
    'You do not have permission to create DestinationRule bookinfo/reviews.',
  );
  await expect(denied).toContainText('VirtualService bookinfo/reviews');
  await expect(page.getByTestId('apply')).toBeDisabled();
});
