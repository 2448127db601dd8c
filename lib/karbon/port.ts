// KarbonPort over HTTP (lib/sync/ports.ts). Request patterns follow shared/spec/karbon-api.md;
// docs/clients.md explains the choices (paging order, create retries, writing from what was read).
import type { Contact } from '../contact';
import { BadResponseError, ConflictError, NotFoundError, ServiceUnavailableError } from '../errors';
import { systemClock } from '../http';
import { type FieldProblem, rejectProblems } from '../quickbooks/limits';
import type { KarbonKind, KarbonPort, KarbonRecord, KarbonSummary } from '../sync/ports';
import { KarbonClient, type KarbonClientOptions, type KarbonCredentials, odataString } from './client';
import { karbonProblems } from './limits';
import {
  applyToCard,
  cardChanges,
  type KarbonFullRecord,
  newCard,
  primaryCard,
  type RecordChanges,
  summaryToKarbonSummary,
  toKarbonRecord,
} from './mapper';
import {
  type BusinessCard,
  ContactRecordSchema,
  ContactSummarySchema,
  OrganizationRecordSchema,
  OrganizationSummarySchema,
  TenantSettingsSchema,
} from './schema';
import { compareKarbonTimes } from './time';
import { KarbonWriteBasis } from './write-basis';

export interface KarbonPortOptions extends Omit<KarbonClientOptions, 'credentials'> {
  credentials?: KarbonClientOptions['credentials'];
  bearerToken?: string;
  accessKey?: string;
  /** Karbon's API has no tenant name; shown when TenantSettings carries none. */
  tenantName?: string;
  /** Re-read-and-retry rounds after a 409 (4020) on update. */
  conflictRetries?: number;
  /** Create attempts when the outcome of one is unknown (each preceded by a lookup). */
  createAttempts?: number;
  /** How old a read may be for `updateRecord` to PUT from it (default SNAPSHOT_MAX_AGE_MS, write-basis.ts). */
  snapshotMaxAgeMs?: number;
}

const PATH: Record<KarbonKind, string> = { contact: 'Contacts', organization: 'Organizations' };
const UDI_LOOKUP: Record<KarbonKind, string> = {
  contact: 'GetContactByUserDefinedIdentifier',
  organization: 'GetOrganizationByUserDefinedIdentifier',
};
const PAGE = '100';
/** A full list read while records change can lose a row to shifting pages: read again, this many times at most. */
const LIST_PASSES = 3;

export function createKarbonPort(o: KarbonPortOptions): KarbonPort & {
  /** The connect check: one TenantSettings request (cached). */
  connection(): Promise<{ tenantName: string; contactTypes: string[] }>;
} {
  const { bearerToken, accessKey } = o;
  const credentials =
    o.credentials ??
    (bearerToken !== undefined && accessKey !== undefined
      ? (): KarbonCredentials => ({ bearerToken, accessKey })
      : undefined);
  if (!credentials)
    throw new TypeError('createKarbonPort needs `credentials` or `bearerToken` and `accessKey`');
  const client = new KarbonClient({ ...o, credentials });
  let settings: Promise<{ tenantName: string; contactTypes: string[] }> | null = null;
  const basis = new KarbonWriteBasis(o.clock ?? systemClock, o.snapshotMaxAgeMs);

  async function readRecord(kind: KarbonKind, url: URL): Promise<KarbonRecord | null> {
    const started = basis.readStarts();
    const full = await readFull(kind, url);
    return full ? basis.remember(full, started) : null;
  }

  const summaryRow = (kind: KarbonKind) =>
    kind === 'contact' ? ContactSummarySchema : OrganizationSummarySchema;

  async function listRows(
    kind: KarbonKind,
    options: Record<string, string>,
    keepGoing?: (rows: KarbonSummary[]) => boolean,
  ) {
    const first = client.url(PATH[kind], { ...options, $top: PAGE });
    const { rows, count } = await client.list(first, summaryRow(kind), (page) =>
      keepGoing ? keepGoing(page.map((r) => summaryToKarbonSummary(kind, r))) : true,
    );
    return { rows: rows.map((r) => summaryToKarbonSummary(kind, r)), count };
  }

  function parseFull(
    kind: KarbonKind,
    json: unknown,
    where: { method: 'GET' | 'POST'; url: URL },
  ): KarbonFullRecord {
    const res = { status: 200, headers: new Headers(), text: JSON.stringify(json) };
    return kind === 'contact'
      ? { kind, record: client.parse(res, where, ContactRecordSchema) }
      : { kind, record: client.parse(res, where, OrganizationRecordSchema) };
  }

  /**
   * A create's answer. Karbon answered 2xx, so the record exists: when the body cannot be read
   * (cut off, wrong shape) it is found by its identifier rather than reported as a failure.
   */
  async function readCreated(
    kind: KarbonKind,
    res: { status: number; headers: Headers; text: string },
    url: URL,
    udi: string,
  ): Promise<KarbonRecord> {
    const where = { method: 'POST' as const, url };
    const started = basis.readStarts();
    try {
      // The answer is the whole record as stored: a write right after it needs no read.
      return basis.remember(
        kind === 'contact'
          ? { kind, record: client.parse(res, where, ContactRecordSchema) }
          : { kind, record: client.parse(res, where, OrganizationRecordSchema) },
        started,
      );
    } catch (error) {
      if (!(error instanceof BadResponseError)) throw error;
      const existing = await findByUdi(kind, udi);
      if (existing) return existing;
      throw error;
    }
  }

  async function readFull(kind: KarbonKind, url: URL): Promise<KarbonFullRecord | null> {
    try {
      const schema = kind === 'contact' ? ContactRecordSchema : OrganizationRecordSchema;
      return parseFull(kind, await client.get(url, schema), { method: 'GET', url });
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  const recordUrl = (kind: KarbonKind, key: string) =>
    client.url(`${PATH[kind]}/${encodeURIComponent(key)}`, { $expand: 'BusinessCards' });

  async function findByUdi(kind: KarbonKind, udi: string): Promise<KarbonRecord | null> {
    const path = `${PATH[kind]}/${UDI_LOOKUP[kind]}(UserDefinedIdentifier=${encodeURIComponent(odataString(udi))})`;
    return readRecord(kind, client.url(path, { $expand: 'BusinessCards' }));
  }

  function personNameProblems(contact: Contact, kind: KarbonKind): FieldProblem[] {
    if (kind !== 'contact' || (contact.fields.firstName && contact.fields.lastName)) return [];
    return [
      {
        field: contact.fields.firstName ? 'lastName' : 'firstName',
        problem: 'not-allowed',
        message: 'Karbon needs both a first and a last name for a person',
      },
    ];
  }

  /** The PUT body: the record as read, less server fields, with the engine's fields changed. */
  function putBody(full: KarbonFullRecord, changes: RecordChanges): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(full.record)) {
      if (k.startsWith('@odata') || READ_ONLY.has(k)) continue;
      body[k] = v;
    }
    if (full.kind === 'contact') {
      if (changes.firstName !== undefined) body.FirstName = changes.firstName;
      if (changes.middleName !== undefined) body.MiddleName = changes.middleName;
      if (changes.lastName !== undefined) body.LastName = changes.lastName;
    } else if (changes.organizationName !== undefined) {
      body.FullName = changes.organizationName;
    }
    if (changes.contactType !== undefined) body.ContactType = changes.contactType;
    const onCard = cardChanges(changes);
    if (Object.keys(onCard).length === 0) {
      delete body.BusinessCards; // left out, Karbon keeps every card as it is
      return body;
    }
    const cards: BusinessCard[] = [...(full.record.BusinessCards ?? [])];
    const primary = primaryCard(cards);
    const i = primary ? cards.indexOf(primary) : -1;
    if (primary) cards[i] = applyToCard(primary, onCard);
    else
      cards.push(
        applyToCard({ IsPrimaryCard: true, EmailAddresses: [], PhoneNumbers: [], Addresses: [] }, onCard),
      );
    body.BusinessCards = cards;
    return body;
  }

  async function tenant() {
    settings ??= client
      .get(client.url('TenantSettings'), TenantSettingsSchema)
      .then((s) => ({
        tenantName: s.TenantName || o.tenantName || s.TenantKey || '',
        contactTypes: s.ContactTypes,
      }))
      .catch((error: unknown) => {
        settings = null;
        throw error;
      });
    return settings;
  }

  return {
    async listSummaries(kind, opts = {}) {
      if (opts.newestFirst) {
        // Newest first: a record edited meanwhile moves to the front, so nothing is skipped.
        const stop = opts.stopBefore;
        const older = (r: KarbonSummary) =>
          stop !== undefined && compareKarbonTimes(r.lastModified, stop) < 0;
        let read = 0;
        const { rows } = await listRows(kind, { $orderby: 'LastModifiedDateTime desc' }, (page) => {
          read += page.length;
          opts.onProgress?.(read);
          return !page.some(older);
        });
        return rows.filter((r) => !older(r));
      }
      // Oldest first: a record edited while pages are read moves to the end and pushes one row
      // back across a page boundary, out of sight. `@odata.count` tells; read again then.
      const byKey = new Map<string, KarbonSummary>();
      for (let pass = 0; pass < LIST_PASSES; pass++) {
        const { rows, count } = await listRows(kind, { $orderby: 'LastModifiedDateTime' }, (page) => {
          opts.onProgress?.(byKey.size + page.length);
          return true;
        });
        for (const r of rows) byKey.set(r.key, r);
        if (count === undefined || byKey.size >= count) break;
      }
      return [...byKey.values()].sort((a, b) => compareKarbonTimes(a.lastModified, b.lastModified));
    },

    async getRecord(kind, key) {
      return readRecord(kind, recordUrl(kind, key));
    },

    async createRecord(kind, contact, udi) {
      rejectProblems('karbon', [...karbonProblems(contact.fields), ...personNameProblems(contact, kind)]);
      const f = contact.fields;
      const card = newCard(f);
      const hasCard = Boolean(
        card.EmailAddresses?.length || card.PhoneNumbers?.length || card.Addresses?.length,
      );
      const body: Record<string, unknown> =
        kind === 'contact'
          ? { FirstName: f.firstName, MiddleName: f.middleName || undefined, LastName: f.lastName }
          : { FullName: f.organizationName };
      if (contact.contactType) body.ContactType = contact.contactType;
      body.UserDefinedIdentifier = udi;
      if (hasCard) body.BusinessCards = [card];
      const url = client.url(PATH[kind]);
      const attempts = Math.max(1, o.createAttempts ?? 3);
      let lastError: unknown;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          const res = await client.write('POST', url, body);
          return await readCreated(kind, res, url, udi);
        } catch (error) {
          // Timeout, dropped connection or 5xx (a duplicate UDI is a 500 with code 5001): the
          // first attempt may have created it. Look before creating again.
          if (!(error instanceof ServiceUnavailableError)) throw error;
          lastError = error;
          const existing = await findByUdi(kind, udi);
          if (existing) return existing;
        }
      }
      throw lastError;
    },

    findByUserDefinedIdentifier: findByUdi,

    async findByExternalKey(kind, quickBooksId) {
      const { rows } = await listRows(kind, { $filter: `ExternalKey eq ${odataString(quickBooksId)}` });
      return rows;
    },

    async updateRecord(kind, key, changes, opts = {}) {
      rejectProblems('karbon', karbonProblems(cardChanges(changes)));
      const rounds = 1 + Math.max(0, o.conflictRetries ?? 3);
      // The caller's read when it is ours and recent (the PUT echoes what the caller planned
      // against); else, and after a 409, the record as it is now.
      let based = basis.writable(kind, key, opts.basedOn);
      for (let round = 1; ; round++) {
        const full = based ?? (await readFull(kind, recordUrl(kind, key)));
        based = null;
        if (!full) throw new NotFoundError('karbon', `The Karbon ${kind} ${key} no longer exists`);
        const body = putBody(full, changes);
        try {
          await basis.putting(kind, key, () =>
            client.write('PUT', client.url(`${PATH[kind]}/${encodeURIComponent(key)}`), body),
          );
        } catch (error) {
          if (error instanceof ConflictError && round < rounds) continue;
          throw error;
        }
        const written: KarbonFullRecord =
          full.kind === 'contact'
            ? { kind: 'contact', record: { ...full.record, ...body } }
            : { kind: 'organization', record: { ...full.record, ...body } };
        return toKarbonRecord(written);
      }
    },

    async contactTypes() {
      return (await tenant()).contactTypes;
    },

    async tenantName() {
      return (await tenant()).tenantName;
    },

    connection: tenant,
  };
}

const READ_ONLY = new Set([
  'ContactKey',
  'OrganizationKey',
  'LastModifiedDateTime',
  'AvatarUrl',
  'ClientAccess',
  'Contacts',
]);
