// The Karbon high-water mark (issue 4, incremental runs): a record stamped at the very instant
// of the mark — or a little before it, written by a Karbon server whose clock runs behind — after
// the run that set the mark had read the list, is still a new record for the next run.
import { describe, expect, it } from 'vitest';
import { makeContact } from '../contact/model';
import type { TwoWayKarbon } from './twoway-fakes';
import { addAda, twoWayFirm } from './twoway-firm';
import { readMarks } from './twoway-state';

async function firm() {
  const { quickbooks, karbon, db, engine } = await twoWayFirm((quickbooks, karbon) =>
    addAda(quickbooks, karbon, {}),
  );
  await engine.updateSettings({ pushTypes: ['Client'] });
  expect((await engine.runSync()).counts.linked).toBe(1);
  const mark = (await readMarks(db)).contact ?? '';
  expect(mark).not.toBe('');
  return { quickbooks, karbon, engine, mark };
}

/** A contact a person creates after the run read the list, with the stamp Karbon gave it. */
function createdAt(karbon: TwoWayKarbon, key: string, first: string, stamp: string) {
  karbon.add('contact', makeContact('person', { firstName: first, lastName: 'Hopper' }, 'Client'), key);
  const r = karbon.records.get(`contact:${key}`);
  if (!r) throw new Error('not added');
  r.lastModified = stamp;
}

describe('the Karbon high-water mark', () => {
  it.each([
    ['at the very instant of the mark', 0],
    ['half a second before it (a Karbon server whose clock runs behind)', -500],
  ])('a contact stamped %s is pushed by the next run', async (_label, offsetMs) => {
    const { quickbooks, karbon, engine, mark } = await firm();
    createdAt(karbon, 'KG', 'Grace', new Date(Date.parse(mark) + offsetMs).toISOString());
    const run = await engine.runSync();
    expect(run.counts.createdInQuickBooks).toBe(1);
    expect([...quickbooks.customers.values()].map((c) => c.displayName)).toContain('Grace Hopper');
  });

  it('rows read again because they sit at the mark cost nothing once the run that set the mark saw them', async () => {
    const { karbon, engine } = await firm();
    karbon.calls = [];
    await engine.runSync();
    karbon.calls = [];
    const quiet = await engine.runSync();
    expect(quiet.counts).toMatchObject({
      createdInQuickBooks: 0,
      updatedInKarbon: 0,
      updatedInQuickBooks: 0,
    });
    expect(karbon.calls).toEqual(['listSummaries:contact:newest', 'listSummaries:organization:newest']);
  });
});
