import type ts from 'typescript'

import { tsLib } from './typescript-library'
import type {
  Binding,
  OpCatalog,
  OpShape,
  VersionConstraint,
} from '../../../src-shared/query/pattern'
import { unknownOpMessage } from '../../../src-shared/query/validate'
import {
  CURRENT,
  failAt,
  invalidAt,
  propertyName,
  queryMethod,
  shown,
  Q_METHODS,
} from './query-code-syntax'

/** What reading an op call needs from the statement reader. */
export interface CallReaderScope {
  readonly source: ts.SourceFile
  readonly catalog: OpCatalog
  /** Whether the body declares this name anywhere (a variable, so not an op). */
  declaresName(name: string): boolean
  /** An input argument: a variable id, or null for `undefined` (unbound). */
  input(node: ts.Expression): string | null
  /** A name in an output destructuring. */
  outputVariable(element: ts.BindingElement): string
}

export interface CallRead {
  readonly op: string
  readonly version: VersionConstraint
  readonly inputs: readonly Binding[]
  readonly outputs: readonly Binding[]
}

/**
 * `op(…)`, `q.op('name', { version })(…)` or `q.call('name', { … }, { version }?)`, with the
 * declaration target (`x`, `[a, , c]`, `{ out: v }`) or null for an expression statement.
 */
export function readOpCall(
  scope: CallReaderScope,
  call: ts.CallExpression,
  target: ts.BindingName | null,
): CallRead {
  const { source, catalog } = scope
  if (queryMethod(call)?.name === 'call') return readNamedCall(scope, call, target)
  const { op, version } = readCallee(scope, call.expression)
  const shape = catalog.get(op)
  if (shape === undefined) return invalidAt(source, call.expression, unknownOpMessage(op, catalog))
  const inputs = shape.destructured
    ? readObjectArgument(scope, call, shape)
    : readPositionalArguments(scope, call, shape)
  const outputs: Binding[] = []
  const names = shape.outputs.join(', ')
  if (target !== null && tsLib().isIdentifier(target)) {
    const [only, more] = shape.outputs
    if (only === undefined || more !== undefined) {
      const expected = `const [${names}] = ${op}(…)`
      failAt(
        source,
        target,
        `${op} has outputs (${names}); expected ${expected}, found ${shown(target)}`,
      )
    }
    outputs.push({ name: only ?? '', variable: target.text })
  } else if (target !== null && tsLib().isArrayBindingPattern(target)) {
    if (shape.outputs.length < 2) {
      failAt(
        source,
        target,
        `${op} has one output; expected const x = ${op}(…), found ${shown(target)}`,
      )
    }
    target.elements.forEach((element, index) => {
      if (tsLib().isOmittedExpression(element)) return
      const name = shape.outputs[index]
      if (name === undefined) {
        const found = `found ${target.elements.length}`
        invalidAt(source, element, `${op} has ${shape.outputs.length} outputs (${names}), ${found}`)
      }
      outputs.push({ name: name ?? '', variable: scope.outputVariable(element) })
    })
  } else if (target !== null) {
    const why = '(object destructuring is for q.call)'
    failAt(
      source,
      target,
      `expected a variable or [outputs] for an op call, found ${shown(target)} ${why}`,
    )
  }
  return { op, version, inputs, outputs }
}

/** `q.call('name', { input: v, … }, { version }?)`, outputs destructured by name. */
function readNamedCall(
  scope: CallReaderScope,
  call: ts.CallExpression,
  target: ts.BindingName | null,
): CallRead {
  const { source } = scope
  const [nameNode, inputsNode, optionsNode, extra] = call.arguments
  if (nameNode === undefined || !isOpNameNode(scope, nameNode)) {
    const found = shown(nameNode ?? call)
    return failAt(source, nameNode ?? call, `expected q.call('<op name>', { … }), found ${found}`)
  }
  if (extra !== undefined) {
    const expected = "q.call('<op name>', { … }, { version })"
    failAt(source, extra, `expected at most ${expected}, found ${shown(extra)}`)
  }
  if (inputsNode === undefined || !tsLib().isObjectLiteralExpression(inputsNode)) {
    const found = shown(inputsNode ?? call)
    return failAt(
      source,
      inputsNode ?? call,
      `expected inputs { name: variable, … }, found ${found}`,
    )
  }
  const inputs = readObjectBindings(scope, inputsNode)
  const version = optionsNode === undefined ? CURRENT : readVersionOption(source, optionsNode)
  if (target !== null && !tsLib().isObjectBindingPattern(target)) {
    const expected = 'const { <output>: <variable>, … } = q.call(…)'
    failAt(source, target, `expected ${expected}, found ${shown(target)}`)
  }
  const outputs: Binding[] = []
  for (const element of target?.elements ?? []) {
    const key = element.propertyName ?? element.name
    if (!tsLib().isIdentifier(key) && !tsLib().isStringLiteral(key)) {
      return failAt(source, key, `expected an output name, found ${shown(key)}`)
    }
    outputs.push({ name: key.text, variable: scope.outputVariable(element) })
  }
  return { op: nameNode.text, version, inputs, outputs }
}

/** `op` (a catalog op, current version) or `q.op('name' | op, { version }?)`. */
function readCallee(
  scope: CallReaderScope,
  expression: ts.Expression,
): { op: string; version: VersionConstraint } {
  const { source } = scope
  if (tsLib().isIdentifier(expression)) {
    if (expression.text === 'q')
      failAt(source, expression, "expected an op, found 'q' (the query object)")
    if (scope.declaresName(expression.text)) {
      failAt(source, expression, `expected an op, found variable '${expression.text}'`)
    }
    return { op: expression.text, version: CURRENT }
  }
  const method = queryMethod(expression)
  if (method?.name === 'op' && tsLib().isCallExpression(expression)) {
    const [nameNode, optionsNode, extra] = expression.arguments
    const expected = "expected q.op('<op name>') or q.op('<op name>', { version })"
    if (extra !== undefined) failAt(source, extra, `${expected}, found ${shown(expression)}`)
    if (nameNode === undefined)
      return failAt(source, expression, `${expected}, found ${shown(expression)}`)
    if (!isOpNameNode(scope, nameNode)) {
      return failAt(source, nameNode, `${expected}, found ${shown(nameNode)}`)
    }
    const op = nameNode.text
    const version = optionsNode === undefined ? CURRENT : readVersionOption(source, optionsNode)
    return { op, version }
  }
  if (method !== null) {
    const known = Q_METHODS.map((name) => `q.${name}`).join(', ')
    failAt(source, method.node, `unknown query method q.${method.name}; expected one of ${known}`)
  }
  const expected = "an op name or q.op('<op name>')"
  return failAt(
    source,
    expression,
    `expected ${expected} as the callee, found ${shown(expression)}`,
  )
}

/** An op named by a string, or by the identifier of a catalog op (not shadowed by a variable). */
function isOpNameNode(
  scope: CallReaderScope,
  node: ts.Expression,
): node is ts.StringLiteral | ts.Identifier {
  if (tsLib().isStringLiteral(node)) return true
  return (
    tsLib().isIdentifier(node) && scope.catalog.has(node.text) && !scope.declaresName(node.text)
  )
}

/** `{ version: 'all' }` or `{ version: '<version key>' }`. */
function readVersionOption(source: ts.SourceFile, node: ts.Expression): VersionConstraint {
  const [property, extra] = tsLib().isObjectLiteralExpression(node) ? node.properties : []
  const value =
    property !== undefined &&
    tsLib().isPropertyAssignment(property) &&
    propertyName(property.name) === 'version'
      ? property.initializer
      : undefined
  if (extra !== undefined || value === undefined || !tsLib().isStringLiteral(value)) {
    const expected = "{ version: 'all' } or { version: '<version key>' }"
    return failAt(source, node, `expected ${expected}, found ${shown(node)}`)
  }
  return value.text === 'all' ? { kind: 'all' } : { kind: 'exact', versionKey: value.text }
}

/** Arguments in parameter order; past the parameters, rest inputs `<rest>_0`, `<rest>_1`, … */
function readPositionalArguments(
  scope: CallReaderScope,
  call: ts.CallExpression,
  shape: OpShape,
): Binding[] {
  const inputs: Binding[] = []
  call.arguments.forEach((arg, index) => {
    const rest = shape.rest === null ? undefined : `${shape.rest}_${index - shape.inputs.length}`
    const name = shape.inputs[index] ?? rest
    if (name === undefined) {
      const takes = `${shape.op} takes ${shape.inputs.length} arguments (${shape.inputs.join(', ')})`
      invalidAt(scope.source, arg, `${takes}, found ${call.arguments.length}`)
    }
    const variable = scope.input(arg)
    if (variable !== null) inputs.push({ name: name ?? '', variable })
  })
  return inputs
}

/** A destructured op takes one object argument (or none). */
function readObjectArgument(
  scope: CallReaderScope,
  call: ts.CallExpression,
  shape: OpShape,
): Binding[] {
  const [arg, extra] = call.arguments
  const expected = `one object argument: ${shape.op}({ ${shape.inputs.join(', ')} })`
  if (extra !== undefined)
    failAt(scope.source, extra, `expected ${expected}, found ${shown(extra)}`)
  if (arg === undefined) return []
  if (!tsLib().isObjectLiteralExpression(arg)) {
    return failAt(scope.source, arg, `expected ${expected}, found ${shown(arg)}`)
  }
  return readObjectBindings(scope, arg)
}

/** `{ a, b: v, 'c d': undefined }`: inputs by name; `undefined` leaves one unbound. */
function readObjectBindings(scope: CallReaderScope, node: ts.ObjectLiteralExpression): Binding[] {
  const bindings: Binding[] = []
  const seen = new Set<string>()
  for (const property of node.properties) {
    let name: string | null = null
    let variable: string | null = null
    if (
      tsLib().isShorthandPropertyAssignment(property) &&
      property.objectAssignmentInitializer === undefined
    ) {
      name = property.name.text
      variable = scope.input(property.name)
    } else if (tsLib().isPropertyAssignment(property)) {
      name = propertyName(property.name)
      if (name !== null) variable = scope.input(property.initializer)
    }
    if (name === null) {
      return failAt(scope.source, property, `expected name: variable, found ${shown(property)}`)
    }
    if (seen.has(name)) failAt(scope.source, property, `'${name}' is given twice`)
    seen.add(name)
    if (variable !== null) bindings.push({ name, variable })
  }
  return bindings
}
