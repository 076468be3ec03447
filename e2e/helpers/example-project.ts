import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPOSITORY_ROOT } from './workspaces'

export interface ExampleProject {
  /** The project folder (code + `.memograph/`), what the app opens. */
  readonly dir: string
  /** Per-user settings for the server under test (see BrowserModeOptions.configDir). */
  readonly configDir: string
  remove(): void
}

/** Runs the project's main.ts through the real CLI and runner, as a user would. */
export function runExampleFromCli(project: ExampleProject, label = 'main.ts'): void {
  execFileSync(
    process.execPath,
    [
      join(REPOSITORY_ROOT, 'src-main', 'cli', 'bin.mjs'),
      'run',
      join(project.dir, 'main.ts'),
      '--workspace',
      join(project.dir, '.memograph'),
      '--label',
      label,
    ],
    { cwd: REPOSITORY_ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  )
}

/**
 * A fresh copy of the bundled random-forest example in a temporary folder, with `seedRuns`
 * runs already recorded by the CLI.
 */
export function createExampleProject(seedRuns: number): ExampleProject {
  const root = mkdtempSync(join(tmpdir(), 'memograph-e2e-example-'))
  const dir = join(root, 'random-forest')
  cpSync(join(REPOSITORY_ROOT, 'resources', 'examples', 'random-forest'), dir, {
    recursive: true,
  })
  mkdirSync(join(dir, '.memograph'))
  const configDir = join(root, 'config')
  mkdirSync(configDir)
  const project: ExampleProject = {
    dir,
    configDir,
    remove: () => rmSync(root, { recursive: true, force: true }),
  }
  for (let run = 1; run <= seedRuns; run++) runExampleFromCli(project)
  return project
}
