import { type AnyNode, type Program, parse } from 'acorn'
import { compileError, locationAt } from './compile-error'
import { lineStartsOf } from './text-positions'

/** Parses type-stripped module code; a syntax error becomes a compile error at its position. */
export function parseModule(file: string, javascript: string): Program {
  try {
    // Ranges are what eslint-scope reads; line/column locations are computed on demand.
    return parse(javascript, { ecmaVersion: 'latest', sourceType: 'module', ranges: true })
  } catch (error) {
    const position = (error as { pos?: unknown }).pos
    if (!(error instanceof SyntaxError) || typeof position !== 'number') throw error
    // Acorn appends "(line:column)" to its messages; the location goes in front instead.
    const what = error.message.replace(/\s*\(\d+:\d+\)$/, '')
    throw compileError(locationAt(file, lineStartsOf(javascript), position), what)
  }
}

/**
 * Visits `root` and its descendants, parents first. `visit` returns false to skip a node's
 * children.
 */
export function walkTree(
  root: AnyNode,
  visit: (node: AnyNode, parent: AnyNode | null) => boolean | void,
): void {
  const visitNode = (node: AnyNode, parent: AnyNode | null): void => {
    if (visit(node, parent) === false) return
    for (const key in node) {
      const child = (node as unknown as Record<string, unknown>)[key]
      if (typeof child !== 'object' || child === null || key === 'loc' || key === 'range') continue
      if (Array.isArray(child)) {
        for (const element of child as unknown[]) {
          if (isNode(element)) visitNode(element, node)
        }
      } else if (isNode(child)) {
        visitNode(child, node)
      }
    }
  }
  visitNode(root, null)
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as AnyNode).type === 'string'
}

export function isFunctionNode(node: AnyNode): boolean {
  return (
    node.type === 'FunctionDeclaration' ||
    node.type === 'FunctionExpression' ||
    node.type === 'ArrowFunctionExpression'
  )
}

/** The first `await` (or `for await`) of the module's top level, outside every function. */
export function findTopLevelAwait(program: Program): AnyNode | null {
  let found: AnyNode | null = null
  walkTree(program, (node) => {
    if (found !== null || isFunctionNode(node)) return false
    if (
      node.type === 'AwaitExpression' ||
      (node.type === 'ForOfStatement' && node.await) ||
      (node.type === 'VariableDeclaration' && node.kind === 'await using')
    ) {
      found = node
      return false
    }
    return true
  })
  return found
}
