/** The side panel of the graph view: what the selected op, call or variable is. */
import { type ReactNode } from 'react'
import { type RunGraph } from '../../../src-shared/model/run-graph'
import { useAppStore } from '../../app/store-context'
import { OUTCOME_WORDS, formatDuration } from './model/labels'
import { type VariableNode } from './model/types'
import { OUTCOME_ICON } from './canvas/outcome-icons'

export type GraphSelection =
  | { readonly kind: 'op'; readonly op: string }
  | { readonly kind: 'call'; readonly callId: string }
  | { readonly kind: 'variable'; readonly variable: VariableNode }

function Row(props: { term: string; children: ReactNode }) {
  return (
    <div className="graph-details-row">
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </div>
  )
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`
}

function OpDetails({ graph, op }: { graph: RunGraph; op: string }) {
  const calls = graph.calls.filter((call) => call.op === op)
  const hits = calls.filter((call) => call.outcome === 'hit').length
  const executed = calls.filter((call) => call.outcome === 'executed').length
  const failed = calls.filter((call) => call.outcome === 'failed').length
  const versions = new Set(calls.map((call) => call.versionId).filter((id) => id !== null))
  const ran = calls.filter((call) => call.outcome === 'executed')
  const mean = (list: typeof calls) =>
    list.length === 0 ? 0 : list.reduce((sum, call) => sum + call.durationMs, 0) / list.length
  return (
    <>
      <h3 className="graph-details-title">
        <span className="graph-details-kind">op</span> {op}
      </h3>
      <dl className="graph-details-list">
        <Row term="Calls">{calls.length.toLocaleString('en-US')}</Row>
        <Row term="Hit rate">
          {percent(hits, calls.length)} ({OUTCOME_ICON.hit} {hits} hit, {OUTCOME_ICON.executed}{' '}
          {executed} executed, {OUTCOME_ICON.failed} {failed} failed)
        </Row>
        <Row term="Versions">{versions.size}</Row>
        <Row term="Mean duration">
          {formatDuration(mean(calls))}
          {ran.length > 0 ? ` (executed calls: ${formatDuration(mean(ran))})` : ''}
        </Row>
      </dl>
      <p className="graph-details-hint">
        Enter or double-click expands the op into its calls; <kbd>[</kbd> and <kbd>]</kbd> show the
        ops before and after it.
      </p>
    </>
  )
}

function CallDetailsPanel({ graph, callId }: { graph: RunGraph; callId: string }) {
  const call = graph.calls.find((c) => c.callId === callId)
  if (call === undefined) return <p className="panel-note">This call is not part of the run.</p>
  const value = (index: number) => graph.values[index]?.summary ?? '?'
  return (
    <>
      <h3 className="graph-details-title">
        <span className="graph-details-kind">call</span> {call.op}
      </h3>
      <p className={`graph-details-outcome outcome-text-${call.outcome}`}>
        <span aria-hidden="true">{OUTCOME_ICON[call.outcome]}</span> {OUTCOME_WORDS[call.outcome]}:{' '}
        {call.reason}
      </p>
      <dl className="graph-details-list">
        <Row term="Duration">{formatDuration(call.durationMs)}</Row>
        {call.inputs.map(([name, index]) => (
          <Row key={`in-${name}`} term={`in ${name}`}>
            <code>{value(index)}</code>
          </Row>
        ))}
        {call.outputs.map(([name, index]) => (
          <Row key={`out-${name}`} term={`out ${name}`}>
            <code>{value(index)}</code>
          </Row>
        ))}
      </dl>
    </>
  )
}

function VariableDetails({ variable }: { variable: VariableNode }) {
  const similarRequested = useAppStore((s) => s.similarRequested)
  return (
    <>
      <h3 className="graph-details-title">
        <span className="graph-details-kind">variable</span> {variable.label}
      </h3>
      <dl className="graph-details-list">
        <Row term={variable.role === 'output' ? 'Output of' : 'Input of'}>{variable.op}</Row>
        <Row term="Values">{variable.values.toLocaleString('en-US')}</Row>
        <Row term="Read">{variable.bindings.toLocaleString('en-US')} time(s)</Row>
        {variable.singleValue !== null ? (
          <>
            <Row term="Value">
              <code>{variable.singleValue.summary}</code>
            </Row>
          </>
        ) : null}
      </dl>
      {variable.singleValue !== null ? (
        <button
          type="button"
          data-testid="graph-find-similar"
          onClick={() => variable.singleValue && similarRequested(variable.singleValue.hid)}
        >
          Find similar
        </button>
      ) : null}
    </>
  )
}

export function GraphDetails(props: { graph: RunGraph; selection: GraphSelection | null }) {
  const { selection } = props
  return (
    <aside className="graph-details" aria-label="Selection details" data-testid="graph-details">
      {selection === null ? (
        <p className="panel-note">
          Select a node to see its details and its lineage. <kbd>F</kbd> fits the graph,{' '}
          <kbd>Esc</kbd> clears the selection.
        </p>
      ) : selection.kind === 'op' ? (
        <OpDetails graph={props.graph} op={selection.op} />
      ) : selection.kind === 'call' ? (
        <CallDetailsPanel graph={props.graph} callId={selection.callId} />
      ) : (
        <VariableDetails variable={selection.variable} />
      )}
    </aside>
  )
}
