// Only the extension's own pages (popup, options) may drive the background: a message from a
// content script, another extension or a web page is refused before any handler runs.

export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
}

export function isFromOwnPage(
  sender: SenderLike | undefined,
  extensionId: string,
  extensionOrigin: string,
): boolean {
  if (!sender || sender.id !== extensionId) return false;
  if (!sender.url) return false;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return false;
  }
  // URL.origin is "null" for chrome-extension: URLs outside a browser, so compare the parts.
  const own = new URL(extensionOrigin);
  return url.protocol === own.protocol && url.host === own.host && url.pathname.endsWith('.html');
}
