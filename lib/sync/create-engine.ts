// The engine every host builds: one gate so that only one run happens at a time (a second sync
// request joins the running one; decisions wait their turn), everything else delegated.
import { readSettings, writeSettings } from '../db/settings';
import { performResolve, performResolveMany, performUnlink } from './decisions';
import type { Engine, EngineDeps, RunReport } from './engine';
import type { RankFn, SuggestFn } from './planner';
import { listNotInQuickBooks, performPush } from './push-catalogue';
import { readDuplicates, readHistory, readLinks, readRunChanges, readStatus } from './queries';
import { rankKarbonCandidates } from './rank-candidates';
import { performRestoreValue } from './restore-value';
import { performPreview, performSync } from './run-sync';
import { suggestKarbonForCustomer } from './suggestions-planner';
import { performUndo } from './undo';

/** Serialises runs within one host (the extension has one service worker; the CLI locks its state file). */
class RunGate {
  private tail: Promise<unknown> = Promise.resolve();
  private sync: Promise<RunReport> | null = null;

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  joinOrStart(work: () => Promise<RunReport>): Promise<RunReport> {
    if (this.sync) return this.sync;
    const run = this.exclusive(work);
    this.sync = run;
    const clear = () => {
      if (this.sync === run) this.sync = null;
    };
    run.then(clear, clear);
    return run;
  }
}

export function createEngine(options: EngineDeps & { suggest?: SuggestFn; rank?: RankFn }): Engine {
  // Fuzzy suggestions (likely duplicates go to review) and ranked candidates, unless a host passes its own.
  const deps = {
    ...options,
    suggest: options.suggest ?? suggestKarbonForCustomer,
    rank: options.rank ?? rankKarbonCandidates,
  };
  const gate = new RunGate();
  const { db } = deps;
  return {
    runSync: (opts = {}) =>
      gate.joinOrStart(() =>
        performSync(deps, { trigger: opts.trigger ?? 'manual', onProgress: opts.onProgress }),
      ),
    resumeInterrupted: async () => {
      const status = await readStatus(db);
      if (!status.running) return null;
      return gate.joinOrStart(() => performSync(deps, { trigger: status.running?.trigger ?? 'manual' }));
    },
    preview: (opts = {}) => performPreview(deps, opts),
    status: () => readStatus(db),
    duplicates: (opts) => readDuplicates(db, opts),
    resolve: (itemId, decision) => gate.exclusive(() => performResolve(deps, itemId, decision)),
    resolveMany: (decisions) => gate.exclusive(() => performResolveMany(deps, decisions)),
    unlink: (quickBooksId) => gate.exclusive(() => performUnlink(deps, quickBooksId)),
    links: () => readLinks(db),
    settings: () => readSettings(db),
    updateSettings: (patch) => writeSettings(db, patch),
    contactTypes: async () => {
      const [types, settings] = await Promise.all([deps.karbon.contactTypes(), readSettings(db)]);
      return [...new Set([...types, settings.newContactType, ...settings.pushTypes])];
    },
    history: (opts) => readHistory(db, opts),
    runChanges: (runId) => readRunChanges(db, runId),
    notInQuickBooks: (opts) => listNotInQuickBooks(deps, opts),
    push: (request) => gate.exclusive(() => performPush(deps, request)),
    undo: (runId) => gate.exclusive(() => performUndo(deps, runId)),
    restoreValue: (changeId) => gate.exclusive(() => performRestoreValue(deps, changeId)),
  };
}
