import { digestId } from '../ids'
import { type CodeState, type WorkspaceComponent } from '../versioning/code-state'
import { tracker } from '../versioning/tracker'

/**
 * A stand-in for the runner's instrumented workspace in engine tests: components declared by
 * hand, functions that report their entry the way instrumented code does. Editing a function
 * is declaring it again with another source (the hash follows the source text).
 */
export class FakeWorkspace {
  private readonly components: WorkspaceComponent[] = []
  private readonly getters = new Map<number, () => unknown>()

  /** A function component; returns its index for `enter`. */
  fn(
    name: string,
    source: string,
    options: { staticDeps?: number[]; references?: string[] } = {},
  ): number {
    return this.add({
      kind: 'function',
      name,
      contentHash: digestId(source),
      source,
      staticDeps: options.staticDeps ?? [],
      references: options.references ?? [],
    })
  }

  /** A module-level value component read through `get`. */
  value(name: string, get: () => unknown): number {
    const index = this.add({
      kind: 'value',
      name,
      contentHash: null,
      source: '',
      staticDeps: [],
      references: [],
    })
    this.getters.set(index, get)
    return index
  }

  /** Declares a function again with new source (an edit), keeping its index. */
  edit(index: number, source: string, references?: string[]): void {
    const old = this.components[index]
    if (old === undefined) throw new Error(`no component ${index}`)
    this.components[index] = {
      ...old,
      contentHash: digestId(source),
      source,
      references: references ?? old.references,
    }
  }

  codeState(): CodeState {
    return { components: [...this.components] }
  }

  /** What an instrumented module does when it loads: registers its value getters. */
  load(): void {
    tracker.values(Object.fromEntries(this.getters))
  }

  private add(component: Omit<WorkspaceComponent, 'index' | 'id' | 'module' | 'line'>): number {
    const index = this.components.length
    this.components.push({
      ...component,
      index,
      id: `main.ts#${component.name}`,
      module: 'main.ts',
      line: index + 1,
    })
    return index
  }
}

/** What an instrumented function does on entry. */
export function enter(index: number): void {
  tracker.enter(index)
}
