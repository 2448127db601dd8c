// Every run — Sync Now, the schedule, a decision, a resumed run — goes through here to the
// engine's single runSync(): one at a time (a second request joins the first), the worker kept
// awake while it works, and the badge and connection health refreshed when it ends.
import type { Engine, RunReport, RunTrigger } from '../sync/engine';

export interface RunnerDeps {
  engine: () => Promise<Engine>;
  /** Null when both sides are connected, else the sentence saying what to do first. */
  notReady: () => Promise<string | null>;
  /** After every run or decision, successful or not: badge, connection health. */
  afterRun: () => Promise<void>;
  /** Keeps the service worker alive while work is in flight; returns the stop function. */
  keepAlive: () => () => void;
}

export class NotReadyError extends Error {}

export interface Runner {
  /** Starts (or joins) a run; resolves with its report. */
  run(trigger: RunTrigger): Promise<RunReport>;
  /** Decisions, Remove Match and other engine work that records its own run. */
  work<T>(fn: (engine: Engine) => Promise<T>): Promise<T>;
  /** A run left 'running' by a stopped worker is picked up again. */
  resumeInterrupted(): Promise<RunReport | null>;
  inFlight(): boolean;
}

export function createRunner(deps: RunnerDeps): Runner {
  let current: Promise<RunReport> | null = null;

  async function work<T>(fn: (engine: Engine) => Promise<T>): Promise<T> {
    const stop = deps.keepAlive();
    try {
      return await fn(await deps.engine());
    } finally {
      stop();
      await deps.afterRun().catch(() => undefined);
    }
  }

  async function run(trigger: RunTrigger): Promise<RunReport> {
    if (current) return current;
    const why = await deps.notReady();
    if (why) throw new NotReadyError(why);
    if (current) return current;
    current = work((engine) => engine.runSync({ trigger })).finally(() => {
      current = null;
    });
    return current;
  }

  async function resumeInterrupted(): Promise<RunReport | null> {
    if (current) return current;
    const engine = await deps.engine();
    const { running } = await engine.status();
    if (!running) return null;
    // Resuming needs the same connections; without them the run stays as it is until reconnected.
    if (await deps.notReady()) return null;
    return run(running.trigger);
  }

  return { run, work, resumeInterrupted, inFlight: () => current !== null };
}
