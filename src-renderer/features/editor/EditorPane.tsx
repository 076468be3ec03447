import { useEffect, useRef, useState } from 'react'
import { CodeEditor } from '../../app/LazyMonaco'
import {
  isDirty,
  modelPath,
  modelShown,
  monacoLoaded,
  showRunMarker,
  viewStateRestored,
  viewStateSaved,
  type CodeEditorInstance,
  type MonacoNamespace,
} from './editor-models'
import { setDirty, useEditorStore } from './editor-store'
import { type RunErrorMarker } from './run-error'
import { languageOf } from './workspace-files'

const EDITOR_OPTIONS = {
  fontSize: 13,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  tabSize: 2,
  fixedOverflowWidgets: true,
} as const

/**
 * Monaco over the open file. Every file has its own model (text, undo history, markers), and
 * @monaco-editor/react keeps each path's view state (cursor, scroll) across switches.
 */
export function EditorPane(props: { marker: RunErrorMarker | null; onSave: () => void }) {
  const activePath = useEditorStore((state) => state.activePath)
  const loadedText = useEditorStore((state) =>
    state.activePath === null ? undefined : state.loadedTexts[state.activePath],
  )
  if (activePath === null || loadedText === undefined) {
    return (
      <div className="editor-frame editor-frame-empty" data-testid="workspace-editor">
        <p className="panel-note">Choose a file to edit.</p>
      </div>
    )
  }
  return <MonacoFrame {...props} activePath={activePath} loadedText={loadedText} />
}

function MonacoFrame({
  marker,
  onSave,
  activePath,
  loadedText,
}: {
  marker: RunErrorMarker | null
  onSave: () => void
  activePath: string
  loadedText: string
}) {
  const reveal = useEditorStore((state) => state.reveal)
  const editorRef = useRef<CodeEditorInstance | null>(null)
  const onSaveRef = useRef(onSave)
  const [ready, setReady] = useState(false)

  useEffect(() => {
    onSaveRef.current = onSave
  }, [onSave])

  const handleMount = (editor: CodeEditorInstance, monaco: MonacoNamespace) => {
    editorRef.current = editor
    monacoLoaded(monaco)
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => onSaveRef.current())
    setReady(true)
  }

  // The editor shows one file at a time: its cursor and scroll are saved when it leaves (React
  // runs this cleanup before the editor switches models or unmounts) and restored when it
  // comes back. @monaco-editor/react's own view-state keeping is off: it saves on unmount
  // under the path the editor was created with.
  useEffect(() => {
    const editor = editorRef.current
    if (!ready || editor === null) return
    viewStateRestored(activePath, editor)
    return () => viewStateSaved(activePath, editor)
  }, [ready, activePath])

  // After the editor switched to the file's model: track it, and mark the run error in it.
  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (!ready || model === null || model === undefined) return
    modelShown(activePath, model)
    setDirty(activePath, isDirty(activePath))
    showRunMarker(marker)
  }, [ready, activePath, marker])

  useEffect(() => {
    const editor = editorRef.current
    if (!ready || editor === null || reveal === null || reveal.path !== activePath) return
    editor.setPosition({ lineNumber: reveal.line, column: reveal.column })
    editor.revealLineInCenter(reveal.line)
    editor.focus()
    useEditorStore.setState({ reveal: null })
  }, [ready, reveal, activePath])

  return (
    <div className="editor-frame" data-testid="workspace-editor">
      <CodeEditor
        path={modelPath(activePath)}
        defaultValue={loadedText}
        language={languageOf(activePath)}
        keepCurrentModel
        saveViewState={false}
        options={EDITOR_OPTIONS}
        onMount={handleMount}
        onChange={() => setDirty(activePath, isDirty(activePath))}
        wrapperProps={{ 'aria-label': `Editor: ${activePath}` }}
      />
    </div>
  )
}
