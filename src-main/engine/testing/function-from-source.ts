/**
 * A function whose source text is exactly `source`, as if it were written in a file. Tests of
 * source identity need functions whose text differs only in comments or formatting.
 */
export function functionFromSource(source: string): (...args: unknown[]) => unknown {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- building test functions from source text is the point
  const build = new Function(`return (${source})`) as () => (...args: unknown[]) => unknown
  return build()
}
