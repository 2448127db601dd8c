// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PreviewReport, PreviewRow } from '../../lib/sync/engine';
import { duplicate, runReport } from '../test-fixtures';
import { PreviewSection } from './PreviewSection';

afterEach(cleanup);

const row = (i: number): PreviewRow => ({
  quickBooksId: String(i),
  name: `Customer ${i}`,
  email: `c${i}@example.com`,
  kind: 'person',
  karbon: null,
});
const report: PreviewReport = {
  ...runReport(null, { requests: { quickbooks: 3, karbon: 4 } }),
  buckets: {
    link: [
      {
        ...row(1),
        karbon: {
          key: 'k1',
          kind: 'contact',
          name: 'Customer 1',
          email: 'c1@example.com',
          how: 'exact-match',
        },
      },
    ],
    create: Array.from({ length: 250 }, (_, i) => row(i + 10)),
    review: [duplicate()],
    leftOut: [{ ...row(2), reason: 'inactive' }],
  },
};

function renderPreview(p: Partial<Parameters<typeof PreviewSection>[0]> = {}) {
  const props = {
    report,
    computedAt: new Date().toISOString(),
    pending: false,
    error: null,
    firstSyncDone: false,
    onCompute: vi.fn(),
    onSyncNow: vi.fn(),
    syncing: false,
    ...p,
  };
  render(<PreviewSection {...props} />);
  return props;
}

describe('PreviewSection', () => {
  it('the four buckets with their counts, formatted', () => {
    renderPreview();
    const totals = screen.getByTestId('preview-totals').textContent;
    expect(totals).toContain('1 will link');
    expect(totals).toContain('250 will be created in Karbon');
    expect(totals).toContain('1 need review');
    expect(totals).toContain('1 left out');
    expect(screen.getByText('inactive in QuickBooks')).toBeTruthy();
  });

  it('long buckets show the first 200 rows and offer the rest', () => {
    renderPreview();
    expect(screen.getByRole('table', { name: 'Will create' }).querySelectorAll('tbody tr')).toHaveLength(200);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 250' }));
    expect(screen.getByRole('table', { name: 'Will create' }).querySelectorAll('tbody tr')).toHaveLength(250);
  });

  it('not computed yet → one primary button; while reading it says so', () => {
    const props = renderPreview({ report: null, computedAt: null });
    fireEvent.click(screen.getByRole('button', { name: 'Preview first sync' }));
    expect(props.onCompute).toHaveBeenCalled();
    cleanup();
    const again = renderPreview({ report: null, computedAt: null, pending: true });
    // Unavailable while reading, yet still focused for the person who pressed it.
    const reading = screen.getByRole('button', { name: 'Reading both sides…' });
    expect(reading.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(reading);
    expect(again.onCompute).not.toHaveBeenCalled();
  });
});
