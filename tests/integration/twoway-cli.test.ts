// The issue-4 commands as an admin runs them: `run`, `push --karbon`, `history --json`, `undo RUN`,
// `not-in-quickbooks`, as real processes against the sandbox (state in a file between commands).
import { describe, expect, it } from 'vitest';
import { runCli, tempState } from './engine-cli-helpers';
import { contact, person } from './engine-firm';
import { sandboxForThisFile } from './engine-world';
import { TwoWayWorld } from './twoway-world';

const sandbox = sandboxForThisFile();

describe('the CLI for two-way sync', () => {
  it('run, then push --karbon, history --json, undo RUN: the pushed customer is made inactive', async () => {
    const world = await TwoWayWorld.start(sandbox, {
      customers: [person('1', 'Ada', 'Lovelace', 'ada@example.com')],
      contacts: [
        contact('Ada', 'Lovelace', ['ada@example.com']),
        contact('Alan', 'Turing', ['alan@example.com'], { ContactType: 'Prospect' }),
      ],
    });
    world.close();
    const state = tempState();
    const common = ['--sandbox', sandbox.url, '--state', state, '--json'];
    const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

    expect((await runCli(['run', ...common])).code).toBe(0);
    const quiet = json((await runCli(['run', ...common])).stdout);
    expect(quiet.requests).toEqual({ quickbooks: 1, karbon: 2 });

    const listed = await runCli(['not-in-quickbooks', '--type', 'Prospect', ...common]);
    const rows = JSON.parse(listed.stdout) as Array<{ key: string; name: string }>;
    expect(rows.map((r) => r.name)).toEqual(['Alan Turing']);

    const pushed = await runCli(['push', '--karbon', rows[0]?.key ?? '', ...common]);
    expect(pushed.code).toBe(0);
    expect(json(pushed.stdout).counts).toMatchObject({ createdInQuickBooks: 1 });
    const alan = (await world.customers()).find((c) => c.DisplayName === 'Alan Turing');
    expect(alan).toBeDefined();

    const history = JSON.parse((await runCli(['history', ...common])).stdout) as Array<{
      id: string;
      trigger: string;
      undoOf: string | null;
    }>;
    expect(history.map((r) => r.trigger)).toEqual(['push', 'cli', 'cli']);
    const pushRun = history[0]?.id ?? '';
    const changes = JSON.parse((await runCli(['history', pushRun, ...common])).stdout) as Array<{
      action: string;
      side: string;
    }>;
    expect(changes).toContainEqual(expect.objectContaining({ action: 'create', side: 'quickbooks' }));

    const undo = await runCli(['undo', pushRun, ...common]);
    expect(undo.code).toBe(0);
    expect(json(undo.stdout)).toMatchObject({ status: 'completed', undoOf: pushRun, removeInKarbon: [] });
    expect((await world.customers()).find((c) => c.Id === alan?.Id)?.Active).toBe(false);
    const after = JSON.parse((await runCli(['history', ...common])).stdout) as Array<{
      trigger: string;
      undoOf: string | null;
    }>;
    expect(after[0]).toMatchObject({ trigger: 'undo', undoOf: pushRun });

    const again = await runCli(['undo', pushRun, ...common]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already undone/);
  }, 60_000);

  it('push --type before and after the first sync, a conflict restored with restore CHANGE, and the errors', async () => {
    const world = await TwoWayWorld.start(sandbox, {
      customers: [person('1', 'Ada', 'Lovelace', 'ada@example.com')],
      contacts: [
        contact('Ada', 'Lovelace', ['ada@example.com']),
        contact('Alan', 'Turing', ['alan@example.com'], { ContactType: 'Prospect' }),
      ],
    });
    const state = tempState();
    const common = ['--sandbox', sandbox.url, '--state', state, '--json'];
    const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;
    // A run's id, as an admin finds it: the newest entry of `history --json`.
    const newestRun = async () =>
      (JSON.parse((await runCli(['history', ...common])).stdout) as Array<{ id: string }>)[0]?.id ?? '';

    const early = await runCli(['push', '--type', 'Prospect', ...common]);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/^Run the first sync before pushing Karbon contacts/m);
    expect((await runCli(['run', ...common])).code).toBe(0);
    const pushed = await runCli(['push', '--type', 'Prospect', ...common]);
    expect(pushed.code).toBe(0);
    expect(json(pushed.stdout)).toMatchObject({ status: 'completed', counts: { createdInQuickBooks: 1 } });
    const pushRun = await newestRun();

    // Both sides edit Ada's phone; QuickBooks wins; the Karbon value is restored from the history.
    expect((await runCli(['settings', '--conflict-policy', 'quickbooks', ...common])).code).toBe(0);
    await world.editCustomer('1', { PrimaryPhone: { FreeFormNumber: '555 1111' } });
    const ada = (await world.karbonKeys())['Ada Lovelace'] ?? '';
    await world.editKarbon('Contacts', ada, (r) => {
      TwoWayWorld.primaryCard(r).PhoneNumbers = [{ Number: '555 2222', Label: 'Work' }];
    });
    const run = json((await runCli(['run', ...common])).stdout);
    expect(run.counts).toMatchObject({ conflicts: 1 });
    const runId = await newestRun();
    const changes = JSON.parse((await runCli(['history', runId, ...common])).stdout) as Array<{
      id: string;
      field: string | null;
      before: unknown;
    }>;
    const lost = changes.find((c) => c.field === 'phoneWork' && c.before === '555 2222');
    expect(lost).toBeDefined();
    const text = await runCli(['history', runId, '--sandbox', sandbox.url, '--state', state]);
    expect(text.stdout).toContain(lost?.id ?? '?');
    const restored = await runCli(['restore', lost?.id ?? '', ...common]);
    expect(restored.code).toBe(0);
    expect(json(restored.stdout)).toMatchObject({
      status: 'completed',
      counts: { updatedInQuickBooks: 1, updatedInKarbon: 1 },
    });
    expect((await world.customer('1')).PrimaryPhone).toEqual({ FreeFormNumber: '555 2222' });

    const pushChanges = JSON.parse((await runCli(['history', pushRun, ...common])).stdout) as Array<{
      id: string;
      action: string;
    }>;
    const created = pushChanges.find((c) => c.action === 'create')?.id ?? '?';
    for (const [args, code, message] of [
      [['undo'], 2, /undo takes one RUN id/],
      [['undo', 'no-such-run'], 1, /^No run no-such-run/m],
      [['restore'], 2, /restore takes one CHANGE id/],
      [['restore', 'no-such-change'], 1, /^No change no-such-change in the history/m],
      [['restore', created], 1, /is a create: only a field's value can be restored/],
      [['push', '--karbon', 'NOSUCHKEY'], 1, /Karbon has no contact or organization NOSUCHKEY/],
    ] as const) {
      const r = await runCli([...args, ...common]);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /u);
    }
    world.close();
  }, 90_000);

  it('refuses bad usage with a sentence', async () => {
    const bad = await runCli(['push', '--state', tempState()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/push needs --type T or --karbon KEY/);
  }, 30_000);
});
