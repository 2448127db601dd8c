// "Everything works by keyboard; focus is visible" (ui.md), with Tab, Shift+Tab, Enter, Space and
// Escape (and the arrow keys a radio group and a select answer to): the popup and every options
// section walked end to end — every control reached, in the order the page reads, with a ring,
// and out again (no trap) — and each section's controls operated without a mouse.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeText } from './flows';
import { type Launched, launchExtension, waitUntil } from './harness';
import { focusedStop, outOfOrder, reachable, tabTo, walk } from './keyboard';
import { type E2ESandbox, startE2ESandbox } from './sandbox';
import { seedState } from './seed';

let sandbox: E2ESandbox;
let ext: Launched;

/** Walks the page both ways and says what a keyboard person would trip over. */
async function walkProblems(page: Page, what: string): Promise<string[]> {
  const expected = await reachable(page);
  const forward = await walk(page, 'Tab');
  const backward = await walk(page, 'Shift+Tab');
  const names = forward.stops.map((s) => s.name);
  const problems = [
    ...(names.length < 2 ? [`${what}: Tab reached ${names.length} control(s)`] : []),
    ...(forward.left ? [] : [`${what}: Tab never leaves the page (a trap) after ${names.at(-1)}`]),
    ...(backward.left ? [] : [`${what}: Shift+Tab never leaves the page (a trap)`]),
    ...forward.stops.filter((s) => !s.ring).map((s) => `${what}: no visible focus on ${s.name}`),
    ...outOfOrder(forward.stops).map((p) => `${what}: ${p}`),
  ];
  if (JSON.stringify(names) !== JSON.stringify(expected))
    problems.push(
      `${what}: Tab reached\n  ${names.join('\n  ')}\nbut the page has\n  ${expected.join('\n  ')}`,
    );
  const back = backward.stops.map((s) => s.name).reverse();
  if (JSON.stringify(back) !== JSON.stringify(names))
    problems.push(`${what}: Shift+Tab goes another way:\n  ${back.join('\n  ')}`);
  return problems;
}

/** The page a keyboard action opened in a new tab. */
async function opened(act: () => Promise<void>, hash: string): Promise<Page> {
  const page = ext.context.waitForEvent('page', { predicate: (p) => p.url().endsWith(`#${hash}`) });
  await act();
  return page;
}

const isFocused = (page: Page, name: string | RegExp) =>
  focusedStop(page).then((s) =>
    typeof name === 'string' ? s?.name.includes(`"${name}"`) === true : name.test(s?.name ?? ''),
  );

beforeAll(async () => {
  sandbox = await startE2ESandbox({ config: { consent: 'page', latencyMs: 20 } });
  await sandbox.control('PUT', 'state', seedState(sandbox.credentials.qbo.realmId));
  ext = await launchExtension();
});
afterAll(async () => {
  await ext?.close();
  await sandbox?.close();
});

describe('by keyboard alone, in Chromium', () => {
  it('first use: the popup, then connecting both sides in Connections without a mouse', async () => {
    const popup = await ext.page('popup.html');
    await popup.getByRole('button', { name: 'Connect Karbon' }).waitFor();
    expect(await walkProblems(popup, 'popup, not connected')).toEqual([]);
    const page = await opened(async () => {
      await tabTo(popup, 'Connect QuickBooks Online');
      await popup.keyboard.press('Enter');
    }, 'connections/quickbooks');
    await popup.close();
    await page.getByTestId('quickbooks-state').waitFor();
    expect(await walkProblems(page, 'Connections, not connected')).toEqual([]);

    await tabTo(page, 'Sandbox address');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(sandbox.url);
    await page.keyboard.press('Enter');
    await waitUntil(() => page.getByRole('button', { name: 'Save environment' }).isDisabled(), 'saved');
    await tabTo(page, 'Intuit app client ID');
    await page.keyboard.type(sandbox.credentials.intuit.clientId);
    await page.keyboard.press('Tab');
    await page.keyboard.type(sandbox.credentials.intuit.clientSecret);
    const consent = ext.context.waitForEvent('page', {
      predicate: (p) => p.url().includes('/intuit/connect/oauth2'),
    });
    await page.keyboard.press('Enter');
    const intuit = await consent;
    await tabTo(intuit, 'Approve');
    await intuit.keyboard.press('Enter');
    await page.getByTestId('quickbooks-state').getByText('Connected to').waitFor();
    await tabTo(page, 'API bearer token');
    await page.keyboard.type(sandbox.credentials.karbon.bearerToken);
    await page.keyboard.press('Tab');
    await page.keyboard.type(sandbox.credentials.karbon.accessKey);
    await page.keyboard.press('Enter');
    await page.getByTestId('karbon-state').getByText('Connected to').waitFor();
    expect(await walkProblems(page, 'Connections, connected')).toEqual([]);
    await page.close();
  });

  it('the popup: Sync Now with Space, the run followed, Resolve Duplicates opened with Enter', async () => {
    const popup = await ext.page('popup.html');
    await popup.getByRole('button', { name: 'Preview first sync' }).waitFor();
    expect(await walkProblems(popup, 'popup, never synced')).toEqual([]);
    await tabTo(popup, 'Sync Now');
    await popup.keyboard.press('Space');
    // Unavailable while it runs, the button keeps the focus of the person who pressed it.
    expect(await isFocused(popup, 'Syncing…')).toBe(true);
    await popup.getByTestId('last-run').waitFor({ timeout: 60_000 });
    expect(await isFocused(popup, 'Sync Now')).toBe(true);
    await expect.poll(() => badgeText(ext)).toBe('3');
    expect(await walkProblems(popup, 'popup, idle')).toEqual([]);
    const resolve = await opened(async () => {
      await tabTo(popup, 'Resolve Duplicates (3)');
      await popup.keyboard.press('Enter');
    }, 'resolve');
    await resolve.getByRole('heading', { level: 1, name: 'Resolve Duplicates' }).waitFor();
    await resolve.close();
    await popup.close();
  });

  it('every options section: every control reached in reading order, with a ring, and no trap', async () => {
    const problems: string[] = [];
    for (const hash of ['connections', 'settings', 'preview', 'resolve', 'clients', 'history', 'backup']) {
      const page = await ext.page('options.html', { hash });
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await waitUntil(
        async () => (await page.getByText(/^(Loading|Reading)\b/).count()) === 0,
        `${hash} loaded`,
        30_000,
      );
      problems.push(...(await walkProblems(page, hash)));
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it('Contact Sync Settings and Preview: a checkbox with Space, a select with the arrows, saved with Enter; Preview with Enter', async () => {
    const page = await ext.page('options.html', { hash: 'settings' });
    await page.getByRole('checkbox', { name: 'Prospect' }).waitFor();
    await tabTo(page, 'Prospect');
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: 'Prospect' }).isChecked()).toBe(true);
    await tabTo(page, 'Background sync');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('Background sync').inputValue()).toBe('30');
    await tabTo(page, /^input\[radio\] "Latest edit wins/);
    await page.keyboard.press('ArrowDown');
    expect(
      await page.getByRole('radio', { name: /^QuickBooks wins — QuickBooks’ value is copied/ }).isChecked(),
    ).toBe(true);
    await tabTo(page, 'Save settings');
    await page.keyboard.press('Enter');
    await page.getByText('Saved. The next run uses these settings.').waitFor();
    // Focus stays where the person pressed, not thrown back to the top of the page.
    expect(await isFocused(page, 'Save settings')).toBe(true);
    await page.close();

    const preview = await ext.page('options.html', { hash: 'preview' });
    await tabTo(preview, 'Preview the next sync');
    await preview.keyboard.press('Enter');
    await preview.getByTestId('preview-totals').waitFor({ timeout: 30_000 });
    expect(await isFocused(preview, 'Preview again')).toBe(true);
    await preview.close();
  });

  it('Resolve Duplicates: Link with Enter, Create with Space, a confirmation Escape closes, Skip — focus never lost', async () => {
    const page = await ext.page('options.html', { hash: 'resolve' });
    await expect.poll(() => page.getByTestId('duplicate-card').count()).toBe(3);
    // A confirmation: Escape closes it, Cancel too, and focus is back on the button that asked.
    await tabTo(page, 'Skip all (3)');
    await page.keyboard.press('Enter');
    expect(await isFocused(page, 'Skip them')).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.getByRole('button', { name: 'Skip them' }).count()).toBe(0);
    expect(await isFocused(page, 'Skip all (3)')).toBe(true);
    await page.keyboard.press('Enter');
    await tabTo(page, 'Cancel');
    await page.keyboard.press('Space');
    expect(await isFocused(page, 'Skip all (3)')).toBe(true);

    // A decided card goes; focus moves on to the next card, where the person continues.
    await tabTo(page, /^button "Link Dan Diaz to Dan Diaz/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('duplicate-card').count()).toBe(2);
    await expect
      .poll(() => focusedStop(page).then((s) => s?.name))
      .toMatch(/^(h2|article) "(Eve Evans|Frank Ford)/);
    expect((await focusedStop(page))?.ring).toBe(true);
    await tabTo(page, 'Create new contact for Eve Evans');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('duplicate-card').count()).toBe(1);
    await expect.poll(() => focusedStop(page).then((s) => s?.name)).toMatch(/Frank Ford/);
    await tabTo(page, 'Skip Frank Ford');
    await page.keyboard.press('Enter');
    await page.getByText('No duplicates to resolve.').waitFor();
    await expect.poll(() => focusedStop(page).then((s) => s?.name)).toMatch(/No duplicates to resolve/);
    await page.close();
  });

  it('Client List: search, sort, differences and the row menu (Tab closes it); Not in QuickBooks by its tab', async () => {
    const page = await ext.page('options.html', { hash: 'clients' });
    await page.getByText(/^\d+ linked$/).waitFor();
    await tabTo(page, 'Search');
    await page.keyboard.type('Carla');
    await page.getByText(/^1 of \d+ linked$/).waitFor();
    await page.keyboard.press('Escape');
    await page.getByText(/^\d+ linked$/).waitFor();
    await tabTo(page, /^button "Karbon name/);
    await page.keyboard.press('Enter');
    expect(await page.getByRole('columnheader', { name: /^Karbon name/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    await tabTo(page, 'Actions for Carla Cruz');
    await page.keyboard.press('Enter');
    expect(await isFocused(page, 'Remove Match')).toBe(true);
    // Tab out of the open menu closes it (it does not stay open behind the focus).
    await page.keyboard.press('Tab');
    await expect.poll(() => page.getByRole('menu').count()).toBe(0);
    await page.keyboard.press('Shift+Tab');
    expect(await isFocused(page, 'Actions for Carla Cruz')).toBe(true);

    await tabTo(page, 'Not in QuickBooks');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Read Karbon’s list');
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: 'Not in QuickBooks' }).waitFor({ timeout: 30_000 });
    await tabTo(page, /^input\[checkbox\] "Select /);
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Push selected (1)' }).waitFor();
    await page.close();
  });

  it('History and Backup: a run opened with Enter, Undo run asked and closed with Escape, downloads with Enter, a file chosen with Space', async () => {
    const page = await ext.page('options.html', { hash: 'history' });
    await page.getByTestId('history-run').first().waitFor();
    await tabTo(page, /^button "▸ /);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Changes' }).waitFor();
    await tabTo(page, 'Undo run');
    await page.keyboard.press('Enter');
    expect(await isFocused(page, /^button "Undo run"/)).toBe(true);
    expect(await page.getByText(/^Undo this run\?/).count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await page.getByText(/^Undo this run\?/).count()).toBe(0);
    const csv = page.waitForEvent('download');
    await tabTo(page, 'Export CSV');
    await page.keyboard.press('Enter');
    expect((await csv).suggestedFilename()).toMatch(/^sync-history-.*\.csv$/);
    // A section chosen from the navigation puts focus on its heading: the next Tab is in the section.
    await tabTo(page, 'Backup');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedStop(page).then((s) => s?.name)).toBe('h1 "Backup"');
    const backup = page.waitForEvent('download');
    await tabTo(page, 'Download backup');
    await page.keyboard.press('Enter');
    expect((await backup).suggestedFilename()).toMatch(/^karbon-qbo-sync-backup-.*\.json$/);
    const chooser = page.waitForEvent('filechooser');
    await tabTo(page, 'Backup file');
    await page.keyboard.press('Space');
    await chooser;
    await page.close();
  });

  it('the keyboard checks find what they look for (so a clean walk means something)', async () => {
    const page = await ext.page('popup.html');
    await page.getByRole('button', { name: 'Sync Now' }).waitFor();
    expect(await walkProblems(page, 'clean')).toEqual([]);
    // A control without a ring, one pulled out of order, one the keyboard cannot reach.
    await page.evaluate(() => {
      document
        .querySelector('main')
        ?.insertAdjacentHTML(
          'beforeend',
          '<button style="outline:none">No ring</button><span tabindex="3">First by force</span><div role="button">Mouse only</div>',
        );
    });
    const problems = (await walkProblems(page, 'probe')).join('\n');
    expect(problems).toContain('no visible focus on button "No ring"');
    expect(problems).toMatch(/but the page has[\s\S]*span "First by force"/);
    expect(problems).toMatch(/but the page has[\s\S]*button "Mouse only"/);
    // A field that keeps Tab to itself is a trap.
    await page.evaluate(() => {
      const trap = document.createElement('input');
      trap.setAttribute('aria-label', 'Trap');
      trap.addEventListener('keydown', (e) => e.key === 'Tab' && e.preventDefault());
      document.querySelector('main')?.prepend(trap);
    });
    expect((await walkProblems(page, 'trap')).join('\n')).toContain('Tab never leaves the page (a trap)');
    await page.close();
  });

  it('no console errors in any page or the service worker', () => {
    expect(ext.errors).toEqual([]);
  });
});
