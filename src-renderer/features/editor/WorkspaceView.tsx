import { useCallback, useEffect, useMemo } from 'react'
import { ErrorMessage } from '../../app/ErrorMessage'
import { useAppStore } from '../../app/store-context'
import { EditorPane } from './EditorPane'
import { FileList } from './FileList'
import { RunConsole } from './RunConsole'
import { RunStatus } from './RunStatus'
import { WorkspaceNotices } from './WorkspaceNotices'
import { runBlockedReason } from './run-blocked'
import { loadFiles, openFile, saveAllFiles, saveFile, workspaceSwitched } from './editor-actions'
import { useEditorStore } from './editor-store'
import { runErrorMarker, type RunErrorMarker } from './run-error'
import { useCodeFileAccess } from './use-code-file-access'
import './editor.css'
import './editor-run.css'

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
const SAVE_KEYS = IS_MAC ? '⌘S' : 'Ctrl+S'

/** The workspace: the project's files in Monaco, Run and Cancel, live progress and console. */
export function WorkspaceView() {
  const workspace = useAppStore((state) => state.workspace)
  const running = useAppStore((state) => state.codeRunning)
  const runError = useAppStore((state) => state.codeRunError)
  const lastResult = useAppStore((state) => state.codeLastResult)
  const runRequested = useAppStore((state) => state.codeRunRequested)
  const cancelRequested = useAppStore((state) => state.codeCancelRequested)
  const proposalsRequested = useAppStore((state) => state.proposalsRequested)
  const activePath = useEditorStore((state) => state.activePath)
  const activeDirty = useEditorStore((state) =>
    state.activePath === null ? false : state.dirty[state.activePath] === true,
  )
  const anyDirty = useEditorStore((state) => Object.values(state.dirty).some(Boolean))
  const saving = useEditorStore((state) => state.saving)
  const fileError = useEditorStore((state) => state.fileError)
  const access = useCodeFileAccess()
  const marker = useMemo(() => runErrorMarker(lastResult?.error ?? null), [lastResult])
  const blockedReason = runBlockedReason(workspace)
  const workspaceKey = workspace?.storageDir ?? null
  const entry = workspace?.entry ?? null
  const hasCode = workspace?.codeDir != null

  useEffect(() => {
    workspaceSwitched(workspaceKey)
    if (workspaceKey !== null && hasCode && useEditorStore.getState().filesStatus === 'idle') {
      void loadFiles(access, entry)
    }
  }, [workspaceKey, hasCode, entry, access])

  // A run error with a location opens its file at the line, once per run.
  useEffect(() => {
    if (lastResult === null || marker === null) return
    if (useEditorStore.getState().revealedResult === lastResult) return
    useEditorStore.setState({ revealedResult: lastResult })
    revealMarker(marker)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- revealMarker only uses `access`
  }, [lastResult, marker, access])

  function revealMarker(target: RunErrorMarker): void {
    void openFile(access, target.file).then(() =>
      useEditorStore.setState({
        reveal: { path: target.file, line: target.line, column: target.column },
      }),
    )
  }

  // A saved change may be one stored calls depend on: the inbox shows what the code would ask.
  const saveActive = useCallback(() => {
    const path = useEditorStore.getState().activePath
    if (path === null) return
    void saveFile(access, path).then((saved) => {
      if (saved) void proposalsRequested()
    })
  }, [access, proposalsRequested])

  async function run(): Promise<void> {
    if (!(await saveAllFiles(access))) return
    await runRequested()
  }

  return (
    <div
      className="editor-view"
      onKeyDown={(event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
          event.preventDefault()
          saveActive()
        }
      }}
    >
      <aside className="editor-sidebar">
        {hasCode ? (
          <FileList
            onOpen={(path) => void openFile(access, path)}
            onRefresh={() => void loadFiles(access, entry)}
          />
        ) : (
          <p className="panel-note">
            {workspace === null
              ? 'No workspace is open.'
              : 'This storage folder has no code next to it.'}
          </p>
        )}
      </aside>
      <section className="editor-main" aria-label="Editor">
        <WorkspaceNotices />
        <div className="editor-toolbar" role="toolbar" aria-label="File and run">
          <span className="editor-active-file">
            {activePath ?? 'No file open'}
            {activeDirty && (
              <span className="editor-dirty-label">
                <span aria-hidden="true">● </span>unsaved
              </span>
            )}
          </span>
          <button
            type="button"
            onClick={saveActive}
            disabled={!activeDirty || saving}
            title={`Save (${SAVE_KEYS})`}
            data-testid="save-button"
          >
            {saving ? 'Saving…' : 'Save'}
          </button>
          <span className="editor-toolbar-spacer" />
          {blockedReason !== null && (
            <span className="editor-blocked-reason" id="run-blocked-reason">
              {blockedReason}
            </span>
          )}
          <button
            type="button"
            className="editor-primary editor-run"
            data-testid="run-button"
            disabled={blockedReason !== null || running}
            aria-describedby={blockedReason !== null ? 'run-blocked-reason' : undefined}
            title={anyDirty ? 'Save all files and run' : `Run ${entry ?? ''}`}
            onClick={() => void run()}
          >
            <span aria-hidden="true">▶ </span>Run{entry !== null ? ` ${entry}` : ''}
          </button>
          <button
            type="button"
            data-testid="cancel-button"
            disabled={!running}
            onClick={() => void cancelRequested()}
          >
            <span aria-hidden="true">■ </span>Cancel
          </button>
        </div>
        {fileError !== null && <ErrorMessage error={fileError.error} context={fileError.context} />}
        {runError !== null && <ErrorMessage error={runError} context="The run did not start" />}
        <EditorPane marker={marker} onSave={saveActive} />
        <div className="editor-bottom">
          <RunStatus marker={marker} onReveal={revealMarker} />
          <RunConsole />
        </div>
      </section>
    </div>
  )
}
