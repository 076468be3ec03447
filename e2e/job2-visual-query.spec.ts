import { expect, test, type Locator, type Page } from '@playwright/test'
import { openView, setTheme } from './helpers/app'
import { editorText, replaceEditorText } from './helpers/monaco'
import { screenshotFolder } from './helpers/screenshots'
import { useExampleServer } from './helpers/example-server'

/** Drags from a port onto an empty spot of the canvas, `dx` pixels to its right. */
async function dragPortToEmptySpace(page: Page, port: Locator, dx: number, dy = 0): Promise<void> {
  const box = await port.boundingBox()
  if (box === null) throw new Error('the port is not visible')
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  await page.mouse.move(x, y)
  await page.mouse.down()
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 })
  await page.mouse.move(x + dx, y + dy, { steps: 5 })
  await page.mouse.up()
}

async function pickOp(page: Page, op: string): Promise<void> {
  const picker = page.getByTestId('op-picker')
  await expect(picker).toBeVisible()
  await page.getByTestId('op-picker-search').fill(op)
  await expect(picker.getByRole('option').first()).toContainText(op)
  await page.keyboard.press('Enter')
  await expect(picker).toBeHidden()
}

// Job 2: query by drawing. generateData → trainForest → evalForest is drawn on the canvas with
// nTrees free; the table has the four forests; the same pattern shows as code; pinning nTrees
// to 10 in the code updates the canvas and the table.
test.describe('job 2: visual query', () => {
  const example = useExampleServer({ seedRuns: 1 })

  test('draw generateData → trainForest → evalForest, then pin nTrees in the code', async ({
    page,
  }) => {
    test.setTimeout(120_000)
    const shot = screenshotFolder('job2-visual-query')
    await page.goto(example.server().url)
    await openView(page, 'query')
    const canvas = page.getByTestId('query-canvas')

    await page.getByRole('button', { name: /add op/i }).click()
    await pickOp(page, 'generateData')
    const generate = canvas.locator('[data-testid^="pattern-op-"]', { hasText: 'generateData' })
    await expect(generate).toBeVisible()

    await dragPortToEmptySpace(page, generate.locator('[data-testid$="-out-X"]'), 260)
    await pickOp(page, 'trainForest')
    const train = canvas.locator('[data-testid^="pattern-op-"]', { hasText: 'trainForest' })
    await expect(train).toBeVisible()

    await dragPortToEmptySpace(page, train.locator('[data-testid*="-out-"]').first(), 260)
    await pickOp(page, 'evalForest')
    await expect(
      canvas.locator('[data-testid^="pattern-op-"]', { hasText: 'evalForest' }),
    ).toBeVisible()

    const nTrees = canvas.getByTestId('pattern-var-nTrees')
    await expect(nTrees).toBeVisible()
    await expect(page.getByTestId('query-row-count')).toHaveText(/^4 rows/, { timeout: 20_000 })
    await expect(page.getByTestId('query-results').getByRole('row')).toHaveCount(5) // header + 4

    const code = page.getByTestId('query-code')
    await expect(code).toContainText('const nTrees = q.any()', { timeout: 20_000 })
    await expect(code).toContainText('trainForest(')
    await expect(code).toContainText('evalForest(')
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme)
      await shot(page, `01-drawn-pattern-4-rows-${theme}`)
    }
    await setTheme(page, 'light')

    const text = await editorText(code)
    expect(text).toContain('const nTrees = q.any()')
    await replaceEditorText(
      page,
      code,
      text.replace('const nTrees = q.any()', 'const nTrees = q.value(10)'),
    )
    await expect(nTrees).toContainText('10', { timeout: 20_000 })
    await expect(page.getByTestId('query-row-count')).toHaveText(/^2 rows/, { timeout: 20_000 })
    await expect(page.getByTestId('query-results').getByRole('row')).toHaveCount(3)
    await shot(page, '02-pinned-nTrees-2-rows')
  })
})
