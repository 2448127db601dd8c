// Behaviours the sandbox cannot easily provoke, with a scripted fetch: rows shifting between
// pages while listing, and a next page on another host.
import { describe, expect, it, vi } from 'vitest';
import { makeContact } from '../contact';
import { BadResponseError } from '../errors';
import { createKarbonPort } from './port';

const BASE = 'https://api.karbonhq.com/v3';
/** `t`: a second of 2026-01-01, or a full Karbon time. */
const time = (t: string) => (t.includes('T') ? t : `2026-01-01T00:00:0${t}Z`);
const row = (key: string, t: string) => ({
  ContactKey: key,
  FullName: `P ${key}`,
  LastModifiedDateTime: time(t),
});
const page = (value: unknown[], count: number, next?: string) =>
  new Response(
    JSON.stringify({ '@odata.count': count, ...(next ? { '@odata.nextLink': next } : {}), value }),
    {
      status: 200,
      headers: { 'content-type': 'application/json' },
    },
  );

/** A port over a fetch that gives `answers` in turn (an Error is thrown, as a dropped connection is). */
function port(answers: (Response | Error)[]) {
  const urls: string[] = [];
  const headers: Headers[] = [];
  const fetchFn = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    urls.push(String(input));
    headers.push(new Headers(init?.headers));
    const next = answers.shift();
    if (next instanceof Error) throw next;
    if (!next) throw new Error('no more answers');
    return next;
  });
  const p = createKarbonPort({
    baseUrl: BASE,
    bearerToken: 'bearer-x',
    accessKey: 'key-y',
    fetch: fetchFn as unknown as typeof fetch,
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
  });
  return { p, urls, headers };
}

describe('Karbon listing', () => {
  it('asks oldest first, 100 a page, with both credentials on every request', async () => {
    const { p, urls, headers } = port([page([row('a', '1')], 1)]);
    await p.listSummaries('contact');
    expect(urls[0]).toBe(`${BASE}/Contacts?$orderby=LastModifiedDateTime&$top=100`);
    expect(headers[0]?.get('authorization')).toBe('Bearer bearer-x');
    expect(headers[0]?.get('accesskey')).toBe('key-y');
  });

  it('follows @odata.nextLink verbatim', async () => {
    const next = `${BASE}/Contacts?$orderby=LastModifiedDateTime&$top=100&$skip=100&$opaque=abc`;
    const { p, urls } = port([page([row('a', '1')], 2, next), page([row('b', '2')], 2)]);
    expect((await p.listSummaries('contact')).map((r) => r.key)).toEqual(['a', 'b']);
    expect(urls[1]).toBe(next);
  });

  it('a row pushed out of sight by an edit during paging is caught by reading again', async () => {
    // Pass 1: "c" was edited after page 1 was read, moved to the end, and "b" slid onto page 1.
    const pass1 = [
      page([row('a', '1'), row('c', '3')], 3, `${BASE}/Contacts?$skip=2`),
      page([row('c', '9')], 3),
    ];
    const pass2 = [
      page([row('a', '1'), row('b', '2')], 3, `${BASE}/Contacts?$skip=2`),
      page([row('c', '9')], 3),
    ];
    const { p } = port([...pass1, ...pass2]);
    const rows = await p.listSummaries('contact');
    expect(rows.map((r) => r.key)).toEqual(['a', 'b', 'c']);
    expect(rows.find((r) => r.key === 'c')?.lastModified).toBe(time('9'));
  });

  it('newest first stops at the high-water mark and leaves older rows out', async () => {
    const { p, urls } = port([
      page([row('z', '9'), row('y', '5'), row('x', '1')], 300, `${BASE}/Contacts?$skip=3`),
    ]);
    const rows = await p.listSummaries('contact', { newestFirst: true, stopBefore: time('5') });
    expect(rows.map((r) => r.key)).toEqual(['z', 'y']);
    expect(urls).toHaveLength(1);
    expect(urls[0]).toContain('$orderby=LastModifiedDateTime%20desc');
  });

  it('times compare as instants, not text: Karbon writes 0 to 7 fraction digits ("…:13Z" is before "…:13.5Z")', async () => {
    const t = (s: string) => `2026-01-01T00:00:${s}`;
    const newest = [
      row('late', t('13.72Z')),
      row('mid', t('13.5Z')),
      row('whole', t('13Z')),
      row('old', t('12.9999999Z')),
    ];
    const { p } = port([page(newest, 4)]);
    const rows = await p.listSummaries('contact', { newestFirst: true, stopBefore: t('13.2Z') });
    expect(rows.map((r) => r.key)).toEqual(['late', 'mid']);

    const { p: q } = port([page([...newest].reverse(), 4)]);
    const oldest = await q.listSummaries('contact');
    expect(oldest.map((r) => r.key)).toEqual(['old', 'whole', 'mid', 'late']);
    const { p: r } = port([page([row('b', t('13.0000002Z')), row('a', t('13.0000001Z'))], 2)]);
    expect((await r.listSummaries('contact')).map((x) => x.key)).toEqual(['a', 'b']);
  });

  it('a next page on another host is not followed (it would receive our keys)', async () => {
    const { p, urls } = port([page([row('a', '1')], 2, 'https://evil.example/v3/Contacts?$skip=1')]);
    await expect(p.listSummaries('contact')).rejects.toBeInstanceOf(BadResponseError);
    expect(urls).toHaveLength(1);
  });
});

describe('Karbon create after an unknown outcome', () => {
  it('a dropped connection → looked up by UserDefinedIdentifier → found, not created again', async () => {
    const found = new Response(
      JSON.stringify({
        ContactKey: 'k1',
        FirstName: 'A',
        LastName: 'B',
        UserDefinedIdentifier: 'qbo-1',
        BusinessCards: [],
      }),
      { status: 200 },
    );
    const { p, urls } = port([new TypeError('fetch failed'), found]);
    const r = await p.createRecord(
      'contact',
      makeContact('person', { firstName: 'A', lastName: 'B' }),
      'qbo-1',
    );
    expect(r.key).toBe('k1');
    expect(urls).toEqual([
      `${BASE}/Contacts`,
      `${BASE}/Contacts/GetContactByUserDefinedIdentifier(UserDefinedIdentifier='qbo-1')?$expand=BusinessCards`,
    ]);
  });
});
