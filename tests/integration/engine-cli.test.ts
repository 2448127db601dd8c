// The command-line runner end to end: real processes (`tsx cli/main.ts ...`) against the
// sandbox, the state in a temporary file.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, stdoutJson, tempState } from './engine-cli-helpers';
import { contact, type Firm, person, pioneers } from './engine-firm';
import { sandboxForThisFile, World } from './engine-world';

const sandbox = sandboxForThisFile();

const firm: Firm = {
  customers: pioneers(3), // Ada Lovelace, Alan Turing, Grace Hopper
  contacts: [
    contact('Ada', 'Lovelace', ['ada@example.com']),
    contact('Alan', 'Turing', ['turing@example.com']),
  ],
};

describe('npm run cli', () => {
  it('run → duplicates → resolve → links → unlink → settings, with the documented JSON shapes', async () => {
    const world = await World.start(sandbox, firm);
    const state = tempState();
    const common = ['--sandbox', sandbox.url, '--state', state, '--json'];

    const preview = stdoutJson(await runCli(['preview', ...common])) as Record<string, unknown>;
    // The same shape as `run`, and nothing written to the services.
    expect(Object.keys(preview)).toEqual(['status', 'counts', 'requests', 'duplicates', 'errors']);
    expect(Object.keys(await world.routes()).filter((r) => /^(POST|PUT|PATCH) /u.test(r))).toEqual([]);
    expect(preview).toMatchObject({
      status: 'completed',
      counts: { linked: 1, createdInKarbon: 1, duplicates: 1 },
    });

    const run = await runCli(['run', ...common]);
    expect(run.code).toBe(0);
    const report = stdoutJson(run) as {
      counts: Record<string, number>;
      requests: Record<string, number>;
      duplicates: unknown[];
    };
    expect(Object.keys(report)).toEqual(['status', 'counts', 'requests', 'duplicates', 'errors']);
    expect(Object.keys(report.counts)).toEqual([
      'linked',
      'createdInKarbon',
      'createdInQuickBooks',
      'updatedInKarbon',
      'updatedInQuickBooks',
      'conflicts',
      'duplicates',
      'errors',
    ]);
    expect(report).toMatchObject({
      status: 'completed',
      counts: { linked: 1, createdInKarbon: 1, duplicates: 1, errors: 0 },
      errors: [],
    });
    expect(report.requests.quickbooks).toBeGreaterThan(0);
    expect(report.requests.karbon).toBeGreaterThan(0);
    expect(existsSync(state)).toBe(true);
    expect(existsSync(`${state}.lock`)).toBe(false);

    const keys = await world.karbonKeys();
    const items = stdoutJson(await runCli(['duplicates', '--state', state, '--json'])) as Array<
      Record<string, unknown>
    >;
    expect(items).toEqual([
      {
        id: expect.any(String),
        origin: 'quickbooks',
        sourceId: '2',
        name: 'Alan Turing',
        email: 'alan@example.com',
        candidates: [
          { id: keys['Alan Turing'], name: 'Alan Turing', email: 'turing@example.com', reasons: ['name'] },
        ],
      },
    ]);
    const itemId = String(items[0]?.id);
    const resolved = stdoutJson(
      await runCli(['resolve', itemId, '--link', String(keys['Alan Turing']), ...common]),
    );
    expect(resolved).toMatchObject({ status: 'completed', errors: [] });

    const links = stdoutJson(await runCli(['links', '--state', state, '--json'])) as Array<
      Record<string, unknown>
    >;
    // Issue 3's shape, key for key: {"quickbooksId","karbonKey","karbonKind","linkedBy"}.
    expect(links).toEqual(
      expect.arrayContaining([
        { quickbooksId: '1', karbonKey: keys['Ada Lovelace'], karbonKind: 'contact', linkedBy: 'auto' },
        { quickbooksId: '2', karbonKey: keys['Alan Turing'], karbonKind: 'contact', linkedBy: 'person' },
      ]),
    );
    for (const link of links)
      expect(Object.keys(link)).toEqual(['quickbooksId', 'karbonKey', 'karbonKind', 'linkedBy']);
    expect(links).toHaveLength(3);
    expect(stdoutJson(await runCli(['duplicates', '--state', state, '--json']))).toEqual([]);

    expect(
      stdoutJson(await runCli(['unlink', '--quickbooks', '2', '--state', state, '--json'])),
    ).toMatchObject({
      status: 'completed',
    });
    expect(stdoutJson(await runCli(['links', '--state', state, '--json']))).toHaveLength(2);

    const settings = stdoutJson(
      await runCli([
        'settings',
        '--new-contact-type',
        'Prospect',
        '--push-types',
        'Client, Prospect',
        '--conflict-policy',
        'karbon',
        '--state',
        state,
        '--json',
      ]),
    );
    expect(settings).toMatchObject({
      newContactType: 'Prospect',
      pushTypes: ['Client', 'Prospect'],
      conflictPolicy: 'karbon',
    });
    expect(stdoutJson(await runCli(['settings', '--state', state, '--json']))).toMatchObject({
      newContactType: 'Prospect',
    });
    await world.close();
  }, 120_000);

  it('without --json it prints a readable summary; bad usage exits 2 with the usage', async () => {
    await World.start(sandbox, firm);
    const state = tempState();
    const run = await runCli(['run', '--sandbox', sandbox.url, '--state', state]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Sync completed: 1 linked, 1 created in Karbon/m);
    expect(run.stdout).toMatch(/Resolve duplicates \(1\):/);
    // Progress on stderr (a line per phase when not on a terminal), the summary alone on stdout.
    expect(run.stderr).toMatch(/^Reading QuickBooks customers/m);
    expect(run.stderr).toMatch(/^Linking \d+\/\d+$/m);
    expect(run.stderr).toMatch(/^Creating in Karbon \d+\/\d+$/m);
    expect(run.stdout).not.toMatch(/Reading QuickBooks customers/);
    const bad = await runCli(['resolve', 'x', '--create', '--skip', '--state', state]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/exactly one of --link CANDIDATE, --create, --skip/);
  }, 60_000);

  it('resolve --create and --skip from the command line; `requests` is exactly what the services saw', async () => {
    const world = await World.start(sandbox, {
      customers: [
        person('1', 'Alan', 'Turing', 'alan@example.com'),
        person('2', 'Grace', 'Hopper', 'grace@example.com'),
      ],
      contacts: [
        contact('Alan', 'Turing', ['turing@example.com']),
        contact('Grace', 'Hopper', ['hopper@example.com']),
      ],
    });
    const state = tempState();
    const common = ['--sandbox', sandbox.url, '--state', state, '--json'];
    await world.resetRequests();
    const run = stdoutJson(await runCli(['run', ...common])) as {
      requests: { quickbooks: number; karbon: number };
    };
    const seen = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as {
      byService: { qbo: number; karbon: number; intuit: number };
    };
    // Token refreshes go to Intuit on QuickBooks' behalf and count under QuickBooks.
    expect(run.requests).toEqual({
      quickbooks: seen.byService.qbo + seen.byService.intuit,
      karbon: seen.byService.karbon,
    });

    const items = stdoutJson(await runCli(['duplicates', '--state', state, '--json'])) as Array<{
      id: string;
      sourceId: string;
    }>;
    const alan = items.find((i) => i.sourceId === '1')?.id ?? '';
    const grace = items.find((i) => i.sourceId === '2')?.id ?? '';
    expect(stdoutJson(await runCli(['resolve', alan, '--create', ...common]))).toMatchObject({
      status: 'completed',
      counts: { createdInKarbon: 1 },
      errors: [],
    });
    expect(stdoutJson(await runCli(['resolve', grace, '--skip', ...common]))).toMatchObject({
      status: 'completed',
      errors: [],
    });
    expect(stdoutJson(await runCli(['duplicates', '--state', state, '--json']))).toEqual([]);
    const karbon = (await world.state()).karbon.Contacts;
    expect(karbon.filter((c) => c.UserDefinedIdentifier === 'QBO-1')).toHaveLength(1);
    expect(karbon).toHaveLength(3);
    // Skipped: a second run leaves it out and writes nothing.
    expect(stdoutJson(await runCli(['run', ...common]))).toMatchObject({
      counts: { duplicates: 0, createdInKarbon: 0 },
    });
    expect(stdoutJson(await runCli(['links', '--state', state, '--json']))).toEqual([
      { quickbooksId: '1', karbonKey: expect.any(String), karbonKind: 'contact', linkedBy: 'person' },
    ]);
    // A decision on an item already decided: one sentence, exit 1, nothing written.
    const stale = await runCli(['resolve', alan, '--create', ...common]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/^No duplicate item .+ is waiting\.?\n$/u);
    await world.close();
  }, 120_000);

  it('a second process on the same state file is refused while the first runs', async () => {
    await World.start(sandbox, firm);
    await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ route: 'GET /qbo', slowMs: 3000, count: 1 }),
    });
    const state = tempState();
    const first = runCli(['run', '--sandbox', sandbox.url, '--state', state, '--json']);
    await waitFor(() => existsSync(`${state}.lock`));
    const second = await runCli(['run', '--sandbox', sandbox.url, '--state', state, '--json']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/Another sync \(process \d+\) is using/);
    expect((await first).code).toBe(0);
  }, 60_000);

  it('a process killed in the middle of a run, then run again, creates every contact exactly once', async () => {
    const customers = pioneers(12);
    const world = await World.start(sandbox, { customers });
    await world.fault({ route: 'POST /karbon/v3/Contacts', slowMs: 150 });
    const state = tempState();
    const killed = await runCli(['run', '--sandbox', sandbox.url, '--state', state, '--json'], {
      hold: (child) => {
        const timer = setInterval(() => {
          void world.routes().then((routes) => {
            if ((routes['POST /karbon/v3/Contacts'] ?? 0) >= 4) {
              clearInterval(timer);
              child.kill('SIGKILL');
            }
          });
        }, 25);
      },
    });
    expect(killed.code).toBeNull();
    const before = (await world.state()).karbon.Contacts.length;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(12);

    await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    const again = await runCli(['run', '--sandbox', sandbox.url, '--state', state, '--json']);
    expect(again.code).toBe(0);
    const contacts = (await world.state()).karbon.Contacts;
    const identifiers = contacts.map((c) => c.UserDefinedIdentifier).sort();
    expect(identifiers).toEqual(customers.map((c) => `QBO-${c.Id}`).sort());
    const links = stdoutJson(await runCli(['links', '--state', state, '--json'])) as unknown[];
    expect(links).toHaveLength(12);
    expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({ format: 'karbon-qbo-sync/state' });
  }, 120_000);
});

async function waitFor(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out waiting');
}
