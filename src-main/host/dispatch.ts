import { ERROR_CODES } from '../../src-shared/errors'
import { isHostMethod, parseHostArguments, HOST_METHODS } from '../../src-shared/host/arguments'
import {
  type HostApi,
  type HostArguments,
  type HostMethod,
  type HostResult,
  type HostValue,
} from '../../src-shared/host/contract'
import { toErrorData } from './host-error'

/**
 * The single entry point every transport calls with what arrived on the wire. It checks the
 * method name and arguments, calls the host, and never throws: the answer is always a Result.
 */
export async function dispatchHostRequest(
  api: HostApi,
  method: unknown,
  args: unknown,
): Promise<HostResult<unknown>> {
  if (!isHostMethod(method)) {
    return {
      ok: false,
      error: {
        code: ERROR_CODES.hostBadRequest,
        message: `Unknown host method ${JSON.stringify(method)}; known methods: ${HOST_METHODS.join(', ')}`,
        details: { method: typeof method === 'string' ? method : String(method) },
      },
    }
  }
  return callHostMethod(api, method, args)
}

async function callHostMethod<M extends HostMethod>(
  api: HostApi,
  method: M,
  args: unknown,
): Promise<HostResult<HostValue<M>>> {
  const check = parseHostArguments(method, args)
  if (!check.ok) {
    return {
      ok: false,
      error: { code: ERROR_CODES.hostBadRequest, message: check.message, details: { method } },
    }
  }
  try {
    // The contract's methods are all `(args) => Promise<value>`; TypeScript cannot index a
    // union of method signatures with a generic key, hence the one cast at this seam.
    const implementation = api[method] as (
      this: HostApi,
      args: HostArguments<M>,
    ) => Promise<HostValue<M>>
    const value = await implementation.call(api, check.value)
    return { ok: true, value }
  } catch (error) {
    return { ok: false, error: toErrorData(error) }
  }
}
