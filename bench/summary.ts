// The report as Markdown: the tables docs/benchmarks.md quotes, and a per-route breakdown next
// to the minimum's terms wherever a service sent more than the minimum.
import type { BenchReport, ScenarioResult, SizeResult } from './report';

const fmtRatio = (x: number | null) => (x === null ? '—' : `${x.toFixed(2)}×`);
const minutes = (m: number) => (m < 1 ? `${Math.round(m * 60)} s` : `${m.toFixed(1)} min`);

function scenarioRow(r: ScenarioResult): string {
  const q = `${r.sandbox.quickbooks} / ${r.minimum.quickbooks.total} (${fmtRatio(r.ratio.quickbooks)})`;
  const k = `${r.sandbox.karbon} / ${r.minimum.karbon.total} (${fmtRatio(r.ratio.karbon)})`;
  const floor = `${r.fullReadFloor.quickbooks.total} + ${r.fullReadFloor.karbon.total}`;
  const real = `${minutes(r.realMinutes.actual.atLeast)} (min ${minutes(r.realMinutes.minimum.atLeast)})`;
  const agree = r.countsAgree ? '✓' : '✗';
  return `| ${r.title} | ${r.quickbooksRead} | ${q} | ${k} | ${floor} | ${real} | ${r.wallSeconds} | ${agree} |`;
}

function breakdown(r: ScenarioResult): string[] {
  const over = (r.ratio.quickbooks ?? 2) > 1 || (r.ratio.karbon ?? 2) > 1;
  if (!over) return [];
  const routes = Object.entries(r.sandbox.byRoute)
    .sort((a, b) => b[1] - a[1])
    .map(([route, n]) => `${route} ${n}`);
  const parts = (p: Record<string, number>) =>
    Object.entries(p)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'nothing';
  return [
    `- **${r.title}** — sent: ${routes.join('; ') || 'nothing'}.`,
    `  Minimum: QuickBooks ${parts(r.minimum.quickbooks.parts)}; Karbon ${parts(r.minimum.karbon.parts)}.`,
    ...(Object.keys(r.failedAnswers).length > 0
      ? [
          `  Answers other than 2xx: ${Object.entries(r.failedAnswers)
            .map(([k, v]) => `${k} ×${v}`)
            .join(', ')}.`,
        ]
      : []),
    ...r.notes.map((n) => `  Note: ${n}.`),
  ];
}

function sizeMarkdown(s: SizeResult): string {
  const first = s.scenarios.find((r) => r.name === 'first-sync');
  const lines = [
    `### ${s.n.toLocaleString('en')} clients`,
    '',
    `${s.records.customers} QuickBooks customers; Karbon ${s.records.karbonContacts} contacts + ${s.records.karbonOrganizations} organizations. ` +
      `Expected first sync: ${s.expected.links} links, ${s.expected.creates} creates, ${s.expected.reviews} to review, ${s.expected.skipped} left out. ` +
      `Edits: ${s.edits.quickbooks} in QuickBooks + ${s.edits.karbon} in Karbon.`,
    '',
    '| scenario | QuickBooks read | QuickBooks: sent / min (ratio) | Karbon: sent / min (ratio) | full-read floor (Q + K) | at the real limits (min) | wall s | counts = sandbox log |',
    '|---|---|---|---|---|---|---|---|',
    ...s.scenarios.map(scenarioRow),
    '',
    `Planner CPU (one plan() over ${s.planner.customers} × ${s.planner.karbonRows}): first sync ${s.planner.firstSyncCpuMs} ms, ` +
      `after it ${s.planner.steadyCpuMs} ms. Memory: engine-side heap peak ${Math.max(...s.scenarios.map((r) => r.heapMb.peak))} MB ` +
      `(first sync: ${first?.heapMb.start ?? 0} MB live at start, ${first?.heapMb.peak ?? 0} MB peak, ${first?.heapMb.retained ?? 0} MB live after); ` +
      `whole process, sandbox thread included, ` +
      `${s.memory.baselineRssMb} MB RSS at start, ${s.memory.peakRssMb} MB at peak. Wall ${s.wallSeconds} s for the size.`,
    '',
  ];
  const over = s.scenarios.flatMap(breakdown);
  if (over.length > 0) lines.push('Where a service sent more than the minimum:', '', ...over, '');
  return lines.join('\n');
}

export function reportMarkdown(r: BenchReport): string {
  return [
    `## Results ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Commit ${r.commit.slice(0, 10)}${r.dirty ? ' (with uncommitted changes in the tree)' : ''}, Node ${r.node}, ${r.cpus} CPUs, ` +
      `time scale ${r.timeScale} (a rate-limit minute lasts ${(60 / r.timeScale).toFixed(2)} s), edits ${r.editFraction * 100}% of n per side.`,
    '',
    ...r.sizes.map(sizeMarkdown),
  ].join('\n');
}
