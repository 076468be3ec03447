import { ByteReader as BaseByteReader } from '../bytes/byte-reader'
import { EngineError } from '../errors'
import { type BlobId } from '../ids'
import {
  CHUNK_ID_LENGTH,
  CHUNK_SIZE,
  chunkCountOf,
  Tag,
  TYPED_ARRAY_KINDS_BY_CODE,
  type TypedArrayKind,
} from './format'

export function malformed(problem: string, cause?: unknown): EngineError {
  return new EngineError(
    'value.undecodable',
    `the stored value is malformed: ${problem}`,
    { problem },
    cause === undefined ? undefined : { cause },
  )
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const SHORT_ASCII = 32

/** Reads storage bytes: running off the end is a malformed value (value.undecodable). */
export class ByteReader extends BaseByteReader {
  constructor(bytes: Uint8Array) {
    super(bytes, malformed)
  }

  /** The body of a string node whose tag has been read. */
  stringBody(tag: number): string {
    const length = this.varint()
    if (tag === Tag.string16) {
      const bytes = this.take(length * 2)
      let text = ''
      for (let index = 0; index < bytes.length; index += 2) {
        text += String.fromCharCode((bytes[index] as number) | ((bytes[index + 1] as number) << 8))
      }
      return text
    }
    const bytes = this.take(length)
    if (length <= SHORT_ASCII) {
      let text = ''
      for (let index = 0; index < length; index++) {
        const byte = bytes[index] as number
        if (byte >= 0x80) return fatalUtf8.decode(bytes)
        text += String.fromCharCode(byte)
      }
      return text
    }
    return fatalUtf8.decode(bytes)
  }

  /** A string node (tag included), as used for object keys and codec names. */
  string(): string {
    const tag = this.byte()
    if (tag !== Tag.string && tag !== Tag.string16) throw malformed('a string was expected')
    return this.stringBody(tag)
  }

  typedArrayKind(): TypedArrayKind {
    const code = this.byte()
    const kind = TYPED_ARRAY_KINDS_BY_CODE.get(code)
    if (kind === undefined) throw malformed(`unknown typed array kind ${code}`)
    return kind
  }

  chunkId(): BlobId {
    const bytes = this.take(CHUNK_ID_LENGTH)
    let id = ''
    for (const byte of bytes) {
      if (!isBase64UrlByte(byte)) throw malformed('a chunk id is not base64url')
      id += String.fromCharCode(byte)
    }
    return id as BlobId
  }

  /**
   * Reads a binary payload of `byteLength` into a fresh buffer: its own ArrayBuffer at offset
   * 0, so any typed array view over it is aligned (stored bytes can sit at any offset).
   */
  payload(byteLength: number, loadChunk: (id: BlobId) => Uint8Array): Uint8Array {
    const chunkCount = chunkCountOf(byteLength)
    if (chunkCount === 0) return this.take(byteLength).slice()
    this.require(chunkCount * CHUNK_ID_LENGTH)
    const result = new Uint8Array(byteLength)
    for (let index = 0; index < chunkCount; index++) {
      const id = this.chunkId()
      const expected = Math.min(CHUNK_SIZE, byteLength - index * CHUNK_SIZE)
      const chunk = callUser(() => loadChunk(id))
      if (!(chunk instanceof Uint8Array) || chunk.length !== expected) {
        throw new EngineError(
          'value.undecodable',
          `chunk ${id} has ${chunk instanceof Uint8Array ? chunk.length : 'no'} bytes; ${expected} were expected`,
          { chunkId: id },
        )
      }
      result.set(chunk, index * CHUNK_SIZE)
    }
    return result
  }

  /** Skips a payload, collecting its chunk ids if any. */
  skipPayload(byteLength: number, chunkIds: BlobId[] | null): void {
    const chunkCount = chunkCountOf(byteLength)
    if (chunkCount === 0) return this.skip(byteLength)
    this.require(chunkCount * CHUNK_ID_LENGTH)
    for (let index = 0; index < chunkCount; index++) {
      const id = this.chunkId()
      if (chunkIds === null) continue
      chunkIds.push(id)
    }
  }

  /**
   * Skips the body of a node that has no child nodes and returns true; returns false (reading
   * nothing more) for containers, holes and codec nodes.
   */
  skipLeafBody(tag: number, chunkIds: BlobId[] | null): boolean {
    switch (tag) {
      case Tag.undefined:
      case Tag.null:
      case Tag.false:
      case Tag.true:
        return true
      case Tag.int:
      case Tag.backReference:
        this.varint()
        return true
      case Tag.float:
      case Tag.date:
        this.skip(8)
        return true
      case Tag.bigintPositive:
      case Tag.bigintNegative:
      case Tag.string:
        this.skip(this.varint())
        return true
      case Tag.string16:
        this.skip(this.varint() * 2)
        return true
      case Tag.typedArray: {
        const kind = this.typedArrayKind()
        this.skipPayload(this.varint() * kind.bytesPerElement, chunkIds)
        return true
      }
      case Tag.arrayBuffer:
      case Tag.dataView:
        this.skipPayload(this.varint(), chunkIds)
        return true
      case Tag.array:
      case Tag.holes:
      case Tag.object:
      case Tag.map:
      case Tag.set:
      case Tag.codec:
        return false
      default:
        throw malformed(`unknown tag 0x${tag.toString(16)}`)
    }
  }
}

function isBase64UrlByte(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || // -
    byte === 0x5f // _
  )
}

/**
 * Wraps an error thrown by caller code (loadChunk, a codec's decode) so the decoder passes it
 * through unchanged instead of reporting it as malformed bytes.
 */
export class CallerError extends Error {
  constructor(readonly error: unknown) {
    super('caller code failed while decoding')
  }
}

export function callUser<T>(call: () => T): T {
  try {
    return call()
  } catch (error) {
    throw new CallerError(error)
  }
}
