import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { EngineError, op, Storage } from '../index'
import { collect, runScript, startScript } from '../testing/child-scripts'
import { newWorkspacePath, tempDir } from '../testing/temp-dirs'

const step = op(function step(i: number) {
  if (i % 7 === 0) return Float64Array.from({ length: 40_000 }, (_, k) => i + k)
  return { i, square: i * i, label: `step ${i}` }
})

function isCode(code: string) {
  return (error: unknown) => error instanceof EngineError && error.code === code
}

/** Waits until the child has printed `count` lines starting with `prefix`; returns them. */
function linesOf(
  child: ReturnType<typeof startScript>,
  prefix: string,
  count: number,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let buffer = ''
    const seen: string[] = []
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) if (line.startsWith(prefix)) seen.push(line)
      if (seen.length >= count) resolve(seen)
    })
    child.on('close', () =>
      seen.length >= count
        ? resolve(seen)
        : reject(new Error(`child ended after ${seen.length} lines`)),
    )
  })
}

describe('workspace on disk', () => {
  test('S1: calls persist across close and reopen; hits in a new session read no values', async () => {
    const dir = newWorkspacePath()
    let storage = await Storage.open(dir)
    await storage.run(() => [1, 2, 3].map((i) => step(i)))
    storage.close()
    storage = await Storage.open(dir)
    const refs = await storage.run(() => [1, 2, 3].map((i) => step(i)))
    assert.ok(refs.every((ref) => !ref.inMemory))
    assert.deepEqual(storage.unwrap(refs[1]), { i: 2, square: 4, label: 'step 2' })
    assert.equal(storage.runs()[0]?.hits, 3)
    storage.close()
  })

  test('M2: early cutoff works across processes', async () => {
    const dir = newWorkspacePath()
    const first = await runScript('transactions-step.ts', [dir, '2024-09-01', 'amount'])
    assert.equal(first.code, 0, first.stderr)
    const second = await runScript('transactions-step.ts', [dir, '2024-09-05', 'amount'])
    assert.equal(second.code, 0, second.stderr)
    const events = (JSON.parse(second.stdout) as { events: string[][] }).events
    assert.deepEqual(events.at(-1), ['amountPerCountry', 'hit', 'hitByContent'])
  })

  test('S5, S6: two processes on one workspace are serialized and both runs are complete', async () => {
    const dir = newWorkspacePath()
    const storage = await Storage.open(dir)
    storage.close()
    const [a, b] = await Promise.all([
      runScript('lock-holder.ts', [dir, '300', '50', 'a']),
      runScript('lock-holder.ts', [dir, '300', '50', 'b']),
    ])
    assert.equal(a.code, 0, a.stderr)
    assert.equal(b.code, 0, b.stderr)
    const reopened = await Storage.open(dir)
    const runs = reopened.runs()
    assert.deepEqual(
      runs.map((run) => [run.status, run.executed]),
      [
        ['succeeded', 50],
        ['succeeded', 50],
      ],
    )
    const [later, earlier] = runs
    assert.ok((earlier?.endedAt ?? Infinity) <= (later?.startedAt ?? 0), 'runs overlapped')
    assert.equal(reopened.stats().calls, 100)
    reopened.close()
  })

  test('S5: a run gives up with a clear message when another process holds the workspace', async () => {
    const dir = newWorkspacePath()
    const holder = startScript('lock-holder.ts', [dir, '3000', '0', 'holder'])
    const done = collect(holder)
    await linesOf(holder, 'running', 1)
    const storage = await Storage.open(dir, { lockTimeoutMs: 200 })
    await assert.rejects(
      storage.run(() => step(1)),
      (error: unknown) => {
        return (
          isCode('workspace.busy')(error) && (error as Error).message.includes(`pid ${holder.pid}`)
        )
      },
    )
    storage.close()
    holder.kill('SIGKILL')
    await done
  })

  test('S3: killed with SIGKILL at random points 20 times, the workspace opens with every committed call', async () => {
    const dir = newWorkspacePath()
    const committed = new Set<number>()
    for (let round = 0; round < 20; round++) {
      const child = startScript('crash-writer.ts', [dir])
      const done = collect(child)
      const lines: string[] = []
      child.stdout?.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n')))
      await linesOf(child, 'committed', 1 + Math.floor(Math.random() * 20))
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 60))
      child.kill('SIGKILL')
      const result = await done
      assert.equal(result.signal, 'SIGKILL', result.stderr)
      for (const line of lines) {
        const match = /^committed (\d+)$/.exec(line)
        if (match) committed.add(Number(match[1]))
      }
    }
    const storage = await Storage.open(dir)
    const values = await storage.run(() => [...committed].map((i) => storage.unwrap(step(i))), {
      allowNewCalls: false,
    })
    ;[...committed].forEach((i, index) => {
      const value = values[index]
      if (i % 7 === 0) assert.equal((value as Float64Array)[39_999], i + 39_999)
      else assert.deepEqual(value, { i, square: i * i, label: `step ${i}` })
    })
    assert.ok(
      storage
        .runs()
        .filter((run) => run.label === 'crash writer')
        .every((run) => run.status === 'interrupted'),
    )
    storage.close()
  })

  test('S7: a corrupted database image is a clear error and nothing is written', async () => {
    const dir = newWorkspacePath()
    const storage = await Storage.open(dir)
    await storage.run(() => step(1))
    await storage.checkpoint()
    storage.close()
    const imageDir = join(dir, 'db')
    const image = readdirSync(imageDir).find((name) => name.startsWith('image-'))
    assert.ok(image)
    const imagePath = join(imageDir, image)
    const bytes = readFileSync(imagePath)
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff
    writeFileSync(imagePath, bytes)
    const before = snapshot(dir)
    await assert.rejects(
      Storage.open(dir),
      (error: unknown) =>
        isCode('workspace.corrupted')(error) && (error as Error).message.includes(image),
    )
    assert.deepEqual(snapshot(dir), before)
  })

  test('S7, S8: a corrupted blob is a clear error when its value is loaded', async () => {
    const dir = newWorkspacePath()
    const storage = await Storage.open(dir)
    await storage.run(() => step(7))
    storage.close()
    const blobs = listFiles(join(dir, 'blobs'))
    assert.ok(blobs.length > 0)
    for (const blob of blobs) writeFileSync(blob, Buffer.from('garbage'))
    const reopened = await Storage.open(dir)
    await reopened.run(() => {
      const ref = step(7)
      assert.throws(
        () => reopened.unwrap(ref),
        (error: unknown) =>
          isCode('workspace.corrupted')(error) && /blobs/.test((error as Error).message),
      )
    })
    reopened.close()
  })

  test('S1: a workspace of a newer format and a folder that is not a workspace are refused', async () => {
    const dir = newWorkspacePath()
    ;(await Storage.open(dir)).close()
    writeFileSync(join(dir, 'FORMAT'), JSON.stringify({ format: 99, application: 'memograph' }))
    const before = snapshot(dir)
    await assert.rejects(
      Storage.open(dir),
      (error: unknown) =>
        isCode('workspace.formatTooNew')(error) && /newer Memograph/.test((error as Error).message),
    )
    assert.deepEqual(snapshot(dir), before)
    const folder = tempDir()
    writeFileSync(join(folder, 'notes.txt'), 'not a workspace')
    await assert.rejects(Storage.open(folder), isCode('workspace.notMemograph'))
  })
})

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir).map((file) => [file, `${statSync(file).size}:${statSync(file).mtimeMs}`]),
  )
}
