import { faults } from './faults';
import type { JsonObject } from './fields';
import { resolveEntity } from './query-run';
import type { QboStore, StoredRecord } from './store';
import { parseQboTime, truncateToSecond } from './time';

const WINDOW_MS = 30 * 24 * 3600 * 1000;
const MAX_OBJECTS = 1000;

/**
 * GET /cdc?entities=Customer,Vendor&changedSince=ISO (qbo-notes §6): every record changed at
 * or after changedSince, inactive ones included, at most 1000 objects across all entities (the
 * oldest changes first, so a client can continue from the last one it saw).
 */
export function runCdc(store: QboStore, url: URL, nowMs: number): JsonObject {
  const entitiesText = url.searchParams.get('entities');
  if (!entitiesText) throw faults.requiredParam('entities', 'entities');
  const sinceText = url.searchParams.get('changedSince');
  if (!sinceText) throw faults.requiredParam('changedSince', 'changedSince');
  const since = parseQboTime(sinceText);
  if (since === null)
    throw faults.businessValidation(`changedSince ${sinceText} is not a valid date-time`, 'changedSince');
  if (since < nowMs - WINDOW_MS) {
    throw faults.businessValidation('changedSince must be within the last 30 days.', 'changedSince');
  }
  const entities = [...new Set(entitiesText.split(',').map((e) => resolveEntity(e.trim())))];
  const changed: StoredRecord[] = entities
    .flatMap((e) => store.list(e))
    .filter((r) => truncateToSecond(r.updatedMs) >= since)
    .sort((a, b) => a.updatedMs - b.updatedMs || a.id - b.id)
    .slice(0, MAX_OBJECTS);
  const responses = entities.map((entity) => {
    const rows = changed.filter((r) => r.entity === entity).map((r) => store.serialize(r));
    return rows.length === 0 ? {} : { [entity]: rows, startPosition: 1, maxResults: rows.length };
  });
  return { CDCResponse: [{ QueryResponse: responses }] };
}
