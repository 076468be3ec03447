import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { inboxKeyAction, movedIndex } from './inbox-keys'
import { blastRadiusText, decisionAnnouncement } from './version-format'
import { toggledComparison } from './versions-store'

const bare = { ctrlKey: false, metaKey: false, altKey: false }

describe('inbox keys', () => {
  it('maps b, n, d to answers and j/k/arrows to moves', () => {
    assert.deepEqual(inboxKeyAction({ ...bare, key: 'b' }), { kind: 'decide', answer: 'breaking' })
    assert.deepEqual(inboxKeyAction({ ...bare, key: 'n' }), {
      kind: 'decide',
      answer: 'nonBreaking',
    })
    assert.deepEqual(inboxKeyAction({ ...bare, key: 'd' }), { kind: 'decide', answer: 'defer' })
    assert.deepEqual(inboxKeyAction({ ...bare, key: 'j' }), { kind: 'move', to: 'next' })
    assert.deepEqual(inboxKeyAction({ ...bare, key: 'ArrowUp' }), { kind: 'move', to: 'previous' })
    assert.equal(inboxKeyAction({ ...bare, key: 'x' }), null)
  })

  it('leaves modified keys to the app and the browser', () => {
    assert.equal(inboxKeyAction({ ...bare, key: 'b', ctrlKey: true }), null)
    assert.equal(inboxKeyAction({ ...bare, key: 'n', metaKey: true }), null)
    assert.equal(inboxKeyAction({ ...bare, key: 'd', altKey: true }), null)
  })

  it('moves within the list and stops at its ends', () => {
    assert.equal(movedIndex(0, 'next', 3), 1)
    assert.equal(movedIndex(2, 'next', 3), 2)
    assert.equal(movedIndex(0, 'previous', 3), 0)
    assert.equal(movedIndex(-1, 'next', 3), 0)
    assert.equal(movedIndex(1, 'last', 3), 2)
    assert.equal(movedIndex(1, 'first', 3), 0)
    assert.equal(movedIndex(0, 'next', 0), -1)
  })
})

describe('version texts', () => {
  it('states the blast radius both ways', () => {
    assert.equal(
      blastRadiusText(12),
      '12 calls would recompute if breaking; all 12 kept if non-breaking.',
    )
    assert.equal(blastRadiusText(0), 'No stored calls depend on this change.')
  })

  it('announces what a decision did', () => {
    assert.equal(
      decisionAnnouncement('forest.ts#majorityVote', 'breaking', 'run'),
      'forest.ts#majorityVote marked breaking: dependent calls recompute; the run goes on.',
    )
    assert.equal(
      decisionAnnouncement('forest.ts#x', 'defer', 'run'),
      'forest.ts#x deferred; the run stops.',
    )
    assert.equal(
      decisionAnnouncement('forest.ts#x', 'nonBreaking', 'storage'),
      'forest.ts#x marked non-breaking: stored calls are kept.',
    )
  })

  it('keeps at most two versions to compare, dropping the older pick', () => {
    assert.deepEqual(toggledComparison([], 3), [3])
    assert.deepEqual(toggledComparison([3], 5), [3, 5])
    assert.deepEqual(toggledComparison([3, 5], 7), [5, 7])
    assert.deepEqual(toggledComparison([3, 5], 3), [5])
  })
})
