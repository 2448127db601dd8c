// "No layout jumps" (ui.md), measured: Chromium's layout-shift entries (the Cumulative Layout
// Shift of web vitals) while the popup and each options section load their data, and while a run's
// progress updates in pages that are only watching. Shifts a person's own click causes are not
// counted (hadRecentInput), as in CLS.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBoth, syncNowFromPopup } from './flows';
import { type Launched, launchExtension, waitUntil, withTimeout } from './harness';
import { type E2ESandbox, startE2ESandbox } from './sandbox';
import { fillerCustomers, seedState } from './seed';
import { recordLayoutShifts, type Shift, shiftReport, unexpectedShifts } from './shifts';

/** "Good" CLS is below 0.1; here nothing should move at all, so a tenth of that is the bar. */
const MAX_SHIFT = 0.01;
const SECTIONS = ['connections', 'settings', 'preview', 'resolve', 'clients', 'history', 'backup'];

let sandbox: E2ESandbox;
let ext: Launched;

/** Sandbox builds honour a schedule in seconds (unpacked extensions allow 1 s alarms); null: back to the settings. */
async function setTestSchedule(seconds: number | null): Promise<void> {
  const sw = await ext.worker();
  await withTimeout(
    sw.evaluate(
      (s) =>
        (
          globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }
        ).chrome.storage.local.set({ testScheduleSeconds: s }),
      seconds,
    ),
    5_000,
    'the service worker',
  );
}

/** Waits until the page shows no loading words and the network has been quiet a moment. */
async function settled(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  // Loading words in the window (a card further down reads its records when it comes into view).
  const busy = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.children.length === 0 && /^(Loading|Reading)\b/.test(el.textContent?.trim() ?? ''))
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;
        })
        .map((el) => el.textContent?.trim() ?? ''),
    );
  await waitUntil(async () => (await busy()).length === 0, 'the page to finish loading', 30_000).catch(
    async (e: unknown) => {
      throw new Error(`${page.url()} still says: ${(await busy()).join(' | ')}`, { cause: e });
    },
  );
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(600);
}

/**
 * History lists runs newest first (ui.md), live: a run starting takes its place at the top and the
 * runs below make room for it, each by the same height, once. That is the run the person is
 * waiting for, not a jump; anything else moving is.
 */
const newRunOnTop = (s: Shift) =>
  s.sources.length > 0 &&
  s.sources.every(
    (src) => src.node.startsWith('<li.card>') && src.x[0] === src.x[1] && src.y[1] > src.y[0],
  ) &&
  new Set(s.sources.map((src) => src.y[1] - src.y[0])).size === 1;

/** Every page that moved more than the bar, with what moved (all of them, not only the first). */
async function jumps(pages: Array<[string, Page]>, opts: { newRuns?: number } = {}): Promise<string[]> {
  const found: string[] = [];
  for (const [what, page] of pages) {
    const all = await unexpectedShifts(page);
    const inserted = opts.newRuns ? all.shifts.filter(newRunOnTop) : [];
    const rest = all.shifts.filter((s) => !inserted.includes(s));
    const score = rest.reduce((sum, s) => sum + s.value, 0);
    if (score >= MAX_SHIFT || inserted.length > (opts.newRuns ?? 0))
      found.push(`${what}: ${shiftReport(all)}`);
  }
  return found;
}

beforeAll(async () => {
  sandbox = await startE2ESandbox({ config: { consent: 'page', latencyMs: 60 } });
  const state = seedState(sandbox.credentials.qbo.realmId);
  state.qbo.Customer.push(...fillerCustomers('Shift', 20));
  await sandbox.control('PUT', 'state', state);
  ext = await launchExtension();
  await recordLayoutShifts(ext.context);
  (await connectBoth(ext, sandbox)).close();
});
afterAll(async () => {
  await ext?.close();
  await sandbox?.close();
});

describe('no layout jumps, measured in Chromium', () => {
  it('before the first sync: the popup, and Preview computing by itself', async () => {
    const popup = await ext.page('popup.html');
    await popup.getByRole('button', { name: 'Preview first sync' }).waitFor();
    await settled(popup);
    const preview = await ext.page('options.html', { hash: 'preview' });
    await preview.getByTestId('preview-totals').waitFor({ timeout: 30_000 });
    await settled(preview);
    expect(
      await jumps([
        ['popup, never synced', popup],
        ['preview before the first sync', preview],
      ]),
    ).toEqual([]);
    await popup.close();
    await preview.close();
  });

  it('every options section and the popup, loading after a sync', async () => {
    await syncNowFromPopup(ext);
    const pages: Array<[string, Page]> = [];
    for (const dark of [false, true]) {
      const popup = await ext.page('popup.html', { dark });
      await popup.getByRole('button', { name: 'Sync Now' }).waitFor();
      await settled(popup);
      pages.push([`popup, idle${dark ? ', dark' : ''}`, popup]);
    }
    for (const hash of SECTIONS) {
      const page = await ext.page('options.html', { hash });
      await settled(page);
      pages.push([hash, page]);
    }
    expect(await jumps(pages)).toEqual([]);
    for (const [, page] of pages) await page.close();
  });

  it('while a run works: the popup and the options page watching its progress', async () => {
    await sandbox.control('PUT', 'config', { latencyMs: 150 });
    const found: string[] = [];
    let n = 0;
    for (const [file, hash] of [
      ['popup.html', undefined],
      ['options.html', 'history'],
      ['options.html', 'clients'],
      ['options.html', 'resolve'],
    ] as const) {
      const page = await ext.page(file, { hash });
      // Only the page in front is drawn (and so measured) in headless Chromium.
      await page.bringToFront();
      await settled(page);
      for (const family of ['Alpha', 'Bravo', 'Charlie']) {
        n += 1;
        await sandbox.createCustomer(
          'Runner',
          `${family}${n}`,
          `runner.${family}${n}@example.com`.toLowerCase(),
        );
      }
      // The schedule starts the run: nobody presses anything in the page being measured.
      await setTestSchedule(1);
      const words = page.getByTestId('progress-words');
      await words.waitFor({ timeout: 30_000 });
      await setTestSchedule(null);
      await waitUntil(async () => (await words.count()) === 0, 'the run to finish', 60_000);
      await page.waitForTimeout(600);
      found.push(
        ...(await jumps([[`${file}${hash ? `#${hash}` : ''} during a run`, page]], {
          newRuns: hash === 'history' ? 1 : 0,
        })),
      );
      await page.close();
    }
    await sandbox.control('PUT', 'config', { latencyMs: 60 });
    expect(found).toEqual([]);
  });

  it('no console errors in any page or the service worker', () => {
    expect(ext.errors).toEqual([]);
  });
});
