// Every sentence the plugin shows goes through its locale. The console is switched to a test
// locale: the plugin's catalogue served with every letter marked (a combining accent after each
// ASCII letter, placeholders and markup left intact), so a translated sentence reads "Ṫh́é…"
// and one that bypassed t() (a check's English message, a summary built in src/mesh, a key
// missing from the catalogue) stays plain ASCII. The pages are driven into states that show
// problems, summaries and warnings (the specs test-locale*.spec.ts), and no run of three plain
// English words may remain.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

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

/**
 * Serves every catalogue marked: the plugin's from the repository (what the build ships), and
 * the console's own (the real console 4.22 loads its `public`, `console-shared`, … namespaces for
 * the banner, list headers and filters it draws inside our pages) as the host sends them.
 */
export const useTestLocale = async (page: Page) => {
  const marked = Object.fromEntries(Object.entries(catalogue).map(([k, v]) => [k, pseudo(v)]));
  await page.route(
    (url) => url.pathname.endsWith('/locales/resource.json'),
    async (route) => {
      if (new URL(route.request().url()).searchParams.get('ns') === NS) {
        return route.fulfill({ json: marked });
      }
      const response = await route.fetch();
      if (!response.ok()) return route.fulfill({ response });
      const json = (await response.json()) as Record<string, unknown>;
      return route.fulfill({
        response,
        json: Object.fromEntries(
          Object.entries(json).map(([k, v]) => [k, typeof v === 'string' ? pseudo(v) : v]),
        ),
      });
    },
  );
};

// Three or more words of plain ASCII letters in a row: a sentence no translation touched. Names
// from the cluster (reviews-v2, cluster.local/ns/bookinfo/sa/ratings, v1 90%) never make three
// such words: only spaces and punctuation between words count as separators.
const ENGLISH = /\b[A-Za-z]{2,}(?:[ ,;:'’()]+[A-Za-z]{2,}\b){2,}/;

// Objects shown as written (YAML, diffs, code editors) are the cluster's data, not our words;
// text marked translate="no" is another system's (Kiali's own check messages).
const DATA =
  'pre, code, textarea, .monaco-editor, [data-test^="diff-"], [data-test^="yaml-"], [translate="no"]';

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

export const expectAllTranslated = async (page: Page, where: string) => {
  expect(await untranslated(page), `English left on ${where}`).toEqual([]);
};
