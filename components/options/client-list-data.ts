// The client list's search, sort and CSV, kept apart from the table so they are tested as data.
import Papa from 'papaparse';
import { norm } from '../../lib/contact/keys';
import type { ClientListRow } from '../../lib/sync/engine';
import { fieldWords } from '../field-words';

export type SortKey = 'quickBooks' | 'karbon' | 'email' | 'linkedAt' | 'lastSyncedAt' | 'differences';
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export function searchText(r: ClientListRow): string {
  return norm(`${r.quickBooks.name} ${r.karbon.name} ${r.quickBooks.email} ${r.karbon.email}`);
}

const compareText = new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare;

function sortValue(r: ClientListRow, key: SortKey): string | number {
  switch (key) {
    case 'quickBooks':
      return r.quickBooks.name;
    case 'karbon':
      return r.karbon.name;
    case 'email':
      return r.quickBooks.email || r.karbon.email;
    case 'linkedAt':
      return r.linkedAt;
    case 'lastSyncedAt':
      return r.lastSyncedAt ?? '';
    case 'differences':
      return r.differences.length;
  }
}

/** Rows whose names or emails contain every word typed (case, accents of width and spacing folded). */
export function filterAndSort(
  rows: readonly ClientListRow[],
  query: string,
  sort: Sort,
  index?: Map<ClientListRow, string>,
): ClientListRow[] {
  const words = norm(query).split(' ').filter(Boolean);
  const matched =
    words.length === 0
      ? [...rows]
      : rows.filter((r) => {
          const text = index?.get(r) ?? searchText(r);
          return words.every((w) => text.includes(w));
        });
  const sign = sort.dir === 'asc' ? 1 : -1;
  return matched.sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
    return c * sign;
  });
}

export function linkedWords(r: ClientListRow): string {
  if (r.linkedBy === 'person') return 'By a person';
  switch (r.how) {
    case 'created-in-karbon':
      return 'Created in Karbon';
    case 'created-in-quickbooks':
      return 'Created in QuickBooks';
    case 'external-key':
      return 'Karbon’s QuickBooks link';
    case 'identifier':
      return 'Automatically (found again)';
    default:
      return 'Automatically (exact match)';
  }
}

/** CSV of what the table shows, for a spreadsheet. No ids that mean nothing to a person but the two record ids. */
export function clientListCsv(rows: readonly ClientListRow[]): string {
  return Papa.unparse(
    rows.map((r) => ({
      'QuickBooks name': r.quickBooks.name,
      'Karbon name': r.karbon.name,
      'QuickBooks email': r.quickBooks.email,
      'Karbon email': r.karbon.email,
      Linked: linkedWords(r),
      'Linked at': r.linkedAt,
      'Last synced': r.lastSyncedAt ?? '',
      Status: r.status,
      Differences: r.differences
        .map((d) => `${fieldWords(d.field)}: QuickBooks "${d.quickbooks}" / Karbon "${d.karbon}"`)
        .join('; '),
      'QuickBooks id': r.quickBooksId,
      'Karbon key': r.karbonKey,
    })),
    // A name like "=HYPERLINK(...)" must stay text when the file is opened in a spreadsheet.
    { escapeFormulae: true },
  );
}

export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
