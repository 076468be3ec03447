import { defineConfig } from '@playwright/test'

/**
 * e2e against the built app (`npm run build` first; `npm run test:e2e` does both). Browser mode
 * runs in Debian's Chromium; the Electron spec runs wherever the Electron binary exists.
 */
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  timeout: 60_000,
  // Each spec starts its own server on a free port; one worker keeps a 2-core machine calm.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  outputDir: '../test-results/playwright',
  reporter: [['list'], ['./summary-reporter.ts']],
  use: {
    browserName: 'chromium',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
})
