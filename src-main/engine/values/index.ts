/**
 * Value encoding: every value an op sees or returns becomes bytes plus a content id (cid).
 * Rules V1–V13 of SPEC.md; byte layouts in encoding-format.md.
 */
export { type Codec, CodecRegistry, defaultCodecs, registerCodec } from './codecs'
export { chunkIdsOf, decodeValue } from './decoder'
export { type EncodeSite, RefFoundSignal } from './encode-errors'
export { type EncodedValue, encodeValue, typeNameOf } from './encode-value'
export { type EncodedChunk, REF_BRAND } from './encoder'
