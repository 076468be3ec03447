import type * as acorn from 'acorn'
import MagicString from 'magic-string'
import { type ModuleAnalysis } from './module-analysis'
import { importedName, isElidedImport, nameOf } from './module-bindings'
import { type RuntimeHelper, runtimeHelpers } from './runtime-helpers'
import { walkTree } from './syntax-tree'

export interface RewrittenModule {
  readonly code: string
  /** Source map v3 (JSON) back to the TypeScript file. */
  readonly map: string
}

/**
 * Turns a type-stripped ES module into the body of a CommonJS wrapper
 * `function (exports, require, module, __filename, __dirname)` and instruments it:
 *
 * - a one-line prologue (on the module's first line, so no line moves) that sets
 *   `exports.__esModule`, binds the tracker, registers getters for the module's value
 *   components and defines a live getter for each local export;
 * - imports become `const { a, b: c } = require("./x")`, keeping the imported names as plain
 *   identifiers; exports lose their `export` keyword;
 * - `<prefix>tracker.enter(<index>);` opens the body of every function component, and a class
 *   body starts with a private field `#<prefix>shell = <prefix>tracker.enter(<shell index>);`.
 *
 * Every edit keeps the line count of what it replaces, and the map is generated per character,
 * so any position of the output maps back to its exact TypeScript line and column.
 */
export function rewriteModule(
  analysis: ModuleAnalysis,
  firstIndex: number,
  workspaceTargets: ReadonlySet<string>,
): RewrittenModule {
  const { javascript, program, prefix, bindings } = analysis
  const code = new MagicString(javascript)
  const helpers = runtimeHelpers(prefix)
  const used = new Set<RuntimeHelper>()
  const helper = (name: RuntimeHelper) => {
    used.add(name)
    return `${prefix}${name}`
  }
  const replace = (start: number, end: number, text: string) => {
    // Keep the replaced range's line breaks so the lines after it stay where they were.
    const lineBreaks = javascript.slice(start, end).match(/\n/g)?.length ?? 0
    const replacement = text + '\n'.repeat(lineBreaks)
    if (replacement === '') code.remove(start, end)
    else code.overwrite(start, end, replacement)
  }
  const tracker = `${prefix}tracker`
  let reexportCount = 0

  for (const statement of program.body) {
    switch (statement.type) {
      case 'ImportDeclaration':
        replace(statement.start, statement.end, importCode(statement, analysis, helper))
        break
      case 'ExportNamedDeclaration':
        if (statement.declaration != null) {
          code.remove(statement.start, statement.declaration.start)
        } else if (statement.source != null) {
          const module = `${prefix}reexport${++reexportCount}`
          const getters = statement.specifiers.map((node) => {
            const imported = nameOf(node.local)
            const read =
              imported === 'default'
                ? `${helper('importDefault')}(${module})`
                : member(module, imported)
            return exportGetter(nameOf(node.exported), read)
          })
          const load = `const ${module} = require(${JSON.stringify(statement.source.value)});`
          replace(statement.start, statement.end, load + getters.join(''))
        } else {
          replace(statement.start, statement.end, '')
        }
        break
      case 'ExportDefaultDeclaration':
        rewriteDefaultExport(statement, code, replace, `${prefix}default`)
        break
      case 'ExportAllDeclaration': {
        const load = `require(${JSON.stringify(statement.source.value)})`
        replace(
          statement.start,
          statement.end,
          statement.exported == null
            ? `${helper('exportStar')}(exports, ${load});`
            : `Object.defineProperty(exports, ${JSON.stringify(nameOf(statement.exported))}, { enumerable: true, value: ${helper('importStar')}(${load}) });`,
        )
        break
      }
      default:
        break
    }
  }

  walkTree(program, (node) => {
    if (node.type === 'MetaProperty' && node.meta.name === 'import') {
      code.overwrite(node.start, node.end, helper('importMeta'))
    } else if (
      node.type === 'ImportExpression' &&
      node.source.type === 'Literal' &&
      typeof node.source.value === 'string' &&
      workspaceTargets.has(node.source.value)
    ) {
      // A workspace module must come from the bundle (instrumented), not be imported natively.
      code.overwrite(
        node.start,
        node.source.start,
        `Promise.resolve().then(() => ${helper('importStar')}(require(`,
      )
      code.overwrite(node.source.end, node.end, ')))')
    }
  })

  analysis.components.forEach((component, position) => {
    const enter = `${tracker}.enter(${firstIndex + position})`
    for (const hook of component.hooks) {
      if (hook.kind === 'block') {
        code.appendLeft(hook.at, ` ${enter};`)
      } else if (hook.kind === 'classBody') {
        code.appendLeft(hook.at, ` #${prefix}shell = ${enter};`)
      } else {
        code.prependRight(hook.start, `(${enter}, `)
        code.prependLeft(hook.end, ')')
      }
    }
  })

  if (bindings.usesImportMeta) helper('importMeta')
  const helperCode = Object.entries(helpers).flatMap(([name, text]) =>
    used.has(name as RuntimeHelper) ? [text] : [],
  )
  code.prepend(prologue(analysis, firstIndex) + helperCode.join(''))
  // A hashbang line is only allowed at the start of a file, not in a function body.
  if (javascript.startsWith('#!')) {
    const lineEnd = javascript.indexOf('\n')
    code.remove(0, lineEnd === -1 ? javascript.length : lineEnd)
  }
  const map = code.generateMap({ source: analysis.path, file: analysis.path, hires: true })
  map.sourcesContent = [analysis.typescript]
  return { code: code.toString(), map: map.toString() }
}

function prologue(analysis: ModuleAnalysis, firstIndex: number): string {
  const { prefix, components, bindings } = analysis
  const parts = [
    '"use strict";',
    'Object.defineProperty(exports, "__esModule", { value: true });',
    `const ${prefix}tracker = globalThis[Symbol.for("memograph.tracker")];`,
  ]
  const getters = components.flatMap((component, position) =>
    component.kind === 'value' && component.binding !== null
      ? [`${firstIndex + position}: () => ${component.binding}`]
      : [],
  )
  if (getters.length > 0) parts.push(`${prefix}tracker.values({ ${getters.join(', ')} });`)
  for (const [exported, local] of bindings.localExports) parts.push(exportGetter(exported, local))
  return parts.join('')
}

function exportGetter(exported: string, read: string): string {
  return `Object.defineProperty(exports, ${JSON.stringify(exported)}, { enumerable: true, get: () => ${read} });`
}

function member(object: string, name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name)
    ? `${object}.${name}`
    : `${object}[${JSON.stringify(name)}]`
}

/** `const { a, b: c } = require("./x");` and the like; '' for an import TypeScript elides. */
function importCode(
  statement: acorn.ImportDeclaration,
  analysis: ModuleAnalysis,
  helper: (name: RuntimeHelper) => string,
): string {
  const load = `require(${JSON.stringify(statement.source.value)})`
  if (isElidedImport(statement, analysis.unusedImports, analysis.javascript)) return ''
  if (statement.specifiers.length === 0) return `${load};`
  const kept = statement.specifiers.filter((node) => !analysis.unusedImports.has(node.local.name))
  const named: string[] = []
  const bindings: ((module: string) => string)[] = []
  for (const node of kept) {
    const imported = importedName(node)
    const local = node.local.name
    if (imported === '*') bindings.push((module) => `${local} = ${helper('importStar')}(${module})`)
    else if (imported === 'default') {
      bindings.push((module) => `${local} = ${helper('importDefault')}(${module})`)
    } else {
      const key = /^[A-Za-z_$][\w$]*$/.test(imported) ? imported : JSON.stringify(imported)
      named.push(key === local ? local : `${key}: ${local}`)
    }
  }
  if (named.length > 0) bindings.push((module) => `{ ${named.join(', ')} } = ${module}`)
  const only = bindings.length === 1 ? bindings[0] : undefined
  if (only !== undefined) return `const ${only(load)};`
  const module = `${analysis.prefix}import${statement.start}`
  return `const ${module} = ${load}, ${bindings.map((binding) => binding(module)).join(', ')};`
}

function rewriteDefaultExport(
  statement: acorn.ExportDefaultDeclaration,
  code: MagicString,
  replace: (start: number, end: number, text: string) => void,
  hiddenDefault: string,
): void {
  const declaration = statement.declaration
  // Up to the end of `export default` only: a parenthesized expression starts after its `(`.
  const keywordsEnd = code.original.indexOf('default', statement.start) + 'default'.length
  // An anonymous default function or class is named 'default', as an ES module would name it.
  const nameIt = `Object.defineProperty(${hiddenDefault}, "name", { value: "default" });`
  if (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') {
    code.remove(statement.start, keywordsEnd)
    if (declaration.id != null) return
    const keyword = declaration.type === 'ClassDeclaration' ? 'class' : null
    const at =
      keyword === null
        ? code.original.indexOf('(', declaration.start)
        : declaration.start + keyword.length
    code.appendLeft(at, ` ${hiddenDefault}`)
    code.appendLeft(declaration.end, nameIt)
  } else if (declaration.type === 'Identifier') {
    // The export getter reads the binding itself.
    replace(statement.start, statement.end, '')
  } else {
    code.overwrite(statement.start, keywordsEnd, `const ${hiddenDefault} =`)
    if (code.original[statement.end - 1] !== ';') code.appendLeft(statement.end, ';')
    const anonymous =
      declaration.type === 'ArrowFunctionExpression' ||
      ((declaration.type === 'FunctionExpression' || declaration.type === 'ClassExpression') &&
        declaration.id == null)
    if (anonymous) code.appendLeft(statement.end, nameIt)
  }
}
