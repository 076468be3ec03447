import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { tempDir } from '../../engine/testing/temp-dirs'
import { type RunCallbacks, type RunRequest, type RunResult } from '../run-request'
import { type WorkspaceRunner } from '../workspace-runner'

/** A workspace folder of real .ts files on disk, plus a storage folder beside it. */
export function writeWorkspace(files: Readonly<Record<string, string>>): {
  workspaceDir: string
  storageDir: string
} {
  const root = tempDir('memograph-runner-')
  const workspaceDir = join(root, 'code')
  for (const [path, text] of Object.entries(files)) {
    const file = join(workspaceDir, path)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, text)
  }
  return { workspaceDir, storageDir: join(root, 'storage') }
}

/** A request for a trusted run with the usual defaults. */
export function runRequest(
  workspace: { workspaceDir: string; storageDir: string },
  overrides: Partial<RunRequest> = {},
): RunRequest {
  return {
    ...workspace,
    entry: 'main.ts',
    label: 'test run',
    policy: 'fail',
    allowNewCalls: true,
    args: [],
    trusted: true,
    ...overrides,
  }
}

/** What a run printed, in order, with the result. */
export async function runToEnd(
  runner: WorkspaceRunner,
  request: RunRequest,
  callbacks: RunCallbacks = {},
): Promise<RunResult & { output: string[] }> {
  const output: string[] = []
  const handle = runner.startRun(request, {
    onConsole: (stream, text) => output.push(`${stream}: ${text}`),
    ...callbacks,
  })
  return { ...(await handle.result), output }
}

/**
 * The host survived whatever the previous run did: a normal run of a small workspace, in the
 * same runner and on the same storage (so a lock left behind would show), succeeds.
 */
export async function assertRunnerStillWorks(
  runner: WorkspaceRunner,
  storageDir: string,
): Promise<void> {
  const workspace = writeWorkspace({ 'main.ts': "console.log('still here')\n" })
  const result = await runToEnd(runner, runRequest({ ...workspace, storageDir }))
  assert.equal(result.error, null)
  assert.equal(result.status, 'succeeded')
  assert.deepEqual(result.output, ['stdout: still here\n'])
}
