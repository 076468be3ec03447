import { expect, test } from '@playwright/test'
import {
  openView,
  outcomeNodes,
  runCodeAndWait,
  runFigures,
  runRow,
  setTheme,
  waitForGraph,
} from './helpers/app'
import { screenshotFolder } from './helpers/screenshots'
import { useExampleServer } from './helpers/example-server'

// Job 1: run history and cache hits. A new project is run twice from the app; the second run
// is all hits, in the runs list and in its call graph.
test.describe('job 1: run history with cache hits', () => {
  const example = useExampleServer({ seedRuns: 0, trust: true })

  test('run the random-forest example twice: the second run is all hits', async ({ page }) => {
    test.setTimeout(120_000)
    const shot = screenshotFolder('job1-run-history')
    await page.goto(example.server().url)

    await runCodeAndWait(page)
    await expect(page.getByTestId('run-console')).toContainText('forest accuracy')
    await shot(page, '01-first-run-workspace')
    await runCodeAndWait(page)

    await openView(page, 'runs')
    await expect(page.locator('[data-testid^="run-row-"]')).toHaveCount(2)
    const first = await runFigures(runRow(page, 1))
    const second = await runFigures(runRow(page, 2))
    expect(first.executed, 'the first run computes everything').toBeGreaterThan(0)
    // Top-level calls hit, so the ops they call inside (trainTree) do not even run.
    expect(second.executed).toBe(0)
    expect(second.failed).toBe(0)
    expect(second.hits).toBeGreaterThan(0)

    await runRow(page, 2).click()
    const graph = await waitForGraph(page, page.getByTestId('view-runs'))
    const nodes = outcomeNodes(graph)
    expect(await nodes.count(), 'an op node per op of the example').toBeGreaterThanOrEqual(3)
    for (const node of await nodes.all()) {
      await expect(node).toHaveAttribute('data-outcome', 'hit')
      await expect(node).toHaveAttribute('aria-label', /cache hit/)
    }
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme)
      await shot(page, `02-second-run-all-hits-${theme}`)
    }

    // The first run, for contrast: everything executed (trainTree also hit where forests
    // shared trees).
    await runRow(page, 1).click()
    const firstGraph = await waitForGraph(page, page.getByTestId('view-runs'))
    for (const node of await outcomeNodes(firstGraph).all()) {
      await expect(node).toHaveAttribute('data-outcome', /^(executed|mixed)$/)
    }
    await shot(page, '03-first-run-executed-dark')
  })
})
