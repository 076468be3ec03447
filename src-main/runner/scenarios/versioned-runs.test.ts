// Versioning through the real runner (SPEC D rules, issue "versioning and the sandboxed
// runner"): real workspace files edited between runs, transformed, instrumented and executed
// in a worker, with storage on disk.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { type ChangePolicy, type ChangeProposal } from '../../../src-shared/model/versions'
import { Storage } from '../../engine'
import { writeWorkspace } from '../testing/runner-fixtures'
import { WorkspaceRunner } from '../workspace-runner'

interface Outcome {
  readonly hits: number
  readonly executed: number
  readonly executedOps: readonly string[]
  readonly proposals: readonly ChangeProposal[]
  readonly output: string
}

class Project {
  readonly runner = new WorkspaceRunner()
  readonly workspaceDir: string
  readonly storageDir: string

  constructor(files: Readonly<Record<string, string>>) {
    const { workspaceDir, storageDir } = writeWorkspace(files)
    this.workspaceDir = workspaceDir
    this.storageDir = storageDir
  }

  write(path: string, text: string): void {
    writeFileSync(join(this.workspaceDir, path), text)
  }

  async run(
    policy: ChangePolicy = 'fail',
    answer: 'breaking' | 'nonBreaking' = 'breaking',
  ): Promise<Outcome> {
    const proposals: ChangeProposal[] = []
    let output = ''
    const handle = this.runner.startRun(
      {
        workspaceDir: this.workspaceDir,
        entry: 'main.ts',
        storageDir: this.storageDir,
        label: 'test',
        policy,
        allowNewCalls: true,
        args: [],
        trusted: true,
      },
      {
        onConsole: (_stream, text) => (output += text),
        onProposal: (proposal) => {
          proposals.push(proposal)
          return { answer, decidedBy: 'test' }
        },
      },
    )
    const result = await handle.result
    if (result.error !== null) {
      throw Object.assign(new Error(result.error.message), { code: result.error.code })
    }
    const storage = await Storage.open(this.storageDir)
    const run = result.runId === null ? undefined : storage.getRun(result.runId)
    storage.close()
    assert.ok(run !== undefined)
    return {
      hits: run.hits,
      executed: run.executed,
      executedOps: run.events
        .filter((event) => event.outcome === 'executed')
        .map((event) => event.op)
        .sort(),
      proposals,
      output,
    }
  }

  async storage<T>(read: (storage: Storage) => T): Promise<T> {
    const storage = await Storage.open(this.storageDir)
    try {
      return read(storage)
    } finally {
      storage.close()
    }
  }
}

const F_V1 = `import { op } from 'memograph'
export const f = op(function f(x: number): number {
  return x + 1
})
`

describe('versioned runs through the runner', () => {
  test("D3, D5, D7: mandala's test_changes — v1, breaking v2, back to v1 (old calls hit), new branch v3", async () => {
    const project = new Project({
      'ops.ts': F_V1,
      'main.ts': `import { f } from './ops'\nfor (const x of [1, 2, 3]) f(x)\n`,
    })
    assert.deepEqual((await project.run()).executed, 3)
    project.write('ops.ts', F_V1.replace('x + 1', 'x + 2'))
    const v2 = await project.run('breaking')
    assert.deepEqual([v2.hits, v2.executed], [0, 3])
    project.write('ops.ts', F_V1)
    const back = await project.run('fail')
    assert.deepEqual([back.hits, back.executed, back.proposals.length], [3, 0, 0])
    project.write('ops.ts', F_V1.replace('x + 1', 'x * 10'))
    const v3 = await project.run('ask', 'breaking')
    assert.equal(v3.executed, 3)
    assert.equal(v3.proposals[0]?.component.id, 'ops.ts#f')
    assert.match(v3.proposals[0]?.diff ?? '', /-\s+return x \+ 1\n\+\s+return x \* 10/)
    const versions = await project.storage((storage) => storage.versions('f'))
    assert.equal(versions.length, 3)
    assert.equal(new Set(versions.map((version) => version.semanticVersion)).size, 3)
    const sources = await project.storage((storage) => storage.sources('ops.ts#f'))
    assert.equal(sources[2]?.parentHash, sources[0]?.contentHash, 'v3 branches from v1')
  })

  test('D1, D2: a helper of g but not h changes: only g is proposed and recomputed; a constant read by the helper is detected; comments and formatting are not changes', async () => {
    const helpers = `export const SCALE = 10
export function scale(x: number): number {
  return x * SCALE
}
`
    const project = new Project({
      'helpers.ts': helpers,
      'ops.ts': `import { op } from 'memograph'
import { scale } from './helpers'
export const g = op(function g(x: number) {
  return scale(x) + 1
})
export const h = op(function h(x: number) {
  return x - 1
})
`,
      'main.ts': `import { g, h } from './ops'\nfor (const x of [1, 2]) {\n  g(x)\n  h(x)\n}\n`,
    })
    assert.equal((await project.run()).executed, 4)

    project.write(
      'helpers.ts',
      `export const SCALE = 10
/** Scales by the constant. */
export function scale(x: number): number {
  // multiply
  return (x*SCALE)
}
`,
    )
    const cosmetic = await project.run('fail')
    assert.deepEqual([cosmetic.hits, cosmetic.proposals.length], [4, 0])

    project.write('helpers.ts', helpers.replace('x * SCALE', 'x * SCALE * 2'))
    const changed = await project.run('ask', 'breaking')
    assert.deepEqual(
      changed.proposals.map((proposal) => [proposal.component.id, proposal.dependentOps]),
      [['helpers.ts#scale', ['g']]],
    )
    assert.deepEqual(changed.executedOps, ['g', 'g'])

    project.write(
      'helpers.ts',
      helpers.replace('x * SCALE', 'x * SCALE * 2').replace('= 10', '= 20'),
    )
    const constant = await project.run('ask', 'breaking')
    assert.deepEqual(
      constant.proposals.map((proposal) => [
        proposal.component.id,
        proposal.fromSource,
        proposal.toSource,
      ]),
      [['helpers.ts#SCALE', '10', '20']],
    )
    assert.deepEqual(constant.executedOps, ['g', 'g'])
  })

  test('D5: non-breaking keeps every old call a hit and the decision is listed', async () => {
    const project = new Project({
      'ops.ts': F_V1,
      'main.ts': `import { f } from './ops'\nfor (const x of [1, 2, 3]) f(x)\n`,
    })
    await project.run()
    project.write('ops.ts', F_V1.replace('return x + 1', 'const y = x\n  return y + 1'))
    const outcome = await project.run('nonBreaking')
    assert.deepEqual([outcome.hits, outcome.executed], [3, 0])
    const decisions = await project.storage((storage) => storage.decisions())
    assert.deepEqual(
      decisions.map((decision) => [decision.componentId, decision.kind, decision.decidedBy]),
      [['ops.ts#f', 'nonBreaking', 'policy:nonBreaking']],
    )
  })

  test("Hamilton's changing-code walkthrough: 0.73 → 0.71 re-executes, then the Brazil/Mexico lines execute processed data and amount per country hits by content", async () => {
    const pipeline = `import { op } from 'memograph'
const DATA = [
  { country: 'USA', date: '2024-09-13', amount: 478.23 },
  { country: 'USA', date: '2024-09-12', amount: 251.67 },
  { country: 'USA', date: '2024-09-11', amount: 989.34 },
  { country: 'Canada', date: '2024-09-11', amount: 742.14 },
  { country: 'Canada', date: '2024-09-09', amount: 584.56 },
]
export const rawData = op(function rawData() {
  return DATA.map((row) => ({ ...row }))
})
export const processedData = op(function processedData(rows: typeof DATA, cutoff: string) {
  return rows
    .filter((row) => row.date > cutoff)
    .map((row) => {
      let usd = row.amount
      if (row.country === 'Canada') usd *= 0.73
      return { ...row, usd }
    })
})
export const amountPerCountry = op(function amountPerCountry(rows: { country: string; usd: number }[]) {
  const totals: Record<string, number> = {}
  for (const row of rows) totals[row.country] = (totals[row.country] ?? 0) + row.usd
  return totals
})
`
    const project = new Project({
      'pipeline.ts': pipeline,
      'main.ts': `import { unwrap } from 'memograph'
import { amountPerCountry, processedData, rawData } from './pipeline'
const totals = unwrap(amountPerCountry(processedData(rawData(), '2024-09-01')))
console.log(Object.entries(totals).map(([country, usd]) => country + ' ' + usd.toFixed(3)).join(', '))
`,
    })
    const first = await project.run()
    assert.equal(first.executed, 3)
    assert.match(first.output, /Canada 968\.491/)

    project.write('pipeline.ts', pipeline.replace('*= 0.73', '*= 0.71 // value changed'))
    const rate = await project.run('breaking')
    assert.deepEqual(rate.executedOps, ['amountPerCountry', 'processedData'])
    assert.equal(rate.hits, 1)
    assert.match(rate.output, /Canada 941\.957, USA 1719\.240|USA 1719\.240, Canada 941\.957/)

    project.write(
      'pipeline.ts',
      pipeline.replace(
        "if (row.country === 'Canada') usd *= 0.73",
        `if (row.country === 'Canada') usd *= 0.71
      if (row.country === 'Brazil') usd *= 0.18
      if (row.country === 'Mexico') usd *= 0.05`,
      ),
    )
    const lines = await project.run('breaking')
    assert.deepEqual(lines.executedOps, ['processedData'])
    const storage = await Storage.open(project.storageDir)
    const run = storage.runs({ limit: 1 })[0]
    storage.close()
    assert.deepEqual(
      run?.events.map((event) => [event.op, event.reasonCode]),
      [
        ['rawData', 'hitByHistory'],
        ['processedData', 'newOpVersion'],
        ['amountPerCountry', 'hitByContent'],
      ],
    )
  })

  test('D2, D3: ops calling ops work under versioning (where mandala raises)', async () => {
    const project = new Project({
      'ops.ts': `import { op, unwrap } from 'memograph'
export const inner = op(function inner(x: number) {
  return x * 2
})
export const outer = op(function outer(n: number) {
  let total = 0
  for (let i = 0; i < n; i++) total += unwrap(inner(i))
  return total
})
`,
      'main.ts': `import { unwrap } from 'memograph'\nimport { outer } from './ops'\nconsole.log('total', unwrap(outer(4)))\n`,
    })
    const first = await project.run()
    assert.equal(first.executed, 5)
    assert.match(first.output, /total 12/)
    const again = await project.run()
    assert.deepEqual([again.hits, again.executed], [1, 0])
    project.write(
      'ops.ts',
      (await import('node:fs'))
        .readFileSync(join(project.workspaceDir, 'ops.ts'), 'utf8')
        .replace('x * 2', 'x * 3'),
    )
    const changed = await project.run('ask', 'breaking')
    assert.deepEqual(changed.proposals[0]?.dependentOps, ['inner', 'outer'])
    assert.deepEqual(changed.executedOps, ['inner', 'inner', 'inner', 'inner', 'outer'])
    assert.match(changed.output, /total 18/)
  })
})
