import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import initSqlJs, { type SqlJsStatic } from 'sql.js'

let loading: Promise<SqlJsStatic> | undefined

/**
 * The sql.js module, initialised once per process: compiling the wasm takes tens of
 * milliseconds and every workspace can share it. The first caller's `wasmPath` wins; hosts
 * that bundle the wasm (Electron) pass it, Node resolves it from the package.
 */
export function loadSqlJs(wasmPath?: string): Promise<SqlJsStatic> {
  loading ??= initialise(wasmPath).catch((error: unknown) => {
    loading = undefined
    throw error
  })
  return loading
}

async function initialise(wasmPath: string | undefined): Promise<SqlJsStatic> {
  const path = wasmPath ?? createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm')
  const file = await readFile(path)
  const wasmBinary = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength)
  return initSqlJs({ wasmBinary })
}
