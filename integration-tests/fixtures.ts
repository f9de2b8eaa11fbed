// Fixtures every browser test gets: a preview server per test file (scenario chosen by the
// file), a Chromium from npm, and guards that fail a test on any console error, uncaught page
// error, CSP violation, SDK placeholder or plugin load failure.
import { test as base, chromium, expect } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { chromiumLaunchOptions } from './browser';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startPreview } = require('../preview/server');

export type WriteRecord = {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  kind: string;
  namespace?: string;
  name: string;
  phase?: string;
};
type Preview = {
  url: string;
  port: number;
  close: () => Promise<void>;
  /** The stand-in cluster, in process: its ordered record of persisted writes. */
  backend: { record: WriteRecord[] };
};
type Guards = { consoleErrors: string[]; cspViolations: string[] };

export type PreviewOptions = {
  scenario: string;
  user: string;
  /** Failure injection for the stand-in Kiali: every call fails (500) or answers a wrong shape. */
  observability?: { kiali?: 'error' | 'malformed' };
};

export const test = base.extend<
  { guards: Guards; page: Page; allowedConsoleErrors: RegExp[] },
  { previewOptions: PreviewOptions; preview: Preview; browser: Browser }
>({
  previewOptions: [
    { scenario: 'mesh3', user: 'admin' },
    { scope: 'worker', option: true },
  ],
  browser: [
    async ({}, use) => {
      const browser = await chromium.launch(await chromiumLaunchOptions());
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  preview: [
    async ({ previewOptions }, use) => {
      // The stand-in's controllers run fast so install steps finish within a test.
      const preview: Preview = await startPreview({ port: 0, speed: 0.1, ...previewOptions });
      await use(preview);
      await preview.close();
    },
    { scope: 'worker' },
  ],
  // Console errors a test provokes on purpose (e.g. refused requests); nothing else passes.
  allowedConsoleErrors: [[], { option: true }],
  guards: async ({}, use) => use({ consoleErrors: [], cspViolations: [] }),
  page: async ({ browser, preview, guards, allowedConsoleErrors }, use) => {
    const context = await browser.newContext({ baseURL: preview.url });
    const page = await context.newPage();
    await page.addInitScript(() => {
      (window as unknown as { __CSP__: string[] }).__CSP__ = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __CSP__: string[] }).__CSP__.push(
          `${e.violatedDirective} ${e.blockedURI}`,
        ),
      );
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && !allowedConsoleErrors.some((re) => re.test(m.text()))) {
        guards.consoleErrors.push(m.text());
      }
    });
    page.on('pageerror', (e) => guards.consoleErrors.push(`uncaught: ${e.message}`));
    await use(page);
    if (!page.isClosed() && page.url().startsWith(preview.url)) {
      const state = await page.evaluate(() => ({
        csp: (window as unknown as { __CSP__?: string[] }).__CSP__ ?? [],
        placeholders:
          (window as unknown as { __PREVIEW_SDK_PLACEHOLDERS__?: string[] })
            .__PREVIEW_SDK_PLACEHOLDERS__ ?? [],
        pluginErrors:
          (window as unknown as { __PREVIEW_PLUGIN_ERRORS__?: string[] })
            .__PREVIEW_PLUGIN_ERRORS__ ?? [],
      }));
      guards.cspViolations.push(...state.csp);
      expect(state.placeholders, 'SDK exports the preview does not implement were used').toEqual(
        [],
      );
      expect(state.pluginErrors, 'plugin load errors').toEqual([]);
    }
    expect(guards.cspViolations, 'CSP violations').toEqual([]);
    expect(guards.consoleErrors, 'browser console errors').toEqual([]);
    await context.close();
  },
});

export { expect };

/** Opens a console path and waits until the plugin has loaded. */
export const open = async (page: Page, path: string) => {
  await page.goto(path);
  await page.waitForFunction(
    () => (window as unknown as { __PREVIEW_READY__?: boolean }).__PREVIEW_READY__ === true,
  );
};
