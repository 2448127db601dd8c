// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatAbsolute } from '../format';
import { connections, counts, run } from '../test-fixtures';
import { type PopupEngineView, PopupView, type PopupViewProps } from './PopupView';

afterEach(cleanup);

const idle: PopupEngineView = {
  running: null,
  lastRun: null,
  waiting: 0,
  linked: 0,
  firstSyncCompletedAt: null,
};

function renderPopup(p: Partial<PopupViewProps>) {
  const props: PopupViewProps = {
    connections: connections(),
    engine: idle,
    attention: null,
    syncing: false,
    syncError: null,
    onSyncNow: vi.fn(),
    onOpen: vi.fn(),
    ...p,
  };
  render(<PopupView {...props} />);
  return props;
}

describe('PopupView', () => {
  it('loading → says so in words, no blank popup', () => {
    renderPopup({ connections: null, engine: null });
    expect(screen.getByText(/Loading the connection status/)).toBeTruthy();
  });

  it('not connected → two Connect rows, each opening its own card of Connections, no Sync Now', () => {
    const props = renderPopup({});
    fireEvent.click(screen.getByRole('button', { name: 'Connect QuickBooks Online' }));
    fireEvent.click(screen.getByRole('button', { name: 'Connect Karbon' }));
    expect(vi.mocked(props.onOpen).mock.calls).toEqual([['connections/quickbooks'], ['connections/karbon']]);
    expect(screen.queryByRole('button', { name: 'Sync Now' })).toBeNull();
  });

  it('one side connected → that row says connected, the other offers Connect', () => {
    renderPopup({ connections: connections({ quickBooks: true }) });
    expect(screen.getByText(/connected to Craig’s Design and Landscaping/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Connect QuickBooks Online' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Connect Karbon' })).toBeTruthy();
  });

  it('connected, never synced → company and tenant, Preview first sync primary, Sync Now secondary', () => {
    const props = renderPopup({ connections: connections({ quickBooks: true, karbon: true }) });
    expect(screen.getByText('Craig’s Design and Landscaping')).toBeTruthy();
    expect(screen.getByText('Northwind Advisors')).toBeTruthy();
    const preview = screen.getByRole('button', { name: 'Preview first sync' });
    expect(preview.className).toContain('primary');
    fireEvent.click(preview);
    expect(props.onOpen).toHaveBeenCalledWith('preview');
    fireEvent.click(screen.getByRole('button', { name: 'Sync Now' }));
    expect(props.onSyncNow).toHaveBeenCalled();
  });

  it('idle → last run in one line and the three links with formatted counts', () => {
    const lastRun = run({ counts: counts({ linked: 3, createdInKarbon: 1, duplicates: 2 }) });
    const props = renderPopup({
      connections: connections({ quickBooks: true, karbon: true }),
      engine: { ...idle, lastRun, waiting: 2, linked: 1234, firstSyncCompletedAt: lastRun.endedAt },
    });
    expect(screen.getByTestId('last-run').textContent).toBe(
      'Synced 4 min ago · 3 linked · 1 created · 2 to review',
    );
    // The absolute time on hover (and for screen readers, in the time element).
    const time = screen.getByTestId('last-run').querySelector('time');
    expect(time?.getAttribute('title')).toBe(formatAbsolute(lastRun.endedAt ?? ''));
    expect(time?.getAttribute('dateTime')).toBe(lastRun.endedAt);
    fireEvent.click(screen.getByRole('button', { name: 'Resolve Duplicates (2)' }));
    expect(props.onOpen).toHaveBeenCalledWith('resolve');
    expect(screen.getByRole('button', { name: 'View Client List (1,234)' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Preview first sync' })).toBeNull();
  });

  it('running → determinate progress in words and the button unavailable as Syncing…', () => {
    const running = run({
      status: 'running',
      endedAt: null,
      phase: 'reading-quickbooks',
      done: 2000,
      total: 2000,
    });
    const props = renderPopup({
      connections: connections({ quickBooks: true, karbon: true }),
      engine: { ...idle, running },
    });
    expect(screen.getByTestId('progress-words').textContent).toBe('Reading QuickBooks customers 2,000/2,000');
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('2000');
    expect(bar.getAttribute('aria-valuemax')).toBe('2000');
    const button = screen.getByRole('button', { name: 'Syncing…' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(button);
    expect(props.onSyncNow).not.toHaveBeenCalled();
  });

  it('running a phase without a total → its words, and a bar that claims no amount', () => {
    renderPopup({
      connections: connections({ quickBooks: true, karbon: true }),
      engine: {
        ...idle,
        running: run({ status: 'running', endedAt: null, phase: 'matching', done: 0, total: 0 }),
      },
    });
    expect(screen.getByTestId('progress-words').textContent).toBe('Matching');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBeNull();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('Matching');
  });

  it('needs attention → the strip on top with one sentence and its action', () => {
    const props = renderPopup({
      connections: connections({ quickBooks: 'reconnect', karbon: true }),
      attention: {
        level: 'error',
        message: 'QuickBooks authorization expired',
        action: { label: 'Reconnect', section: 'connections/quickbooks' },
      },
    });
    expect(screen.getByRole('alert').textContent).toContain('QuickBooks authorization expired');
    fireEvent.click(screen.getByRole('button', { name: 'Reconnect' }));
    expect(props.onOpen).toHaveBeenCalledWith('connections/quickbooks');
  });
});
