import type { SandboxResponse } from '../core/types';
import { escapeHtml, htmlPage } from './errors';

/** Intuit's "connect" screen, reduced to what a person (or an e2e test) acts on. */
export function consentPage(requestId: string, companyName: string, scopes: string[]): SandboxResponse {
  const body = `
<main style="font-family: sans-serif; max-width: 32rem; margin: 3rem auto">
  <h1>Connect to ${escapeHtml(companyName)}</h1>
  <p>Karbon QBO Sync (sandbox) wants access to your QuickBooks company data:</p>
  <ul>${scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>
  <form method="post" action="/intuit/connect/oauth2/decision">
    <input type="hidden" name="request" value="${escapeHtml(requestId)}">
    <button id="approve" type="submit" name="decision" value="approve">Approve</button>
    <button id="deny" type="submit" name="decision" value="deny">Deny</button>
  </form>
</main>`;
  return htmlPage(200, 'Intuit sandbox: connect', body);
}
