import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { CodecRegistry, EngineError, op, Storage } from '../index'
import { newWorkspacePath } from '../testing/temp-dirs'

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}

  norm(): number {
    return Math.hypot(this.x, this.y)
  }
}

const pointCodec = {
  name: 'test.Point',
  class: Point,
  encode: (point: Point) => [point.x, point.y],
  decode: ([x, y]: number[]) => new Point(x ?? 0, y ?? 0),
}

describe('values in storage', () => {
  test('V11: instances of a registered class are stored through their codec and come back as instances', async () => {
    const dir = newWorkspacePath()
    const codecs = new CodecRegistry()
    codecs.register(pointCodec)
    const shift = op(function shift(point: Point, dx: number) {
      return new Point(point.x + dx, point.y)
    })
    let storage = await Storage.open(dir, { codecs })
    await storage.run(() => shift(new Point(3, 4), 1))
    storage.close()

    storage = await Storage.open(dir, { codecs })
    const moved = await storage.run(() => storage.unwrap(shift(new Point(3, 4), 1)))
    assert.ok(moved instanceof Point)
    assert.equal(moved.x, 4)
    assert.equal(storage.runs()[0]?.hits, 1)
    storage.close()

    // Without the codec the class is refused when hashing, and stored values cannot be read.
    storage = await Storage.open(dir)
    await storage.run(() => {
      assert.throws(
        () => shift(new Point(3, 4), 1),
        (error: unknown) =>
          error instanceof EngineError &&
          error.code === 'value.unencodable' &&
          /class Point/.test(error.message),
      )
    })
    storage.close()
  })

  test('V7, V12: big typed arrays are chunked; arrays that differ in one chunk share the others', async () => {
    const dir = newWorkspacePath()
    const storage = await Storage.open(dir)
    const series = op(function series(changeAt: number) {
      const values = new Float64Array(4 * 32_768) // four 256 KiB chunks
      values.fill(1)
      if (changeAt >= 0) values[changeAt] = 2
      return values
    })
    await storage.run(() => series(-1))
    const afterFirst = storage.stats().blobs
    await storage.run(() => series(0))
    const afterSecond = storage.stats().blobs
    // A 1 MiB array of ones is one chunk stored once; the changed array adds one chunk.
    assert.equal(afterFirst, 1)
    assert.equal(afterSecond, 2)
    const loaded = await storage.run(() => storage.unwrap(series(0)))
    assert.equal(loaded.length, 4 * 32_768)
    assert.deepEqual([loaded[0], loaded[1], loaded.at(-1)], [2, 1, 1])
    storage.close()
  })
})
