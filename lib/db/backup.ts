// The whole sync state as one JSON document: the extension's Backup/Restore and the CLI's
// `--state FILE` use this same format. The database never holds tokens or keys (those live in
// the auth token store), so a backup is safe to hand to support.
import { z } from 'zod';
import type { SyncDatabase } from './database';
import { CURRENT_VERSION, migrateRows, type StoredRow, TABLES, type TableName } from './schema';

export const BACKUP_FORMAT = 'karbon-qbo-sync/state';

export interface StateBackup {
  format: typeof BACKUP_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  tables: Record<TableName, StoredRow[]>;
}

const rowSchema = z.record(z.string(), z.unknown());

const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: 'not a sync state backup (missing "format")' }),
  schemaVersion: z.number().int().min(1),
  exportedAt: z.string(),
  tables: z.record(z.string(), z.array(rowSchema)),
});

export class BackupFormatError extends Error {}

export async function exportState(db: SyncDatabase, now: Date): Promise<StateBackup> {
  const tables = {} as Record<TableName, StoredRow[]>;
  await db.transaction('r', db.tables, async () => {
    for (const name of TABLES) tables[name] = (await db.table(name).toArray()) as StoredRow[];
  });
  return { format: BACKUP_FORMAT, schemaVersion: CURRENT_VERSION, exportedAt: now.toISOString(), tables };
}

/** Parse and check a backup without touching the database; throws BackupFormatError saying what is wrong. */
export function parseBackup(input: unknown): StateBackup {
  const parsed = backupSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
    throw new BackupFormatError(`The backup cannot be read${where}: ${first?.message ?? 'unknown shape'}`);
  }
  const { schemaVersion, tables } = parsed.data;
  if (schemaVersion > CURRENT_VERSION) {
    throw new BackupFormatError(
      `The backup was made by a newer version (layout ${schemaVersion}, this one reads up to ${CURRENT_VERSION}); update first`,
    );
  }
  const unknown = Object.keys(tables).filter((t) => !TABLES.includes(t as TableName));
  if (unknown.length > 0)
    throw new BackupFormatError(`The backup holds unknown tables: ${unknown.join(', ')}`);
  const out = {} as Record<TableName, StoredRow[]>;
  for (const name of TABLES) out[name] = migrateRows(name, tables[name] ?? [], schemaVersion);
  return {
    format: BACKUP_FORMAT,
    schemaVersion: CURRENT_VERSION,
    exportedAt: parsed.data.exportedAt,
    tables: out,
  };
}

/** Replace the whole state with the backup's, in one transaction (all or nothing). */
export async function importState(db: SyncDatabase, input: unknown): Promise<void> {
  const backup = parseBackup(input);
  await db.transaction('rw', db.tables, async () => {
    for (const name of TABLES) {
      const table = db.table(name);
      await table.clear();
      await table.bulkPut(backup.tables[name]);
    }
  });
}
