import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** The rows of the console's VirtualizedTable (its TableRow marks them so, in both hosts). */
const listRows = (page: Page) => page.locator('[data-test-rows="resource-row"]');

/** Scrolls the list's first or last rendered row into view; true if that brought other rows. */
const scrollTo = async (page: Page, end: 'first' | 'last') => {
  const row = listRows(page)[end]();
  const before = await row.getAttribute('data-index');
  try {
    // To the far edge of the view, not just into it: a last row that is already in view would
    // not scroll the list at all, and the rows after it would never be rendered.
    await row.evaluate(
      (el, block) => el.scrollIntoView({ block: block as ScrollLogicalPosition }),
      end === 'last' ? 'start' : 'end',
      { timeout: 2_000 },
    );
  } catch {
    // The list re-rendered under it (a watch event): the caller looks again.
    return false;
  }
  for (let t = 0; t < 20; t++) {
    if ((await listRows(page)[end]().getAttribute('data-index')) !== before) return true;
    await page.waitForTimeout(50);
  }
  return false;
};

/**
 * The element `testId` inside a row of the page's list, scrolled into view. The console's
 * VirtualizedTable renders only the rows in view (and the plugin fills only theirs), so a row
 * further down exists only once the user scrolls to it: this scrolls down, then up, as they would,
 * until the row is there or 20 s have passed.
 */
export const inListRow = async (page: Page, testId: string): Promise<Locator> => {
  const target = page.getByTestId(testId);
  await listRows(page).first().waitFor();
  // The row may also be on its way (a watch event): look again until the usual timeout.
  for (const deadline = Date.now() + 20_000; !(await target.count()) && Date.now() < deadline;) {
    for (const end of ['last', 'first'] as const) {
      while (!(await target.count()) && (await scrollTo(page, end))) {
        // the next rows are rendered: look again
      }
    }
    if (!(await target.count())) await page.waitForTimeout(200);
  }
  if (await target.count()) await target.scrollIntoViewIfNeeded();
  return target;
};

/**
 * `check` on the element `testId` of a list row, scrolling to the row again until it holds (or
 * 30 s pass). A row's height changes as watch events fill it (a policy listed under a workload),
 * and the virtualized list may then render another window of rows than the one scrolled to.
 */
export const expectInListRow = async (
  page: Page,
  testId: string,
  check: (target: Locator) => Promise<void>,
) => {
  await expect(async () => {
    await check(await inListRow(page, testId));
  }).toPass({ timeout: 30_000 });
};
