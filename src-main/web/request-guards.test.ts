import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isAllowedHost, isAllowedOrigin } from './request-guards'
import { createSessionToken, sessionTokenMatches } from './session-token'

describe('browser-mode request guards', () => {
  it('accepts only loopback Host headers with the server port', () => {
    assert.equal(isAllowedHost('127.0.0.1:4000', 4000), true)
    assert.equal(isAllowedHost('localhost:4000', 4000), true)
    assert.equal(isAllowedHost('LOCALHOST:4000', 4000), true)
    assert.equal(isAllowedHost('127.0.0.1:4001', 4000), false)
    assert.equal(isAllowedHost('127.0.0.1', 4000), false)
    assert.equal(isAllowedHost('rebound.example:4000', 4000), false)
    assert.equal(isAllowedHost(undefined, 4000), false)
  })

  it('accepts only the server own origin for WebSocket upgrades', () => {
    assert.equal(isAllowedOrigin('http://127.0.0.1:4000', 4000), true)
    assert.equal(isAllowedOrigin('http://localhost:4000', 4000), true)
    assert.equal(isAllowedOrigin('https://127.0.0.1:4000', 4000), false)
    assert.equal(isAllowedOrigin('http://evil.example', 4000), false)
    assert.equal(isAllowedOrigin('null', 4000), false)
    assert.equal(isAllowedOrigin(undefined, 4000), false)
  })
})

describe('session token', () => {
  it('is random, URL-safe and matched exactly', () => {
    const token = createSessionToken()
    assert.match(token, /^[A-Za-z0-9_-]{43}$/)
    assert.notEqual(token, createSessionToken())
    assert.equal(sessionTokenMatches(token, token), true)
    assert.equal(sessionTokenMatches(token, `${token}x`), false)
    assert.equal(sessionTokenMatches(token, ''), false)
    assert.equal(sessionTokenMatches(token, null), false)
  })
})
