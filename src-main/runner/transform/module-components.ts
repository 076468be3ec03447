import type * as acorn from 'acorn'
import { classComponents } from './class-components'
import { type FunctionNode, type LocalComponent, hookOf } from './local-component'
import { normalizedSource } from './normalized-source'
import { lineIndexAt } from './text-positions'

const IGNORE_DIRECTIVE = /^\s*\/\/\s*@memograph-ignore\b/

/**
 * The components declared at the top level of a module: functions (declarations, function-valued
 * consts, `op(function ...)` consts, class members and shells) and values (every other top-level
 * binding, unless `// @memograph-ignore` is on the line above its declaration).
 */
export function findComponents(
  program: acorn.Program,
  javascript: string,
  lineStarts: readonly number[],
  hiddenDefault: string,
): LocalComponent[] {
  const components: LocalComponent[] = []
  const ignored = (statement: acorn.Node): boolean => {
    const line = lineIndexAt(lineStarts, statement.start)
    if (line === 0) return false
    const previous = javascript.slice(lineStarts[line - 1], lineStarts[line])
    return IGNORE_DIRECTIVE.test(previous)
  }

  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      if (statement.declaration != null) {
        addDeclaration(components, statement.declaration, statement, ignored(statement))
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      addDefaultExport(components, statement, hiddenDefault, ignored(statement))
    } else if (
      statement.type === 'FunctionDeclaration' ||
      statement.type === 'ClassDeclaration' ||
      statement.type === 'VariableDeclaration'
    ) {
      addDeclaration(components, statement, statement, ignored(statement))
    }
  }
  return components
}

function addDeclaration(
  components: LocalComponent[],
  declaration: acorn.Declaration,
  statement: acorn.Node,
  ignored: boolean,
): void {
  if (declaration.type === 'FunctionDeclaration') {
    components.push(functionDeclaration(declaration.id.name, declaration, statement))
  } else if (declaration.type === 'ClassDeclaration') {
    const name = declaration.id.name
    components.push(...classComponents(name, name, declaration, statement, components.length))
  } else {
    for (const declarator of declaration.declarations) {
      // One declarator keeps the whole statement as its source (`export const f = ...`).
      const source = declaration.declarations.length === 1 ? statement : declarator
      addDeclarator(components, declarator, source, ignored)
    }
  }
}

function addDeclarator(
  components: LocalComponent[],
  declarator: acorn.VariableDeclarator,
  source: acorn.Node,
  ignored: boolean,
): void {
  const init = declarator.init
  if (declarator.id.type === 'Identifier' && init != null) {
    const name = declarator.id.name
    if (init.type === 'ClassExpression') {
      components.push(...classComponents(name, name, init, source, components.length))
      return
    }
    const functions = functionsOf(init)
    if (functions.length > 0) {
      components.push(functionValued(name, name, init, functions, source, declarator))
      return
    }
  }
  if (ignored) return
  for (const identifier of boundIdentifiers(declarator.id)) {
    // `var x` declared twice is one binding, so one component.
    if (components.some((component) => component.binding === identifier.name)) continue
    components.push(valueComponent(identifier.name, identifier.name, source))
  }
}

function addDefaultExport(
  components: LocalComponent[],
  statement: acorn.ExportDefaultDeclaration,
  hiddenDefault: string,
  ignored: boolean,
): void {
  const declaration = statement.declaration
  if (declaration.type === 'FunctionDeclaration') {
    const binding = declaration.id?.name ?? hiddenDefault
    const name = declaration.id?.name ?? 'default'
    components.push(functionDeclaration(name, declaration, statement, binding))
  } else if (declaration.type === 'ClassDeclaration') {
    const binding = declaration.id?.name ?? hiddenDefault
    const name = declaration.id?.name ?? 'default'
    components.push(...classComponents(name, binding, declaration, statement, components.length))
  } else if (declaration.type === 'ClassExpression') {
    components.push(
      ...classComponents('default', hiddenDefault, declaration, statement, components.length),
    )
  } else if (declaration.type !== 'Identifier') {
    // `export default name` re-exports a binding: it resolves to that binding's component.
    const functions = functionsOf(declaration)
    if (functions.length > 0) {
      components.push(
        functionValued('default', hiddenDefault, declaration, functions, statement, statement),
      )
    } else if (!ignored) {
      components.push(valueComponent('default', hiddenDefault, statement))
    }
  }
}

/**
 * The functions that make an initializer a function component: the initializer itself, or the
 * function arguments of a call wrapping them (`op(function f() {...}, options)`).
 */
export function functionsOf(init: acorn.Expression): FunctionNode[] {
  if (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression') return [init]
  if (init.type !== 'CallExpression') return []
  return init.arguments.filter(
    (argument): argument is FunctionNode =>
      argument.type === 'ArrowFunctionExpression' || argument.type === 'FunctionExpression',
  )
}

function functionDeclaration(
  name: string,
  declaration: acorn.FunctionDeclaration | acorn.AnonymousFunctionDeclaration,
  statement: acorn.Node,
  binding: string = name,
): LocalComponent {
  // Printed as an anonymous function expression: the name is the component's id, not content.
  const asExpression = { ...declaration, type: 'FunctionExpression', id: null }
  return {
    name,
    kind: 'function',
    binding,
    start: statement.start,
    end: statement.end,
    ownerStart: declaration.start,
    ownerEnd: declaration.end,
    normalized: normalizedSource(asExpression as acorn.FunctionExpression),
    hooks: [hookOf(declaration)],
    shell: null,
    omitted: [],
  }
}

function functionValued(
  name: string,
  binding: string,
  init: acorn.Expression,
  functions: readonly FunctionNode[],
  source: acorn.Node,
  owner: acorn.Node,
): LocalComponent {
  return {
    name,
    kind: 'function',
    binding,
    start: source.start,
    end: source.end,
    ownerStart: owner.start,
    ownerEnd: owner.end,
    normalized: normalizedSource(withoutFunctionNames(init)),
    hooks: functions.map(hookOf),
    shell: null,
    omitted: [],
  }
}

/**
 * Function expression names do not count (as in the engine's normalization): a rename shows in
 * the component id, and the op name is part of an op's identity on its own.
 */
function withoutFunctionNames(init: acorn.Expression): acorn.Expression {
  const anonymous = (node: acorn.Expression) =>
    node.type === 'FunctionExpression' ? { ...node, id: null } : node
  if (init.type !== 'CallExpression') return anonymous(init)
  return {
    ...init,
    arguments: init.arguments.map((argument) =>
      argument.type === 'SpreadElement' ? argument : anonymous(argument),
    ),
  }
}

function valueComponent(name: string, binding: string, source: acorn.Node): LocalComponent {
  return {
    name,
    kind: 'value',
    binding,
    start: source.start,
    end: source.end,
    ownerStart: -1,
    ownerEnd: -1,
    normalized: null,
    hooks: [],
    shell: null,
    omitted: [],
  }
}

/** Every identifier a declaration pattern binds (`const { a, b: [c], ...d } = ...`). */
export function boundIdentifiers(pattern: acorn.Pattern): acorn.Identifier[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern]
    case 'ObjectPattern':
      return pattern.properties.flatMap((property) =>
        property.type === 'RestElement'
          ? boundIdentifiers(property.argument)
          : boundIdentifiers(property.value),
      )
    case 'ArrayPattern':
      return pattern.elements.flatMap((element) =>
        element === null ? [] : boundIdentifiers(element),
      )
    case 'RestElement':
      return boundIdentifiers(pattern.argument)
    case 'AssignmentPattern':
      return boundIdentifiers(pattern.left)
    case 'MemberExpression':
      return []
  }
}
