import { expect, type Locator, type Page } from '@playwright/test'

export type ViewName = 'workspace' | 'runs' | 'graph' | 'query' | 'versions'

export async function openView(page: Page, view: ViewName): Promise<void> {
  await page.getByTestId(`view-tab-${view}`).click()
  await expect(page.getByTestId(`view-${view}`)).toBeVisible()
}

/** Clicks Run in the workspace view and waits until the run has ended (succeeded). */
export async function runCodeAndWait(page: Page, timeout = 60_000): Promise<void> {
  await openView(page, 'workspace')
  const runButton = page.getByTestId('run-button')
  await expect(runButton).toBeEnabled()
  await runButton.click()
  await expect(page.getByTestId('run-result')).toContainText(/succeeded/i, { timeout })
}

/** A row of the runs list by run id. */
export function runRow(page: Page, runId: number): Locator {
  return page.getByTestId(`run-row-${runId}`)
}

export async function runFigures(
  row: Locator,
): Promise<{ hits: number; executed: number; failed: number }> {
  const read = async (id: string) => Number((await row.getByTestId(id).textContent())?.trim())
  return {
    hits: await read('run-hits'),
    executed: await read('run-executed'),
    failed: await read('run-failed'),
  }
}

/** The graph's nodes that stand for op calls (ops or calls), with their outcome attribute. */
export function outcomeNodes(graph: Locator): Locator {
  return graph.locator('[data-testid^="graph-node-"][data-outcome]:not([data-outcome="none"])')
}

export async function waitForGraph(page: Page, scope: Locator | Page = page): Promise<Locator> {
  const graph = scope.getByTestId('run-graph').first()
  await expect(graph).toHaveAttribute('data-layout-state', 'ready', { timeout: 20_000 })
  return graph
}

/** Switches the theme with the app's own toggle (Mod+Shift+L), so every part follows it. */
export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const current = await page.locator('html').getAttribute('data-theme')
  if (current !== theme) await page.keyboard.press('ControlOrMeta+Shift+L')
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
}
