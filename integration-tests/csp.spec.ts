import { expect, open, test } from './fixtures';

test.describe('enforcement', () => {
  // The violations provoked below are also logged to the browser console by Chromium.
  test.use({ allowedConsoleErrors: [/violates the following Content Security Policy directive/] });

  // Console 4.22 sends its policy Report-Only; the browser tests enforce the same directives so
  // whatever the policy would block is also seen broken.
  test('the console Content-Security-Policy is enforced in the tests', async ({
    page,
    preview,
  }) => {
    const response = await page.request.get(`${preview.url}/service-mesh/overview`);
    const csp = response.headers()['content-security-policy'];
    expect(csp).toContain("frame-src 'none'");
    expect(csp).toMatch(/script-src 'self' console\.redhat\.com[^;]* 'unsafe-eval' 'nonce-[^']+'/);
    expect(response.headers()['content-security-policy-report-only']).toBeUndefined();

    await open(page, '/service-mesh/overview');
    const blocked = await page.evaluate(async () => {
      const w = window as unknown as { __CSP__: string[]; __inlineRan?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.appendChild(script);
      const frame = document.createElement('iframe');
      frame.src = '/';
      document.body.appendChild(frame);
      await new Promise((r) => setTimeout(r, 300));
      const violations = [...w.__CSP__];
      w.__CSP__.length = 0; // these violations were provoked on purpose
      frame.remove();
      return { ran: w.__inlineRan === true, violations };
    });
    expect(blocked.ran).toBe(false);
    expect(blocked.violations.some((v) => v.startsWith('script-src'))).toBe(true);
    expect(blocked.violations.some((v) => v.startsWith('frame-src'))).toBe(true);
  });
});

test('plugin assets are served as the console bridge serves them', async ({ page, preview }) => {
  const manifest = await page.request.get(
    `${preview.url}/api/plugins/mesh-console-plugin/plugin-manifest.json`,
  );
  expect(manifest.headers()['cache-control']).toBe('no-cache');
  const { loadScripts } = await manifest.json();
  const entry = await page.request.get(
    `${preview.url}/api/plugins/mesh-console-plugin/${loadScripts[0]}`,
  );
  expect(entry.headers()['content-type']).toContain('application/javascript');
  expect(entry.headers()['x-content-type-options']).toBe('nosniff');
});
