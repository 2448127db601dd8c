import { describe, expect, it } from 'vitest';
import { canonicalElement, quote } from './client';
import {
  BatchEnvelopeSchema,
  CdcEnvelopeSchema,
  CountEnvelopeSchema,
  CustomerQuerySchema,
  CustomerSchema,
} from './schema';

describe('QuickBooks wire schemas', () => {
  it('a query page carries the rows under the entity name', () => {
    const page = CustomerQuerySchema.parse({
      QueryResponse: {
        Customer: [{ Id: '1', SyncToken: '0', DisplayName: 'A' }],
        startPosition: 1,
        maxResults: 1,
      },
      time: '2026-01-01T00:00:00.000-08:00',
    });
    expect(page.QueryResponse.Customer?.[0]?.DisplayName).toBe('A');
  });

  it('an empty query answer is `QueryResponse: {}`', () => {
    expect(
      CustomerQuerySchema.parse({ QueryResponse: {}, time: 't' }).QueryResponse.Customer,
    ).toBeUndefined();
  });

  it('COUNT(*) answers with totalCount', () => {
    expect(
      CountEnvelopeSchema.parse({ QueryResponse: { totalCount: 42 }, time: 't' }).QueryResponse.totalCount,
    ).toBe(42);
  });

  it('a customer without an Id is refused', () => {
    expect(CustomerSchema.safeParse({ DisplayName: 'No id' }).success).toBe(false);
  });

  it('a customer field of the wrong type is refused', () => {
    expect(CustomerSchema.safeParse({ Id: '1', Active: 'yes' }).success).toBe(false);
  });

  it('CDC holds one QueryResponse per entity; deleted objects carry status and little else', () => {
    const cdc = CdcEnvelopeSchema.parse({
      CDCResponse: [
        {
          QueryResponse: [{ Customer: [{ Id: '5', status: 'Deleted', MetaData: { LastUpdatedTime: 'x' } }] }],
        },
      ],
      time: '2026-01-01T00:00:00.000-08:00',
    });
    expect(cdc.CDCResponse[0]?.QueryResponse?.[0]?.Customer?.[0]?.status).toBe('Deleted');
  });

  it('batch items answer one by one: an entity, a fault or a query', () => {
    const batch = BatchEnvelopeSchema.parse({
      BatchItemResponse: [
        { bId: '1', Customer: { Id: '1', SyncToken: '1' } },
        {
          bId: '2',
          Fault: { Error: [{ Message: 'Stale Object Error', code: '5010' }], type: 'ValidationFault' },
        },
        { bId: '3', QueryResponse: { Customer: [] } },
      ],
      time: 't',
    });
    expect(batch.BatchItemResponse[1]?.Fault?.Error[0]?.code).toBe('5010');
  });
});

describe('query values', () => {
  it.each([
    ["Amy's Bird Sanctuary", "'Amy\\'s Bird Sanctuary'"],
    ['back\\slash', "'back\\\\slash'"],
    ['plain', "'plain'"],
  ])('%s → %s', (value, quoted) => {
    expect(quote(value)).toBe(quoted);
  });
});

describe('fault elements as canonical fields', () => {
  it.each([
    ['PrimaryEmailAddr.Address', 'email'],
    ['DisplayName', 'displayName'],
    ['BillAddr.City', 'mailingCity'],
    ['ShipAddr.Line3', 'physicalLines'],
    ['Mobile.FreeFormNumber', 'phoneMobile'],
    ['Notes', 'Notes'],
    ['', ''],
  ])('%s → %s', (element, field) => {
    expect(canonicalElement(element)).toBe(field);
  });
});
