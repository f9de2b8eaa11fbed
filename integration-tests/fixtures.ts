// Fixtures every browser test gets: a preview server per test file (scenario chosen by the
// file) in front of the Playwright project's host (our preview host, or the real OpenShift
// console frontend), a Chromium from npm, and guards that fail a test on any console error,
// uncaught page error, CSP violation, SDK placeholder or plugin load failure.
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
/** Which console the plugin runs in: our preview host, or the real console 4.22 frontend. */
export type HostName = 'preview' | 'console';

type Preview = {
  url: string;
  host: HostName;
  port: number;
  close: () => Promise<void>;
  /** The stand-in cluster, in process: its ordered record of persisted writes. */
  backend: { record: WriteRecord[] };
  /** The stand-in Prometheus, in process: `advance` lets time pass for its series. */
  prometheus: { advance: (seconds: number) => void };
};
type Guards = { consoleErrors: string[]; cspViolations: string[] };

export type PreviewOptions = {
  scenario: string;
  user: string;
  /** Failure injection for the stand-in Kiali: every call fails (500) or answers a wrong shape. */
  observability?: { kiali?: 'error' | 'malformed' };
};

/**
 * What the real console itself logs as errors on the stand-in, each matched on its text and the
 * URL it comes from, and none of it the plugin's. On a real cluster each happens the same way.
 */
const CONSOLE_OWN_ERRORS: { text: RegExp; from: RegExp; why: string }[] = [
  {
    text: /^Failed to load resource/,
    from: /\/api\/kubernetes\/apis\/metal3\.io\/v1alpha1\/provisionings\/provisioning-configuration$/,
    why: 'the bare-metal plugin asks for its Provisioning on every cluster (404 off bare metal)',
  },
  {
    text: /^Failed to load resource/,
    from: /\/api\/kubernetes\/apis\/image\.openshift\.io\/v1\/namespaces\/openshift\/imagestreams\//,
    why: 'the samples operator image streams (the stand-in serves no image.openshift.io)',
  },
  {
    text: /^Failed to load resource/,
    from: /\/api\/console\/crd-columns\/[a-z]+\.undefined$/,
    why: "the console's Service details page asks for printer columns of a core kind (404)",
  },
  {
    text: /^Failed to load resource: the server responded with a status of (403|500)/,
    from: /\/api\/(olm\/check-package-manifests\/|kubernetes\/apis\/config\.openshift\.io\/v1\/infrastructures\/cluster$)/,
    why: 'Lightspeed and vSphere checks a user without cluster read access cannot make',
  },
  {
    text: /^Failed to load resource: the server responded with a status of 403/,
    from: /\/api\/prometheus\/api\/v1\/rules(\?|$)/,
    why: 'the console polls alerting rules cluster-wide, which a project user may not read',
  },
  {
    text: /^Error when reading infrastructure CR/,
    from: /\/static\/vsphere-plugin\//,
    why: 'the vSphere plugin logs the same 403 for users who may not read Infrastructure',
  },
];

export const test = base.extend<
  { guards: Guards; page: Page; allowedConsoleErrors: RegExp[] },
  { previewOptions: PreviewOptions; host: HostName; preview: Preview; browser: Browser }
>({
  previewOptions: [
    { scenario: 'mesh3', user: 'admin' },
    { scope: 'worker', option: true },
  ],
  // Set by the Playwright project (playwright.config.ts).
  host: ['preview', { scope: 'worker', option: true }],
  browser: [
    async ({}, use) => {
      const browser = await chromium.launch(await chromiumLaunchOptions());
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  preview: [
    async ({ previewOptions, host }, use) => {
      // The stand-in's controllers run fast so install steps finish within a test. The CSP is
      // enforced (console 4.22 only reports it) so a violation also breaks what it blocks.
      const preview: Preview = await startPreview({
        port: 0,
        speed: 0.1,
        host,
        // The console build to serve for host 'console' (default ../shared/real-console-4.22/dist).
        consoleDist: process.env.MESH_CONSOLE_DIST,
        csp: 'enforce',
        ...previewOptions,
      });
      await use(preview);
      await preview.close();
    },
    { scope: 'worker' },
  ],
  // Console errors a test provokes on purpose (e.g. refused requests); nothing else passes.
  allowedConsoleErrors: [[], { option: true }],
  guards: async ({}, use) => use({ consoleErrors: [], cspViolations: [] }),
  page: async ({ browser, preview, guards, allowedConsoleErrors }, use) => {
    // en-US: with Chromium's default en-US@posix the console throws "Invalid language tag".
    const context = await browser.newContext({ baseURL: preview.url, locale: 'en-US' });
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
      if (m.type() !== 'error' || allowedConsoleErrors.some((re) => re.test(m.text()))) return;
      const from = m.location().url;
      if (
        preview.host === 'console' &&
        CONSOLE_OWN_ERRORS.some((e) => e.text.test(m.text()) && e.from.test(from))
      ) {
        return;
      }
      guards.consoleErrors.push(from ? `${m.text()} (${from})` : m.text());
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

/**
 * Opens a console path and waits until the plugin has loaded: both hosts load it with
 * @openshift/dynamic-plugin-sdk's PluginStore, which logs this line once the plugin's entry ran.
 */
const pluginLoaded = (page: Page) =>
  page.waitForEvent('console', {
    predicate: (m) => m.text() === 'Plugin mesh-console-plugin has been loaded',
  });

export const open = async (page: Page, path: string) => {
  const loaded = pluginLoaded(page);
  await page.goto(path);
  await loaded;
};

/** Reloads the page and waits until the plugin has loaded again. */
export const reload = async (page: Page) => {
  const loaded = pluginLoaded(page);
  await page.reload();
  await loaded;
};
