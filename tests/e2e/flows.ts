// Steps a person takes, as the end-to-end tests click them.

import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Launched } from './harness';
import type { E2ESandbox } from './sandbox';

/** Connections: point at the sandbox, connect QuickBooks through Intuit's consent page, then Karbon with its keys. */
export async function connectBoth(ext: Launched, sandbox: E2ESandbox): Promise<Page> {
  const page = await ext.page('options.html', { hash: 'connections' });
  await page.getByLabel('Sandbox address').fill(sandbox.url);
  await page.getByRole('button', { name: 'Save environment' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Save environment' }).isDisabled()).toBe(true);

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
