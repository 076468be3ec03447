import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { runScript } from '../testing/child-scripts'
import { newWorkspacePath } from '../testing/temp-dirs'

interface StepResult {
  readonly events: [string, string, string][]
  readonly result: unknown
}

/** Each step runs in a new process, like each Driver in the tutorial. */
async function step(
  workspace: string,
  cutoffDate: string,
  request: 'processed' | 'amount',
): Promise<StepResult> {
  const child = await runScript('transactions-step.ts', [workspace, cutoffDate, request])
  assert.equal(child.code, 0, child.stderr)
  return JSON.parse(child.stdout) as StepResult
}

describe("Hamilton's caching tutorial, step by step (seed 002), each step in a new process", () => {
  test('M1, M2, M3: basics, adding a node and changing inputs reproduce the tutorial, including the early-cutoff hit', async () => {
    const workspace = newWorkspacePath()
    // Basics: first execution, then the same again.
    assert.deepEqual((await step(workspace, '2024-09-01', 'processed')).events, [
      ['rawData', 'executed', 'newInputs'],
      ['processedData', 'executed', 'newInputs'],
    ])
    assert.deepEqual((await step(workspace, '2024-09-01', 'processed')).events, [
      ['rawData', 'hit', 'hitByHistory'],
      ['processedData', 'hit', 'hitByHistory'],
    ])
    // Adding a node: only amountPerCountry executes.
    const added = await step(workspace, '2024-09-01', 'amount')
    assert.deepEqual(added.events, [
      ['rawData', 'hit', 'hitByHistory'],
      ['processedData', 'hit', 'hitByHistory'],
      ['amountPerCountry', 'executed', 'newInputs'],
    ])
    // Changing inputs: a later cutoff changes the rows, so both downstream nodes execute.
    const later = await step(workspace, '2024-09-11', 'amount')
    assert.deepEqual(later.events, [
      ['rawData', 'hit', 'hitByHistory'],
      ['processedData', 'executed', 'newInputs'],
      ['amountPerCountry', 'executed', 'newInputs'],
    ])
    assert.deepEqual(later.result, { USA: 729.9 })
    // 2024-09-05 keeps the same rows as 2024-09-01: processedData executes, and
    // amountPerCountry is retrieved because its input equals a value seen before.
    const earlier = await step(workspace, '2024-09-05', 'amount')
    assert.deepEqual(earlier.events, [
      ['rawData', 'hit', 'hitByHistory'],
      ['processedData', 'executed', 'newInputs'],
      ['amountPerCountry', 'hit', 'hitByContent'],
    ])
    assert.deepEqual(earlier.result, added.result)
    const totals = earlier.result as Record<string, number>
    assert.equal(Math.round((totals.USA ?? 0) * 100) / 100, 1719.24)
    assert.equal(Math.round((totals.Canada ?? 0) * 1000) / 1000, 968.491)
  })
})
