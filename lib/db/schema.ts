// Every version of the database layout, oldest first. A version never changes once released:
// a new layout is a new entry whose `migrate` rewrites rows. The same row migrations serve
// Dexie's upgrade (IndexedDB in the extension, fake-indexeddb in Node) and the import of an
// older JSON backup or CLI state file, so the two can never drift apart.

export type TableName =
  | 'links'
  | 'duplicates'
  | 'unlinks'
  | 'runs'
  | 'changes'
  | 'intents'
  | 'checkpoints'
  | 'externalKeyChecks'
  | 'karbonKeys'
  | 'meta';

export const TABLES: readonly TableName[] = [
  'links',
  'duplicates',
  'unlinks',
  'runs',
  'changes',
  'intents',
  'checkpoints',
  'externalKeyChecks',
  'karbonKeys',
  'meta',
];

/** A row as stored: a plain JSON object. Migrations work on these, not on typed rows. */
export type StoredRow = Record<string, unknown>;

export interface SchemaVersion {
  version: number;
  /** Dexie store declarations (primary key first, then indexes). null deletes a table. */
  stores: Partial<Record<TableName, string | null>>;
  /** Row rewrites from the previous version, per table. */
  migrate?: Partial<Record<TableName, (row: StoredRow) => StoredRow>>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      links: 'quickBooksId, karbonKey, status, linkedAt',
      duplicates: 'id, status, [origin+sourceId], updatedAt',
      unlinks: '[quickBooksId+karbonKey], quickBooksId, karbonKey',
      runs: 'id, startedAt, status',
      changes: 'id, runId, [runId+seq], quickBooksId, karbonKey',
      intents: 'id, status, runId',
      checkpoints: 'source',
      externalKeyChecks: 'quickBooksId',
      meta: 'key',
    },
  },
  {
    // The three-way base keeps each side's own value per field (echo suppression, lib/sync/threeway.ts)
    // instead of one agreed value; the first-link policy "keep-both" is now called "fill-blanks".
    version: 2,
    stores: {},
    migrate: {
      links: (row) => ({ ...row, base: baseV2(row.base) }),
      meta: (row) => (row.key === 'settings' ? { ...row, value: settingsV2(row.value) } : row),
    },
  },
  {
    // Remembered detail keys of Karbon candidates (lib/sync/gather.ts): a new table, no row changes.
    version: 3,
    stores: { karbonKeys: 'ref' },
  },
];

function baseV2(base: unknown): Record<string, { quickbooks: string; karbon: string }> {
  const out: Record<string, { quickbooks: string; karbon: string }> = {};
  if (typeof base !== 'object' || base === null) return out;
  for (const [field, value] of Object.entries(base)) {
    if (typeof value === 'string') out[field] = { quickbooks: value, karbon: value };
  }
  return out;
}

function settingsV2(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const v = value as Record<string, unknown>;
  return v.firstLinkPolicy === 'keep-both' ? { ...v, firstLinkPolicy: 'fill-blanks' } : v;
}

export const CURRENT_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 1;

/** Apply the row migrations of every version after `from`, in order (used by backup import). */
export function migrateRows(table: TableName, rows: StoredRow[], from: number): StoredRow[] {
  let out = rows;
  for (const v of SCHEMA_VERSIONS) {
    if (v.version <= from) continue;
    const fn = v.migrate?.[table];
    if (fn) out = out.map(fn);
  }
  return out;
}
