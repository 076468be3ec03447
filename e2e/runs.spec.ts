import { request as httpRequest } from 'node:http'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import WebSocket from 'ws'
import { startBrowserMode, type BrowserModeProcess } from './helpers/browser-mode'
import { openView, runFigures, runRow, setTheme } from './helpers/app'
import {
  REPOSITORY_ROOT,
  addRunFromAnotherProcess,
  createTwoRunWorkspace,
  removeWorkspace,
} from './helpers/workspaces'

const SCREENSHOT_DIR = join(REPOSITORY_ROOT, 'test-results', 'screenshots')

/** Opens /api the way a browser would and reports the HTTP status it got (101 = accepted). */
function upgradeStatus(port: number, query: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api${query}`, {
      headers: { Origin: origin },
    })
    socket.once('open', () => {
      socket.close()
      resolve(101)
    })
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0)
      socket.terminate()
    })
    socket.once('error', reject)
  })
}

function httpStatus(port: number, hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, path: '/', headers: { Host: hostHeader } },
      (response) => {
        response.resume()
        resolve(response.statusCode ?? 0)
      },
    )
    request.once('error', reject)
    request.end()
  })
}

test.describe('browser mode: runs list', () => {
  let workspace: string | undefined
  let server: BrowserModeProcess | undefined

  test.beforeAll(async () => {
    workspace = createTwoRunWorkspace()
    server = await startBrowserMode(workspace)
  })

  test.afterAll(async () => {
    const exitCode = await server?.stop()
    removeWorkspace(workspace)
    expect(exitCode, 'the server closes the storage and exits 0 on SIGTERM').toBe(0)
  })

  test('lists both runs, newest first, with their hits and executions', async ({ page }) => {
    await page.goto(server!.url)
    await openView(page, 'runs')
    const rows = page.locator('[data-testid^="run-row-"]')
    await expect(rows).toHaveCount(2)
    await expect(page.getByRole('banner')).toContainText(workspace!.split('/').pop()!)

    await expect(rows.nth(0)).toHaveAttribute('data-testid', 'run-row-2')
    await expect(runRow(page, 2)).toContainText('second run')
    await expect(runRow(page, 2)).toContainText('50%')
    await expect(runRow(page, 2)).toContainText('Succeeded')
    expect(await runFigures(runRow(page, 2))).toEqual({ hits: 1, executed: 1, failed: 0 })
    await expect(runRow(page, 1)).toContainText('first run')
    await expect(runRow(page, 1)).toContainText('0%')
    expect(await runFigures(runRow(page, 1))).toEqual({ hits: 0, executed: 2, failed: 0 })

    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme)
      const path = join(SCREENSHOT_DIR, `runs-browser-mode-${theme}.png`)
      await page.screenshot({ path })
      console.log(`screenshot: ${path}`)
    }
  })

  test('the API refuses connections without the session token or from other origins', async ({
    page,
  }) => {
    const { port, origin, token } = server!
    expect(await upgradeStatus(port, '', origin)).toBe(401)
    expect(await upgradeStatus(port, '?token=wrong', origin)).toBe(401)
    expect(await upgradeStatus(port, `?token=${token}`, 'http://evil.example')).toBe(403)
    expect(await upgradeStatus(port, `?token=${token}`, origin)).toBe(101)
    expect(await httpStatus(port, `rebound.example:${port}`)).toBe(403)

    // The page itself loads without the token, then explains what is missing.
    await page.goto(`${origin}/`)
    await expect(page.getByRole('alert')).toContainText('session token')
    await expect(page.getByRole('alert')).toContainText('host.badRequest')
  })

  test('opening a folder that does not exist shows the error and its code', async ({ page }) => {
    await page.goto(server!.url)
    await openView(page, 'runs')
    await expect(page.locator('[data-testid^="run-row-"]')).toHaveCount(2)
    await page.getByLabel('Workspace folder').fill('/no/such/memograph/folder')
    await page.getByRole('button', { name: 'Open', exact: true }).click()
    const alert = page.getByRole('alert')
    await expect(alert).toContainText('No folder at /no/such/memograph/folder')
    await expect(alert).toContainText('host.badRequest')
    // The open workspace stays open.
    await expect(page.locator('[data-testid^="run-row-"]')).toHaveCount(2)
  })
})

test.describe('browser mode: live updates', () => {
  let workspace: string | undefined
  let server: BrowserModeProcess | undefined

  test.beforeAll(async () => {
    workspace = createTwoRunWorkspace()
    server = await startBrowserMode(workspace)
  })

  test.afterAll(async () => {
    await server?.stop()
    removeWorkspace(workspace)
  })

  test('a run committed by another process appears without a reload', async ({ page }) => {
    await page.goto(server!.url)
    await openView(page, 'runs')
    const rows = page.locator('[data-testid^="run-row-"]')
    await expect(rows).toHaveCount(2)

    addRunFromAnotherProcess(workspace!, 'run from the CLI')

    await expect(rows).toHaveCount(3, { timeout: 10_000 })
    await expect(rows.nth(0)).toHaveAttribute('data-testid', 'run-row-3')
    await expect(runRow(page, 3)).toContainText('run from the CLI')
    expect(await runFigures(runRow(page, 3))).toEqual({ hits: 1, executed: 1, failed: 0 })
  })
})
