// Running the command-line runner as a real process (`node --import tsx cli/main.ts ...`), as an
// admin or a CI job would, for the engine-cli*.test.ts files.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; hold?: (child: ChildProcess) => void } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // One process (the tsx binary would fork a second one a kill would miss).
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
      cwd: process.cwd(),
      env: opts.env ?? { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    opts.hold?.(child);
  });
}

/** The command's `--json` output; otherwise an error showing what it printed instead. */
export function stdoutJson<T = unknown>(r: CliResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
}

export function tempState(): string {
  return join(mkdtempSync(join(tmpdir(), 'engine-cli-')), 'state.json');
}

/** A stack trace line ("    at fn (file:1:2)"): never shown to the person. */
export const STACK_LINE = /^\s+at .+[:(]/mu;
