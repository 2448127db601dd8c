// A person's edits between runs, made through the services' own APIs (so stamps, SyncTokens and
// CDC behave as they would) with the product's own clients on a connection of their own. The
// sandbox counts these requests too; the harness reports them apart from the engine's.
import { randomUUID } from 'node:crypto';
import { connectSandbox } from '../cli/connect';
import { mapLimit } from '../lib/sync/concurrency';
import type { ClientListRow } from '../lib/sync/engine';

export interface EditPlan {
  /** Linked customers whose work phone is changed in QuickBooks. */
  quickbooks: ClientListRow[];
  /** Linked Karbon records whose mobile phone is changed in Karbon. */
  karbon: ClientListRow[];
}

/** k distinct active links for each side, chosen by QuickBooks id so runs are comparable. */
export function chooseEdits(links: readonly ClientListRow[], k: number): EditPlan {
  const active = links
    .filter((l) => l.status === 'active')
    .sort(
      (a, b) =>
        Number(a.quickBooksId) - Number(b.quickBooksId) || a.quickBooksId.localeCompare(b.quickBooksId),
    );
  // Spread over the whole list rather than the first ids only.
  const step = Math.max(1, Math.floor(active.length / (2 * k)));
  const picked = active.filter((_, i) => i % step === 0).slice(0, 2 * k);
  return { quickbooks: picked.filter((_, i) => i % 2 === 0), karbon: picked.filter((_, i) => i % 2 === 1) };
}

/** A US number no generated record holds (the generator never uses area code 971). */
function phone(round: number, i: number): string {
  return `(971) 55${round % 10}-${String(i % 10_000).padStart(4, '0')}`;
}

const EDIT_CONCURRENCY = 4;

export async function applyEdits(
  url: string,
  tokensPath: string,
  plan: EditPlan,
  round: number,
): Promise<void> {
  const services = await connectSandbox(url, tokensPath);
  await mapLimit(plan.quickbooks, EDIT_CONCURRENCY, async (link, i) => {
    const customer = await services.quickbooks.getCustomer(link.quickBooksId);
    await services.quickbooks.updateCustomer(
      customer.id,
      customer.syncToken,
      { phoneWork: phone(round, i) },
      { requestId: randomUUID(), kind: customer.contact.kind },
    );
  });
  await mapLimit(plan.karbon, EDIT_CONCURRENCY, async (link, i) => {
    await services.karbon.updateRecord(link.karbonKind, link.karbonKey, {
      phoneMobile: phone(round + 5, i),
    });
  });
}
