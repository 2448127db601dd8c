// Karbon's own 2022 integration tests (its Postman collection, run by newman) for Contacts,
// Organizations and BusinessCards, against the sandbox. Where a 2022 request contradicts
// today's KarbonAPI.json the file wins: the request is adjusted (or left out) here, by name,
// never in the collection file; docs/sandbox-karbon.md lists each one and why.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/server';

const COLLECTION = new URL(
  '../../sandbox/karbon/reference/karbon-integration-tests-2022.postman.json',
  import.meta.url,
);
const FOLDERS = ['Organizations', 'BusinessCard', 'Contacts'];

interface NewmanSummary {
  run: {
    stats: { requests: { total: number; failed: number }; assertions: { total: number; failed: number } };
    failures: { error: { name: string; message: string; test?: string }; source?: { name?: string } }[];
    executions: { item: { name: string }; response?: { code: number } }[];
  };
}
type NewmanRun = (
  options: Record<string, unknown>,
  done: (err: Error | null, summary: NewmanSummary) => void,
) => void;
const newman = createRequire(import.meta.url)('newman') as { run: NewmanRun };

/** Requests whose 2022 body breaks a rule of today's OpenAPI file: [request name, from, to, why]. */
const ADJUSTED: [string, string, string, string][] = [
  [
    '#4350 Create Organization with CRM Fields',
    '"Label": "Test label"',
    '"Label": "Physical"',
    'address Label must be Physical, Mailing, Legal or Home',
  ],
  [
    '#4350 Create Organization with CRM Fields',
    '"GstBasis": "Invoice"',
    '"GstBasis": "Accruals"',
    'AccountingDetail.GstBasis must be Cash, Accruals, None or Close',
  ],
  ...[
    '#4350 Create Contact with extra CRM Fields',
    '#9155 Create Contact with Registration Numbers but no Notes',
    'Create Contact without notes or registration numbers',
  ].flatMap((name): [string, string, string, string][] => [
    [
      name,
      '"Label": "Test label"',
      '"Label": "Physical"',
      'address Label must be Physical, Mailing, Legal or Home',
    ],
    [
      name,
      '"Salutation": "The Dishonorable"',
      '"Salutation": "Dr"',
      'AccountingDetail.Salutation must be Mr, Mrs, Ms, Miss, Dr, Prof or Rev',
    ],
  ]),
  [
    '#4350 Create Contact with extra CRM Fields',
    '"Type": "Related People"',
    '"Type": "Owner"',
    'AccountingDetail.Notes[].Type must be Basic, Tax, System, Owner or Officer',
  ],
  [
    '#4350 Update Contact with extra CRM Fields',
    '"Label": "Test label update"',
    '"Label": "Physical"',
    'address Label must be Physical, Mailing, Legal or Home',
  ],
  [
    '#4350 Update Contact with extra CRM Fields',
    '"Label": "Work update"',
    '"Label": "Work"',
    'phone Label must be Work, Mobile, Office, Fax, Home or Other',
  ],
  [
    '#4350 Update Contact with extra CRM Fields',
    '"Salutation": "The Dishonorable update"',
    '"Salutation": "Dr"',
    'AccountingDetail.Salutation enum',
  ],
  [
    '#4350 Update Contact with extra CRM Fields',
    '"Type": "Related People"',
    '"Type": "Owner"',
    'AccountingDetail.Notes[].Type enum',
  ],
  [
    'Update Contact Business Card',
    '"Label": "Work update"',
    '"Label": "Work"',
    'phone Label must be Work, Mobile, Office, Fax, Home or Other',
  ],
  [
    'Update Organization Business Card',
    '"Label": "Work update"',
    '"Label": "Work"',
    'phone Label must be Work, Mobile, Office, Fax, Home or Other',
  ],
];

/** Left out: the sandbox emulates no Client Groups (the product never syncs them). */
const LEFT_OUT = ['Get Client Group BusinessCard', 'Update Client Group Business Card'];

interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  request?: { body?: { raw?: string } };
}

/**
 * A copy of the collection with the adjustments applied; throws when one no longer applies.
 * With `labels: false` the label changes are left out (for a sandbox accepting 2022's labels).
 */
function adjustedCollection(labels = true): { collection: { item: PostmanItem[] }; kept: number } {
  const collection = JSON.parse(readFileSync(COLLECTION, 'utf8')) as { item: PostmanItem[] };
  const adjustments = ADJUSTED.filter(([, from]) => labels || !from.startsWith('"Label"'));
  const unused = new Set(adjustments.map((a) => a.slice(0, 2).join(' → ')));
  let kept = 0;
  const walk = (items: PostmanItem[], inScope: boolean): PostmanItem[] =>
    items
      .filter((it) => !LEFT_OUT.includes(it.name))
      .map((it) => {
        const scoped = inScope || FOLDERS.includes(it.name);
        if (it.item) return { ...it, item: walk(it.item, scoped) };
        if (scoped) kept++;
        for (const [name, from, to] of adjustments) {
          const raw = it.request?.body?.raw;
          if (it.name !== name || raw === undefined || !raw.includes(from)) continue;
          it.request = { ...it.request, body: { ...it.request?.body, raw: raw.replaceAll(from, to) } };
          unused.delete([name, from].join(' → '));
        }
        return it;
      });
  const result = { collection: { ...collection, item: walk(collection.item, false) }, kept };
  if (unused.size > 0)
    throw new Error(`adjustments that no longer match the collection: ${[...unused].join('; ')}`);
  return result;
}

async function runAgainst(sandbox: { url: string }, labels: boolean): Promise<void> {
  const creds = (await (await fetch(`${sandbox.url}/__sandbox/credentials`)).json()) as {
    karbon: { bearerToken: string; accessKey: string };
  };
  const state = (await (await fetch(`${sandbox.url}/__sandbox/state`)).json()) as {
    karbon: {
      Contacts: { ContactKey: string; BusinessCards: { BusinessCardKey: string }[] }[];
      Organizations: { OrganizationKey: string; BusinessCards: { BusinessCardKey: string }[] }[];
    };
  };
  const person = state.karbon.Contacts.find((c) => c.BusinessCards.length > 0);
  const org = state.karbon.Organizations.find((o) => o.BusinessCards.length > 0);
  if (!person || !org) throw new Error('the demo needs a person and an organization with cards');
  const environment = {
    values: Object.entries({
      'public.api.baseurl': `${sandbox.url}/karbon`,
      'publicapi.authorization': `Bearer ${creds.karbon.bearerToken}`,
      'publicapi.accesskey': creds.karbon.accessKey,
      'public.api.businessCardPermaKey': person.BusinessCards[0]?.BusinessCardKey,
      'public.api.contactBusinessCard_permakey': person.ContactKey,
      'public.api.businessCardPermaKey_organization': org.BusinessCards[0]?.BusinessCardKey,
      'public.api.organizationBusinessCard_permakey': org.OrganizationKey,
    }).map(([key, value]) => ({ key, value, enabled: true })),
  };
  const { collection, kept } = adjustedCollection(labels);
  const summary = await new Promise<NewmanSummary>((resolve, reject) => {
    newman.run({ collection, environment, folder: FOLDERS, reporters: [] }, (err, s) =>
      err ? reject(err) : resolve(s),
    );
  });
  const failures = summary.run.failures.map(
    (f) => `${f.source?.name ?? '?'}: ${f.error.test ?? ''} ${f.error.message}`,
  );
  expect(failures).toEqual([]);
  expect(summary.run.stats.requests.total).toBe(kept);
  expect(summary.run.stats.assertions.total).toBeGreaterThan(kept);
}

describe("Karbon's 2022 Postman integration tests", () => {
  it('pass against the sandbox (Contacts, Organizations, BusinessCards)', async () => {
    const sandbox = await startSandbox({ port: 0 });
    try {
      await runAgainst(sandbox, true);
    } finally {
      await sandbox.close();
    }
  });

  it("pass without the label changes when the sandbox accepts 2022's free labels (karbonRules.offListLabels)", async () => {
    const sandbox = await startSandbox({ port: 0, config: { karbonRules: { offListLabels: 'accept' } } });
    try {
      await runAgainst(sandbox, false);
    } finally {
      await sandbox.close();
    }
  });
});
