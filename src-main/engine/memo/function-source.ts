import { parse } from 'acorn'
import { generate } from 'astring'
import type * as ESTree from 'estree'

/** How an op's arguments map to named inputs, read from its parameter list. */
export type ParameterShape =
  | {
      readonly kind: 'positional'
      readonly names: readonly string[]
      /** Name of a `...rest` parameter; its elements become inputs `<rest>_0`, `<rest>_1`, ... */
      readonly rest: string | null
    }
  | {
      /** A single destructured object parameter: one input per declared key. */
      readonly kind: 'object'
      readonly keys: readonly string[]
      /** Whether the pattern has `...rest`, so undeclared keys are inputs too. */
      readonly rest: boolean
    }

export interface FunctionSource {
  readonly name: string
  readonly isAsync: boolean
  readonly isGenerator: boolean
  readonly parameters: ParameterShape
  /** The source as the runtime reports it (for display and diffs). */
  readonly original: string
  /**
   * Whether a named function expression refers to its own name inside its body: such a call
   * reaches the plain function, not an op wrapped around it.
   */
  readonly callsItselfByName: boolean
  /**
   * The source reprinted from its syntax tree: comments, whitespace, parentheses, quote style,
   * number spelling and trailing commas do not survive, so formatting-only edits keep it equal.
   */
  readonly normalized: string
}

export class FunctionSourceError extends Error {}

const NATIVE_CODE = /\{\s*\[native code\]\s*\}\s*$/

/** Reads a function's parameters and normalized source from its text. */
export function readFunctionSource(fn: (...args: never[]) => unknown): FunctionSource {
  const original = Function.prototype.toString.call(fn)
  if (NATIVE_CODE.test(original)) {
    throw new FunctionSourceError(
      'its source is not available (a native or bound function); wrap it in a plain function',
    )
  }
  if (/^class\b/.test(original)) {
    throw new FunctionSourceError('it is a class, not a function')
  }
  const node = parseFunctionNode(original)
  if (node === null) {
    throw new FunctionSourceError('its source text could not be parsed')
  }
  dropLiteralSpelling(node)
  const isAsync = node.async === true
  const isGenerator = node.generator === true
  const parameters = readParameters(node.params)
  const ownName = node.type === 'FunctionExpression' ? node.id?.name : undefined
  const callsItselfByName = ownName !== undefined && mentionsIdentifier(node.body, ownName)
  // The op name is part of the identity on its own; transpilers rename function expressions
  // (esbuild turns `const inc = function inc` into `function inc2`), so the id must not count.
  if (node.type === 'FunctionExpression') node.id = null
  return {
    name: fn.name,
    isAsync,
    isGenerator,
    parameters,
    callsItselfByName,
    original,
    normalized: generate(node),
  }
}

type FunctionNode = ESTree.FunctionExpression | ESTree.ArrowFunctionExpression

function parseFunctionNode(source: string): FunctionNode | null {
  // Function expressions and arrows parse as they are; methods (`m(x) {}`, `async *g() {}`,
  // `get v() {}`) only parse inside an object or class body.
  const attempts: readonly [string, (expression: ESTree.Expression) => FunctionNode | null][] = [
    [`(${source})`, asFunction],
    [`({${source}})`, (expression) => firstMember(expression, 'ObjectExpression')],
    [`(class { ${source} })`, (expression) => firstMember(expression, 'ClassExpression')],
  ]
  for (const [text, extract] of attempts) {
    let program: ESTree.Program
    try {
      program = parse(text, { ecmaVersion: 'latest' }) as unknown as ESTree.Program
    } catch {
      continue
    }
    const statement = program.body[0]
    if (program.body.length !== 1 || statement?.type !== 'ExpressionStatement') continue
    const node = extract(statement.expression)
    if (node !== null) return node
  }
  return null
}

function asFunction(expression: ESTree.Expression): FunctionNode | null {
  return expression.type === 'FunctionExpression' || expression.type === 'ArrowFunctionExpression'
    ? expression
    : null
}

function firstMember(
  expression: ESTree.Expression,
  container: 'ObjectExpression' | 'ClassExpression',
): FunctionNode | null {
  if (container === 'ObjectExpression' && expression.type === 'ObjectExpression') {
    const property = expression.properties[0]
    if (expression.properties.length !== 1 || property?.type !== 'Property') return null
    return property.value.type === 'FunctionExpression' ? property.value : null
  }
  if (container === 'ClassExpression' && expression.type === 'ClassExpression') {
    const member = expression.body.body[0]
    if (expression.body.body.length !== 1 || member?.type !== 'MethodDefinition') return null
    return member.value
  }
  return null
}

function readParameters(params: readonly ESTree.Pattern[]): ParameterShape {
  const single = params.length === 1 ? params[0] : undefined
  const objectPattern = single === undefined ? null : asObjectPattern(single)
  if (objectPattern !== null) return readObjectPattern(objectPattern)

  const names: string[] = []
  let rest: string | null = null
  params.forEach((param, index) => {
    if (param.type === 'RestElement') {
      rest = param.argument.type === 'Identifier' ? param.argument.name : `arg${index}`
      return
    }
    const target = param.type === 'AssignmentPattern' ? param.left : param
    names.push(target.type === 'Identifier' ? target.name : `arg${index}`)
  })
  return { kind: 'positional', names, rest }
}

function asObjectPattern(param: ESTree.Pattern): ESTree.ObjectPattern | null {
  if (param.type === 'ObjectPattern') return param
  if (param.type === 'AssignmentPattern' && param.left.type === 'ObjectPattern') return param.left
  return null
}

function readObjectPattern(pattern: ESTree.ObjectPattern): ParameterShape {
  const keys: string[] = []
  let rest = false
  for (const property of pattern.properties) {
    if (property.type === 'RestElement') {
      rest = true
      continue
    }
    if (property.computed) {
      throw new FunctionSourceError('its destructured parameter uses a computed key')
    }
    const key = property.key
    if (key.type === 'Identifier') keys.push(key.name)
    else if (key.type === 'Literal' && typeof key.value === 'string') keys.push(key.value)
    else if (key.type === 'Literal' && typeof key.value === 'number') keys.push(String(key.value))
    else throw new FunctionSourceError('its destructured parameter has an unsupported key')
  }
  return { kind: 'object', keys, rest }
}

/**
 * Visits every node of a syntax tree (parents before children). `visit` returns false to stop
 * the walk, or the names of fields not to descend into.
 */
function walk(
  root: ESTree.Node,
  visit: (node: Record<string, unknown>) => boolean | readonly string[],
): boolean {
  const stack: unknown[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()
    if (typeof node !== 'object' || node === null) continue
    if (Array.isArray(node)) {
      stack.push(...(node as unknown[]))
      continue
    }
    const record = node as Record<string, unknown>
    const verdict = visit(record)
    if (verdict === false) return false
    const skipped = verdict === true ? [] : verdict
    for (const [key, child] of Object.entries(record)) {
      if (key !== 'loc' && !skipped.includes(key) && typeof child === 'object' && child !== null)
        stack.push(child)
    }
  }
  return true
}

/** astring prints a literal's raw spelling when present; drop it so 'a' and "a" print alike. */
function dropLiteralSpelling(root: ESTree.Node): void {
  walk(root, (node) => {
    if (
      node.type === 'Literal' &&
      (typeof node.value === 'string' || typeof node.value === 'number')
    ) {
      delete node.raw
    }
    return true
  })
}

const NONE: readonly string[] = []
const PROPERTY: readonly string[] = ['property']
const KEY: readonly string[] = ['key']

function mentionsIdentifier(root: ESTree.Node, name: string): boolean {
  return !walk(root, (node) => {
    if (node.type === 'Identifier' && node.name === name) return false
    // `x.name` and `{ name: v }` mention a property, not the binding.
    if (node.computed === true) return NONE
    if (node.type === 'MemberExpression') return PROPERTY
    if (node.type === 'Property') return KEY
    return NONE
  })
}
