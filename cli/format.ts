// What the CLI prints: the JSON shapes of issue 3 (`--json`), or a readable summary.
import type { Settings } from '../lib/db/settings';
import type { ClientListRow, DuplicateItem, RunProgress, RunReport } from '../lib/sync/engine';
import { phaseLabel } from '../lib/sync/queries';

/** `duplicates` item: exactly the documented fields. */
export function duplicateJson(item: DuplicateItem) {
  return {
    id: item.id,
    origin: item.origin,
    sourceId: item.sourceId,
    name: item.name,
    email: item.email,
    candidates: item.candidates.map((c) => ({ id: c.id, name: c.name, email: c.email, reasons: c.reasons })),
  };
}

/** `run` / `preview` / `resolve` / `unlink`. */
export function reportJson(report: RunReport) {
  return {
    status: report.status,
    counts: report.counts,
    requests: report.requests,
    duplicates: report.duplicates.map(duplicateJson),
    errors: report.errors,
  };
}

/** `links` item: issue 3 spells the key `quickbooksId` (the engine's rows say quickBooksId). */
export function linkJson(link: ClientListRow) {
  return {
    quickbooksId: link.quickBooksId,
    karbonKey: link.karbonKey,
    karbonKind: link.karbonKind,
    linkedBy: link.linkedBy,
  };
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export function reportText(title: string, r: RunReport): string {
  const c = r.counts;
  const lines = [
    `${title} ${r.status}: ${plural(c.linked, 'linked', 'linked')}, ${c.createdInKarbon.toLocaleString('en')} created in Karbon, ` +
      (c.createdInQuickBooks > 0
        ? `${c.createdInQuickBooks.toLocaleString('en')} created in QuickBooks, `
        : '') +
      `${c.updatedInKarbon.toLocaleString('en')} updated in Karbon, ${c.updatedInQuickBooks.toLocaleString('en')} updated in QuickBooks, ` +
      `${plural(c.duplicates, 'to review', 'to review')}, ${plural(c.errors, 'error')}`,
    `Requests: QuickBooks ${r.requests.quickbooks.toLocaleString('en')}, Karbon ${r.requests.karbon.toLocaleString('en')}`,
  ];
  if (r.duplicates.length > 0) lines.push('', ...duplicatesText(r.duplicates));
  if (r.errors.length > 0) {
    lines.push('', 'Errors:');
    for (const e of r.errors) lines.push(`  ${e.sourceId ? `customer ${e.sourceId}: ` : ''}${e.message}`);
  }
  return lines.join('\n');
}

export function duplicatesText(items: DuplicateItem[]): string[] {
  if (items.length === 0) return ['No duplicates to resolve.'];
  const lines = [`Resolve duplicates (${items.length}):`];
  for (const i of items) {
    lines.push(
      `  ${i.id}  ${i.name}${i.email ? ` <${i.email}>` : ''}  (${i.origin} ${i.sourceId}, ${i.why})`,
    );
    for (const c of i.candidates) {
      const reasons = c.reasons.length > 0 ? `same ${c.reasons.join(' and ')}` : 'similar';
      const extra = [
        c.score !== null ? `score ${c.score}` : '',
        c.linkedTo ? `already linked to ${c.linkedTo}` : '',
        c.unlinkedByPerson ? 'match removed by a person' : '',
        c.externalKey ? "linked by Karbon's own integration" : '',
      ].filter(Boolean);
      lines.push(
        `      ${c.id}  ${c.name}${c.email ? ` <${c.email}>` : ''}  ${reasons}${extra.length ? `; ${extra.join('; ')}` : ''}`,
      );
    }
  }
  lines.push('', 'Decide with: resolve ITEM --link CANDIDATE | --create | --skip');
  return lines;
}

export function linksText(links: ClientListRow[]): string {
  if (links.length === 0) return 'No linked clients yet.';
  return [
    `${plural(links.length, 'linked client')}:`,
    ...links.map(
      (l) =>
        `  ${l.quickBooksId} ⇄ ${l.karbonKind} ${l.karbonKey}  ${l.quickBooks.name} / ${l.karbon.name}  (${l.linkedBy === 'person' ? 'by a person' : 'automatic'}` +
        `${l.status !== 'active' ? `, ${l.status}` : ''}${l.differences.length ? `, ${plural(l.differences.length, 'difference')}` : ''})`,
    ),
  ].join('\n');
}

export function settingsText(s: Settings): string {
  return [
    `Contact Type for new Karbon contacts: ${s.newContactType}`,
    `Contact Types pushed to QuickBooks: ${s.pushTypes.length ? s.pushTypes.join(', ') : 'none'}`,
    `Schedule: ${s.scheduleMinutes === null ? 'off' : `every ${s.scheduleMinutes} minutes`}`,
    `Conflict policy: ${s.conflictPolicy}`,
    `First-link policy: ${s.firstLinkPolicy}`,
    `Fuzzy review: ${s.fuzzyReview ? `on (score ≥ ${s.fuzzyThreshold})` : 'off'}`,
  ].join('\n');
}

/** Progress on stderr: one rewritten line on a terminal, a line every few seconds otherwise. */
export function progressPrinter(stream: NodeJS.WriteStream): { update(p: RunProgress): void; end(): void } {
  let last = '';
  let lastAt = 0;
  let lastPhase = '';
  return {
    update(p) {
      const count =
        p.total > 0
          ? ` ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')}`
          : p.done > 0
            ? ` ${p.done.toLocaleString('en')}`
            : '';
      const line = `${phaseLabel(p.phase)}${count}`;
      if (line === last) return;
      const now = Date.now();
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${line}`);
      } else if (now - lastAt >= 2000 || p.phase !== lastPhase) {
        stream.write(`${line}\n`);
        lastAt = now;
      }
      last = line;
      lastPhase = p.phase;
    },
    end() {
      if (stream.isTTY && last) stream.write('\r\x1b[2K');
    },
  };
}
