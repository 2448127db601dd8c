import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBoth } from './flows';
import { type Launched, launchExtension, screenshot } from './harness';
import { type E2ESandbox, startE2ESandbox } from './sandbox';

let sandbox: E2ESandbox;
let ext: Launched;

beforeAll(async () => {
  sandbox = await startE2ESandbox({ config: { consent: 'page' } });
  ext = await launchExtension();
});
afterAll(async () => {
  await ext?.close();
  await sandbox?.close();
});

describe('connections in the built extension', () => {
  it('first use: the popup offers to connect both sides', async () => {
    const popup = await ext.page('popup.html');
    await popup.getByRole('button', { name: 'Connect QuickBooks Online' }).waitFor();
    await popup.getByRole('button', { name: 'Connect Karbon' }).waitFor();
    await screenshot(popup, 'popup-not-connected-light');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await screenshot(popup, 'popup-not-connected-dark');

    // By keyboard: Tab reaches Connect with a visible focus ring; Enter opens Connections.
    await popup.keyboard.press('Tab');
    const focused = popup.locator(':focus');
    expect(await focused.getAttribute('aria-label')).toBe('Connect QuickBooks Online');
    expect(await focused.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    const options = ext.context.waitForEvent('page', {
      predicate: (p) => p.url().includes('/options.html#connections'),
    });
    await popup.keyboard.press('Enter');
    await (await options).close();
    await popup.close();
  });

  it('connect QuickBooks through Intuit’s consent page and Karbon with its keys', async () => {
    const page = await connectBoth(ext, sandbox);
    expect(await page.getByTestId('karbon-state').textContent()).toContain(
      `Connected to ${sandbox.credentials.karbon.tenantName}`,
    );
    await screenshot(page, 'options-connections-light');
    expect(await page.getByTestId('quickbooks-state').textContent()).toContain(
      `Connected to ${sandbox.credentials.qbo.companyName}`,
    );
    await screenshot(page, 'options-connections-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'options-connections-dark');

    // Tokens stay in the background's storage; the page never received a secret.
    const html = await page.content();
    expect(html).not.toContain(sandbox.credentials.intuit.clientSecret);
    expect(html).not.toContain(sandbox.credentials.karbon.accessKey);

    const popup = await ext.page('popup.html');
    await popup.getByRole('button', { name: 'Preview first sync' }).waitFor();
    await screenshot(popup, 'popup-connected-never-synced-light');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await screenshot(popup, 'popup-connected-never-synced-dark');

    // Settings open before any sync, and before Karbon answers anything but its connect check.
    const settings = await ext.page('options.html', { hash: 'settings' });
    await settings.getByRole('checkbox', { name: 'Prospect' }).waitFor();
    await settings.close();
    await page.close();
    await popup.close();
  });

  it('Disconnect revokes at Intuit and forgets the keys; the demo credentials button connects Karbon again', async () => {
    await sandbox.control('DELETE', 'requests');
    const page = await ext.page('options.html', { hash: 'connections' });
    await page.getByRole('button', { name: 'Disconnect QuickBooks' }).click();
    await page.getByTestId('quickbooks-state').getByText('Not connected').waitFor();
    await page.getByRole('button', { name: 'Disconnect Karbon' }).click();
    await page.getByTestId('karbon-state').getByText('Not connected').waitFor();
    const requests = await sandbox.control<{ byRoute: Record<string, number> }>('GET', 'requests');
    const revokes = Object.entries(requests.byRoute).filter(([route]) => route.includes('/revoke'));
    expect(revokes.map(([, n]) => n)).toEqual([1]);

    await page.getByRole('button', { name: 'Use the sandbox’s demo credentials' }).click();
    await page.getByTestId('karbon-state').getByText('Connected to').waitFor();
    expect(await page.getByLabel('Intuit app client ID').inputValue()).toBe(
      sandbox.credentials.intuit.clientId,
    );
    expect(await page.getByTestId('quickbooks-state').textContent()).toContain('Not connected');
    await page.close();
  });

  it('no console errors', () => {
    expect(ext.errors).toEqual([]);
  });
});
