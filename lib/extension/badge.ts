// The toolbar badge: duplicates waiting, or a warning when something needs the person.
import { browser } from 'wxt/browser';
import type { BadgeLook } from './attention';

export async function showBadge(look: BadgeLook): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ text: look.text }),
    browser.action.setBadgeBackgroundColor({ color: look.color }),
    browser.action.setBadgeTextColor({ color: '#ffffff' }),
    browser.action.setTitle({ title: look.title }),
  ]);
}
