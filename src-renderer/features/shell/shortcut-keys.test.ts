import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  formatKeyChord,
  isTypingTarget,
  matchesKeyChord,
  parseKeyChord,
  shortcutApplies,
  type KeyPress,
  type KeyTarget,
} from './shortcut-keys'
import { shellCommandForKey, SHORTCUTS } from './shortcut-registry'

function press(key: string, modifiers: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...modifiers }
}

const BODY: KeyTarget = { tagName: 'BODY', isContentEditable: false, inCodeEditor: false }
const TEXT_INPUT: KeyTarget = { tagName: 'INPUT', isContentEditable: false, inCodeEditor: false }
const MONACO: KeyTarget = { tagName: 'TEXTAREA', isContentEditable: false, inCodeEditor: true }

describe('parseKeyChord', () => {
  it('reads modifiers and the key', () => {
    assert.deepEqual(parseKeyChord('Mod+Shift+L'), { mod: true, alt: false, shift: true, key: 'l' })
    assert.deepEqual(parseKeyChord('Alt+1'), { mod: false, alt: true, shift: false, key: '1' })
    assert.deepEqual(parseKeyChord('Mod++'), { mod: true, alt: false, shift: null, key: '+' })
  })

  it('leaves Shift open for punctuation, whose Shift depends on the layout', () => {
    assert.equal(parseKeyChord('?').shift, null)
    assert.equal(parseKeyChord('K').shift, false)
  })

  it('rejects unknown modifiers and empty strings', () => {
    assert.throws(() => parseKeyChord('Hyper+K'), /Unknown modifier/)
    assert.throws(() => parseKeyChord(''), /Empty/)
  })

  it('parses every shortcut the app lists', () => {
    for (const entry of SHORTCUTS) assert.doesNotThrow(() => parseKeyChord(entry.keys), entry.keys)
  })
})

describe('matchesKeyChord', () => {
  const modK = parseKeyChord('Mod+K')

  it('maps Mod to Ctrl on PCs and Cmd on Macs', () => {
    assert.equal(matchesKeyChord(modK, press('k', { ctrlKey: true }), false), true)
    assert.equal(matchesKeyChord(modK, press('k', { metaKey: true }), false), false)
    assert.equal(matchesKeyChord(modK, press('k', { metaKey: true }), true), true)
    assert.equal(matchesKeyChord(modK, press('k', { ctrlKey: true }), true), false)
  })

  it('requires the exact modifiers', () => {
    assert.equal(matchesKeyChord(modK, press('K', { ctrlKey: true, shiftKey: true }), false), false)
    assert.equal(matchesKeyChord(modK, press('k', { ctrlKey: true, altKey: true }), false), false)
    assert.equal(matchesKeyChord(modK, press('k'), false), false)
    const theme = parseKeyChord('Mod+Shift+L')
    assert.equal(matchesKeyChord(theme, press('L', { ctrlKey: true, shiftKey: true }), false), true)
  })

  it('matches ? typed with Shift, and Alt+digit by physical key (Mac Alt+1 types ¡)', () => {
    assert.equal(matchesKeyChord(parseKeyChord('?'), press('?', { shiftKey: true }), false), true)
    const alt1 = parseKeyChord('Alt+1')
    assert.equal(matchesKeyChord(alt1, press('¡', { altKey: true, code: 'Digit1' }), true), true)
    assert.equal(matchesKeyChord(alt1, press('™', { altKey: true, code: 'Digit2' }), true), false)
  })
})

describe('shortcutApplies while typing', () => {
  it('ignores plain keys in fields and editors but not Mod combinations', () => {
    const question = parseKeyChord('?')
    assert.equal(shortcutApplies(question, press('?'), BODY, false), true)
    assert.equal(shortcutApplies(question, press('?'), TEXT_INPUT, false), false)
    assert.equal(shortcutApplies(question, press('?'), MONACO, false), false)
    const modK = parseKeyChord('Mod+K')
    assert.equal(shortcutApplies(modK, press('k', { ctrlKey: true }), MONACO, false), true)
    assert.equal(shortcutApplies(modK, press('k', { ctrlKey: true }), TEXT_INPUT, false), true)
  })

  it('treats checkboxes and buttons as not typing', () => {
    assert.equal(isTypingTarget({ ...TEXT_INPUT, inputType: 'checkbox' }), false)
    assert.equal(isTypingTarget({ ...TEXT_INPUT, inputType: 'search' }), true)
    assert.equal(isTypingTarget({ ...BODY, isContentEditable: true }), true)
  })
})

describe('formatKeyChord', () => {
  it('writes keys the way each platform reads them', () => {
    assert.equal(formatKeyChord('Mod+Shift+L', false), 'Ctrl+Shift+L')
    assert.equal(formatKeyChord('Mod+Shift+L', true), '⌘⇧L')
    assert.equal(formatKeyChord('Mod+Enter', false), 'Ctrl+Enter')
    assert.equal(formatKeyChord('?', false), '?')
  })
})

describe('shellCommandForKey', () => {
  const closed = { isMac: false, phase: 'bubble', overlayOpen: false } as const
  const capture = { isMac: false, phase: 'capture', overlayOpen: false } as const

  it('handles the palette and theme keys before the focused element, others after', () => {
    assert.equal(shellCommandForKey(press('k', { ctrlKey: true }), MONACO, capture), 'palette.open')
    assert.equal(shellCommandForKey(press('k', { ctrlKey: true }), MONACO, closed), null)
    const theme = press('L', { ctrlKey: true, shiftKey: true })
    assert.equal(shellCommandForKey(theme, BODY, capture), 'theme.toggle')
    assert.equal(shellCommandForKey(press('?'), BODY, closed), 'shortcuts.show')
    assert.equal(shellCommandForKey(press('?'), BODY, capture), null)
  })

  it('switches views with Alt+1..5 and runs code with Mod+Enter', () => {
    assert.equal(shellCommandForKey(press('3', { altKey: true }), BODY, closed), 'view.graph')
    assert.equal(shellCommandForKey(press('5', { altKey: true }), BODY, closed), 'view.versions')
    assert.equal(shellCommandForKey(press('6', { altKey: true }), BODY, closed), null)
    const run = press('Enter', { ctrlKey: true })
    assert.equal(shellCommandForKey(run, TEXT_INPUT, closed), 'code.run')
  })

  it('leaves Escape to the views unless an overlay is open, and then blocks other keys', () => {
    assert.equal(shellCommandForKey(press('Escape'), BODY, capture), null)
    const open = { ...capture, overlayOpen: true }
    assert.equal(shellCommandForKey(press('Escape'), TEXT_INPUT, open), 'overlay.close')
    assert.equal(
      shellCommandForKey(press('1', { altKey: true }), BODY, { ...open, phase: 'bubble' }),
      null,
    )
    assert.equal(
      shellCommandForKey(press('k', { ctrlKey: true }), TEXT_INPUT, open),
      'palette.open',
    )
  })
})
