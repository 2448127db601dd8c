// KarbonPort over HTTP (lib/sync/ports.ts). Request patterns follow shared/spec/karbon-api.md;
// docs/clients.md explains the choices (paging order, create retries, writing from what was read).
import { BadResponseError, ConflictError, NotFoundError, ServiceUnavailableError } from '../errors';
import { systemClock } from '../http';
import { rejectProblems } from '../quickbooks/limits';
import type { KarbonKind, KarbonPort, KarbonRecord, KarbonSummary } from '../sync/ports';
import { KarbonClient, type KarbonClientOptions, type KarbonCredentials, odataString } from './client';
import { karbonProblems, personNameProblems } from './limits';
import { cardChanges, type KarbonFullRecord, summaryToKarbonSummary, toKarbonRecord } from './mapper';
import {
  ContactRecordSchema,
  ContactSummarySchema,
  OrganizationRecordSchema,
  OrganizationSummarySchema,
  TenantSettingsSchema,
} from './schema';
import { compareKarbonTimes } from './time';
import { KarbonWriteBasis } from './write-basis';
import { createBody, putBody } from './write-body';

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
      const full: KarbonFullRecord =
        kind === 'contact'
          ? { kind, record: client.parse(res, where, ContactRecordSchema) }
          : { kind, record: client.parse(res, where, OrganizationRecordSchema) };
      return basis.remember(full, started);
    } catch (error) {
      if (!(error instanceof BadResponseError)) throw error;
      const existing = await findByUdi(kind, udi);
      if (existing) return existing;
      throw error;
    }
  }

  async function readFull(kind: KarbonKind, url: URL): Promise<KarbonFullRecord | null> {
    try {
      return kind === 'contact'
        ? { kind, record: await client.get(url, ContactRecordSchema) }
        : { kind, record: await client.get(url, OrganizationRecordSchema) };
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
      const body = createBody(kind, contact, udi);
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
