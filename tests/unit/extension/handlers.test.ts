import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AuthError } from '@/lib/errors';
import { type Handlers, REFUSED, registerHandlers } from '@/lib/extension/handlers';
import { UserFacingError } from '@/lib/extension/user-error';
import { removeAllListeners } from '@/lib/messaging/protocol';

beforeEach(() => fakeBrowser.reset());
afterEach(() => removeAllListeners());

const POPUP = { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/popup.html` };
const WEB_PAGE = { id: fakeBrowser.runtime.id, url: 'https://example.com/', tab: { id: 3 } };

/**
 * Delivers a message the way Chromium does (listener, sender, sendResponse). The fake browser's
 * own sendMessage gives every sender as `{}`, so the sender is set here.
 */
function deliver(
  type: string,
  data: unknown,
  sender: object,
): Promise<{ res?: unknown; err?: { message: string } }> {
  return new Promise((resolve) => {
    // Chromium calls listeners with (message, sender, sendResponse); the fake's typing knows only two.
    const trigger = fakeBrowser.runtime.onMessage.trigger as unknown as (
      ...args: unknown[]
    ) => Promise<unknown>;
    void trigger({ id: 1, type, data, timestamp: Date.now() }, sender, resolve);
  });
}

const base = { getConnections: vi.fn(), saveKarbonKeys: vi.fn() } as unknown as Handlers;

describe('registerHandlers', () => {
  it('a page of the extension gets the handler’s answer', async () => {
    const answer = { quickBooks: { state: 'not-connected' } };
    registerHandlers({ ...base, getConnections: async () => answer } as unknown as Handlers);
    expect(await deliver('getConnections', undefined, POPUP)).toEqual({ res: answer });
  });

  it('a content script on a web page, or another extension, is refused before the handler runs', async () => {
    const handler = vi.fn(async () => ({}));
    registerHandlers({ ...base, getConnections: handler } as unknown as Handlers);
    expect((await deliver('getConnections', undefined, WEB_PAGE)).err?.message).toBe(REFUSED);
    expect(
      (
        await deliver('getConnections', undefined, {
          id: 'another',
          url: 'chrome-extension://another/popup.html',
        })
      ).err?.message,
    ).toBe(REFUSED);
    expect(handler).not.toHaveBeenCalled();
  });

  it('failures leave as one sentence: ours as written, typed errors through describeError, no secret', async () => {
    registerHandlers({
      ...base,
      getConnections: async () => {
        throw new UserFacingError('Enter both the API bearer token and the access key.');
      },
      saveKarbonKeys: async () => {
        throw new AuthError('karbon', 'HTTP 401 with token abc123');
      },
    } as unknown as Handlers);
    expect((await deliver('getConnections', undefined, POPUP)).err?.message).toBe(
      'Enter both the API bearer token and the access key.',
    );
    const refused = await deliver('saveKarbonKeys', { bearerToken: 'abc123', accessKey: 'k' }, POPUP);
    expect(refused.err?.message).toBe('Karbon rejected the API key: update the Karbon key in Settings.');
    expect(JSON.stringify(refused)).not.toContain('abc123');
  });
});
