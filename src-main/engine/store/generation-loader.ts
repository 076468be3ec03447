import { createHash } from 'node:crypto'
import { type SqlJsStatic } from 'sql.js'

import { ERROR_CODES } from '../../../src-shared/errors'
import { EngineError } from '../errors'
import { readIfExists } from './durable-files'
import { decodePayload, MalformedPayloadError } from './journal-codec'
import { JournalShrankError, readJournalFrom } from './journal-file'
import { JournalCorruption, scanJournal } from './journal-scan'
import { SqlConnection } from './sql-connection'
import { type Head, readHead, type WorkspaceLayout } from './workspace-layout'

export interface LoadedGeneration {
  readonly head: Head
  readonly connection: SqlConnection
  /** Offset just past the last journal record applied. */
  readonly journalEnd: number
}

/** How often to start over when a checkpoint replaces the files we are reading. */
const MAX_ATTEMPTS = 5

/**
 * A generation removed under us (another process checkpointed between our reading HEAD and
 * opening its files). Starting over from HEAD finds the new generation.
 */
export class GenerationGone extends Error {}

function corrupted(
  message: string,
  path: string,
  details: Record<string, unknown> = {},
): EngineError {
  return new EngineError(ERROR_CODES.workspaceCorrupted, message, { path, ...details })
}

/**
 * Loads the current generation: the image HEAD names (checked against its size and hash), then
 * every complete journal record after it. Reads only; a failure leaves every file untouched.
 */
export function loadGeneration(layout: WorkspaceLayout, sqlJs: SqlJsStatic): LoadedGeneration {
  for (let attempt = 1; ; attempt++) {
    const head = readHead(layout)
    try {
      return loadHead(layout, sqlJs, head)
    } catch (error) {
      if (!(error instanceof GenerationGone)) throw error
      const now = readHead(layout)
      if (now.generation === head.generation || attempt >= MAX_ATTEMPTS) {
        throw corrupted(
          `Workspace ${layout.dir} is corrupted: ${error.message} is missing.`,
          error.message,
        )
      }
    }
  }
}

function loadHead(layout: WorkspaceLayout, sqlJs: SqlJsStatic, head: Head): LoadedGeneration {
  const image = head.image === null ? undefined : readImage(layout, head)
  const connection = new SqlConnection(sqlJs, image)
  try {
    const journal = readJournal(layout, head.generation, 0)
    const journalEnd = applyJournal(connection, journal, 0, layout.journalPath(head.generation))
    return { head, connection, journalEnd }
  } catch (error) {
    connection.close()
    throw error
  }
}

function readImage(layout: WorkspaceLayout, head: Head): Uint8Array {
  const path = layout.imagePath(head.generation)
  const bytes = readIfExists(path)
  if (bytes === undefined) throw new GenerationGone(path)
  const expected = head.image
  if (expected !== null && bytes.length !== expected.bytes) {
    throw corrupted(
      `Workspace image ${path} is corrupted: HEAD says ${expected.bytes} bytes, the file has ${bytes.length}.`,
      path,
    )
  }
  if (expected !== null && createHash('sha256').update(bytes).digest('hex') !== expected.sha256) {
    throw corrupted(`Workspace image ${path} is corrupted: its SHA-256 does not match HEAD.`, path)
  }
  return bytes
}

/**
 * Journal bytes from `offset`. A missing journal is an empty one only for generation 0, whose
 * journal is created by the first commit; later journals exist before HEAD names them.
 */
export function readJournal(
  layout: WorkspaceLayout,
  generation: number,
  offset: number,
): Uint8Array {
  const path = layout.journalPath(generation)
  let bytes: Uint8Array | undefined
  try {
    bytes = readJournalFrom(path, offset)
  } catch (error) {
    if (error instanceof JournalShrankError) {
      throw corrupted(
        `Journal ${path} is corrupted: it is ${error.size} bytes long, but ${offset} bytes of it were already committed.`,
        path,
        { offset: error.size },
      )
    }
    throw error
  }
  if (bytes !== undefined) return bytes
  if (generation === 0 && offset === 0) return new Uint8Array(0)
  throw new GenerationGone(path)
}

/**
 * Replays the complete records in `bytes` (journal content from `baseOffset`) in one SQL
 * transaction and returns the offset after the last one. Statements replay exactly as they
 * first ran, so a record that does not replay means the database and journal disagree.
 */
export function applyJournal(
  connection: SqlConnection,
  bytes: Uint8Array,
  baseOffset: number,
  path: string,
): number {
  let scan
  try {
    scan = scanJournal(bytes, baseOffset)
  } catch (error) {
    if (!(error instanceof JournalCorruption)) throw error
    throw corrupted(`Journal ${path} is corrupted: ${error.message}.`, path, {
      offset: error.offset,
    })
  }
  if (scan.records.length === 0) return scan.validEnd
  connection.control('BEGIN')
  try {
    for (const record of scan.records) {
      try {
        for (const { sql, exec, params } of decodePayload(record.payload).statements) {
          if (exec) connection.execScript(sql)
          else connection.execute(sql, params)
        }
      } catch (error) {
        const reason =
          error instanceof MalformedPayloadError
            ? error.message
            : `it does not replay: ${String(error)}`
        throw corrupted(
          `Journal ${path} is corrupted: the record at byte offset ${record.offset} is invalid (${reason}).`,
          path,
          { offset: record.offset },
        )
      }
    }
    connection.control('COMMIT')
  } catch (error) {
    connection.control('ROLLBACK')
    throw error
  }
  return scan.validEnd
}
