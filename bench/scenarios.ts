// The scenarios and the work each one has to do. The work comes from the generated firm's
// expectations (what the matching rules say a first sync must do) and from the sandbox's own
// data (what changed, what was written), never from the engine's plan, so a wasteful engine
// cannot lower its own bar.

import { MAX_DETAILED_CANDIDATES } from '../lib/sync/planner';
import type { DemoExpectations } from '../sandbox/demo';
import type { ReadWork, Work } from './minimum';
import type { Observed, ScenarioSpec } from './scenario';
import { changedSince, type StateDigest, sizesOf } from './work';

export interface Expected {
  links: number;
  creates: number;
  reviews: number;
  skipped: number;
  /** Links Karbon's own integration made (found by an ExternalKey lookup). */
  externalKeyLinks: number;
  /** Distinct candidates of the items to review (at most 10 per item). */
  candidateDetails: number;
}

export function expectedOf(e: DemoExpectations): Expected {
  const candidates = new Set(e.reviews.flatMap((r) => r.candidateKeys.slice(0, MAX_DETAILED_CANDIDATES)));
  return {
    links: e.links.length,
    creates: e.creates.length,
    reviews: e.reviews.length,
    skipped: e.skipped.length,
    externalKeyLinks: e.links.filter((l) => l.via === 'external-key').length,
    candidateDetails: candidates.size,
  };
}

/** When the last run began (sandbox clock): what changed after it is what the next run must read. */
export interface Timeline {
  lastRunStart: string | null;
  clock: () => Promise<string>;
}

function fullRead(d: StateDigest): ReadWork {
  const s = sizesOf(d);
  return { mode: 'full', ...s, changedCustomers: 0, changedKarbon: { contact: 0, organization: 0 } };
}

function incrementalRead(d: StateDigest, since: string): ReadWork {
  const changed = changedSince(d, since);
  return {
    ...fullRead(d),
    mode: 'incremental',
    changedCustomers: changed.customers,
    changedKarbon: changed.karbon,
  };
}

const NOTHING = {
  candidateDetails: 0,
  linkDetails: 0,
  changedDetails: 0,
  externalKeyLookups: 0,
  contactTypesCheck: false,
  karbonCreates: 0,
  karbonUpdates: { read: 0, unread: 0 },
  qboCreates: 0,
  qboUpdates: 0,
} satisfies Omit<Work, 'read'>;

function outcomeNotes(x: Expected, seen: Observed): string[] {
  const c = seen.report.counts;
  const notes: string[] = [];
  if (c.linked !== x.links) notes.push(`linked ${c.linked}, the matching rules expect ${x.links}`);
  if (c.createdInKarbon !== x.creates) notes.push(`created ${c.createdInKarbon}, expected ${x.creates}`);
  if (c.duplicates !== x.reviews) notes.push(`${c.duplicates} to review, expected ${x.reviews}`);
  return notes;
}

function commonNotes(seen: Observed, r: { countsAgree: boolean; status: string; errors: number }): string[] {
  const notes: string[] = [];
  if (!r.countsAgree) notes.push("the engine's request counts differ from the sandbox's log");
  if (r.status !== 'completed') notes.push('the run failed');
  if (r.errors > 0) notes.push(`${r.errors} errors: ${seen.report.errors[0]?.message ?? ''}`);
  return notes;
}

export function previewSpec(x: Expected): ScenarioSpec {
  return {
    name: 'preview',
    title: 'First sync: preview (reads only)',
    act: (engine) => engine.preview(),
    work: (seen) => ({
      ...NOTHING,
      read: fullRead(seen.before),
      candidateDetails: x.candidateDetails,
      externalKeyLookups: x.creates + x.reviews + x.externalKeyLinks,
    }),
    notes: (seen, r) => [...commonNotes(seen, r), ...outcomeNotes(x, seen)],
  };
}

export function firstRunSpec(x: Expected, t: Timeline): ScenarioSpec {
  return {
    name: 'first-sync',
    title: 'First sync: run',
    act: async (engine) => {
      t.lastRunStart = await t.clock();
      return engine.runSync();
    },
    work: (seen) => ({
      read: fullRead(seen.before),
      candidateDetails: x.candidateDetails,
      linkDetails: x.links,
      changedDetails: 0,
      externalKeyLookups: x.creates + x.reviews + x.externalKeyLinks,
      contactTypesCheck: x.creates > 0,
      // What was created: the fuzzy review may rightly hold back a few the exact rules would create.
      karbonCreates: seen.written.karbonCreated.contact + seen.written.karbonCreated.organization,
      // Blanks filled on first link: every such record was read in full for the link.
      karbonUpdates: {
        read: seen.written.karbonUpdated.contact + seen.written.karbonUpdated.organization,
        unread: 0,
      },
      qboCreates: 0,
      qboUpdates: seen.written.qboUpdated,
    }),
    notes: (seen, r) => {
      const notes = [...commonNotes(seen, r), ...outcomeNotes(x, seen)];
      const created = r.written.karbonCreated;
      if (created !== x.creates) notes.push(`the sandbox shows ${created} Karbon records created`);
      return notes;
    },
  };
}

/** A later run: `edits` are what a person changed since the last run (each must reach the other side). */
export function laterRunSpec(
  name: string,
  title: string,
  t: Timeline,
  edits: { quickbooks: number; karbon: number },
): ScenarioSpec {
  let since = '';
  return {
    name,
    title,
    act: async (engine) => {
      since = t.lastRunStart ?? '1970-01-01T00:00:00Z';
      t.lastRunStart = await t.clock();
      return engine.runSync();
    },
    work: (seen, read) => ({
      ...NOTHING,
      read: read === 'full' ? fullRead(seen.before) : incrementalRead(seen.before, since),
      // The list row does not say which field a person changed.
      changedDetails: edits.karbon,
      // QuickBooks edits go to Karbon records this run has no reason to read otherwise.
      karbonUpdates: { read: 0, unread: edits.quickbooks },
      qboUpdates: edits.karbon,
    }),
    notes: (seen, r) => {
      const notes = commonNotes(seen, r);
      const w = r.written;
      if (w.quickbooksUpdated !== edits.karbon)
        notes.push(
          `${w.quickbooksUpdated} QuickBooks customers changed, ${edits.karbon} Karbon edits to carry over`,
        );
      if (w.karbonUpdated !== edits.quickbooks)
        notes.push(
          `${w.karbonUpdated} Karbon records changed, ${edits.quickbooks} QuickBooks edits to carry over`,
        );
      if (w.quickbooksCreated + w.karbonCreated > 0) notes.push('records were created');
      return notes;
    },
  };
}
