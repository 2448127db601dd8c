// The CLI's state: the same Dexie database as the extension (on fake-indexeddb), loaded from a
// JSON file (the backup format) and saved back atomically (write a temporary file, then rename)
// about once a second while it changes, and at the end. A process killed mid-run loses at
// most that last second; the engine's idempotent creates make that harmless. A lock file keeps
// a second CLI process off the same state.
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { exportState, importState } from '../lib/db/backup';
import type { SyncDatabase } from '../lib/db/database';
import { openMemoryDatabase } from '../lib/db/node';
import { TABLES } from '../lib/db/schema';

export class StateFileError extends Error {}

export interface StateFile {
  db: SyncDatabase;
  /** Write now if anything changed. */
  flush(): Promise<void>;
  /** Final save, unlock, close the database. */
  close(): Promise<void>;
}

const SAVE_EVERY_MS = 1000;

export async function openStateFile(path: string, now: () => Date = () => new Date()): Promise<StateFile> {
  const lockPath = `${path}.lock`;
  lock(lockPath, path);
  let db: SyncDatabase;
  let text: string | null;
  try {
    db = await openMemoryDatabase();
    text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (text !== null) {
      try {
        await importState(db, JSON.parse(text));
      } catch (err) {
        throw new StateFileError(
          `${path} is not a usable state file: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
  } catch (err) {
    rmSync(lockPath, { force: true });
    throw err;
  }

  let dirty = text === null; // a new file is written at once ("created if absent")
  for (const name of TABLES) {
    const table = db.table(name);
    const mark = () => {
      dirty = true;
    };
    table.hook('creating', mark);
    table.hook('updating', mark);
    table.hook('deleting', mark);
  }

  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    saving = saving.then(async () => {
      if (!dirty) return;
      dirty = false;
      const json = JSON.stringify(await exportState(db, now()));
      const tmp = `${path}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, json);
        renameSync(tmp, path);
      } catch (err) {
        dirty = true; // still to be saved
        throw new StateFileError(
          `Cannot save ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'}): check the disk and the folder's permissions`,
        );
      }
    });
    return saving;
  };
  await save();
  const timer = setInterval(() => void save().catch(() => undefined), SAVE_EVERY_MS);
  timer.unref();

  return {
    db,
    flush: save,
    async close() {
      clearInterval(timer);
      try {
        await save();
      } finally {
        db.close();
        rmSync(lockPath, { force: true });
      }
    },
  };
}

/** Exclusive lock by creating `lockPath`; a lock whose process is gone is taken over. */
function lock(lockPath: string, statePath: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new StateFileError(
          `Cannot use ${statePath} (${code ?? 'error'}): check that its folder exists and can be written`,
        );
      }
      const pid = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new StateFileError(
          `Another sync (process ${pid}) is using ${statePath}; wait for it to finish, or remove ${lockPath} if that process is gone`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new StateFileError(`Could not lock ${statePath}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
