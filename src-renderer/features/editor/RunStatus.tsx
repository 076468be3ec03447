import { type CodeRunResult, type RunProgress } from '../../../src-shared/host/contract'
import { useAppStore } from '../../app/store-context'
import { RESULT_ICONS, progressText, resultText } from './run-format'
import { locationText, type RunErrorMarker } from './run-error'

function ProgressBar({ progress, waiting }: { progress: RunProgress | null; waiting: boolean }) {
  const text = progressText(progress)
  const total = progress?.calls ?? 0
  const share = (count: number) => (total === 0 ? 0 : (100 * count) / total)
  return (
    <div
      className="editor-progress"
      data-testid="run-progress"
      role="progressbar"
      aria-label="Run progress"
      aria-valuetext={waiting ? `${text}, waiting for a decision` : text}
    >
      <div className={`editor-progress-track${waiting ? ' is-waiting' : ''}`} aria-hidden="true">
        <span className="editor-progress-hit" style={{ width: `${share(progress?.hits ?? 0)}%` }} />
        <span
          className="editor-progress-executed"
          style={{ width: `${share(progress?.executed ?? 0)}%` }}
        />
        <span
          className="editor-progress-failed"
          style={{ width: `${share(progress?.failed ?? 0)}%` }}
        />
      </div>
      <span className="editor-progress-text">
        <span className="editor-running-icon" aria-hidden="true">
          {waiting ? '‖' : '▶'}
        </span>{' '}
        {waiting ? 'Waiting for a decision' : 'Running'} · {text}
      </span>
    </div>
  )
}

function ResultLine({ result }: { result: CodeRunResult }) {
  const runSelected = useAppStore((state) => state.runSelected)
  const viewChanged = useAppStore((state) => state.viewChanged)
  const progress = useAppStore((state) => state.codeProgress)
  const runId = result.runId
  return (
    <div
      className={`editor-result editor-result-${result.status}`}
      data-testid="run-result"
      role="status"
    >
      <span className="editor-result-icon" aria-hidden="true">
        {RESULT_ICONS[result.status]}
      </span>
      <strong>{resultText(result)}</strong>
      {progress !== null && <span className="editor-result-totals">{progressText(progress)}</span>}
      {runId !== null && (
        <button
          type="button"
          className="editor-link-button"
          onClick={() => {
            runSelected(runId)
            viewChanged('runs')
          }}
        >
          Show run #{runId}
        </button>
      )}
    </div>
  )
}

/** Live progress while a run goes, then how it ended and the error it raised. */
export function RunStatus({
  marker,
  onReveal,
}: {
  marker: RunErrorMarker | null
  onReveal: (marker: RunErrorMarker) => void
}) {
  const running = useAppStore((state) => state.codeRunning)
  const progress = useAppStore((state) => state.codeProgress)
  const result = useAppStore((state) => state.codeLastResult)
  const waiting = useAppStore((state) => state.codeRunning && state.proposals.length > 0)
  const error = result?.error ?? null
  return (
    <div className="editor-run-status">
      {running && <ProgressBar progress={progress} waiting={waiting} />}
      {!running && result !== null && <ResultLine result={result} />}
      {!running && error !== null && result?.status !== 'cancelled' && (
        <div className="editor-problem" data-testid="run-problem" role="alert">
          <span className="editor-problem-icon" aria-hidden="true">
            ✕
          </span>
          <div className="editor-problem-body">
            <div>
              {error.message} <code className="error-code">{error.code}</code>
            </div>
            {marker !== null && (
              <button type="button" className="editor-link-button" onClick={() => onReveal(marker)}>
                {locationText(marker)}
              </button>
            )}
            {error.stack !== undefined && (
              <details className="editor-problem-stack">
                <summary>Stack</summary>
                <pre>{error.stack}</pre>
              </details>
            )}
          </div>
        </div>
      )}
    </div>
  )
}
