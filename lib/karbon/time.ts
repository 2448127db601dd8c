// Karbon's LastModifiedDateTime has 0 to 7 fraction digits ("…:13Z", "…:13.7Z", "…:13.7188114Z",
// Newtonsoft's format), so text order is not time order within a second ("…:13Z" sorts after
// "…:13.5Z"). Compared here as instants, to the 100 ns Karbon keeps.

/** Milliseconds since the epoch and the digits below the millisecond, or null when not a time. */
function instant(s: string): { ms: number; sub: number } | null {
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return null;
  const fraction = /T[^.]*\.(\d+)/u.exec(s)?.[1] ?? '';
  return { ms, sub: Number(fraction.padEnd(7, '0').slice(3, 7)) };
}

/** Negative when `a` is earlier than `b`; text order for values that are not times. */
export function compareKarbonTimes(a: string, b: string): number {
  const x = instant(a);
  const y = instant(b);
  if (!x || !y) return a < b ? -1 : a > b ? 1 : 0;
  return x.ms - y.ms || x.sub - y.sub;
}
