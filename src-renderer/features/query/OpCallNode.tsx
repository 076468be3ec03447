import { Handle, Position, type NodeProps } from '@xyflow/react'
import { memo } from 'react'
import { inputBoundToNewVariable } from './canvas-actions'
import { type OpFlowNode, type PortRow, type StructureFlowNode } from './flow-elements'

function NodeProblem({ problem }: { problem: string | null }) {
  if (problem === null) return null
  return (
    <div className="query-node-problem" title={problem}>
      <span className="query-node-problem-icon" aria-hidden="true">
        !
      </span>
      <span className="query-node-problem-text">{problem}</span>
    </div>
  )
}

function InputPort({ callId, port }: { callId: string; port: PortRow }) {
  return (
    <div className="query-port query-port-in">
      <Handle
        type="target"
        position={Position.Left}
        id={`in:${port.name}`}
        className="query-handle"
        data-testid={`port-${callId}-in-${port.name}`}
        title={
          port.variable === null
            ? `${port.name}: unbound (matches any value). Drag to connect.`
            : `${port.name} ← ${port.variable}`
        }
      />
      {port.variable === null ? (
        <button
          type="button"
          className="query-port-bind nodrag"
          data-testid={`bind-${callId}-${port.name}`}
          title={`Add a variable for ${port.name}`}
          aria-label={`Add a variable for input ${port.name}`}
          onClick={() => inputBoundToNewVariable(callId, port.name)}
        >
          {port.name}
          <span className="query-port-plus" aria-hidden="true">
            +
          </span>
        </button>
      ) : (
        <span className="query-port-name">{port.name}</span>
      )}
    </div>
  )
}

function OutputPort({ callId, port }: { callId: string; port: PortRow }) {
  return (
    <div className="query-port query-port-out">
      <span className={port.variable === null ? 'query-port-name is-unbound' : 'query-port-name'}>
        {port.name}
      </span>
      <Handle
        type="source"
        position={Position.Right}
        id={`out:${port.name}`}
        className="query-handle"
        data-testid={`port-${callId}-out-${port.name}`}
        title={`${port.name}: drag onto the canvas to feed another op`}
      />
    </div>
  )
}

/** A call of an op: one named port per input (left) and output (right). */
export const OpCallNode = memo(function OpCallNode({ data, selected }: NodeProps<OpFlowNode>) {
  const label = `Op ${data.op}${data.problem === null ? '' : `, problem: ${data.problem}`}`
  return (
    <div
      className={`query-op${selected ? ' is-selected' : ''}${data.problem === null ? '' : ' has-problem'}`}
      data-testid={`pattern-op-${data.callId}`}
      role="group"
      aria-label={label}
    >
      <div className="query-op-header">
        <span className="query-op-glyph" aria-hidden="true">
          ƒ
        </span>
        <span className="query-op-name">{data.op}</span>
        {data.version !== null && <span className="query-op-version">{data.version}</span>}
        {!data.known && <span className="query-op-version">not stored</span>}
      </div>
      <NodeProblem problem={data.problem} />
      <div className="query-op-ports">
        <div className="query-op-column">
          {data.inputs.map((port) => (
            <InputPort key={port.name} callId={data.callId} port={port} />
          ))}
        </div>
        <div className="query-op-column query-op-column-out">
          {data.outputs.map((port) => (
            <OutputPort key={port.name} callId={data.callId} port={port} />
          ))}
        </div>
      </div>
    </div>
  )
})

/** An elementOf / collectionOf edge, drawn as a small node between its variables. */
export const StructureNode = memo(function StructureNode({
  data,
  selected,
}: NodeProps<StructureFlowNode>) {
  return (
    <div
      className={`query-structure${selected ? ' is-selected' : ''}`}
      role="group"
      aria-label={`${data.label} ${data.detail}`}
    >
      <Handle type="target" position={Position.Left} id="in" isConnectable={false} />
      <span className="query-structure-label">{data.label}</span>
      <span className="query-structure-detail">{data.detail}</span>
      <NodeProblem problem={data.problem} />
      <Handle type="source" position={Position.Right} id="out" isConnectable={false} />
    </div>
  )
})

export { NodeProblem }
