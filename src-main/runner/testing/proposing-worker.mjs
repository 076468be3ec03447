// Loads the TypeScript test worker (see worker/bootstrap.mjs for why workers register tsx).
import { register } from 'tsx/esm/api'

register()
await import('./proposing-worker.ts')
