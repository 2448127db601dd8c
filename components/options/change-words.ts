// A run's changes as History says them: which record, what happened, before → after.
import type { ChangeEntry } from '../../lib/sync/engine';

/**
 * A change as History lists it: the engine's entry, plus the pair's names when the page knows
 * them (a field update's entry carries only ids).
 */
export type HistoryChange = ChangeEntry & { names?: { quickBooks: string; karbon: string } };

export function valueWords(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') {
    return (
      Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== '' && x !== null && x !== undefined)
        .map(([k, x]) => `${k}: ${String(x)}`)
        .join(', ') || '—'
    );
  }
  return String(v);
}

/** The name a whole-record value carries ("Carla Cruz", "Gamma Gardens Ltd"), if any. */
function nameOf(v: unknown): string | null {
  if (!v || typeof v !== 'object') return null;
  const r = v as Record<string, unknown>;
  const text = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : '');
  const name =
    text('organizationName') ||
    [text('firstName'), text('middleName'), text('lastName')].filter(Boolean).join(' ');
  return name || null;
}

const LINKED_HOW: Record<string, string> = {
  'exact-match': 'linked: exact match',
  'created-in-karbon': 'linked: created in Karbon',
  'created-in-quickbooks': 'linked: created in QuickBooks',
  'external-key': 'linked: Karbon’s own QuickBooks link',
  identifier: 'linked: found again by its identifier',
  person: 'linked by a person',
};

/** Why a conflict went the way it did (lib/sync/conflicts.ts ConflictReason). */
const CONFLICT_WHY: Record<string, string> = {
  policy: 'the conflict setting',
  'latest-edit': 'latest edit',
  'same-time': 'edited at the same moment',
  'blank-never-wins': 'a blank never replaces a value',
};

/** "conflict: Karbon won (latest-edit); the losing value "…" is kept here…" → "conflict: Karbon won (latest edit)". */
function conflictWords(note: string): string | null {
  const m = /^conflict: (QuickBooks|Karbon) won \(([a-z-]+)\)/.exec(note);
  return m ? `conflict: ${m[1]} won (${CONFLICT_WHY[m[2] ?? ''] ?? m[2]})` : null;
}

/** The record a field change concerns, by the name its side knows it by. */
function pairName(c: HistoryChange): string | null {
  if (!c.names) return null;
  return (c.side === 'karbon' ? c.names.karbon : c.names.quickBooks) || c.names.quickBooks || c.names.karbon;
}

/** Record and what happened: a created record is named by its values, other changes by their note. */
export function describeChange(c: HistoryChange): { record: string; what: string } {
  const name = nameOf(c.after) ?? nameOf(c.before);
  if (name) return { record: name, what: c.note || c.action };
  // Links are noted "<pair> (<how>[, by a person])".
  const link = c.action === 'link' ? /^(.*) \(([a-z-]+)(, by a person)?\)$/.exec(c.note) : null;
  if (link?.[1] && link[2])
    return {
      record: link[1],
      what: link[3] ? 'linked by a person' : (LINKED_HOW[link[2]] ?? `linked: ${link[2]}`),
    };
  // A field update's note says how, not whose: the pair's name comes from the page.
  if (c.action === 'update') {
    const record =
      pairName(c) ?? (c.side === 'karbon' ? `Karbon ${c.karbonKey}` : `QuickBooks ${c.quickBooksId}`);
    return { record, what: conflictWords(c.note) ?? (c.note || c.action) };
  }
  // Notes read "<record>: <what happened>" ("Alice Archer ⇄ Alice Archer: match removed by a person; …").
  const split = c.note.indexOf(': ');
  if (split > 0) return { record: c.note.slice(0, split), what: c.note.slice(split + 2) };
  return { record: c.note || c.quickBooksId || c.karbonKey || '—', what: c.action };
}

/** Before and after in words; a link's value is a Karbon key, said as such. */
export function changeValueWords(c: ChangeEntry): { before: string; after: string } {
  const words = (v: unknown) =>
    c.side === 'link' && typeof v === 'string' && v ? `Karbon ${v}` : valueWords(v);
  return { before: words(c.before), after: words(c.after) };
}

/** A change as one line of a run's summary: a Remove Match names the pair and who removed it. */
export function changeLine(c: ChangeEntry): string {
  const removed = c.action === 'unlink' ? /^(.*): match removed by a person/.exec(c.note) : null;
  if (removed) return `Remove Match: ${removed[1]}, by a person`;
  return c.note || `${c.action} ${c.quickBooksId ?? c.karbonKey ?? ''}`.trim();
}
