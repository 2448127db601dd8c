import { describe, expect, it } from 'vitest';
import type { ChangeRow } from '../db/rows';
import { countChanges } from './run-counts';

type C = Pick<ChangeRow, 'action' | 'side' | 'quickBooksId' | 'karbonKey' | 'karbonKind' | 'conflict'>;
const change = (
  action: C['action'],
  side: C['side'],
  q: string | null,
  k: string | null,
  more: Partial<C> = {},
): C => ({
  action,
  side,
  quickBooksId: q,
  karbonKey: k,
  karbonKind: k ? 'contact' : null,
  ...more,
});

describe('a run counted from its changes', () => {
  it('a create and the link that follows it count as one create, not a link', () => {
    expect(
      countChanges([
        change('create', 'karbon', '1', 'K1'),
        change('link', 'link', '1', 'K1'),
        change('link', 'link', '2', 'K2'),
      ]),
    ).toMatchObject({ createdInKarbon: 1, linked: 1 });
  });

  it('a customer created in QuickBooks for a Karbon contact: one create there, its link not counted', () => {
    expect(
      countChanges([change('create', 'quickbooks', '9', 'K9'), change('link', 'link', '9', 'K9')]),
    ).toMatchObject({ createdInQuickBooks: 1, linked: 0 });
  });

  it('updates count records, not fields; conflicts count fields', () => {
    expect(
      countChanges([
        change('update', 'karbon', '1', 'K1'),
        change('update', 'karbon', '1', 'K1', { conflict: true }),
        change('update', 'quickbooks', '1', 'K1'),
        change('update', 'quickbooks', '2', 'K2', { conflict: true }),
        change('update', 'quickbooks', '2', null),
      ]),
    ).toEqual({
      linked: 0,
      createdInKarbon: 0,
      createdInQuickBooks: 0,
      updatedInKarbon: 1,
      updatedInQuickBooks: 2,
      conflicts: 2,
    });
  });

  it('marks, reviews, skips and unlinks are not writes', () => {
    expect(
      countChanges([
        change('mark', 'link', '1', 'K1'),
        change('review', 'link', '2', null),
        change('skip', 'link', '3', null),
        change('unlink', 'link', '4', 'K4'),
      ]),
    ).toEqual({
      linked: 0,
      createdInKarbon: 0,
      createdInQuickBooks: 0,
      updatedInKarbon: 0,
      updatedInQuickBooks: 0,
      conflicts: 0,
    });
  });
});
