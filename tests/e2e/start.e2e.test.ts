// The README's main command as a person without a display runs it: `npm start` starts the demo
// sandbox, builds the sandbox extension, says how to load it, and keeps the sandbox running until
// stopped.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitUntil } from './harness';

let child: ChildProcess | null = null;
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'start-e2e-'));

afterAll(() => {
  child?.kill('SIGTERM');
  fs.rmSync(out, { recursive: true, force: true });
});

describe('npm start', () => {
  it('without a display: demo sandbox running, sandbox build made, how to load it said; Ctrl-C stops it', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, WXT_OUT_DIR: out };
    delete env.DISPLAY;
    const started = spawn(process.execPath, ['scripts/start.mjs', '--port', '0'], { env });
    child = started;
    let stdout = '';
    started.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    const exited = new Promise<number | null>((resolve) => started.once('exit', resolve));
    await waitUntil(
      async () => stdout.includes('The sandbox keeps running; Ctrl-C stops it.'),
      'npm start',
      110_000,
    );

    expect(stdout).toContain('No display (DISPLAY is not set): no browser opened.');
    const extensionDir = path.join(out, 'chrome-mv3-sandbox');
    expect(stdout).toContain(`"Load unpacked" → ${extensionDir}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'));
    expect(manifest.host_permissions).toContain('http://127.0.0.1/*');

    const url = /Sandbox ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1] ?? '';
    expect(stdout).toContain(`enter ${url} in Connections`);
    // Still answering after the script has said everything: the demo firm is there.
    const state = (await (await fetch(`${url}/__sandbox/state`)).json()) as { qbo: { Customer: unknown[] } };
    expect(state.qbo.Customer.length).toBeGreaterThan(50);

    started.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/__sandbox/credentials`)).rejects.toThrow();
    child = null;
  });
});
