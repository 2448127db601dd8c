// The query language, paging, CDC and batch of the QuickBooks emulator (qbo-notes §4, §6, §7).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultOf, type QboHarness, RELAXED, startQboHarness } from './sandbox-qbo-helpers';

let h: QboHarness;

/** 150 active customers, 5 inactive, a sub-customer; names sort in reverse of their ids. */
function company(realmId: string) {
  const Customer: Record<string, unknown>[] = Array.from({ length: 155 }, (_, i) => ({
    Id: String(i + 1),
    DisplayName: `Client ${String(999 - i).padStart(3, '0')}`,
    PrimaryEmailAddr: { Address: `client${i + 1}@${i % 2 === 0 ? 'even' : 'odd'}.example` },
    ...(i >= 150 ? { Active: false } : {}),
  }));
  Customer.push({ Id: '156', DisplayName: 'Fitout Job', ParentRef: { value: '1' } });
  return {
    qbo: {
      realmId,
      Customer,
      Vendor: [{ DisplayName: 'Paper Co' }, { DisplayName: 'Ink Co', Active: false }],
      Employee: [],
    },
  };
}

beforeAll(async () => {
  h = await startQboHarness({ config: RELAXED });
  expect((await h.control('PUT', '/state', company(h.creds.qbo.realmId))).status).toBe(200);
});
afterAll(() => h.close());

type Page = {
  QueryResponse: {
    Customer?: { Id: string; DisplayName: string }[];
    startPosition?: number;
    maxResults?: number;
    totalCount?: number;
  };
};

async function query(q: string, raw = false): Promise<Response> {
  return h.qbo(`/query?query=${raw ? q : encodeURIComponent(q)}`);
}

async function rows(q: string): Promise<Page['QueryResponse']> {
  const res = await query(q);
  expect(res.status, q).toBe(200);
  return ((await res.json()) as Page).QueryResponse;
}

describe('query grammar', () => {
  it('keywords and entity names are case-insensitive; + decodes to a space', async () => {
    const a = await rows("select * from customer where displayname = 'Client 999'");
    const b = await rows("SELECT * FROM Customer WHERE DisplayName = 'Client 999'");
    expect(a).toEqual(b);
    expect(a.Customer?.map((c) => c.Id)).toEqual(['1']);
    const plus = await query("select+*+from+Customer+where+DisplayName+%3D+'Client+998'", true);
    expect(((await plus.json()) as Page).QueryResponse.Customer?.[0]?.Id).toBe('2');
  });

  it('ORDERBY and ORDER BY, ASC/DESC, several keys; STARTPOSITION and MAXRESULTS in either order', async () => {
    const asc = await rows('select * from Customer orderby DisplayName maxresults 3 startposition 1');
    expect(asc.Customer?.map((c) => c.DisplayName)).toEqual(['Client 850', 'Client 851', 'Client 852']);
    const desc = await rows(
      "select * from Customer where DisplayName like 'Client%' order by DisplayName desc, Id startposition 2 maxresults 2",
    );
    expect(desc.Customer?.map((c) => c.DisplayName)).toEqual(['Client 998', 'Client 997']);
  });

  it('operators = < > <= >= IN LIKE; strings compare case-insensitively', async () => {
    expect((await rows("select count(*) from Customer where Id < '11'")).totalCount).toBe(10);
    expect((await rows('select count(*) from Customer where Id >= 100 and Id <= 109')).totalCount).toBe(10);
    expect((await rows("select count(*) from Customer where Id IN ('1', '2', '999')")).totalCount).toBe(2);
    expect((await rows("select count(*) from Customer where DisplayName LIKE 'client 99%'")).totalCount).toBe(
      10,
    );
    expect(
      (await rows("select count(*) from Customer where PrimaryEmailAddr LIKE '%@EVEN.example'")).totalCount,
    ).toBe(75);
    expect(
      (await rows("select count(*) from Customer where PrimaryEmailAddr = 'client3@even.example'"))
        .totalCount,
    ).toBe(1);
    expect((await rows("select * from Customer where DisplayName = 'O\\'Brien'")).Customer).toBeUndefined();
  });

  it('MetaData.LastUpdatedTime is filterable and sortable', async () => {
    await h.control('POST', '/clock', { advanceMs: 5000 });
    const touched = await h.qbo('/customer', {
      body: { Id: '7', SyncToken: '0', sparse: true, Notes: 'touched' },
    });
    const stamp = ((await touched.json()) as { Customer: { MetaData: { LastUpdatedTime: string } } }).Customer
      .MetaData.LastUpdatedTime;
    const since = await rows(`select * from Customer where MetaData.LastUpdatedTime >= '${stamp}'`);
    expect(since.Customer?.map((c) => c.Id)).toEqual(['7']);
    const latest = await rows('select * from Customer orderby Metadata.LastUpdatedTime desc maxresults 1');
    expect(latest.Customer?.[0]?.Id).toBe('7');
  });

  it('POST /query takes the statement as an application/text body', async () => {
    const res = await h.qbo('/query', {
      method: 'POST',
      body: 'select count(*) from Customer',
      headers: { 'content-type': 'application/text' },
    });
    expect(await res.json()).toMatchObject({ QueryResponse: { totalCount: 151 } });
  });

  it('vendors are queried the same way, active only by default', async () => {
    const res = await query('select * from Vendor');
    expect(await res.json()).toMatchObject({
      QueryResponse: { Vendor: [{ DisplayName: 'Paper Co' }], maxResults: 1 },
    });
  });

  it('syntax errors are 4000 "Error parsing query" with a QueryParserError detail', async () => {
    const cases: [string, RegExp][] = [
      ["select * from Customer where Id = '1' or Id = '2'", /Encountered " "or" "or "" at line 1, column 39/],
      ['select from Customer', /Encountered " "from" "from "" at line 1, column 8/],
      ['select * from Customer where', /Encountered "<EOF>"/],
      ["select * from Customer where DisplayName = 'open", /Lexical error/],
      ['select * from Customer where Id != 1', /Lexical error|Encountered/],
      ['', /Encountered "<EOF>" at line 1, column 1/],
      ['select * from Customer maxresults ten', /<INTEGER>/],
    ];
    for (const [q, detail] of cases) {
      const res = await query(q);
      expect(res.status, q).toBe(400);
      const fault = await faultOf(res);
      expect(fault, q).toMatchObject({ code: '4000', Message: 'Error parsing query' });
      expect(fault.Detail, q).toMatch(/^QueryParserError: /);
      expect(fault.Detail, q).toMatch(detail);
    }
  });

  it('unknown entities and properties are 4001 "Invalid query"', async () => {
    const cases: [string, RegExp][] = [
      ['select * from Invoice', /Invoice/],
      ["select * from Customer where Colour = 'red'", /Property Colour not found for Entity Customer/],
      ["select * from Customer where Notes = 'x'", /Notes is not queryable/],
      ['select * from Customer orderby PrimaryEmailAddr', /not sortable/],
      ["select * from Customer where Active = 'maybe'", /Invalid value/],
      ['select * from Customer startposition 0', /STARTPOSITION/],
      ['select * from Customer maxresults 0', /MAXRESULTS/],
    ];
    for (const [q, detail] of cases) {
      const fault = await faultOf(await query(q));
      expect(fault, q).toMatchObject({ code: '4001', Message: 'Invalid query' });
      expect(fault.Detail, q).toMatch(detail);
    }
  });
});

describe('paging', () => {
  it('defaults to 100 rows from position 1; maxResults counts the rows of this page', async () => {
    const page = await rows('select * from Customer');
    expect(page).toMatchObject({ startPosition: 1, maxResults: 100 });
    expect(page.Customer).toHaveLength(100);
    expect(page.Customer?.[0]?.Id).toBe('1');
    const rest = await rows('select * from Customer startposition 101');
    expect(rest).toMatchObject({ startPosition: 101, maxResults: 51 });
  });

  it('MAXRESULTS above 1000 is served as 1000; past the end is an empty QueryResponse', async () => {
    const customers = Array.from({ length: 1200 }, (_, i) => ({ DisplayName: `Bulk ${i}` }));
    await h.control('PUT', '/state', { qbo: { realmId: h.creds.qbo.realmId, Customer: customers } });
    try {
      expect((await rows('select * from Customer maxresults 5000')).maxResults).toBe(1000);
      expect(await rows('select * from Customer startposition 1201')).toEqual({});
    } finally {
      await h.control('PUT', '/state', company(h.creds.qbo.realmId));
    }
  });

  it('COUNT(*) ignores paging; inactive customers only when the query names Active', async () => {
    expect(await rows('select count(*) from Customer maxresults 1')).toEqual({ totalCount: 151 });
    expect((await rows('select count(*) from Customer where Active = false')).totalCount).toBe(5);
    expect((await rows('select count(*) from Customer where Active IN (true, false)')).totalCount).toBe(156);
  });

  it('sub-customers are returned with Job and ParentRef', async () => {
    const page = await rows("select * from Customer where DisplayName = 'Fitout Job'");
    expect(page.Customer?.[0]).toMatchObject({
      Job: true,
      ParentRef: { value: '1' },
      FullyQualifiedName: 'Client 999:Fitout Job',
    });
  });
});

describe('change data capture', () => {
  type Cdc = { CDCResponse: { QueryResponse: Record<string, unknown>[] }[]; time: string };
  const now = async () => Date.parse(((await h.control('GET', '/clock')).json as { now: string }).now);
  const cdc = (params: string) => h.qbo(`/cdc?${params}`);

  it('returns changes since a time in the real envelope, one QueryResponse per entity', async () => {
    await h.control('POST', '/clock', { advanceMs: 10_000 });
    const since = new Date((await now()) - 1000).toISOString();
    await h.qbo('/customer', { body: { Id: '9', SyncToken: '0', sparse: true, Active: false } });
    const res = await cdc(`entities=Customer,Vendor&changedSince=${encodeURIComponent(since)}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Cdc;
    expect(body.time).toEqual(expect.any(String));
    expect(body.CDCResponse).toHaveLength(1);
    expect(body.CDCResponse[0]?.QueryResponse).toEqual([
      { Customer: [expect.objectContaining({ Id: '9', Active: false })], startPosition: 1, maxResults: 1 },
      {},
    ]);
  });

  it('refuses changedSince older than 30 days, and missing or bad parameters', async () => {
    const old = new Date((await now()) - 31 * 24 * 3600 * 1000).toISOString();
    const tooOld = await cdc(`entities=Customer&changedSince=${encodeURIComponent(old)}`);
    expect(tooOld.status).toBe(400);
    expect((await faultOf(tooOld)).Detail).toMatch(/30 days/);
    expect((await cdc('entities=Customer')).status).toBe(400);
    expect((await cdc(`changedSince=${encodeURIComponent(new Date().toISOString())}`)).status).toBe(400);
    expect((await cdc('entities=Customer&changedSince=yesterday')).status).toBe(400);
    expect(
      (await cdc(`entities=Invoice&changedSince=${encodeURIComponent(new Date().toISOString())}`)).status,
    ).toBe(400);
  });

  it('answers at most 1000 objects, the oldest changes first', async () => {
    const customers = Array.from({ length: 1100 }, (_, i) => ({ DisplayName: `Changed ${i}` }));
    await h.control('PUT', '/state', { qbo: { realmId: h.creds.qbo.realmId, Customer: customers } });
    try {
      const since = new Date((await now()) - 60_000).toISOString();
      const body = (await (
        await cdc(`entities=Customer&changedSince=${encodeURIComponent(since)}`)
      ).json()) as Cdc;
      const list = body.CDCResponse[0]?.QueryResponse[0]?.Customer as unknown[];
      expect(list).toHaveLength(1000);
    } finally {
      await h.control('PUT', '/state', company(h.creds.qbo.realmId));
    }
  });
});

describe('batch', () => {
  const batch = (items: unknown[], query = '') =>
    h.qbo(`/batch${query}`, { body: { BatchItemRequest: items } });

  it('more than 30 items, a missing or repeated bId refuse the whole batch', async () => {
    const many = Array.from({ length: 31 }, (_, i) => ({
      bId: `q${i}`,
      Query: 'select count(*) from Customer',
    }));
    expect((await batch(many)).status).toBe(400);
    expect((await batch(many.slice(0, 30))).status).toBe(200);
    expect((await batch([{ Query: 'select * from Customer' }])).status).toBe(400);
    expect(
      (
        await batch([
          { bId: 'a', Query: 'x' },
          { bId: 'a', Query: 'y' },
        ])
      ).status,
    ).toBe(400);
  });

  it('items fail one by one with their own Fault; the batch answers 200', async () => {
    const res = await batch([
      { bId: 'del', operation: 'delete', Customer: { Id: '1', SyncToken: '0' } },
      { bId: 'bad', Query: 'select nonsense' },
      { bId: 'new', operation: 'create', Customer: { DisplayName: 'Made In Batch' } },
      { bId: 'upd', operation: 'update', Customer: { Id: '157', SyncToken: '0', sparse: true, Notes: 'x' } },
      { bId: 'ven', operation: 'create', Vendor: { DisplayName: 'V' } },
    ]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { BatchItemResponse: Record<string, unknown>[]; time: string };
    expect(body.time).toEqual(expect.any(String));
    expect(body.BatchItemResponse).toEqual([
      { bId: 'del', Fault: { Error: [expect.objectContaining({ code: '500' })], type: 'ValidationFault' } },
      { bId: 'bad', Fault: { Error: [expect.objectContaining({ code: '4000' })], type: 'ValidationFault' } },
      { bId: 'new', Customer: expect.objectContaining({ Id: '157', DisplayName: 'Made In Batch' }) },
      // 157 was created by this very batch, so the update cannot see it.
      { bId: 'upd', Fault: { Error: [expect.objectContaining({ code: '610' })], type: 'ValidationFault' } },
      { bId: 'ven', Fault: { Error: [expect.objectContaining({ code: '500' })], type: 'ValidationFault' } },
    ]);
  });

  it('with a requestid (≤36 chars) bIds may hold at most 10 characters, and the batch replays', async () => {
    expect(
      (await batch([{ bId: 'elevenchars', Query: 'select * from Customer' }], '?requestid=b-1')).status,
    ).toBe(400);
    expect(
      (await batch([{ bId: 'q', Query: 'select * from Customer' }], `?requestid=${'r'.repeat(37)}`)).status,
    ).toBe(400);
    const item = [{ bId: 'mk', operation: 'create', Customer: { DisplayName: 'Batch Replay' } }];
    const first = await (await batch(item, '?requestid=b-2')).text();
    expect(await (await batch(item, '?requestid=b-2')).text()).toBe(first);
  });
});
