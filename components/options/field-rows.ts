// The rows of a duplicate card's comparison: each field of the waiting record beside the same
// field of every candidate, marked equal / different / missing. Before the records are read in
// full, the item's own name and email make the first two rows.
import type { ContactFields } from '../../lib/contact/model';
import type { RecordView } from '../../lib/messaging/types';
import {
  type Address,
  addressText,
  compareAddresses,
  compareEmails,
  comparePhones,
  compareValues,
  type FieldComparison,
} from './compare';

export interface Cell {
  value: string;
  /** null: nothing to compare with (a field only one service has, like Karbon's Contact Type). */
  result: FieldComparison | null;
  note?: string;
}

export interface FieldRow {
  id: string;
  label: string;
  source: string;
  cells: Cell[];
  /** Values are ISO times, shown relative with the absolute time on hover. */
  time?: boolean;
}

export interface ComparedRecord {
  /** From the item row: shown until (or unless) the record is read. */
  name: string;
  email: string;
  /** The record in full; null while not read, or when it no longer exists (`gone`). */
  view: RecordView | null;
  gone?: boolean;
}

const PHONES: Array<[keyof ContactFields, string]> = [
  ['phoneWork', 'Work phone'],
  ['phoneMobile', 'Mobile'],
  ['phoneOther', 'Other phone'],
  ['phoneFax', 'Fax'],
];

function nameOf(r: ComparedRecord): string {
  const v = r.view;
  if (!v) return r.name;
  if (v.kind === 'organization') return v.fields.organizationName || r.name;
  return [v.fields.firstName, v.fields.middleName, v.fields.lastName].filter(Boolean).join(' ') || r.name;
}

function address(v: RecordView | null, which: 'physical' | 'mailing'): Address {
  const f = v?.fields;
  return {
    lines: f?.[`${which}Lines`] ?? '',
    city: f?.[`${which}City`] ?? '',
    region: f?.[`${which}Region`] ?? '',
    postalCode: f?.[`${which}PostalCode`] ?? '',
    country: f?.[`${which}Country`] ?? '',
  };
}

const SIDE = { quickbooks: 'QuickBooks customer', karbon: 'Karbon' } as const;

function recordWords(v: RecordView): string {
  if (v.side === 'quickbooks') return `${SIDE.quickbooks} ${v.id}`;
  return `Karbon ${v.kind === 'organization' ? 'organization' : 'contact'} ${v.id}`;
}

function statusWords(v: RecordView | null): string {
  if (!v) return '';
  if (v.active) return 'Active';
  return v.side === 'quickbooks' ? 'Inactive' : 'Archived';
}

type Compare = (s: string, v: string, a: ComparedRecord, b: ComparedRecord) => Omit<Cell, 'value'>;

const plain =
  (fn: (a: string, b: string) => FieldComparison): Compare =>
  (s, v) => ({ result: fn(s, v) });
const shown: Compare = () => ({ result: null });

function addressCompare(which: 'physical' | 'mailing'): Compare {
  // Compared on the parts, not the text: a postal code that agrees is worth saying.
  return (_s, _v, a, b) => {
    const { result, samePostalCode } = compareAddresses(address(a.view, which), address(b.view, which));
    return samePostalCode ? { result, note: 'same postal code' } : { result };
  };
}

export function fieldRows(source: ComparedRecord, candidates: readonly ComparedRecord[]): FieldRow[] {
  const row = (
    id: string,
    label: string,
    value: (r: ComparedRecord) => string,
    compare: Compare,
    time = false,
  ): FieldRow => {
    const s = value(source);
    return {
      id,
      label,
      source: s,
      cells: candidates.map((c) =>
        c.gone
          ? { value: '', result: null, ...(id === 'name' ? { note: 'no longer exists' } : {}) }
          : // Blank on both sides is no difference: nothing to mark.
            !s.trim() && !value(c).trim()
            ? { value: '', result: null }
            : { value: value(c), ...compare(s, value(c), source, c) },
      ),
      ...(time ? { time } : {}),
    };
  };
  const rows: FieldRow[] = [
    row('name', 'Name', nameOf, plain(compareValues)),
    row('email', 'Email', (r) => r.view?.fields.email ?? r.email, plain(compareEmails)),
  ];
  const read = source.view !== null || candidates.some((c) => c.view !== null);
  if (!read) return rows;
  for (const [field, label] of PHONES)
    rows.push(row(field, label, (r) => r.view?.fields[field] ?? '', plain(comparePhones)));
  rows.push(
    row(
      'physical',
      'Physical address',
      (r) => addressText(address(r.view, 'physical')),
      addressCompare('physical'),
    ),
  );
  rows.push(
    row(
      'mailing',
      'Mailing address',
      (r) => addressText(address(r.view, 'mailing')),
      addressCompare('mailing'),
    ),
  );
  // Contact Type exists in Karbon only: shown to tell records apart, compared only Karbon to Karbon.
  rows.push(
    row(
      'contactType',
      'Contact Type',
      (r) => r.view?.contactType ?? '',
      (s, v) => ({
        result: s && v ? compareValues(s, v) : null,
      }),
    ),
  );
  if ([source, ...candidates].some((r) => r.view && !r.view.active))
    rows.push(row('status', 'Status', (r) => statusWords(r.view), shown));
  rows.push(row('lastModified', 'Last changed', (r) => r.view?.lastModified ?? '', shown, true));
  rows.push(row('record', 'Record', (r) => (r.view ? recordWords(r.view) : ''), shown));
  // A field blank everywhere says nothing; name and email always show.
  return rows.filter(
    (r) => r.id === 'name' || r.id === 'email' || r.source.trim() || r.cells.some((c) => c.value.trim()),
  );
}
