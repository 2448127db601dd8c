// "No spinner without words; no blank screen while loading; errors say what to do next" (ui.md),
// with the services gone: a synced firm, then the sandbox stopped (QuickBooks and Karbon
// unreachable) and every section of the options page and the popup opened and used. Each shows
// its words while it waits, never stays blank, and each error sentence says what to do.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncedFirm } from './flows';
import { type Launched, screenshot, stopServiceWorker, waitUntil } from './harness';
import { allLayoutProblems } from './layout';
import type { E2ESandbox } from './sandbox';

let sandbox: E2ESandbox;
let ext: Launched;

/** What a sentence that tells the person what to do next contains. */
const NEXT_STEP =
  /try again|press|check|reconnect|update|connect|sync now|sync again|correct|remove|report|will retry|restore|choose/i;

interface Seen {
  /** Loading words seen before the section settled (never none while it waited). */
  waiting: string[];
  /** Milliseconds until the section had its content or its error. */
  ms: number;
}

/** Waits for the page's loading words to go, noting them; fails when something waits without words. */
async function settle(page: Page, what: string): Promise<Seen> {
  const started = Date.now();
  const waiting = new Set<string>();
  await waitUntil(
    async () => {
      const state = await page.evaluate(() => {
        const main = document.querySelector('main');
        const text = (main?.textContent ?? '').replace(/\s+/g, ' ').trim();
        const busy = [...document.querySelectorAll('p, span, button')]
          .map((el) => el.textContent?.trim() ?? '')
          .filter((t) => /^(Loading|Reading|Preparing|Checking|Waiting)\b/.test(t));
        // A bar or busy region with nothing to read beside it is a spinner without words.
        const wordless = [...document.querySelectorAll('[role="progressbar"], [aria-busy="true"]')].filter(
          (el) => !(el.getAttribute('aria-valuetext') && el.parentElement?.textContent?.trim()),
        ).length;
        return { text, busy, wordless };
      });
      if (state.wordless > 0)
        throw new Error(`${what}: ${state.wordless} progress indicator(s) without words`);
      if (state.text.length < 20) throw new Error(`${what}: the page is blank ("${state.text}")`);
      for (const b of state.busy) waiting.add(b);
      return state.busy.length === 0;
    },
    `${what} to settle`,
    60_000,
  );
  return { waiting: [...waiting], ms: Date.now() - started };
}

/** Error sentences on the page that do not say what to do next. */
async function errorsWithoutNextStep(page: Page): Promise<string[]> {
  const errors = await page.locator('.error-text, [role="alert"]').allTextContents();
  return errors.map((e) => e.trim()).filter((e) => e && !NEXT_STEP.test(e));
}

beforeAll(async () => {
  ({ sandbox, ext } = await syncedFirm(20));
});
afterAll(async () => {
  await ext?.close();
});

/** "…could not be reached: check that the sandbox is running at http://127.0.0.1:…, then try again." */
const UNREACHABLE =
  /(QuickBooks|Karbon) could not be reached: check that the sandbox is running at http:\/\/127\.0\.0\.1:\d+, then try again\./;

describe('with QuickBooks and Karbon slow, then unreachable, in Chromium', () => {
  it('a Karbon that takes 20 s to answer does not hold Contact Sync Settings back', async () => {
    await sandbox.control('PUT', 'config', { latencyMs: 20_000 });
    // A new worker has not asked Karbon for its Contact Types yet (the answer is kept once read).
    const any = await ext.page('options.html', { hash: 'backup' });
    await stopServiceWorker(ext, any);
    await any.close();
    const page = await ext.page('options.html', { hash: 'settings' });
    const started = Date.now();
    // The Contact Types saved when Karbon was connected, while Karbon's own list is late.
    await page.getByRole('checkbox', { name: 'Prospect' }).waitFor({ timeout: 10_000 });
    expect(Date.now() - started).toBeLessThan(6_000);
    await page.close();
    // QuickBooks and Karbon gone (the sandbox stopped): every request is refused from now on.
    await sandbox.close();
  });

  it('every options section opens with words, then its content or an error saying what to do', async () => {
    const problems: string[] = [];
    for (const hash of ['connections', 'settings', 'preview', 'resolve', 'clients', 'history', 'backup']) {
      const page = await ext.page('options.html', { hash });
      const seen = await settle(page, hash);
      // The section's own data are in the browser: nothing waits long on the services.
      if (seen.ms > 8_000) problems.push(`${hash}: ${seen.ms} ms before anything but "${seen.waiting}"`);
      problems.push(...(await errorsWithoutNextStep(page)).map((e) => `${hash}: "${e}"`));
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it('Resolve Duplicates: each card says its records could not be read, why, and offers Try again', async () => {
    const page = await ext.page('options.html', { hash: 'resolve' });
    await settle(page, 'resolve');
    const cards = page.getByTestId('duplicate-card');
    expect(await cards.count()).toBe(3);
    for (const card of await cards.all()) {
      expect(await card.textContent()).toMatch(
        new RegExp(`Could not read the records to compare every field: ${UNREACHABLE.source}`),
      );
      await card.getByRole('button', { name: 'Try again' }).waitFor();
    }
    expect(await errorsWithoutNextStep(page)).toEqual([]);
    await screenshot(page, 'options-resolve-unreachable-light');
    expect(await allLayoutProblems(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'options-resolve-unreachable-dark');
    await page.close();
  });

  it('Preview and Not in QuickBooks, asked for: the service that did not answer and what to do', async () => {
    const preview = await ext.page('options.html', { hash: 'preview' });
    await preview.getByRole('button', { name: 'Preview the next sync' }).click();
    const error = preview.getByRole('alert');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toMatch(new RegExp(`^${UNREACHABLE.source}$`));
    expect(await errorsWithoutNextStep(preview)).toEqual([]);
    await screenshot(preview, 'options-preview-unreachable-light');
    await preview.emulateMedia({ colorScheme: 'dark' });
    await screenshot(preview, 'options-preview-unreachable-dark');
    await preview.close();

    const clients = await ext.page('options.html', { hash: 'clients' });
    await clients.getByRole('tab', { name: 'Not in QuickBooks' }).click();
    await clients.getByRole('button', { name: 'Read Karbon’s list' }).click();
    await clients.getByRole('alert').getByText(UNREACHABLE).waitFor({ timeout: 60_000 });
    expect(await errorsWithoutNextStep(clients)).toEqual([]);
    await clients.close();
  });

  it('the popup: Sync Now fails with a strip naming the service and when the schedule retries', async () => {
    const popup = await ext.page('popup.html');
    await settle(popup, 'popup');
    await popup.getByRole('button', { name: 'Sync Now' }).click();
    const line = popup.locator('.strip-text').filter({ hasText: 'Last run failed:' });
    await line.waitFor({ timeout: 60_000 });
    expect(await line.textContent()).toMatch(
      /Last run failed: (QuickBooks|Karbon) could not be reached; will retry at/,
    );
    await popup.getByRole('button', { name: 'Open History' }).waitFor();
    await screenshot(popup, 'popup-unreachable-light');
    expect(await allLayoutProblems(popup)).toEqual([]);
    await popup.emulateMedia({ colorScheme: 'dark' });
    await screenshot(popup, 'popup-unreachable-dark');
    await popup.close();

    // History says what happened to that run and what to do.
    const history = await ext.page('options.html', { hash: 'history' });
    const failed = history.getByTestId('history-run').first();
    await failed.getByText('Failed').waitFor();
    await failed.getByRole('button', { expanded: false }).first().click();
    const errors = await failed.locator('li.error-text').allTextContents();
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toMatch(NEXT_STEP);
    await history.close();
  });

  it('no console errors in any page or the service worker', () => {
    expect(ext.errors).toEqual([]);
  });
});
