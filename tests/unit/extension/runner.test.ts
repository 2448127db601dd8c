import { describe, expect, it, vi } from 'vitest';
import { runReport } from '@/components/test-fixtures';
import { createRunner, NotReadyError } from '@/lib/extension/runner';
import type { Engine, RunReport } from '@/lib/sync/engine';

const report = (runId: string): RunReport => runReport(runId);

function engineWith(runSync: Engine['runSync'], running: { trigger: 'schedule' } | null = null): Engine {
  return {
    runSync,
    status: async () => ({
      running,
      lastRun: null,
      waiting: 0,
      firstSyncCompletedAt: null,
      totals: { linked: 0, skipped: 0, waiting: 0 },
    }),
  } as unknown as Engine;
}

function setup(engine: Engine, notReady: string | null = null) {
  const afterRun = vi.fn(async () => undefined);
  const stop = vi.fn();
  const keepAlive = vi.fn(() => stop);
  const runner = createRunner({
    engine: async () => engine,
    notReady: async () => notReady,
    afterRun,
    keepAlive,
  });
  return { runner, afterRun, keepAlive, stop };
}

describe('runner', () => {
  it('a second Sync Now while one runs joins it: one engine run, one answer', async () => {
    let finish: (r: RunReport) => void = () => {};
    const runSync = vi.fn(() => new Promise<RunReport>((r) => (finish = r)));
    const { runner, afterRun, keepAlive, stop } = setup(engineWith(runSync));
    const first = runner.run('manual');
    const second = runner.run('schedule');
    await vi.waitFor(() => expect(runSync).toHaveBeenCalledTimes(1));
    expect(runner.inFlight()).toBe(true);
    finish(report('r1'));
    expect(await first).toEqual(report('r1'));
    expect(await second).toEqual(report('r1'));
    expect(keepAlive).toHaveBeenCalledTimes(1);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(afterRun).toHaveBeenCalledTimes(1);
    expect(runner.inFlight()).toBe(false);
  });

  it('not connected → refused with the sentence, the engine untouched', async () => {
    const runSync = vi.fn(async () => report('r1'));
    const { runner } = setup(engineWith(runSync), 'Connect Karbon first (Connections).');
    await expect(runner.run('manual')).rejects.toBeInstanceOf(NotReadyError);
    expect(runSync).not.toHaveBeenCalled();
  });

  it('start-up resumes a run left running, with its trigger; nothing left → nothing run', async () => {
    const runSync = vi.fn(async () => report('r1'));
    expect(await setup(engineWith(runSync, { trigger: 'schedule' })).runner.resumeInterrupted()).toEqual(
      report('r1'),
    );
    expect(runSync).toHaveBeenCalledWith({ trigger: 'schedule' });
    runSync.mockClear();
    expect(await setup(engineWith(runSync, null)).runner.resumeInterrupted()).toBeNull();
    expect(runSync).not.toHaveBeenCalled();
  });

  it('a failed run still redraws the badge and lets the worker sleep', async () => {
    const { runner, afterRun, stop } = setup(
      engineWith(vi.fn(async () => Promise.reject(new Error('boom')))),
    );
    await expect(runner.run('manual')).rejects.toThrow('boom');
    expect(afterRun).toHaveBeenCalled();
    expect(stop).toHaveBeenCalled();
  });
});
