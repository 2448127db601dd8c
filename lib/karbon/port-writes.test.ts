// updateRecord writing from what the caller read (write-basis.ts): which requests it sends, what
// its PUT echoes, and every case in which it must read the record again first. A scripted fetch
// answers by route and counts; a stepping clock ages the reads.
import { describe, expect, it } from 'vitest';
import { makeContact } from '../contact';
import { ConflictError } from '../errors';
import { SteppingClock } from '../http/test-clock';
import { createKarbonPort } from './port';
import { SNAPSHOT_MAX_AGE_MS } from './write-basis';

const BASE = 'https://api.karbonhq.com/v3';

/** Jane as Karbon stores her; `phone` is her mobile, which a person may change meanwhile. */
function jane(phone = '0400 000 001', stamp = '2026-01-01T00:00:00Z') {
  return {
    ContactKey: 'jane00000001',
    FirstName: 'Jane',
    LastName: 'Doe',
    LastModifiedDateTime: stamp,
    BusinessCards: [
      {
        BusinessCardKey: 'card1',
        IsPrimaryCard: true,
        EmailAddresses: ['jane@doe.example'],
        PhoneNumbers: [{ PhoneNumberKey: 'ph1', Number: phone, Label: 'Mobile' }],
      },
      { BusinessCardKey: 'card2', IsPrimaryCard: false, EmailAddresses: ['jane@work.example'] },
    ],
  };
}

interface Sent {
  method: string;
  path: string;
  body: Record<string, unknown> | null;
}

/** A Karbon that answers GET with `stored()`, PUT with 204 (or the statuses queued in `putStatuses`). */
function scripted(opts: { stored?: () => unknown; putStatuses?: number[] } = {}) {
  const sent: Sent[] = [];
  const putStatuses = [...(opts.putStatuses ?? [])];
  const stored = opts.stored ?? (() => jane());
  const fetchFn = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : null;
    sent.push({ method, path: url.pathname.replace('/v3/', ''), body });
    const json = (status: number, value: unknown) =>
      new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if (method === 'PUT') {
      const status = putStatuses.shift() ?? 204;
      if (status === 409)
        return json(409, {
          error: { code: '4020', message: 'The resource was modified by another request.' },
        });
      return new Response(null, { status });
    }
    if (method === 'POST')
      return json(201, { ...jane(), ContactKey: 'new000000001', UserDefinedIdentifier: 'qbo-9' });
    return json(200, stored());
  };
  const clock = new SteppingClock();
  const make = () =>
    createKarbonPort({
      baseUrl: BASE,
      bearerToken: 'b',
      accessKey: 'k',
      fetch: fetchFn as unknown as typeof fetch,
      clock,
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
    });
  const routes = () => sent.map((s) => `${s.method} ${s.path}`);
  return { port: make(), make, sent, routes, clock };
}

const GET = 'GET Contacts/jane00000001';
const PUT = 'PUT Contacts/jane00000001';

describe('updateRecord from the record the caller just read', () => {
  it('PUTs without a GET of its own, echoing every card, phone key and value as read', async () => {
    const k = scripted();
    const read = await k.port.getRecord('contact', 'jane00000001');
    await k.port.updateRecord(
      'contact',
      'jane00000001',
      { email: 'jane@new.example' },
      { basedOn: read ?? undefined },
    );
    expect(k.routes()).toEqual([GET, PUT]);
    const cards = k.sent[1]?.body?.BusinessCards as Array<Record<string, unknown>>;
    expect(cards.map((c) => c.BusinessCardKey)).toEqual(['card1', 'card2']);
    expect(cards[0]?.EmailAddresses).toEqual(['jane@new.example']);
    expect(cards[0]?.PhoneNumbers).toEqual([
      { PhoneNumberKey: 'ph1', Number: '0400 000 001', Label: 'Mobile' },
    ]);
    expect(cards[1]?.EmailAddresses).toEqual(['jane@work.example']);
  });

  it('without basedOn: GET, change, PUT as before', async () => {
    const k = scripted();
    await k.port.updateRecord('contact', 'jane00000001', { email: 'jane@new.example' });
    expect(k.routes()).toEqual([GET, PUT]);
  });

  it(`a read older than ${SNAPSHOT_MAX_AGE_MS} ms is read again, and the PUT keeps what changed meanwhile`, async () => {
    let mobile = '0400 000 001';
    const k = scripted({ stored: () => jane(mobile) });
    const read = await k.port.getRecord('contact', 'jane00000001');
    expect(read?.snapshot?.fresh()).toBe(true);
    k.clock.current += SNAPSHOT_MAX_AGE_MS + 1;
    expect(read?.snapshot?.fresh()).toBe(false);
    mobile = '0400 999 999'; // a person's edit after our read
    await k.port.updateRecord(
      'contact',
      'jane00000001',
      { email: 'jane@new.example' },
      { basedOn: read ?? undefined },
    );
    expect(k.routes()).toEqual([GET, GET, PUT]);
    const cards = k.sent[2]?.body?.BusinessCards as Array<{ PhoneNumbers?: Array<{ Number: string }> }>;
    expect(cards[0]?.PhoneNumbers?.[0]?.Number).toBe('0400 999 999');
  });

  it('exactly at the bound it is still written from', async () => {
    const k = scripted();
    const read = await k.port.getRecord('contact', 'jane00000001');
    k.clock.current += SNAPSHOT_MAX_AGE_MS;
    await k.port.updateRecord(
      'contact',
      'jane00000001',
      { email: 'a@b.example' },
      { basedOn: read ?? undefined },
    );
    expect(k.routes()).toEqual([GET, PUT]);
  });

  it('a read is written from once: the same record handed back again is read first (our PUT changed it)', async () => {
    const k = scripted();
    const read = (await k.port.getRecord('contact', 'jane00000001')) ?? undefined;
    await k.port.updateRecord('contact', 'jane00000001', { email: 'a@b.example' }, { basedOn: read });
    await k.port.updateRecord('contact', 'jane00000001', { phoneWork: '02 1111 2222' }, { basedOn: read });
    expect(k.routes()).toEqual([GET, PUT, GET, PUT]);
  });

  it('a read that began before our own later PUT to the record is not written from', async () => {
    const k = scripted();
    const older = (await k.port.getRecord('contact', 'jane00000001')) ?? undefined;
    const newer = (await k.port.getRecord('contact', 'jane00000001')) ?? undefined;
    await k.port.updateRecord('contact', 'jane00000001', { email: 'a@b.example' }, { basedOn: newer });
    await k.port.updateRecord('contact', 'jane00000001', { phoneWork: '02 1111 2222' }, { basedOn: older });
    expect(k.routes()).toEqual([GET, GET, PUT, GET, PUT]);
  });

  it('a read of another port, another record, or a copy of the record is not written from', async () => {
    const k = scripted();
    const read = (await k.port.getRecord('contact', 'jane00000001')) ?? undefined;
    await k.make().updateRecord('contact', 'jane00000001', { email: 'a@b.example' }, { basedOn: read });
    const again = (await k.port.getRecord('contact', 'jane00000001')) ?? undefined;
    await k.port.updateRecord('contact', 'other0000001', { email: 'a@b.example' }, { basedOn: again });
    const third = await k.port.getRecord('contact', 'jane00000001');
    const copy = third ? { ...third } : undefined;
    expect(copy?.snapshot).toBeUndefined();
    expect(JSON.stringify(third)).not.toContain('snapshot');
    await k.port.updateRecord('contact', 'jane00000001', { email: 'a@b.example' }, { basedOn: copy });
    expect(k.routes()).toEqual([
      GET,
      GET,
      PUT,
      GET,
      'GET Contacts/other0000001',
      'PUT Contacts/other0000001',
      GET,
      GET,
      PUT,
    ]);
  });

  it('409 on a PUT from the caller’s read → the record is read again and the PUT carries the other writer’s value', async () => {
    let mobile = '0400 000 001';
    const k = scripted({ stored: () => jane(mobile), putStatuses: [409] });
    const read = (await k.port.getRecord('contact', 'jane00000001')) ?? undefined;
    mobile = '0400 777 777'; // the other writer that won the race
    await k.port.updateRecord('contact', 'jane00000001', { email: 'a@b.example' }, { basedOn: read });
    expect(k.routes()).toEqual([GET, PUT, GET, PUT]);
    const cards = k.sent[3]?.body?.BusinessCards as Array<{
      EmailAddresses?: string[];
      PhoneNumbers?: Array<{ Number: string }>;
    }>;
    expect(cards[0]?.PhoneNumbers?.[0]?.Number).toBe('0400 777 777');
    expect(cards[0]?.EmailAddresses).toEqual(['a@b.example']);
  });

  it('409 every time → ConflictError after the usual rounds', async () => {
    const k = scripted({ putStatuses: [409, 409, 409, 409] });
    const read = (await k.port.getRecord('contact', 'jane00000001')) ?? undefined;
    await expect(
      k.port.updateRecord('contact', 'jane00000001', { email: 'a@b.example' }, { basedOn: read }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(k.routes()).toEqual([GET, PUT, GET, PUT, GET, PUT, GET, PUT]);
  });

  it('a created record is written from its create answer (the whole record as stored)', async () => {
    const k = scripted();
    const made = await k.port.createRecord(
      'contact',
      makeContact('person', { firstName: 'Jane', lastName: 'Doe' }),
      'qbo-9',
    );
    await k.port.updateRecord('contact', made.key, { phoneWork: '02 1111 2222' }, { basedOn: made });
    expect(k.routes()).toEqual(['POST Contacts', 'PUT Contacts/new000000001']);
  });

  it('a value Karbon cannot hold is refused before any request, the read left unspent', async () => {
    const k = scripted();
    const read = (await k.port.getRecord('contact', 'jane00000001')) ?? undefined;
    await expect(
      k.port.updateRecord('contact', 'jane00000001', { physicalCountry: 'Narnia' }, { basedOn: read }),
    ).rejects.toMatchObject({ element: 'physicalCountry' });
    await k.port.updateRecord('contact', 'jane00000001', { email: 'a@b.example' }, { basedOn: read });
    expect(k.routes()).toEqual([GET, PUT]);
  });
});
