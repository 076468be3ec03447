import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { openView, setTheme, waitForGraph, type ViewName } from './helpers/app'
import { screenshotFolder } from './helpers/screenshots'
import { editMajorityVoteOnDisk, useExampleServer } from './helpers/example-server'

const VIEWS: readonly ViewName[] = ['workspace', 'runs', 'graph', 'query', 'versions']

// Every view in both themes, on the example with history and one pending change, plus
// accessibility checks of the graph (axe, and outcome words on every node).
test.describe('views', () => {
  const example = useExampleServer({ seedRuns: 2, trust: true, prepare: editMajorityVoteOnDisk })

  test('each view in light and dark', async ({ page }) => {
    test.setTimeout(120_000)
    const shot = screenshotFolder('views')
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.goto(example.server().url)
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme)
      for (const view of VIEWS) {
        await openView(page, view)
        if (view === 'workspace') {
          await expect(page.getByTestId('workspace-editor').locator('.view-lines')).toBeVisible({
            timeout: 20_000,
          })
        }
        if (view === 'runs' || view === 'graph') {
          await waitForGraph(page, page.getByTestId(`view-${view}`))
        }
        if (view === 'versions') {
          await expect(page.getByTestId('proposal-diff')).toContainText('votesForOne', {
            timeout: 20_000,
          })
        }
        await shot(page, `${view}-${theme}`)
      }
    }
  })

  test('graph nodes say their outcome in words, and axe finds no violations', async ({ page }) => {
    await page.goto(example.server().url)
    await openView(page, 'graph')
    const graph = await waitForGraph(page, page.getByTestId('view-graph'))
    const nodes = graph.locator('[data-testid^="graph-node-"]')
    expect(await nodes.count()).toBeGreaterThan(3)
    for (const node of await nodes.all()) {
      const outcome = await node.getAttribute('data-outcome')
      const label = (await node.getAttribute('aria-label')) ?? ''
      if (outcome === 'hit') expect(label).toMatch(/cache hit/)
      if (outcome === 'executed') expect(label).toMatch(/executed/)
    }
    const results = await new AxeBuilder({ page })
      .include('[data-testid="view-graph"]')
      .withTags(['wcag2a', 'wcag2aa'])
      .analyze()
    const problems = results.violations.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    )
    expect(problems).toEqual([])
  })
})
