import { describe, expect, it } from 'vitest';
import { isFromOwnPage } from '@/lib/messaging/guard';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

describe('isFromOwnPage', () => {
  it.each([
    ['the popup', { id: ID, url: `${ORIGIN}popup.html` }, true],
    ['the options page with a hash', { id: ID, url: `${ORIGIN}options.html#history` }, true],
    [
      'a content script on a web page (own id, web URL)',
      { id: ID, url: 'https://evil.example/popup.html' },
      false,
    ],
    [
      'another extension',
      {
        id: 'ponmlkjihgfedcbaponmlkjihgfedcba',
        url: `chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba/popup.html`,
      },
      false,
    ],
    [
      'own id but another extension’s page',
      { id: ID, url: 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba/options.html' },
      false,
    ],
    ['no URL (e.g. the service worker itself)', { id: ID }, false],
    ['a sender without id', { url: `${ORIGIN}popup.html` }, false],
    ['nothing', undefined, false],
  ])('%s → %s', (_name, sender, allowed) => {
    expect(isFromOwnPage(sender, ID, ORIGIN)).toBe(allowed);
  });
});
