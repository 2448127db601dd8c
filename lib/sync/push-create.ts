// Creating a customer in QuickBooks for a Karbon record, so that no retry, restart or crash makes
// a second one: the intent (requestid and DisplayName) is stored before the POST, a retry sends the
// same requestid and name (QuickBooks replays the first answer), and the DisplayName is checked
// against customers, vendors and employees first — a clash, or a 6240, makes the record wait with
// the holders and a free name.
import type { IntentRow } from '../db/rows';
import { BadResponseError, NameClashError, RejectedWriteError, ServiceUnavailableError } from '../errors';
import { RefusedValueError } from './describe-error';
import { quickBooksDisplayName } from './display-name';
import { type ExecContext, linkPair } from './link-pair';
import { checkDisplayName, type NameClash } from './name-clash';
import type { KarbonKind, KarbonRecord, QuickBooksCustomer } from './ports';
import { quickBooksCreateRefusal, refusalOfAnswer } from './refused-values';
import { karbonFingerprint, karbonItemSource, upsertItem } from './twoway-items';

export function pushIntentId(kind: KarbonKind, key: string): string {
  return `create-quickbooks:${kind}:${key}`;
}

export interface CreateOptions {
  itemId: string | null;
  linkedBy: 'auto' | 'person';
  /** A name a person accepted (the suggestion of a clash); else the record's own name. */
  displayName?: string;
}

/** Create the record's customer and link it; a clash makes it wait instead. */
export async function createInQuickBooks(
  x: ExecContext,
  record: KarbonRecord,
  opts: CreateOptions,
): Promise<void> {
  const proposed = quickBooksDisplayName(record.contact);
  const wanted = opts.displayName ?? proposed.value;
  if (!wanted) {
    throw new RejectedWriteError(
      'quickbooks',
      'no-name',
      'The Karbon contact has no name to give the customer',
    );
  }
  const id = pushIntentId(record.kind, record.key);
  const previous = await x.db.intents.get(id);
  // An earlier attempt whose answer never came: sent again as it was (same requestid, same
  // name), QuickBooks replays it if it landed, so it can never make a second customer.
  const replay = previous?.status === 'pending' && previous.displayName ? previous : null;
  const displayName = replay?.displayName ?? wanted;
  if (!replay) {
    // A value QuickBooks does not accept: refused here with what to correct, nothing sent.
    const refused = quickBooksCreateRefusal(record, displayName);
    if (refused) throw new RefusedValueError(refused.sentence);
    const clash = await checkDisplayName(x.quickbooks, displayName, record.contact.kind);
    if (clash) return waitOnClash(x, record, clash);
  }
  const intent: IntentRow = {
    id,
    kind: 'create-quickbooks',
    runId: x.recorder.id,
    status: 'pending',
    createdAt: previous?.createdAt ?? x.now().toISOString(),
    attempts: (previous?.attempts ?? 0) + 1,
    quickBooksId: null,
    karbonKey: record.key,
    karbonKind: record.kind,
    identifier: replay?.identifier ?? x.newId(),
    linkedBy: opts.linkedBy,
    duplicateItemId: opts.itemId,
    error: null,
    displayName,
  };
  await x.db.intents.put(intent);
  let customer: QuickBooksCustomer;
  try {
    customer = await x.quickbooks.createCustomer(record.contact, {
      requestId: intent.identifier,
      displayName,
    });
  } catch (err) {
    // Fate unknown (no answer, or a 2xx cut off or unreadable: QuickBooks may have made it): the
    // intent stays pending, and the next attempt sends the same requestid and name, which
    // QuickBooks answers with the customer it made, so it is linked and recorded as created.
    if (err instanceof ServiceUnavailableError || err instanceof BadResponseError) throw err;
    await x.db.intents.put({ ...intent, status: 'failed', error: err instanceof Error ? err.name : 'Error' });
    if (err instanceof NameClashError) {
      const clash = await checkDisplayName(x.quickbooks, displayName, record.contact.kind);
      return waitOnClash(x, record, clash ?? { displayName, holders: [], suggestion: `${displayName} (2)` });
    }
    // Refused for a value only QuickBooks could judge: the record waits with QuickBooks' answer
    // rather than being sent again on every run; a person deciding sees the sentence.
    if (err instanceof RejectedWriteError && opts.linkedBy === 'auto') {
      await upsertItem(x, {
        ...karbonItemSource(record),
        why: 'value-refused',
        candidates: [],
        fingerprint: karbonFingerprint(record),
        refused: refusalOfAnswer(err),
      });
      return;
    }
    throw err;
  }
  await x.recorder.change({
    action: 'create',
    side: 'quickbooks',
    quickBooksId: customer.id,
    karbonKey: record.key,
    karbonKind: record.kind,
    field: null,
    before: null,
    after: Object.fromEntries(Object.entries(customer.contact.fields).filter(([, v]) => v !== '')),
    note: `created customer "${customer.displayName}" from the Karbon ${record.kind === 'organization' ? 'organization' : 'contact'} (Contact Type "${record.contact.contactType}")${proposed.changes.length && !opts.displayName ? `; ${proposed.changes.join('; ')}` : ''}`,
  });
  await linkPair(x, {
    customer,
    kind: record.kind,
    key: record.key,
    how: 'created-in-quickbooks',
    linkedBy: opts.linkedBy,
    itemId: opts.itemId,
    record,
    createdInKarbon: true,
  });
  await x.db.intents.put({ ...intent, status: 'done', quickBooksId: customer.id });
}

async function waitOnClash(x: ExecContext, record: KarbonRecord, clash: NameClash): Promise<void> {
  await upsertItem(x, {
    ...karbonItemSource(record),
    why: 'name-clash',
    candidates: [],
    fingerprint: clash.displayName,
    clash: {
      purpose: 'create',
      displayName: clash.displayName,
      holders: clash.holders.map((h) => ({ entity: h.entity, id: h.id, displayName: h.displayName })),
      suggestion: clash.suggestion,
      quickBooksId: null,
    },
  });
}
