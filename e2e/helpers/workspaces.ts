import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

function runFixture(script: string, ...args: string[]): void {
  execFileSync(
    process.execPath,
    ['--import', 'tsx', join(REPOSITORY_ROOT, 'e2e', 'fixtures', script), ...args],
    {
      cwd: REPOSITORY_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  )
}

/** A fresh storage directory holding the two runs of fixtures/make-two-runs.ts. */
export function createTwoRunWorkspace(): string {
  const directory = mkdtempSync(join(tmpdir(), 'memograph-e2e-'))
  runFixture('make-two-runs.ts', directory)
  return directory
}

/** Records one more run from a separate process, as a CLI run next to the app would. */
export function addRunFromAnotherProcess(directory: string, label: string): void {
  runFixture('add-run.ts', directory, label)
}

export function removeWorkspace(directory: string | undefined): void {
  if (directory !== undefined) rmSync(directory, { recursive: true, force: true })
}
