import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from '@playwright/test'
import { startBrowserMode, type BrowserModeProcess } from './browser-mode'
import { createExampleProject, type ExampleProject } from './example-project'

/** The helper only evalForest uses, before and after the edit the change-approval tests make. */
export const MAJORITY_VOTE_BEFORE = 'return votesForOne * 2 >= trees ? 1 : 0'
export const MAJORITY_VOTE_AFTER = 'return votesForOne * 2 > trees ? 1 : 0'

/** Edits majorityVote on disk, as another editor would: the inbox then has a change to show. */
export function editMajorityVoteOnDisk(project: ExampleProject): void {
  const forest = join(project.dir, 'forest.ts')
  writeFileSync(
    forest,
    readFileSync(forest, 'utf8').replace(MAJORITY_VOTE_BEFORE, MAJORITY_VOTE_AFTER),
  )
}

export interface ExampleServerOptions {
  /** Runs the CLI records before the server starts. */
  readonly seedRuns: number
  /** Trust the project's code, so the app may run it. */
  readonly trust?: boolean
  /** Changes the project before the server starts (e.g. editMajorityVoteOnDisk). */
  readonly prepare?: (project: ExampleProject) => void
}

export interface ExampleServer {
  readonly project: () => ExampleProject
  readonly server: () => BrowserModeProcess
}

/**
 * Inside a `test.describe`: a fresh copy of the random-forest example served in browser mode
 * for the describe's tests, removed afterwards.
 */
export function useExampleServer(options: ExampleServerOptions): ExampleServer {
  let project: ExampleProject | undefined
  let server: BrowserModeProcess | undefined

  test.beforeAll(async () => {
    project = createExampleProject(options.seedRuns)
    options.prepare?.(project)
    server = await startBrowserMode(project.dir, {
      trust: options.trust === true,
      configDir: project.configDir,
    })
  })

  test.afterAll(async () => {
    await server?.stop()
    project?.remove()
  })

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the example server is used before beforeAll ran')
    return value
  }
  return { project: () => started(project), server: () => started(server) }
}
