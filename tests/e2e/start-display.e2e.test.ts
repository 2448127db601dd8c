// The README's main command as a person with a screen runs it: `npm start` opens Chromium with the
// sandbox extension loaded at Connections, where the README's steps connect both sides to the
// sandbox it started; Ctrl-C, or closing Chromium, stops everything it started. The screen is a
// virtual one (Xvfb); Chromium is the one start.mjs opens, driven over the DevTools protocol
// (START_CHROMIUM_ARGS=--remote-debugging-port=0), with a profile of its own (START_CHROMIUM_PROFILE).
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, type Display, descendants, type Proc, startXvfb } from './display';
import { waitUntil } from './harness';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'start-display-e2e-'));
let display: Display | null = null;
const started: ChildProcess[] = [];
const seen: Proc[] = [];

/** Everything npm start has running now (kept, so a failed test's leftovers are stopped at the end). */
function processTree(child: ChildProcess): Proc[] {
  const tree = descendants(child.pid ?? -1);
  seen.push(...tree);
  return tree;
}

beforeAll(async () => {
  display = await startXvfb();
});

afterAll(async () => {
  // A failed test may leave npm start, or what it started, running: stop them.
  for (const child of started) if (child.exitCode === null && child.signalCode === null) processTree(child);
  for (const p of seen.filter(alive)) process.kill(p.pid, 'SIGKILL');
  for (const child of started) child.kill('SIGKILL');
  await display?.stop();
  fs.rmSync(temp, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  sandboxUrl: string;
  profile: string;
  browser: Browser;
  context: BrowserContext;
}

/** Resolves with `find()`'s first value; fails at once, with what it said, if npm start stops first. */
async function whileRunning<T>(
  run: { exited: Promise<number | null>; output(): string },
  find: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs: number,
): Promise<T> {
  let stopped: number | null | undefined;
  void run.exited.then((code) => {
    stopped = code;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await find();
    if (value !== undefined) return value;
    if (stopped !== undefined) {
      throw new Error(`npm start stopped (exit code ${stopped}) before ${what}:\n${run.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}:\n${run.output()}`);
}

async function startWithDisplay(name: string): Promise<Run> {
  if (!display) throw new Error('no display');
  const profile = path.join(temp, name, 'profile');
  const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0'], {
    env: {
      ...process.env,
      DISPLAY: display.name,
      WXT_OUT_DIR: path.join(temp, name, 'out'),
      START_CHROMIUM_PROFILE: profile,
      START_CHROMIUM_ARGS: '--remote-debugging-port=0',
    },
  });
  started.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const run = { exited, output: () => output };

  await whileRunning(
    run,
    () => {
      if (output.includes('the extension has not started'))
        throw new Error(`Chromium without the extension:\n${output}`);
      return output.includes(`Chromium opened with the extension (profile ${profile}).`) ? true : undefined;
    },
    'Chromium to be opened',
    110_000,
  );
  // Chromium writes the port it listens on (0 = any free one) into the profile once it is up.
  const port = await whileRunning(
    run,
    () => {
      const file = path.join(profile, 'DevToolsActivePort');
      const first = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n')[0] : '';
      return first ? first : undefined;
    },
    'Chromium’s DevTools port',
    30_000,
  );
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0];
  if (!context) throw new Error('Chromium has no default context');
  const sandboxUrl = /Sandbox ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
  return { child, ...run, sandboxUrl, profile, browser, context };
}

/** The browser process npm start opened (its helpers have a --type), known by its profile. */
function chromiumOf(tree: Proc[], profile: string): Proc | undefined {
  return tree.find((p) => p.cmdline.includes(`--user-data-dir=${profile}`) && !p.cmdline.includes('--type='));
}

/** What of `tree` has not stopped within 5 s (Chromium's helpers end just after it). */
async function stillRunning(tree: Proc[]): Promise<string[]> {
  await waitUntil(async () => tree.every((p) => !alive(p)), 'processes to stop', 5_000).catch(
    () => undefined,
  );
  return tree.filter(alive).map((p) => `${p.pid} ${p.cmdline.slice(0, 100)}`);
}

function collectErrors(page: Page, errors: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
}

describe('npm start with a display', () => {
  it('opens Chromium with the extension at Connections; the README’s steps connect both sides to its sandbox; Ctrl-C stops Chromium and the sandbox', async () => {
    const run = await startWithDisplay('ctrl-c');
    const { context } = run;

    // The tab npm start opened is the extension's own Connections page: it exists only when
    // Chromium loaded the extension (an id Chromium does not know is an error page).
    const options = await whileRunning(
      run,
      () =>
        context
          .pages()
          .find((p) => /^chrome-extension:\/\/[a-p]{32}\/options\.html#connections$/.test(p.url())),
      'the Connections tab npm start opens',
      30_000,
    );
    const extensionId = new URL(options.url()).host;
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ??
      (await context.waitForEvent('serviceworker', {
        predicate: (w) => w.url().startsWith(`chrome-extension://${extensionId}/`),
        timeout: 15_000,
      }));
    expect(worker.url()).toBe(`chrome-extension://${extensionId}/background.js`);
    const errors: string[] = [];
    collectErrors(options, errors);
    await options.getByRole('heading', { name: 'QuickBooks Online' }).waitFor({ timeout: 15_000 });

    // As start.mjs tells the person: the sandbox's address (port 0 here, so not the default), "Use
    // the sandbox's demo credentials" (connects Karbon), then "Connect QuickBooks".
    await options.getByLabel('Sandbox address').fill(run.sandboxUrl);
    await options.getByRole('button', { name: 'Save environment' }).click();
    await waitUntil(
      () => options.getByRole('button', { name: 'Save environment' }).isDisabled(),
      'the sandbox address to be saved',
    );
    await options.getByRole('button', { name: 'Use the sandbox’s demo credentials' }).click();
    await options.getByTestId('karbon-state').getByText('Connected to').waitFor();
    // The demo sandbox approves Intuit's consent at once (no page to click).
    await options.getByRole('button', { name: 'Connect QuickBooks' }).click();
    await options.getByTestId('quickbooks-state').getByText('Connected to').waitFor();

    const popup = await context.newPage();
    collectErrors(popup, errors);
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.getByRole('button', { name: 'Preview first sync' }).waitFor();
    expect(errors).toEqual([]);

    const tree = processTree(run.child);
    const browserProcess = chromiumOf(tree, run.profile);
    expect(browserProcess, 'Chromium started by npm start').toBeDefined();
    if (!browserProcess) return;
    await run.browser.close(); // over CDP this only disconnects the test
    expect(alive(browserProcess), 'Chromium still open after the test let go of it').toBe(true);

    // Ctrl-C to npm start alone (not its whole process group, as a terminal would): it must stop
    // Chromium and the sandbox itself.
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(await stillRunning(tree)).toEqual([]);
    await expect(fetch(`${run.sandboxUrl}/__sandbox/credentials`)).rejects.toThrow();
  });

  it('closing Chromium stops the sandbox: npm start says so and ends', async () => {
    const run = await startWithDisplay('close');
    const tree = processTree(run.child);
    expect(chromiumOf(tree, run.profile), 'Chromium started by npm start').toBeDefined();
    expect(await (await fetch(`${run.sandboxUrl}/__sandbox/credentials`)).json()).toHaveProperty('intuit');

    const cdp = await run.browser.newBrowserCDPSession();
    await cdp.send('Browser.close').catch(() => undefined); // the connection may drop before it answers
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('Chromium closed: stopping the sandbox.');
    expect(await stillRunning(tree)).toEqual([]);
    await expect(fetch(`${run.sandboxUrl}/__sandbox/credentials`)).rejects.toThrow();
  });
});
