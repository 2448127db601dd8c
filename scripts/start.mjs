#!/usr/bin/env node
// `npm start`: the product on the local sandbox. Starts the sandbox with the demo firm, builds the
// sandbox extension, and opens Chromium with it loaded when a display exists; without one, says
// how to load the extension and keeps the sandbox running until Ctrl-C.
//   npm start                      sandbox on 127.0.0.1:8787 (the extension's default address)
//   npm start -- --port 9000       another port (then enter http://127.0.0.1:9000 in Connections)
//   npm start -- --no-browser      never open a browser
// Environment: WXT_OUT_DIR moves the build (as for `wxt build`); CHROMIUM_PATH picks the browser;
// START_CHROMIUM_PROFILE is the browser profile folder (default .state/chromium-profile);
// START_CHROMIUM_ARGS adds Chromium arguments, separated by spaces (tests/e2e/start-display.e2e.test.ts
// adds --remote-debugging-port=0 to drive the browser this script opens).
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { devtoolsPipe, openWhenExtensionStarts, PIPE_STDIO } from './chromium-pipe.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// WXT_OUT_DIR (read by wxt.config.ts too) moves the build, e.g. for a test beside another checkout's build.
const extensionDir = path.resolve(root, process.env.WXT_OUT_DIR ?? '.output', 'chrome-mv3-sandbox');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const { values } = parseArgs({
  options: { port: { type: 'string', default: '8787' }, 'no-browser': { type: 'boolean', default: false } },
  strict: true,
});

const children = new Set();
function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}
let stopping = false;
/**
 * Stops what this script started (by their process handles), waits for them, then exits; one that
 * has not stopped within 5 s (Chromium saving its profile takes a moment) is killed, so nothing is
 * left running.
 */
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  const waiting = [...children].map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of children) child.kill('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(resolve, 5000));
  Promise.race([Promise.all(waiting), timeout]).then(() => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(code);
  });
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

/** The sandbox with the demo firm; resolves with its URL once it prints that it is ready. */
function startSandbox(port) {
  return new Promise((resolve, reject) => {
    // One process (node + tsx's loader), so stopping it stops the server.
    const child = track(
      spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', '--demo', '--port', port], {
        cwd: root,
      }),
    );
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const ready = /Sandbox ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (ready) resolve(ready[1]);
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('exit', (code) =>
      reject(new Error(`the sandbox stopped (exit code ${code}) before it was ready`)),
    );
  });
}

/** The build's own chatter is shown only when it fails. */
function build() {
  return new Promise((resolve, reject) => {
    const child = track(spawn(bin('wxt'), ['build', '--mode', 'sandbox'], { cwd: root }));
    let log = '';
    child.stdout.on('data', (chunk) => (log += chunk));
    child.stderr.on('data', (chunk) => (log += chunk));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${log}\nthe extension build failed (exit code ${code})`)),
    );
  });
}

/** Chromium names an unpacked extension after its folder: sha256 of the absolute path, 0-f → a-p. */
function extensionIdFor(dir) {
  const hex = crypto.createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return hex.replace(/[0-9a-f]/g, (d) => String.fromCharCode(97 + Number.parseInt(d, 16)));
}

function findBrowser() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  return candidates.find((p) => p && fs.existsSync(p)) ?? null;
}

function howToLoad(sandboxUrl) {
  return [
    '',
    'Load the extension by hand:',
    '  1. Open Chromium or Chrome at chrome://extensions and switch on "Developer mode".',
    `  2. "Load unpacked" → ${extensionDir}`,
    '  3. Click the extension’s toolbar icon → Connect. In Connections:',
    `     sandbox address ${sandboxUrl}, then "Use the sandbox’s demo credentials" (or type them from`,
    `     ${sandboxUrl}/__sandbox/credentials), then "Connect QuickBooks".`,
    '',
    'The sandbox keeps running; Ctrl-C stops it.',
  ].join('\n');
}

try {
  console.log('Starting the sandbox (demo firm) and building the sandbox extension…');
  const [sandboxUrl] = await Promise.all([startSandbox(values.port), build()]);
  console.log(`Sandbox ready at ${sandboxUrl}`);
  console.log(`Extension built at ${extensionDir}`);
  if (sandboxUrl !== 'http://127.0.0.1:8787') {
    console.log(
      `The extension expects http://127.0.0.1:8787 by default: enter ${sandboxUrl} in Connections.`,
    );
  }

  const browser = findBrowser();
  if (values['no-browser'] || !process.env.DISPLAY || !browser) {
    if (!process.env.DISPLAY && !values['no-browser'])
      console.log('No display (DISPLAY is not set): no browser opened.');
    else if (!browser && !values['no-browser'])
      console.log('No Chromium found (set CHROMIUM_PATH): no browser opened.');
    console.log(howToLoad(sandboxUrl));
  } else {
    const profile = path.resolve(
      root,
      process.env.START_CHROMIUM_PROFILE || path.join('.state', 'chromium-profile'),
    );
    fs.mkdirSync(profile, { recursive: true });
    const extraArgs = (process.env.START_CHROMIUM_ARGS ?? '').split(/\s+/).filter(Boolean);
    // Chromium refuses to start as root unless its sandbox is off (crbug.com/638180): containers
    // and CI machines run as root.
    const asRoot = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    const child = track(
      spawn(
        browser,
        [
          `--user-data-dir=${profile}`,
          `--disable-extensions-except=${extensionDir}`,
          `--load-extension=${extensionDir}`,
          '--no-first-run',
          '--no-default-browser-check',
          // Opens Connections once the extension has loaded (chromium-pipe.mjs); Chromium also closes
          // when the pipe does, so it never outlives this script.
          '--remote-debugging-pipe',
          ...asRoot,
          ...extraArgs,
          'about:blank',
        ],
        { stdio: PIPE_STDIO },
      ),
    );
    // Chromium's stderr is noise (D-Bus, GPU) unless it fails to start: keep the end to show then.
    let chromiumLog = '';
    child.stderr.on('data', (chunk) => {
      chromiumLog = (chromiumLog + chunk).slice(-2000);
    });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      if (code !== 0)
        console.error(`${chromiumLog.trim()}\nChromium stopped (${signal ?? `exit code ${code}`}).`);
      else console.log('Chromium closed: stopping the sandbox.');
      stopAll(code === 0 ? 0 : 1);
    });
    const connections = `chrome-extension://${extensionIdFor(extensionDir)}/options.html#connections`;
    const opened = await openWhenExtensionStarts(devtoolsPipe(child), connections, 20_000).catch((error) => {
      console.error(error instanceof Error ? error.message : String(error));
      return false;
    });
    if (opened) {
      console.log(`Chromium opened with the extension (profile ${profile}).`);
      console.log(
        `In Connections: "Use the sandbox’s demo credentials", then "Connect QuickBooks". Closing Chromium stops the sandbox.`,
      );
    } else {
      console.log('Chromium opened, but the extension has not started in it within 20 s.');
      console.log(howToLoad(sandboxUrl));
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  stopAll(1);
}
