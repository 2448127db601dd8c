import { describe, expect, it } from 'vitest';
import { odataString, readKarbonError } from './client';
import { ContactSummarySchema, listEnvelopeSchema, TenantSettingsSchema } from './schema';

describe('Karbon wire schemas', () => {
  it('TenantSettings contact types as objects', () => {
    const s = TenantSettingsSchema.parse({
      ContactTypes: [{ Name: 'Client', ContactTypeKey: 'k' }, { Name: 'Prospect' }],
    });
    expect(s.ContactTypes).toEqual(['Client', 'Prospect']);
  });

  it('TenantSettings contact types as plain strings', () => {
    expect(TenantSettingsSchema.parse({ ContactTypes: ['Individual', 'Business'] }).ContactTypes).toEqual([
      'Individual',
      'Business',
    ]);
  });

  it('a list page: rows, count, next link', () => {
    const page = listEnvelopeSchema(ContactSummarySchema).parse({
      '@odata.context': 'x',
      '@odata.count': 250,
      '@odata.nextLink': 'https://api.karbonhq.com/v3/Contacts?$skip=100',
      value: [
        {
          ContactKey: 'a',
          FullName: 'Jane Doe',
          EmailAddress: null,
          LastModifiedDateTime: '2026-01-01T00:00:00Z',
        },
      ],
    });
    expect(page['@odata.count']).toBe(250);
    expect(page.value[0]?.EmailAddress).toBeNull();
  });

  it('a summary row without its key is refused', () => {
    expect(ContactSummarySchema.safeParse({ FullName: 'x', LastModifiedDateTime: 'y' }).success).toBe(false);
  });
});

describe('Karbon error bodies', () => {
  it.each([
    [
      'an application error',
      409,
      '{"error":{"code":"4020","message":"The resource was modified"}}',
      '4020',
      'The resource was modified',
    ],
    [
      'a duplicate UDI (500)',
      500,
      '{"error":{"code":"5001","message":"User defined identifier already in use"}}',
      '5001',
      'User defined identifier already in use',
    ],
    [
      'a gateway error',
      429,
      '{"statusCode":"429","message":"Rate limit is exceeded. Try again in 10 seconds."}',
      '429',
      'Rate limit is exceeded. Try again in 10 seconds.',
    ],
    ['no JSON at all', 502, '<html>Bad gateway</html>', '', 'HTTP 502'],
  ])('%s', (_name, status, text, code, message) => {
    const e = readKarbonError({ status, text });
    expect([e.code, e.message]).toEqual([code, message]);
  });
});

describe('OData string literal', () => {
  it.each([
    ['qbo-1', "'qbo-1'"],
    ["O'Brien", "'O''Brien'"],
  ])('%s → %s', (value, literal) => {
    expect(odataString(value)).toBe(literal);
  });
});
