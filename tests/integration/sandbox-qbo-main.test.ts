// `npm run sandbox` (tsx sandbox/main.ts) as a newcomer runs it: the ready line, --seed, bad input.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const TSX = path.resolve('node_modules/.bin/tsx');
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
});

/** Starts the CLI; resolves with the first stdout line, or the exit code and stderr if it stops. */
function start(args: string[]): Promise<{ line?: string; code?: number | null; stderr: string }> {
  const child = spawn(TSX, ['sandbox/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stdout = '';
  let stderr = '';
  return new Promise((resolve) => {
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const nl = stdout.indexOf('\n');
      if (nl >= 0) resolve({ line: stdout.slice(0, nl), stderr });
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('sandbox/main.ts', () => {
  it('prints exactly "Sandbox ready at http://127.0.0.1:PORT" and serves the demo firm', async () => {
    const { line } = await start(['--port', '0']);
    expect(line).toMatch(/^Sandbox ready at http:\/\/127\.0\.0\.1:\d+$/);
    const url = line?.replace('Sandbox ready at ', '') ?? '';
    const state = (await (await fetch(`${url}/__sandbox/state`)).json()) as {
      qbo: { Customer: unknown[] };
      karbon: { Contacts: unknown[] };
    };
    expect(state.qbo.Customer.length).toBeGreaterThan(100);
    expect(state.karbon.Contacts.length).toBeGreaterThan(100);
  });

  it('--seed loads a state file; --time-scale sets the config', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-seed-'));
    const file = path.join(dir, 'seed.json');
    writeFileSync(
      file,
      JSON.stringify({ qbo: { realmId: '9341455130166501', Customer: [{ DisplayName: 'Seeded Only' }] } }),
    );
    const { line } = await start(['--port', '0', '--seed', file, '--time-scale', '60']);
    const url = line?.replace('Sandbox ready at ', '') ?? '';
    const state = (await (await fetch(`${url}/__sandbox/state`)).json()) as {
      qbo: { Customer: { DisplayName: string }[] };
    };
    expect(state.qbo.Customer.map((c) => c.DisplayName)).toEqual(['Seeded Only']);
    expect(await (await fetch(`${url}/__sandbox/config`)).json()).toMatchObject({ timeScale: 60 });
  });

  it('--generate N is deterministic', async () => {
    const names = async () => {
      const { line } = await start(['--port', '0', '--generate', '50']);
      const url = line?.replace('Sandbox ready at ', '') ?? '';
      const state = (await (await fetch(`${url}/__sandbox/state`)).json()) as {
        qbo: { Customer: { DisplayName: string }[] };
      };
      return state.qbo.Customer.map((c) => c.DisplayName);
    };
    const a = await names();
    expect(a.length).toBeGreaterThan(0);
    expect(await names()).toEqual(a);
  });

  it('refuses a seed the services would refuse, and conflicting options, with a message', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-seed-'));
    const file = path.join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        qbo: { realmId: '1', Customer: [{ DisplayName: 'Same' }], Vendor: [{ DisplayName: 'Same' }] },
      }),
    );
    const bad = await start(['--port', '0', '--seed', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/also used by/);
    const both = await start(['--demo', '--generate', '5']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/choose one/);
  });
});
