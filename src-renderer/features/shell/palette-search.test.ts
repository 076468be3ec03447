import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type RunSummary } from '../../../src-shared/model/runs'
import { type OpVersionInfo } from '../../../src-shared/model/versions'
import { buildPaletteItems, type PaletteSources } from './palette-items'
import {
  flattenGroups,
  nextActiveIndex,
  PaletteIndex,
  parsePaletteQuery,
  splitByRanges,
} from './palette-search'

function version(op: string, id: number, calls: number): OpVersionInfo {
  return {
    id,
    op,
    contentVersion: `c0ffee${id}`.padEnd(16, '0'),
    semanticVersion: 's',
    manualVersion: null,
    createdAt: 0,
    calls,
    dependencies: [],
    decisions: [],
  }
}

function run(id: number, label: string): RunSummary {
  return {
    id,
    label,
    startedAt: 0,
    endedAt: 1,
    durationMs: 1,
    status: 'succeeded',
    hits: id,
    executed: 1,
    failed: 0,
    error: null,
  }
}

const SOURCES: PaletteSources = {
  isMac: false,
  workspaceOpen: true,
  trusted: false,
  canRunCode: true,
  codeRunning: false,
  theme: 'light',
  runs: [run(2, 'main.ts'), run(1, 'main.ts')],
  ops: ['generate_data', 'train_model', 'eval_model'],
  versions: {
    generate_data: [version('generate_data', 1, 2)],
    train_model: [version('train_model', 2, 4), version('train_model', 3, 12)],
    eval_model: [version('eval_model', 4, 4)],
  },
  savedQueries: [{ name: 'accuracy by trees', code: 'q.op(train_model)', savedAt: 0 }],
  recentWorkspaces: ['/home/me/projects/random-forest', '/home/me/projects/payments'],
  workspacePath: '/home/me/projects/random-forest',
}

describe('parsePaletteQuery', () => {
  it('reads the category prefixes', () => {
    assert.deepEqual(parsePaletteQuery('>theme'), { category: 'command', term: 'theme' })
    assert.deepEqual(parsePaletteQuery('@ train'), { category: 'op', term: 'train' })
    assert.deepEqual(parsePaletteQuery('#2'), { category: 'run', term: '2' })
    assert.deepEqual(parsePaletteQuery('v:train'), { category: 'version', term: 'train' })
    assert.deepEqual(parsePaletteQuery('?acc'), { category: 'query', term: 'acc' })
    assert.deepEqual(parsePaletteQuery(' train'), { category: null, term: 'train' })
  })
})

describe('PaletteIndex', () => {
  const index = new PaletteIndex(buildPaletteItems(SOURCES))

  it('finds ops fuzzily, with the op first and the label range to highlight', () => {
    const groups = index.search('@trn')
    assert.deepEqual(
      groups.map((group) => group.category),
      ['op'],
    )
    const first = flattenGroups(groups)[0]
    assert.equal(first?.item.label, 'train_model')
    assert.ok((first?.ranges.length ?? 0) > 0)
  })

  it('groups results by category, the group of the best match first (code is searched too)', () => {
    const groups = index.search('train')
    assert.deepEqual(
      groups.map((group) => group.category),
      ['op', 'version', 'query'],
    )
    assert.deepEqual(
      groups[1]?.matches.map((match) => match.item.label),
      ['train_model v1', 'train_model v2'],
    )
  })

  it('browses a few entries of every category in a fixed order without a term', () => {
    assert.deepEqual(
      index.search('').map((group) => group.category),
      ['command', 'op', 'run', 'version', 'query'],
    )
  })

  it("lists each op's versions, numbered oldest first, with their calls", () => {
    const found = flattenGroups(index.search('v:train_model'))
    assert.deepEqual(
      found.map((match) => match.item.label),
      ['train_model v1', 'train_model v2'],
    )
    assert.match(found[1]?.item.detail ?? '', /^c0ffee300000 · 12 calls · latest$/)
    assert.deepEqual(found[0]?.item.action, { kind: 'version', op: 'train_model' })
  })

  it('offers the commands the state allows', () => {
    const labels = flattenGroups(index.search('>')).map((match) => match.item.label)
    assert.ok(labels.includes('Trust this workspace'))
    assert.ok(labels.includes('Run code'))
    assert.ok(!labels.includes('Cancel run'))
    const running = new PaletteIndex(
      buildPaletteItems({ ...SOURCES, codeRunning: true, trusted: true }),
    )
    const whileRunning = flattenGroups(running.search('>')).map((match) => match.item.label)
    assert.ok(whileRunning.includes('Cancel run'))
    assert.ok(!whileRunning.includes('Run code') && !whileRunning.includes('Trust this workspace'))
  })

  it('offers the recent workspaces except the open one', () => {
    const found = flattenGroups(index.search('>open recent'))
    assert.deepEqual(
      found.map((match) => [match.item.label, match.item.action]),
      [['Open recent: payments', { kind: 'workspace', path: '/home/me/projects/payments' }]],
    )
  })

  it('shows each command with its keys', () => {
    const theme = flattenGroups(index.search('>dark theme'))[0]
    assert.equal(theme?.item.label, 'Switch to dark theme')
    assert.equal(theme?.item.keys, 'Ctrl+Shift+L')
  })

  it('finds runs by number and saved queries by name', () => {
    assert.equal(flattenGroups(index.search('#run 1'))[0]?.item.id, 'run:1')
    assert.equal(flattenGroups(index.search('?accuracy'))[0]?.item.id, 'query:accuracy by trees')
  })

  it('returns nothing for nonsense', () => {
    assert.deepEqual(index.search('zzzzqqqq'), [])
  })
})

describe('splitByRanges', () => {
  it('splits text into plain and matched parts', () => {
    assert.deepEqual(splitByRanges('train_model', [[0, 4]]), [
      { text: 'train', matched: true },
      { text: '_model', matched: false },
    ])
  })

  it('merges overlaps and clips ranges outside the text', () => {
    assert.deepEqual(
      splitByRanges('abcdef', [
        [4, 99],
        [1, 2],
        [2, 3],
      ]),
      [
        { text: 'a', matched: false },
        { text: 'bc', matched: true },
        { text: 'd', matched: true },
        { text: 'ef', matched: true },
      ],
    )
    assert.deepEqual(splitByRanges('<b>x</b>', []), [{ text: '<b>x</b>', matched: false }])
  })
})

describe('nextActiveIndex', () => {
  it('wraps arrows and jumps with Home and End', () => {
    assert.equal(nextActiveIndex('ArrowDown', 4, 5), 0)
    assert.equal(nextActiveIndex('ArrowUp', 0, 5), 4)
    assert.equal(nextActiveIndex('ArrowDown', -1, 5), 0)
    assert.equal(nextActiveIndex('End', 0, 5), 4)
    assert.equal(nextActiveIndex('Home', 3, 5), 0)
    assert.equal(nextActiveIndex('a', 3, 5), null)
    assert.equal(nextActiveIndex('ArrowDown', 0, 0), null)
  })
})
