import type * as MonacoApi from 'monaco-editor'
import { useEffect, useRef } from 'react'
import { CodeEditor } from '../../app/LazyMonaco'
import { type CodeProblem, useQueryStore } from './query-store'

// Types only: the monaco-editor module itself stays in LazyMonaco's chunk.
type Monaco = typeof MonacoApi
type EditorInstance = MonacoApi.editor.IStandaloneCodeEditor

const MARKER_OWNER = 'memograph-query'

/** The message without the parser's own `line:column: ` prefix (the location is shown apart). */
function problemMessage(problem: CodeProblem): string {
  return problem.error.message.replace(/^\d+:\d+: /, '')
}

function problemText(problem: CodeProblem): string {
  if (problem.line === null) return problemMessage(problem)
  const column = problem.column === null ? '' : `, column ${problem.column}`
  return `Line ${problem.line}${column}: ${problemMessage(problem)}`
}

/** The pattern as query code, in Monaco; typing here redraws the canvas once the code parses. */
export function QueryCodePane() {
  const code = useQueryStore((state) => state.code)
  const codeProblem = useQueryStore((state) => state.codeProblem)
  const patternProblem = useQueryStore((state) => state.patternProblems[0] ?? null)
  const codeTyped = useQueryStore((state) => state.codeTyped)
  const monacoRef = useRef<{ monaco: Monaco; editor: EditorInstance } | null>(null)

  const showMarkers = (problem: CodeProblem | null) => {
    const mounted = monacoRef.current
    const model = mounted?.editor.getModel()
    if (mounted === null || model === null || model === undefined) return
    const markers =
      problem === null
        ? []
        : [
            {
              severity: mounted.monaco.MarkerSeverity.Error,
              message: problemMessage(problem),
              startLineNumber: problem.line ?? 1,
              startColumn: problem.column ?? 1,
              endLineNumber: problem.endLine ?? problem.line ?? 1,
              endColumn:
                problem.endColumn ??
                (problem.line === null ? 1 : model.getLineMaxColumn(problem.line)),
            },
          ]
    mounted.monaco.editor.setModelMarkers(model, MARKER_OWNER, markers)
  }

  useEffect(() => {
    showMarkers(codeProblem)
  })

  const onMount = (editor: EditorInstance, monaco: Monaco) => {
    monacoRef.current = { editor, monaco }
    showMarkers(codeProblem)
  }

  return (
    <section className="query-code" aria-label="Query code">
      <header className="query-pane-header">
        <h2 className="query-pane-title">Query code</h2>
        {codeProblem !== null ? (
          <span
            className="query-badge query-badge-error"
            role="status"
            data-testid="query-code-problem"
          >
            <span aria-hidden="true">!</span> {problemText(codeProblem)}
          </span>
        ) : patternProblem !== null ? (
          <span className="query-badge query-badge-warning" role="status">
            <span aria-hidden="true">⚠</span> Code waits for a complete pattern
          </span>
        ) : (
          <span className="query-pane-note">In sync with the canvas</span>
        )}
      </header>
      <div className="query-code-editor" data-testid="query-code">
        <CodeEditor
          language="typescript"
          path="memograph-query.ts"
          value={code}
          onChange={(value) => {
            if (value !== undefined) codeTyped(value)
          }}
          onMount={onMount}
          options={{
            minimap: { enabled: false },
            fontSize: 13,
            lineNumbersMinChars: 3,
            scrollBeyondLastLine: false,
            automaticLayout: true,
            tabSize: 2,
            wordWrap: 'off',
            // Query code is short and often pasted whole; pasted text must arrive unchanged.
            autoIndent: 'none',
            autoClosingBrackets: 'never',
            autoClosingQuotes: 'never',
          }}
        />
      </div>
    </section>
  )
}
