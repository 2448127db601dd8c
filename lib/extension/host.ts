// The background's pieces, wired once per service-worker life: the database, the engine (over
// ports that follow the stored connections), the runner, the badge and the message handlers.
import { browser } from 'wxt/browser';
import { exportState, importState } from '../db/backup';
import { SyncDatabase } from '../db/database';
import { AuthError } from '../errors';
import { createEngine, type Engine } from '../sync/engine';
import { readStatus } from '../sync/queries';
import { desiredAlarms, nextSyncAt, reconcileAlarms, testScheduleSecondsItem } from './alarms';
import { attentionFor, badgeFor } from './attention';
import { showBadge } from './badge';
import {
  connectQuickBooks,
  disconnectKarbon,
  disconnectQuickBooks,
  getConnections,
  markRejected,
  saveIntuitApp,
  saveKarbonKeys,
  setEnvironment,
  useSandboxCredentials,
} from './connections';
import type { Handlers } from './handlers';
import { readItemRecords } from './item-records';
import { lazyPort } from './lazy-port';
import { createRunner, type Runner } from './runner';
import { createServices, type Services } from './services';
import { environmentItem } from './store';
import { askedError, sentenceOf, UserFacingError } from './user-error';

const APP_NAME = 'QuickBooks ⇄ Karbon';

export interface Host {
  services: Services;
  db: SyncDatabase;
  engine: () => Promise<Engine>;
  runner: Runner;
  handlers: Handlers;
  refreshBadge(): Promise<void>;
  reconcileSchedule(): Promise<void>;
  /** Start-up: alarms reconciled, badge drawn, an interrupted run resumed. */
  start(): Promise<void>;
}

/** How long Contact Sync Settings waits for Karbon's own list of Contact Types. */
const KARBON_TYPES_WAIT_MS = 3_000;

/** The promise, or a rejection after `ms` (the work itself goes on; its answer is not waited for). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  // A failure after the wait is over is nobody's to handle: not an unhandled rejection.
  promise.catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Calls an extension API now and then: Chrome keeps a worker alive while extension APIs are used. */
function keepAlive(): () => void {
  const timer = setInterval(() => void browser.runtime.getPlatformInfo(), 20_000);
  return () => clearInterval(timer);
}

export function createHost(): Host {
  const services = createServices();
  const db = new SyncDatabase();
  let engine: Promise<Engine> | null = null;
  const getEngine = () => {
    engine ??= Promise.resolve(
      createEngine({
        db,
        quickbooks: lazyPort(services.quickBooks),
        karbon: lazyPort(services.karbon),
        now: () => new Date(),
        newId: () => crypto.randomUUID(),
        // The pages show run errors; the console gets a line without data (it never holds secrets anyway).
        log: (level, message) => {
          if (level === 'warn' || level === 'error') console.warn(`[sync] ${message}`);
        },
        requestCounts: () => {
          const c = services.counter.snapshot();
          return { quickbooks: c.quickbooks, karbon: c.karbon };
        },
      }),
    );
    return engine;
  };

  async function notReady(): Promise<string | null> {
    const c = await getConnections(services);
    if (c.quickBooks.state === 'not-connected' && c.karbon.state === 'not-connected')
      return 'Connect QuickBooks and Karbon first (Connections).';
    if (c.quickBooks.state === 'not-connected') return 'Connect QuickBooks first (Connections).';
    if (c.karbon.state === 'not-connected') return 'Connect Karbon first (Connections).';
    return null;
  }

  async function refreshBadge(): Promise<void> {
    const [c, status, next] = await Promise.all([getConnections(services), readStatus(db), nextSyncAt()]);
    const attention = attentionFor(c.quickBooks, c.karbon, status.lastRun, Date.now(), next);
    await showBadge(badgeFor(status.waiting, attention, APP_NAME));
  }

  /** A run refused by a service marks that connection, so the popup and badge say "Reconnect". */
  async function afterRun(): Promise<void> {
    const { lastRun } = await readStatus(db);
    for (const e of lastRun?.errors ?? []) {
      if (e.code === 'AuthError' && e.service) await markRejected(e.service);
    }
    await refreshBadge();
  }

  async function reconcileSchedule(): Promise<void> {
    const [settings, testSeconds] = await Promise.all([
      (await getEngine()).settings(),
      testScheduleSecondsItem.getValue(),
    ]);
    await reconcileAlarms(desiredAlarms(settings.scheduleMinutes, testSeconds));
  }

  const runner = createRunner({ engine: getEngine, notReady, afterRun, keepAlive });
  const deps = { services, now: () => new Date(), hasLinks: async () => (await db.links.count()) > 0 };

  /**
   * Work outside runs, asked for by a person (preview, a card's records, connections): a refused
   * connection is marked as runs do, an unreachable service is said for this moment, the badge
   * redrawn.
   */
  async function guarded<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof AuthError) await markRejected(error.service);
      const env = await environmentItem.getValue();
      throw askedError(error, env.environment === 'local' ? env.sandboxUrl : null);
    } finally {
      await refreshBadge().catch(() => undefined);
    }
  }

  const handlers: Handlers = {
    getConnections: () => getConnections(services),
    setEnvironment: async ({ environment, sandboxUrl }) => {
      await setEnvironment(environment, sandboxUrl);
      return getConnections(services);
    },
    saveIntuitApp: async ({ clientId, clientSecret }) => {
      await saveIntuitApp(clientId, clientSecret);
      return getConnections(services);
    },
    connectQuickBooks: () => guarded(() => connectQuickBooks(deps)),
    disconnectQuickBooks: () => guarded(() => disconnectQuickBooks(services)),
    saveKarbonKeys: ({ bearerToken, accessKey }) =>
      guarded(() => saveKarbonKeys(deps, bearerToken, accessKey)),
    disconnectKarbon: () =>
      guarded(async () => {
        await disconnectKarbon();
        return getConnections(services);
      }),
    useSandboxCredentials: async () => {
      await useSandboxCredentials(deps);
      return getConnections(services);
    },
    getStatus: async () => {
      const [c, engineStatus, next] = await Promise.all([
        getConnections(services),
        readStatus(db),
        nextSyncAt(),
      ]);
      return {
        engine: engineStatus,
        attention: attentionFor(c.quickBooks, c.karbon, engineStatus.lastRun, Date.now(), next),
      };
    },
    startRun: async () => {
      const run = runner.run('manual');
      // Answer once the run has begun; its progress and result live in the database. A run that
      // cannot start (not connected) rejects at once and reaches the page as a sentence.
      await Promise.race([run, new Promise((r) => setTimeout(r, 50))]);
      run.catch((e: unknown) => console.warn(`[sync] ${sentenceOf(e)}`));
      return { started: true as const };
    },
    preview: () =>
      guarded(async () => {
        const why = await notReady();
        if (why) throw new UserFacingError(why);
        return (await getEngine()).preview();
      }),
    duplicates: async () => (await getEngine()).duplicates(),
    itemRecords: ({ itemId }) =>
      guarded(() =>
        readItemRecords({ db, quickBooks: services.quickBooks, karbon: services.karbon }, itemId),
      ),
    resolve: ({ itemId, decision }) => runner.work((e) => e.resolve(itemId, decision)),
    resolveMany: ({ decisions }) => runner.work((e) => e.resolveMany(decisions)),
    links: async () => (await getEngine()).links(),
    unlink: ({ quickBooksId }) => runner.work((e) => e.unlink(quickBooksId)),
    notInQuickBooks: ({ types }) => guarded(async () => (await getEngine()).notInQuickBooks({ types })),
    push: (request) => runner.work((e) => e.push(request)),
    undo: ({ runId }) => runner.work((e) => e.undo(runId)),
    restoreValue: ({ changeId }) => runner.work((e) => e.restoreValue(changeId)),
    getSettings: async () => {
      const e = await getEngine();
      const settings = await e.settings();
      // Karbon's list when it answers soon; else (unreachable, slow, key refused) the types saved
      // when Karbon was connected: the settings never wait on Karbon.
      const contactTypes = await within(e.contactTypes(), KARBON_TYPES_WAIT_MS).catch(async () => {
        const k = (await getConnections(services)).karbon;
        return [...new Set([...k.contactTypes, settings.newContactType, ...settings.pushTypes])];
      });
      return { settings, contactTypes };
    },
    updateSettings: async (patch) => {
      const settings = await (await getEngine()).updateSettings(patch);
      await reconcileSchedule();
      return settings;
    },
    history: async ({ limit }) => (await getEngine()).history({ limit }),
    runChanges: async ({ runId }) => (await getEngine()).runChanges(runId),
    exportState: () => exportState(db, new Date()),
    importState: ({ backup }) =>
      guarded(async () => {
        if (runner.inFlight()) throw new Error('A sync is running: restore the backup when it has finished.');
        await importState(db, backup);
        await reconcileSchedule();
        return { restored: true as const };
      }),
  };

  return {
    services,
    db,
    engine: getEngine,
    runner,
    handlers,
    refreshBadge,
    reconcileSchedule,
    async start() {
      await reconcileSchedule();
      await refreshBadge();
      await runner.resumeInterrupted();
    },
  };
}
