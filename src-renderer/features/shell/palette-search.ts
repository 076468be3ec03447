/**
 * The command palette's model: its entries, the category prefixes, fuzzy search (fuse.js) and
 * the match ranges the list highlights. Pure, so it is unit-tested without a DOM.
 */
import Fuse, { type FuseResultMatch, type RangeTuple } from 'fuse.js'
import { type ShellCommandId } from './shortcut-registry'

export type PaletteCategory = 'command' | 'op' | 'run' | 'version' | 'query'

/** In display order; each group of results is headed by its title. */
export const PALETTE_CATEGORIES: readonly PaletteCategory[] = [
  'command',
  'op',
  'run',
  'version',
  'query',
]

export const CATEGORY_TITLES: Readonly<Record<PaletteCategory, string>> = {
  command: 'Commands',
  op: 'Ops',
  run: 'Runs',
  version: 'Versions',
  query: 'Saved queries',
}

/** Typing one of these first narrows the search to its category. Longest first. */
export const CATEGORY_PREFIXES: readonly (readonly [string, PaletteCategory])[] = [
  ['v:', 'version'],
  ['>', 'command'],
  ['@', 'op'],
  ['#', 'run'],
  ['?', 'query'],
]

/** What choosing an entry does; the palette component carries it out. */
export type PaletteAction =
  | { readonly kind: 'command'; readonly command: ShellCommandId }
  | { readonly kind: 'op'; readonly op: string }
  | { readonly kind: 'run'; readonly runId: number }
  | { readonly kind: 'version'; readonly op: string }
  | { readonly kind: 'query'; readonly code: string }
  | { readonly kind: 'workspace'; readonly path: string }

export interface PaletteItem {
  /** Unique across the palette (also the option's DOM id suffix). */
  readonly id: string
  readonly category: PaletteCategory
  /** What is searched and highlighted. */
  readonly label: string
  /** Secondary text: searched with less weight, not highlighted. */
  readonly detail: string
  /** Other words it answers to (searched, never shown): "appearance" finds the theme. */
  readonly keywords: string
  /** Keys that do the same, shown at the right ("Ctrl+K"). */
  readonly keys: string | null
  readonly action: PaletteAction
}

export interface PaletteQuery {
  readonly category: PaletteCategory | null
  readonly term: string
}

export function parsePaletteQuery(text: string): PaletteQuery {
  const trimmed = text.trimStart()
  for (const [prefix, category] of CATEGORY_PREFIXES) {
    if (trimmed.toLowerCase().startsWith(prefix)) {
      return { category, term: trimmed.slice(prefix.length).trim() }
    }
  }
  return { category: null, term: trimmed.trim() }
}

export interface PaletteMatch {
  readonly item: PaletteItem
  /** Inclusive [start, end] ranges of `item.label` that matched the term. */
  readonly ranges: readonly RangeTuple[]
}

export interface PaletteGroup {
  readonly category: PaletteCategory
  readonly matches: readonly PaletteMatch[]
}

/** Without a term each category shows its first few entries, so the palette is never a wall. */
const BROWSE_LIMIT_PER_CATEGORY = 8
const SEARCH_LIMIT = 60

export class PaletteIndex {
  private readonly fuse: Fuse<PaletteItem>

  constructor(private readonly items: readonly PaletteItem[]) {
    this.fuse = new Fuse(items, {
      keys: [
        { name: 'label', weight: 3 },
        { name: 'detail', weight: 1 },
        { name: 'keywords', weight: 1 },
      ],
      includeMatches: true,
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.35,
      minMatchCharLength: 1,
    })
  }

  /** Results grouped by category, best first within a group. */
  search(text: string): readonly PaletteGroup[] {
    const query = parsePaletteQuery(text)
    const inScope = (item: PaletteItem): boolean =>
      query.category === null || item.category === query.category
    let matches: PaletteMatch[]
    if (query.term === '') {
      const counts = new Map<PaletteCategory, number>()
      matches = []
      for (const item of this.items) {
        if (!inScope(item)) continue
        const count = counts.get(item.category) ?? 0
        // A chosen category lists all of its entries; the overview a few of each.
        if (query.category === null && count >= BROWSE_LIMIT_PER_CATEGORY) continue
        counts.set(item.category, count + 1)
        matches.push({ item, ranges: [] })
      }
    } else {
      matches = this.fuse
        .search(query.term)
        .filter((result) => inScope(result.item))
        .slice(0, SEARCH_LIMIT)
        .map((result) => ({
          item: result.item,
          ranges: labelRanges(result.matches ?? [], query.term),
        }))
    }
    // Browsing keeps the fixed category order; searching puts the group of the best match first.
    const order =
      query.term === ''
        ? PALETTE_CATEGORIES
        : [...new Set(matches.map((match) => match.item.category))]
    return order.flatMap((category) => {
      const inCategory = matches.filter((match) => match.item.category === category)
      return inCategory.length === 0 ? [] : [{ category, matches: inCategory }]
    })
  }
}

/**
 * Fuse reports every character it matched, including stray single letters far from the rest;
 * highlighting those looks random. Keep ranges at least two characters long (or the whole term).
 */
function labelRanges(matches: readonly FuseResultMatch[], term: string): readonly RangeTuple[] {
  const minimum = Math.min(2, term.length)
  return matches
    .filter((match) => match.key === 'label')
    .flatMap((match) => match.indices)
    .filter(([start, end]) => end - start + 1 >= minimum)
    .sort((a, b) => a[0] - b[0])
}

/** Flattened in display order: what ArrowUp/ArrowDown walk through. */
export function flattenGroups(groups: readonly PaletteGroup[]): readonly PaletteMatch[] {
  return groups.flatMap((group) => group.matches)
}

export interface TextPart {
  readonly text: string
  readonly matched: boolean
}

/**
 * Splits `text` into plain and matched parts so the list renders <mark> elements around
 * text nodes (never HTML). Overlapping or out-of-range ranges are merged and clipped.
 */
export function splitByRanges(text: string, ranges: readonly RangeTuple[]): readonly TextPart[] {
  const sorted = [...ranges]
    .map(([start, end]): RangeTuple => [Math.max(0, start), Math.min(text.length - 1, end)])
    .filter(([start, end]) => start <= end)
    .sort((a, b) => a[0] - b[0])
  const parts: TextPart[] = []
  let position = 0
  for (const [start, end] of sorted) {
    if (end < position) continue
    const from = Math.max(start, position)
    if (from > position) parts.push({ text: text.slice(position, from), matched: false })
    parts.push({ text: text.slice(from, end + 1), matched: true })
    position = end + 1
  }
  if (position < text.length) parts.push({ text: text.slice(position), matched: false })
  return parts
}

/** The next active index for a navigation key, wrapping at the ends; null for other keys. */
export function nextActiveIndex(key: string, current: number, count: number): number | null {
  if (count === 0) return null
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : (current + 1) % count
    case 'ArrowUp':
      return current <= 0 ? count - 1 : current - 1
    case 'Home':
      return 0
    case 'End':
      return count - 1
    case 'PageDown':
      return Math.min(count - 1, Math.max(0, current) + 8)
    case 'PageUp':
      return Math.max(0, current - 8)
    default:
      return null
  }
}
