import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBoth } from './flows';
import { EXTENSION_DIR, type Launched, launchExtension, screenshot, waitUntil } from './harness';
import { allLayoutProblems } from './layout';
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

/** The options tab a popup action opens. */
async function openedFrom(act: () => Promise<void>): Promise<Page> {
  const opened = ext.context.waitForEvent('page', { predicate: (p) => p.url().includes('/options.html#') });
  await act();
  const page = await opened;
  await page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
  return page;
}

/** Focus is on the card named `name`, with a visible ring, and the whole card is in the window. */
async function expectLandedOn(page: Page, name: string): Promise<void> {
  const card = page.getByRole('region', { name, exact: true });
  await expect.poll(() => card.evaluate((el) => el === document.activeElement)).toBe(true);
  const seen = await card.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return {
      top: r.top,
      bottom: r.bottom,
      window: window.innerHeight,
      outline: s.outlineStyle,
      width: s.outlineWidth,
    };
  });
  expect(seen.top).toBeGreaterThanOrEqual(0);
  expect(seen.bottom).toBeLessThanOrEqual(seen.window);
  expect(seen.outline).toBe('solid');
  expect(Number.parseFloat(seen.width)).toBeGreaterThanOrEqual(2);
}

describe('connections in the built extension', () => {
  it('first use: the popup offers to connect both sides', async () => {
    const popup = await ext.page('popup.html');
    await popup.getByRole('button', { name: 'Connect QuickBooks Online' }).waitFor();
    await popup.getByRole('button', { name: 'Connect Karbon' }).waitFor();
    await screenshot(popup, 'popup-not-connected-light');
    expect(await allLayoutProblems(popup), 'popup-not-connected-light').toEqual([]);
    await popup.emulateMedia({ colorScheme: 'dark' });
    await screenshot(popup, 'popup-not-connected-dark');

    // By keyboard: Tab reaches Connect with a visible focus ring; Enter opens Connections on the
    // QuickBooks card (scrolled to and focused), so the next Tab is its first field.
    await popup.keyboard.press('Tab');
    const focused = popup.locator(':focus');
    expect(await focused.getAttribute('aria-label')).toBe('Connect QuickBooks Online');
    expect(await focused.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    const quickBooks = await openedFrom(() => popup.keyboard.press('Enter'));
    expect(new URL(quickBooks.url()).hash).toBe('#connections/quickbooks');
    await expectLandedOn(quickBooks, 'QuickBooks Online');
    await quickBooks.keyboard.press('Tab');
    expect(await quickBooks.evaluate(() => document.activeElement?.id)).toBe('client-id');
    await quickBooks.close();

    // Karbon's row lands on the Karbon card, below the fold of the page: scrolled into view.
    const karbon = await openedFrom(() => popup.getByRole('button', { name: 'Connect Karbon' }).click());
    expect(new URL(karbon.url()).hash).toBe('#connections/karbon');
    await expectLandedOn(karbon, 'Karbon');
    await karbon.keyboard.press('Tab');
    expect(await karbon.evaluate(() => document.activeElement?.id)).toBe('karbon-bearer');
    await karbon.close();
    await popup.close();
  });

  it('connect QuickBooks through Intuit’s consent page and Karbon with its keys', async () => {
    const page = await connectBoth(ext, sandbox);
    expect(await page.getByTestId('karbon-state').textContent()).toContain(
      `Connected to ${sandbox.credentials.karbon.tenantName}`,
    );
    await screenshot(page, 'options-connections-light');
    expect(await allLayoutProblems(page), 'options-connections-light').toEqual([]);
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
    expect(await allLayoutProblems(popup), 'popup-connected-never-synced-light').toEqual([]);
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

    // Keys Karbon refuses are not saved: the sentence says what to do, Karbon stays not connected.
    await page.getByLabel('API bearer token').fill('not-a-karbon-token');
    await page.getByLabel('Access key').fill(sandbox.credentials.karbon.accessKey);
    await page.getByRole('button', { name: 'Check and connect Karbon' }).click();
    await page
      .getByRole('alert')
      .getByText(/Karbon rejected the bearer token or the access key/)
      .waitFor();
    expect(await page.getByTestId('karbon-state').textContent()).toContain('Not connected');

    await page.getByRole('button', { name: 'Use the sandbox’s demo credentials' }).click();
    await page.getByTestId('karbon-state').getByText('Connected to').waitFor();
    expect(await page.getByLabel('Intuit app client ID').inputValue()).toBe(
      sandbox.credentials.intuit.clientId,
    );
    expect(await page.getByTestId('quickbooks-state').textContent()).toContain('Not connected');
    await page.close();
  });

  it('only the extension’s own pages reach the background: a web page has no way in', async () => {
    // A web page (here the sandbox's, on a host the extension may fetch) gets no runtime to message with.
    const web = await ext.context.newPage();
    await web.goto(`${sandbox.url}/__sandbox/credentials`);
    const reach = await web.evaluate(async (id) => {
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
      if (typeof runtime?.sendMessage !== 'function') return 'no runtime';
      try {
        await (runtime.sendMessage as (id: string, m: unknown) => Promise<unknown>)(id, {
          type: 'getConnections',
        });
        return 'answered';
      } catch (e) {
        return `refused: ${String(e)}`;
      }
    }, ext.extensionId);
    expect(reach).toBe('no runtime');
    await web.close();
    // The built manifest opens nothing to web pages or content scripts.
    const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect([
      manifest.externally_connectable,
      manifest.content_scripts,
      manifest.web_accessible_resources,
    ]).toEqual([undefined, undefined, undefined]);
    // The extension's own page still gets its answer through the same guard.
    const own = await ext.page('options.html', { hash: 'connections' });
    await own.getByTestId('quickbooks-state').waitFor();
    await own.close();
  });

  it('the error collector hears the worker: an unhandled rejection there is a console error', async () => {
    const sw = await ext.worker();
    await sw.evaluate(() => {
      void Promise.reject(new Error('probe: unhandled in the worker'));
    });
    await waitUntil(
      async () => ext.errors.some((e) => e.includes('probe: unhandled in the worker')),
      'the probe',
    );
    // The probe proved the path; it is not a finding.
    ext.errors.splice(0, ext.errors.length, ...ext.errors.filter((e) => !e.includes('probe: unhandled')));
  });

  it('the layout checks find what they look for (so a clean result means something)', async () => {
    const page = await ext.page('popup.html');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await allLayoutProblems(page)).toEqual([]);
    await page.evaluate(() => {
      const main = document.querySelector('main');
      main?.insertAdjacentHTML(
        'beforeend',
        '<input id="probe-field"><div style="width:900px">wide</div><p style="width:40px;overflow:hidden;white-space:nowrap">a sentence cut off</p><a style="display:flex;width:120px"><span style="width:60px">Resolve Duplicates</span><span class="badge">12345</span></a>',
      );
    });
    const problems = await allLayoutProblems(page);
    expect(problems.some((p) => p.includes('the page scrolls sideways'))).toBe(true);
    expect(problems.some((p) => p.includes('"a sentence cut off" holds'))).toBe(true);
    expect(problems.some((p) => p.includes('pill "12345"'))).toBe(true);
    expect(problems.some((p) => p.includes('probe-field'))).toBe(true);
    await page.close();
  });

  it('no console errors', () => {
    expect(ext.errors).toEqual([]);
  });
});
