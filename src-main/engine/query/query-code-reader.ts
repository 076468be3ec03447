import type ts from 'typescript'

import { tsLib } from './typescript-library'
import type { OpCatalog, Pattern, PinValue } from '../../../src-shared/query/pattern'
import { PatternBuilder } from '../../../src-shared/query/pattern-builder'
import { readOpCall } from './query-code-calls'
import {
  bindingNames,
  failAt,
  isLiteralNode,
  KINDS,
  nodeLocation,
  Q_METHODS,
  queryMethod,
  readLiteral,
  readPinValue,
  shown,
  syntaxError,
  VARIABLE_METHODS,
} from './query-code-syntax'

/**
 * Reads the body of a query function statement by statement into a pattern (SPEC Q5). Every
 * variable must be declared before it is used; the statement that declared each variable and
 * call is kept so that validation errors can point at it.
 */
export class QueryCodeReader {
  private readonly builder = new PatternBuilder()
  /** Every name the body declares, at its declaration (to tell "later" from "never"). */
  private readonly declarations = new Map<string, ts.Node>()
  private readonly declared = new Set<string>()
  private readonly origins = new Map<string, ts.Node>()
  /** The return statement, once read: validation errors about `select` point at it. */
  returnNode: ts.Node | undefined

  constructor(
    readonly source: ts.SourceFile,
    readonly catalog: OpCatalog,
  ) {}

  /** The statement that introduced a variable or call id. */
  origin(id: unknown): ts.Node | undefined {
    return typeof id === 'string' ? this.origins.get(id) : undefined
  }

  read(body: ts.Block): Pattern {
    this.scan(body)
    for (const statement of body.statements) {
      if (this.returnNode !== undefined) {
        this.fail(
          statement,
          `expected nothing after the return statement, found ${shown(statement)}`,
        )
      }
      if (tsLib().isVariableStatement(statement)) this.declaration(statement)
      else if (tsLib().isExpressionStatement(statement)) this.expressionStatement(statement)
      else if (tsLib().isReturnStatement(statement)) this.returnStatement(statement)
      else if (!tsLib().isEmptyStatement(statement)) {
        const expected = 'a const declaration, an op call or return { … }'
        this.fail(statement, `expected ${expected}, found ${shown(statement)}`)
      }
    }
    if (this.returnNode === undefined) {
      const end = body.getEnd()
      const message = 'expected return { … } as the last statement, found the end of the function'
      throw syntaxError(this.source, end - 1, end, message)
    }
    return this.builder.build()
  }

  declaresName(name: string): boolean {
    return this.declarations.has(name)
  }

  /** An op input: a variable, `undefined` (unbound), or `[a, b]` (a new list of those). */
  input(node: ts.Expression): string | null {
    if (tsLib().isIdentifier(node) && node.text === 'undefined') return null
    if (!tsLib().isArrayLiteralExpression(node)) return this.variable(node)
    const elements = this.variableList(node, false)
    const id = this.builder.variable()
    const entries = elements.map((element) => ({ element: element ?? '', key: null }))
    this.builder.collectionOf(id, 'list', entries)
    this.origins.set(id, node)
    return id
  }

  outputVariable(element: ts.BindingElement): string {
    if (
      !tsLib().isIdentifier(element.name) ||
      element.initializer !== undefined ||
      element.dotDotDotToken !== undefined
    ) {
      return this.fail(element, `expected a variable name, found ${shown(element)}`)
    }
    return element.name.text
  }

  /** Finds every declared name first, and keeps fresh ids clear of every name in the text. */
  private scan(body: ts.Block): void {
    const names: string[] = []
    const visit = (node: ts.Node): void => {
      if (tsLib().isIdentifier(node)) names.push(node.text)
      tsLib().forEachChild(node, visit)
    }
    visit(body)
    this.builder.reserve(names)
    for (const statement of body.statements) {
      if (!tsLib().isVariableStatement(statement)) continue
      for (const declaration of statement.declarationList.declarations) {
        for (const name of bindingNames(declaration.name)) {
          const earlier = this.declarations.get(name.text)
          if (earlier !== undefined) {
            const at = nodeLocation(this.source, earlier)
            this.fail(name, `'${name.text}' is already declared at ${at.line}:${at.column}`)
          }
          if (name.text === 'q')
            this.fail(name, "expected a variable name, found 'q' (the query object)")
          this.declarations.set(name.text, name)
        }
      }
    }
  }

  private declaration(statement: ts.VariableStatement): void {
    const list = statement.declarationList
    if ((list.flags & (tsLib().NodeFlags.Const | tsLib().NodeFlags.Let)) === 0) {
      this.fail(statement, `expected const (or let), found ${shown(statement)}`)
    }
    const modifier = statement.modifiers?.[0]
    if (modifier !== undefined) this.fail(modifier, `expected const, found ${shown(modifier)}`)
    const [declaration, extra] = list.declarations
    if (extra !== undefined) this.fail(extra, 'expected one variable per declaration')
    if (declaration === undefined) return
    const { name, type, initializer: init } = declaration
    if (type !== undefined) this.fail(type, `expected no type annotation, found ${shown(type)}`)
    if (init === undefined) {
      return this.fail(declaration, `expected ${shown(name)} = q.any(), op(…) or the like`)
    }
    const method = tsLib().isCallExpression(init) ? queryMethod(init) : null
    if (
      method !== null &&
      tsLib().isCallExpression(init) &&
      VARIABLE_METHODS.includes(method.name)
    ) {
      if (!tsLib().isIdentifier(name)) {
        this.fail(name, `expected a variable name for q.${method.name}(…), found ${shown(name)}`)
      }
      this.queryVariable(name.text, method.name, init, statement)
    } else if (method !== null && method.name !== 'call') {
      this.misusedMethod(init, method)
    } else if (tsLib().isCallExpression(init)) {
      this.addCall(init, name, statement)
    } else {
      const expected =
        'q.any(), q.value(…), q.oneOf(…), q.cid(…), q.elementOf(…), q.collectionOf(…) or an op call'
      this.fail(init, `expected ${expected}, found ${shown(init)}`)
    }
  }

  /** `const v = q.any() | q.value(…) | q.oneOf(…) | q.cid(…) | q.elementOf(…) | q.collectionOf(…)` */
  private queryVariable(
    id: string,
    method: string,
    call: ts.CallExpression,
    statement: ts.Statement,
  ): void {
    const args = call.arguments
    const arity = (min: number, max: number, expected: string): void => {
      const extra = args[max]
      if (args.length < min) this.fail(call, `expected ${expected}, found ${shown(call)}`)
      if (extra !== undefined) this.fail(extra, `expected ${expected}, found ${shown(call)}`)
    }
    const [first, second, third] = args
    if (method === 'any') {
      arity(0, 0, 'q.any() without arguments')
      this.declare(id, null, statement)
    } else if (method === 'value') {
      arity(1, 1, 'q.value(<literal>)')
      this.declare(
        id,
        [{ kind: 'literal', value: readLiteral(this.source, first ?? call) }],
        statement,
      )
    } else if (method === 'oneOf') {
      arity(2, Infinity, 'q.oneOf(<value>, <value>, …) with two or more values (q.value takes one)')
      const pins = args.map((arg) => readPinValue(this.source, arg))
      this.declare(id, pins, statement)
    } else if (method === 'cid') {
      arity(1, 1, "q.cid('<content id>')")
      this.declare(id, [readPinValue(this.source, call)], statement)
    } else if (method === 'elementOf') {
      arity(1, 2, 'q.elementOf(<collection>) or q.elementOf(<collection>, <key>)')
      const collection = this.variable(first ?? call)
      const key = second === undefined ? null : this.variable(second)
      this.declare(id, null, statement)
      this.builder.elementOf(collection, id, key)
    } else {
      arity(2, 3, "q.collectionOf('<list|object|map|set>', [<elements>], [<keys>]?)")
      const kindNode = first ?? call
      const kind = KINDS.find((name) => tsLib().isStringLiteral(kindNode) && kindNode.text === name)
      if (kind === undefined) {
        return this.fail(
          kindNode,
          `expected 'list', 'object', 'map' or 'set', found ${shown(kindNode)}`,
        )
      }
      const elements = this.variableList(second ?? call, false)
      const keys = third === undefined ? elements.map(() => null) : this.variableList(third, true)
      if (keys.length !== elements.length) {
        this.fail(
          third ?? call,
          `expected ${elements.length} keys (one per element), found ${keys.length}`,
        )
      }
      this.declare(id, null, statement)
      const entries = elements.map((element, index) => ({
        element: element ?? '',
        key: keys[index] ?? null,
      }))
      this.builder.collectionOf(id, kind, entries)
    }
  }

  private expressionStatement(statement: ts.ExpressionStatement): void {
    const expression = statement.expression
    const method = queryMethod(expression)
    if (tsLib().isCallExpression(expression) && (method === null || method.name === 'call')) {
      return this.addCall(expression, null, statement)
    }
    if (method !== null) this.misusedMethod(expression, method)
    this.fail(expression, `expected a const declaration or an op call, found ${shown(expression)}`)
  }

  private returnStatement(statement: ts.ReturnStatement): void {
    const value = statement.expression
    if (value === undefined || !tsLib().isObjectLiteralExpression(value)) {
      const found = shown(statement)
      return this.fail(
        value ?? statement,
        `expected return { <selected variables> }, found ${found}`,
      )
    }
    const selected: string[] = []
    for (const property of value.properties) {
      if (
        !tsLib().isShorthandPropertyAssignment(property) ||
        property.objectAssignmentInitializer !== undefined
      ) {
        const expected = 'a selected variable by name (return { a, b })'
        return this.fail(property, `expected ${expected}, found ${shown(property)}`)
      }
      const id = this.variable(property.name)
      if (selected.includes(id)) this.fail(property, `'${id}' is selected twice`)
      selected.push(id)
    }
    this.builder.select(selected)
    this.returnNode = statement
  }

  private variableList(node: ts.Expression, nullable: boolean): (string | null)[] {
    if (!tsLib().isArrayLiteralExpression(node)) {
      return this.fail(node, `expected an array of variables [a, b, …], found ${shown(node)}`)
    }
    return node.elements.map((element) =>
      nullable && element.kind === tsLib().SyntaxKind.NullKeyword ? null : this.variable(element),
    )
  }

  /** A reference to a declared variable. */
  private variable(node: ts.Node): string {
    if (!tsLib().isIdentifier(node)) {
      const hint = isLiteralNode(node) ? ' (declare values with const v = q.value(…))' : ''
      return this.fail(node, `expected a variable, found ${shown(node)}${hint}`)
    }
    const name = node.text
    if (name === 'q') this.fail(node, "expected a variable, found 'q' (the query object)")
    if (this.declared.has(name)) return name
    const later = this.declarations.get(name)
    if (later !== undefined) {
      const at = nodeLocation(this.source, later)
      this.fail(node, `'${name}' is used before its declaration at ${at.line}:${at.column}`)
    }
    if (this.catalog.has(name)) this.fail(node, `expected a variable, found op '${name}'`)
    return this.fail(node, `expected a variable, found '${name}', which is not declared`)
  }

  private declare(id: string, pin: readonly PinValue[] | null, statement: ts.Statement): void {
    this.builder.variable(id, pin)
    this.declared.add(id)
    this.origins.set(id, statement)
  }

  private addCall(
    call: ts.CallExpression,
    target: ts.BindingName | null,
    statement: ts.Statement,
  ): void {
    const { op, version, inputs, outputs } = readOpCall(this, call, target)
    for (const { variable } of outputs) this.declare(variable, null, statement)
    this.origins.set(this.builder.call(op, inputs, outputs, version), statement)
  }

  /** `q.op(…)` not called, a variable method without a name, or a method q does not have. */
  private misusedMethod(node: ts.Node, method: { name: string; node: ts.Node }): never {
    if (method.name === 'op') {
      return this.fail(
        node,
        `expected a call of the op: ${shown(node)}(…), found ${shown(node)} alone`,
      )
    }
    if (VARIABLE_METHODS.includes(method.name)) {
      const expected = `const <name> = q.${method.name}(…)`
      return this.fail(node, `expected ${expected}, found ${shown(node)} without a name`)
    }
    const known = Q_METHODS.map((name) => `q.${name}`).join(', ')
    return this.fail(method.node, `unknown query method q.${method.name}; expected one of ${known}`)
  }

  private fail(node: ts.Node, message: string): never {
    return failAt(this.source, node, message)
  }
}
