// The QuickBooks tokens in extension storage (chrome.storage.local): only the background reads
// them; the pages never receive them. One item, replaced whole, so a rotated refresh token is
// never stored apart from its access token.

import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import type { IntuitTokens, TokenStore } from './token-store';

const tokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: z.number(),
  refreshExpiresAt: z.number().nullable(),
  realmId: z.string(),
});

export const quickBooksTokensItem = storage.defineItem<IntuitTokens | null>('local:quickBooksTokens', {
  fallback: null,
  version: 1,
});

export function extensionTokenStore(item = quickBooksTokensItem): TokenStore {
  return {
    async get() {
      const parsed = tokensSchema.safeParse(await item.getValue());
      // Anything unreadable counts as not connected: the person reconnects, nothing crashes.
      return parsed.success ? parsed.data : null;
    },
    async set(tokens) {
      await item.setValue(tokensSchema.parse(tokens));
    },
    async clear() {
      await item.removeValue();
    },
  };
}
