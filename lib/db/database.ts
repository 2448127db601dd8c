// The Dexie database of the sync engine. Knows nothing of chrome.*: the extension opens it on
// the browser's IndexedDB, Node (CLI, tests, benchmarks) on fake-indexeddb.
import { Dexie, type DexieOptions, type Table } from 'dexie';
import type {
  ChangeRow,
  CheckpointRow,
  DuplicateRow,
  ExternalKeyCheckRow,
  IntentRow,
  KarbonKeysRow,
  LinkRow,
  MetaRow,
  RunRow,
  UnlinkRow,
} from './rows';
import { CURRENT_VERSION, SCHEMA_VERSIONS, type StoredRow } from './schema';

export const DEFAULT_DB_NAME = 'karbon-qbo-sync';

export class SyncDatabase extends Dexie {
  declare links: Table<LinkRow, string>;
  declare duplicates: Table<DuplicateRow, string>;
  declare unlinks: Table<UnlinkRow, [string, string]>;
  declare runs: Table<RunRow, string>;
  declare changes: Table<ChangeRow, string>;
  declare intents: Table<IntentRow, string>;
  declare checkpoints: Table<CheckpointRow, string>;
  declare externalKeyChecks: Table<ExternalKeyCheckRow, string>;
  declare karbonKeys: Table<KarbonKeysRow, string>;
  declare meta: Table<MetaRow, string>;

  /** `upTo` opens an older layout: only the migration tests need it. */
  constructor(name: string = DEFAULT_DB_NAME, options?: DexieOptions, upTo: number = CURRENT_VERSION) {
    super(name, options);
    for (const v of SCHEMA_VERSIONS) {
      if (v.version > upTo) break;
      const declared = this.version(v.version).stores(v.stores);
      const migrate = v.migrate;
      if (!migrate) continue;
      declared.upgrade(async (tx) => {
        for (const [table, fn] of Object.entries(migrate)) {
          if (!fn) continue;
          await tx
            .table(table)
            .toCollection()
            .modify((row: StoredRow, ref: { value: StoredRow }) => {
              ref.value = fn(row);
            });
        }
      });
    }
  }
}

export interface OpenOptions {
  name?: string;
  /** Node: pass fake-indexeddb's `indexedDB` and `IDBKeyRange`; the browser uses its own. */
  indexedDB?: DexieOptions['indexedDB'];
  IDBKeyRange?: DexieOptions['IDBKeyRange'];
}

export async function openSyncDatabase(opts: OpenOptions = {}): Promise<SyncDatabase> {
  const options: DexieOptions = {};
  if (opts.indexedDB) options.indexedDB = opts.indexedDB;
  if (opts.IDBKeyRange) options.IDBKeyRange = opts.IDBKeyRange;
  const db = new SyncDatabase(opts.name ?? DEFAULT_DB_NAME, options);
  await db.open();
  return db;
}
