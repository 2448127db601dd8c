// Resolve Duplicates compares every field: the background reads the item's record and each
// candidate in full, through the same ports the engine uses.
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '@/lib/db/node';
import type { CandidateRow } from '@/lib/db/rows';
import { readItemRecords } from '@/lib/extension/item-records';
import { UserFacingError } from '@/lib/extension/user-error';
import { FakeKarbon, FakeQuickBooks } from '@/lib/sync/fake-ports';
import { customer, itemRow, record } from '@/lib/sync/test-records';

const candidate = (id: string, kind: CandidateRow['kind']): CandidateRow => ({
  id,
  kind,
  name: 'Frank Ford',
  email: 'frank@ford.example',
  reasons: ['name', 'email'],
  score: 100,
  agreeing: [],
  linkedTo: null,
  unlinkedByPerson: false,
  externalKey: false,
});

async function world() {
  const db = await openMemoryDatabase();
  const frank = customer({
    id: '7',
    given: 'Frank',
    family: 'Ford',
    email: 'frank@ford.example',
    phone: '555 0107',
  });
  const quickbooks = new FakeQuickBooks([frank]);
  const first = record({
    key: 'K1',
    name: 'Frank Ford',
    first: 'Frank',
    last: 'Ford',
    email: 'frank@ford.example',
  });
  first.contact.fields.phoneWork = '(555) 0107';
  const second = record({
    key: 'K2',
    name: 'Frank Ford',
    first: 'Frank',
    last: 'Ford',
    email: 'frank@ford.example',
    contactType: 'Prospect',
  });
  second.contact.fields.phoneMobile = '555 0199';
  second.lastModified = '2026-02-02T00:00:00.000Z';
  const karbon = new FakeKarbon([first, second]);
  const deps = { db, quickBooks: async () => quickbooks, karbon: async () => karbon };
  return { db, quickbooks, karbon, deps };
}

describe('readItemRecords', () => {
  it('a QuickBooks customer and its Karbon candidates, every field, with Contact Type and last change', async () => {
    const { db, karbon, deps } = await world();
    await db.duplicates.put({
      ...itemRow('dup-frank', '7', 'open', 'f'),
      why: 'several-exact',
      candidates: [candidate('K1', 'contact'), candidate('K2', 'contact')],
    });
    const r = await readItemRecords(deps, 'dup-frank');
    expect(r.source).toMatchObject({ id: '7', side: 'quickbooks', kind: 'person', contactType: '' });
    expect(r.source?.fields.phoneWork).toBe('555 0107');
    expect(r.candidates.K1).toMatchObject({ id: 'K1', side: 'karbon', contactType: 'Client' });
    expect(r.candidates.K1?.fields.phoneWork).toBe('(555) 0107');
    expect(r.candidates.K2).toMatchObject({
      contactType: 'Prospect',
      lastModified: '2026-02-02T00:00:00.000Z',
    });
    expect(r.candidates.K2?.fields.phoneMobile).toBe('555 0199');
    expect(karbon.calls).toEqual(['getRecord', 'getRecord']);
  });

  it('a candidate gone from Karbon reads as null; the others still come', async () => {
    const { db, deps } = await world();
    await db.duplicates.put({
      ...itemRow('dup-gone', '7', 'open', 'f'),
      candidates: [candidate('K1', 'contact'), candidate('K9', 'contact')],
    });
    const r = await readItemRecords(deps, 'dup-gone');
    expect(r.candidates.K9).toBeNull();
    expect(r.candidates.K1?.id).toBe('K1');
  });

  it('a Karbon contact being pushed: the Karbon record and its QuickBooks candidates in one query', async () => {
    const { db, quickbooks, deps } = await world();
    await db.duplicates.put({
      ...itemRow('dup-push', 'K2', 'open', 'f'),
      origin: 'karbon',
      candidates: [candidate('7', 'customer')],
    });
    const r = await readItemRecords(deps, 'dup-push');
    expect(r.source).toMatchObject({ id: 'K2', side: 'karbon', contactType: 'Prospect' });
    expect(r.candidates['7']).toMatchObject({ id: '7', side: 'quickbooks', active: true });
    expect(quickbooks.calls).toEqual(['getCustomers']);
  });

  it('a skipped item can still be compared (it can still be decided)', async () => {
    const { db, deps } = await world();
    await db.duplicates.put({
      ...itemRow('dup-skip', '7', 'skipped', 'f'),
      candidates: [candidate('K1', 'contact')],
    });
    expect((await readItemRecords(deps, 'dup-skip')).candidates.K1?.id).toBe('K1');
  });

  it('an item already decided is refused in a sentence, without asking either service', async () => {
    const { db, quickbooks, karbon, deps } = await world();
    await db.duplicates.put(itemRow('dup-done', '7', 'resolved', 'f'));
    await expect(readItemRecords(deps, 'dup-done')).rejects.toThrow(UserFacingError);
    await expect(readItemRecords(deps, 'nope')).rejects.toThrow(/already decided|no longer waiting/);
    expect([...quickbooks.calls, ...karbon.calls]).toEqual([]);
  });
});
