// A virtual display (Xvfb) for the test that runs `npm start` as a person with a screen does, and
// the processes a command left behind, read from /proc (Linux).
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface Display {
  /** The DISPLAY value, e.g. ":3". */
  name: string;
  stop(): Promise<void>;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir && fs.existsSync(path.join(dir, command)));
}

/**
 * Starts Xvfb on a display number no one uses: `-displayfd` makes Xvfb choose the first free one
 * and write it once it accepts connections, so two runs at once cannot pick the same number.
 */
export async function startXvfb(): Promise<Display> {
  if (!onPath('Xvfb')) {
    throw new Error(
      'Xvfb is not installed: `apt-get install -y xvfb` (this test opens Chromium on a virtual display)',
    );
  }
  const xvfb: ChildProcess = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => xvfb.once('exit', () => resolve()));
  let log = '';
  xvfb.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  const number = await new Promise<string>((resolve, reject) => {
    let written = '';
    const fd = xvfb.stdio[3];
    if (!fd) return reject(new Error('Xvfb: no pipe for -displayfd'));
    fd.on('data', (chunk) => {
      written += chunk;
      if (written.includes('\n')) resolve(written.trim());
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb stopped (exit code ${code}): ${log}`)));
    setTimeout(() => reject(new Error(`Xvfb did not start within 10 s: ${log}`)), 10_000);
  });
  if (!fs.existsSync(`/tmp/.X11-unix/X${number}`)) {
    throw new Error(`Xvfb said display :${number} but /tmp/.X11-unix/X${number} is not there`);
  }
  return {
    name: `:${number}`,
    async stop() {
      xvfb.kill('SIGTERM');
      await exited;
    },
  };
}

/** A process as /proc tells it: its start time tells it apart from a later one given the same pid. */
export interface Proc {
  pid: number;
  ppid: number;
  startTime: string;
  state: string;
  cmdline: string;
}

function readProc(pid: number): Proc | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    return {
      pid,
      state: fields[0] ?? '',
      ppid: Number(fields[1]),
      startTime: fields[19] ?? '',
      cmdline,
    };
  } catch {
    return null; // gone while being read
  }
}

function allProcs(): Proc[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((p): p is Proc => p !== null);
}

/** Every process started under `pid` (children, their children, …). */
export function descendants(pid: number): Proc[] {
  const procs = allProcs();
  const found: Proc[] = [];
  let parents = new Set([pid]);
  while (parents.size > 0) {
    const next = procs.filter((p) => parents.has(p.ppid));
    found.push(...next);
    parents = new Set(next.map((p) => p.pid));
  }
  return found;
}

/** Still running: the same process (pid and start time) and not a zombie waiting to be reaped. */
export function alive(proc: Proc): boolean {
  const now = readProc(proc.pid);
  return now !== null && now.startTime === proc.startTime && now.state !== 'Z';
}
