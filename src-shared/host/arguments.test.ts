import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { EMPTY_PATTERN } from '../query/pattern'
import { MAX_QUERY_ROW_LIMIT } from '../query/results'
import { MAX_QUERY_CODE_LENGTH, parseHostArguments } from './arguments'
import { type HostMethod } from './contract'

function accepted(method: HostMethod, args: unknown): unknown {
  const check = parseHostArguments(method, args)
  if (!check.ok) assert.fail(`${method} ${JSON.stringify(args)} refused: ${check.message}`)
  return check.value
}

function refusal(method: HostMethod, args: unknown): string {
  const check = parseHostArguments(method, args)
  if (check.ok) assert.fail(`${method} ${JSON.stringify(args)} was accepted`)
  return check.message
}

const PATTERN = {
  kind: 'pattern',
  variables: [{ kind: 'variable', id: 'x', pin: [{ kind: 'literal', value: [1, { a: 'b' }] }] }],
  calls: [
    {
      kind: 'call',
      id: 'call0',
      op: 'inc',
      version: { kind: 'exact', versionKey: 'abc' },
      inputs: [{ name: 'x', variable: 'x' }],
      outputs: [],
    },
  ],
  elementsOf: [{ kind: 'elementOf', collection: 'c', element: 'x', key: null }],
  collectionsOf: [
    {
      kind: 'collectionOf',
      collection: 'c',
      collectionKind: 'list',
      elements: [{ element: 'x', key: 'k' }],
    },
  ],
  select: ['x'],
}

describe('host arguments of the workspace, file, call and query methods', () => {
  it('takes no arguments where none are declared', () => {
    for (const method of [
      'workspace.recent',
      'files.list',
      'query.catalog',
      'queries.list',
    ] as const) {
      assert.deepEqual(accepted(method, {}), {})
      assert.deepEqual(accepted(method, undefined), {})
      assert.match(refusal(method, { extra: 1 }), /unknown argument\(s\): extra/)
      assert.match(refusal(method, []), /expects an arguments object/)
    }
  })

  it('files.read and files.write take project-relative paths only', () => {
    assert.deepEqual(accepted('files.read', { path: 'lib/a.ts' }), { path: 'lib/a.ts' })
    assert.deepEqual(accepted('files.write', { path: 'a.ts', text: '' }), {
      path: 'a.ts',
      text: '',
    })
    for (const path of [
      '',
      ' ',
      '/etc/passwd',
      '\\\\server\\x',
      'C:/x.ts',
      '../x.ts',
      'a/../../x',
      'a\\..\\x',
      'a\0b',
      7,
    ]) {
      assert.match(refusal('files.read', { path }), /relative to the project folder/, String(path))
    }
    assert.match(refusal('files.write', { path: 'a.ts' }), /files\.write needs `text`/)
    assert.match(refusal('files.write', { path: 'a.ts', text: 1 }), /files\.write needs `text`/)
    assert.match(refusal('files.read', { path: 'a.ts', text: '' }), /unknown argument\(s\): text/)
  })

  it('runs.graph and calls.get take ids', () => {
    assert.deepEqual(accepted('runs.graph', { id: 3 }), { id: 3 })
    for (const id of [0, -1, 1.5, '1', null]) {
      assert.match(refusal('runs.graph', { id }), /positive integer `id`/)
    }
    assert.deepEqual(accepted('calls.get', { callId: 'abc' }), { callId: 'abc' })
    assert.deepEqual(accepted('calls.get', { callId: 'abc', runId: 2 }), {
      callId: 'abc',
      runId: 2,
    })
    assert.match(refusal('calls.get', { callId: '' }), /needs `callId`/)
    assert.match(refusal('calls.get', {}), /needs `callId`/)
    assert.match(
      refusal('calls.get', { callId: 'a', runId: 0 }),
      /`runId` must be a positive integer/,
    )
  })

  it('query.parse takes code; query.run a pattern-shaped object, distinct and limit', () => {
    assert.deepEqual(accepted('query.parse', { code: '' }), { code: '' })
    assert.match(refusal('query.parse', { code: 5 }), /needs `code`/)
    assert.match(
      refusal('query.parse', { code: 'x'.repeat(MAX_QUERY_CODE_LENGTH + 1) }),
      /needs `code`/,
    )

    assert.deepEqual(accepted('query.run', { pattern: EMPTY_PATTERN }), { pattern: EMPTY_PATTERN })
    assert.deepEqual(accepted('query.run', { pattern: PATTERN, distinct: false, limit: 10 }), {
      pattern: PATTERN,
      distinct: false,
      limit: 10,
    })
    const broken: [unknown, RegExp][] = [
      [null, /must be an object/],
      [{ ...PATTERN, kind: 'query' }, /`kind` must be 'pattern'/],
      [{ ...PATTERN, variables: {} }, /`variables` variables must be an array/],
      [{ ...PATTERN, select: [1] }, /select\[0\]: must be a string/],
      [
        {
          ...PATTERN,
          variables: [{ kind: 'variable', id: 'x', pin: [{ kind: 'literal', value: () => 1 }] }],
        },
        /variables\[0\]: `pin` pin\[0\]: `value` must be JSON-like data/,
      ],
      [
        { ...PATTERN, calls: [{ ...PATTERN.calls[0], version: { kind: 'newest' } }] },
        /calls\[0\]: `version` `kind` must be 'current', 'all' or 'exact'/,
      ],
      [
        { ...PATTERN, calls: [{ ...PATTERN.calls[0], inputs: [{ name: 'x' }] }] },
        /calls\[0\]: `inputs` inputs\[0\]: `variable` must be a string/,
      ],
      [
        { ...PATTERN, collectionsOf: [{ ...PATTERN.collectionsOf[0], collectionKind: 'tuple' }] },
        /`collectionKind` must be 'list', 'object', 'map' or 'set'/,
      ],
    ]
    for (const [pattern, message] of broken) {
      assert.match(refusal('query.run', { pattern }), message)
    }
    assert.match(
      refusal('query.run', { pattern: PATTERN, distinct: 'yes' }),
      /`distinct` must be a boolean/,
    )
    for (const limit of [0, MAX_QUERY_ROW_LIMIT + 1, 2.5]) {
      assert.match(refusal('query.run', { pattern: PATTERN, limit }), /`limit` must be an integer/)
    }
  })

  it('query.similar takes an id; saved queries take a name of at most 100 characters', () => {
    assert.deepEqual(accepted('query.similar', { hid: 'abc' }), { hid: 'abc' })
    assert.match(refusal('query.similar', { hid: '' }), /needs `hid`/)
    assert.deepEqual(accepted('queries.save', { name: 'forests', code: 'c' }), {
      name: 'forests',
      code: 'c',
    })
    assert.deepEqual(accepted('queries.delete', { name: 'x'.repeat(100) }), {
      name: 'x'.repeat(100),
    })
    for (const name of ['', '  ', 'x'.repeat(101), 3]) {
      assert.match(refusal('queries.save', { name, code: 'c' }), /non-empty name of at most 100/)
      assert.match(refusal('queries.delete', { name }), /non-empty name of at most 100/)
    }
    assert.match(refusal('queries.save', { name: 'a' }), /needs `code`/)
  })
})
