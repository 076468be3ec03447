import { mkdirSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

import { ERROR_CODES } from '../../../src-shared/errors'
import { EngineError } from '../errors'
import { createFileExclusively, errorCode, fsyncDirectory, readIfExists } from './durable-files'

/** The on-disk format this build reads and writes (see workspace-store.ts for the layout). */
export const WORKSPACE_FORMAT = 1
const APPLICATION = 'memograph'

export interface ImageInfo {
  readonly bytes: number
  readonly sha256: string
}

/** The current generation: which image to load and which journal continues it. */
export interface Head {
  readonly generation: number
  readonly image: ImageInfo | null
}

const GENERATION_FILE = /^(image|journal)-(\d+)\.(sqlite|log)(\.tmp.*)?$/

export class WorkspaceLayout {
  readonly formatPath: string
  readonly headPath: string
  readonly dbDir: string
  readonly blobsDir: string
  readonly lockPath: string

  constructor(readonly dir: string) {
    this.formatPath = join(dir, 'FORMAT')
    this.headPath = join(dir, 'HEAD')
    this.dbDir = join(dir, 'db')
    this.blobsDir = join(dir, 'blobs')
    this.lockPath = join(dir, 'lock')
  }

  imagePath(generation: number): string {
    return join(this.dbDir, `image-${generation}.sqlite`)
  }

  journalPath(generation: number): string {
    return join(this.dbDir, `journal-${generation}.log`)
  }

  /** Names in db/ that belong to a generation (including temporaries), with that generation. */
  generationFiles(): { name: string; generation: number }[] {
    let names: string[]
    try {
      names = readdirSync(this.dbDir)
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return []
      throw error
    }
    return names.flatMap((name) => {
      const match = GENERATION_FILE.exec(name)
      return match?.[2] === undefined ? [] : [{ name, generation: Number(match[2]) }]
    })
  }
}

function corrupted(message: string, path: string): EngineError {
  return new EngineError(ERROR_CODES.workspaceCorrupted, message, { path })
}

/**
 * Checks that `dir` is a workspace this build can open, creating a new one when the directory
 * is missing or empty. Refusals write nothing: a wrong directory or a newer format must come
 * out of the attempt exactly as it went in.
 */
export function openOrCreateLayout(dir: string): WorkspaceLayout {
  const layout = new WorkspaceLayout(dir)
  let entries: string[]
  try {
    if (!statSync(dir).isDirectory()) {
      throw new EngineError(
        ERROR_CODES.workspaceNotMemograph,
        `${dir} is not a Memograph workspace: it is a file, not a directory.`,
        { dir },
      )
    }
    entries = readdirSync(dir)
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error
    entries = []
  }
  const format = readIfExists(layout.formatPath)
  if (format === undefined) {
    // Another process creating the workspace right now leaves only its FORMAT temporary.
    if (entries.some((name) => !name.startsWith('FORMAT.tmp-'))) {
      throw new EngineError(
        ERROR_CODES.workspaceNotMemograph,
        `${dir} is not a Memograph workspace: it is not empty and has no FORMAT file.`,
        { dir },
      )
    }
    createLayout(layout)
    return layout
  }
  checkFormat(dir, format)
  return layout
}

function checkFormat(dir: string, bytes: Buffer): void {
  let parsed: unknown
  try {
    parsed = JSON.parse(bytes.toString('utf8'))
  } catch {
    parsed = undefined
  }
  const { format, application } = (parsed ?? {}) as { format?: unknown; application?: unknown }
  if (application !== APPLICATION || typeof format !== 'number' || !Number.isInteger(format)) {
    throw new EngineError(
      ERROR_CODES.workspaceNotMemograph,
      `${dir} is not a Memograph workspace: its FORMAT file was not written by Memograph.`,
      { dir },
    )
  }
  if (format > WORKSPACE_FORMAT) {
    throw new EngineError(
      ERROR_CODES.workspaceFormatTooNew,
      `Workspace ${dir} was written by a newer Memograph (format ${format}); this build reads ` +
        `format ${WORKSPACE_FORMAT}. Upgrade Memograph; the workspace was not modified.`,
      { dir, format, supported: WORKSPACE_FORMAT },
    )
  }
}

function encodeJson(value: unknown): Uint8Array {
  return Buffer.from(`${JSON.stringify(value)}\n`)
}

/**
 * FORMAT first, so a half-created workspace is still recognised as ours; HEAD with
 * create-if-absent, so a slow creator can never reset a workspace another process has started
 * using.
 */
function createLayout(layout: WorkspaceLayout): void {
  mkdirSync(layout.dir, { recursive: true })
  createFileExclusively(
    layout.formatPath,
    encodeJson({ format: WORKSPACE_FORMAT, application: APPLICATION }),
    true,
  )
  mkdirSync(layout.dbDir, { recursive: true })
  mkdirSync(layout.blobsDir, { recursive: true })
  fsyncDirectory(layout.dir)
  createFileExclusively(layout.headPath, encodeHead({ generation: 0, image: null }), true)
}

export function encodeHead(head: Head): Uint8Array {
  return encodeJson(head)
}

/** Reads HEAD. A workspace whose creation stopped before HEAD is a new, empty one. */
export function readHead(layout: WorkspaceLayout): Head {
  const bytes = readIfExists(layout.headPath)
  if (bytes === undefined) {
    if (layout.generationFiles().some((file) => file.generation > 0)) {
      throw corrupted(
        `Workspace ${layout.dir} is corrupted: its HEAD file is missing.`,
        layout.headPath,
      )
    }
    return { generation: 0, image: null }
  }
  let head: unknown
  try {
    head = JSON.parse(bytes.toString('utf8'))
  } catch {
    head = undefined
  }
  if (!isHead(head)) {
    throw corrupted(
      `Workspace ${layout.dir} is corrupted: ${layout.headPath} is not a valid HEAD file.`,
      layout.headPath,
    )
  }
  return head
}

function isHead(value: unknown): value is Head {
  if (typeof value !== 'object' || value === null) return false
  const { generation, image } = value as { generation?: unknown; image?: unknown }
  if (typeof generation !== 'number' || !Number.isSafeInteger(generation) || generation < 0) {
    return false
  }
  if (image === null) return true
  if (typeof image !== 'object' || image === undefined) return false
  const { bytes, sha256 } = image as { bytes?: unknown; sha256?: unknown }
  return (
    typeof bytes === 'number' &&
    Number.isSafeInteger(bytes) &&
    bytes >= 0 &&
    typeof sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(sha256)
  )
}
