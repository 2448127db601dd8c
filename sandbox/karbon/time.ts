// Karbon serialises UTC times the way Newtonsoft.Json does: fractional seconds with trailing
// zeros dropped ("2022-07-05T07:30:13.7188114Z", "2021-12-29T07:01:53Z").

export function karbonTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_m, frac: string) => {
    const kept = frac.replace(/0+$/, '');
    return kept ? `.${kept}Z` : 'Z';
  });
}

/** Parses an ISO 8601 date-time (any number of fractional digits); NaN when it is not one. */
export function parseTimestamp(value: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (!m) return Number.NaN;
  const frac = (m[2] ?? '').slice(0, 4);
  return Date.parse(`${m[1]}${frac.length > 1 ? frac : ''}${m[3]}`);
}
