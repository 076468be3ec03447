import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type CallExplanation } from '../../../src-shared/model/run-graph'
import { type ValueRef } from '../../../src-shared/model/values'
import { describeChange, explanationHeading, noChangesSentence } from './call-explanation'

function ref(summary: string): ValueRef {
  return { hid: `h-${summary}`, cid: `c-${summary}`, summary, number: null }
}

describe('describeChange', () => {
  test('an input change keeps both values for the view to show', () => {
    const line = describeChange(
      { kind: 'inputChanged', name: 'X', from: ref('a'), to: ref('b') },
      0,
    )
    assert.equal(line.title, 'Input X changed')
    assert.equal(line.from?.summary, 'a')
    assert.equal(line.to?.summary, 'b')
  })

  test('added and removed inputs have one side only', () => {
    assert.equal(describeChange({ kind: 'inputAdded', name: 'k', to: ref('3') }, 0).from, null)
    const removed = describeChange({ kind: 'inputRemoved', name: 'k', from: ref('3') }, 1)
    assert.equal(removed.title, 'Input k removed')
    assert.equal(removed.to, null)
  })

  test('a version change lists its components and decisions', () => {
    const line = describeChange(
      {
        kind: 'versionChanged',
        fromVersion: 2,
        toVersion: 3,
        components: ['scale', 'helpers.norm'],
        decisions: ['`scale` changed (breaking, approved 10:42)'],
      },
      0,
    )
    assert.equal(line.title, 'Version changed: v2 → v3')
    assert.deepEqual(line.details, [
      'Changed code: scale, helpers.norm',
      '`scale` changed (breaking, approved 10:42)',
    ])
  })
})

describe('explanation wording', () => {
  const base: CallExplanation = { outcome: 'hit', summary: '', previous: null, changes: [] }
  test('the heading names the outcome', () => {
    assert.equal(explanationHeading(base), 'Why it hit')
    assert.equal(explanationHeading({ ...base, outcome: 'executed' }), 'Why it executed')
    assert.equal(explanationHeading({ ...base, outcome: null }), 'Compared with the earlier call')
  })
  test('no changes is explained either way', () => {
    assert.equal(noChangesSentence(base), null)
    const previous = { callId: 'p', runId: 1, createdAt: 0 }
    assert.match(noChangesSentence({ ...base, previous }) ?? '', /same/)
  })
})
