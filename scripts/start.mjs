#!/usr/bin/env node
// `npm start`: the product on the local sandbox. Starts the sandbox with the demo firm, builds the
// sandbox extension, and opens Chromium with it loaded when a display exists; without one, says
// how to load the extension and keeps the sandbox running until Ctrl-C.
//   npm start                      sandbox on 127.0.0.1:8787 (the extension's default address)
//   npm start -- --port 9000       another port (then enter http://127.0.0.1:9000 in Connections)
//   npm start -- --no-browser      never open a browser
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

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
/** Stops what this script started (by their process handles), waits for them, then exits. */
function stopAll(code) {
  const waiting = [...children].map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of children) child.kill('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(resolve, 3000));
  Promise.race([Promise.all(waiting), timeout]).then(() => process.exit(code));
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
    const profile = path.join(root, '.state', 'chromium-profile');
    fs.mkdirSync(profile, { recursive: true });
    const id = extensionIdFor(extensionDir);
    const child = track(
      spawn(
        browser,
        [
          `--user-data-dir=${profile}`,
          `--disable-extensions-except=${extensionDir}`,
          `--load-extension=${extensionDir}`,
          '--no-first-run',
          '--no-default-browser-check',
          `chrome-extension://${id}/options.html#connections`,
        ],
        { stdio: 'ignore' },
      ),
    );
    console.log(`Chromium opened with the extension (profile ${profile}).`);
    console.log(
      `In Connections: "Use the sandbox’s demo credentials", then "Connect QuickBooks". Closing Chromium stops the sandbox.`,
    );
    child.on('exit', () => stopAll(0));
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  stopAll(1);
}
