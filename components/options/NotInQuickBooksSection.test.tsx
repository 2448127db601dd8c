// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NotInQuickBooksRow, RunReport } from '../../lib/sync/engine';
import { runReport } from '../test-fixtures';
import { NotInQuickBooksSection } from './NotInQuickBooksSection';

afterEach(cleanup);

const row = (key: string, name: string, contactType: string, waiting = false): NotInQuickBooksRow => ({
  kind: 'contact',
  key,
  name,
  email: `${key}@example.com`,
  contactType,
  lastModified: '2026-11-25T10:00:00.000Z',
  waiting,
});
const rows = [
  row('k1', 'Paige Valdez', 'Client'),
  row('k2', 'Omar Reed', 'Prospect'),
  row('k3', 'Lena Ortiz', 'Client', true),
];
const report: RunReport = runReport('r9', {
  counts: { createdInQuickBooks: 1 },
  requests: { quickbooks: 3, karbon: 1 },
});

function renderSection(firstSyncDone = true) {
  const onPush = vi.fn(async () => report);
  const onLoad = vi.fn();
  render(
    <NotInQuickBooksSection
      rows={rows}
      loading={false}
      error={null}
      firstSyncDone={firstSyncDone}
      onLoad={onLoad}
      onPush={onPush}
    />,
  );
  return { onPush, onLoad };
}

describe('NotInQuickBooksSection', () => {
  it('before the first completed sync: says why nothing can be pushed', () => {
    renderSection(false);
    expect(screen.getByText(/opens after the first completed sync/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Push/ })).toBeNull();
  });

  it('Push selected sends the chosen keys and reports what the run did', async () => {
    const { onPush, onLoad } = renderSection();
    fireEvent.click(screen.getByLabelText('Select Omar Reed'));
    fireEvent.click(screen.getByRole('button', { name: 'Push selected (1)' }));
    expect(onPush).toHaveBeenCalledWith({ karbonKeys: ['k2'] });
    await waitFor(() => expect(screen.getByText('Pushed: 1 created.')).toBeTruthy());
    expect(onLoad).toHaveBeenCalled();
  });

  it('a Contact Type filters the list; Push all of that type asks first', () => {
    const { onPush } = renderSection();
    fireEvent.change(screen.getByLabelText('Contact Type'), { target: { value: 'Client' } });
    expect(screen.queryByText('Omar Reed')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Push all Client (1)' }));
    expect(onPush).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Push them' }));
    expect(onPush).toHaveBeenCalledWith({ types: ['Client'] });
  });

  it('a contact already waiting in Resolve Duplicates cannot be selected', () => {
    renderSection();
    expect((screen.getByLabelText('Select Lena Ortiz') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText('Waiting in Resolve Duplicates')).toBeTruthy();
  });
});
