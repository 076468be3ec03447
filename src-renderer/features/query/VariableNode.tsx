import { Handle, Position, type NodeProps } from '@xyflow/react'
import { memo, useState, type FormEvent, type KeyboardEvent } from 'react'
import { variablePinned, variableRenamed, variableSelectToggled } from './canvas-actions'
import { type VariableFlowNode } from './flow-elements'
import { NodeProblem } from './OpCallNode'
import { renameProblem } from './pattern-ops'
import { parsePinText, pinEditText, pinText } from './pin-text'
import { queryStore } from './query-store'

type Editing = { readonly kind: 'name' | 'pin'; readonly text: string } | null

/** A pattern variable: a pill with its name, its pin and a "column" toggle. */
export const VariableNode = memo(function VariableNode({
  data,
  selected,
}: NodeProps<VariableFlowNode>) {
  const [editing, setEditing] = useState<Editing>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const { variable, pin, definedBy } = data

  const stop = () => {
    setEditing(null)
    setProblem(null)
  }
  const commit = (event?: FormEvent) => {
    event?.preventDefault()
    if (editing === null) return
    if (editing.kind === 'name') {
      const name = editing.text.trim()
      const why = renameProblem(queryStore.getState().draft.pattern, variable, name)
      if (why !== null) return setProblem(why)
      variableRenamed(variable, name)
    } else {
      const parsed = parsePinText(editing.text)
      if (!parsed.ok) return setProblem(parsed.message)
      variablePinned(variable, parsed.pin)
    }
    stop()
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation()
      stop()
    }
  }

  const pinned = pin !== null
  const label = `Variable ${variable}${pinned ? `, pinned to ${pinText(pin)}` : ''}${data.selected ? ', result column' : ''}`
  return (
    <div
      className={`query-variable${selected ? ' is-selected' : ''}${pinned ? ' is-pinned' : ''}${data.problem === null ? '' : ' has-problem'}`}
      data-testid={`pattern-var-${variable}`}
      role="group"
      aria-label={label}
    >
      <div className="query-variable-pill">
        <Handle
          type="target"
          position={Position.Left}
          id="in"
          className="query-handle"
          data-testid={`port-var-${variable}-in`}
        />
        <span className="query-variable-glyph" aria-hidden="true">
          {pinned ? '=' : '◇'}
        </span>
        {editing?.kind === 'name' ? (
          <form onSubmit={commit} className="query-inline-form">
            <input
              className="query-inline-input nodrag"
              aria-label={`New name for ${variable}`}
              value={editing.text}
              autoFocus
              spellCheck={false}
              onChange={(event) => setEditing({ kind: 'name', text: event.target.value })}
              onKeyDown={onKeyDown}
              onBlur={() => commit()}
            />
          </form>
        ) : (
          <button
            type="button"
            className="query-variable-name nodrag"
            title="Rename (double-click)"
            aria-label={`Rename variable ${variable}`}
            onDoubleClick={() => setEditing({ kind: 'name', text: variable })}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === 'F2') {
                event.preventDefault()
                setEditing({ kind: 'name', text: variable })
              }
            }}
          >
            {variable}
          </button>
        )}
        {pinned && editing?.kind !== 'pin' && (
          <span className="query-variable-pin" title={`Pinned to ${pinText(pin)}`}>
            {pinText(pin)}
          </span>
        )}
        <Handle
          type="source"
          position={Position.Right}
          id="out"
          className="query-handle"
          data-testid={`port-var-${variable}-out`}
        />
      </div>
      {editing?.kind === 'pin' && (
        <form onSubmit={commit} className="query-inline-form query-pin-form">
          <input
            className="query-inline-input nodrag"
            aria-label={`Value to pin ${variable} to`}
            placeholder="10, true, 'text', [1, 2]"
            value={editing.text}
            autoFocus
            spellCheck={false}
            onChange={(event) => setEditing({ kind: 'pin', text: event.target.value })}
            onKeyDown={onKeyDown}
          />
          <button type="submit" className="query-mini-button nodrag">
            Pin
          </button>
        </form>
      )}
      {problem !== null && (
        <div className="query-inline-problem" role="alert">
          {problem}
        </div>
      )}
      <div className="query-variable-controls">
        <label
          className="query-variable-column nodrag"
          title="Show this variable as a result column"
        >
          <input
            type="checkbox"
            checked={data.selected}
            onChange={() => variableSelectToggled(variable)}
            data-testid={`select-${variable}`}
          />
          column
        </label>
        {pinned ? (
          <button
            type="button"
            className="query-mini-button nodrag"
            onClick={() => variablePinned(variable, null)}
            data-testid={`unpin-${variable}`}
          >
            Unpin
          </button>
        ) : definedBy === null ? (
          <button
            type="button"
            className="query-mini-button nodrag"
            title="Match only this value"
            onClick={() => setEditing({ kind: 'pin', text: pinEditText(pin) })}
            data-testid={`pin-${variable}`}
          >
            Pin…
          </button>
        ) : null}
      </div>
      <NodeProblem problem={data.problem} />
    </div>
  )
})
