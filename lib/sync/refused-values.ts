// Values one side holds and the other does not accept (product.md: "Values that the other side
// cannot hold … are reported, never silently cut"). For a record about to be created on the other
// side, such a value would be refused on every run: instead the record waits once in Resolve
// duplicates (reason `value-refused`) with one sentence saying what to correct and where, and a
// person's "create" on it is refused with that sentence. Pure: the same lists the ports check
// before sending (lib/karbon/limits.ts, lib/quickbooks/limits.ts), so no request is wasted.
import type { DuplicateRefusal, DuplicateRow, Side } from '../db/rows';
import type { RejectedWriteError } from '../errors';
import { karbonProblems } from '../karbon/limits';
import { FIELD_LABELS, type FieldProblem, quickBooksProblems } from '../quickbooks/limits';
import { describeError } from './describe-error';
import { quickBooksDisplayName } from './display-name';
import { contactForKarbon } from './karbon-name';
import type { KarbonKind, KarbonRecord, QuickBooksCustomer } from './ports';

const SERVICE = { quickbooks: 'QuickBooks', karbon: 'Karbon' } as const;
const OTHER: Record<Side, Side> = { quickbooks: 'karbon', karbon: 'quickbooks' };
/** Longer values are shortened in the sentence only; the record keeps them whole. */
const SHOWN_LENGTH = 80;

/** What Karbon would refuse in the customer's new record (none: it can be created). */
export function karbonCreateRefusal(c: QuickBooksCustomer, kind: KarbonKind): DuplicateRefusal | null {
  const fields = contactForKarbon(c, kind, '').fields;
  return refusalOf('karbon', karbonProblems(fields), (f) =>
    f === 'displayName' ? c.displayName : fields[f],
  );
}

/** What QuickBooks would refuse in the customer made for this Karbon record. */
export function quickBooksCreateRefusal(record: KarbonRecord, displayName?: string): DuplicateRefusal | null {
  const name = displayName ?? quickBooksDisplayName(record.contact).value;
  const fields = record.contact.fields;
  return refusalOf('quickbooks', quickBooksProblems({ ...fields, displayName: name }), (f) =>
    f === 'displayName' ? name : fields[f],
  );
}

/** A create the service refused for a reason only it could see: its own answer, as a sentence. */
export function refusalOfAnswer(err: RejectedWriteError): DuplicateRefusal {
  return { service: err.service, values: [], sentence: describeError(err) };
}

/**
 * The refusal an open item remembers for this very record (same fingerprint): a refusal only the
 * service could see is not sent again until the record changes.
 */
export function rememberedRefusal(
  item: DuplicateRow | undefined,
  fingerprint: string,
): DuplicateRefusal | null {
  if (item?.status !== 'open' || item.why !== 'value-refused' || !item.refused) return null;
  return item.fingerprint === fingerprint ? item.refused : null;
}

function refusalOf(
  service: Side,
  problems: FieldProblem[],
  heldValue: (field: FieldProblem['field']) => string,
): DuplicateRefusal | null {
  // One mention per field (a field can break two rules: the first said is enough to correct it).
  const byField = new Map<FieldProblem['field'], FieldProblem>();
  for (const p of problems) if (!byField.has(p.field)) byField.set(p.field, p);
  if (byField.size === 0) return null;
  const values = [...byField.values()].map((p) => ({ field: p.field, value: heldValue(p.field) }));
  const parts = [...byField.values()].map(
    (p) => `the ${label(p.field)} '${shown(heldValue(p.field))}'${detail(p)}`,
  );
  const sentence = `${SERVICE[service]} does not accept ${parts.join(' or ')} — correct ${parts.length > 1 ? 'them' : 'it'} in ${SERVICE[OTHER[service]]}.`;
  return { service, values, sentence };
}

function label(field: FieldProblem['field']): string {
  if (field === 'physicalLines') return 'physical address';
  if (field === 'mailingLines') return 'mailing address';
  return FIELD_LABELS[field].toLowerCase();
}

function shown(value: string): string {
  const one = value
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' / ');
  return [...one].length > SHOWN_LENGTH ? `${[...one].slice(0, SHOWN_LENGTH - 1).join('')}…` : one;
}

/** The limit broken, when the value alone does not show it ("21 characters; Karbon holds 20"). */
function detail(p: FieldProblem): string {
  if (p.field === 'email' && p.problem === 'not-allowed') return '';
  if (p.problem === 'not-convertible') return ' (not a country it knows)';
  const tail = p.message.slice(p.message.indexOf(': ') + 2);
  return tail && tail !== p.message ? ` (${tail})` : '';
}
