import { currentContext } from '../memo/run-context'
import { TRACKER_KEY, type TrackerHooks } from './code-state'

/**
 * What one executing op call has used so far: the workspace components it entered and the
 * nested op calls it made (by op and semantic key), SPEC D2.
 */
export class DependencyFrame {
  /** Entered component indexes; may hold repeats (see DependencyTracker.enter). */
  readonly entered: number[] = []
  /** Nested op calls: op name → semantic keys. */
  readonly links = new Map<string, Set<string>>()

  constructor(readonly epoch: number) {}

  link(op: string, semanticKey: string): void {
    let keys = this.links.get(op)
    if (keys === undefined) this.links.set(op, (keys = new Set()))
    keys.add(semanticKey)
  }
}

/**
 * Receives the instrumented code's hooks. `enter` runs on every workspace function entry, so
 * it is a typed-array compare in the common case: a component is pushed once per frame epoch
 * (a nested frame overwrites the marks, so its parent may push a component twice; readers
 * deduplicate). Synchronous op bodies use the `current` frame; while an async op body is in
 * flight, frames come from the async context, because its continuations interleave.
 */
export class DependencyTracker implements TrackerHooks {
  current: DependencyFrame | null = null
  asyncBodiesInFlight = 0
  private marks = new Int32Array(256)
  private nextEpoch = 1
  /** Getters of module-level values by component index, registered by each module. */
  private readonly getters = new Map<number, () => unknown>()

  enter(index: number): void {
    const frame =
      this.asyncBodiesInFlight === 0
        ? this.current
        : (currentContext()?.parent?.deps ?? this.current)
    if (frame === null || frame === undefined) return
    if (index >= this.marks.length) this.grow(index)
    if (this.marks[index] !== frame.epoch) {
      this.marks[index] = frame.epoch
      frame.entered.push(index)
    }
  }

  values(getters: Readonly<Record<number, () => unknown>>): void {
    for (const [index, getter] of Object.entries(getters)) this.getters.set(Number(index), getter)
  }

  /** The getter of a module-level value; undefined when its module has not been loaded. */
  getter(index: number): (() => unknown) | undefined {
    return this.getters.get(index)
  }

  /** Forgets the registered values: a new run loads the workspace modules afresh. */
  reset(): void {
    this.getters.clear()
    this.current = null
    this.asyncBodiesInFlight = 0
  }

  newFrame(): DependencyFrame {
    return new DependencyFrame(this.nextEpoch++)
  }

  private grow(index: number): void {
    const marks = new Int32Array(Math.max(index + 1, this.marks.length * 2))
    marks.set(this.marks)
    this.marks = marks
  }
}

// One tracker per thread, even when two copies of the engine module are loaded, because the
// instrumented code finds it through the global symbol.
const globalSlot = globalThis as { [TRACKER_KEY]?: DependencyTracker }
export const tracker: DependencyTracker = (globalSlot[TRACKER_KEY] ??= new DependencyTracker())
