import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** src-main/tools/ → the repository root. */
export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface ExampleWorkspace {
  /** The project folder the app opens: `.memograph-example/random-forest/`. */
  readonly projectDir: string
  /** Its storage: `<projectDir>/.memograph/`. */
  readonly storageDir: string
  /** The bundled example it was copied from (may not exist in early checkouts). */
  readonly sourceDir: string
  /** True when this call created the project folder. */
  readonly created: boolean
}

/**
 * Makes sure the example project exists as a gitignored working copy, so running it never
 * touches the files under resources/. Seeding (running the example script to fill the
 * storage) is a separate step.
 */
export function ensureExampleWorkspace(repositoryRoot = REPOSITORY_ROOT): ExampleWorkspace {
  const sourceDir = join(repositoryRoot, 'resources', 'examples', 'random-forest')
  const projectDir = join(repositoryRoot, '.memograph-example', 'random-forest')
  const storageDir = join(projectDir, '.memograph')
  const created = !existsSync(projectDir)
  if (created) {
    if (existsSync(sourceDir)) cpSync(sourceDir, projectDir, { recursive: true })
    else mkdirSync(projectDir, { recursive: true })
  }
  // An empty storage folder marks this as a project folder; the engine initializes it on open.
  mkdirSync(storageDir, { recursive: true })
  return { projectDir, storageDir, sourceDir, created }
}

/**
 * Fills a new example storage with two runs of the example script through the CLI, so the app
 * opens on real history: the first run executes, the second is all hits.
 */
export function seedExampleWorkspace(
  example: ExampleWorkspace,
  repositoryRoot = REPOSITORY_ROOT,
): void {
  if (existsSync(join(example.storageDir, 'FORMAT'))) return
  const script = join(example.projectDir, 'main.ts')
  if (!existsSync(script)) return
  const cli = join(repositoryRoot, 'src-main', 'cli', 'bin.mjs')
  for (let run = 1; run <= 2; run++) {
    const result = spawnSync(
      process.execPath,
      [cli, 'run', script, '--workspace', example.storageDir, '--label', 'main.ts'],
      {
        cwd: repositoryRoot,
        stdio: 'inherit',
      },
    )
    if (result.status !== 0) {
      console.error(
        `memograph: seeding the example workspace failed (run ${run}); it opens without runs.`,
      )
      return
    }
  }
}
