// Steps a person takes, as the end-to-end tests click them.
import type { Page } from 'playwright-core';
import { type Launched, launchExtension, screenshot, waitUntil } from './harness';
import { type E2ESandbox, startE2ESandbox } from './sandbox';
import { seedState } from './seed';

/** Connections: point at the sandbox, connect QuickBooks through Intuit's consent page, then Karbon with its keys. */
export async function connectBoth(ext: Launched, sandbox: E2ESandbox): Promise<Page> {
  const page = await ext.page('options.html', { hash: 'connections' });
  await page.getByLabel('Sandbox address').fill(sandbox.url);
  await page.getByRole('button', { name: 'Save environment' }).click();
  await waitUntil(
    () => page.getByRole('button', { name: 'Save environment' }).isDisabled(),
    'the sandbox address to be saved',
  );

  await page.getByLabel('Intuit app client ID').fill(sandbox.credentials.intuit.clientId);
  await page.getByLabel('Intuit app client secret').fill(sandbox.credentials.intuit.clientSecret);
  const consent = ext.context.waitForEvent('page', {
    predicate: (p) => p.url().includes('/intuit/connect/oauth2'),
  });
  await page.getByRole('button', { name: 'Connect QuickBooks' }).click();
  const intuit = await consent;
  await intuit.getByRole('button', { name: 'Approve' }).click();
  await page
    .getByTestId('quickbooks-state')
    .getByText('Connected to')
    .waitFor()
    .catch(async (e: unknown) => {
      throw new Error(
        `QuickBooks did not connect; the page says: ${await page.locator('main').textContent()}`,
        { cause: e },
      );
    });

  await page.getByLabel('API bearer token').fill(sandbox.credentials.karbon.bearerToken);
  await page.getByLabel('Access key').fill(sandbox.credentials.karbon.accessKey);
  await page.getByRole('button', { name: 'Check and connect Karbon' }).click();
  await page.getByTestId('karbon-state').getByText('Connected to').waitFor();
  return page;
}

/** The toolbar badge as Chromium shows it. */
export async function badgeText(ext: Launched): Promise<string> {
  const sw = await ext.worker();
  return sw.evaluate(() =>
    (
      globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }
    ).chrome.action.getBadgeText({}),
  );
}

/**
 * Sync Now from the popup; watches the popup while the run works (progress words, the disabled
 * "Syncing…" button) and resolves when it shows the finished run's line.
 */
export async function syncNowFromPopup(
  ext: Launched,
  opts: { screenshotRunning?: string } = {},
): Promise<{ progressSeen: string[]; sawSyncingDisabled: boolean; lastRun: string }> {
  const popup = await ext.page('popup.html');
  await popup.getByRole('button', { name: 'Sync Now' }).waitFor();
  const line = popup.getByTestId('last-run');
  // Locators wait for their element; read the line only if the popup shows one.
  const before = (await line.count()) > 0 ? await line.textContent() : null;
  await popup.getByRole('button', { name: 'Sync Now' }).click();
  const progressSeen: string[] = [];
  let sawSyncingDisabled = false;
  let shot = false;
  const words = popup.getByTestId('progress-words');
  const syncing = popup.getByRole('button', { name: 'Syncing…' });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (await words.isVisible()) {
      const t = await words.textContent({ timeout: 1_000 }).catch(() => null);
      if (t && progressSeen.at(-1) !== t) progressSeen.push(t);
      if (opts.screenshotRunning && !shot && t && /\d\/\d/.test(t)) {
        shot = true;
        await screenshot(popup, opts.screenshotRunning);
        await popup.emulateMedia({ colorScheme: 'dark' });
        await screenshot(popup, opts.screenshotRunning.replace(/-light$/, '-dark'));
        await popup.emulateMedia({ colorScheme: 'light' });
      }
    }
    if ((await syncing.count()) > 0 && (await syncing.isDisabled({ timeout: 1_000 }).catch(() => false)))
      sawSyncingDisabled = true;
    if ((await line.count()) > 0 && (await words.count()) === 0) {
      const now = await line.textContent({ timeout: 1_000 }).catch(() => null);
      if (now && now !== before) break;
    }
    if (Date.now() > deadline)
      throw new Error(`The run did not finish; popup: ${await popup.locator('main').textContent()}`);
    await popup.waitForTimeout(40);
  }
  const lastRun = (await line.textContent()) ?? '';
  await popup.close();
  return { progressSeen, sawSyncingDisabled, lastRun };
}

/**
 * A synced firm, where tests of what comes after the first sync start: the seeded firm in a fresh
 * sandbox answering after `latencyMs`, the extension connected to both sides, one Sync Now done.
 * On a failure it closes what it started (the caller has nothing to close yet).
 */
export async function syncedFirm(latencyMs: number): Promise<{ sandbox: E2ESandbox; ext: Launched }> {
  const sandbox = await startE2ESandbox({ config: { consent: 'page', latencyMs } });
  let ext: Launched | undefined;
  try {
    await sandbox.control('PUT', 'state', seedState(sandbox.credentials.qbo.realmId));
    ext = await launchExtension();
    (await connectBoth(ext, sandbox)).close();
    await syncNowFromPopup(ext);
    return { sandbox, ext };
  } catch (e) {
    await ext?.close();
    await sandbox.close();
    throw e;
  }
}
