import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import ts from 'typescript'
import { EngineError, op } from '../index'
import { functionFromSource } from '../testing/function-from-source'
import { readFunctionSource } from './function-source'

function sourceOf(text: string) {
  return readFunctionSource(functionFromSource(text))
}

function methodOf(text: string) {
  const holder = functionFromSource(`function holder() { return { ${text} } }`)() as Record<
    string,
    () => unknown
  >
  const method = Object.values(holder)[0]
  assert.ok(method)
  return readFunctionSource(method)
}

describe('function sources', () => {
  test('O3: parameters name the inputs: plain, defaults, rest, destructured', () => {
    assert.deepEqual(sourceOf('function f(a, b = 2, ...rest) {}').parameters, {
      kind: 'positional',
      names: ['a', 'b'],
      rest: 'rest',
    })
    assert.deepEqual(sourceOf('({ X, y: labels, seed = 1 }) => X').parameters, {
      kind: 'object',
      keys: ['X', 'y', 'seed'],
      rest: false,
    })
    assert.deepEqual(sourceOf('function g({ a, ...others } = {}) {}').parameters, {
      kind: 'object',
      keys: ['a'],
      rest: true,
    })
    assert.deepEqual(sourceOf('function h([a, b], c) {}').parameters, {
      kind: 'positional',
      names: ['arg0', 'c'],
      rest: null,
    })
    assert.deepEqual(methodOf('async train(x) { return x }').parameters, {
      kind: 'positional',
      names: ['x'],
      rest: null,
    })
  })

  test('O7: normalization drops comments, layout, quote style, parentheses and the function name', () => {
    const normalized = sourceOf('function f(a) { return "x" + a }').normalized
    for (const variant of [
      "function f(a) {\n  // note\n  return 'x' + a;\n}",
      'function renamed(a,) { /* c */ return ("x" + (a)) }',
      'function f(a){return"x"+a}',
    ]) {
      assert.equal(sourceOf(variant).normalized, normalized, variant)
    }
    assert.notEqual(sourceOf('function f(a) { return "y" + a }').normalized, normalized)
    assert.notEqual(
      sourceOf('function f(a) { return 0x10 + a }').normalized,
      sourceOf('function f(a) { return 17 + a }').normalized,
    )
    assert.equal(
      sourceOf('function f(a) { return 0x10 + a }').normalized,
      sourceOf('function f(a) { return 16 + a }').normalized,
    )
  })

  test('O7: type annotations do not count: the TypeScript-to-JavaScript step removes them', () => {
    const transpile = (code: string) =>
      ts.transpileModule(`export const f = ${code}`, {
        compilerOptions: { target: ts.ScriptTarget.ES2022 },
      }).outputText
    const javascript = (code: string) =>
      transpile(code)
        .replace(/^export const f = /m, '')
        .replace(/;\s*$/, '')
    const typed = javascript(
      'function f(rows: Array<{ v: number }>, scale: number = 2): number { return rows.length * (scale as number) }',
    )
    const untyped = javascript('function f(rows, scale = 2) { return rows.length * scale }')
    assert.equal(sourceOf(typed).normalized, sourceOf(untyped).normalized)
  })

  test('O1: a function calling itself by its own name is flagged (that call bypasses the op)', () => {
    assert.equal(
      sourceOf('function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) }').callsItselfByName,
      true,
    )
    assert.equal(
      sourceOf('function fib(n) { return helpers.fib(n) + { fib: 1 }.fib }').callsItselfByName,
      false,
    )
    assert.equal(sourceOf('(n) => n').callsItselfByName, false)
  })

  test('O1: native, bound, class and generator functions and nameless arrows are refused with clear errors', () => {
    const refused = (fn: unknown, pattern: RegExp) =>
      assert.throws(
        () => op(fn as () => unknown),
        (error: unknown) =>
          error instanceof EngineError &&
          error.code === 'op.invalid' &&
          pattern.test(error.message),
      )
    refused(Math.max, /source is not available/)
    refused(function bound() {}.bind(null), /source is not available/)
    refused(class Model {}, /it is a class/)
    refused(function* numbers() {}, /generator functions cannot be ops/)
    refused((x: number) => x, /op\(\) needs a name/)
    assert.equal(op((x: number) => x, { name: 'identity' }).opName, 'identity')
  })
})
