// Module resolution hook: scripts anywhere on disk import 'memograph' and get this engine,
// the same module instance the CLI uses.
const engineUrl = new URL('../engine/index.ts', import.meta.url).href

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'memograph') return { url: engineUrl, shortCircuit: true }
  return nextResolve(specifier, context)
}
