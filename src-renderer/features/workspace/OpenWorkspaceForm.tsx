import { useEffect, useState, type FormEvent } from 'react'
import { useAppStore } from '../../app/store-context'
import { useShellHostCalls } from '../shell/shell-host'
import { WORKSPACE_PATH_INPUT_ID } from '../shell/use-shell-commands'
import { useRecentWorkspaces } from './recent-workspaces'

const RECENT_LIST_ID = 'recent-workspaces'

/**
 * A folder field with the recent workspaces as suggestions, Open, and Browse… where the host
 * can show a folder dialog (the desktop app). The field starts empty so every recent
 * workspace is offered; the open one is shown beside the brand. Keyed by the open workspace,
 * so the field empties once a new one opened (and keeps a mistyped path that failed).
 */
export function OpenWorkspaceForm() {
  const [path, setPath] = useState('')
  const workspacePath = useAppStore((state) => state.workspace?.path ?? null)
  const opening = useAppStore((state) => state.workspaceStatus === 'opening')
  const canPickWorkspace = useAppStore((state) => state.hostDescription?.canPickWorkspace === true)
  const workspaceOpenRequested = useAppStore((state) => state.workspaceOpenRequested)
  const workspaceBrowseRequested = useAppStore((state) => state.workspaceBrowseRequested)
  const { listRecentWorkspaces } = useShellHostCalls()
  const recent = useRecentWorkspaces((state) => state.paths)
  const recentRequested = useRecentWorkspaces((state) => state.recentRequested)

  // Opening a workspace adds it to the host's recent list: refresh after each change.
  useEffect(() => {
    void recentRequested(listRecentWorkspaces)
  }, [workspacePath, listRecentWorkspaces, recentRequested])

  function submitted(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault()
    const chosen = path.trim()
    if (chosen === '') return
    void workspaceOpenRequested(chosen)
  }

  return (
    <form className="open-workspace" aria-label="Open workspace" onSubmit={submitted}>
      <label className="visually-hidden" htmlFor={WORKSPACE_PATH_INPUT_ID}>
        Workspace folder
      </label>
      <input
        id={WORKSPACE_PATH_INPUT_ID}
        className="open-workspace-input"
        type="text"
        list={RECENT_LIST_ID}
        placeholder={recent.length > 0 ? 'Open a folder… (↓ recent)' : 'Open a folder…'}
        spellCheck={false}
        autoComplete="off"
        value={path}
        onChange={(event) => setPath(event.target.value)}
      />
      <datalist id={RECENT_LIST_ID}>
        {recent
          .filter((candidate) => candidate !== workspacePath)
          .map((candidate) => (
            <option key={candidate} value={candidate} />
          ))}
      </datalist>
      <button type="submit" disabled={opening || path.trim() === ''}>
        {opening ? 'Opening…' : 'Open'}
      </button>
      {canPickWorkspace && (
        <button type="button" disabled={opening} onClick={() => void workspaceBrowseRequested()}>
          Browse…
        </button>
      )}
    </form>
  )
}
