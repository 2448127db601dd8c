// Runs in words, as ui.md writes them: the progress line of each phase and the one-line result.
import { describe, expect, it } from 'vitest';
import { formatAbsolute, formatRelative } from '@/components/format';
import { countsWords, progressWords } from '@/components/run-words';
import { counts } from '@/components/test-fixtures';

describe('progress in words', () => {
  it.each([
    [
      { phase: 'reading-quickbooks' as const, done: 2000, total: 2000 },
      'Reading QuickBooks customers 2,000/2,000',
    ],
    [{ phase: 'matching' as const, done: 0, total: 0 }, 'Matching'],
    [{ phase: 'creating-in-karbon' as const, done: 120, total: 800 }, 'Creating in Karbon 120/800'],
    [{ phase: 'updating' as const, done: 1500, total: 12000 }, 'Updating linked clients 1,500/12,000'],
  ])('%o → "%s"', (progress, words) => {
    expect(progressWords(progress)).toBe(words);
  });
});

describe('the last run in one line', () => {
  it('only what happened, numbers formatted', () => {
    expect(countsWords(counts({ linked: 3, createdInKarbon: 1, duplicates: 2 }))).toBe(
      '3 linked · 1 created · 2 to review',
    );
    expect(countsWords(counts({ linked: 2000, createdInQuickBooks: 1200, errors: 1 }))).toBe(
      '2,000 linked · 1,200 created · 1 error',
    );
    expect(countsWords(counts())).toBe('nothing to change');
  });
});

describe('times', () => {
  const now = Date.parse('2026-11-25T10:49:00Z');
  it.each([
    ['2026-11-25T10:48:40Z', 'just now'],
    ['2026-11-25T10:45:00Z', '4 min ago'],
    ['2026-11-25T07:49:00Z', '3 h ago'],
    ['2026-11-23T10:49:00Z', '2 days ago'],
    ['2026-11-25T10:54:00Z', 'in 5 min'],
  ])('%s → "%s"', (iso, words) => {
    expect(formatRelative(iso, now)).toBe(words);
  });
  it('the absolute time names the day and the minute', () => {
    expect(formatAbsolute(new Date(2026, 10, 25, 10, 45))).toBe('Nov 25, 2026, 10:45 AM');
  });
});
