/**
 * Layout cache keys: a hash of the visible graph, sizes and options. Position hints are left
 * out on purpose: collapsing back finds the layout the graph had before the expand.
 */
import { FAST_LAYOUT_ABOVE } from './elk-layout'
import { type LayoutInput } from './layout-types'

/** Bumped when the layout options change, so old cached layouts are not reused. */
const LAYOUT_VERSION = 2

function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(36)
}

export function layoutKey(input: LayoutInput): string {
  const parts: string[] = [
    `v${LAYOUT_VERSION}`,
    input.direction,
    input.nodes.length > FAST_LAYOUT_ABOVE ? 'fast' : 'full',
  ]
  for (const node of input.nodes) {
    parts.push(`${node.id}:${node.width}x${node.height}`)
  }
  for (const edge of input.edges) parts.push(`${edge.source}>${edge.target}`)
  const text = parts.join('|')
  // Two independent 32-bit hashes and the length: collisions are not a practical concern.
  return `${fnv1a(text, 0x811c9dc5)}-${fnv1a(text, 0x01234567)}-${text.length}`
}
