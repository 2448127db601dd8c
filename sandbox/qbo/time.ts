/**
 * QuickBooks writes times in the company's own UTC offset: MetaData without fractions
 * ("2015-07-23T10:58:12-07:00"), `time` with milliseconds. The sandbox company sits at a fixed
 * -07:00 so clients that assume "Z" break here as they would against Intuit.
 */
const COMPANY_OFFSET_MINUTES = -7 * 60;

export function formatQboTime(ms: number, withMillis: boolean): string {
  const local = new Date(ms + COMPANY_OFFSET_MINUTES * 60_000);
  const iso = local.toISOString(); // "YYYY-MM-DDTHH:mm:ss.sssZ", shifted
  const base = withMillis ? iso.slice(0, 23) : iso.slice(0, 19);
  const sign = COMPANY_OFFSET_MINUTES < 0 ? '-' : '+';
  const abs = Math.abs(COMPANY_OFFSET_MINUTES);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${base}${sign}${hh}:${mm}`;
}

/** MetaData resolution: QuickBooks keeps whole seconds. */
export function truncateToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/**
 * Parses the datetime literals clients send (queries, CDC): full ISO with "Z" or an offset
 * ("-07:00" or "-0700"), or a bare date, read as midnight in the company's offset.
 * Returns null when the text is not a date.
 */
export function parseQboTime(text: string): number | null {
  const t = text.trim();
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (dateOnly) {
    const ms = Date.UTC(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3]));
    // Date.UTC rolls 2024-13-01 over into 2025; a date that does not round-trip is not a date.
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== t) return null;
    return ms - COMPANY_OFFSET_MINUTES * 60_000;
  }
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
  if (!m?.[1]) return null;
  let zone = m[2];
  if (zone === undefined) zone = offsetText(COMPANY_OFFSET_MINUTES);
  else if (zone !== 'Z' && !zone.includes(':')) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${m[1]}${zone}`);
  return Number.isNaN(ms) ? null : ms;
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
