import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { openView, outcomeNodes, runFigures, runRow, setTheme, waitForGraph } from './helpers/app'
import {
  MAJORITY_VOTE_AFTER,
  MAJORITY_VOTE_BEFORE,
  useExampleServer,
} from './helpers/example-server'
import { replaceEditorText } from './helpers/monaco'
import { screenshotFolder } from './helpers/screenshots'

// Job 3: approving a dependency change. A helper only evalForest uses is edited in the app's
// editor; the run asks, the inbox shows the diff, the user marks it breaking, and only
// evalForest executes again.
test.describe('job 3: change approval', () => {
  const example = useExampleServer({ seedRuns: 2, trust: true })

  test('edit a helper, run, mark the proposal breaking: only the dependent op re-executes', async ({
    page,
  }) => {
    test.setTimeout(120_000)
    const shot = screenshotFolder('job3-change-approval')
    await page.goto(example.server().url)
    await openView(page, 'workspace')

    await page.getByTestId('file-item-forest.ts').click()
    const editor = page.getByTestId('workspace-editor')
    // Monaco draws only the lines in view; the top of forest.ts says it is open.
    await expect(editor).toContainText('do-it-yourself random forest', { timeout: 20_000 })
    const source = readFileSync(join(example.project().dir, 'forest.ts'), 'utf8')
    expect(source).toContain(MAJORITY_VOTE_BEFORE)
    await replaceEditorText(page, editor, source.replace(MAJORITY_VOTE_BEFORE, MAJORITY_VOTE_AFTER))
    await shot(page, '01-helper-edited')

    await page.getByTestId('run-button').click()
    // The run stops at the change and waits for a decision.
    await expect(page.getByTestId('view-tab-versions')).toContainText('1', { timeout: 30_000 })
    expect(readFileSync(join(example.project().dir, 'forest.ts'), 'utf8')).toContain(
      MAJORITY_VOTE_AFTER,
    )

    await openView(page, 'versions')
    const inbox = page.getByTestId('change-inbox')
    await expect(inbox.getByTestId('proposal-0')).toContainText('forest.ts#majorityVote')
    await expect(inbox).toContainText('evalForest')
    const diff = page.getByTestId('proposal-diff')
    await expect(diff).toContainText('votesForOne * 2 > trees', { timeout: 20_000 })
    const preview = await waitForGraph(page, page.getByTestId('view-versions'))
    await expect(preview.locator('[aria-label*="would recompute"]').first()).toBeVisible()
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme)
      await shot(page, `02-inbox-with-diff-${theme}`)
    }
    await setTheme(page, 'light')

    await page.getByTestId('decide-breaking').click()
    await openView(page, 'workspace')
    await expect(page.getByTestId('run-result')).toContainText(/succeeded/i, { timeout: 60_000 })

    await openView(page, 'runs')
    await expect(page.locator('[data-testid^="run-row-"]')).toHaveCount(3)
    // Four forests are evaluated again; their data and training are hits.
    expect(await runFigures(runRow(page, 3))).toEqual({ hits: 6, executed: 4, failed: 0 })
    await runRow(page, 3).click()
    const graph = await waitForGraph(page, page.getByTestId('view-runs'))
    for (const node of await outcomeNodes(graph).all()) {
      const label = (await node.getAttribute('aria-label')) ?? ''
      const expected = label.includes('evalForest') ? 'executed' : 'hit'
      await expect(node, label).toHaveAttribute('data-outcome', expected)
    }
    await shot(page, '03-only-evalForest-executed')

    await openView(page, 'versions')
    await page.getByRole('tab', { name: /decision/i }).click()
    await expect(page.getByTestId('view-versions')).toContainText('forest.ts#majorityVote')
    await shot(page, '04-decision-log')
  })
})
