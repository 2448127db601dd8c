import { randomHex } from '../core/random';
import type { SandboxResponse } from '../core/types';

/** Every Intuit OAuth answer carries an intuit_tid (qbo-notes §1.4) and is never cached. */
export function oauthHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    intuit_tid: `1-${randomHex(8)}-${randomHex(24)}`,
    'cache-control': 'no-store',
    pragma: 'no-cache',
    ...extra,
  };
}

export function oauthJson(
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): SandboxResponse {
  return {
    status,
    headers: oauthHeaders({ 'content-type': 'application/json;charset=UTF-8', ...extra }),
    body,
  };
}

/** RFC 6749 §5.2 error bodies, as Intuit sends them ({"error_description":..., "error":...}). */
export function oauthError(status: number, error: string, description: string): SandboxResponse {
  const extra: Record<string, string> = status === 401 ? { 'www-authenticate': 'Basic realm="Intuit"' } : {};
  return oauthJson(status, { error_description: description, error }, extra);
}

export function htmlPage(status: number, title: string, body: string): SandboxResponse {
  return {
    status,
    headers: oauthHeaders({ 'content-type': 'text/html; charset=utf-8' }),
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`,
  };
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
