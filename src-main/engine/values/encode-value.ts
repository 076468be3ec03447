import { type ContentId, digestId } from '../ids'
import { ByteReader } from './byte-reader'
import { Canonicalizer } from './canonical'
import { type CodecRegistry, defaultCodecs } from './codecs'
import { type EncodedChunk, ValueEncoder } from './encoder'
import { type EncodeSite } from './encode-errors'
import { Tag } from './format'

export interface EncodedValue {
  /** digestId of the canonical encoding: equal values, and only they, share it. */
  readonly cid: ContentId
  /** Storage encoding: order-preserving and decodable; chunk payloads are referenced by id. */
  readonly bytes: Uint8Array
  /** Chunks referenced by `bytes`, each once, for the caller to store. */
  readonly chunks: readonly EncodedChunk[]
  /** A short description for people: 'number', 'Array(3)', 'Float64Array(1000)', a codec name. */
  readonly typeName: string
}

const sharedEncoder = new ValueEncoder()
const canonicalizer = new Canonicalizer()

/**
 * Encodes a value for storage and computes its cid. Throws EngineError `value.unencodable` for
 * anything it cannot encode faithfully, and RefFoundSignal when the value contains a ref.
 */
export function encodeValue(
  value: unknown,
  site?: EncodeSite,
  codecs: CodecRegistry = defaultCodecs,
): EncodedValue {
  // A codec's encode() may itself call encodeValue: the nested call gets its own encoder.
  const encoder = sharedEncoder.busy ? new ValueEncoder() : sharedEncoder
  encoder.busy = true
  let encoded
  try {
    encoded = encoder.encode(value, site, codecs)
  } finally {
    encoder.busy = false
  }
  const { bytes, chunks, sortLog } = encoded
  // Without an object, Map or Set of two or more entries there is no order to erase, and the
  // storage bytes are the canonical bytes.
  const canonical = sortLog.length > 0 ? canonicalizer.canonicalize(bytes, sortLog) : bytes
  return { cid: digestId(canonical) as ContentId, bytes, chunks, typeName: typeNameOf(bytes) }
}

/** What a storage encoding holds, from its first tag: `number`, `Array(3)`, a codec name, ... */
export function typeNameOf(bytes: Uint8Array): string {
  const reader = new ByteReader(bytes)
  reader.position = 1
  const tag = reader.byte()
  switch (tag) {
    case Tag.undefined:
      return 'undefined'
    case Tag.null:
      return 'null'
    case Tag.false:
    case Tag.true:
      return 'boolean'
    case Tag.int:
    case Tag.float:
      return 'number'
    case Tag.bigintPositive:
    case Tag.bigintNegative:
      return 'bigint'
    case Tag.string:
    case Tag.string16:
      return 'string'
    case Tag.date:
      return 'Date'
    case Tag.object:
      return 'object'
    case Tag.array:
      return `Array(${reader.varint()})`
    case Tag.map:
      return `Map(${reader.varint()})`
    case Tag.set:
      return `Set(${reader.varint()})`
    case Tag.typedArray: {
      const kind = reader.typedArrayKind()
      return `${kind.name}(${reader.varint()})`
    }
    case Tag.arrayBuffer:
      return `ArrayBuffer(${reader.varint()})`
    case Tag.dataView:
      return `DataView(${reader.varint()})`
    default:
      return reader.string()
  }
}
