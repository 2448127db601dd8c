// A run stopped in the middle of its creates (a CLI process killed with SIGKILL) and resumed: the
// run's counts and its history must say what the run did as a whole, exactly what the sandbox
// shows was written — a record created before the stop and found again by its identifier after
// it is the run's create, not a new link.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, stdoutJson, tempState } from './engine-cli-helpers';
import { PIONEERS, person } from './engine-firm';
import { sandboxForThisFile, World } from './engine-world';

const sandbox = sandboxForThisFile();

interface RunJson {
  status: string;
  counts: Record<string, number>;
  errors: unknown[];
}
interface HistoryRun {
  id: string;
  status: string;
  counts: Record<string, number>;
}
interface ChangeJson {
  action: string;
  side: string;
  quickBooksId: string | null;
  karbonKey: string | null;
}

describe('a run resumed after its process was killed mid-creates', () => {
  it('reports the whole run: every record the sandbox holds is one create in its counts and history, none a link', async () => {
    const customers = PIONEERS.map(([first, last], i) =>
      person(String(i + 1), first, last, `${first.toLowerCase()}@${last.toLowerCase()}.example`),
    );
    const world = await World.start(sandbox, { customers });
    await world.fault({ route: 'POST /karbon/v3/Contacts', slowMs: 250 });
    const state = tempState();
    const common = ['--sandbox', sandbox.url, '--state', state, '--json'];

    // Killed once some creates have landed and the state file holds the running run.
    const killed = await runCli(['run', ...common], {
      hold: (child) => {
        const timer = setInterval(() => {
          void world.routes().then((routes) => {
            let saved = '';
            try {
              saved = readFileSync(state, 'utf8');
            } catch {}
            if ((routes['POST /karbon/v3/Contacts'] ?? 0) >= 9 && saved.includes('"running"')) {
              clearInterval(timer);
              child.kill('SIGKILL');
            }
          });
        }, 25);
      },
    });
    expect(killed.code).toBeNull();
    await new Promise((r) => setTimeout(r, 400)); // creates in flight at the kill land or not
    const landed = (await world.state()).karbon.Contacts.length;
    expect(landed).toBeGreaterThan(0);
    expect(landed).toBeLessThan(20);

    await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    const resumed = await runCli(['run', ...common]);
    expect(resumed.code).toBe(0);
    const report = stdoutJson<RunJson>(resumed);

    const contacts = (await world.state()).karbon.Contacts;
    expect(contacts.map((c) => c.UserDefinedIdentifier).sort()).toEqual(
      customers.map((c) => `QBO-${c.Id}`).sort(),
    );
    expect(report).toMatchObject({ status: 'completed', errors: [] });
    expect(report.counts).toMatchObject({ createdInKarbon: 20, linked: 0, updatedInKarbon: 0, errors: 0 });

    // One run, resumed under its id: its history holds one create per record the sandbox holds.
    const history = stdoutJson<HistoryRun[]>(await runCli(['history', ...common]));
    expect(history).toHaveLength(1);
    const [run] = history;
    expect(run?.counts).toMatchObject({ createdInKarbon: 20, linked: 0 });
    const changes = stdoutJson<ChangeJson[]>(await runCli(['history', run?.id ?? '', ...common]));
    const creates = changes.filter((c) => c.action === 'create');
    expect(creates.every((c) => c.side === 'karbon')).toBe(true);
    expect(creates.map((c) => c.karbonKey).sort()).toEqual(contacts.map((c) => c.ContactKey).sort());
    expect(creates.map((c) => c.quickBooksId).sort()).toEqual(customers.map((c) => c.Id).sort());
    const links = changes.filter((c) => c.action === 'link');
    expect(links.map((c) => c.karbonKey).sort()).toEqual(contacts.map((c) => c.ContactKey).sort());
    expect(changes.filter((c) => c.action === 'update')).toEqual([]);
    await world.close();
  }, 120_000);
});
