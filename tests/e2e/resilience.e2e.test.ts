// What happens without the person: the schedule's alarm, a service worker stopped in the middle
// of a run, and an authorization QuickBooks no longer accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeText, syncedFirm, syncNowFromPopup } from './flows';
import { type Launched, screenshot, stopServiceWorker, waitUntil, withTimeout } from './harness';
import { allLayoutProblems } from './layout';
import type { E2ESandbox } from './sandbox';

const RESUME_PEOPLE: Array<[string, string]> = [
  ['Aaron', 'Abbott'],
  ['Beatrice', 'Becker'],
  ['Cyrus', 'Castillo'],
  ['Delia', 'Dalton'],
  ['Emil', 'Esposito'],
  ['Farah', 'Fischer'],
  ['Gustav', 'Gallagher'],
  ['Helena', 'Hoffman'],
  ['Isaac', 'Ibarra'],
  ['Juno', 'Jennings'],
  ['Kasper', 'Kowalski'],
  ['Leona', 'Lindqvist'],
  ['Milo', 'Moreau'],
  ['Nadia', 'Nakamura'],
  ['Oren', 'Okafor'],
  ['Priya', 'Petrov'],
  ['Quentin', 'Quinlan'],
  ['Rosa', 'Rasmussen'],
  ['Silas', 'Sato'],
  ['Tamsin', 'Thornton'],
];
const formatCount = (n: number) => n.toLocaleString('en-US');
const RESUME_FAMILIES = new Set(RESUME_PEOPLE.map(([, family]) => family));

let sandbox: E2ESandbox;
let ext: Launched;

interface ChromeStorageFull {
  chrome: { storage: { local: { get(k: string): Promise<object>; set(v: object): Promise<void> } } };
}
interface ChromeAlarms {
  chrome: { alarms: { get(n: string): Promise<{ scheduledTime: number } | undefined> } };
}

/** The badge's background colour as Chromium holds it ([r, g, b, a]). */
async function badgeColour(launched: Launched): Promise<number[]> {
  const sw = await launched.worker();
  return withTimeout(
    sw.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { action: { getBadgeBackgroundColor(d: object): Promise<number[]> } };
        }
      ).chrome.action.getBadgeBackgroundColor({}),
    ),
    5_000,
    'the service worker',
  );
}

interface ChromeStorage {
  chrome: { storage: { local: { set(v: object): Promise<void> } } };
}

async function setTestSchedule(seconds: number | null) {
  const sw = await ext.worker();
  await withTimeout(
    sw.evaluate(
      (s) => (globalThis as unknown as ChromeStorage).chrome.storage.local.set({ testScheduleSeconds: s }),
      seconds,
    ),
    5_000,
    'the service worker',
  );
}

beforeAll(async () => {
  ({ sandbox, ext } = await syncedFirm(30));
});
afterAll(async () => {
  await ext?.close();
  await sandbox?.close();
});

describe('runs nobody watches, in Chromium', () => {
  it('the schedule’s alarm starts a run by itself (test schedule of 2 s; settings say every 15 min)', async () => {
    await sandbox.createCustomer('Otto', 'Alarm', 'otto@alarm.example');
    await setTestSchedule(2);
    const page = await ext.page('options.html', { hash: 'history' });
    await page
      .getByRole('button', { name: /^Schedule/ })
      .first()
      .waitFor({ timeout: 30_000 });
    await setTestSchedule(null);
    await waitUntil(
      async () => (await sandbox.karbonContacts()).some((c) => c.FirstName === 'Otto'),
      'Otto in Karbon',
      30_000,
    );
    const alarm = await withTimeout(
      (await ext.worker()).evaluate(() =>
        (
          globalThis as unknown as {
            chrome: { alarms: { get(n: string): Promise<{ periodInMinutes?: number } | undefined> } };
          }
        ).chrome.alarms.get('sync'),
      ),
      5_000,
      'the service worker',
    );
    expect(alarm?.periodInMinutes).toBe(15);
    await page.close();
  });

  it('a service worker stopped in the middle of a run resumes it, and nothing is created twice', async () => {
    // Each new customer must become a contact (none parked as a likely duplicate), so the count is exact.
    const settings = await ext.page('options.html', { hash: 'settings' });
    await settings.getByRole('checkbox', { name: /Review likely duplicates first/ }).uncheck();
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Saved. The next run uses these settings.').waitFor();
    await settings.close();
    for (const [given, family] of RESUME_PEOPLE)
      await sandbox.createCustomer(given, family, `${given}.${family}@resume.example`.toLowerCase());
    const history = await ext.page('options.html', { hash: 'history' });
    await history.getByTestId('history-run').first().waitFor();
    const runsBefore = await history.getByTestId('history-run').count();
    const clientsBefore = await ext.page('options.html', { hash: 'clients' });
    const linkedText = (await clientsBefore.getByText(/^[\d,]+ linked$/).textContent()) ?? '';
    const linkedBefore = Number(linkedText.replace(/[^\d]/g, ''));
    await clientsBefore.close();
    await sandbox.control('PUT', 'config', { latencyMs: 250 });

    const popup = await ext.page('popup.html');
    await popup.getByRole('button', { name: 'Sync Now' }).click();
    const words = popup.getByTestId('progress-words');
    // Mid-run: some created, not all ("Creating in Karbon 4/19").
    const creating = /^Creating in Karbon ([1-9]\d*)\/(\d+)$/;
    const seen = new Set<string>();
    await waitUntil(
      async () => {
        const t = (await words.textContent({ timeout: 500 })) ?? '';
        seen.add(t);
        const m = creating.exec(t);
        return m !== null && Number(m[1]) < Number(m[2]);
      },
      'creates under way',
      60_000,
    ).catch((e: unknown) => {
      throw new Error(`Progress seen: ${[...seen].join(' | ')}`, { cause: e });
    });
    // Closing the popup loses nothing: reopened, it shows the same run, still working.
    await popup.close();
    const reopened = await ext.page('popup.html');
    const reopenedWords = reopened.getByTestId('progress-words');
    await reopenedWords.waitFor();
    expect((await reopenedWords.textContent()) ?? '').toMatch(creating);
    expect(await reopened.getByRole('button', { name: 'Syncing…' }).isDisabled()).toBe(true);
    await stopServiceWorker(ext, reopened);
    await sandbox.control('PUT', 'config', { latencyMs: 30 });
    // The stopped worker's run stays "running" in the database: the popup still shows where it stopped.
    await reopened.waitForTimeout(500);
    const frozen = creating.exec((await reopenedWords.textContent()) ?? '');
    expect(frozen).not.toBeNull();
    const toCreate = Number(frozen?.[2]);
    await screenshot(reopened, 'popup-run-interrupted-light');
    expect(await allLayoutProblems(reopened), 'popup-run-interrupted-light').toEqual([]);
    await reopened.emulateMedia({ colorScheme: 'dark' });
    await screenshot(reopened, 'popup-run-interrupted-dark');
    const createdBeforeStop = (await sandbox.karbonContacts()).filter(
      (c) => c.LastName && RESUME_FAMILIES.has(c.LastName),
    ).length;
    expect(createdBeforeStop).toBeGreaterThan(0);
    expect(createdBeforeStop).toBeLessThan(toCreate);
    await reopened.close();

    // Opening the popup wakes the worker (its first message); its start-up resumes the same run.
    const again = await ext.page('popup.html');
    await waitUntil(
      async () =>
        (await history.getByTestId('history-run').first().textContent({ timeout: 500 }))?.includes(
          'Completed',
        ) ?? false,
      'the resumed run to complete',
      90_000,
    );
    expect(await history.getByTestId('history-run').count()).toBe(runsBefore + 1);
    // The resumed run counts the whole run: every new customer created, none "linked" by the resume.
    const resumedLine =
      (await history.getByTestId('history-run').first().locator('p').first().textContent()) ?? '';
    expect(resumedLine).toMatch(new RegExp(`^${toCreate} created`));
    expect(resumedLine).not.toMatch(/linked/);
    // Every new customer is linked once: the Client List grew by exactly their number.
    const clients = await ext.page('options.html', { hash: 'clients' });
    await clients.getByText(`${formatCount(linkedBefore + toCreate)} linked`).waitFor();
    await clients.close();
    const contacts = await sandbox.karbonContacts();
    const created = RESUME_PEOPLE.map(
      ([given, family]) => contacts.filter((c) => c.FirstName === given && c.LastName === family).length,
    );
    expect(Math.max(...created)).toBe(1);
    expect(created.filter((n) => n === 1)).toHaveLength(toCreate);
    await history.close();
    await again.close();
  });

  it('an authorization QuickBooks no longer accepts shows "Reconnect", and reconnecting clears it', async () => {
    await sandbox.control('POST', 'tokens/revoke');
    const popup = await ext.page('popup.html');
    await popup.getByRole('button', { name: 'Sync Now' }).click();
    const strip = popup.getByRole('alert');
    await strip
      .getByText('QuickBooks authorization expired')
      .waitFor({ timeout: 30_000 })
      .catch(async (e: unknown) => {
        throw new Error(`No Reconnect strip; the popup says: ${await popup.locator('main').textContent()}`, {
          cause: e,
        });
      });
    await strip.getByRole('button', { name: 'Reconnect' }).waitFor();
    expect(await badgeText(ext)).toMatch(/!$/);
    await screenshot(popup, 'popup-needs-attention-light');
    expect(await allLayoutProblems(popup), 'popup-needs-attention-light').toEqual([]);
    await popup.emulateMedia({ colorScheme: 'dark' });
    await screenshot(popup, 'popup-needs-attention-dark');
    await popup.close();

    const page = await ext.page('options.html', { hash: 'connections' });
    await page.getByTestId('quickbooks-state').getByText('Needs reconnecting').waitFor();
    await screenshot(page, 'options-connections-reconnect-light');
    expect(await allLayoutProblems(page), 'options-connections-reconnect-light').toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'options-connections-reconnect-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    const consent = ext.context.waitForEvent('page', {
      predicate: (p) => p.url().includes('/intuit/connect/oauth2'),
    });
    await page.getByRole('button', { name: 'Reconnect QuickBooks' }).click();
    await (await consent).getByRole('button', { name: 'Approve' }).click();
    await page.getByTestId('quickbooks-state').getByText('Connected to').waitFor();
    await page.close();

    const { lastRun } = await syncNowFromPopup(ext);
    expect(lastRun).toMatch(/^Synced /);
    const after = await ext.page('popup.html');
    await after.getByRole('button', { name: 'Sync Now' }).waitFor();
    expect(await after.getByRole('alert').count()).toBe(0);
    await after.close();
  });

  it('a Karbon key revoked in Karbon shows "Karbon rejected the API key — Update key"; new keys clear it', async () => {
    // The firm regenerated its API key in Karbon: the saved one no longer works.
    const sw = await ext.worker();
    await withTimeout(
      sw.evaluate(async () => {
        const local = (globalThis as unknown as ChromeStorageFull).chrome.storage.local;
        const { karbon } = (await local.get('karbon')) as { karbon: Record<string, unknown> };
        await local.set({ karbon: { ...karbon, bearerToken: 'revoked-in-karbon' } });
      }),
      5_000,
      'the service worker',
    );
    const popup = await ext.page('popup.html');
    await popup.getByRole('button', { name: 'Sync Now' }).click();
    const strip = popup.getByRole('alert');
    await strip.getByText('Karbon rejected the API key').waitFor({ timeout: 30_000 });
    expect(await badgeText(ext)).toMatch(/!$/);
    expect(await badgeColour(ext)).toEqual([185, 28, 28, 255]);
    await screenshot(popup, 'popup-karbon-rejected-light');
    expect(await allLayoutProblems(popup), 'popup-karbon-rejected-light').toEqual([]);
    await popup.emulateMedia({ colorScheme: 'dark' });
    await screenshot(popup, 'popup-karbon-rejected-dark');
    const opened = ext.context.waitForEvent('page', {
      predicate: (p) => p.url().includes('/options.html#connections'),
    });
    await strip.getByRole('button', { name: 'Update key' }).click();
    const page = await opened;
    await page.getByTestId('karbon-state').getByText('Key rejected').waitFor();
    // The strip's action lands on the Karbon card, not the top of Connections.
    expect(new URL(page.url()).hash).toBe('#connections/karbon');
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: 'Karbon', exact: true })
          .evaluate((el) => el === document.activeElement),
      )
      .toBe(true);
    await page.getByLabel('API bearer token').fill(sandbox.credentials.karbon.bearerToken);
    await page.getByLabel('Access key').fill(sandbox.credentials.karbon.accessKey);
    await page.getByRole('button', { name: 'Check and update keys' }).click();
    await page.getByTestId('karbon-state').getByText('Connected to').waitFor();
    await page.close();
    await popup.close();
    const after = await ext.page('popup.html');
    await after.getByRole('button', { name: 'Sync Now' }).waitFor();
    expect(await after.getByRole('alert').count()).toBe(0);
    await after.close();
  });

  it('Karbon rate limiting fails the run: "Last run failed: Karbon is rate limiting; will retry at <the schedule’s next time>"', async () => {
    // Karbon answers every request with 429 (Retry-After 1 s at ten times the pace), past the client's retries.
    await sandbox.control('PUT', 'config', { timeScale: 10 });
    await sandbox.control('POST', 'faults', { route: '/karbon/', status: 429 });
    try {
      const popup = await ext.page('popup.html');
      await popup.getByRole('button', { name: 'Sync Now' }).click();
      // The strip's sentence (a screen reader hears "Warning:" first).
      const line = popup
        .locator('.strip-text')
        .filter({ hasText: 'Last run failed: Karbon is rate limiting' });
      await line.waitFor({ timeout: 60_000 }).catch(async (e: unknown) => {
        throw new Error(`No rate-limit line; the popup says: ${await popup.locator('main').textContent()}`, {
          cause: e,
        });
      });
      const alarm = await withTimeout(
        (await ext.worker()).evaluate(() =>
          (globalThis as unknown as ChromeAlarms).chrome.alarms
            .get('sync')
            .then((a) => a?.scheduledTime ?? 0),
        ),
        5_000,
        'the service worker',
      );
      const at = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' }).format(alarm);
      expect(await line.textContent()).toBe(
        `Warning: Last run failed: Karbon is rate limiting; will retry at ${at}`,
      );
      expect(await badgeText(ext)).toMatch(/!$/);
      expect(await badgeColour(ext)).toEqual([180, 83, 9, 255]);
      await screenshot(popup, 'popup-run-failed-light');
      expect(await allLayoutProblems(popup), 'popup-run-failed-light').toEqual([]);
      await popup.emulateMedia({ colorScheme: 'dark' });
      await screenshot(popup, 'popup-run-failed-dark');
      await popup.close();
    } finally {
      await sandbox.control('DELETE', 'faults');
      await sandbox.control('PUT', 'config', { timeScale: 1 });
    }
    const { lastRun } = await syncNowFromPopup(ext);
    expect(lastRun).toMatch(/^Synced /);
    const after = await ext.page('popup.html');
    await after.getByRole('button', { name: 'Sync Now' }).waitFor();
    expect(await after.getByText(/Last run failed/).count()).toBe(0);
    await after.close();
  });

  it('no console errors', () => {
    expect(ext.errors).toEqual([]);
  });
});
