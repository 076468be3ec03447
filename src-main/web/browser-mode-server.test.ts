import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import WebSocket from 'ws'
import { type HostServerMessage } from '../../src-shared/host/wire'
import { createHost, type Host } from '../host'
import { recordRuns } from '../host/testing/record-run'
import { startBrowserModeServer, type BrowserModeServer } from './browser-mode-server'

interface HttpAnswer {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
}

function get(port: number, path: string, hostHeader = `127.0.0.1:${port}`): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port, path, headers: { Host: hostHeader } },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        )
      },
    )
    outgoing.once('error', reject)
    outgoing.end()
  })
}

function connect(port: number, query: string, origin: string): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api${query}`, {
      headers: { Origin: origin },
    })
    socket.once('open', () => resolve(socket))
    socket.once('unexpected-response', (_request, response) => {
      socket.terminate()
      resolve(response.statusCode ?? 0)
    })
    socket.once('error', reject)
  })
}

function ask(
  socket: WebSocket,
  id: number,
  method: string,
  args: unknown,
): Promise<HostServerMessage> {
  return new Promise((resolve) => {
    const listener = (data: Buffer): void => {
      const message = JSON.parse(data.toString('utf8')) as HostServerMessage
      if (message.kind === 'result' && message.id === id) {
        socket.off('message', listener)
        resolve(message)
      }
    }
    socket.on('message', listener)
    socket.send(JSON.stringify({ id, method, args }))
  })
}

describe('browser-mode server', () => {
  let root: string
  let host: Host
  let server: BrowserModeServer
  let origin: string
  let token: string

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'memograph-web-'))
    const workspace = join(root, 'workspace')
    const rendererDir = join(root, 'renderer')
    mkdirSync(workspace)
    mkdirSync(join(rendererDir, 'assets'), { recursive: true })
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Memograph</title>')
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(root, 'secret.txt'), 'outside the renderer')
    await recordRuns(workspace, [{ label: 'only run', inputs: [1, 2] }])
    host = createHost({ mode: 'browser' })
    assert.equal((await host.dispatch('workspace.open', { path: workspace })).ok, true)
    server = await startBrowserModeServer({ host, rendererDir, port: 0 })
    origin = `http://127.0.0.1:${server.port}`
    token = new URL(server.url).searchParams.get('token') ?? ''
  })

  after(async () => {
    await server.close()
    await host.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('prints a loopback URL carrying a random token', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/)
  })

  it('serves the renderer with a content security policy', async () => {
    const page = await get(server.port, '/')
    assert.equal(page.status, 200)
    assert.match(page.body, /<title>Memograph<\/title>/)
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'/)
    assert.match(
      String(page.headers['content-security-policy']),
      /connect-src 'self' ws:\/\/127\.0\.0\.1:\d+/,
    )
    assert.equal(page.headers['referrer-policy'], 'no-referrer')
    assert.equal(
      (await get(server.port, '/assets/app.js')).headers['content-type'],
      'text/javascript; charset=utf-8',
    )
    assert.equal((await get(server.port, '/missing.js')).status, 404)
  })

  it('never serves files outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%00',
    ]) {
      const answer = await get(server.port, path)
      assert.equal(answer.status, 404, path)
      assert.doesNotMatch(answer.body, /outside the renderer/)
    }
  })

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    assert.equal((await get(server.port, '/', `attacker.example:${server.port}`)).status, 403)
    assert.equal((await get(server.port, '/', `localhost:${server.port}`)).status, 200)
  })

  it('accepts the API only with the token and from its own origin', async () => {
    assert.equal(await connect(server.port, '', origin), 401)
    assert.equal(await connect(server.port, `?token=${token}x`, origin), 401)
    assert.equal(await connect(server.port, `?token=${token}`, 'http://attacker.example'), 403)
    assert.equal(
      await connect(server.port, `?token=${token}`, `http://127.0.0.1:${server.port + 1}`),
      403,
    )
    const socket = await connect(server.port, `?token=${token}`, origin)
    assert.ok(socket instanceof WebSocket)
    socket.close()
  })

  it('serves contract requests over the socket as Results', async () => {
    const socket = await connect(server.port, `?token=${token}`, origin)
    assert.ok(socket instanceof WebSocket)
    const listed = await ask(socket, 1, 'runs.list', {})
    assert.equal(listed.kind, 'result')
    if (listed.kind === 'result' && listed.result.ok) {
      const runs = listed.result.value as { label: string; executed: number }[]
      assert.deepEqual(
        runs.map(({ label, executed }) => [label, executed]),
        [['only run', 2]],
      )
    } else {
      assert.fail('runs.list failed')
    }
    const unknown = await ask(socket, 2, 'runs.drop', {})
    assert.equal(
      unknown.kind === 'result' && !unknown.result.ok && unknown.result.error.code,
      'host.badRequest',
    )
    socket.close()
  })
})
