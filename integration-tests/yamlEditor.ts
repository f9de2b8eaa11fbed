import type { Page } from '@playwright/test';

/** The YAML view, once its editor is there (the view is loaded when first opened). */
const shownEditor = async (page: Page) => {
  const editor = page.getByTestId('yaml-editor');
  await editor.locator('textarea[data-test="code-editor"], .monaco-editor').first().waitFor();
  return editor;
};

/** Replaces the YAML view's text: a textarea in our host, Monaco in the console. */
export const setYaml = async (page: Page, text: string) => {
  const editor = await shownEditor(page);
  const textarea = editor.locator('textarea[data-test="code-editor"]');
  if (await textarea.count()) {
    await textarea.fill(text);
    return;
  }
  await editor.locator('.monaco-editor').first().waitFor();
  // As a paste would: the whole text at once (typing would auto-indent and auto-close brackets).
  await page.evaluate((value) => {
    const { monaco } = window as unknown as {
      monaco: { editor: { getModels: () => { setValue: (v: string) => void }[] } };
    };
    monaco.editor.getModels().at(-1)?.setValue(value);
  }, text);
};

/** The YAML view's text, from either editor. */
export const yamlText = async (page: Page): Promise<string> => {
  const editor = await shownEditor(page);
  const textarea = editor.locator('textarea[data-test="code-editor"]');
  if (await textarea.count()) return textarea.inputValue();
  await editor.locator('.monaco-editor').first().waitFor();
  return page.evaluate(() => {
    const { monaco } = window as unknown as {
      monaco: { editor: { getModels: () => { getValue: () => string }[] } };
    };
    return monaco.editor.getModels().at(-1)?.getValue() ?? '';
  });
};
