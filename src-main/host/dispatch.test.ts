import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ERROR_CODES } from '../../src-shared/errors'
import { HOST_METHODS } from '../../src-shared/host/arguments'
import { type HostApi } from '../../src-shared/host/contract'
import { EngineError } from '../engine/errors'
import { dispatchHostRequest } from './dispatch'
import { toErrorData } from './host-error'

/** A HostApi whose methods record their arguments and answer from `answers`. */
function recordingApi(answers: Partial<Record<keyof HostApi, () => unknown>> = {}) {
  const calls: { method: string; args: unknown }[] = []
  const api = Object.fromEntries(
    HOST_METHODS.map((method) => [
      method,
      (args: unknown) => {
        calls.push({ method, args })
        const answer = answers[method]
        return Promise.resolve(answer === undefined ? null : answer())
      },
    ]),
  ) as unknown as HostApi
  return { api, calls }
}

describe('dispatchHostRequest', () => {
  it('calls the method named on the wire with its checked arguments', async () => {
    const { api, calls } = recordingApi({ 'runs.list': () => [] })
    const result = await dispatchHostRequest(api, 'runs.list', { limit: 5 })
    assert.deepEqual(result, { ok: true, value: [] })
    assert.deepEqual(calls, [{ method: 'runs.list', args: { limit: 5 } }])
  })

  it('treats missing arguments of argument-less methods as {}', async () => {
    const { api, calls } = recordingApi()
    assert.equal((await dispatchHostRequest(api, 'workspace.current', undefined)).ok, true)
    assert.deepEqual(calls, [{ method: 'workspace.current', args: {} }])
  })

  it('refuses unknown methods with host.badRequest, naming the known ones', async () => {
    const { api, calls } = recordingApi()
    for (const method of ['runs.delete', 'constructor', '__proto__', 42, null]) {
      const result = await dispatchHostRequest(api, method, {})
      assert.equal(result.ok, false)
      if (result.ok) continue
      assert.equal(result.error.code, ERROR_CODES.hostBadRequest)
      assert.match(result.error.message, /Unknown host method/)
      assert.match(result.error.message, /runs\.list/)
    }
    assert.equal(calls.length, 0)
  })

  it('refuses malformed arguments with host.badRequest and a message saying what is wrong', async () => {
    const { api, calls } = recordingApi()
    const cases: [string, unknown, RegExp][] = [
      ['runs.get', { id: 'seven' }, /positive integer `id`/],
      ['runs.get', { id: 0 }, /positive integer `id`/],
      ['runs.get', { id: 1.5 }, /positive integer `id`/],
      ['runs.get', {}, /positive integer `id`/],
      ['runs.list', { limit: -1 }, /`limit` must be an integer/],
      ['runs.list', { limit: 1, offset: 3 }, /unknown argument\(s\): offset/],
      ['workspace.open', { path: '' }, /non-empty `path`/],
      ['workspace.open', { path: ['/tmp'] }, /non-empty `path`/],
      ['workspace.open', '/tmp', /expects an arguments object/],
      ['workspace.current', [], /expects an arguments object/],
      ['host.describe', { verbose: true }, /unknown argument/],
    ]
    for (const [method, args, message] of cases) {
      const result = await dispatchHostRequest(api, method, args)
      assert.equal(result.ok, false, `${method} ${JSON.stringify(args)}`)
      if (result.ok) continue
      assert.equal(result.error.code, ERROR_CODES.hostBadRequest)
      assert.match(result.error.message, message)
    }
    assert.equal(calls.length, 0)
  })

  it('turns an EngineError into its data and anything else into internal', async () => {
    const { api } = recordingApi({
      'runs.get': () => {
        throw new EngineError(ERROR_CODES.workspaceCorrupted, 'journal record 3 is damaged', {
          record: 3,
        })
      },
      'runs.list': () => {
        throw new TypeError('cannot read properties of undefined')
      },
    })
    assert.deepEqual(await dispatchHostRequest(api, 'runs.get', { id: 1 }), {
      ok: false,
      error: {
        code: ERROR_CODES.workspaceCorrupted,
        message: 'journal record 3 is damaged',
        details: { record: 3 },
      },
    })
    const internal = await dispatchHostRequest(api, 'runs.list', {})
    assert.equal(internal.ok, false)
    if (!internal.ok) {
      assert.equal(internal.error.code, ERROR_CODES.internal)
      assert.match(internal.error.message, /cannot read properties of undefined/)
    }
  })
})

describe('toErrorData', () => {
  it('keeps only known codes from error-like objects', () => {
    const lookalike = {
      code: 'made.up',
      message: 'x',
      toData: () => ({ code: 'made.up', message: 'x' }),
    }
    assert.equal(toErrorData(lookalike).code, ERROR_CODES.internal)
    assert.equal(toErrorData('a string was thrown').code, ERROR_CODES.internal)
    assert.match(toErrorData('a string was thrown').message, /a string was thrown/)
  })
})
