import { type Locator, type Page } from '@playwright/test'

/** The runs table, found the way a screen reader user would: by its caption. */
export function runsTable(page: Page): Locator {
  return page.getByRole('table', { name: /^Runs/ })
}

/** Every body row as { column header → cell text }, top to bottom. */
export async function readRunRows(table: Locator): Promise<Record<string, string>[]> {
  // textContent, not innerText: the headers are upper-cased by CSS only.
  const headers = await table.locator('thead th').allTextContents()
  const rows: Record<string, string>[] = []
  for (const row of await table.locator('tbody tr').all()) {
    const cells = await row.locator('th, td').allTextContents()
    rows.push(
      Object.fromEntries(
        headers.map((header, index) => [header.trim(), (cells[index] ?? '').trim()]),
      ),
    )
  }
  return rows
}
