// The Karbon side as the matching rules see it: every list row with its name and email keys,
// indexed by key. Keys come from the list summary (FullName, first email); when a record's
// details were fetched its exact keys are added to them. Details only ever add keys, so a
// candidate found from the summary is never lost by fetching it, and re-planning converges.

import {
  contactNameKeys,
  emailKeys,
  karbonOrganizationNameKeys,
  karbonSummaryPersonNameKeys,
} from '../contact/keys';
import { displayNameOf } from '../contact/model';
import type { KarbonKeysRow } from '../db/rows';
import { karbonRef } from './identity';
import type { KarbonKind, KarbonRecord, KarbonSummary } from './ports';

export interface KarbonView {
  ref: string;
  kind: KarbonKind;
  key: string;
  name: string;
  email: string;
  nameKeys: Set<string>;
  emailKeys: Set<string>;
  identifier: string;
  detailed: boolean;
}

export interface KarbonIndex {
  byRef: Map<string, KarbonView>;
  byName: Map<string, KarbonView[]>;
  byEmail: Map<string, KarbonView[]>;
  /** Lower-cased UserDefinedIdentifier → record. */
  byIdentifier: Map<string, KarbonView>;
}

function summaryNameKeys(s: KarbonSummary): Set<string> {
  return s.kind === 'organization'
    ? karbonOrganizationNameKeys(s.fullName)
    : karbonSummaryPersonNameKeys(s.fullName);
}

function push(map: Map<string, KarbonView[]>, key: string, view: KarbonView): void {
  const list = map.get(key);
  if (list) list.push(view);
  else map.set(key, [view]);
}

/**
 * @param details full records by karbonRef; null marks a record that no longer exists (404),
 *   which is then left out of matching.
 */
export function buildKarbonIndex(
  summaries: readonly KarbonSummary[],
  details: ReadonlyMap<string, KarbonRecord | null>,
  known: ReadonlyMap<string, KarbonKeysRow> = new Map(),
): KarbonIndex {
  const index: KarbonIndex = {
    byRef: new Map(),
    byName: new Map(),
    byEmail: new Map(),
    byIdentifier: new Map(),
  };
  for (const s of summaries) {
    const ref = karbonRef(s.kind, s.key);
    if (index.byRef.has(ref)) continue;
    const detail = details.get(ref);
    if (detail === null || detail?.archived) continue;
    const names = summaryNameKeys(s);
    const emails = emailKeys(s.email);
    if (detail) {
      for (const k of contactNameKeys(detail.contact)) names.add(k);
      for (const k of emailKeys(detail.contact.fields.email)) emails.add(k);
    }
    // Keys remembered from an earlier read of the same version of the record.
    const remembered = detail ? undefined : known.get(ref);
    const fresh = remembered !== undefined && remembered.lastModified === s.lastModified;
    if (fresh) {
      for (const k of remembered.nameKeys) names.add(k);
      for (const k of remembered.emailKeys) emails.add(k);
    }
    const view: KarbonView = {
      ref,
      kind: s.kind,
      key: s.key,
      name: detail ? displayNameOf(detail.contact) || s.fullName : s.fullName,
      email: s.email,
      nameKeys: names,
      emailKeys: emails,
      identifier: s.userDefinedIdentifier,
      detailed: detail !== undefined || fresh,
    };
    index.byRef.set(ref, view);
    for (const k of names) push(index.byName, k, view);
    for (const k of emails) push(index.byEmail, k, view);
    if (s.userDefinedIdentifier.trim())
      index.byIdentifier.set(s.userDefinedIdentifier.trim().toLowerCase(), view);
  }
  return index;
}

/** What a record's details add to matching, to remember (see KarbonKeysRow). */
export function detailKeys(record: KarbonRecord): { nameKeys: string[]; emailKeys: string[] } {
  return {
    nameKeys: [...contactNameKeys(record.contact)],
    emailKeys: [...emailKeys(record.contact.fields.email)],
  };
}

/** Records sharing a name key or an email key with the given keys, each with the reasons. */
export function candidatesFor(
  index: KarbonIndex,
  nameKeys: ReadonlySet<string>,
  emails: ReadonlySet<string>,
): Map<string, { view: KarbonView; name: boolean; email: boolean }> {
  const out = new Map<string, { view: KarbonView; name: boolean; email: boolean }>();
  const hit = (view: KarbonView, reason: 'name' | 'email') => {
    const entry = out.get(view.ref) ?? { view, name: false, email: false };
    entry[reason] = true;
    out.set(view.ref, entry);
  };
  for (const k of nameKeys) for (const v of index.byName.get(k) ?? []) hit(v, 'name');
  for (const k of emails) for (const v of index.byEmail.get(k) ?? []) hit(v, 'email');
  return out;
}
