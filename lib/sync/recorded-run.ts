// A person's request performed as its own recorded run (a decision, push, undo, restore): one row
// in history with its counts and changes.
import type { RunTrigger } from '../db/rows';
import { readSettings } from '../db/settings';
import type { RunReport } from './engine';
import type { ExecContext } from './link-pair';
import { RunRecorder } from './recorder';
import { reportOf, requestMeter, type SyncDeps } from './run-sync';

export async function recordedRun(
  deps: SyncDeps,
  trigger: RunTrigger,
  work: (x: ExecContext) => Promise<void>,
  opts: { undoOf?: string } = {},
): Promise<RunReport> {
  const requests = requestMeter(deps);
  const recorder = await RunRecorder.start(deps, trigger, { resume: false, undoOf: opts.undoOf });
  const x: ExecContext = { ...deps, settings: await readSettings(deps.db), recorder };
  let status: 'completed' | 'failed' = 'completed';
  try {
    await work(x);
  } catch (err) {
    // Whatever the cause, what was done is recorded and the rest can be asked again (a decision
    // not carried out leaves its item waiting).
    recorder.error('', err);
    status = 'failed';
  }
  const run = await recorder.finish(status, requests());
  return reportOf(run, []);
}
