import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { REPOSITORY_ROOT } from './workspaces'

export interface BrowserModeProcess {
  /** The printed URL, token included. */
  readonly url: string
  readonly origin: string
  readonly port: number
  readonly token: string
  /** SIGTERM, then the exit code (0 when the storage closed cleanly). */
  stop(): Promise<number | null>
}

const READY_LINE =
  /^Memograph \(browser mode\): ((http:\/\/127\.0\.0\.1:(\d+))\/\?token=([A-Za-z0-9_-]+))$/

export interface BrowserModeOptions {
  /** Trust the workspace's code for this session (`--trust`), so the app can run it. */
  readonly trust?: boolean
  /**
   * Per-user settings (trusted folders, recent workspaces) go here instead of the real
   * ~/.config/memograph, so tests neither read nor change the user's settings.
   */
  readonly configDir?: string
}

/** Starts `node out/main/server.js --workspace <dir> --port 0` and waits for its URL line. */
export function startBrowserMode(
  workspace: string,
  options: BrowserModeOptions = {},
): Promise<BrowserModeProcess> {
  const child = spawn(
    process.execPath,
    [
      join(REPOSITORY_ROOT, 'out', 'main', 'server.js'),
      '--workspace',
      workspace,
      '--port',
      '0',
      ...(options.trust === true ? ['--trust', workspace] : []),
    ],
    {
      cwd: REPOSITORY_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...(options.configDir === undefined ? {} : { MEMOGRAPH_CONFIG_DIR: options.configDir }),
      },
    },
  )
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`browser mode did not print its URL within 20 s; stderr:\n${stderr}`))
    }, 20_000)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(
        new Error(`browser mode exited with ${code} before printing its URL; stderr:\n${stderr}`),
      )
    })
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = READY_LINE.exec(line)
      if (match === null) return
      clearTimeout(timer)
      const [, url, origin, port, token] = match as unknown as [
        string,
        string,
        string,
        string,
        string,
      ]
      resolve({
        url,
        origin,
        port: Number(port),
        token,
        stop() {
          if (child.exitCode === null) child.kill('SIGTERM')
          return exited
        },
      })
    })
  })
}
