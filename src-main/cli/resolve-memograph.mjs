// Module resolution hook for scripts run by the CLI:
// - `import ... from 'memograph'` anywhere on disk resolves to this engine, the same module
//   instance the CLI uses;
// - TypeScript files load as ES modules even without a package.json that says so, so a
//   script in any folder can use import statements and top-level await.
const engineUrl = new URL('../engine/index.ts', import.meta.url).href
const TYPESCRIPT = /\.(?:ts|tsx|mts)$/

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'memograph') return { url: engineUrl, format: 'module', shortCircuit: true }
  const resolved = await nextResolve(specifier, context)
  if (TYPESCRIPT.test(new URL(resolved.url).pathname) && !resolved.url.includes('/node_modules/')) {
    return { ...resolved, format: 'module' }
  }
  return resolved
}
