import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../db/node';
import type { DuplicateRow } from '../db/rows';
import { readDuplicates } from './queries';

function item(id: string, more: Partial<DuplicateRow>): DuplicateRow {
  return {
    id,
    origin: 'karbon',
    sourceId: `K${id}`,
    sourceKind: 'organization',
    name: 'Acme Ltd',
    email: '',
    why: 'partial',
    candidates: [],
    status: 'open',
    fingerprint: 'f',
    createdAt: `2026-03-01T09:00:0${id}Z`,
    updatedAt: `2026-03-01T09:00:0${id}Z`,
    resolution: null,
    ...more,
  };
}

describe('Resolve duplicates as the pages read it', () => {
  it('an item carries its clash and undo details: the page needs no row of its own', async () => {
    const db = await openMemoryDatabase();
    const clash = {
      purpose: 'create' as const,
      displayName: 'Acme Ltd',
      holders: [{ entity: 'Vendor' as const, id: '56', displayName: 'Acme Ltd' }],
      suggestion: 'Acme Ltd (Client)',
      quickBooksId: null,
    };
    const undo = {
      undoneRunId: 'run-1',
      changeId: 'change-1',
      side: 'karbon' as const,
      field: 'phoneWork' as const,
      quickBooksId: '1',
      karbonKey: 'K1',
      karbonKind: 'contact' as const,
      restore: '555 0',
      wrote: '555 1',
      current: '555 2',
    };
    await db.duplicates.bulkPut([
      item('1', { why: 'name-clash', clash }),
      item('2', { why: 'undo-edited-since', undo }),
      item('3', {}),
    ]);
    const items = await readDuplicates(db);
    expect(items.map((i) => [i.id, i.clash, i.undo])).toEqual([
      ['1', clash, undefined],
      ['2', undefined, undo],
      ['3', undefined, undefined],
    ]);
    // Plain data for messaging: no key set to undefined on an item without details.
    expect(Object.keys(items[2] ?? {})).not.toContain('clash');
    db.close();
  });
});
