import { types } from 'node:util'
import { digestId, type BlobId } from '../ids'
import { ByteWriter } from '../bytes/byte-writer'
import { writeBigint, writeNumber, writeString } from './scalar-writers'
import { classifyObject, classNameOf, ObjectKind, refusalHint, typedArrayNameOf } from './classify'
import { type Codec, type CodecRegistry } from './codecs'
import { type EncodeSite, RefFoundSignal, rootNameOf, unencodableError } from './encode-errors'
import { Frame, FrameStack } from './frame-stack'
import {
  arrayBufferByteLength,
  dataViewBuffer,
  dataViewByteLength,
  dataViewByteOffset,
  dateGetTime,
  mapEntriesOf,
  setElementsOf,
  typedArrayBuffer,
  typedArrayByteLength,
  typedArrayByteOffset,
  typedArrayLength,
} from './intrinsics'
import {
  CHUNK_SIZE,
  FORMAT_VERSION,
  HOST_IS_LITTLE_ENDIAN,
  MAX_DEPTH,
  Tag,
  TYPED_ARRAY_KINDS_BY_NAME,
} from './format'

/** Refs carry `[REF_BRAND]: true`; Symbol.for so a second copy of this module agrees. */
export const REF_BRAND: unique symbol = Symbol.for('memograph.ref')

export interface EncodedChunk {
  readonly id: BlobId
  readonly bytes: Uint8Array
}

export interface StorageEncoding {
  readonly bytes: Uint8Array
  readonly chunks: readonly EncodedChunk[]
  /**
   * Where the entries of each object, Map and Set with two or more entries lie in `bytes`, in
   * the order the containers closed (innermost first): `count, start × count, end` per
   * container. Empty when no order needs erasing. Valid until the encoder's next call.
   */
  readonly sortLog: readonly number[]
}

const NO_CHUNKS: readonly EncodedChunk[] = Object.freeze([])
const objectPrototype = Object.prototype
const arrayPrototype = Array.prototype

/**
 * Walks a value iteratively (an explicit frame stack, so depth is bounded by MAX_DEPTH, not by
 * the call stack) and writes its storage encoding. One instance is reused across calls.
 */
export class ValueEncoder {
  busy = false
  private readonly writer = new ByteWriter()
  private readonly stack = new FrameStack()
  private site: EncodeSite | undefined
  private codecs!: CodecRegistry
  private chunks: EncodedChunk[] = []
  private chunkIds = new Set<string>()

  encode(value: unknown, site: EncodeSite | undefined, codecs: CodecRegistry): StorageEncoding {
    this.site = site
    this.codecs = codecs
    this.stack.reset()
    this.writer.reset()
    this.writer.byte(FORMAT_VERSION)
    try {
      this.writeValue(value)
      this.drainFrames()
      const chunks = this.chunks.length === 0 ? NO_CHUNKS : this.chunks
      return { bytes: this.writer.copy(), chunks, sortLog: this.stack.sortLog }
    } finally {
      this.stack.clear()
      this.site = undefined
      if (this.chunks.length > 0) {
        this.chunks = []
        this.chunkIds = new Set()
      }
    }
  }

  private drainFrames(): void {
    const stack = this.stack
    while (stack.top >= 0) {
      const frame = stack.top
      const next = stack.next[frame] as number
      if (next >= (stack.count[frame] as number)) {
        stack.close(this.writer.position)
        continue
      }
      const kind = stack.kinds[frame]
      if ((stack.entriesBase[frame] as number) >= 0 && (kind !== Frame.map || next % 2 === 0)) {
        stack.entryStarts.push(this.writer.position)
      }
      switch (kind) {
        case Frame.array: {
          const array = stack.values[frame] as unknown[]
          const element = array[next]
          if (element === undefined && !(next in array)) {
            this.writeHoles(array, next, frame)
          } else {
            stack.next[frame] = next + 1
            this.writeValue(element)
          }
          break
        }
        case Frame.object: {
          const key = (stack.items[frame] as string[])[next] as string
          stack.next[frame] = next + 1
          writeString(this.writer, key)
          this.writeValue((stack.values[frame] as Record<string, unknown>)[key])
          break
        }
        case Frame.codec:
          stack.next[frame] = 1
          this.writeValue(stack.items[frame])
          break
        default:
          stack.next[frame] = next + 1
          this.writeValue((stack.items[frame] as unknown[])[next])
      }
    }
  }

  private writeValue(value: unknown): void {
    switch (typeof value) {
      case 'number':
        return writeNumber(this.writer, value)
      case 'string':
        return writeString(this.writer, value)
      case 'boolean':
        return this.writer.byte(value ? Tag.true : Tag.false)
      case 'undefined':
        return this.writer.byte(Tag.undefined)
      case 'bigint':
        return writeBigint(this.writer, value)
      case 'object':
        return value === null ? this.writer.byte(Tag.null) : this.writeObject(value)
      case 'function':
        throw this.refuse('Function', 'a function', 'a function has no content id; pass data')
      case 'symbol':
        throw this.refuse('Symbol', 'a symbol', 'a symbol has no content id; pass a string')
    }
  }

  private writeObject(value: object): void {
    if ((value as { [REF_BRAND]?: unknown })[REF_BRAND] === true) {
      throw new RefFoundSignal(this.stack.path(rootNameOf(this.site), this.codecs))
    }
    const ancestor = this.stack.ancestorDepthOf(value)
    if (ancestor >= 0) {
      if (this.stack.kinds[ancestor] === Frame.codec) {
        const codec = this.codecs.forPrototype(Object.getPrototypeOf(value) as object)
        throw this.refuse(
          classNameOf(value),
          `a cycle through a value encoded by codec '${codec?.name ?? '?'}'`,
          "a codec's data must not contain the value itself",
        )
      }
      this.writer.byte(Tag.backReference)
      this.writer.varint(ancestor)
      return
    }
    const prototype = Object.getPrototypeOf(value) as object | null
    if (prototype === objectPrototype) return this.writePlainObject(value)
    if (prototype === arrayPrototype && Array.isArray(value)) return this.writeArray(value)
    const codec = this.codecs.forPrototype(prototype)
    if (codec !== undefined) return this.writeCodecValue(value, codec)
    switch (classifyObject(value, prototype)) {
      case ObjectKind.plain:
        return this.writePlainObject(value)
      case ObjectKind.array:
        return this.writeArray(value as unknown[])
      case ObjectKind.map:
        return this.writeMap(value)
      case ObjectKind.set:
        return this.writeSet(value)
      case ObjectKind.date:
        this.writer.byte(Tag.date)
        return this.writer.float64(dateGetTime.call(value))
      case ObjectKind.typedArray:
        return this.writeTypedArray(value as ArrayBufferView)
      case ObjectKind.arrayBuffer:
        this.writer.byte(Tag.arrayBuffer)
        this.writer.varint(arrayBufferByteLength.call(value))
        return this.writePayload(new Uint8Array(value as ArrayBuffer))
      case ObjectKind.dataView:
        return this.writeDataView(value as DataView)
      default:
        throw this.refuse(
          classNameOf(value),
          `a value of class ${classNameOf(value)}`,
          refusalHint(value),
        )
    }
  }

  private writePlainObject(value: object): void {
    const symbols = Object.getOwnPropertySymbols(value)
    if (symbols.length > 0) {
      throw this.refuse(
        'Object',
        `an object with a symbol key (${String(symbols[0])})`,
        'symbol-keyed properties have no content id; use string keys',
      )
    }
    const keys = Object.keys(value)
    this.writer.byte(Tag.object)
    this.writer.varint(keys.length)
    if (keys.length > 0) this.pushFrame(Frame.object, value, keys, keys.length)
  }

  /** Only indices 0..length-1 are encoded: other own properties of an array are ignored. */
  private writeArray(value: unknown[]): void {
    const length = value.length
    this.writer.byte(Tag.array)
    this.writer.varint(length)
    if (length > 0) this.pushFrame(Frame.array, value, undefined, length)
  }

  private writeHoles(array: unknown[], start: number, frame: number): void {
    const length = this.stack.count[frame] as number
    let end = start + 1
    while (end < length && array[end] === undefined && !(end in array)) end++
    this.stack.next[frame] = end
    this.writer.byte(Tag.holes)
    this.writer.varint(end - start)
  }

  private writeMap(value: object): void {
    const entries = mapEntriesOf(value)
    this.writer.byte(Tag.map)
    this.writer.varint(entries.length / 2)
    if (entries.length > 0) this.pushFrame(Frame.map, value, entries, entries.length)
  }

  private writeSet(value: object): void {
    const elements = setElementsOf(value)
    this.writer.byte(Tag.set)
    this.writer.varint(elements.length)
    if (elements.length > 0) this.pushFrame(Frame.set, value, elements, elements.length)
  }

  private writeCodecValue(value: object, codec: Codec): void {
    let data: unknown
    try {
      data = codec.encode(value)
    } catch (error) {
      if (error instanceof RefFoundSignal) throw error
      throw this.refuse(
        classNameOf(value),
        `a value of class ${classNameOf(value)}`,
        `codec '${codec.name}' failed: ${error instanceof Error ? error.message : String(error)}`,
        error,
      )
    }
    this.writer.byte(Tag.codec)
    writeString(this.writer, codec.name)
    this.pushFrame(Frame.codec, value, data, 1)
  }

  private writeTypedArray(view: ArrayBufferView): void {
    const buffer = typedArrayBuffer.call(view)
    const name = typedArrayNameOf(view)
    const kind = TYPED_ARRAY_KINDS_BY_NAME.get(name)
    if (kind === undefined) {
      throw this.refuse(name, `a value of class ${name}`, 'this typed array kind is not supported')
    }
    if (types.isSharedArrayBuffer(buffer)) {
      throw this.refuse(name, `a ${name} over a SharedArrayBuffer`, refusalHint(buffer))
    }
    if (kind.bytesPerElement > 1 && !HOST_IS_LITTLE_ENDIAN) {
      throw this.refuse(name, `a ${name}`, 'multi-byte arrays need a little-endian host')
    }
    const byteOffset = typedArrayByteOffset.call(view)
    const byteLength = typedArrayByteLength.call(view)
    this.writer.byte(Tag.typedArray)
    this.writer.byte(kind.code)
    this.writer.varint(typedArrayLength.call(view))
    this.writePayload(new Uint8Array(buffer, byteOffset, byteLength))
  }

  private writeDataView(view: DataView): void {
    const buffer = dataViewBuffer.call(view)
    if (types.isSharedArrayBuffer(buffer)) {
      throw this.refuse('DataView', 'a DataView over a SharedArrayBuffer', refusalHint(buffer))
    }
    const byteLength = dataViewByteLength.call(view)
    this.writer.byte(Tag.dataView)
    this.writer.varint(byteLength)
    this.writePayload(new Uint8Array(buffer, dataViewByteOffset.call(view), byteLength))
  }

  /** Inline up to CHUNK_SIZE; above, the ids of CHUNK_SIZE pieces (the last may be shorter). */
  private writePayload(bytes: Uint8Array): void {
    if (bytes.length <= CHUNK_SIZE) return this.writer.bytes(bytes)
    for (let start = 0; start < bytes.length; start += CHUNK_SIZE) {
      const piece = bytes.subarray(start, Math.min(bytes.length, start + CHUNK_SIZE))
      const id = digestId(piece) as BlobId
      if (!this.chunkIds.has(id)) {
        this.chunkIds.add(id)
        // A copy: the caller stores chunks later, and the array may be mutated by then.
        this.chunks.push({ id, bytes: piece.slice() })
      }
      this.writer.ascii(id)
    }
  }

  private pushFrame(kind: number, value: object, items: unknown, count: number): void {
    if (this.stack.top + 1 >= MAX_DEPTH) {
      throw this.refuse(
        classNameOf(value),
        `a value nested deeper than ${MAX_DEPTH} levels`,
        'flatten the structure or register a codec for it',
      )
    }
    this.stack.push(kind, value, items, count)
  }

  private refuse(className: string, what: string, hint: string, cause?: unknown): Error {
    const path = this.stack.path(rootNameOf(this.site), this.codecs)
    return unencodableError(this.site, path, className, what, hint, cause)
  }
}
