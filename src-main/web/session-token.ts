import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A fresh token per server start: anyone who can reach the port still needs the printed URL. */
export function createSessionToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * Constant-time comparison. Both sides are hashed first so the comparison also takes the same
 * time whatever the length of the guess (timingSafeEqual needs equal lengths).
 */
export function sessionTokenMatches(expected: string, candidate: string | null): boolean {
  if (candidate === null) return false
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()
  return timingSafeEqual(digest(expected), digest(candidate))
}
