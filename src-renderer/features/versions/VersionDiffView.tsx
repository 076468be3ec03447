import { type VersionDiff } from '../../../src-shared/model/versions'
import { DiffPane, diffHeight } from './DiffPane'
import { shortHash } from './version-format'

/** How two versions of an op differ, one diff editor per changed dependency. */
export function VersionDiffView({ diff }: { diff: VersionDiff }) {
  return (
    <section className="versions-version-diff" aria-label="Version diff" data-testid="version-diff">
      <h3 className="versions-diff-title">
        v{diff.from.id} <code>{shortHash(diff.from.contentVersion)}</code> → v{diff.to.id}{' '}
        <code>{shortHash(diff.to.contentVersion)}</code>
      </h3>
      {diff.changes.length === 0 && (
        <p className="panel-note">The two versions have the same dependencies.</p>
      )}
      {diff.changes.map((change) => {
        const status =
          change.fromSource === null ? 'added' : change.toSource === null ? 'removed' : 'changed'
        return (
          <div key={change.component.id} className="versions-change">
            <div className="versions-change-header">
              <code>{change.component.id}</code>
              <span className={`versions-badge versions-badge-${status}`}>
                {status === 'added' ? '+ added' : status === 'removed' ? '− removed' : '± changed'}
              </span>
            </div>
            <div style={{ height: diffHeight(change.fromSource, change.toSource) }}>
              <DiffPane
                original={change.fromSource ?? ''}
                modified={change.toSource ?? ''}
                language={change.component.kind === 'function' ? 'typescript' : 'plaintext'}
              />
            </div>
          </div>
        )
      })}
    </section>
  )
}
