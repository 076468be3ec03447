import {
  CURRENT_VERSION,
  type Binding,
  type CollectionKindName,
  type CollectionOf,
  type ElementOf,
  type Pattern,
  type PatternCall,
  type PatternVariable,
  type PinValue,
  type VersionConstraint,
} from './pattern'

/**
 * Accumulates a pattern piece by piece (the query builder, the code parser and similar() all
 * produce patterns this way) and hands out fresh ids that do not clash with given ones.
 */
export class PatternBuilder {
  private readonly variables = new Map<string, PatternVariable>()
  private readonly calls: PatternCall[] = []
  private readonly elementsOf: ElementOf[] = []
  private readonly collectionsOf: CollectionOf[] = []
  private selection: string[] = []
  private readonly taken = new Set<string>()
  private nextFresh = 0

  /** Declares a variable; without an id it gets a fresh one (`v0`, `v1`, ...). */
  variable(id?: string, pin: readonly PinValue[] | null = null): string {
    const name = id ?? this.fresh('v')
    this.taken.add(name)
    this.variables.set(name, { kind: 'variable', id: name, pin })
    return name
  }

  hasVariable(id: string): boolean {
    return this.variables.has(id)
  }

  /** Pins (or unpins) an existing variable. */
  pin(id: string, pin: readonly PinValue[] | null): void {
    const variable = this.variables.get(id)
    if (variable === undefined) throw new Error(`no variable '${id}'`)
    this.variables.set(id, { ...variable, pin })
  }

  call(
    op: string,
    inputs: readonly Binding[],
    outputs: readonly Binding[],
    version: VersionConstraint = CURRENT_VERSION,
    id?: string,
  ): string {
    const name = id ?? this.fresh('call')
    this.taken.add(name)
    this.calls.push({
      kind: 'call',
      id: name,
      op,
      version,
      inputs: [...inputs],
      outputs: [...outputs],
    })
    return name
  }

  elementOf(collection: string, element: string, key: string | null = null): void {
    this.elementsOf.push({ kind: 'elementOf', collection, element, key })
  }

  collectionOf(
    collection: string,
    collectionKind: CollectionKindName,
    elements: readonly { readonly element: string; readonly key: string | null }[],
  ): void {
    this.collectionsOf.push({
      kind: 'collectionOf',
      collection,
      collectionKind,
      elements: elements.map(({ element, key }) => ({ element, key })),
    })
  }

  select(ids: readonly string[]): void {
    this.selection = [...ids]
  }

  /** Reserves ids (op names, say) so fresh ids never take them. */
  reserve(ids: Iterable<string>): void {
    for (const id of ids) this.taken.add(id)
  }

  build(): Pattern {
    return {
      kind: 'pattern',
      variables: [...this.variables.values()],
      calls: [...this.calls],
      elementsOf: [...this.elementsOf],
      collectionsOf: [...this.collectionsOf],
      select: [...this.selection],
    }
  }

  private fresh(prefix: string): string {
    let name: string
    do name = `${prefix}${this.nextFresh++}`
    while (this.taken.has(name))
    return name
  }
}
