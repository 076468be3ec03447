import { hash } from 'node:crypto'

/**
 * Ids are the first 22 base64url characters (132 bits) of a SHA-256 digest: short enough to
 * keep a million-call workspace small, long enough that collisions are not a practical concern.
 */
export const ID_LENGTH = 22

export type ContentId = string & { readonly __brand: 'ContentId' }
export type HistoryId = string & { readonly __brand: 'HistoryId' }
export type BlobId = string & { readonly __brand: 'BlobId' }

/** Digest of raw bytes (or a string, hashed as UTF-8). */
export function digestId(data: Uint8Array | string): string {
  return hash('sha256', data, 'base64url').slice(0, ID_LENGTH)
}

/**
 * Digest of a tuple of strings. Each part is prefixed with its length, so the tuple is
 * unambiguous whatever the parts contain, and the first element is a domain tag so ids of
 * different kinds can never be computed from one preimage.
 */
export function digestTuple(domain: string, ...parts: readonly string[]): string {
  return digestParts(domain, parts)
}

export function digestParts(domain: string, parts: readonly string[]): string {
  let text = domain
  for (const part of parts) text += `\u0000${part.length}:${part}`
  return digestId(text)
}

const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/

export function isId(text: string): boolean {
  return ID_PATTERN.test(text)
}
