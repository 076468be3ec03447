import { expect, type Locator, type Page } from '@playwright/test'

/**
 * Replaces the whole text of the Monaco editor inside `container` the way a user would: select
 * all, then paste from the clipboard (pasting, unlike typing, is not re-indented or
 * auto-closed by the editor).
 */
export async function replaceEditorText(
  page: Page,
  container: Locator,
  text: string,
): Promise<void> {
  const editor = container.locator('.monaco-editor').first()
  await expect(editor).toBeVisible({ timeout: 20_000 })
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  // The callback runs in the page, where `navigator` is the browser's.
  await page.evaluate(
    (value) =>
      (
        globalThis as unknown as {
          navigator: { clipboard: { writeText(text: string): Promise<void> } }
        }
      ).navigator.clipboard.writeText(value),
    text,
  )
  await editor.locator('.view-lines').click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('ControlOrMeta+V')
}

/** The editor's visible text (Monaco renders only the visible lines; fine for short files). */
export async function editorText(container: Locator): Promise<string> {
  const text = await container.locator('.view-lines').first().innerText()
  // Monaco renders spaces as non-breaking spaces.
  return text.replace(/\u00a0/g, ' ')
}
