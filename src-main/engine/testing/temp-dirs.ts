import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after } from 'node:test'

/** A fresh directory under the OS temp dir, removed when the test file finishes. */
export function tempDir(prefix = 'memograph-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  after(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A path inside a fresh temp directory that does not exist yet (a new workspace). */
export function newWorkspacePath(): string {
  return join(tempDir(), 'workspace')
}
