import { useAppStore } from '../../app/store-context'

function TrustBanner() {
  const trustRequested = useAppStore((state) => state.codeTrustRequested)
  return (
    <div className="editor-notice editor-notice-trust" role="region" aria-label="Trust">
      <span className="editor-notice-icon" aria-hidden="true">
        ⚠
      </span>
      <div className="editor-notice-text">
        <strong>This folder is not trusted.</strong> Memograph runs code only in folders you trust:
        running executes the project&apos;s TypeScript on this computer. You can read and edit the
        files either way.
      </div>
      <button type="button" className="editor-primary" onClick={() => void trustRequested(true)}>
        Trust this folder
      </button>
    </div>
  )
}

function WaitingNotice({ count }: { count: number }) {
  const viewChanged = useAppStore((state) => state.viewChanged)
  return (
    <div
      className="editor-notice editor-notice-waiting"
      role="status"
      data-testid="run-waiting-notice"
    >
      <span className="editor-notice-icon" aria-hidden="true">
        ‖
      </span>
      <div className="editor-notice-text">
        <strong>
          The run is waiting for your decision on {count} {count === 1 ? 'change' : 'changes'}.
        </strong>{' '}
        Decide whether stored results must be recomputed.
      </div>
      <button type="button" className="editor-primary" onClick={() => viewChanged('versions')}>
        Review {count === 1 ? 'the change' : 'changes'}
      </button>
    </div>
  )
}

/** Banners above the editor: trust, and a run blocked on a change decision. */
export function WorkspaceNotices() {
  const workspace = useAppStore((state) => state.workspace)
  const waitingOn = useAppStore((state) => (state.codeRunning ? state.proposals.length : 0))
  return (
    <>
      {waitingOn > 0 && <WaitingNotice count={waitingOn} />}
      {workspace !== null && workspace.codeDir !== null && !workspace.trusted && <TrustBanner />}
    </>
  )
}
