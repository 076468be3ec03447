/**
 * The query view's own state: the drawn pattern and where its nodes sit, the code beside it,
 * the results and the saved queries. The canvas and the code are two views of one pattern:
 * a canvas edit reprints the code; a code edit (debounced) is parsed and redraws the canvas,
 * and its text is never reprinted under the user's cursor.
 */
import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { type ErrorData } from '../../../src-shared/errors'
import {
  EMPTY_PATTERN,
  type OpCatalog,
  type OpShape,
  type Pattern,
} from '../../../src-shared/query/pattern'
import { printPattern } from '../../../src-shared/query/print'
import { type QueryResult, type SavedQuery } from '../../../src-shared/query/results'
import { validatePattern, type PatternProblem } from '../../../src-shared/query/validate'
import { errorDataOf } from '../../api/client'
import { type QueryRequest } from '../../store/navigation-slice'
import { type PatternDraft } from './pattern-edit'
import { layoutPattern, mergePositions, type Position } from './pattern-layout'
import { adoptCallIds } from './pattern-sync'
import { queryHost } from './query-host'
import { type ResultSort } from './result-table'

export const PARSE_DELAY_MS = 300
const RUN_DELAY_MS = 120

/** Where a code problem is, 1-based, as `query.syntax` / `query.invalid` details give it. */
export interface CodeProblem {
  readonly error: ErrorData
  readonly line: number | null
  readonly column: number | null
  readonly endLine: number | null
  readonly endColumn: number | null
}

export interface QueryState {
  readonly catalog: readonly OpShape[]
  readonly catalogMap: OpCatalog
  readonly catalogError: ErrorData | null
  readonly draft: PatternDraft
  readonly positions: Readonly<Record<string, Position>>
  readonly code: string
  /** The code does not parse (or reads as an invalid pattern); the canvas keeps the last good one. */
  readonly codeProblem: CodeProblem | null
  /** Why the drawn pattern cannot run (or be written as code) yet. */
  readonly patternProblems: readonly PatternProblem[]
  readonly result: QueryResult | null
  readonly running: boolean
  readonly runError: ErrorData | null
  readonly distinct: boolean
  readonly sort: ResultSort | null
  readonly plotColumns: readonly [string | null, string | null]
  readonly saved: readonly SavedQuery[]
  readonly savedError: ErrorData | null
  readonly handledNonce: number | null
  /** Bumped when a whole new layout is made: the canvas fits it into view. */
  readonly fitNonce: number
  readonly started: (workspacePath: string | null) => Promise<void>
  /** A canvas edit: the new pattern (and positions), code reprinted, query rerun. */
  readonly drawn: (draft: PatternDraft, positions?: Readonly<Record<string, Position>>) => void
  readonly moved: (positions: Readonly<Record<string, Position>>) => void
  readonly arranged: () => void
  readonly codeTyped: (code: string) => void
  readonly codeLoaded: (code: string) => Promise<void>
  readonly runRequested: () => Promise<void>
  readonly distinctToggled: (distinct: boolean) => void
  readonly sortChanged: (sort: ResultSort | null) => void
  readonly plotChosen: (axis: 0 | 1, column: string | null) => void
  readonly saveRequested: (name: string) => Promise<void>
  readonly deleteRequested: (name: string) => Promise<void>
  readonly requestReceived: (request: QueryRequest) => Promise<void>
}

function catalogOf(shapes: readonly OpShape[]): OpCatalog {
  return new Map(shapes.map((shape) => [shape.op, shape]))
}

function numberDetail(details: ErrorData['details'], key: string): number | null {
  const value = details?.[key]
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

export function codeProblemOf(error: ErrorData): CodeProblem {
  return {
    error,
    line: numberDetail(error.details, 'line'),
    column: numberDetail(error.details, 'column'),
    endLine: numberDetail(error.details, 'endLine'),
    endColumn: numberDetail(error.details, 'endColumn'),
  }
}

/** The code of a drawn pattern, or null while it is not a valid pattern. */
function printedCode(pattern: Pattern, catalog: OpCatalog): string | null {
  try {
    return printPattern(pattern, catalog)
  } catch {
    return null
  }
}

export const queryStore = createStore<QueryState>()((set, get) => {
  let parseTimer: ReturnType<typeof setTimeout> | null = null
  let runTimer: ReturnType<typeof setTimeout> | null = null
  let latestParse = 0
  let latestRun = 0
  let startedFor: string | null | undefined

  const cancelParse = (): void => {
    if (parseTimer !== null) clearTimeout(parseTimer)
    parseTimer = null
    latestParse++
  }

  const scheduleRun = (): void => {
    if (runTimer !== null) clearTimeout(runTimer)
    runTimer = setTimeout(() => {
      runTimer = null
      void get().runRequested()
    }, RUN_DELAY_MS)
  }

  /** A pattern the code produced: drawn, with the nodes that still exist kept in place. */
  const adoptParsed = (parsed: Pattern, fresh: boolean): void => {
    const { draft, positions, catalogMap } = get()
    const pattern = fresh ? parsed : adoptCallIds(parsed, draft.pattern)
    const next = fresh
      ? layoutPattern(pattern, catalogMap)
      : mergePositions(pattern, catalogMap, positions)
    // The user is in the code pane: frame the whole drawing so the change shows on the canvas.
    set({
      draft: { pattern, autoNamed: [] },
      positions: next,
      codeProblem: null,
      patternProblems: validatePattern(pattern, catalogMap),
      fitNonce: get().fitNonce + 1,
    })
    scheduleRun()
  }

  const parse = async (code: string, fresh: boolean): Promise<void> => {
    const request = ++latestParse
    try {
      const pattern = await queryHost().call('query.parse', { code })
      if (request === latestParse) adoptParsed(pattern, fresh)
    } catch (error) {
      if (request === latestParse) set({ codeProblem: codeProblemOf(errorDataOf(error)) })
    }
  }

  return {
    catalog: [],
    catalogMap: new Map(),
    catalogError: null,
    draft: { pattern: EMPTY_PATTERN, autoNamed: [] },
    positions: {},
    code: printPattern(EMPTY_PATTERN, new Map()),
    codeProblem: null,
    patternProblems: [],
    result: null,
    running: false,
    runError: null,
    distinct: true,
    sort: null,
    plotColumns: [null, null],
    saved: [],
    savedError: null,
    handledNonce: null,
    fitNonce: 0,
    async started(workspacePath) {
      if (startedFor === workspacePath) return
      startedFor = workspacePath
      const host = queryHost()
      const [catalog, saved] = await Promise.allSettled([
        host.call('query.catalog', {}),
        host.call('queries.list', {}),
      ])
      if (catalog.status === 'fulfilled') {
        const catalogMap = catalogOf(catalog.value)
        set({
          catalog: catalog.value,
          catalogMap,
          catalogError: null,
          patternProblems: validatePattern(get().draft.pattern, catalogMap),
        })
      } else set({ catalogError: errorDataOf(catalog.reason) })
      if (saved.status === 'fulfilled') set({ saved: saved.value, savedError: null })
      else set({ savedError: errorDataOf(saved.reason) })
      if (get().draft.pattern.calls.length > 0) scheduleRun()
    },
    drawn(draft, positions) {
      cancelParse()
      const { catalogMap } = get()
      const problems = validatePattern(draft.pattern, catalogMap)
      const code = problems.length === 0 ? printedCode(draft.pattern, catalogMap) : null
      set({
        draft,
        positions: positions ?? mergePositions(draft.pattern, catalogMap, get().positions),
        patternProblems: problems,
        ...(code === null ? {} : { code, codeProblem: null }),
      })
      if (code !== null) scheduleRun()
    },
    moved(positions) {
      set({ positions })
    },
    arranged() {
      const { draft, catalogMap } = get()
      set({ positions: layoutPattern(draft.pattern, catalogMap), fitNonce: get().fitNonce + 1 })
    },
    codeTyped(code) {
      if (code === get().code) return
      cancelParse()
      set({ code })
      parseTimer = setTimeout(() => {
        parseTimer = null
        void parse(code, false)
      }, PARSE_DELAY_MS)
    },
    async codeLoaded(code) {
      cancelParse()
      set({ code, codeProblem: null })
      await parse(code, true)
    },
    async runRequested() {
      const { draft, distinct, patternProblems } = get()
      const pattern = draft.pattern
      if (patternProblems.length > 0 || pattern.calls.length + pattern.variables.length === 0) {
        return
      }
      const request = ++latestRun
      set({ running: true, runError: null })
      try {
        const result = await queryHost().call('query.run', { pattern, distinct })
        if (request !== latestRun) return
        const names = new Set(result.columns)
        const [x, y] = get().plotColumns
        const sort = get().sort
        set({
          result,
          running: false,
          sort: sort !== null && sort.column < result.columns.length ? sort : null,
          plotColumns: [
            x !== null && names.has(x) ? x : null,
            y !== null && names.has(y) ? y : null,
          ],
        })
      } catch (error) {
        if (request === latestRun) set({ running: false, runError: errorDataOf(error) })
      }
    },
    distinctToggled(distinct) {
      set({ distinct })
      void get().runRequested()
    },
    sortChanged(sort) {
      set({ sort })
    },
    plotChosen(axis, column) {
      const next: [string | null, string | null] = [...get().plotColumns]
      next[axis] = column
      set({ plotColumns: next })
    },
    async saveRequested(name) {
      try {
        const savedQuery = await queryHost().call('queries.save', { name, code: get().code })
        const others = get().saved.filter((query) => query.name !== savedQuery.name)
        set({ saved: [...others, savedQuery], savedError: null })
      } catch (error) {
        set({ savedError: errorDataOf(error) })
      }
    },
    async deleteRequested(name) {
      try {
        await queryHost().call('queries.delete', { name })
        set({ saved: get().saved.filter((query) => query.name !== name), savedError: null })
      } catch (error) {
        set({ savedError: errorDataOf(error) })
      }
    },
    async requestReceived(request) {
      if (get().handledNonce === request.nonce) return
      set({ handledNonce: request.nonce })
      if (request.kind === 'code') {
        await get().codeLoaded(request.code)
        return
      }
      try {
        const similar = await queryHost().call('query.similar', { hid: request.hid })
        cancelParse()
        set({ code: similar.code })
        adoptParsed(similar.pattern, true)
      } catch (error) {
        set({ runError: errorDataOf(error) })
      }
    },
  }
})

export function useQueryStore<T>(selector: (state: QueryState) => T): T {
  return useStore(queryStore, selector)
}
