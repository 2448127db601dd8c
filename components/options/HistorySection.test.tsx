// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangeEntry } from '../../lib/sync/engine';
import { counts, run } from '../test-fixtures';
import { changeValueWords, describeChange, type HistoryChange, valueWords } from './change-words';
import { HistorySection, historyCsv } from './HistorySection';

afterEach(cleanup);

const change: HistoryChange = {
  id: 'c1',
  at: '2026-11-25T10:00:00.000Z',
  action: 'update',
  side: 'karbon',
  quickBooksId: '58',
  karbonKey: 'kAmy',
  field: 'phoneWork',
  before: '555-0100',
  after: '555-0199',
  note: 'changed in QuickBooks, copied',
  names: { quickBooks: 'Amy Lauterbach', karbon: 'Amy Lauterbach' },
};

const runs = [
  run({
    id: 'r2',
    status: 'failed',
    errors: [
      {
        sourceId: '',
        message: 'Karbon rejected the API key. Update the key in Connections.',
        code: 'AuthError',
        service: 'karbon',
      },
    ],
  }),
  run({ id: 'r1', counts: counts({ linked: 2, createdInKarbon: 3, updatedInKarbon: 1 }) }),
];

describe('HistorySection', () => {
  it('runs newest first with trigger, status in words and counts', () => {
    render(<HistorySection runs={runs} loadChanges={async () => []} error={null} />);
    const items = screen.getAllByTestId('history-run');
    expect(items[0]?.textContent).toContain('Failed');
    expect(items[1]?.textContent).toContain('Completed');
    expect(items[1]?.textContent).toContain('2 linked · 3 created · 1 updated');
  });

  it('opening a run shows its errors with what to do and its changes before → after', async () => {
    const loadChanges = vi.fn(async () => [change]);
    render(<HistorySection runs={runs} loadChanges={loadChanges} error={null} />);
    fireEvent.click(screen.getAllByRole('button', { expanded: false })[0] as HTMLElement);
    expect(screen.getByText('Karbon rejected the API key. Update the key in Connections.')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('cell', { name: 'Amy Lauterbach' })).toBeTruthy());
    expect(loadChanges).toHaveBeenCalledWith('r2');
    expect(screen.getByRole('cell', { name: /555-0100 → 555-0199/ })).toBeTruthy();
  });

  it('Undo run says what will change and waits for the confirmation', () => {
    const onUndo = vi.fn(async () => undefined);
    render(<HistorySection runs={runs} loadChanges={async () => []} onUndo={onUndo} error={null} />);
    fireEvent.click(screen.getByRole('button', { name: 'Undo run' }));
    expect(
      screen.getByText(/3 created records made inactive or archived; 1 updated record restored/),
    ).toBeTruthy();
    expect(onUndo).not.toHaveBeenCalled();
    fireEvent.click(screen.getAllByRole('button', { name: 'Undo run' })[0] as HTMLElement);
    expect(onUndo).toHaveBeenCalledWith('r1');
  });

  it('without engine support there is no Undo button', () => {
    render(<HistorySection runs={runs} loadChanges={async () => []} error={null} />);
    expect(screen.queryByRole('button', { name: 'Undo run' })).toBeNull();
  });

  it('values: whole records read as field: value, blanks as a dash', () => {
    expect(valueWords({ firstName: 'Amy', lastName: '', email: 'a@b.c' })).toBe(
      'firstName: Amy, email: a@b.c',
    );
    expect(valueWords(null)).toBe('—');
    expect(historyCsv(runs).split('\n')).toHaveLength(3);
  });

  it('a field update is named by its pair, on the side it changed; a conflict says who won and why', () => {
    expect(describeChange(change)).toEqual({
      record: 'Amy Lauterbach',
      what: 'changed in QuickBooks, copied',
    });
    const conflict: HistoryChange = {
      ...change,
      side: 'quickbooks',
      note: 'conflict: Karbon won (latest-edit); the losing value "555-0100" is kept here and can be restored',
      names: { quickBooks: 'Amy Lauterbach', karbon: 'Amy L. Lauterbach' },
    };
    expect(describeChange(conflict)).toEqual({
      record: 'Amy Lauterbach',
      what: 'conflict: Karbon won (latest edit)',
    });
    expect(describeChange({ ...conflict, side: 'karbon' }).record).toBe('Amy L. Lauterbach');
    // A pair the page no longer knows (its match removed since) is named by its record id.
    expect(describeChange({ ...change, names: undefined }).record).toBe('Karbon kAmy');
  });

  it('a created record is named by its values; other changes by their note', () => {
    const created = {
      ...change,
      action: 'create',
      field: null,
      before: null,
      after: { firstName: 'Carla', lastName: 'Cruz' },
      note: 'created as a person with Contact Type "Client"',
    };
    expect(describeChange(created)).toEqual({
      record: 'Carla Cruz',
      what: 'created as a person with Contact Type "Client"',
    });
    expect(
      describeChange({
        ...change,
        before: null,
        after: 'k123',
        action: 'link',
        note: 'Alice Archer ⇄ Alice Archer',
      }),
    ).toEqual({ record: 'Alice Archer ⇄ Alice Archer', what: 'link' });
  });

  it('a Remove Match says which pair was unlinked and by whom, not "nothing to change"', async () => {
    const unlink: ChangeEntry = {
      ...change,
      id: 'c9',
      action: 'unlink',
      side: 'link',
      field: null,
      before: 'kAlice',
      after: null,
      note: 'Alice Archer ⇄ Alice Archer: match removed by a person; never linked automatically again',
    };
    const decision = run({ id: 'r3', trigger: 'decision' });
    const loadChanges = vi.fn(async (runId: string) => (runId === 'r3' ? [unlink] : []));
    render(<HistorySection runs={[decision]} loadChanges={loadChanges} onUndo={vi.fn()} error={null} />);
    const item = screen.getByTestId('history-run');
    await waitFor(() =>
      expect(item.textContent).toContain('Remove Match: Alice Archer ⇄ Alice Archer, by a person'),
    );
    expect(item.textContent).not.toContain('nothing to change');
    // It can be undone: the pair is linked again, and the confirmation says so.
    fireEvent.click(screen.getByRole('button', { name: 'Undo run' }));
    expect(screen.getByText(/Undo this run\? Alice Archer ⇄ Alice Archer linked again\./)).toBeTruthy();
    expect(describeChange(unlink)).toEqual({
      record: 'Alice Archer ⇄ Alice Archer',
      what: 'match removed by a person; never linked automatically again',
    });
  });

  it('a decision that skipped an item says so; a quiet run with no changes reads "nothing to change"', async () => {
    const skip: ChangeEntry = {
      ...change,
      id: 'c8',
      action: 'skip',
      side: 'link',
      field: null,
      before: null,
      after: null,
      note: 'Frank Ford: skipped; stays unsynced until it changes',
    };
    const runs2 = [run({ id: 'r5', trigger: 'decision' }), run({ id: 'r4', trigger: 'schedule' })];
    render(
      <HistorySection
        runs={runs2}
        loadChanges={async (id) => (id === 'r5' ? [skip] : [])}
        onUndo={vi.fn()}
        error={null}
      />,
    );
    const [decision, quiet] = screen.getAllByTestId('history-run');
    // A skip wrote nothing to undo.
    expect(screen.queryByRole('button', { name: 'Undo run' })).toBeNull();
    await waitFor(() =>
      expect(decision?.textContent).toContain('Frank Ford: skipped; stays unsynced until it changes'),
    );
    expect(quiet?.textContent).toContain('nothing to change');
  });

  it('a run already undone says so and offers no second Undo run', () => {
    const undone = run({ id: 'r1', counts: counts({ createdInQuickBooks: 1 }) });
    const undo = run({ id: 'r9', trigger: 'undo', undoOf: 'r1', counts: counts({ updatedInQuickBooks: 1 }) });
    render(
      <HistorySection runs={[undo, undone]} loadChanges={async () => []} onUndo={vi.fn()} error={null} />,
    );
    const [undoItem, undoneItem] = screen.getAllByTestId('history-run');
    expect(undoneItem?.textContent).toContain('undone by a later run');
    expect(screen.queryByRole('button', { name: 'Undo run' })).toBeNull();
    expect(undoItem?.textContent).toContain('undoes an earlier run');
  });

  it('a run of a few milliseconds does not read "0.0 s"', () => {
    const quick = run({ startedAt: '2026-11-25T10:00:00.000Z', endedAt: '2026-11-25T10:00:00.020Z' });
    render(<HistorySection runs={[quick]} loadChanges={async () => []} error={null} />);
    expect(screen.getByTestId('history-run').textContent).toContain('Completed in less than 0.1 s');
  });

  it('a link reads as the pair and how it was made; its after value names the Karbon record', () => {
    const linked: ChangeEntry = {
      ...change,
      action: 'link',
      side: 'link',
      field: null,
      before: null,
      after: 'kDan',
      note: 'Dan Diaz ⇄ Dan Diaz (person, by a person)',
    };
    expect(describeChange(linked)).toEqual({ record: 'Dan Diaz ⇄ Dan Diaz', what: 'linked by a person' });
    expect(describeChange({ ...linked, note: 'Carla Cruz ⇄ Carla Cruz (created-in-karbon)' })).toEqual({
      record: 'Carla Cruz ⇄ Carla Cruz',
      what: 'linked: created in Karbon',
    });
    expect(changeValueWords(linked)).toEqual({ before: '—', after: 'Karbon kDan' });
  });

  it('a field a run replaced can be restored: it asks first, then sends that change', async () => {
    const conflict: ChangeEntry = {
      ...change,
      id: 'c-conflict',
      note: 'conflict: Karbon’s value won; QuickBooks had 555-0100',
      before: '555-0100',
      after: '555-0199',
    };
    const onRestore = vi.fn(async () => undefined);
    render(
      <HistorySection runs={runs} loadChanges={async () => [conflict]} onRestore={onRestore} error={null} />,
    );
    fireEvent.click(screen.getAllByRole('button', { expanded: false })[1] as HTMLElement);
    const restore = await screen.findByRole('button', { name: 'Restore “555-0100” in Work phone' });
    fireEvent.click(restore);
    expect(onRestore).not.toHaveBeenCalled();
    expect(screen.getByText(/Write “555-0100” back to Work phone on both sides/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Restore' }));
    expect(onRestore).toHaveBeenCalledWith('c-conflict');
  });

  it('only field updates with a value before offer Restore', async () => {
    const created: ChangeEntry = { ...change, id: 'c-new', action: 'create', field: null, before: null };
    const cleared: ChangeEntry = { ...change, id: 'c-blank', before: '' };
    render(
      <HistorySection
        runs={runs}
        loadChanges={async () => [created, cleared]}
        onRestore={vi.fn()}
        error={null}
      />,
    );
    fireEvent.click(screen.getAllByRole('button', { expanded: false })[1] as HTMLElement);
    await screen.findAllByRole('cell', { name: 'Amy Lauterbach' });
    expect(screen.queryByRole('button', { name: /^Restore/ })).toBeNull();
  });
});
