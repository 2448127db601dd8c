// "The losing value is kept in the history and can be restored" (product.md), clicked through in
// Chromium: both sides edit the same field between runs (through QuickBooks' and Karbon's own
// APIs), the next run settles the conflict, History shows the losing value in that run's changes,
// Restore this value writes it back to both sides, and the restore is a run that can be undone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncedFirm, syncNowFromPopup } from './flows';
import { type Launched, screenshot } from './harness';
import { allLayoutProblems } from './layout';
import type { E2ESandbox } from './sandbox';

let sandbox: E2ESandbox;
let ext: Launched;

const workPhone = (number: string) => (contact: Record<string, unknown>) => {
  const cards = contact.BusinessCards as Array<Record<string, unknown>>;
  const card = cards.find((c) => c.IsPrimaryCard) ?? cards[0];
  if (card) card.PhoneNumbers = [{ Number: number, Label: 'Work' }];
};

beforeAll(async () => {
  ({ sandbox, ext } = await syncedFirm(20));
});
afterAll(async () => {
  await ext?.close();
  await sandbox?.close();
});

describe('restoring a value from History, in Chromium', () => {
  it('a conflict’s losing value is shown in the run’s changes, restored on both sides, and the restore can be undone', async () => {
    // Alice's work phone edited on both sides between runs: QuickBooks first, Karbon a minute later,
    // so "Latest edit wins" (the default) keeps Karbon's and QuickBooks' value is the loser.
    await sandbox.editCustomer('Alice Archer', { PrimaryPhone: { FreeFormNumber: '555 1111' } });
    await sandbox.control('POST', 'clock', { advanceMs: 60_000 });
    await sandbox.editKarbonContact('Alice', 'Archer', workPhone('555 2222'));
    const { lastRun } = await syncNowFromPopup(ext);
    expect(lastRun).toMatch(/1 updated/);
    expect(await sandbox.workPhones('Alice', 'Archer')).toEqual({
      quickBooks: '555 2222',
      karbon: '555 2222',
    });

    const history = await ext.page('options.html', { hash: 'history' });
    const run = history.getByTestId('history-run').first();
    await run.getByRole('button', { name: /^Sync Now · / }).click();
    const row = run.getByRole('row').filter({ hasText: '555 1111' });
    await row.waitFor();
    // The row says whose value, which field, what it was and what won, on which side.
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'Alice Archer',
      'conflict: Karbon won (latest edit)',
      'Work phone',
      '555 1111 → 555 2222',
      'QuickBooks',
      'Restore “555 1111”',
    ]);
    await row.getByRole('button', { name: 'Restore “555 1111” in Work phone' }).click();
    await run.getByText('Write “555 1111” back to Work phone on both sides?', { exact: false }).waitFor();
    await screenshot(history, 'options-history-restore-confirm-light');
    expect(await allLayoutProblems(history)).toEqual([]);
    await history.emulateMedia({ colorScheme: 'dark' });
    await screenshot(history, 'options-history-restore-confirm-dark');
    await history.emulateMedia({ colorScheme: 'light' });
    await run.getByRole('button', { name: 'Restore', exact: true }).click();
    await history.getByText(/^Restored: /).waitFor({ timeout: 30_000 });
    expect(await sandbox.workPhones('Alice', 'Archer')).toEqual({
      quickBooks: '555 1111',
      karbon: '555 1111',
    });

    // The restore is a run of its own, newest in History, with its changes, and it can be undone.
    const restore = history.getByTestId('history-run').first();
    await restore.getByRole('button', { name: /^Decision · / }).waitFor();
    await restore.getByRole('button', { name: 'Undo run' }).click();
    await restore.getByText(/Undo this run\? 2 updated records restored to their earlier values/).waitFor();
    await restore.getByRole('button', { name: 'Undo run' }).click();
    await history.getByText(/^Undone: /).waitFor({ timeout: 30_000 });
    expect(await sandbox.workPhones('Alice', 'Archer')).toEqual({
      quickBooks: '555 2222',
      karbon: '555 2222',
    });
    // Newest first: the undo, then the restore it undid.
    const runs = history.getByTestId('history-run');
    await runs.first().getByText('undoes an earlier run').waitFor();
    await runs.nth(1).getByText('undone by a later run').waitFor();
    await history.close();

    // Nothing left to settle: the next run writes nothing to Alice.
    const next = await syncNowFromPopup(ext);
    expect(next.lastRun).not.toMatch(/updated/);
  });

  it('no console errors in any page or the service worker', () => {
    expect(ext.errors).toEqual([]);
  });
});
