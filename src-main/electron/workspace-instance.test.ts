import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import {
  instanceUserDataDir,
  isSecondLaunchRequest,
  launchWantsOpenWorkspace,
  NO_WORKSPACE_KEY,
  workspaceInstanceKey,
} from './workspace-instance'

describe('workspaceInstanceKey', () => {
  const root = mkdtempSync(join(tmpdir(), 'memograph-instance-'))
  const project = join(root, 'project')
  const other = join(root, 'other')
  mkdirSync(join(project, '.memograph'), { recursive: true })
  mkdirSync(other)
  symlinkSync(project, join(root, 'link'))
  after(() => rmSync(root, { recursive: true, force: true }))

  it('gives a project folder and its .memograph the same key', () => {
    assert.equal(workspaceInstanceKey(project), workspaceInstanceKey(join(project, '.memograph')))
  })

  it('sees through trailing slashes, relative paths and symlinks', () => {
    const key = workspaceInstanceKey(project)
    assert.equal(workspaceInstanceKey(`${project}/`), key)
    assert.equal(workspaceInstanceKey('project', root), key)
    assert.equal(workspaceInstanceKey(join(root, 'link')), key)
    assert.equal(workspaceInstanceKey('./other/../project', root), key)
  })

  it('gives different workspaces different keys, usable as folder names', () => {
    const key = workspaceInstanceKey(project)
    assert.notEqual(workspaceInstanceKey(other), key)
    assert.match(key, /^[0-9a-f]{20}$/)
    assert.equal(workspaceInstanceKey(undefined), NO_WORKSPACE_KEY)
    assert.equal(workspaceInstanceKey('  '), NO_WORKSPACE_KEY)
    assert.equal(instanceUserDataDir('/data/Memograph', key), `/data/Memograph/workspaces/${key}`)
  })

  it('tells whether a second launch asked for the open workspace', () => {
    assert.equal(launchWantsOpenWorkspace({ workspace: null }, project), true)
    assert.equal(launchWantsOpenWorkspace({ workspace: `${project}/.memograph` }, project), true)
    assert.equal(launchWantsOpenWorkspace({ workspace: other }, project), false)
    assert.equal(launchWantsOpenWorkspace({ workspace: project }, null), false)
  })

  it('accepts only well-formed launch requests', () => {
    assert.equal(isSecondLaunchRequest({ workspace: '/a' }), true)
    assert.equal(isSecondLaunchRequest({ workspace: null }), true)
    assert.equal(isSecondLaunchRequest({ workspace: 3 }), false)
    assert.equal(isSecondLaunchRequest(null), false)
  })
})
