/**
 * The metadata schema. Ids are 22-character content/history ids (TEXT); row links are integer
 * ids, which replay identically in every process because only the write-lock holder writes and
 * it always catches up with the journal first (store rule S2).
 *
 * Versioning (SPEC D rules): op versions depend on component revisions (functions and values
 * the calls entered or read) and on the semantic keys of the nested ops they called.
 */
export const SCHEMA_VERSION = 2

// Tables added by schema 2; the migration from schema 1 creates them with the same text.
const OP_VERSION_LINKS_DDL = `
CREATE TABLE op_version_links (
  op_version_id INTEGER NOT NULL,
  op TEXT NOT NULL,
  semantic_key TEXT NOT NULL,
  PRIMARY KEY (op_version_id, op, semantic_key)
) WITHOUT ROWID;
CREATE INDEX op_version_links_op ON op_version_links (op, semantic_key);
`
const DECISIONS_DDL = `
CREATE TABLE decisions (
  id INTEGER PRIMARY KEY,
  component_id INTEGER NOT NULL,
  from_revision_id INTEGER,
  to_revision_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('breaking', 'nonBreaking')),
  decided_at REAL NOT NULL,
  decided_by TEXT NOT NULL
);
`

export const SCHEMA_DDL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- Content-addressed texts: normalized and original sources.
CREATE TABLE sources (hash TEXT PRIMARY KEY, text TEXT NOT NULL) WITHOUT ROWID;

-- Something calls can depend on: an op body (library use without the runner), a workspace
-- function or class member, a module-level value. module is the workspace-relative path.
-- head_revision_id: the revision the code had last time it was seen (proposals diff against it).
CREATE TABLE components (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('op', 'function', 'value')),
  module TEXT NOT NULL,
  name TEXT NOT NULL,
  head_revision_id INTEGER,
  UNIQUE (kind, module, name)
);
-- One row per distinct content of a component (normalized source hash, or value content id).
-- semantic_hash: its own content hash when it started a new meaning (first revision, or a
-- breaking change), else the semantic hash of parent_id (a non-breaking change). references:
-- JSON array of the component ids the source refers to (new-dependency warnings).
CREATE TABLE component_revisions (
  id INTEGER PRIMARY KEY,
  component_id INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  original_hash TEXT,
  first_seen REAL NOT NULL,
  semantic_hash TEXT NOT NULL,
  parent_id INTEGER,
  refs TEXT NOT NULL DEFAULT '[]',
  UNIQUE (component_id, content_hash)
);

-- An op version: one row per distinct dependency set (content version). version_key is the
-- row's identity; semantic_key goes into every call id, so content versions that the user
-- declared equivalent (non-breaking changes) share their calls.
CREATE TABLE op_versions (
  id INTEGER PRIMARY KEY,
  op TEXT NOT NULL,
  version_key TEXT NOT NULL UNIQUE,
  semantic_key TEXT NOT NULL,
  manual_version TEXT,
  content_version TEXT NOT NULL,
  semantic_version TEXT NOT NULL,
  signature TEXT NOT NULL,
  created_at REAL NOT NULL
);
CREATE INDEX op_versions_op ON op_versions (op);
CREATE TABLE op_version_deps (
  op_version_id INTEGER NOT NULL,
  revision_id INTEGER NOT NULL,
  PRIMARY KEY (op_version_id, revision_id)
) WITHOUT ROWID;
CREATE INDEX op_version_deps_revision ON op_version_deps (revision_id);
-- Nested ops a version's calls called, by the semantic key they had (hierarchical versions).
${OP_VERSION_LINKS_DDL}
-- User decisions about dependency changes, with their time and how they were made.
${DECISIONS_DDL}
-- Encoded values by content id: small ones inline, big ones in the blob store.
CREATE TABLE value_data (
  cid TEXT PRIMARY KEY,
  type_name TEXT NOT NULL,
  size INTEGER NOT NULL,
  inline BLOB,
  blob_id TEXT,
  CHECK ((inline IS NULL) <> (blob_id IS NULL))
) WITHOUT ROWID;
-- Every blob a value needs (its own blob and its binary chunks), for garbage collection.
CREATE TABLE value_blobs (cid TEXT NOT NULL, blob_id TEXT NOT NULL, PRIMARY KEY (cid, blob_id)) WITHOUT ROWID;
CREATE INDEX value_blobs_blob ON value_blobs (blob_id);

-- A ref is a value with a history. kind: 0 atom, 1 list, 2 object, 3 map, 4 set. Atoms
-- whose encoding is tiny (numbers, short strings) keep it inline instead of in value_data.
CREATE TABLE refs (
  id INTEGER PRIMARY KEY,
  hid TEXT NOT NULL UNIQUE,
  cid TEXT NOT NULL,
  kind INTEGER NOT NULL,
  inline BLOB
);
-- No index on cid: every index costs each stored call an insert. Raw values have hid = cid,
-- so looking them up by content uses the hid index.
-- Elements of collection refs. key_cid: the key's content id for objects and maps.
CREATE TABLE collection_items (
  collection_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  key_cid TEXT,
  item_id INTEGER NOT NULL,
  PRIMARY KEY (collection_id, position)
) WITHOUT ROWID;
CREATE INDEX collection_items_item ON collection_items (item_id);

CREATE TABLE calls (
  id INTEGER PRIMARY KEY,
  hid TEXT NOT NULL UNIQUE,
  input_key TEXT NOT NULL,
  op_version_id INTEGER NOT NULL,
  run_id INTEGER NOT NULL,
  superseded_by INTEGER,
  duration_ms REAL NOT NULL,
  created_at REAL NOT NULL
);
-- One index serves "calls of an op version" and content lookups (M2: version and input key).
CREATE INDEX calls_op_version ON calls (op_version_id, input_key);
CREATE TABLE call_io (
  call_id INTEGER NOT NULL,
  is_output INTEGER NOT NULL,
  name TEXT NOT NULL,
  ref_id INTEGER NOT NULL,
  PRIMARY KEY (call_id, is_output, name)
) WITHOUT ROWID;
CREATE INDEX call_io_ref ON call_io (ref_id, is_output);
-- Op calls made while executing another op call (hierarchical memoization).
CREATE TABLE call_children (
  parent_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  PRIMARY KEY (parent_id, position)
) WITHOUT ROWID;
CREATE INDEX call_children_child ON call_children (child_id);

CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL,
  started_at REAL NOT NULL,
  ended_at REAL,
  status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
  hits INTEGER NOT NULL DEFAULT 0,
  executed INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  pid INTEGER NOT NULL
);
-- A run's call events: compact binary records (memo/run-event-codec.ts), one chunk per commit.
CREATE TABLE run_events (
  run_id INTEGER NOT NULL,
  chunk INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (run_id, chunk)
) WITHOUT ROWID;
-- Dropped calls keep their history ids here, so run history still names them.
CREATE TABLE dropped_calls (id INTEGER PRIMARY KEY, hid TEXT NOT NULL);
`

export const RefKind = { Atom: 0, List: 1, Object: 2, Map: 3, Set: 4 } as const
export type RefKind = (typeof RefKind)[keyof typeof RefKind]

export const REF_KIND_NAMES = ['atom', 'list', 'object', 'map', 'set'] as const
export type RefKindName = (typeof REF_KIND_NAMES)[number]

/** Upgrades a schema-1 workspace (before per-call versioning) in place; see ensureSchema. */
export const MIGRATE_1_TO_2 = `
ALTER TABLE components ADD COLUMN head_revision_id INTEGER;
ALTER TABLE component_revisions ADD COLUMN semantic_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE component_revisions ADD COLUMN parent_id INTEGER;
ALTER TABLE component_revisions ADD COLUMN refs TEXT NOT NULL DEFAULT '[]';
UPDATE component_revisions SET semantic_hash = content_hash;
UPDATE components SET head_revision_id =
  (SELECT MAX(r.id) FROM component_revisions r WHERE r.component_id = components.id);
ALTER TABLE op_versions ADD COLUMN semantic_key TEXT NOT NULL DEFAULT '';
UPDATE op_versions SET semantic_key = version_key;
CREATE INDEX op_version_deps_revision ON op_version_deps (revision_id);
${OP_VERSION_LINKS_DDL}
DROP TABLE decisions;
${DECISIONS_DDL}
UPDATE meta SET value = '2' WHERE key = 'schema_version';
`
