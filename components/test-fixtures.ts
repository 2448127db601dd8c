// Shapes the component tests render: plain data as the background and the engine give it.
import type { RunCounts } from '../lib/db/rows';
import type { ConnectionsStatus } from '../lib/messaging/types';
import type { ClientListRow, RunReport, RunSummary } from '../lib/sync/engine';
import { emptyCounts } from '../lib/sync/recorder';
import type { ReviewItem } from './options/SpecialDecisions';

export function counts(partial: Partial<RunCounts> = {}): RunCounts {
  return { ...emptyCounts(), ...partial };
}

/** What a completed run reports: nothing done and no requests, unless `partial` says so. */
export function runReport(
  runId: string | null,
  partial: { counts?: Partial<RunReport['counts']>; requests?: RunReport['requests'] } = {},
): RunReport {
  // A report's counts are the run's less what it read and skipped.
  const { readQuickBooks, readKarbon, skipped, ...none } = emptyCounts();
  return {
    runId,
    status: 'completed',
    counts: { ...none, ...partial.counts },
    requests: partial.requests ?? { quickbooks: 0, karbon: 0 },
    duplicates: [],
    errors: [],
  };
}

export function run(partial: Partial<RunSummary> = {}): RunSummary {
  return {
    id: 'run-1',
    trigger: 'manual',
    status: 'completed',
    startedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    endedAt: new Date(Date.now() - 4 * 60_000).toISOString(),
    phase: 'finishing',
    done: 0,
    total: 0,
    counts: counts(),
    requests: { quickbooks: 0, karbon: 0 },
    errors: [],
    undoOf: null,
    ...partial,
  };
}

export function connections(
  opts: { quickBooks?: boolean | 'reconnect'; karbon?: boolean | 'rejected' } = {},
): ConnectionsStatus {
  const qb = opts.quickBooks ?? false;
  const kb = opts.karbon ?? false;
  return {
    quickBooks: {
      state: qb === 'reconnect' ? 'needs-reconnect' : qb ? 'connected' : 'not-connected',
      companyName: qb ? 'Craig’s Design and Landscaping' : '',
      realmId: qb ? '9130350' : '',
      environment: 'local',
      connectedAt: qb ? new Date().toISOString() : null,
      authorizationExpiresAt: qb ? new Date(Date.now() + 100 * 86_400_000).toISOString() : null,
    },
    karbon: {
      state: kb === 'rejected' ? 'rejected' : kb ? 'connected' : 'not-connected',
      tenantName: kb ? 'Northwind Advisors' : '',
      contactTypes: kb ? ['Client', 'Prospect', 'Supplier'] : [],
      connectedAt: kb ? new Date().toISOString() : null,
    },
    app: {
      sandboxBuild: true,
      environment: 'local',
      environments: ['local', 'production', 'intuit-sandbox'],
      sandboxUrl: 'http://127.0.0.1:8787',
      clientId: qb ? 'sandbox-client' : '',
      hasClientSecret: Boolean(qb),
      redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
    },
  };
}

export function duplicate(partial: Partial<ReviewItem> = {}): ReviewItem {
  return {
    id: 'dup-1',
    origin: 'quickbooks',
    sourceId: '58',
    sourceKind: 'person',
    name: 'Amy Lauterbach',
    email: 'amy@lauterbach.example',
    why: 'partial',
    status: 'open',
    candidates: [
      {
        id: 'kAmy0000001',
        kind: 'contact',
        name: 'Amy Lauterbach',
        email: 'amy.l@other.example',
        reasons: ['name'],
        score: 72,
        agreeing: ['name'],
        linkedTo: null,
        unlinkedByPerson: false,
        externalKey: false,
      },
    ],
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:00:00.000Z',
    ...partial,
  };
}

export function link(i: number, partial: Partial<ClientListRow> = {}): ClientListRow {
  const n = String(i).padStart(5, '0');
  return {
    quickBooksId: String(i),
    karbonKey: `k${n}`,
    karbonKind: 'contact',
    linkedBy: 'auto',
    how: 'exact-match',
    linkedAt: '2026-11-20T10:00:00.000Z',
    lastSyncedAt: '2026-11-25T10:00:00.000Z',
    status: 'active',
    quickBooks: { name: `Client ${n}`, email: `client${n}@example.com` },
    karbon: { name: `Client ${n}`, email: `client${n}@example.com` },
    differences: [],
    ...partial,
  };
}
