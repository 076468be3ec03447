/**
 * Key strings as the app writes them ("Mod+K", "Alt+1", "Mod+Shift+L", "?", "Escape") and how a
 * keydown event matches one. Pure: events are read through the small KeyPress shape, so the
 * rules are unit-tested without a DOM.
 */

/** The parts of a KeyboardEvent a shortcut depends on. */
export interface KeyPress {
  readonly key: string
  /** Physical key ("Digit1"): Alt+1 on a Mac types "¡", so digits match by code. */
  readonly code?: string
  readonly ctrlKey: boolean
  readonly metaKey: boolean
  readonly altKey: boolean
  readonly shiftKey: boolean
}

export interface KeyChord {
  /** Ctrl on Windows and Linux, Cmd on macOS. */
  readonly mod: boolean
  readonly alt: boolean
  /**
   * Required state of Shift; null for printable single characters ("?"), whose Shift
   * depends on the keyboard layout.
   */
  readonly shift: boolean | null
  /** Lower-cased key name: "k", "1", "?", "enter", "escape", "delete". */
  readonly key: string
}

const MODIFIERS = new Set(['mod', 'alt', 'shift'])

/** Parses "Mod+Shift+L"; throws on unknown modifiers so a typo fails the unit tests. */
export function parseKeyChord(text: string): KeyChord {
  // "Mod++" means Mod and the plus key; split on "+" only between non-empty parts.
  const parts = text.split(/\+(?!$)/)
  const key = parts.pop()
  if (key === undefined || key === '') throw new Error(`Empty key string: "${text}"`)
  const modifiers = parts.map((part) => part.toLowerCase())
  for (const modifier of modifiers) {
    if (!MODIFIERS.has(modifier)) throw new Error(`Unknown modifier "${modifier}" in "${text}"`)
  }
  const printable = key.length === 1 && !/[a-z0-9]/i.test(key)
  const shift = modifiers.includes('shift')
  return {
    mod: modifiers.includes('mod'),
    alt: modifiers.includes('alt'),
    shift: printable && !shift ? null : shift,
    key: key.toLowerCase(),
  }
}

function digitOfCode(code: string | undefined): string | null {
  const match = /^(?:Digit|Numpad)(\d)$/.exec(code ?? '')
  return match?.[1] ?? null
}

export function matchesKeyChord(chord: KeyChord, press: KeyPress, isMac: boolean): boolean {
  const mod = isMac ? press.metaKey : press.ctrlKey
  // The other platform's key (Ctrl on a Mac, the Windows key elsewhere) is not Mod.
  const otherMod = isMac ? press.ctrlKey : press.metaKey
  if (mod !== chord.mod || otherMod || press.altKey !== chord.alt) return false
  if (chord.shift !== null && press.shiftKey !== chord.shift) return false
  const key = press.key.toLowerCase()
  if (key === chord.key) return true
  if (/^\d$/.test(chord.key)) return digitOfCode(press.code) === chord.key
  // Esc is reported as "Esc" by some older engines.
  return chord.key === 'escape' && key === 'esc'
}

/** Whether the keys need Mod: those still act while the user types in a field or an editor. */
export function isModChord(chord: KeyChord): boolean {
  return chord.mod
}

/** What a keydown's target is, as far as shortcuts care. */
export interface KeyTarget {
  readonly tagName: string
  readonly isContentEditable: boolean
  /** True inside a Monaco editor (its hidden textarea or its view). */
  readonly inCodeEditor: boolean
  /** The input's type, for INPUT elements. */
  readonly inputType?: string
}

const NON_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'radio',
  'range',
  'submit',
  'reset',
  'color',
])

/** True when keys typed there are text: plain-key shortcuts must leave them alone. */
export function isTypingTarget(target: KeyTarget): boolean {
  if (target.inCodeEditor || target.isContentEditable) return true
  const tag = target.tagName.toUpperCase()
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((target.inputType ?? 'text').toLowerCase())
  return false
}

/** A shortcut applies unless the user is typing and it is a plain key (not a Mod combination). */
export function shortcutApplies(
  chord: KeyChord,
  press: KeyPress,
  target: KeyTarget,
  isMac: boolean,
): boolean {
  if (!matchesKeyChord(chord, press, isMac)) return false
  return isModChord(chord) || !isTypingTarget(target)
}

/** "Mod+Shift+L" as a Mac or PC user reads it: "⌘⇧L" or "Ctrl+Shift+L". */
export function formatKeyChord(text: string, isMac: boolean): string {
  const chord = parseKeyChord(text)
  const keyName = displayKeyName(chord.key)
  if (isMac) {
    return `${chord.mod ? '⌘' : ''}${chord.alt ? '⌥' : ''}${chord.shift === true ? '⇧' : ''}${keyName}`
  }
  const parts = [chord.mod ? 'Ctrl' : null, chord.alt ? 'Alt' : null, chord.shift ? 'Shift' : null]
  return [...parts.filter((part): part is string => part !== null), keyName].join('+')
}

const KEY_NAMES: Readonly<Record<string, string>> = {
  enter: 'Enter',
  escape: 'Esc',
  delete: 'Delete',
  backspace: 'Backspace',
  arrowup: '↑',
  arrowdown: '↓',
  arrowleft: '←',
  arrowright: '→',
  home: 'Home',
  end: 'End',
  ' ': 'Space',
}

function displayKeyName(key: string): string {
  return KEY_NAMES[key] ?? key.toUpperCase()
}

export function isMacPlatform(platform: string): boolean {
  return /mac|iphone|ipad/i.test(platform)
}
