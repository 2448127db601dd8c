/**
 * Redirect URIs the sandbox app has "registered" (credentials.intuit.redirectUris, as patterns):
 * the extension's https://<32 a-p letters>.chromiumapp.org/ (its id depends on where it is
 * unpacked) and loopback http URIs on any port for tools and tests. Everything else is refused,
 * as Intuit refuses an unregistered URI.
 */
export function isRegisteredRedirect(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.hash !== '' || url.username !== '' || url.password !== '') return false;
  // Registered URIs match as written (Intuit compares strings), so the raw text is checked.
  if (url.protocol === 'https:') return /^https:\/\/[a-p]{32}\.chromiumapp\.org\//.test(uri);
  if (url.protocol === 'http:') return url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  return false;
}

/** The redirect with parameters appended to any query the registered URI already has. */
export function redirectWith(uri: string, params: Record<string, string>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}
