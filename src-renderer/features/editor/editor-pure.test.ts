import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { consoleLines } from './console-lines'
import { runErrorMarker, locationText } from './run-error'
import { formatRunDuration, progressText, resultText } from './run-format'
import { defaultOpenFile, fileListEntries, languageOf } from './workspace-files'
import { runBlockedReason } from './run-blocked'
import { ERROR_CODES } from '../../../src-shared/errors'
import { type WorkspaceInfo } from '../../../src-shared/host/contract'

describe('workspace files', () => {
  it('picks the Monaco language by extension', () => {
    assert.equal(languageOf('forest.ts'), 'typescript')
    assert.equal(languageOf('lib/a.MJS'), 'javascript')
    assert.equal(languageOf('memograph.json'), 'json')
    assert.equal(languageOf('README.md'), 'markdown')
    assert.equal(languageOf('Makefile'), 'plaintext')
  })

  it('lists top-level files first, then each folder, by name', () => {
    const entries = fileListEntries([
      { path: 'lib/z.ts', size: 1 },
      { path: 'main.ts', size: 1 },
      { path: 'forest.ts', size: 1 },
      { path: 'lib/a.ts', size: 3_000_000 },
    ])
    assert.deepEqual(
      entries.map((entry) => [entry.folder, entry.name, entry.editable]),
      [
        ['', 'forest.ts', true],
        ['', 'main.ts', true],
        ['lib/', 'a.ts', false],
        ['lib/', 'z.ts', true],
      ],
    )
  })

  it('opens the entry first, else the first TypeScript file', () => {
    const files = [
      { path: 'README.md', size: 1 },
      { path: 'forest.ts', size: 1 },
      { path: 'main.ts', size: 1 },
    ]
    assert.equal(defaultOpenFile(files, 'main.ts'), 'main.ts')
    assert.equal(defaultOpenFile(files, 'gone.ts'), 'forest.ts')
    assert.equal(defaultOpenFile([{ path: 'README.md', size: 1 }], null), 'README.md')
    assert.equal(defaultOpenFile([], 'main.ts'), null)
  })
})

describe('run status text', () => {
  it('says the totals in words', () => {
    assert.equal(
      progressText({ calls: 42, hits: 40, executed: 2, failed: 0 }),
      '42 calls · 40 hits · 2 executed · 0 failed',
    )
    assert.equal(progressText(null), '0 calls · 0 hits · 0 executed · 0 failed')
    assert.equal(
      progressText({ calls: 1, hits: 1, executed: 0, failed: 0 }).slice(0, 13),
      '1 call · 1 hi',
    )
  })

  it('says how a run ended and how long it took', () => {
    const result = { runId: 3, error: null, durationMs: 1200 }
    assert.equal(resultText({ ...result, status: 'succeeded' }), 'Succeeded in 1.20 s')
    assert.equal(
      resultText({ ...result, status: 'failed', durationMs: 300 }),
      'Failed after 300 ms',
    )
    assert.equal(resultText({ ...result, status: 'cancelled' }), 'Cancelled after 1.20 s')
    assert.equal(formatRunDuration(75_000), '1 min 15 s')
  })
})

describe('console lines', () => {
  it('joins a line split over chunks of the same stream', () => {
    assert.deepEqual(
      consoleLines([
        { stream: 'stdout', text: 'seed=0 ' },
        { stream: 'stdout', text: 'acc=0.9\nnext\n' },
        { stream: 'stdout', text: '\n' },
      ]),
      [
        { stream: 'stdout', text: 'seed=0 acc=0.9' },
        { stream: 'stdout', text: 'next' },
        { stream: 'stdout', text: '' },
      ],
    )
  })

  it('starts a new line when the other stream interrupts', () => {
    assert.deepEqual(
      consoleLines([
        { stream: 'stdout', text: 'partial' },
        { stream: 'stderr', text: 'warning\r\n' },
        { stream: 'stdout', text: 'rest\n' },
      ]),
      [
        { stream: 'stdout', text: 'partial' },
        { stream: 'stderr', text: 'warning' },
        { stream: 'stdout', text: 'rest' },
      ],
    )
  })
})

describe('run error markers', () => {
  it('places an error with a location, and ignores one without', () => {
    const marker = runErrorMarker({
      code: ERROR_CODES.runnerScript,
      message: 'boom',
      location: { file: 'forest.ts', line: 88, column: 5 },
    })
    assert.deepEqual(marker, { file: 'forest.ts', line: 88, column: 5, message: 'boom' })
    assert.equal(marker === null ? '' : locationText(marker), 'forest.ts:88:5')
    assert.equal(runErrorMarker({ code: ERROR_CODES.runnerCancelled, message: 'stop' }), null)
    assert.equal(runErrorMarker(null), null)
  })
})

describe('why Run is disabled', () => {
  const workspace: WorkspaceInfo = {
    path: '/p',
    storageDir: '/p/.memograph',
    runCount: 2,
    codeDir: '/p',
    entry: 'main.ts',
    trusted: true,
  }

  it('explains each missing precondition, and nothing when the code can run', () => {
    assert.equal(runBlockedReason(workspace), null)
    assert.match(runBlockedReason({ ...workspace, trusted: false }) ?? '', /Trust this folder/)
    assert.match(runBlockedReason({ ...workspace, codeDir: null }) ?? '', /without its code/)
    assert.match(runBlockedReason({ ...workspace, entry: null }) ?? '', /No entry file/)
    assert.match(runBlockedReason(null) ?? '', /Open a workspace/)
  })
})
