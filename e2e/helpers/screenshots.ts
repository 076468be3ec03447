import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Page } from '@playwright/test'
import { REPOSITORY_ROOT } from './workspaces'

export const SCREENSHOT_ROOT = join(REPOSITORY_ROOT, 'test-results', 'screenshots')

/** Saves screenshots of one scenario into test-results/screenshots/<scenario>/, printing the folder. */
export function screenshotFolder(scenario: string): (page: Page, name: string) => Promise<void> {
  const folder = join(SCREENSHOT_ROOT, scenario)
  mkdirSync(folder, { recursive: true })
  console.log(`screenshots: ${folder}`)
  return async (page, name) => {
    await page.screenshot({ path: join(folder, `${name}.png`) })
  }
}
