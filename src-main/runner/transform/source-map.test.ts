import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping'
import { tempDir } from '../../engine/testing/temp-dirs'
import { runBundle, writeWorkspace } from './test-loader'
import { transformWorkspace } from './transform-workspace'

const LIB = [
  "export function onFirstLine(): never { throw new Error('first') }",
  'interface Unused {',
  '  field: string',
  '}',
  'export class Thrower<T> {',
  '  constructor(private readonly label: string = "x") {}',
  '  fail(value: T): never {',
  '    const message: string = `failed with ${String(value)}`;      throw new Error(message)',
  '  }',
  '}',
].join('\n')

/** 1-based line and 0-based column of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle)
  assert.ok(offset >= 0, needle)
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: (before[before.length - 1] ?? '').length }
}

describe('source maps', () => {
  it('map a thrown error back to its exact TypeScript line and column', async () => {
    const root = tempDir('memograph-map-')
    writeWorkspace(root, {
      'main.ts': [
        "import { onFirstLine, Thrower } from './lib'",
        'export const errors: unknown[] = []',
        'try { onFirstLine() } catch (error) { errors.push(error) }',
        'try { new Thrower<number>().fail(7) } catch (error) { errors.push(error) }',
      ].join('\n'),
      'lib.ts': LIB.replace('private readonly label: string = "x"', 'label = "x"'),
    })
    const bundle = await transformWorkspace(root, 'main.ts')
    const lib = bundle.modules.find((module) => module.path === 'lib.ts')
    assert.ok(lib)
    const map = new TraceMap(lib.map)
    assert.deepEqual(map.sources, ['lib.ts'])
    const typescript = LIB.replace('private readonly label: string = "x"', 'label = "x"')
    assert.equal(map.sourcesContent?.[0], typescript)

    const { exports } = await runBundle(bundle)
    const errors = exports.errors as Error[]
    const expected = [
      positionOf(typescript, "new Error('first')"),
      positionOf(typescript, 'new Error(message)'),
    ]
    assert.equal(errors.length, 2)
    errors.forEach((error, position) => {
      const frame = /lib\.ts:(\d+):(\d+)/.exec(error.stack ?? '')
      assert.ok(frame, error.stack)
      const original = originalPositionFor(map, {
        line: Number(frame[1]),
        column: Number(frame[2]) - 1,
      })
      assert.deepEqual(
        { source: original.source, line: original.line, column: original.column },
        { source: 'lib.ts', ...expected[position] },
      )
    })
  })

  it('map every token of the output to the same token of the TypeScript', async () => {
    const root = tempDir('memograph-map-')
    const typescript = LIB.replace('private readonly label: string = "x"', 'label = "x"')
    writeWorkspace(root, { 'main.ts': "import './lib'", 'lib.ts': typescript })
    const bundle = await transformWorkspace(root, 'main.ts')
    const lib = bundle.modules.find((module) => module.path === 'lib.ts')
    assert.ok(lib)
    const map = new TraceMap(lib.map)
    const sourceLines = typescript.split('\n')
    const prologueLength = lib.code.indexOf('function onFirstLine')
    let checked = 0
    lib.code.split('\n').forEach((line, lineIndex) => {
      // Inserted code (the prologue, enter hooks) maps to where it was inserted: skip it.
      const inserted = [
        ...line.matchAll(/(#__memograph_shell = )?__memograph_tracker\.enter\(\d+\);/g),
      ].map((match) => [match.index, match.index + match[0].length] as const)
      if (lineIndex === 0) inserted.push([0, prologueLength])
      for (const match of line.matchAll(/[A-Za-z_$][\w$]*|`[^`]*`|'[^']*'|\d+/g)) {
        if (inserted.some(([start, end]) => match.index >= start && match.index < end)) continue
        const original = originalPositionFor(map, { line: lineIndex + 1, column: match.index })
        assert.ok(original.line !== null && original.column !== null, match[0])
        checked++
        const originalText = sourceLines[original.line - 1]?.slice(
          original.column,
          original.column + match[0].length,
        )
        assert.equal(originalText, match[0], `line ${lineIndex + 1}: ${line}`)
        assert.equal(original.line, lineIndex + 1)
      }
    })
    assert.ok(checked >= 15)
  })
})
