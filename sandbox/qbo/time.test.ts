import { describe, expect, it } from 'vitest';
import { formatQboTime, parseQboTime } from './time';

describe('QuickBooks times', () => {
  it('formats in the company offset, with or without milliseconds', () => {
    const ms = Date.UTC(2024, 5, 1, 12, 0, 5, 123);
    expect(formatQboTime(ms, false)).toBe('2024-06-01T05:00:05-07:00');
    expect(formatQboTime(ms, true)).toBe('2024-06-01T05:00:05.123-07:00');
    expect(parseQboTime(formatQboTime(ms, true))).toBe(ms);
  });

  it.each([
    ['2024-06-01T12:00:00Z', Date.UTC(2024, 5, 1, 12)],
    ['2024-06-01T05:00:00-07:00', Date.UTC(2024, 5, 1, 12)],
    ['2011-08-10T10:20:30-0700', Date.UTC(2011, 7, 10, 17, 20, 30)],
    ['2024-06-01', Date.UTC(2024, 5, 1, 7)],
    ['2024-06-01T05:00:00', Date.UTC(2024, 5, 1, 12)],
  ])('parses %s', (text, ms) => {
    expect(parseQboTime(text)).toBe(ms);
  });

  it.each(['yesterday', '2024-13-01', '', '2024-06-01T25:00:00Z'])('refuses %j', (text) => {
    expect(parseQboTime(text)).toBeNull();
  });
});
