import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { op, Storage, type Ref } from '../index'
import { add, inc, total } from '../testing/sample-ops'

const split = op(
  function split(text: string) {
    return text.split(' ')
  },
  { elementwise: true },
)
const shout = op(function shout(word: string) {
  return word.toUpperCase()
})
const ratio = op(function ratio(parts: { top: number; bottom: number }) {
  return parts.top / parts.bottom
})

describe('similar(): provenance and projection', () => {
  test('Q6: an element of an op output taken out with storage.elements() is an elementOf its collection', async () => {
    const storage = await Storage.open()
    const loud = await storage.run(() => {
      const words = split('make some noise') as Ref
      const [, second] = storage.elements(words) as Ref<string>[]
      shout((storage.elements(split('quiet please')) as Ref<string>[])[0] as Ref<string>)
      return shout(second as Ref<string>)
    })
    const { code, table } = storage.similar(loud, { context: true })
    assert.equal(
      code,
      [
        '(q) => {',
        '  const text = q.any()',
        '  const splitResult = split(text)',
        '  const word = q.elementOf(splitResult)',
        '  const shoutResult = shout(word)',
        '  return { text, splitResult, word, shoutResult }',
        '}',
      ].join('\n'),
    )
    assert.deepEqual(
      new Set(table.column('shoutResult').map((cell) => storage.unwrap(cell))),
      new Set(['SOME', 'QUIET']),
    )
    storage.close()
  })

  test('Q6: names are canonical: the same shape computed in another order prints the same code', async () => {
    const codes: string[] = []
    for (const order of [
      [1, 2, 3],
      [3, 1, 2],
    ]) {
      const storage = await Storage.open()
      const result = await storage.run(() => total(order.map((x) => add(inc(x), x))))
      codes.push(storage.similar(result, { context: true }).code)
      storage.close()
    }
    assert.equal(codes[0], codes[1])
    assert.match(codes[0] ?? '', /const xs = q\.collectionOf\('list', \[addResult\]\)/)
  })

  test('Q6: a raw value is a source at each use, so equal constants do not make roles of their own', async () => {
    const storage = await Storage.open()
    const result = await storage.run(() => {
      const base = inc(3)
      // 3 is also one of the elements' inputs: by coincidence, not by history.
      return total([1, 2, 3, 4].map((x) => add(base, x)))
    })
    const { pattern, table } = storage.similar(result, { context: true })
    assert.deepEqual(pattern.calls.map((call) => call.op).sort(), ['add', 'inc', 'total'])
    assert.equal(new Set(table.column('y').map((cell) => storage.unwrap(cell))).size, 4)
    storage.close()
  })

  test('Q6: object keys are roles: { top, bottom } keeps two element variables', async () => {
    const storage = await Storage.open()
    const result = await storage.run(() => ratio({ top: inc(1), bottom: inc(3) }))
    const { pattern } = storage.similar(result)
    assert.equal(pattern.collectionsOf[0]?.collectionKind, 'object')
    assert.equal(pattern.collectionsOf[0]?.elements.length, 2)
    assert.deepEqual(pattern.calls.map((call) => call.op).sort(), ['inc', 'inc', 'ratio'])
    storage.close()
  })
})
