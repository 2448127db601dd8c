// Launches the built sandbox extension in Debian's Chromium (recipe: shared/spec/extension-platform.md §3)
// and collects every console error of its pages and service worker, so each test can assert none.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

export const EXTENSION_DIR = path.resolve(process.env.E2E_EXTENSION_DIR ?? '.output/chrome-mv3-sandbox');
export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
  errors: string[];
  page(
    file: 'popup.html' | 'options.html',
    opts?: { hash?: string; dark?: boolean; width?: number },
  ): Promise<Page>;
  close(): Promise<void>;
}

// Chromium's own noise that says nothing about the extension.
const IGNORED = [/Unchecked runtime\.lastError: The message port closed/, /favicon\.ico/];

export async function launchExtension(): Promise<Launched> {
  if (!fs.existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No build at ${EXTENSION_DIR}: run \`npm run build:sandbox\` first`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ext-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const errors: string[] = [];
  const record = (where: string, text: string) => {
    if (!IGNORED.some((re) => re.test(text))) errors.push(`${where}: ${text}`);
  };
  // The extension's pages only: a web page's own noise (the sandbox's consent page, a 404 for its
  // favicon) says nothing about the extension.
  const ours = (p: Page) => p.url().startsWith('chrome-extension://');
  const watchPage = (p: Page) => {
    p.on('console', (m) => {
      if (m.type() === 'error' && ours(p)) record(p.url(), m.text());
    });
    p.on('pageerror', (e) => {
      if (ours(p)) record(p.url(), e.message);
    });
  };
  context.on('page', watchPage);

  let sw = context.serviceWorkers()[0];
  if (!sw) sw = await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const watchWorker = (w: Worker) =>
    w.on('console', (m) => {
      if (m.type() === 'error') record('service worker', m.text());
    });
  watchWorker(sw);
  context.on('serviceworker', watchWorker);
  const extensionId = new URL(sw.url()).host;

  return {
    context,
    extensionId,
    errors,
    async worker() {
      const current = context.serviceWorkers().find((w) => w.url().includes(extensionId));
      return current ?? context.waitForEvent('serviceworker', { timeout: 15_000 });
    },
    async page(file, opts = {}) {
      const p = await context.newPage();
      await p.emulateMedia({ colorScheme: opts.dark ? 'dark' : 'light' });
      await p.setViewportSize({ width: opts.width ?? (file === 'popup.html' ? 360 : 1200), height: 800 });
      await p.goto(`chrome-extension://${extensionId}/${file}${opts.hash ? `#${opts.hash}` : ''}`);
      return p;
    },
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A screenshot kept as a test artifact (test-results/screenshots/<name>.png): the popup's own
 * box (the toolbar popup sizes to its content), or the whole options page.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  if (page.url().includes('/popup.html')) await page.locator('main').screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage: true });
}

/** Stops the extension's service worker through CDP (Chromium never idles it while Playwright is attached). */
export async function stopServiceWorker(launched: Launched, anyExtensionPage: Page): Promise<void> {
  const cdp = await launched.context.newCDPSession(anyExtensionPage);
  const versions = new Map<string, { versionId: string; scriptURL: string; runningStatus: string }>();
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) versions.set(v.versionId, v);
  });
  await cdp.send('ServiceWorker.enable');
  const deadline = Date.now() + 5_000;
  let running: { versionId: string } | undefined;
  while (!running && Date.now() < deadline) {
    running = [...versions.values()].find(
      (v) => v.scriptURL.includes(launched.extensionId) && v.runningStatus === 'running',
    );
    if (!running) await new Promise((r) => setTimeout(r, 50));
  }
  if (!running) throw new Error('The extension’s service worker is not running');
  await cdp.send('ServiceWorker.stopWorker', { versionId: running.versionId });
  while (Date.now() < deadline + 5_000) {
    const v = versions.get(running.versionId);
    if (v?.runningStatus === 'stopped') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await cdp.detach();
}

/** `worker.evaluate` hangs on a stopped worker (extension-platform.md pitfall 13): race a timeout. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls until `check` is true (usable in hooks, where vitest's expect.poll is not). */
export async function waitUntil(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
