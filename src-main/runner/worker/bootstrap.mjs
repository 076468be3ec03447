// Entry of the runner worker when Memograph runs from source (the CLI, tests): a worker does
// not inherit a loader registered programmatically (cli/bin.mjs), so it registers tsx itself
// before loading the TypeScript worker. The built app starts out/main/runner-worker.js instead.
import { register } from 'tsx/esm/api'

register()
await import('./worker-main.ts')
