// Command line: `npm run cli -- <command> [options]` (docs/engine.md, "Command-line runner").
import { parseArgs } from 'node:util';
import { conflictPolicies, firstLinkPolicies, type SettingsPatch } from '../lib/db/settings';
import type { Decision } from '../lib/sync/engine';
import { parseTwoWay, TWOWAY_USAGE, type TwoWayCommand } from './twoway';

export const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  run                                   one Sync Now
  preview                               the plan of a sync, nothing written
  duplicates                            items waiting in Resolve duplicates
  resolve ITEM --link CANDIDATE | --create [--name NAME] | --skip | --rename [--name NAME] | --restore
  links                                 the client list
  unlink --quickbooks ID                remove a match (remembered)
  settings [--new-contact-type T] [--push-types "A,B"] [--conflict-policy latest|quickbooks|karbon]
           [--first-link-policy fill-blanks|quickbooks|karbon] [--schedule MINUTES|off] [--fuzzy-review on|off]
${TWOWAY_USAGE}
Options:
  --state FILE      the sync state (created if absent; default ./karbon-qbo-sync.state.json)
  --sandbox URL     use the local sandbox (demo credentials and limits read from it)
                    otherwise the real services, with credentials from the environment
  --json            machine-readable output
`;

export type Command =
  | TwoWayCommand
  | { name: 'run' | 'preview' | 'duplicates' | 'links' | 'history' }
  | { name: 'resolve'; itemId: string; decision: Decision }
  | { name: 'unlink'; quickBooksId: string }
  | { name: 'settings'; patch: SettingsPatch };

export interface Invocation {
  command: Command;
  state: string;
  sandbox: string | null;
  json: boolean;
}

export class UsageError extends Error {}

export function parseCommandLine(argv: string[]): Invocation {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values: v, positionals } = parsed;
  const [name, ...rest] = positionals;
  const command = commandOf(name, rest, v);
  return {
    command,
    state: v.state ?? 'karbon-qbo-sync.state.json',
    sandbox: v.sandbox === undefined ? null : sandboxUrl(v.sandbox),
    json: v.json ?? false,
  };
}

function sandboxUrl(value: string): string {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(
      `--sandbox takes the sandbox's address, such as http://127.0.0.1:8787 (got "${value}")`,
    );
  }
  return value;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      state: { type: 'string' },
      sandbox: { type: 'string' },
      json: { type: 'boolean' },
      link: { type: 'string' },
      create: { type: 'boolean' },
      skip: { type: 'boolean' },
      quickbooks: { type: 'string' },
      'new-contact-type': { type: 'string' },
      'push-types': { type: 'string' },
      'conflict-policy': { type: 'string' },
      'first-link-policy': { type: 'string' },
      schedule: { type: 'string' },
      'fuzzy-review': { type: 'string' },
      type: { type: 'string', multiple: true },
      karbon: { type: 'string', multiple: true },
      name: { type: 'string' },
      rename: { type: 'boolean' },
      restore: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

type Values = ReturnType<typeof parse>['values'];

function commandOf(name: string | undefined, rest: string[], v: Values): Command {
  if (v.help || !name) throw new UsageError(name ? '' : 'Name a command');
  // push, not-in-quickbooks, undo, history RUN: cli/twoway.ts.
  let twoWay: TwoWayCommand | null;
  try {
    twoWay = parseTwoWay(name, rest, v);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (twoWay) return twoWay;
  switch (name) {
    case 'run':
    case 'preview':
    case 'duplicates':
    case 'links':
    case 'history':
      noPositionals(name, rest);
      return { name };
    case 'resolve': {
      const [itemId, ...more] = rest;
      if (!itemId || more.length > 0) throw new UsageError('resolve takes one ITEM id');
      const chosen = [v.link !== undefined, v.create, v.skip, v.rename, v.restore].filter(Boolean).length;
      if (chosen !== 1)
        throw new UsageError(
          'resolve needs exactly one of --link CANDIDATE, --create, --skip, --rename, --restore',
        );
      const named = v.name !== undefined ? { displayName: v.name } : {};
      const decision: Decision =
        v.link !== undefined
          ? { action: 'link', candidateId: v.link }
          : v.create
            ? { action: 'create', ...named }
            : v.rename
              ? { action: 'rename', ...named }
              : v.restore
                ? { action: 'restore' }
                : { action: 'skip' };
      return { name, itemId, decision };
    }
    case 'unlink':
      noPositionals(name, rest);
      if (!v.quickbooks) throw new UsageError('unlink needs --quickbooks ID');
      return { name, quickBooksId: v.quickbooks };
    case 'settings':
      noPositionals(name, rest);
      return { name, patch: settingsPatch(v) };
    default:
      throw new UsageError(`Unknown command "${name}"`);
  }
}

function noPositionals(name: string, rest: string[]): void {
  if (rest.length > 0) throw new UsageError(`${name} takes no arguments (got "${rest.join(' ')}")`);
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (!found) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}`);
  return found;
}

function settingsPatch(v: Values): SettingsPatch {
  const patch: SettingsPatch = {};
  if (v['new-contact-type'] !== undefined) patch.newContactType = v['new-contact-type'];
  if (v['push-types'] !== undefined) {
    patch.pushTypes = v['push-types']
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if (v['conflict-policy'] !== undefined)
    patch.conflictPolicy = oneOf('conflict-policy', v['conflict-policy'], conflictPolicies);
  if (v['first-link-policy'] !== undefined) {
    patch.firstLinkPolicy = oneOf('first-link-policy', v['first-link-policy'], firstLinkPolicies);
  }
  if (v.schedule !== undefined) {
    const minutes = Number(v.schedule);
    if (v.schedule !== 'off' && !(Number.isInteger(minutes) && minutes > 0)) {
      throw new UsageError('--schedule takes a number of minutes or "off"');
    }
    patch.scheduleMinutes = v.schedule === 'off' ? null : minutes;
  }
  if (v['fuzzy-review'] !== undefined)
    patch.fuzzyReview = oneOf('fuzzy-review', v['fuzzy-review'], ['on', 'off']) === 'on';
  return patch;
}
