// Keyboard-only flows: the command palette, the shortcuts sheet and the change inbox.
import { expect, test, type Locator } from '@playwright/test'
import { editMajorityVoteOnDisk, useExampleServer } from './helpers/example-server'

test.describe('command palette and shortcuts, keyboard only', () => {
  const example = useExampleServer({ seedRuns: 2, trust: true })

  test('Ctrl+K finds an op and opens it in the graph; Escape gives focus back', async ({
    page,
  }) => {
    await page.goto(example.server().url)
    await expect(page.getByTestId('view-workspace')).toBeVisible()

    await page.getByTestId('view-tab-runs').focus()
    await page.keyboard.press('ControlOrMeta+K')
    const palette = page.getByTestId('command-palette')
    await expect(palette).toBeVisible()
    await expect(page.getByTestId('palette-input')).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(palette).toBeHidden()
    await expect(page.getByTestId('view-tab-runs')).toBeFocused()

    await page.keyboard.press('ControlOrMeta+K')
    await page.keyboard.type('@trainFor')
    const chosen = palette.getByRole('option', { selected: true })
    await expect(chosen).toContainText('trainForest')
    // The matched letters are <mark>ed text, never HTML.
    await expect(chosen.locator('mark').first()).toHaveText(/train/i)
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Home')
    await page.keyboard.press('Enter')
    await expect(palette).toBeHidden()
    await expect(page.getByTestId('view-graph')).toBeVisible()

    await page.keyboard.press('ControlOrMeta+K')
    await page.keyboard.type('#run 1')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('view-runs')).toBeVisible()

    await page.keyboard.press('ControlOrMeta+K')
    await page.keyboard.type('>dark theme')
    await page.keyboard.press('Enter')
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
  })

  test('? lists the shortcuts; Alt+digits switch views', async ({ page }) => {
    await page.goto(example.server().url)
    await expect(page.getByTestId('view-workspace')).toBeVisible()
    await page.keyboard.press('Alt+3')
    await expect(page.getByTestId('view-graph')).toBeVisible()
    await page.keyboard.press('?')
    const sheet = page.getByTestId('shortcuts-sheet')
    await expect(sheet).toBeVisible()
    for (const area of ['General', 'Views', 'Editor', 'Graph', 'Change inbox', 'Query']) {
      await expect(sheet.getByRole('heading', { name: area, exact: true })).toBeVisible()
    }
    await page.keyboard.press('Escape')
    await expect(sheet).toBeHidden()
    await page.keyboard.press('Alt+5')
    await expect(page.getByTestId('view-versions')).toBeVisible()
  })
})

async function isFocused(locator: Locator): Promise<boolean> {
  return (await locator.and(locator.page().locator(':focus')).count()) > 0
}

test.describe('change inbox, keyboard only', () => {
  const example = useExampleServer({ seedRuns: 2, trust: true, prepare: editMajorityVoteOnDisk })

  test('Alt+5, Tab to the proposal, n decides it non-breaking; the log shows it', async ({
    page,
  }) => {
    await page.goto(example.server().url)
    await expect(page.getByTestId('view-tab-versions')).toContainText('1')
    await page.keyboard.press('Alt+5')
    await expect(page.getByTestId('view-versions')).toBeVisible()

    const proposal = page.getByTestId('proposal-0')
    await expect(proposal).toContainText('forest.ts#majorityVote')
    for (let presses = 0; presses < 8; presses++) {
      if (await isFocused(proposal)) {
        break
      }
      await page.keyboard.press('Tab')
    }
    await expect(proposal).toBeFocused()
    await expect(proposal).toHaveAttribute('aria-selected', 'true')
    await expect(page.getByTestId('proposal-diff')).toContainText('votesForOne * 2 > trees', {
      timeout: 20_000,
    })

    await page.keyboard.press('n')
    await expect(page.getByTestId('inbox-empty')).toBeVisible()
    await expect(page.getByTestId('view-tab-versions')).not.toContainText('1')

    // To the decision log by keyboard too: back to the view's tabs, then arrow right.
    const inboxTab = page.getByRole('tab', { name: /change inbox/i })
    for (let presses = 0; presses < 8; presses++) {
      if (await isFocused(inboxTab)) {
        break
      }
      await page.keyboard.press('Shift+Tab')
    }
    await expect(inboxTab).toBeFocused()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await expect(page.getByRole('tab', { name: /decision log/i })).toHaveAttribute(
      'aria-selected',
      'true',
    )
    const view = page.getByTestId('view-versions')
    await expect(view).toContainText('forest.ts#majorityVote')
    await expect(view).toContainText(/non-breaking/i)
  })
})
