import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Records a run of `inc` over the inputs, in a process of its own, through the real engine. */
function recordRun(directory: string, label: string, inputs: readonly number[]): void {
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(REPOSITORY_ROOT, 'src-main', 'host', 'testing', 'record-run.ts'),
      directory,
      label,
      ...inputs.map(String),
    ],
    { cwd: REPOSITORY_ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  )
}

/**
 * A fresh storage directory with two runs: inc(1), inc(2) (0 hits, 2 executed), then inc(1),
 * inc(3) (1 hit, 1 executed).
 */
export function createTwoRunWorkspace(): string {
  const directory = mkdtempSync(join(tmpdir(), 'memograph-e2e-'))
  recordRun(directory, 'first run', [1, 2])
  recordRun(directory, 'second run', [1, 3])
  return directory
}

/** Records one more run (inc(1) hits, inc(100) executes) from a separate process, as a CLI
 * run next to the app would. */
export function addRunFromAnotherProcess(directory: string, label: string): void {
  recordRun(directory, label, [1, 100])
}

export function removeWorkspace(directory: string | undefined): void {
  if (directory !== undefined) rmSync(directory, { recursive: true, force: true })
}
