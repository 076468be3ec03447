/**
 * Browser mode: the same host as the desktop app, served to a browser on 127.0.0.1.
 *   node out/main/server.js --workspace <dir> [--port 0] [--trust <project dir>]
 * The workspace may also come from MEMOGRAPH_WORKSPACE. Prints exactly one line with the URL
 * (token included) once ready; everything else goes to stderr.
 */
import { fileURLToPath } from 'node:url'
import { createHost } from '../host'
import { readCommandLineOption } from '../host/command-line'
import { startBrowserModeServer } from './browser-mode-server'

const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url))

function fail(message: string): never {
  console.error(`memograph: ${message}`)
  process.exit(1)
}

function readPort(text: string | undefined): number {
  if (text === undefined) return 0
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be 0..65535, got ${text}`)
  return port
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const workspace = readCommandLineOption(argv, 'workspace') ?? process.env.MEMOGRAPH_WORKSPACE
  if (workspace === undefined || workspace === '') {
    fail('no workspace: pass --workspace <dir> or set MEMOGRAPH_WORKSPACE')
  }
  const port = readPort(readCommandLineOption(argv, 'port') ?? process.env.MEMOGRAPH_PORT)

  // `npm start` passes --trust for the example project it copied from this repository.
  const trustedPath = readCommandLineOption(argv, 'trust')
  const host = createHost({
    mode: 'browser',
    ...(trustedPath === undefined ? {} : { trustedPaths: [trustedPath] }),
  })
  const opened = await host.dispatch('workspace.open', { path: workspace })
  if (!opened.ok)
    fail(`cannot open workspace ${workspace}: [${opened.error.code}] ${opened.error.message}`)

  const server = await startBrowserModeServer({ host, rendererDir: RENDERER_DIR, port })
  console.log(`Memograph (browser mode): ${server.url}`)

  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return
    stopping = true
    console.error(`memograph: ${signal}, closing the workspace`)
    void server
      .close()
      .then(() => host.close())
      .then(
        () => process.exit(0),
        (error: unknown) => fail(`error while closing: ${String(error)}`),
      )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) =>
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
)
