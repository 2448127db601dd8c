// Numbers and times as a person reads them: "2,000", "4 min ago" (absolute time on hover).

const numberFormat = new Intl.NumberFormat('en-US');
const absoluteFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const timeFormat = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' });

export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

export function formatAbsolute(iso: string | number | Date): string {
  return absoluteFormat.format(new Date(iso));
}

export function formatClock(iso: string | number | Date): string {
  return timeFormat.format(new Date(iso));
}

/** "just now", "4 min ago", "3 h ago", "2 days ago"; future times: "in 5 min". */
export function formatRelative(iso: string | number | Date, now: number = Date.now()): string {
  const diffMs = new Date(iso).getTime() - now;
  const future = diffMs > 0;
  const s = Math.abs(diffMs) / 1000;
  let text: string;
  if (s < 45) return 'just now';
  if (s < 3600) text = `${Math.max(1, Math.round(s / 60))} min`;
  else if (s < 86_400) text = `${Math.round(s / 3600)} h`;
  else {
    const days = Math.round(s / 86_400);
    text = `${days} day${days === 1 ? '' : 's'}`;
  }
  return future ? `in ${text}` : `${text} ago`;
}

/** "1 min 5 s", "12 s", "0.4 s", "less than 0.1 s" */
export function formatDuration(ms: number): string {
  if (ms < 100) return 'less than 0.1 s';
  if (ms < 1000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${s % 60} s`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
