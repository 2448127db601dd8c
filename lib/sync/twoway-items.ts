// Items that wait for a person, made by two-way runs: Karbon contacts being pushed that match
// QuickBooks only partly (origin 'karbon'), DisplayName clashes, and fields an undo could not
// restore. They live beside the planner's items in "Resolve duplicates" and share its rules:
// an unchanged item is not rewritten, a skipped one stays out until its record changes.
import { displayNameOf } from '../contact/model';
import type {
  CandidateRow,
  DuplicateClash,
  DuplicateRefusal,
  DuplicateRow,
  DuplicateUndo,
  ReviewReason,
  Side,
} from '../db/rows';
import { hashText } from './fingerprint';
import type { ExecContext } from './link-pair';
import { describeHolders } from './name-clash';
import type { KarbonRecord } from './ports';

/** What makes a Karbon record "changed" for a skipped item: its fields, name, kind and type. */
export function karbonFingerprint(r: KarbonRecord): string {
  return hashText(
    JSON.stringify([r.contact.kind, r.contact.contactType, displayNameOf(r.contact), r.contact.fields]),
  );
}

/** Who an item about a Karbon record is: the fields of ItemSpec that come from the record itself. */
export function karbonItemSource(record: KarbonRecord) {
  return {
    origin: 'karbon' as const,
    sourceId: record.key,
    sourceKind: record.contact.kind,
    name: displayNameOf(record.contact),
    email: record.contact.fields.email,
  };
}

export interface ItemSpec {
  origin: Side;
  sourceId: string;
  sourceKind: DuplicateRow['sourceKind'];
  name: string;
  email: string;
  why: ReviewReason;
  candidates: CandidateRow[];
  fingerprint: string;
  clash?: DuplicateClash;
  undo?: DuplicateUndo;
  refused?: DuplicateRefusal;
}

/** The item waiting for this record (open or skipped), if any. */
export async function currentItem(x: Pick<ExecContext, 'db'>, origin: Side, sourceId: string) {
  const rows = await x.db.duplicates.where('[origin+sourceId]').equals([origin, sourceId]).toArray();
  return rows.find((i) => i.status !== 'resolved');
}

function sameContent(a: DuplicateRow, b: ItemSpec): boolean {
  return (
    a.why === b.why &&
    a.name === b.name &&
    a.email === b.email &&
    a.fingerprint === b.fingerprint &&
    JSON.stringify([a.candidates, a.clash ?? null, a.undo ?? null, a.refused ?? null]) ===
      JSON.stringify([b.candidates, b.clash ?? null, b.undo ?? null, b.refused ?? null])
  );
}

/** Create, refresh or reopen the item; returns it, or null when a skipped item stays skipped. */
export async function upsertItem(x: ExecContext, spec: ItemSpec): Promise<DuplicateRow | null> {
  const existing = await currentItem(x, spec.origin, spec.sourceId);
  if (existing?.status === 'skipped' && existing.fingerprint === spec.fingerprint) return null;
  if (existing?.status === 'open' && sameContent(existing, spec)) return existing;
  const at = x.now().toISOString();
  const row: DuplicateRow = {
    id: existing?.id ?? x.newId(),
    origin: spec.origin,
    sourceId: spec.sourceId,
    sourceKind: spec.sourceKind,
    name: spec.name,
    email: spec.email,
    why: spec.why,
    candidates: spec.candidates,
    status: 'open',
    fingerprint: spec.fingerprint,
    createdAt: existing?.status === 'open' ? existing.createdAt : at,
    updatedAt: at,
    resolution: null,
    ...(spec.clash ? { clash: spec.clash } : {}),
    ...(spec.undo ? { undo: spec.undo } : {}),
    ...(spec.refused ? { refused: spec.refused } : {}),
  };
  await x.db.transaction('rw', [x.db.duplicates, x.db.changes], async () => {
    await x.db.duplicates.put(row);
    if (existing?.status !== 'open') {
      await x.recorder.change({
        action: 'review',
        side: 'link',
        quickBooksId: spec.origin === 'quickbooks' ? spec.sourceId : (spec.clash?.quickBooksId ?? null),
        karbonKey: spec.origin === 'karbon' ? spec.sourceId : null,
        karbonKind:
          spec.origin === 'karbon' ? (spec.sourceKind === 'organization' ? 'organization' : 'contact') : null,
        field: null,
        before: null,
        after: null,
        note: `${spec.name}: waits in Resolve duplicates (${explain(spec)})`,
      });
    }
  });
  return row;
}

function explain(spec: ItemSpec): string {
  if (spec.clash)
    return `QuickBooks already has ${describeHolders(spec.clash.holders)}; suggested name "${spec.clash.suggestion}"`;
  if (spec.undo) return `${spec.undo.field} was edited again after the run: now "${spec.undo.current}"`;
  if (spec.refused) return spec.refused.sentence;
  return `${spec.why}, ${spec.candidates.length} candidate${spec.candidates.length === 1 ? '' : 's'}`;
}

/** Close the open item of a record that no longer needs a person (linked by other means, gone). */
export async function closeItemOf(
  x: ExecContext,
  origin: Side,
  sourceId: string,
  action: 'automatic' | 'source-gone',
): Promise<void> {
  const item = await currentItem(x, origin, sourceId);
  if (item?.status !== 'open') return;
  const at = x.now().toISOString();
  await x.db.duplicates.put({
    ...item,
    status: 'resolved',
    updatedAt: at,
    resolution: { action, candidateId: null, runId: x.recorder.id, at },
  });
}
