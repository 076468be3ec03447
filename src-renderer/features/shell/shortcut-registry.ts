/**
 * Every keyboard shortcut of the app, in one list: the global ones the shell handles and the
 * ones views handle themselves (listed so the `?` sheet shows them all). Pure data + lookup.
 */
import { VIEW_NAMES, type ViewName } from '../../store/navigation-slice'
import {
  matchesKeyChord,
  parseKeyChord,
  shortcutApplies,
  type KeyChord,
  type KeyPress,
  type KeyTarget,
} from './shortcut-keys'

/** What the shell does; the palette's commands run the same ids. */
export type ShellCommandId =
  | 'palette.open'
  | 'shortcuts.show'
  | 'overlay.close'
  | 'theme.toggle'
  | 'code.run'
  | 'code.cancel'
  | 'workspace.open'
  | 'workspace.trust'
  | `view.${ViewName}`

export type ShortcutArea = 'General' | 'Views' | 'Editor' | 'Graph' | 'Change inbox' | 'Query'

export interface ShortcutEntry {
  readonly keys: string
  readonly description: string
  readonly area: ShortcutArea
  /** Set when the shell itself handles the keys; views handle the others. */
  readonly command?: ShellCommandId
  /**
   * Handle before the focused element does (capture phase), so an editor that binds the same
   * keys (Monaco: Ctrl+K chords, Ctrl+Shift+L) cannot swallow them. The others run only when
   * nothing focused handled the key first.
   */
  readonly first?: boolean
}

const VIEW_SHORTCUTS: readonly ShortcutEntry[] = VIEW_NAMES.map((view, index) => ({
  keys: `Alt+${index + 1}`,
  description: `Show ${view[0]?.toUpperCase() ?? ''}${view.slice(1)}`,
  area: 'Views',
  command: `view.${view}`,
}))

export const SHORTCUTS: readonly ShortcutEntry[] = [
  {
    keys: 'Mod+K',
    description: 'Command palette',
    area: 'General',
    command: 'palette.open',
    first: true,
  },
  { keys: '?', description: 'Keyboard shortcuts', area: 'General', command: 'shortcuts.show' },
  {
    keys: 'Mod+Shift+L',
    description: 'Switch light / dark theme',
    area: 'General',
    command: 'theme.toggle',
    first: true,
  },
  { keys: 'Escape', description: 'Close the palette or this sheet', area: 'General' },
  ...VIEW_SHORTCUTS,
  { keys: 'Mod+Enter', description: 'Run the code', area: 'Editor', command: 'code.run' },
  { keys: 'Mod+S', description: 'Save the file', area: 'Editor' },
  { keys: 'F', description: 'Fit the graph to the screen', area: 'Graph' },
  { keys: 'Enter', description: 'Expand the selected op into its calls', area: 'Graph' },
  { keys: 'Escape', description: 'Clear the selection and lineage focus', area: 'Graph' },
  { keys: 'B', description: 'Mark the change breaking', area: 'Change inbox' },
  { keys: 'N', description: 'Mark the change non-breaking', area: 'Change inbox' },
  { keys: 'D', description: 'Defer the change', area: 'Change inbox' },
  { keys: 'J', description: 'Next change', area: 'Change inbox' },
  { keys: 'K', description: 'Previous change', area: 'Change inbox' },
  { keys: 'Delete', description: 'Remove the selected node from the pattern', area: 'Query' },
]

export const SHORTCUT_AREAS: readonly ShortcutArea[] = [
  'General',
  'Views',
  'Editor',
  'Graph',
  'Change inbox',
  'Query',
]

interface BoundShortcut {
  readonly chord: KeyChord
  readonly command: ShellCommandId
  readonly first: boolean
}

const BOUND: readonly BoundShortcut[] = SHORTCUTS.flatMap((entry) =>
  entry.command === undefined
    ? []
    : [{ chord: parseKeyChord(entry.keys), command: entry.command, first: entry.first === true }],
)

const ESCAPE = parseKeyChord('Escape')

/**
 * The shell command a keydown asks for, or null. `phase` is 'capture' (before the focused
 * element) or 'bubble' (after it, when it did not handle the key). Escape only closes an open
 * overlay; otherwise views keep it (the graph clears its selection with it).
 */
export function shellCommandForKey(
  press: KeyPress,
  target: KeyTarget,
  options: {
    readonly isMac: boolean
    readonly phase: 'capture' | 'bubble'
    readonly overlayOpen: boolean
  },
): ShellCommandId | null {
  if (options.overlayOpen) {
    // Escape closes the overlay even from its search field; few other keys act meanwhile.
    if (options.phase === 'capture' && matchesKeyChord(ESCAPE, press, options.isMac)) {
      return 'overlay.close'
    }
  }
  for (const shortcut of BOUND) {
    if (shortcut.first !== (options.phase === 'capture')) continue
    if (options.overlayOpen && shortcut.command !== 'palette.open') continue
    if (shortcutApplies(shortcut.chord, press, target, options.isMac)) return shortcut.command
  }
  return null
}

export function shortcutsOfArea(area: ShortcutArea): readonly ShortcutEntry[] {
  return SHORTCUTS.filter((entry) => entry.area === area)
}

/** The keys bound to a shell command, for hints in buttons and the palette. */
export function keysOfCommand(command: ShellCommandId): string | null {
  return SHORTCUTS.find((entry) => entry.command === command)?.keys ?? null
}
