/**
 * Constants of the value encoding (format version 1). encoding-format.md documents the layouts;
 * a change to any constant here changes cids, so it needs a new FORMAT_VERSION.
 */

export const FORMAT_VERSION = 1

export const Tag = {
  undefined: 0x00,
  null: 0x01,
  false: 0x02,
  true: 0x03,
  /** Integer in the int32 range (not -0), zigzag varint: most numbers in practice are these. */
  int: 0x04,
  float: 0x05,
  bigintPositive: 0x06,
  bigintNegative: 0x07,
  string: 0x08,
  /** A string with lone surrogates, which UTF-8 cannot carry: raw UTF-16 code units. */
  string16: 0x09,
  array: 0x0a,
  /** A run of array holes; only valid as an array element. */
  holes: 0x0b,
  object: 0x0c,
  map: 0x0d,
  set: 0x0e,
  date: 0x0f,
  typedArray: 0x10,
  arrayBuffer: 0x11,
  dataView: 0x12,
  backReference: 0x13,
  codec: 0x14,
} as const

/** Binary payloads larger than this are stored as content-addressed chunks of this size. */
export const CHUNK_SIZE = 256 * 1024

/** Chunk ids are written as their 22 base64url characters. */
export const CHUNK_ID_LENGTH = 22

/** Containers (and codec values) nested deeper than this are refused, in both directions. */
export const MAX_DEPTH = 10_000

export interface TypedArrayKind {
  readonly code: number
  readonly name: string
  readonly bytesPerElement: number
}

// Codes are part of the format: never renumber, only append.
const TYPED_ARRAY_KIND_LIST: readonly TypedArrayKind[] = [
  { code: 1, name: 'Int8Array', bytesPerElement: 1 },
  { code: 2, name: 'Uint8Array', bytesPerElement: 1 },
  { code: 3, name: 'Uint8ClampedArray', bytesPerElement: 1 },
  { code: 4, name: 'Int16Array', bytesPerElement: 2 },
  { code: 5, name: 'Uint16Array', bytesPerElement: 2 },
  { code: 6, name: 'Int32Array', bytesPerElement: 4 },
  { code: 7, name: 'Uint32Array', bytesPerElement: 4 },
  { code: 8, name: 'Float32Array', bytesPerElement: 4 },
  { code: 9, name: 'Float64Array', bytesPerElement: 8 },
  { code: 10, name: 'BigInt64Array', bytesPerElement: 8 },
  { code: 11, name: 'BigUint64Array', bytesPerElement: 8 },
  { code: 12, name: 'Float16Array', bytesPerElement: 2 },
]

export const TYPED_ARRAY_KINDS_BY_NAME: ReadonlyMap<string, TypedArrayKind> = new Map(
  TYPED_ARRAY_KIND_LIST.map((kind) => [kind.name, kind]),
)

export const TYPED_ARRAY_KINDS_BY_CODE: ReadonlyMap<number, TypedArrayKind> = new Map(
  TYPED_ARRAY_KIND_LIST.map((kind) => [kind.code, kind]),
)

/**
 * Multi-byte elements are stored in the platform's byte order, so the format is only
 * well-defined on little-endian hosts (every platform Node and Electron ship for in practice).
 */
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

export function chunkCountOf(byteLength: number): number {
  return byteLength > CHUNK_SIZE ? Math.ceil(byteLength / CHUNK_SIZE) : 0
}
