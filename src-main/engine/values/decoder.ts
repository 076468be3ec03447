import { EngineError } from '../errors'
import { type BlobId } from '../ids'
import { ByteReader, CallerError, callUser, malformed } from './byte-reader'
import { type Codec, type CodecRegistry, defaultCodecs } from './codecs'
import { FORMAT_VERSION, MAX_DEPTH, Tag } from './format'

const Frame = { array: 0, object: 1, map: 2, set: 3, codec: 4 } as const
const NO_KEY = Symbol('no key')
/** Returned by readNode when it opened a container whose children follow. */
const OPENED = Symbol('opened')
const MAX_ARRAY_LENGTH = 2 ** 32 - 1

type TypedArrayConstructor = new (
  buffer: ArrayBuffer,
  byteOffset: number,
  length: number,
) => unknown

/**
 * Rebuilds a value from its storage encoding. `loadChunk` returns the bytes of a chunk id the
 * encoder listed. Malformed bytes are a `value.undecodable` EngineError; errors thrown by
 * `loadChunk` or by a codec's decode pass through unchanged.
 */
export function decodeValue(
  bytes: Uint8Array,
  loadChunk: (id: BlobId) => Uint8Array,
  codecs: CodecRegistry = defaultCodecs,
): unknown {
  try {
    return new ValueDecoder(bytes, loadChunk, codecs).run()
  } catch (error) {
    if (error instanceof CallerError) throw error.error
    if (error instanceof EngineError) throw error
    throw malformed(error instanceof Error ? error.message : String(error), error)
  }
}

/** Chunk ids referenced by a storage encoding, in first-use order, each once. */
export function chunkIdsOf(bytes: Uint8Array): BlobId[] {
  try {
    const reader = new ByteReader(bytes)
    readFormatVersion(reader)
    const ids: BlobId[] = []
    // The format is prefix-counted, so counting the nodes still owed is enough to walk it.
    let pending = 1
    while (pending > 0) {
      const tag = reader.byte()
      pending--
      if (reader.skipLeafBody(tag, ids)) continue
      switch (tag) {
        case Tag.holes:
          pending -= reader.varint() - 1
          break
        case Tag.array:
        case Tag.set:
          pending += reader.varint()
          break
        case Tag.object:
        case Tag.map:
          pending += reader.varint() * 2
          break
        default:
          reader.string()
          pending += 1
      }
    }
    return [...new Set(ids)]
  } catch (error) {
    if (error instanceof EngineError) throw error
    throw malformed(error instanceof Error ? error.message : String(error), error)
  }
}

function readFormatVersion(reader: ByteReader): void {
  const version = reader.byte()
  if (version !== FORMAT_VERSION) {
    throw new EngineError(
      'value.undecodable',
      `the value was stored in encoding format ${version}; this build reads format ${FORMAT_VERSION}`,
      { formatVersion: version },
    )
  }
}

class ValueDecoder {
  private readonly reader: ByteReader
  private top = -1
  private readonly kinds: number[] = []
  /** The container being filled; for a codec frame, its data once read. */
  private readonly values: unknown[] = []
  private readonly codecsOfFrames: (Codec | undefined)[] = []
  private readonly nextIndex: number[] = []
  /** Children still owed: elements for arrays and Sets, entries for objects and Maps. */
  private readonly remaining: number[] = []
  private readonly pendingKeys: unknown[] = []

  constructor(
    bytes: Uint8Array,
    private readonly loadChunk: (id: BlobId) => Uint8Array,
    private readonly codecs: CodecRegistry,
  ) {
    this.reader = new ByteReader(bytes)
  }

  run(): unknown {
    const reader = this.reader
    readFormatVersion(reader)
    for (;;) {
      const tag = reader.byte()
      let value: unknown
      if (tag === Tag.holes) {
        if (!this.skipHoles()) continue
        value = this.closeFrame()
      } else {
        value = this.readNode(tag)
        if (value === OPENED) continue
      }
      while (this.top >= 0 && this.deliver(value)) value = this.closeFrame()
      if (this.top < 0) {
        if (reader.remaining > 0) throw malformed('there are bytes after the value')
        return value
      }
    }
  }

  private readNode(tag: number): unknown {
    const reader = this.reader
    switch (tag) {
      case Tag.undefined:
        return undefined
      case Tag.null:
        return null
      case Tag.false:
        return false
      case Tag.true:
        return true
      case Tag.int: {
        const zigzag = reader.varint()
        if (zigzag > 0xffffffff) throw malformed('an integer is out of range')
        return (zigzag >>> 1) ^ -(zigzag & 1)
      }
      case Tag.float:
        return reader.float64()
      case Tag.bigintPositive:
      case Tag.bigintNegative:
        return this.readBigint(tag === Tag.bigintNegative)
      case Tag.string:
      case Tag.string16:
        return reader.stringBody(tag)
      case Tag.date:
        return new Date(reader.float64())
      case Tag.array: {
        const length = reader.varint()
        if (length > MAX_ARRAY_LENGTH) throw malformed('an array is too long')
        const array = new Array<unknown>(length)
        if (length === 0) return array
        // No size check against the data here: a run of holes is a few bytes for any length.
        this.pushFrame(Frame.array, array, length, undefined)
        return OPENED
      }
      case Tag.object:
        return this.openFrame(Frame.object, {}, reader.varint())
      case Tag.map:
        return this.openFrame(Frame.map, new Map(), reader.varint())
      case Tag.set:
        return this.openFrame(Frame.set, new Set(), reader.varint())
      case Tag.codec:
        return this.openCodecFrame(reader.string())
      case Tag.backReference:
        return this.backReference(reader.varint())
      case Tag.typedArray: {
        const kind = reader.typedArrayKind()
        const length = reader.varint()
        const constructor = (globalThis as Record<string, unknown>)[kind.name]
        if (typeof constructor !== 'function') {
          throw new EngineError(
            'value.undecodable',
            `the value contains a ${kind.name}, which this runtime does not have`,
          )
        }
        const payload = reader.payload(length * kind.bytesPerElement, this.loadChunk)
        return new (constructor as TypedArrayConstructor)(payload.buffer as ArrayBuffer, 0, length)
      }
      case Tag.arrayBuffer:
        return reader.payload(reader.varint(), this.loadChunk).buffer
      case Tag.dataView:
        return new DataView(reader.payload(reader.varint(), this.loadChunk).buffer)
      default:
        throw malformed(`unknown tag 0x${tag.toString(16)}`)
    }
  }

  private readBigint(negative: boolean): bigint {
    const bytes = this.reader.take(this.reader.varint())
    let hex = ''
    for (let index = bytes.length - 1; index >= 0; index--) {
      hex += (bytes[index] as number).toString(16).padStart(2, '0')
    }
    const magnitude = hex === '' ? 0n : BigInt(`0x${hex}`)
    return negative ? -magnitude : magnitude
  }

  private openFrame(kind: number, container: unknown, count: number): unknown {
    if (count === 0) return container
    // Every entry takes at least one byte: a larger count can only be a corrupt length.
    if (count > this.reader.remaining) throw malformed('a count is larger than the data')
    this.pushFrame(kind, container, count, undefined)
    return OPENED
  }

  private openCodecFrame(name: string): unknown {
    const codec = this.codecs.get(name)
    if (codec === undefined) {
      throw new EngineError(
        'value.undecodable',
        `value was stored with codec '${name}', which is not registered in this process; call registerCodec() before loading it`,
        { codec: name },
      )
    }
    this.pushFrame(Frame.codec, undefined, 1, codec)
    return OPENED
  }

  private pushFrame(kind: number, container: unknown, count: number, codec: Codec | undefined) {
    const depth = this.top + 1
    if (depth >= MAX_DEPTH) throw malformed(`it nests deeper than ${MAX_DEPTH} levels`)
    this.top = depth
    this.kinds[depth] = kind
    this.values[depth] = container
    this.codecsOfFrames[depth] = codec
    this.nextIndex[depth] = 0
    this.remaining[depth] = count
    this.pendingKeys[depth] = NO_KEY
  }

  /** Pops the finished top frame and returns its value. */
  private closeFrame(): unknown {
    const depth = this.top
    const value = this.values[depth]
    const codec = this.codecsOfFrames[depth]
    this.values[depth] = undefined
    this.pendingKeys[depth] = undefined
    this.codecsOfFrames[depth] = undefined
    this.top = depth - 1
    return codec === undefined ? value : callUser(() => codec.decode(value))
  }

  private backReference(depth: number): unknown {
    if (depth > this.top || this.kinds[depth] === Frame.codec) {
      throw malformed('a back-reference points to no enclosing container')
    }
    return this.values[depth]
  }

  /** Applies a holes run to the top array; true when that completed the array. */
  private skipHoles(): boolean {
    const frame = this.top
    const count = this.reader.varint()
    if (frame < 0 || this.kinds[frame] !== Frame.array) {
      throw malformed('array holes outside an array')
    }
    const remaining = this.remaining[frame] as number
    if (count < 1 || count > remaining) throw malformed('an array has too many holes')
    this.nextIndex[frame] = (this.nextIndex[frame] as number) + count
    this.remaining[frame] = remaining - count
    return remaining === count
  }

  /** Puts a finished child into the top frame; true when that completed the frame. */
  private deliver(child: unknown): boolean {
    const frame = this.top
    const container = this.values[frame]
    switch (this.kinds[frame]) {
      case Frame.array: {
        const index = this.nextIndex[frame] as number
        ;(container as unknown[])[index] = child
        this.nextIndex[frame] = index + 1
        break
      }
      case Frame.set:
        ;(container as Set<unknown>).add(child)
        break
      case Frame.codec:
        this.values[frame] = child
        break
      default: {
        const key = this.pendingKeys[frame]
        if (key === NO_KEY) {
          if (this.kinds[frame] === Frame.object && typeof child !== 'string') {
            throw malformed('an object key is not a string')
          }
          this.pendingKeys[frame] = child
          return false
        }
        this.pendingKeys[frame] = NO_KEY
        if (this.kinds[frame] === Frame.map) {
          ;(container as Map<unknown, unknown>).set(key, child)
        } else if (key === '__proto__') {
          // Assignment would set the prototype; the encoded object had an own property.
          Object.defineProperty(container, key, {
            value: child,
            writable: true,
            enumerable: true,
            configurable: true,
          })
        } else {
          ;(container as Record<string, unknown>)[key as string] = child
        }
      }
    }
    const left = (this.remaining[frame] as number) - 1
    this.remaining[frame] = left
    return left === 0
  }
}
