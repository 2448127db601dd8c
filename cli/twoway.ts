// The CLI's issue-4 commands: push (back catalogue), not-in-quickbooks, undo, and `history RUN`
// (one run's changes). Parsed here from args.ts's values, performed with the one engine API.
import type { ChangeEntry, Engine, UndoReport } from '../lib/sync/engine';
import type { NotInQuickBooksRow } from '../lib/sync/push-catalogue';
import { reportJson, reportText } from './format';

export const TWOWAY_USAGE = `  push --type T [--type T2] | --karbon KEY [KEY...]
                                        push Karbon contacts to QuickBooks (after the first sync)
  not-in-quickbooks [--type T]          Karbon contacts not linked to a customer
  undo RUN                              revert a run's changes, recorded as a run of its own
  restore CHANGE                        put back on both sides the value a change replaced
                                        (a conflict's loser; CHANGE from history RUN)
  history [RUN]                         runs, newest first; with RUN, that run's changes
`;

export type TwoWayCommand =
  | { name: 'push'; types: string[]; karbonKeys: string[] }
  | { name: 'not-in-quickbooks'; types: string[] }
  | { name: 'undo'; runId: string }
  | { name: 'restore'; changeId: string }
  | { name: 'run-changes'; runId: string };

export interface TwoWayValues {
  type?: string[];
  karbon?: string[];
}

/** The command, or null when `name` is not one of these; throws a message for bad usage. */
export function parseTwoWay(name: string, rest: string[], v: TwoWayValues): TwoWayCommand | null {
  const types = (v.type ?? [])
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter(Boolean);
  switch (name) {
    case 'push': {
      // `--karbon K1 K2 K3`: the keys after the first arrive as positionals.
      const karbonKeys = [...(v.karbon ?? []), ...(v.karbon?.length ? rest : [])];
      if (!v.karbon?.length && rest.length > 0)
        throw new Error(`push takes no arguments (got "${rest.join(' ')}")`);
      if (types.length === 0 && karbonKeys.length === 0)
        throw new Error('push needs --type T or --karbon KEY...');
      return { name, types, karbonKeys };
    }
    case 'not-in-quickbooks':
      if (rest.length > 0) throw new Error('not-in-quickbooks takes no arguments');
      return { name, types };
    case 'undo': {
      const [runId, ...more] = rest;
      if (!runId || more.length > 0) throw new Error('undo takes one RUN id (see history)');
      return { name, runId };
    }
    case 'restore': {
      const [changeId, ...more] = rest;
      if (!changeId || more.length > 0) throw new Error('restore takes one CHANGE id (see history RUN)');
      return { name, changeId };
    }
    case 'history': {
      const [runId, ...more] = rest;
      if (!runId) return null; // the list of runs: args.ts's own
      if (more.length > 0) throw new Error('history takes at most one RUN id');
      return { name: 'run-changes', runId };
    }
    default:
      return null;
  }
}

export interface Printed {
  json: unknown;
  text: string;
  ok: boolean;
}

export async function executeTwoWay(engine: Engine, command: TwoWayCommand): Promise<Printed> {
  switch (command.name) {
    case 'push': {
      const report = await engine.push({ types: command.types, karbonKeys: command.karbonKeys });
      return {
        json: reportJson(report),
        text: reportText('Push', report),
        ok: report.status === 'completed',
      };
    }
    case 'not-in-quickbooks': {
      const rows = await engine.notInQuickBooks({ types: command.types });
      return { json: rows, text: notInQuickBooksText(rows), ok: true };
    }
    case 'undo': {
      const report = await engine.undo(command.runId);
      return { json: undoJson(report), text: undoText(report), ok: report.status === 'completed' };
    }
    case 'restore': {
      const report = await engine.restoreValue(command.changeId);
      return {
        json: reportJson(report),
        text: reportText('Restore', report),
        ok: report.status === 'completed',
      };
    }
    case 'run-changes': {
      const changes = await engine.runChanges(command.runId);
      return { json: changes, text: changesText(command.runId, changes), ok: true };
    }
  }
}

export function undoJson(report: UndoReport) {
  return { ...reportJson(report), undoOf: report.undoOf, removeInKarbon: report.removeInKarbon };
}

function undoText(report: UndoReport): string {
  const lines = [reportText(`Undo of ${report.undoOf}`, report)];
  if (report.removeInKarbon.length > 0) {
    lines.push('', 'Created in Karbon by that run (Karbon cannot delete them): remove these by hand:');
    for (const r of report.removeInKarbon) lines.push(`  ${r.kind} ${r.key}  ${r.name}`);
  }
  return lines.join('\n');
}

function notInQuickBooksText(rows: NotInQuickBooksRow[]): string {
  if (rows.length === 0) return 'Every Karbon contact is linked to a QuickBooks customer.';
  return [
    `${rows.length} Karbon contact${rows.length === 1 ? '' : 's'} not in QuickBooks:`,
    ...rows.map(
      (r) =>
        `  ${r.kind === 'organization' ? 'org' : 'contact'} ${r.key}  ${r.name}${r.email ? ` <${r.email}>` : ''}  (${r.contactType || 'no type'}${r.waiting ? ', waiting in Resolve duplicates' : ''})`,
    ),
    '',
    'Push with: push --karbon KEY... or push --type T',
  ].join('\n');
}

function changesText(runId: string, changes: ChangeEntry[]): string {
  if (changes.length === 0) return `Run ${runId} changed nothing (or does not exist).`;
  const show = (v: unknown) =>
    typeof v === 'string' ? JSON.stringify(v) : v === null ? '—' : JSON.stringify(v);
  return [
    `Run ${runId}: ${changes.length} change${changes.length === 1 ? '' : 's'}`,
    ...changes.map(
      (c) =>
        `  ${c.id}  ${c.action} ${c.side}${c.field ? ` ${c.field}` : ''}  ${c.quickBooksId ?? ''}${c.karbonKey ? `⇄${c.karbonKey}` : ''}  ${show(c.before)} → ${show(c.after)}  ${c.note}`,
    ),
  ].join('\n');
}
