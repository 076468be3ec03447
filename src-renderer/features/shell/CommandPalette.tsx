import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useAppStore } from '../../app/store-context'
import { useRecentWorkspaces } from '../workspace/recent-workspaces'
import { buildPaletteItems } from './palette-items'
import { usePaletteData } from './palette-data-store'
import {
  CATEGORY_TITLES,
  flattenGroups,
  nextActiveIndex,
  PaletteIndex,
  type PaletteAction,
  type PaletteCategory,
  type PaletteMatch,
} from './palette-search'
import { PaletteOption } from './PaletteOption'
import { type ShellHostCalls } from './shell-host'
import { type ShellCommandId } from './shortcut-registry'
import { useModalFocus } from './use-modal-focus'
import { IS_MAC } from './use-global-shortcuts'

const LISTBOX_ID = 'command-palette-listbox'

function optionId(index: number): string {
  return `command-palette-option-${index}`
}

interface CommandPaletteProps {
  readonly calls: ShellHostCalls
  readonly runCommand: (command: ShellCommandId) => void
}

/** Ctrl/Cmd+K: fuzzy search over commands, ops, runs, versions and saved queries. */
export function CommandPalette({ calls, runCommand }: CommandPaletteProps) {
  const [text, setText] = useState('')
  const [activeIndex, setActiveIndex] = useState(0)
  const dialog = useRef<HTMLDivElement>(null)
  const input = useRef<HTMLInputElement>(null)
  const focus = useModalFocus(dialog, input)

  const theme = useAppStore((state) => state.theme)
  const workspace = useAppStore((state) => state.workspace)
  const runs = useAppStore((state) => state.runs)
  const codeRunning = useAppStore((state) => state.codeRunning)
  const paletteToggled = useAppStore((state) => state.paletteToggled)
  const runSelected = useAppStore((state) => state.runSelected)
  const viewChanged = useAppStore((state) => state.viewChanged)
  const graphOpened = useAppStore((state) => state.graphOpened)
  const queryCodeRequested = useAppStore((state) => state.queryCodeRequested)
  const workspaceOpenRequested = useAppStore((state) => state.workspaceOpenRequested)
  const data = usePaletteData()
  const recent = useRecentWorkspaces()

  const { paletteDataRequested } = data
  const { recentRequested } = recent
  useEffect(() => {
    void paletteDataRequested(calls)
    void recentRequested(calls.listRecentWorkspaces)
  }, [calls, paletteDataRequested, recentRequested])

  const index = useMemo(
    () =>
      new PaletteIndex(
        buildPaletteItems({
          isMac: IS_MAC,
          workspaceOpen: workspace !== null,
          trusted: workspace?.trusted === true,
          canRunCode: workspace?.entry != null && workspace.trusted,
          codeRunning,
          theme,
          runs,
          ops: data.ops,
          versions: data.versions,
          savedQueries: data.savedQueries,
          recentWorkspaces: recent.paths,
          workspacePath: workspace?.path ?? null,
        }),
      ),
    [workspace, codeRunning, theme, runs, data.ops, data.versions, data.savedQueries, recent.paths],
  )
  const groups = useMemo(() => index.search(text), [index, text])
  const matches = useMemo(() => flattenGroups(groups), [groups])
  const active = Math.min(activeIndex, matches.length - 1)

  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' })
  }, [active])

  function close(): void {
    paletteToggled(false)
  }

  function carryOut(action: PaletteAction): void {
    switch (action.kind) {
      case 'command':
        // Focus goes back where it was, except to the workspace field "Open workspace…" aims at.
        if (action.command === 'workspace.open') focus.keepFocusWhereItGoes()
        close()
        runCommand(action.command)
        return
      case 'op': {
        close()
        const newest = runs[0]
        if (newest === undefined) viewChanged('versions')
        else graphOpened(newest.id, [action.op])
        return
      }
      case 'run':
        close()
        runSelected(action.runId)
        viewChanged('runs')
        return
      case 'version':
        close()
        viewChanged('versions')
        return
      case 'query':
        close()
        queryCodeRequested(action.code)
        return
      case 'workspace':
        close()
        void workspaceOpenRequested(action.path)
        return
    }
  }

  function choose(match: PaletteMatch | undefined): void {
    if (match !== undefined) carryOut(match.item.action)
  }

  function keyPressed(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === 'Enter') {
      event.preventDefault()
      choose(matches[active])
      return
    }
    const next = nextActiveIndex(event.key, active, matches.length)
    if (next !== null && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault()
      setActiveIndex(next)
    }
  }

  let position = 0
  const activeMatch = matches[active]
  return (
    <div className="shell-backdrop" onMouseDown={close}>
      <div
        ref={dialog}
        className="shell-palette"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        data-testid="command-palette"
        onMouseDown={(event) => event.stopPropagation()}
      >
        <div className="shell-palette-search">
          <span className="shell-palette-search-icon" aria-hidden="true">
            ⌕
          </span>
          <input
            ref={input}
            className="shell-palette-input"
            type="text"
            role="combobox"
            aria-label="Search commands, ops, runs, versions and saved queries"
            aria-expanded="true"
            aria-controls={LISTBOX_ID}
            aria-autocomplete="list"
            aria-activedescendant={activeMatch === undefined ? undefined : optionId(active)}
            aria-describedby="command-palette-help"
            data-testid="palette-input"
            placeholder="Search… (> commands  @ ops  # runs  v: versions  ? saved queries)"
            spellCheck={false}
            autoComplete="off"
            value={text}
            onChange={(event) => {
              setText(event.target.value)
              setActiveIndex(0)
            }}
            onKeyDown={keyPressed}
          />
        </div>
        <div id={LISTBOX_ID} className="shell-palette-list" role="listbox" aria-label="Results">
          {groups.map((group) => (
            <div
              key={group.category}
              role="group"
              aria-labelledby={`command-palette-group-${group.category}`}
            >
              <div
                id={`command-palette-group-${group.category}`}
                className="shell-palette-group-title"
                role="presentation"
              >
                {CATEGORY_TITLES[group.category]}
              </div>
              {group.matches.map((match) => {
                const at = position++
                return (
                  <PaletteOption
                    key={match.item.id}
                    id={optionId(at)}
                    match={match}
                    active={at === active}
                    onHover={() => setActiveIndex(at)}
                    onChoose={() => choose(match)}
                  />
                )
              })}
            </div>
          ))}
        </div>
        {matches.length === 0 && (
          <p className="shell-palette-empty">{emptyText(text, data.loading)}</p>
        )}
        <div className="shell-palette-footer" id="command-palette-help">
          <span>
            <kbd>↑</kbd> <kbd>↓</kbd> move
          </span>
          <span>
            <kbd>Enter</kbd> choose
          </span>
          <span>
            <kbd>Esc</kbd> close
          </span>
          {data.loading && <span className="shell-palette-loading">Loading ops and versions…</span>}
          {!data.loading && data.unavailable.length > 0 && (
            <span>Not available: {data.unavailable.join(', ')}</span>
          )}
        </div>
        <div className="visually-hidden" role="status" aria-live="polite">
          {resultCountText(
            matches.length,
            groups.map((group) => group.category),
          )}
        </div>
      </div>
    </div>
  )
}

function emptyText(text: string, loading: boolean): string {
  if (loading) return 'Loading…'
  return text.trim() === ''
    ? 'Nothing to show yet.'
    : 'No matches. Try fewer letters or another prefix.'
}

function resultCountText(count: number, categories: readonly PaletteCategory[]): string {
  if (count === 0) return 'No results'
  const names = categories.map((category) => CATEGORY_TITLES[category].toLowerCase())
  return `${count} result${count === 1 ? '' : 's'} in ${names.join(', ')}`
}
