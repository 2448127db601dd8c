// Resolve Duplicates compares every field of a waiting item with each candidate (ui.md: "each
// field row marked equal / different / missing"). The item rows hold only names and first emails,
// so the records are read in full here, when a card is shown: one request per Karbon record, one
// query for QuickBooks candidates. Nothing is written.
import type { SyncDatabase } from '../db/database';
import type { ItemRecords, RecordView } from '../messaging/types';
import type { KarbonPort, KarbonRecord, QuickBooksCustomer, QuickBooksPort } from '../sync/ports';
import { UserFacingError } from './user-error';

export interface ItemRecordsDeps {
  db: SyncDatabase;
  quickBooks: () => Promise<QuickBooksPort>;
  karbon: () => Promise<KarbonPort>;
}

function fromCustomer(c: QuickBooksCustomer): RecordView {
  return {
    id: c.id,
    side: 'quickbooks',
    kind: c.contact.kind,
    fields: c.contact.fields,
    contactType: '',
    lastModified: c.lastUpdated || null,
    active: c.active,
  };
}

function fromKarbon(r: KarbonRecord): RecordView {
  return {
    id: r.key,
    side: 'karbon',
    kind: r.contact.kind,
    fields: r.contact.fields,
    contactType: r.contact.contactType,
    lastModified: r.lastModified || null,
    active: !r.archived,
  };
}

export async function readItemRecords(deps: ItemRecordsDeps, itemId: string): Promise<ItemRecords> {
  const item = await deps.db.duplicates.get(itemId);
  // Waiting or skipped (a skipped item can still be decided); a resolved one is history.
  if (!item || item.status === 'resolved')
    throw new UserFacingError('This item is no longer waiting: it was already decided.');
  const candidates: ItemRecords['candidates'] = {};
  const [quickBooks, karbon] = await Promise.all([deps.quickBooks(), deps.karbon()]);
  if (item.origin === 'quickbooks') {
    const source = await quickBooks.getCustomer(item.sourceId);
    for (const c of item.candidates) {
      const kind = c.kind === 'organization' ? 'organization' : 'contact';
      const r = await karbon.getRecord(kind, c.id);
      candidates[c.id] = r ? fromKarbon(r) : null;
    }
    return { itemId, source: fromCustomer(source), candidates };
  }
  const kind = item.sourceKind === 'organization' ? 'organization' : 'contact';
  const source = await karbon.getRecord(kind, item.sourceId);
  const found = new Map(
    (await quickBooks.getCustomers(item.candidates.map((c) => c.id))).map((c) => [c.id, c]),
  );
  for (const c of item.candidates) {
    const customer = found.get(c.id);
    candidates[c.id] = customer ? fromCustomer(customer) : null;
  }
  return { itemId, source: source ? fromKarbon(source) : null, candidates };
}
