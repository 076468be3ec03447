import assert from 'node:assert/strict'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { defaultConfigDir, TRUST_FILE_NAME, TrustStore } from './trust-store'

describe('TrustStore', () => {
  let root: string
  let project: string

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'memograph-trust-'))
    project = join(root, 'project')
    mkdirSync(project)
  })
  after(() => rmSync(root, { recursive: true, force: true }))

  function store(configDir: string, preTrusted: string[] = [], problems: string[] = []) {
    return new TrustStore({ configDir, preTrusted, report: (message) => problems.push(message) })
  }

  it('persists trust per folder in one JSON file, and withdraws it', async () => {
    const configDir = join(root, 'config-persist')
    const trust = store(configDir)
    assert.equal(await trust.isTrusted(project), false)
    await trust.setTrusted(project, true)
    assert.equal(await store(configDir).isTrusted(project), true, 'another instance reads it')
    assert.deepEqual(JSON.parse(readFileSync(join(configDir, TRUST_FILE_NAME), 'utf8')), {
      version: 1,
      trustedFolders: [project],
    })
    await Promise.all([
      trust.setTrusted(join(root, 'a'), true),
      trust.setTrusted(join(root, 'b'), true),
    ])
    await trust.setTrusted(project, false)
    assert.equal(await store(configDir).isTrusted(project), false)
    assert.equal(await store(configDir).isTrusted(join(root, 'b')), true, 'no write was lost')
    assert.deepEqual(readdirSync(configDir), [TRUST_FILE_NAME], 'no temporary files left')
  })

  it('keys folders by real path, so a symlink shares its target’s trust', async () => {
    const configDir = join(root, 'config-links')
    const link = join(root, 'link-to-project')
    symlinkSync(project, link)
    await store(configDir).setTrusted(link, true)
    assert.equal(await store(configDir).isTrusted(project), true)
  })

  it('trusts nothing from a damaged file, says so once, and rewrites it on the next change', async () => {
    const configDir = join(root, 'config-damaged')
    mkdirSync(configDir)
    writeFileSync(join(configDir, TRUST_FILE_NAME), `{"version":1,"trustedFolders":["${project}"`)
    const problems: string[] = []
    const trust = store(configDir, [], problems)
    assert.equal(await trust.isTrusted(project), false)
    assert.equal(await trust.isTrusted(project), false)
    assert.equal(problems.length, 1)
    assert.match(problems[0] ?? '', /not a trusted-folders file/)
    await trust.setTrusted(project, true)
    assert.equal(await store(configDir).isTrusted(project), true)
  })

  it('pre-trusts folders for the session only; withdrawing wins over pre-trust', async () => {
    const configDir = join(root, 'config-pre')
    const trust = store(configDir, [project])
    assert.equal(await trust.isTrusted(project), true)
    assert.equal(await store(configDir).isTrusted(project), false, 'not written to the file')
    await trust.setTrusted(project, false)
    assert.equal(await trust.isTrusted(project), false)
    await trust.setTrusted(project, true)
    assert.equal(await trust.isTrusted(project), true)
  })

  it('lives in MEMOGRAPH_CONFIG_DIR when set, else ~/.config/memograph', () => {
    const saved = process.env.MEMOGRAPH_CONFIG_DIR
    try {
      process.env.MEMOGRAPH_CONFIG_DIR = join(root, 'from-env')
      assert.equal(defaultConfigDir(), join(root, 'from-env'))
      delete process.env.MEMOGRAPH_CONFIG_DIR
      assert.match(defaultConfigDir(), /[/\\]\.config[/\\]memograph$/)
    } finally {
      if (saved === undefined) delete process.env.MEMOGRAPH_CONFIG_DIR
      else process.env.MEMOGRAPH_CONFIG_DIR = saved
    }
  })
})
