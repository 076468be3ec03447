import { useEffect, useRef } from 'react'
// Types only: the code of monaco-editor stays in its lazy chunk (app/LazyMonaco).
import type * as MonacoApi from 'monaco-editor'
import { CodeDiffEditor } from '../../app/LazyMonaco'

const DIFF_OPTIONS = {
  readOnly: true,
  originalEditable: false,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  fontSize: 13,
  renderOverviewRuler: false,
} as const

/**
 * A read-only Monaco diff. @monaco-editor/react disposes the text models before the diff
 * widget when it unmounts, which Monaco reports as an error; here the widget goes first and the
 * models right after it.
 */
export function DiffPane({
  original,
  modified,
  language,
}: {
  original: string
  modified: string
  language: string
}) {
  const editorRef = useRef<MonacoApi.editor.IStandaloneDiffEditor | null>(null)

  useEffect(
    () => () => {
      const models = editorRef.current?.getModel()
      if (models === null || models === undefined) return
      setTimeout(() => {
        models.original.dispose()
        models.modified.dispose()
      }, 0)
    },
    [],
  )

  return (
    <CodeDiffEditor
      original={original}
      modified={modified}
      language={language}
      options={DIFF_OPTIONS}
      keepCurrentOriginalModel
      keepCurrentModifiedModel
      onMount={(editor: MonacoApi.editor.IStandaloneDiffEditor) => {
        editorRef.current = editor
      }}
    />
  )
}

/** Height for a diff of this many lines, so short diffs do not take a screenful. */
export function diffHeight(...sources: (string | null)[]): number {
  const lines = Math.max(...sources.map((source) => (source ?? '').split('\n').length))
  return Math.min(420, Math.max(90, lines * 19 + 24))
}
