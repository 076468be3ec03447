import { useLayoutEffect, useMemo, useRef } from 'react'
import { useAppStore } from '../../app/store-context'
import { consoleLines } from './console-lines'

/** How close to the bottom (px) still counts as "following" the output. */
const FOLLOW_SLACK = 24

/** The run's console: follows new output unless the user scrolled up to read. */
export function RunConsole() {
  const output = useAppStore((state) => state.codeOutput)
  const cleared = useAppStore((state) => state.codeOutputCleared)
  const lines = useMemo(() => consoleLines(output), [output])
  const scrollRef = useRef<HTMLDivElement | null>(null)
  const following = useRef(true)

  useLayoutEffect(() => {
    const element = scrollRef.current
    if (element !== null && following.current) element.scrollTop = element.scrollHeight
  }, [lines])

  return (
    <section className="editor-console" aria-label="Console">
      <div className="editor-console-header">
        <h2 className="editor-section-title">Console</h2>
        <button
          type="button"
          className="editor-small-button"
          onClick={cleared}
          disabled={output.length === 0}
        >
          Clear
        </button>
      </div>
      <div
        ref={scrollRef}
        className="editor-console-output"
        data-testid="run-console"
        role="log"
        aria-label="Run output"
        tabIndex={0}
        onScroll={(event) => {
          const element = event.currentTarget
          following.current =
            element.scrollTop + element.clientHeight >= element.scrollHeight - FOLLOW_SLACK
        }}
      >
        {lines.length === 0 ? (
          <p className="editor-console-empty">What the code prints shows here.</p>
        ) : (
          lines.map((line, index) => (
            <div
              key={index}
              className={`editor-console-line editor-console-${line.stream}`}
              title={line.stream === 'stderr' ? 'stderr' : undefined}
            >
              <span className="editor-console-gutter" aria-hidden="true">
                {line.stream === 'stderr' ? '!' : ''}
              </span>
              <span>{line.text === '' ? ' ' : line.text}</span>
            </div>
          ))
        )}
      </div>
    </section>
  )
}
