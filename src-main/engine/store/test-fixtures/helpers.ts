import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after } from 'node:test'

import { ERROR_CODES, type ErrorCode } from '../../../../src-shared/errors'
import { EngineError } from '../../errors'

/** A fresh temporary directory, removed when the test file finishes. */
export function temporaryDir(prefix = 'memograph-store-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  after(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** Every file under `dir` with its size, mtime and hash: equal snapshots mean nothing was written. */
export function snapshotFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (at: string, prefix: string): void => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name)
      const stat = statSync(path)
      if (stat.isDirectory()) {
        files[`${prefix}${name}/`] = 'dir'
        walk(path, `${prefix}${name}/`)
      } else {
        const digest = createHash('sha256').update(readFileSync(path)).digest('hex')
        files[prefix + name] = `${stat.size} ${stat.mtimeMs} ${digest}`
      }
    }
  }
  walk(dir, '')
  return files
}

/** An assert.throws matcher for an EngineError with `code` whose message contains every part. */
export function engineError(code: ErrorCode, ...parts: string[]): (error: unknown) => boolean {
  return (error) => {
    if (!(error instanceof EngineError)) throw error
    if (error.code !== code)
      throw new Error(`expected ${code}, got ${error.code}: ${error.message}`)
    for (const part of parts) {
      if (!error.message.includes(part)) {
        throw new Error(`message ${JSON.stringify(error.message)} lacks ${JSON.stringify(part)}`)
      }
    }
    return true
  }
}

export const CODES = ERROR_CODES

/** Runs one of the TypeScript scripts in this folder in a child Node process. */
export function spawnFixture(
  script: string,
  args: readonly string[],
): ChildProcessWithoutNullStreams {
  const path = fileURLToPath(new URL(script, import.meta.url))
  return spawn(process.execPath, ['--import', import.meta.resolve('tsx'), path, ...args], {
    stdio: 'pipe',
  })
}

/** Collects a child's stdout lines as they arrive, and its exit. */
export function watchChild(child: ChildProcessWithoutNullStreams): {
  readonly lines: string[]
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  readonly stderr: () => string
} {
  const lines: string[] = []
  let partial = ''
  let stderr = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n')
    partial = parts.pop() ?? ''
    lines.push(...parts)
  })
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  return { lines, exited, stderr: () => stderr }
}

/** Resolves when `predicate` holds, polling; rejects after `timeoutMs`. */
export async function waitFor(
  predicate: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
}

/** Flips bits of one byte, as a disk error or a stray write would. */
export function flipBits(bytes: Uint8Array, index: number, mask: number): void {
  bytes[index] = (bytes[index] ?? 0) ^ mask
}
