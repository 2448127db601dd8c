// The emulated tenant in memory: records in creation order (the list's default order), an index
// of cards and of UserDefinedIdentifiers, and a version per record so racing writes can lose
// (409 code 4020) the way Karbon's optimistic concurrency makes them.
import type { KeyMaker } from './keys';
import type {
  EntityType,
  KarbonBusinessCard,
  KarbonContact,
  KarbonContactType,
  KarbonOrganization,
  KarbonState,
} from './state';

export type AnyRecord = KarbonContact | KarbonOrganization;

export interface Entry<R extends AnyRecord = AnyRecord> {
  rec: R;
  type: EntityType;
  /** Creation order. */
  seq: number;
  /** Bumped by every committed write. */
  version: number;
}

export function recordKey(r: AnyRecord): string {
  return 'ContactKey' in r ? r.ContactKey : r.OrganizationKey;
}

/** "First Middle Last" for a person (KarbonAPI.json examples), the name for an organization. */
export function fullNameOf(r: AnyRecord): string {
  if (!('ContactKey' in r)) return r.FullName;
  return [r.FirstName, r.MiddleName, r.LastName].filter((s) => s !== undefined && s !== '').join(' ');
}

const udiKey = (udi: string): string => udi.toLowerCase();

export class KarbonTenant {
  contactTypes: KarbonContactType[] = [];
  readonly contacts = new Map<string, Entry<KarbonContact>>();
  readonly organizations = new Map<string, Entry<KarbonOrganization>>();
  private readonly cards = new Map<string, Entry>();
  private readonly udis = new Map<string, Entry>();
  private seq = 0;

  constructor(readonly keys: KeyMaker) {}

  /** Replaces everything with an already normalized state. */
  load(state: KarbonState): void {
    this.contacts.clear();
    this.organizations.clear();
    this.cards.clear();
    this.udis.clear();
    this.contactTypes = state.ContactTypes.map((t) => ({ ...t }));
    for (const o of state.Organizations) this.insert('Organization', structuredClone(o));
    for (const c of state.Contacts) this.insert('Contact', structuredClone(c));
  }

  snapshot(): KarbonState {
    return structuredClone({
      ContactTypes: this.contactTypes,
      Contacts: [...this.contacts.values()].map((e) => e.rec),
      Organizations: [...this.organizations.values()].map((e) => e.rec),
    });
  }

  table(type: EntityType): Map<string, Entry> {
    return type === 'Contact' ? this.contacts : this.organizations;
  }

  get(type: EntityType, key: string): Entry | undefined {
    return this.table(type).get(key);
  }

  insert(type: EntityType, rec: AnyRecord): Entry {
    const entry: Entry = { rec, type, seq: this.seq++, version: 0 };
    this.table(type).set(recordKey(rec), entry);
    this.index(entry);
    return entry;
  }

  /** Commits a new version of an existing record. */
  replace(entry: Entry, rec: AnyRecord): void {
    this.unindex(entry);
    entry.rec = rec;
    entry.version++;
    this.index(entry);
  }

  card(key: string): { card: KarbonBusinessCard; owner: Entry } | undefined {
    const owner = this.cards.get(key);
    const card = owner?.rec.BusinessCards.find((c) => c.BusinessCardKey === key);
    return owner && card ? { card, owner } : undefined;
  }

  /** UserDefinedIdentifiers are unique per tenant, compared case-insensitively (as the lookup is). */
  udiHolder(udi: string): Entry | undefined {
    return this.udis.get(udiKey(udi));
  }

  /** A PermaKey no record or card uses yet. */
  newKey(): string {
    for (;;) {
      const key = this.keys.permaKey();
      if (!this.contacts.has(key) && !this.organizations.has(key) && !this.cards.has(key)) return key;
    }
  }

  private index(entry: Entry): void {
    for (const c of entry.rec.BusinessCards) this.cards.set(c.BusinessCardKey, entry);
    const udi = entry.rec.UserDefinedIdentifier;
    if (udi) this.udis.set(udiKey(udi), entry);
  }

  private unindex(entry: Entry): void {
    for (const c of entry.rec.BusinessCards) this.cards.delete(c.BusinessCardKey);
    const udi = entry.rec.UserDefinedIdentifier;
    if (udi && this.udis.get(udiKey(udi)) === entry) this.udis.delete(udiKey(udi));
  }
}
