#!/usr/bin/env node
// The `memograph` command. The CLI and the scripts it runs are TypeScript, transpiled on the
// fly by tsx; `import ... from 'memograph'` in a script resolves to this engine.
import { register } from 'node:module'
import { register as registerTypeScript } from 'tsx/esm/api'

registerTypeScript()
register('./resolve-memograph.mjs', import.meta.url)
await import('./main.ts')
