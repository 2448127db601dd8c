// `npm run cli -- <command>`: the engine from a terminal, for admins, CI and benchmarks. The
// same createEngine() as the extension, on the same Dexie database (fake-indexeddb, saved to
// the --state file).
import { randomUUID } from 'node:crypto';
import { readSettings, writeSettings } from '../lib/db/settings';
import { createEngine, DecisionError, describeError, type Engine, type RunReport } from '../lib/sync/engine';
import type { KarbonPort, QuickBooksPort } from '../lib/sync/ports';
import { readDuplicates, readHistory, readLinks } from '../lib/sync/queries';
import { type Invocation, parseCommandLine, USAGE, UsageError } from './args';
import { ConfigError, connectReal, connectSandbox, type Services } from './connect';
import {
  duplicateJson,
  duplicatesText,
  linkJson,
  linksText,
  progressPrinter,
  reportJson,
  reportText,
  settingsText,
} from './format';
import { openStateFile, type StateFile, StateFileError } from './state-file';
import { executeTwoWay, type TwoWayCommand } from './twoway';

const TWOWAY_COMMANDS = new Set(['push', 'not-in-quickbooks', 'undo', 'restore', 'run-changes']);

function isTwoWay(command: Invocation['command']): command is TwoWayCommand {
  return TWOWAY_COMMANDS.has(command.name);
}

const NEEDS_SERVICES = new Set(['run', 'preview', 'resolve', 'push', 'not-in-quickbooks', 'undo', 'restore']);

function print(inv: Invocation, json: unknown, text: string): void {
  process.stdout.write(inv.json ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);
}

async function connect(inv: Invocation): Promise<Services> {
  const tokensPath = `${inv.state}.tokens.json`;
  return inv.sandbox ? connectSandbox(inv.sandbox, tokensPath) : connectReal(process.env, tokensPath);
}

/** Ports for commands that only touch the state: any service call is a mistake, said plainly. */
function offlinePorts(): { quickbooks: QuickBooksPort; karbon: KarbonPort } {
  const refuse = () =>
    new Proxy(
      {},
      {
        get: () => () => Promise.reject(new ConfigError('This command does not reach the services')),
      },
    );
  return { quickbooks: refuse() as QuickBooksPort, karbon: refuse() as KarbonPort };
}

async function execute(inv: Invocation, state: StateFile): Promise<number> {
  const { db } = state;
  const { command } = inv;
  if (command.name === 'duplicates') {
    const items = await readDuplicates(db);
    print(inv, items.map(duplicateJson), duplicatesText(items).join('\n'));
    return 0;
  }
  if (command.name === 'links') {
    const links = await readLinks(db);
    print(inv, links.map(linkJson), linksText(links));
    return 0;
  }
  if (command.name === 'history') {
    const runs = await readHistory(db);
    print(
      inv,
      runs,
      runs
        .map(
          (r) =>
            `${r.id}  ${r.startedAt}  ${r.trigger}  ${r.status}  ${r.counts.linked} linked, ${r.counts.createdInKarbon} created, ${r.counts.errors} errors`,
        )
        .join('\n') || 'No runs yet.',
    );
    return 0;
  }
  if (command.name === 'settings') {
    const settings =
      Object.keys(command.patch).length > 0 ? await writeSettings(db, command.patch) : await readSettings(db);
    print(inv, settings, settingsText(settings));
    return 0;
  }

  const services = NEEDS_SERVICES.has(command.name)
    ? await connect(inv)
    : { ...offlinePorts(), requestCounts: undefined };
  const engine: Engine = createEngine({
    db,
    quickbooks: services.quickbooks,
    karbon: services.karbon,
    now: () => new Date(),
    newId: randomUUID,
    requestCounts: services.requestCounts,
  });
  if (isTwoWay(command)) {
    const out = await executeTwoWay(engine, command);
    print(inv, out.json, out.text);
    return out.ok ? 0 : 1;
  }
  const progress = inv.json ? null : progressPrinter(process.stderr);
  const onProgress = progress ? (p: Parameters<typeof progress.update>[0]) => progress.update(p) : undefined;
  let report: RunReport;
  let title: string;
  switch (command.name) {
    case 'run':
      report = await engine.runSync({ trigger: 'cli', onProgress });
      title = 'Sync';
      break;
    case 'preview':
      report = await engine.preview({ onProgress });
      title = 'Preview';
      break;
    case 'resolve':
      report = await engine.resolve(command.itemId, command.decision);
      title = 'Decision';
      break;
    case 'unlink':
      report = await engine.unlink(command.quickBooksId);
      title = 'Remove match';
      break;
  }
  progress?.end();
  print(inv, reportJson(report), reportText(title, report));
  return report.status === 'completed' ? 0 : 1;
}

async function main(): Promise<number> {
  let inv: Invocation;
  try {
    inv = parseCommandLine(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message ? `${err.message}\n\n` : ''}${USAGE}`);
      return err.message ? 2 : 0;
    }
    throw err;
  }
  let state: StateFile;
  try {
    state = await openStateFile(inv.state);
  } catch (err) {
    if (err instanceof StateFileError) return fail(inv, err.message);
    throw err;
  }
  // Ctrl-C or a polite kill: save what was done; the next run resumes the rest.
  const stop = (signal: NodeJS.Signals) => {
    void state.close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await execute(inv, state);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DecisionError) return fail(inv, err.message);
    throw err;
  } finally {
    await state.close();
  }
}

function fail(inv: Invocation, message: string): number {
  if (inv.json) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
  process.stderr.write(`${message}\n`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Anything unforeseen still reaches the person as one sentence; the trace only on request.
    const message =
      err instanceof StateFileError || err instanceof ConfigError ? err.message : describeError(err);
    if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
    process.stderr.write(`${message}\n`);
    if (process.env.KARBON_QBO_SYNC_DEBUG && err instanceof Error && err.stack) {
      process.stderr.write(`${err.stack}\n`);
    }
    process.exitCode = 1;
  },
);
