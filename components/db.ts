// The pages' handle on the sync database: the same IndexedDB as the service worker (one
// extension origin), read-only here. Dexie opens it on the first query and tells live queries
// when the worker writes.
import { SyncDatabase } from '../lib/db/database';

export const pageDb = new SyncDatabase();
