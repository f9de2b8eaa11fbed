// Every sentence the plugin shows goes through its locale. The console is switched to a test
// locale: the plugin's catalogue served with every letter marked (a combining accent after each
// ASCII letter, placeholders and markup left intact), so a translated sentence reads "Ṫh́é…"
// and one that bypassed t() (a check's English message, a summary built in src/mesh, a key
// missing from the catalogue) stays plain ASCII. The pages are driven into states that show
// problems, summaries and warnings, and no run of three plain English words may remain.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, open, test } from './fixtures';

test.use({ previewOptions: { scenario: 'mesh3', user: 'admin' } });

const NS = 'plugin__mesh-console-plugin';
const catalogue = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'locales', 'en', `${NS}.json`), 'utf8'),
) as Record<string, string>;

/** Marks the letters of a catalogue value, leaving `{{params}}` and `<0>markup</0>` as they are. */
const pseudo = (value: string): string =>
  value
    .split(/(\{\{[^}]*\}\}|<\/?\d+>|<\/?[a-z]+\s*\/?>)/)
    .map((part, i) => (i % 2 ? part : part.replace(/[A-Za-z]/g, (c) => `${c}\u0301`)))
    .join('');

const useTestLocale = async (page: Page) => {
  const marked = Object.fromEntries(Object.entries(catalogue).map(([k, v]) => [k, pseudo(v)]));
  await page.route(
    (url) => url.pathname.endsWith('/locales/resource.json') && url.searchParams.get('ns') === NS,
    (route) => route.fulfill({ json: marked }),
  );
};

// Three or more words of plain ASCII letters in a row: a sentence no translation touched. Names
// from the cluster (reviews-v2, cluster.local/ns/bookinfo/sa/ratings, v1 90%) never make three
// such words: only spaces and punctuation between words count as separators.
const ENGLISH = /\b[A-Za-z]{2,}(?:[ ,;:'’()]+[A-Za-z]{2,}\b){2,}/;

// Objects shown as written (YAML, diffs, code editors) are the cluster's data, not our words.
const DATA = 'pre, code, textarea, .monaco-editor, [data-test^="diff-"], [data-test^="yaml-"]';

/** The plugin page's texts (not the console's masthead or navigation) still in English. */
const untranslated = async (page: Page): Promise<string[]> => {
  const texts = await page
    .locator('main')
    .first()
    .evaluate((main, data) => {
      const out: string[] = [];
      const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.parentElement?.closest(data)) out.push(n.textContent ?? '');
      }
      // Attributes a user meets too: placeholders, and the labels screen readers announce.
      main.querySelectorAll('[placeholder], [aria-label]').forEach((el) => {
        if (el.closest(data)) return;
        out.push(el.getAttribute('placeholder') ?? '', el.getAttribute('aria-label') ?? '');
      });
      return out;
    }, DATA);
  return texts.map((t) => t.trim()).filter((t) => ENGLISH.test(t));
};

const expectAllTranslated = async (page: Page, where: string) => {
  expect(await untranslated(page), `English left on ${where}`).toEqual([]);
};

test.beforeEach(async ({ page }) => {
  await useTestLocale(page);
});

test('traffic pages and forms show no untranslated sentence, problems included', async ({
  page,
}) => {
  await open(page, '/service-mesh/traffic');
  await expect(page.getByTestId('routing-bookinfo-details')).toBeVisible();
  await expectAllTranslated(page, 'the traffic list');

  await open(page, '/service-mesh/traffic/ns/bookinfo/reviews/split');
  await page.getByTestId('weight-v1').fill('70');
  await page.getByTestId('weight-v2').fill('20');
  await expect(page.getByTestId('validation-issue').first()).toBeVisible();
  await expectAllTranslated(page, 'the split form with weights summing to 90');
  for (const v of ['v1', 'v2', 'v3']) await page.getByTestId(`weight-${v}`).fill('0');
  await expect(page.getByTestId('apply')).toBeDisabled();
  await expectAllTranslated(page, 'the split form with every weight 0');

  await open(page, '/service-mesh/traffic/ns/bookinfo/reviews/circuit-breaker');
  await page.getByTestId('cb-maxEjectionPercent').fill('150');
  await page.getByTestId('cb-maxConnections').fill('lots');
  await expect(page.getByTestId('apply')).toBeDisabled();
  await expectAllTranslated(page, 'the circuit breaker form with bad values');

  await open(page, '/service-mesh/traffic/ns/bookinfo/reviews/match-routing');
  await page.getByTestId('add-rule').click();
  await page.getByTestId('rule-name-0').fill('Not A Name');
  await page.getByTestId('cond-0-0-kind').selectOption('header');
  await page.getByTestId('cond-0-0-name').fill('bad header!');
  await expect(page.getByTestId('apply')).toBeDisabled();
  await expectAllTranslated(page, 'the A/B routing form with a bad rule');

  await open(page, '/service-mesh/traffic/ns/bookinfo/details/resilience');
  await page.getByTestId('res-timeout').fill('1.5ms');
  await page.getByTestId('res-delay').fill('2s');
  await page.getByTestId('res-delayPercent').fill('150');
  await expect(page.getByTestId('res-timeout-help')).toBeVisible();
  await expectAllTranslated(page, 'the resilience form with bad values');
});

test('security pages and forms show no untranslated sentence, summaries included', async ({
  page,
}) => {
  await open(page, '/service-mesh/security/ns/bookinfo');
  await expect(page.getByTestId('security-table')).toBeVisible();
  await expectAllTranslated(page, 'the security page');

  await open(page, '/service-mesh/security/ns/bookinfo/mtls');
  await page.getByTestId('mtls-mode-STRICT').check();
  await expectAllTranslated(page, 'the mTLS form set to STRICT');

  await open(page, '/service-mesh/security/ns/bookinfo/workloads/ratings-v1/authorization');
  await page.getByTestId('authz-method-GET').check();
  await page.getByTestId('authz-paths').fill('reviews');
  await expect(page.getByTestId('authz-paths-issue')).toBeVisible();
  await expectAllTranslated(page, 'the allowed-callers form with problems');
  await page.getByTestId('caller-bookinfo-productpage-v1').getByRole('checkbox').check();
  await page.getByTestId('authz-paths').fill('/reviews/*');
  await expect(page.getByTestId('policy-summary')).toBeVisible();
  await expectAllTranslated(page, 'the allowed-callers form with its summary');

  await open(page, '/service-mesh/security/ns/bookinfo/jwt');
  await page.getByTestId('jwt-issuer').fill('https://sso.example.com/realms/books');
  await page.getByTestId('jwt-jwksUri').fill('http://sso.example.com/certs');
  await page.getByTestId('jwt-require').check();
  await expectAllTranslated(page, 'the JWT form');
});
