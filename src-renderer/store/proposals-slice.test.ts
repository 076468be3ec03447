import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type ChangeProposal } from '../../src-shared/model/versions'
import { blastRadiusHighlight, selectionAfterChange } from './proposals-slice'

function proposal(id: string, dependentOps: readonly string[] = ['evalForest']): ChangeProposal {
  return {
    id,
    component: { id: `forest.ts#${id}`, kind: 'function', module: 'forest.ts', name: id },
    fromHash: 'a',
    toHash: 'b',
    fromSource: '',
    toSource: '',
    diff: '',
    dependentOps,
    affectedCalls: 4,
    newDependencies: [],
    warning: null,
  }
}

describe('proposal selection', () => {
  const [a, b, c] = [proposal('a'), proposal('b'), proposal('c')]

  it('keeps the selection while it is pending', () => {
    assert.equal(selectionAfterChange([a, b], [c, a, b], 'b'), 'b')
  })

  it('moves to the next proposal after the selected one is decided', () => {
    assert.equal(selectionAfterChange([a, b, c], [a, c], 'b'), 'c')
    assert.equal(selectionAfterChange([a, b, c], [a, b], 'c'), 'b')
  })

  it('selects the first when nothing was selected, and nothing when the inbox is empty', () => {
    assert.equal(selectionAfterChange([], [b, c], null), 'b')
    assert.equal(selectionAfterChange([a], [], 'a'), null)
  })

  it('highlights what a breaking answer would recompute', () => {
    assert.deepEqual(blastRadiusHighlight(proposal('majorityVote', ['evalForest'])), {
      ops: ['evalForest'],
      label: 'Would recompute if forest.ts#majorityVote is breaking',
    })
  })
})
