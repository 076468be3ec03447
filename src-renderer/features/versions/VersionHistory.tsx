import { useEffect, useState } from 'react'
import { type ErrorData } from '../../../src-shared/errors'
import { type OpVersionInfo, type VersionDiff } from '../../../src-shared/model/versions'
import { errorDataOf } from '../../api/client'
import { ErrorMessage } from '../../app/ErrorMessage'
import { useAppStore } from '../../app/store-context'
import { VersionDiffView } from './VersionDiffView'
import { DECISION_ICONS, formatTime, plural, shortHash } from './version-format'
import { toggledComparison, useVersionsStore } from './versions-store'

type Loaded<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly value: T }
  | { readonly status: 'failed'; readonly error: ErrorData }

/** Loads with `load` whenever `key` changes; the answer to an older key is dropped. */
function useLoaded<T>(key: string | null, load: () => Promise<T>): Loaded<T> | null {
  const [state, setState] = useState<{ key: string; loaded: Loaded<T> } | null>(null)
  useEffect(() => {
    if (key === null) return
    let current = true
    load().then(
      (value) => current && setState({ key, loaded: { status: 'loaded', value } }),
      (error: unknown) =>
        current && setState({ key, loaded: { status: 'failed', error: errorDataOf(error) } }),
    )
    return () => {
      current = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` names what `load` loads
  }, [key])
  if (key === null) return null
  return state === null || state.key !== key ? { status: 'loading' } : state.loaded
}

function VersionRow({
  version,
  picked,
  onToggle,
}: {
  version: OpVersionInfo
  picked: boolean
  onToggle: () => void
}) {
  return (
    <tr aria-selected={picked} className={picked ? 'is-picked' : undefined}>
      <td>
        <input
          type="checkbox"
          checked={picked}
          onChange={onToggle}
          aria-label={`Compare version ${version.id}`}
        />
      </td>
      <td className="versions-number">v{version.id}</td>
      <td>
        <code title={version.contentVersion}>{shortHash(version.contentVersion)}</code>
      </td>
      <td>
        <code title={version.semanticVersion}>{shortHash(version.semanticVersion)}</code>
      </td>
      <td>{formatTime(version.createdAt)}</td>
      <td className="versions-number">{version.calls}</td>
      <td>
        <ul className="versions-inline-list">
          {version.dependencies.map((dependency) => (
            <li key={dependency.component.id}>
              <code title={dependency.contentHash}>{dependency.component.id}</code>
            </li>
          ))}
        </ul>
      </td>
      <td>
        {version.decisions.length === 0 ? (
          <span className="versions-muted">—</span>
        ) : (
          <ul className="versions-inline-list">
            {version.decisions.map((decision) => (
              <li key={decision.id}>
                <span aria-hidden="true">{DECISION_ICONS[decision.kind]} </span>
                {decision.kind === 'breaking' ? 'breaking' : 'non-breaking'}{' '}
                <code>{decision.componentId}</code>
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  )
}

/** An op's versions (oldest first) and the diff between any two of them. */
export function VersionHistory() {
  const listOpNames = useAppStore((state) => state.listOpNames)
  const listVersions = useAppStore((state) => state.listVersions)
  const diffVersions = useAppStore((state) => state.diffVersions)
  const storageKey = useAppStore((state) => state.workspace?.storageDir ?? null)
  const runCount = useAppStore((state) => state.runs.length)
  const decisions = useAppStore((state) => state.lastDecision)
  const historyOp = useVersionsStore((state) => state.historyOp)
  const compared = useVersionsStore((state) => state.comparedVersions)
  const refresh = `${storageKey ?? ''}|${runCount}|${decisions?.proposalId ?? ''}`

  const ops = useLoaded(storageKey === null ? null : refresh, listOpNames)
  const op = historyOp ?? (ops?.status === 'loaded' ? (ops.value[0] ?? null) : null)
  const versions = useLoaded(op === null ? null : `${op}|${refresh}`, () => listVersions(op ?? ''))
  const pair =
    versions?.status === 'loaded'
      ? compared.length === 2
        ? compared
        : versions.value.slice(-2).map((version) => version.id)
      : []
  const [first, second] = [...pair].sort((a, b) => a - b)
  const diff = useLoaded<VersionDiff>(
    op === null || first === undefined || second === undefined ? null : `${op}|${first}|${second}`,
    () => diffVersions(op ?? '', first ?? 0, second ?? 0),
  )

  return (
    <section className="versions-history" aria-label="Version history">
      <div className="versions-history-picker">
        <label htmlFor="versions-op">Op</label>
        <select
          id="versions-op"
          value={op ?? ''}
          onChange={(event) =>
            useVersionsStore.setState({ historyOp: event.target.value, comparedVersions: [] })
          }
        >
          {ops?.status === 'loaded' &&
            ops.value.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
        </select>
        {versions?.status === 'loaded' && (
          <span className="versions-muted">
            {plural(versions.value.length, 'version')} · pick two to compare
          </span>
        )}
      </div>
      {ops?.status === 'failed' && <ErrorMessage error={ops.error} context="Could not list ops" />}
      {versions?.status === 'failed' && (
        <ErrorMessage error={versions.error} context="Could not list the versions" />
      )}
      {versions?.status === 'loaded' && (
        <div className="versions-table-scroll">
          <table className="versions-table" data-testid="version-list">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Compare</span>
                </th>
                <th scope="col">Version</th>
                <th scope="col">Content</th>
                <th scope="col">Semantic</th>
                <th scope="col">Created</th>
                <th scope="col">Calls</th>
                <th scope="col">Dependencies</th>
                <th scope="col">Decisions</th>
              </tr>
            </thead>
            <tbody>
              {versions.value.map((version) => (
                <VersionRow
                  key={version.id}
                  version={version}
                  picked={pair.includes(version.id)}
                  onToggle={() =>
                    useVersionsStore.setState({
                      comparedVersions: toggledComparison(pair, version.id),
                    })
                  }
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {diff?.status === 'failed' && (
        <ErrorMessage error={diff.error} context="Could not diff the versions" />
      )}
      {diff?.status === 'loaded' && <VersionDiffView diff={diff.value} />}
    </section>
  )
}
