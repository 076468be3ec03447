import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type ChangeProposal, type ChangePolicy } from '../../../src-shared/model/versions'
import { EngineError, op, Storage } from '../index'
import { enter, FakeWorkspace } from '../testing/fake-workspace'
import { newWorkspacePath } from '../testing/temp-dirs'

interface Counter {
  count: number
}

async function versionedRun(
  storage: Storage,
  workspace: FakeWorkspace,
  body: () => void,
  policy: ChangePolicy = 'fail',
  asked: ChangeProposal[] = [],
  answer: 'breaking' | 'nonBreaking' = 'breaking',
): Promise<{ hits: number; executed: number }> {
  await storage.run(
    () => {
      workspace.load()
      body()
    },
    {
      versioning: {
        codeState: workspace.codeState(),
        policy,
        ask: (proposal) => {
          asked.push(proposal)
          return { answer, decidedBy: 'test' }
        },
      },
    },
  )
  const [run] = storage.runs({ limit: 1, events: false })
  return { hits: run?.hits ?? -1, executed: run?.executed ?? -1 }
}

describe('versioning (SPEC D rules)', () => {
  test("D3, D5, D7: mandala's test_changes — v1, breaking v2, back to v1, new branch v3: three semantic versions", async () => {
    const storage = await Storage.open(newWorkspacePath())
    const workspace = new FakeWorkspace()
    const fIndex = workspace.fn('f', 'return x + 1')
    const executions: Counter = { count: 0 }
    const f = op(function f(x: number) {
      enter(fIndex)
      executions.count++
      return x + 1
    })
    const callAll = (): void => {
      for (const x of [1, 2, 3]) f(x)
    }
    assert.deepEqual(await versionedRun(storage, workspace, callAll), { hits: 0, executed: 3 })

    workspace.edit(fIndex, 'return x + 2')
    const asked: ChangeProposal[] = []
    assert.deepEqual(await versionedRun(storage, workspace, callAll, 'ask', asked, 'breaking'), {
      hits: 0,
      executed: 3,
    })
    assert.equal(asked.length, 1)
    assert.equal(asked[0]?.component.id, 'main.ts#f')
    assert.deepEqual(asked[0]?.dependentOps, ['f'])
    assert.equal(asked[0]?.affectedCalls, 3)
    assert.match(asked[0]?.diff ?? '', /-return x \+ 1\n\+return x \+ 2/)

    workspace.edit(fIndex, 'return x + 1')
    const revertAsked: ChangeProposal[] = []
    assert.deepEqual(await versionedRun(storage, workspace, callAll, 'ask', revertAsked), {
      hits: 3,
      executed: 0,
    })
    assert.equal(revertAsked.length, 0, 'restoring old code asks nothing')

    workspace.edit(fIndex, 'return x + 3')
    assert.deepEqual(await versionedRun(storage, workspace, callAll, 'breaking'), {
      hits: 0,
      executed: 3,
    })
    const versions = storage.versions(f)
    assert.equal(versions.length, 3)
    assert.equal(new Set(versions.map((version) => version.semanticVersion)).size, 3)
    const sources = storage.sources('main.ts#f')
    assert.deepEqual(
      sources.map((source) => [source.source, source.isHead]),
      [
        ['return x + 1', false],
        ['return x + 2', false],
        ['return x + 3', true],
      ],
    )
    // v3 branched from v1 (the head when it was made), not from v2.
    assert.equal(sources[2]?.parentHash, sources[0]?.contentHash)
    assert.equal(executions.count, 9)
    storage.close()
  })

  test('D2, D5: a helper used by g but not by h changes: only g is proposed and recomputed', async () => {
    const storage = await Storage.open(newWorkspacePath())
    const workspace = new FakeWorkspace()
    let scale = 10
    const scaleIndex = workspace.value('SCALE', () => scale)
    const helperIndex = workspace.fn('helper', 'return x * SCALE', { staticDeps: [scaleIndex] })
    const gIndex = workspace.fn('g', 'return helper(x)')
    const hIndex = workspace.fn('h', 'return x - 1')
    const runs = { g: 0, h: 0 }
    function helper(x: number): number {
      enter(helperIndex)
      return x * scale
    }
    const g = op(function g(x: number) {
      enter(gIndex)
      runs.g++
      return helper(x)
    })
    const h = op(function h(x: number) {
      enter(hIndex)
      runs.h++
      return x - 1
    })
    const body = (): void => {
      for (const x of [1, 2]) {
        g(x)
        h(x)
      }
    }
    await versionedRun(storage, workspace, body)
    assert.deepEqual(
      storage.versions(g)[0]?.dependencies.map((d) => d.component.id),
      ['main.ts#g', 'main.ts#helper', 'main.ts#SCALE'].sort(),
    )

    workspace.edit(helperIndex, 'return x * SCALE * 2')
    const asked: ChangeProposal[] = []
    assert.deepEqual(await versionedRun(storage, workspace, body, 'ask', asked), {
      hits: 2,
      executed: 2,
    })
    assert.deepEqual(
      asked.map((proposal) => [proposal.component.id, proposal.dependentOps]),
      [['main.ts#helper', ['g']]],
    )
    assert.deepEqual(runs, { g: 4, h: 2 })

    // D1: a module-level constant read by the helper changes: detected, proposed for g only.
    scale = 20
    const valueAsked: ChangeProposal[] = []
    assert.deepEqual(await versionedRun(storage, workspace, body, 'ask', valueAsked), {
      hits: 2,
      executed: 2,
    })
    assert.deepEqual(
      valueAsked.map((proposal) => [proposal.component.id, proposal.fromSource, proposal.toSource]),
      [['main.ts#SCALE', '10', '20']],
    )
    assert.deepEqual(valueAsked[0]?.dependentOps, ['g'])
    storage.close()
  })

  test('D5: a non-breaking decision keeps every old call a hit, and the decision is listed', async () => {
    const storage = await Storage.open(newWorkspacePath())
    const workspace = new FakeWorkspace()
    const fIndex = workspace.fn('f', 'return x + 1')
    const f = op(function f(x: number) {
      enter(fIndex)
      return x + 1
    })
    const body = (): void => {
      for (const x of [1, 2, 3]) f(x)
    }
    await versionedRun(storage, workspace, body)
    workspace.edit(fIndex, 'return x + 1 // faster')
    assert.deepEqual(await versionedRun(storage, workspace, body, 'nonBreaking'), {
      hits: 3,
      executed: 0,
    })
    const [decision] = storage.decisions()
    assert.equal(decision?.componentId, 'main.ts#f')
    assert.equal(decision?.kind, 'nonBreaking')
    assert.equal(decision?.decidedBy, 'policy:nonBreaking')
    assert.ok(Math.abs((decision?.decidedAt ?? 0) - Date.now()) < 60_000)
    // Both content versions share one semantic version; the diff shows the edit.
    const versions = storage.versions(f)
    assert.equal(
      versions.length,
      1,
      'hits add no version: the new content version is made on a miss',
    )
    assert.deepEqual(versions[0]?.decisions, [])
    f.fn(1)
    await versionedRun(storage, workspace, () => f(4), 'fail')
    const after = storage.versions(f)
    assert.equal(after.length, 2)
    assert.equal(after[0]?.semanticVersion, after[1]?.semanticVersion)
    assert.equal(after[1]?.decisions[0]?.kind, 'nonBreaking')
    const diff = storage.diff(f, after[0]?.id ?? 0, after[1]?.id ?? 0)
    assert.match(diff.text, /\+return x \+ 1 \/\/ faster/)
    storage.close()
  })

  test('D3: ops calling ops — a breaking change to the inner op recomputes both, non-breaking neither', async () => {
    const storage = await Storage.open(newWorkspacePath())
    const workspace = new FakeWorkspace()
    const innerIndex = workspace.fn('inner', 'return x * 2')
    const outerIndex = workspace.fn('outer', 'return inner(x) + 1')
    const runs = { inner: 0, outer: 0 }
    const inner = op(function inner(x: number) {
      enter(innerIndex)
      runs.inner++
      return x * 2
    })
    const outer = op(function outer(x: number) {
      enter(outerIndex)
      runs.outer++
      return storage.unwrap(inner(x)) + 1
    })
    const body = (): void => {
      outer(1)
      outer(2)
    }
    assert.deepEqual(await versionedRun(storage, workspace, body), { hits: 0, executed: 4 })
    assert.deepEqual(
      storage.versions(outer)[0]?.dependencies.map((d) => d.component.id),
      ['main.ts#outer'],
    )
    workspace.edit(innerIndex, 'return x * 3')
    const asked: ChangeProposal[] = []
    assert.deepEqual(await versionedRun(storage, workspace, body, 'ask', asked, 'breaking'), {
      hits: 0,
      executed: 4,
    })
    assert.deepEqual(asked[0]?.dependentOps, ['inner', 'outer'])
    assert.equal(asked[0]?.affectedCalls, 4)
    workspace.edit(innerIndex, 'return x * 3 /* same */')
    assert.deepEqual(await versionedRun(storage, workspace, body, 'nonBreaking'), {
      hits: 2,
      executed: 0,
    })
    assert.deepEqual(runs, { inner: 4, outer: 4 })
    storage.close()
  })

  test('D2: calls on different code paths have different dependency sets', async () => {
    const storage = await Storage.open(newWorkspacePath())
    const workspace = new FakeWorkspace()
    const scaleIndex = workspace.fn('scaleData', 'return x * 100')
    const prepIndex = workspace.fn('prep', 'return scale ? scaleData(x) : x')
    function scaleData(x: number): number {
      enter(scaleIndex)
      return x * 100
    }
    const prep = op(function prep(x: number, scale: boolean) {
      enter(prepIndex)
      return scale ? scaleData(x) : x
    })
    const body = (): void => {
      prep(1, true)
      prep(2, false)
      prep(3, false)
    }
    await versionedRun(storage, workspace, body)
    assert.equal(storage.versions(prep).length, 2)
    workspace.edit(scaleIndex, 'return x * 1000')
    const asked: ChangeProposal[] = []
    assert.deepEqual(await versionedRun(storage, workspace, body, 'ask', asked), {
      hits: 2,
      executed: 1,
    })
    assert.equal(asked[0]?.affectedCalls, 1, 'only the call that scaled depends on scaleData')
    storage.close()
  })

  test('D6: policy fail stops the run with a message naming the change, and stored calls stay', async () => {
    const path = newWorkspacePath()
    const storage = await Storage.open(path)
    const workspace = new FakeWorkspace()
    const fIndex = workspace.fn('f', 'return x + 1')
    const f = op(function f(x: number) {
      enter(fIndex)
      return x + 1
    })
    await versionedRun(storage, workspace, () => f(1))
    workspace.edit(fIndex, 'return x + 5')
    await assert.rejects(
      versionedRun(storage, workspace, () => f(1), 'fail'),
      (error: unknown) =>
        error instanceof EngineError &&
        error.code === 'version.undecided' &&
        /main\.ts#f changed since 1 stored call\(s\) of f used it/.test(error.message) &&
        /--on-change=breaking/.test(error.message),
    )
    assert.equal(storage.decisions().length, 0)
    storage.close()
    const reopened = await Storage.open(path)
    assert.equal(reopened.versions('f')[0]?.calls, 1)
    reopened.close()
  })

  test('D1: a module-level value that cannot be hashed is a clear error naming the op and the value', async () => {
    const storage = await Storage.open(newWorkspacePath())
    const workspace = new FakeWorkspace()
    class Handle {
      constructor(readonly id: number) {}
    }
    const handle = new Handle(1)
    const handleIndex = workspace.value('handle', () => handle)
    const useIndex = workspace.fn('use', 'return handle.id + x', { staticDeps: [handleIndex] })
    const use = op(function use(x: number) {
      enter(useIndex)
      return handle.id + x
    })
    await assert.rejects(
      versionedRun(storage, workspace, () => use(1)),
      (error: unknown) =>
        error instanceof EngineError &&
        error.code === 'version.unhashable' &&
        /op 'use' depends on module-level 'handle' \(main\.ts:1\)/.test(error.message) &&
        /@memograph-ignore/.test(error.message),
    )
    storage.close()
  })
})
