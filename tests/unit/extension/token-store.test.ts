import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { extensionTokenStore } from '@/lib/auth/extension-token-store';

beforeEach(() => fakeBrowser.reset());

const tokens = {
  accessToken: 'at-1',
  refreshToken: 'rt-1',
  expiresAt: 1_000,
  refreshExpiresAt: 9_000,
  realmId: '9130350',
};

describe('extensionTokenStore', () => {
  it('keeps the tokens in chrome.storage.local and replaces them whole (rotated refresh token kept)', async () => {
    const store = extensionTokenStore();
    await store.set(tokens);
    await store.set({ ...tokens, accessToken: 'at-2', refreshToken: 'rt-2', expiresAt: 2_000 });
    expect(await store.get()).toEqual({
      ...tokens,
      accessToken: 'at-2',
      refreshToken: 'rt-2',
      expiresAt: 2_000,
    });
    const raw = await fakeBrowser.storage.local.get('quickBooksTokens');
    expect(raw.quickBooksTokens).toMatchObject({ refreshToken: 'rt-2' });
  });

  it('a new store object (a restarted worker) reads the same tokens', async () => {
    await extensionTokenStore().set(tokens);
    expect(await extensionTokenStore().get()).toEqual(tokens);
  });

  it('clear → not connected; an unreadable value → not connected rather than a crash', async () => {
    const store = extensionTokenStore();
    await store.set(tokens);
    await store.clear();
    expect(await store.get()).toBeNull();
    await fakeBrowser.storage.local.set({ quickBooksTokens: { accessToken: 42 } });
    expect(await store.get()).toBeNull();
  });
});
