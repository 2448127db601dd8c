// The engine over the version-keeping fakes (twoway-fakes.ts) that the two-way unit and property
// tests start from (not used at run time).
import { type ContactFields, makeContact } from '../contact/model';
import type { SyncDatabase } from '../db/database';
import { openMemoryDatabase } from '../db/node';
import { createEngine } from './create-engine';
import type { Engine } from './engine';
import { FakeTime, TwoWayKarbon, TwoWayQuickBooks } from './twoway-fakes';

export interface TwoWayFirm {
  time: FakeTime;
  quickbooks: TwoWayQuickBooks;
  karbon: TwoWayKarbon;
  db: SyncDatabase;
  engine: Engine;
}

/** Both services on one clock, `seed` adds their records, and an engine over a fresh database. */
export async function twoWayFirm(
  seed: (quickbooks: TwoWayQuickBooks, karbon: TwoWayKarbon) => void = () => {},
): Promise<TwoWayFirm> {
  const time = new FakeTime();
  const quickbooks = new TwoWayQuickBooks(time);
  const karbon = new TwoWayKarbon(time);
  seed(quickbooks, karbon);
  const db = await openMemoryDatabase();
  let n = 0;
  const engine = createEngine({
    db,
    quickbooks,
    karbon,
    now: () => new Date(time.ms),
    newId: () => `id-${++n}`,
  });
  return { time, quickbooks, karbon, db, engine };
}

/** Ada Lovelace, the same person on both sides: customer 1 in QuickBooks, Client contact KA in Karbon. */
export function addAda(
  quickbooks: TwoWayQuickBooks,
  karbon: TwoWayKarbon,
  fields: Partial<ContactFields> = { phoneWork: '555 0100' },
): void {
  const ada = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', ...fields };
  quickbooks.add('1', makeContact('person', ada));
  karbon.add('contact', makeContact('person', ada, 'Client'), 'KA');
}
