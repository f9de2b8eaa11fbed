import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * No serious or critical accessibility violation in the page's main region as it is now: what
 * the plugin renders. The masthead and navigation around it belong to the host (the real
 * console's own have findings of their own, e.g. its user menu's label).
 */
export const expectAccessible = async (page: Page) => {
  const results = await new AxeBuilder({ page })
    .include('main')
    // The console's own badge colour for Service (#6ca100) gives its white text 2.9:1; the badge
    // is the console's ResourceLink and the colour the console's stylesheet, not ours to set.
    .exclude('.co-m-resource-service')
    // The console's YAML editor (Monaco) colours tokens with the console's own editor theme.
    .exclude('.monaco-editor')
    .analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
};
