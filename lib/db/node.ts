// Node hosts (CLI, tests, benchmarks) keep the database in fake-indexeddb: the same Dexie code
// as the extension, held in memory and persisted by the host (the CLI's state file).
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { openSyncDatabase, type SyncDatabase } from './database';

let counter = 0;

/** A fresh, empty database under a unique name (fake-indexeddb is process-wide). */
export function openMemoryDatabase(
  name = `karbon-qbo-sync-${process.pid}-${++counter}`,
): Promise<SyncDatabase> {
  return openSyncDatabase({ name, indexedDB, IDBKeyRange });
}
