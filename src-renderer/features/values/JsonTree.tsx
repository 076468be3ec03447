import { useState } from 'react'
import { type PreviewTree } from '../../../src-shared/model/values'
import { formatLeaf, hiddenEntries, treeLabel } from './value-format'

/** Levels open at first; deeper ones open on demand. */
const OPEN_DEPTH = 1

function children(tree: PreviewTree): readonly (readonly [string, PreviewTree])[] {
  if (tree.kind === 'array') return tree.items.map((item, index) => [String(index), item])
  if (tree.kind === 'object') return tree.entries
  return []
}

function TreeNode({
  name,
  tree,
  depth,
}: {
  name: string | null
  tree: PreviewTree
  depth: number
}) {
  const [open, setOpen] = useState(depth < OPEN_DEPTH)
  const key = name !== null && <span className="value-tree-key">{name}:</span>
  if (tree.kind === 'leaf') {
    return (
      <li className="value-tree-leaf">
        {key}
        <span className={`value-tree-value value-tree-${tree.type}`}>
          {formatLeaf(tree.value, tree.type)}
        </span>
      </li>
    )
  }
  const entries = children(tree)
  const hidden = hiddenEntries(tree)
  return (
    <li>
      <button
        type="button"
        className="value-tree-toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <span className="value-tree-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        {key}
        <span className="value-tree-summary">{treeLabel(tree)}</span>
      </button>
      {open && (
        <ul className="value-tree-children">
          {entries.map(([childName, child], index) => (
            <TreeNode key={index} name={childName} tree={child} depth={depth + 1} />
          ))}
          {hidden > 0 && <li className="value-tree-more">… {hidden} more not shown</li>}
        </ul>
      )}
    </li>
  )
}

/** A JSON-like value as a tree whose branches open and close (buttons with aria-expanded). */
export function JsonTree({ tree }: { tree: PreviewTree }) {
  return (
    <ul className="value-tree" aria-label="Value tree">
      <TreeNode name={null} tree={tree} depth={0} />
    </ul>
  )
}
