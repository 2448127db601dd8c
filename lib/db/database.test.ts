import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { exportState, importState, parseBackup } from './backup';
import { SyncDatabase } from './database';
import type { LinkRow } from './rows';
import { CURRENT_VERSION, SCHEMA_VERSIONS, type StoredRow, TABLES, type TableName } from './schema';
import { defaultSettings, readSettings, writeSettings } from './settings';

let n = 0;
const uniqueName = () => `db-test-${++n}-${Math.random().toString(36).slice(2)}`;
const open = (name: string, upTo?: number) => new SyncDatabase(name, { indexedDB, IDBKeyRange }, upTo);

const link: LinkRow = {
  quickBooksId: '58',
  karbonKey: 'AbCdEfGh1234',
  karbonKind: 'contact',
  linkedBy: 'auto',
  how: 'exact-match',
  linkedAt: '2026-01-02T03:04:05.000Z',
  linkedInRun: 'run-1',
  lastSyncedAt: '2026-01-02T03:04:05.000Z',
  status: 'active',
  statusSince: null,
  base: {
    firstName: { quickbooks: 'Ada', karbon: 'Ada' },
    physicalCountry: { quickbooks: 'United States', karbon: 'US' },
  },
  differences: [{ field: 'phoneWork', quickbooks: '555 0100', karbon: '555 0199' }],
  quickBooksName: 'Ada Lovelace',
  quickBooksEmail: 'ada@example.com',
  karbonName: 'Ada Lovelace',
  karbonEmail: 'ada@example.com',
  quickBooksSyncToken: '3',
  quickBooksUpdated: '2026-01-01T00:00:00.000Z',
  karbonModified: '2026-01-01T00:00:00.000Z',
};

/**
 * Rows written at a given version, and what they must look like once opened at the current one.
 * Each new schema version adds an entry here: its migration is then tested against real data.
 */
const fixtures: Record<
  number,
  { rows: Partial<Record<TableName, StoredRow[]>>; expected: Partial<Record<TableName, StoredRow[]>> }
> = {
  1: {
    rows: {
      links: [{ ...link, base: { firstName: 'Ada', lastName: 'Lovelace' } }],
      unlinks: [{ quickBooksId: '7', karbonKey: 'K7', at: '2026-01-01T00:00:00.000Z', runId: 'run-1' }],
      meta: [
        { key: 'settings', value: { newContactType: 'Prospect', firstLinkPolicy: 'keep-both' } },
        { key: 'firstSyncCompletedAt', value: '2026-01-01T00:00:00.000Z' },
      ],
    },
    expected: {
      links: [
        {
          ...link,
          base: {
            firstName: { quickbooks: 'Ada', karbon: 'Ada' },
            lastName: { quickbooks: 'Lovelace', karbon: 'Lovelace' },
          },
        },
      ],
      unlinks: [{ quickBooksId: '7', karbonKey: 'K7', at: '2026-01-01T00:00:00.000Z', runId: 'run-1' }],
      meta: [
        { key: 'firstSyncCompletedAt', value: '2026-01-01T00:00:00.000Z' },
        { key: 'settings', value: { newContactType: 'Prospect', firstLinkPolicy: 'fill-blanks' } },
      ],
    },
  },
  2: {
    rows: { links: [link as unknown as StoredRow] },
    expected: { links: [link as unknown as StoredRow], karbonKeys: [] },
  },
  3: {
    rows: {
      karbonKeys: [
        { ref: 'contact:K1', lastModified: 'x', nameKeys: ['ada lovelace'], emailKeys: ['a@x.io'] },
      ],
    },
    expected: {
      karbonKeys: [
        { ref: 'contact:K1', lastModified: 'x', nameKeys: ['ada lovelace'], emailKeys: ['a@x.io'] },
      ],
    },
  },
};

describe('database versions', () => {
  it('every version has a migration fixture', () => {
    for (const v of SCHEMA_VERSIONS)
      expect(fixtures[v.version], `fixture for version ${v.version}`).toBeDefined();
  });

  for (const v of SCHEMA_VERSIONS) {
    it(`a database written at version ${v.version} opens at version ${CURRENT_VERSION} with its rows migrated`, async () => {
      const name = uniqueName();
      const fixture = fixtures[v.version];
      if (!fixture) throw new Error(`no fixture for version ${v.version}`);
      const old = open(name, v.version);
      await old.open();
      expect(old.verno).toBe(v.version);
      for (const [table, rows] of Object.entries(fixture.rows)) await old.table(table).bulkPut(rows ?? []);
      old.close();

      const current = open(name);
      await current.open();
      expect(current.verno).toBe(CURRENT_VERSION);
      for (const [table, rows] of Object.entries(fixture.expected)) {
        expect(await current.table(table).toArray()).toEqual(rows);
      }
      current.close();
    });
  }

  it('the indexes the engine queries by exist', async () => {
    const db = open(uniqueName());
    await db.open();
    await db.links.put(link);
    expect(await db.links.where('karbonKey').equals('AbCdEfGh1234').count()).toBe(1);
    expect(await db.unlinks.where('quickBooksId').equals('58').count()).toBe(0);
    db.close();
  });
});

describe('settings', () => {
  it('an empty database reads the documented defaults', async () => {
    const db = open(uniqueName());
    await db.open();
    const s = await readSettings(db);
    expect(s).toEqual(defaultSettings);
    expect(s.newContactType).toBe('Client');
    expect(s.pushTypes).toEqual([]);
    expect(s.scheduleMinutes).toBe(15);
    expect(s.conflictPolicy).toBe('latest');
    expect(s.fuzzyReview).toBe(true);
    db.close();
  });

  it('a stored value that no longer parses falls back to its default, keeping the others', async () => {
    const db = open(uniqueName());
    await db.open();
    await db.meta.put({
      key: 'settings',
      value: { newContactType: 'Prospect', conflictPolicy: 'coin-toss' },
    });
    const s = await readSettings(db);
    expect(s.newContactType).toBe('Prospect');
    expect(s.conflictPolicy).toBe('latest');
    db.close();
  });

  it('writing a patch keeps the other settings and rejects bad values', async () => {
    const db = open(uniqueName());
    await db.open();
    await writeSettings(db, { pushTypes: ['Client', 'Prospect'] });
    const s = await writeSettings(db, { conflictPolicy: 'karbon' });
    expect(s.pushTypes).toEqual(['Client', 'Prospect']);
    expect(s.conflictPolicy).toBe('karbon');
    await expect(writeSettings(db, { newContactType: '  ' })).rejects.toThrow();
    db.close();
  });
});

describe('backup', () => {
  it('export then import into an empty database gives back every table', async () => {
    const a = open(uniqueName());
    await a.open();
    await a.links.put(link);
    await writeSettings(a, { newContactType: 'Prospect' });
    const backup = await exportState(a, new Date('2026-02-01T00:00:00Z'));
    expect(backup.schemaVersion).toBe(CURRENT_VERSION);
    expect(Object.keys(backup.tables).sort()).toEqual([...TABLES].sort());

    const b = open(uniqueName());
    await b.open();
    await b.links.put({ ...link, quickBooksId: '999' });
    await importState(b, JSON.parse(JSON.stringify(backup)));
    expect(await b.links.toArray()).toEqual([link]);
    expect((await readSettings(b)).newContactType).toBe('Prospect');
    a.close();
    b.close();
  });

  it.each([
    ['not an object', 'hello', /cannot be read/],
    [
      'another format',
      { format: 'x', schemaVersion: 1, exportedAt: '', tables: {} },
      /not a sync state backup/,
    ],
    [
      'a newer layout',
      { format: 'karbon-qbo-sync/state', schemaVersion: 999, exportedAt: '', tables: {} },
      /newer version/,
    ],
    [
      'an unknown table',
      { format: 'karbon-qbo-sync/state', schemaVersion: 1, exportedAt: '', tables: { x: [] } },
      /unknown tables: x/,
    ],
  ])('a backup that is %s is refused with a reason', (_label, input, message) => {
    expect(() => parseBackup(input)).toThrow(message);
  });

  it('a backup made at layout 1 is migrated on import like the database itself', async () => {
    const db = open(uniqueName());
    await db.open();
    const v1 = fixtures[1];
    const tables = Object.fromEntries(TABLES.map((t) => [t, v1?.rows[t] ?? []]));
    await importState(db, { format: 'karbon-qbo-sync/state', schemaVersion: 1, exportedAt: '', tables });
    expect(await db.links.toArray()).toEqual(v1?.expected.links);
    expect((await readSettings(db)).firstLinkPolicy).toBe('fill-blanks');
    db.close();
  });

  it('a refused import leaves the database as it was', async () => {
    const db = open(uniqueName());
    await db.open();
    await db.links.put(link);
    await expect(importState(db, { format: 'karbon-qbo-sync/state' })).rejects.toThrow();
    expect(await db.links.count()).toBe(1);
    db.close();
  });
});
