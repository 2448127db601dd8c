// The whole first-use flow a firm clicks through, against the sandbox with a small known firm
// (tests/e2e/seed.ts): preview, Sync Now with progress, the badge, Resolve Duplicates (link one,
// create one), Remove Match, a settings change used by the next run, history and backup.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeText, connectBoth, syncNowFromPopup } from './flows';
import { type Launched, launchExtension, screenshot } from './harness';
import { allLayoutProblems, zoom200 } from './layout';
import { type E2ESandbox, startE2ESandbox } from './sandbox';
import { seedState } from './seed';

let sandbox: E2ESandbox;
let ext: Launched;

/** A section in light and dark, screenshotted and checked: nothing clipped, pills one line, rows apart, controls labelled. */
async function shoot(hash: string, name: string) {
  for (const dark of [false, true]) {
    const page = await ext.page('options.html', { hash, dark });
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, `${name}-${dark ? 'dark' : 'light'}`);
    expect(await allLayoutProblems(page), `${name}, ${dark ? 'dark' : 'light'}`).toEqual([]);
    await page.close();
  }
}

/** The sync alarm's period in minutes, as Chromium holds it (null: no alarm). */
async function syncAlarmPeriod(): Promise<number | null> {
  const sw = await ext.worker();
  return sw.evaluate(() =>
    (
      globalThis as unknown as {
        chrome: { alarms: { get(n: string): Promise<{ periodInMinutes?: number } | undefined> } };
      }
    ).chrome.alarms
      .get('sync')
      .then((a) => a?.periodInMinutes ?? null),
  );
}

beforeAll(async () => {
  sandbox = await startE2ESandbox({ config: { consent: 'page', latencyMs: 60 } });
  await sandbox.control('PUT', 'state', seedState(sandbox.credentials.qbo.realmId));
  ext = await launchExtension();
  const page = await connectBoth(ext, sandbox);
  await page.close();
});
afterAll(async () => {
  await ext?.close();
  await sandbox?.close();
});

describe('first sync and its decisions, in Chromium', () => {
  it('Preview shows the buckets and writes nothing', async () => {
    await sandbox.control('DELETE', 'requests');
    // Opened before the first sync, the preview computes by itself (the popup's "Preview first sync").
    const page = await ext.page('options.html', { hash: 'preview' });
    const totals = page.getByTestId('preview-totals');
    await totals.waitFor({ timeout: 30_000 });
    const text = await totals.textContent();
    expect(text).toContain('2 will link');
    expect(text).toContain('13 will be created in Karbon');
    expect(text).toContain('3 need review');
    expect(text).toContain('1 left out');
    const requests = await sandbox.control<{ byRoute: Record<string, number> }>('GET', 'requests');
    const writes = Object.entries(requests.byRoute).filter(
      ([route]) => /^(POST|PUT|PATCH) \/(karbon|qbo)/.test(route) && !route.includes('/query'),
    );
    expect(writes).toEqual([]);
    await screenshot(page, 'options-preview-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'options-preview-dark');
    await page.close();
  });

  it('Sync Now from the popup shows progress in words, then the result line; the badge counts the waiting duplicates', async () => {
    const { progressSeen, sawSyncingDisabled, lastRun } = await syncNowFromPopup(ext, {
      screenshotRunning: 'popup-running-light',
    });
    expect(sawSyncingDisabled).toBe(true);
    // Determinate progress in words: "Creating in Karbon 3/13" and the like.
    expect(progressSeen.some((p) => /^[A-Z][a-z].* \d+\/\d+$/.test(p))).toBe(true);
    expect(lastRun).toMatch(/^Synced .* · 2 linked · 13 created · 3 to review$/);
    await expect.poll(() => badgeText(ext)).toBe('3');
    const popup = await ext.page('popup.html');
    await popup.getByRole('button', { name: 'Resolve Duplicates (3)' }).waitFor();
    await screenshot(popup, 'popup-idle-light');
    expect(await allLayoutProblems(popup)).toEqual([]);
    await popup.emulateMedia({ colorScheme: 'dark' });
    await screenshot(popup, 'popup-idle-dark');
    await popup.close();
  });

  it('Resolve Duplicates: one linked, one created as a new contact', async () => {
    await shoot('resolve', 'options-resolve');
    const page = await ext.page('options.html', { hash: 'resolve' });
    await expect.poll(() => page.getByTestId('duplicate-card').count()).toBe(3);
    // The two Frank Fords, alike by name and email, read in full and told apart field by field.
    const frank = page
      .getByTestId('duplicate-card')
      .filter({ has: page.getByRole('heading', { name: 'Frank Ford' }) });
    const row = (field: string) =>
      frank.locator(`tr[data-field="${field}"] td[data-candidate]`).allTextContents();
    // A card's records are read when it comes into view (each read costs requests).
    await frank.scrollIntoViewIfNeeded();
    await frank.locator('tr[data-field="contactType"]').waitFor({ timeout: 30_000 });
    expect((await row('contactType')).sort()).toEqual(['Client', 'Prospect']);
    expect((await row('phoneWork')).sort()).toEqual(['(555) 010-7000 ✓ same', '— – missing on one side']);
    expect((await row('phoneMobile')).sort()).toEqual(['555 010 7999 – missing on one side', '—']);
    expect(new Set(await row('record')).size).toBe(2);
    await screenshot(page, 'options-resolve-compared-light');
    await page.getByRole('button', { name: 'Link Dan Diaz to Dan Diaz' }).click();
    await expect.poll(() => page.getByTestId('duplicate-card').count()).toBe(2);
    await page.getByRole('button', { name: 'Create new contact for Eve Evans' }).click();
    await expect.poll(() => page.getByTestId('duplicate-card').count()).toBe(1);
    await expect.poll(() => badgeText(ext)).toBe('1');
    const contacts = await sandbox.karbonContacts();
    expect(contacts.filter((c) => c.FirstName === 'Eve' && c.LastName === 'Evans')).toHaveLength(1);
    expect(contacts.filter((c) => c.FirstName === 'Dan' && c.LastName === 'Diaz')).toHaveLength(1);
    await page.close();
  });

  it('Remove Match unlinks a pair, and the next sync never links it again by itself', async () => {
    await shoot('clients', 'options-clients');
    const page = await ext.page('options.html', { hash: 'clients' });
    await page.getByText('17 linked').waitFor();
    await page.getByRole('button', { name: 'Actions for Alice Archer' }).click();
    await page.getByRole('menuitem', { name: 'Remove Match' }).click();
    await page.getByRole('menuitem', { name: 'Confirm Remove Match' }).click();
    await page.getByText('16 linked').waitFor();
    await page.close();
    // History says which pair was unlinked, and by whom.
    const history = await ext.page('options.html', { hash: 'history' });
    await history
      .getByTestId('history-run')
      .first()
      .getByText('Remove Match: Alice Archer ⇄ Alice Archer, by a person')
      .waitFor();
    await history.close();
    const { lastRun } = await syncNowFromPopup(ext);
    // Nothing linked: Alice waits for a person (with Frank, still undecided).
    expect(lastRun).toMatch(/^Synced .* · 2 to review$/);
    await expect.poll(() => badgeText(ext)).toBe('2');
    const resolve = await ext.page('options.html', { hash: 'resolve' });
    await resolve.getByRole('heading', { name: 'Alice Archer' }).waitFor();
    await resolve.getByText('A person removed this match before').first().waitFor();
    await resolve.close();
  });

  it('Undo run of a Remove Match links the pair again, and Alice leaves Resolve Duplicates', async () => {
    const history = await ext.page('options.html', { hash: 'history' });
    const removal = history
      .getByTestId('history-run')
      .filter({ hasText: 'Remove Match: Alice Archer ⇄ Alice Archer, by a person' });
    await removal.getByRole('button', { name: 'Undo run' }).click();
    await removal
      .getByText('Undo this run? Alice Archer ⇄ Alice Archer linked again.', { exact: false })
      .waitFor();
    await removal.getByRole('button', { name: 'Undo run' }).click();
    await history.getByText('Undone: 1 linked.').waitFor({ timeout: 30_000 });
    await removal.getByText('undone by a later run').waitFor();
    await history.close();
    await expect.poll(() => badgeText(ext)).toBe('1');
    const clients = await ext.page('options.html', { hash: 'clients' });
    await clients.getByText('17 linked').waitFor();
    await clients.close();
  });

  it('a skipped item leaves the queue and can still be decided from Skipped', async () => {
    const page = await ext.page('options.html', { hash: 'resolve' });
    await page.getByRole('button', { name: 'Skip Frank Ford' }).click();
    await page.getByText('No duplicates to resolve.').waitFor();
    await expect.poll(() => badgeText(ext)).toBe('');
    await page.getByRole('tab', { name: 'Skipped (1)' }).click();
    await page.getByText('Skipped: stays unsynced until it changes, or decide now.').waitFor();
    expect(await page.getByRole('button', { name: 'Skip Frank Ford' }).count()).toBe(0);
    await page
      .getByRole('button', { name: /^Link Frank Ford to Frank Ford/ })
      .first()
      .click();
    await expect.poll(() => page.getByRole('tab', { name: /^Skipped/ }).count()).toBe(0);
    await page.close();
    const clients = await ext.page('options.html', { hash: 'clients' });
    await clients.getByText('18 linked').waitFor();
    await clients.close();
  });

  it('a changed Contact Type for new contacts is used by the next run', async () => {
    await shoot('settings', 'options-settings');
    const page = await ext.page('options.html', { hash: 'settings' });
    await page.getByLabel('Contact Type for new contacts').fill('Prospect');
    // The schedule moves the alarm (every hour), then back to every 15 minutes.
    await page.getByLabel('Background sync').selectOption({ label: 'Every hour' });
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved. The next run uses these settings.').waitFor();
    await expect.poll(syncAlarmPeriod).toBe(60);
    await page.getByLabel('Background sync').selectOption({ label: 'Every 15 minutes' });
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved. The next run uses these settings.').waitFor();
    await expect.poll(syncAlarmPeriod).toBe(15);
    await page.close();
    await sandbox.createCustomer('Ivy', 'Irwin', 'ivy@irwin.example');
    const { lastRun } = await syncNowFromPopup(ext);
    expect(lastRun).toContain('1 created');
    const ivy = (await sandbox.karbonContacts()).filter(
      (c) => c.FirstName === 'Ivy' && c.LastName === 'Irwin',
    );
    expect(ivy).toEqual([expect.objectContaining({ ContactType: 'Prospect' })]);
  });

  it('text fits at 200% zoom: the popup at its 360 px and every options section in a 1200 px window', async () => {
    const popup = await ext.page('popup.html');
    await zoom200(popup, 720);
    await popup.getByRole('button', { name: 'Sync Now' }).waitFor();
    await screenshot(popup, 'popup-idle-zoom200-light');
    expect(await allLayoutProblems(popup), 'popup').toEqual([]);
    await popup.close();
    for (const hash of ['connections', 'settings', 'preview', 'resolve', 'clients', 'history', 'backup']) {
      const page = await ext.page('options.html', { hash });
      await zoom200(page, 1200);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, `options-${hash}-zoom200-light`);
      expect(await allLayoutProblems(page), hash).toEqual([]);
      await page.close();
    }
  });

  it('by keyboard: the sections from the nav, and a row menu that Escape closes back onto its button', async () => {
    const page = await ext.page('options.html', { hash: 'connections' });
    await page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
    const clients = page.getByRole('link', { name: /^Client List/ });
    await clients.focus();
    expect(await clients.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Client List' }).waitFor();
    const actions = page.getByRole('button', { name: 'Actions for Carla Cruz' });
    await actions.focus();
    await page.keyboard.press('Enter');
    const remove = page.getByRole('menuitem', { name: 'Remove Match' });
    await expect.poll(() => remove.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => remove.count()).toBe(0);
    expect(await actions.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.close();
  });

  it('Not in QuickBooks: a Karbon contact pushed to QuickBooks; Undo run makes the customer inactive again', async () => {
    await sandbox.createKarbonContact('Nora', 'Newman', 'nora@newman.example', 'Client');
    const page = await ext.page('options.html', { hash: 'clients' });
    await page.getByRole('tab', { name: 'Not in QuickBooks' }).click();
    await page.getByRole('button', { name: 'Read Karbon’s list' }).click();
    await page.getByLabel('Select Nora Newman').check();
    await screenshot(page, 'options-not-in-quickbooks-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'options-not-in-quickbooks-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Push selected (1)' }).click();
    await page.getByText('Pushed: 1 created.').waitFor({ timeout: 30_000 });
    expect((await sandbox.customers()).filter((c) => c.DisplayName === 'Nora Newman')).toEqual([
      expect.objectContaining({ Active: true }),
    ]);
    await page.close();

    const history = await ext.page('options.html', { hash: 'history' });
    const pushRun = history.getByTestId('history-run').first();
    await pushRun.getByText('1 created').waitFor();
    await pushRun.getByRole('button', { name: 'Undo run' }).click();
    await history.getByText(/Undo this run\? 1 created record made inactive or archived/).waitFor();
    await screenshot(history, 'options-history-undo-confirm-light');
    await history.emulateMedia({ colorScheme: 'dark' });
    await screenshot(history, 'options-history-undo-confirm-dark');
    await history.emulateMedia({ colorScheme: 'light' });
    await pushRun.getByRole('button', { name: 'Undo run' }).click();
    await history.getByText(/^Undone:/).waitFor({ timeout: 30_000 });
    expect((await sandbox.customers()).filter((c) => c.DisplayName === 'Nora Newman')).toEqual([
      expect.objectContaining({ Active: false }),
    ]);
    await history.close();
  });

  it('History lists the runs with their changes; Backup downloads the state without a secret', async () => {
    await shoot('history', 'options-history');
    const page = await ext.page('options.html', { hash: 'history' });
    await expect.poll(() => page.getByTestId('history-run').count()).toBeGreaterThanOrEqual(5);
    await page.getByTestId('history-run').last().getByRole('button', { expanded: false }).first().click();
    await page.getByRole('cell', { name: 'Carla Cruz' }).first().waitFor();
    await screenshot(page, 'options-history-open-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'options-history-open-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.close();

    await shoot('backup', 'options-backup');
    const backup = await ext.page('options.html', { hash: 'backup' });
    const download = backup.waitForEvent('download');
    await backup.getByRole('button', { name: 'Download backup' }).click();
    const file = await (await download).path();
    const text = fs.readFileSync(file, 'utf8');
    expect(JSON.parse(text).format).toBe('karbon-qbo-sync/state');
    for (const secret of [
      sandbox.credentials.intuit.clientSecret,
      sandbox.credentials.karbon.accessKey,
      sandbox.credentials.karbon.bearerToken,
    ]) {
      expect(text).not.toContain(secret);
    }

    // A Remove Match made after the backup is undone by restoring it: the whole state is replaced.
    const count = async () => Number(await backup.locator('nav').getByText(/^\d+$/).last().textContent());
    const linked = await count();
    const clients = await ext.page('options.html', { hash: 'clients' });
    await clients.getByRole('button', { name: 'Actions for Carla Cruz' }).click();
    await clients.getByRole('menuitem', { name: 'Remove Match' }).click();
    await clients.getByRole('menuitem', { name: 'Confirm Remove Match' }).click();
    await clients.close();
    await expect.poll(count).toBe(linked - 1);
    await backup.getByLabel('Backup file').setInputFiles(file);
    await backup.getByRole('button', { name: /^Restore / }).click();
    await backup.getByRole('button', { name: 'Replace and restore' }).click();
    await backup.getByText('Backup restored.').waitFor();
    await expect.poll(count).toBe(linked);
    await backup.close();
  });

  it('no console errors in any page or the service worker', () => {
    expect(ext.errors).toEqual([]);
  });
});
