// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DuplicateClash } from '../../lib/db/rows';
import { duplicate } from '../test-fixtures';
import { ResolveSection, topSuggestion } from './ResolveSection';

afterEach(cleanup);

const strong = duplicate({
  id: 'dup-2',
  name: 'Bill’s Windsurf Shop',
  email: 'surf@bill.example',
  sourceKind: 'organization',
  why: 'several-exact',
  candidates: [
    {
      id: 'o1',
      kind: 'organization',
      name: 'Bill’s Windsurf Shop',
      email: 'surf@bill.example',
      reasons: ['name', 'email'],
      score: 97,
      agreeing: ['postal code'],
      linkedTo: null,
      unlinkedByPerson: false,
      externalKey: false,
    },
    {
      id: 'o2',
      kind: 'organization',
      name: 'Bills Windsurf',
      email: '',
      reasons: ['name'],
      score: 80,
      agreeing: [],
      linkedTo: null,
      unlinkedByPerson: false,
      externalKey: false,
    },
  ],
});

/** What one candidate's cell of a field row says. */
function column(card: HTMLElement, candidateId: string, field: string): string {
  return (
    card.querySelector(`tr[data-field="${field}"] td[data-candidate="${candidateId}"]`)?.textContent ?? ''
  );
}

/** A Karbon contact “Acme Ltd” to create in QuickBooks, where `holder` has the name; `suggestion` is free. */
function acmeClash(id: string, holder: DuplicateClash['holders'][number], suggestion: string) {
  return duplicate({
    id,
    origin: 'karbon',
    name: 'Acme Ltd',
    why: 'name-clash',
    candidates: [],
    clash: { purpose: 'create', displayName: 'Acme Ltd', holders: [holder], suggestion, quickBooksId: null },
  });
}

function renderSection(items = [duplicate(), strong]) {
  const onDecide = vi.fn(async () => undefined);
  const onBulk = vi.fn(async () => undefined);
  render(
    <ResolveSection
      items={items}
      lastRunAt="2026-11-25T10:00:00.000Z"
      onDecide={onDecide}
      onBulk={onBulk}
      error={null}
    />,
  );
  return { onDecide, onBulk };
}

describe('ResolveSection', () => {
  it('no items → "No duplicates to resolve" with the last run time', () => {
    renderSection([]);
    expect(screen.getByText('No duplicates to resolve.')).toBeTruthy();
    expect(screen.getByRole('status').querySelector('time')?.getAttribute('datetime')).toBe(
      '2026-11-25T10:00:00.000Z',
    );
  });

  it('a card marks each field equal / different / missing in words, with the reasons and the score', () => {
    renderSection();
    const [amy] = screen.getAllByTestId('duplicate-card');
    const rows = within(amy as HTMLElement).getAllByRole('row');
    expect(rows[1]?.textContent).toContain('same');
    expect(rows[2]?.textContent).toContain('different');
    expect(within(amy as HTMLElement).getByText(/Score 72/)).toBeTruthy();
    expect(within(amy as HTMLElement).getByText(/same name/)).toBeTruthy();
    expect(within(amy as HTMLElement).getByText('Matches by name or by email, not both')).toBeTruthy();
  });

  it('candidates are ranked by score; a blank email reads "missing on one side"', () => {
    renderSection();
    const bill = screen.getAllByTestId('duplicate-card')[1] as HTMLElement;
    const heads = within(bill).getAllByRole('columnheader');
    expect(heads.map((h) => h.textContent)).toEqual([
      'Field',
      'In QuickBooks',
      'Karbon organization 1 · Score 97',
      'Karbon organization 2 · Score 80',
    ]);
    expect(column(bill, 'o2', 'email')).toBe('— – missing on one side');
  });

  it('Link, Create new contact and Skip send the decision for that item', async () => {
    const { onDecide } = renderSection();
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Link Amy Lauterbach to Amy Lauterbach (Karbon contact kAmy0000001)',
      }),
    );
    expect(onDecide).toHaveBeenLastCalledWith('dup-1', { action: 'link', candidateId: 'kAmy0000001' });
    await waitFor(() =>
      expect(
        (screen.getByRole('button', { name: 'Create new contact for Amy Lauterbach' }) as HTMLButtonElement)
          .disabled,
      ).toBe(false),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Create new contact for Amy Lauterbach' }));
    expect(onDecide).toHaveBeenLastCalledWith('dup-1', { action: 'create' });
    // While Amy's decision is on its way, her buttons wait; the other card stays usable.
    expect((screen.getByRole('button', { name: 'Skip Amy Lauterbach' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Skip Bill’s Windsurf Shop' }));
    expect(onDecide).toHaveBeenLastCalledWith('dup-2', { action: 'skip' });
  });

  it('bulk: "Link all top suggestions scoring ≥ 90 (1)" links only items whose best free candidate reaches the score', () => {
    const { onBulk } = renderSection();
    fireEvent.click(screen.getByRole('button', { name: 'Link all top suggestions scoring ≥ 90 (1)' }));
    expect(onBulk).toHaveBeenCalledWith([
      { itemId: 'dup-2', decision: { action: 'link', candidateId: 'o1' } },
    ]);
    fireEvent.change(screen.getByLabelText('Minimum score'), { target: { value: '70' } });
    expect(screen.getByRole('button', { name: 'Link all top suggestions scoring ≥ 70 (2)' })).toBeTruthy();
  });

  it('bulk create asks first, then sends one create per item', () => {
    const { onBulk } = renderSection();
    fireEvent.click(screen.getByRole('button', { name: 'Create all (2)' }));
    expect(onBulk).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Create them' }));
    expect(onBulk).toHaveBeenCalledWith([
      { itemId: 'dup-1', decision: { action: 'create' } },
      { itemId: 'dup-2', decision: { action: 'create' } },
    ]);
  });

  it('topSuggestion never picks a candidate linked elsewhere or unlinked by a person', () => {
    const [base] = strong.candidates;
    if (!base) throw new Error('fixture has a candidate');
    const taken = duplicate({
      candidates: [
        { ...base, id: 'a', score: 99, linkedTo: '77' },
        { ...base, id: 'b', score: 95, unlinkedByPerson: true },
        { ...base, id: 'c', score: 91 },
      ],
    });
    expect(topSuggestion(taken, 90)).toBe('c');
    expect(topSuggestion(taken, 92)).toBeNull();
  });

  it('a name held in QuickBooks: shows who holds it and creates with the accepted name', () => {
    const clash = acmeClash(
      'dup-c',
      { entity: 'Vendor', id: '7', displayName: 'Acme Ltd' },
      'Acme Ltd (Client)',
    );
    const { onDecide } = renderSection([clash]);
    expect(screen.getByText(/vendor “Acme Ltd”/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Create as “Acme Ltd (Client)”' }));
    expect(onDecide).toHaveBeenCalledWith('dup-c', { action: 'create', displayName: 'Acme Ltd (Client)' });
  });

  it('a name held by a customer can also be linked to that customer', () => {
    const clash = acmeClash(
      'dup-c2',
      { entity: 'Customer', id: '9', displayName: 'ACME LTD' },
      'Acme Ltd (2)',
    );
    const { onDecide } = renderSection([clash]);
    fireEvent.click(screen.getByRole('button', { name: 'Link to customer “ACME LTD”' }));
    expect(onDecide).toHaveBeenCalledWith('dup-c2', { action: 'link', candidateId: '9' });
  });

  it('an undo that met a later edit: restore or keep, in words', () => {
    const undo = duplicate({
      id: 'dup-u',
      why: 'undo-edited-since',
      candidates: [],
      undo: {
        undoneRunId: 'r1',
        changeId: 'c1',
        side: 'karbon',
        field: 'phoneWork',
        quickBooksId: '58',
        karbonKey: 'k1',
        karbonKind: 'contact',
        restore: '555 0',
        wrote: '555 1',
        current: '555 2',
      },
    });
    const { onDecide } = renderSection([undo]);
    expect(screen.getByText(/the undone run wrote “555 1”, and it now holds “555 2”/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Restore “555 0”' }));
    expect(onDecide).toHaveBeenCalledWith('dup-u', { action: 'restore' });
  });

  it('a Karbon contact waiting to be pushed offers "Create new customer"', () => {
    renderSection([duplicate({ id: 'dup-k', origin: 'karbon', name: 'Paige Valdez' })]);
    expect(screen.getByRole('button', { name: 'Create new customer for Paige Valdez' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'In Karbon' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: /^QuickBooks / })).toBeTruthy();
  });

  it('a person with one name only: says what to fix in QuickBooks, offers no "Create new contact" Karbon would refuse', () => {
    const { onDecide } = renderSection([
      duplicate({ id: 'dup-cher', name: 'Cher', email: '', why: 'name-incomplete', candidates: [] }),
    ]);
    const card = screen.getByTestId('duplicate-card');
    expect(card.textContent).toContain(
      'Karbon needs a first and a last name for a person: add them in QuickBooks',
    );
    expect(screen.queryByRole('button', { name: /Create new contact/ })).toBeNull();
    expect((screen.getByRole('button', { name: 'Create all (0)' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Skip Cher' }));
    expect(onDecide).toHaveBeenCalledWith('dup-cher', { action: 'skip' });
  });

  it('a value the other side refuses: the engine’s sentence says where to correct it; no "Create new", not in Create all', () => {
    const sentence = "Karbon does not accept the email 'a@x.com (billing)' — correct it in QuickBooks.";
    const { onDecide } = renderSection([
      duplicate({
        id: 'dup-refused',
        name: 'Abe Billing',
        email: 'a@x.com (billing)',
        why: 'value-refused',
        candidates: [],
        refused: { service: 'karbon', values: [{ field: 'email', value: 'a@x.com (billing)' }], sentence },
      }),
      duplicate(),
    ]);
    const card = screen.getAllByTestId('duplicate-card')[0] as HTMLElement;
    expect(card.textContent).toContain(`${sentence} Then Sync Now, or Skip it to leave it unsynced.`);
    expect(screen.queryByRole('button', { name: 'Create new contact for Abe Billing' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Create all (1)' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Skip Abe Billing' }));
    expect(onDecide).toHaveBeenCalledWith('dup-refused', { action: 'skip' });
  });

  it('skipped items: listed apart, decided later with Link or Create (no Skip); the waiting list stays as it was', () => {
    const onDecide = vi.fn(async () => undefined);
    render(
      <ResolveSection
        items={[duplicate()]}
        skipped={[duplicate({ id: 'dup-s', name: 'Sam Skipped', status: 'skipped' })]}
        lastRunAt={null}
        onDecide={onDecide}
        onBulk={vi.fn(async () => undefined)}
        error={null}
      />,
    );
    expect(screen.getAllByTestId('duplicate-card')).toHaveLength(1);
    fireEvent.click(screen.getByRole('tab', { name: 'Skipped (1)' }));
    const card = screen.getByTestId('duplicate-card');
    expect(card.textContent).toContain('Skipped: stays unsynced until it changes, or decide now.');
    expect(screen.queryByRole('button', { name: 'Skip Sam Skipped' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Link all top suggestions/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Create new contact for Sam Skipped' }));
    expect(onDecide).toHaveBeenCalledWith('dup-s', { action: 'create' });
    fireEvent.click(screen.getByRole('tab', { name: 'Waiting (1)' }));
    expect(screen.getByRole('heading', { name: 'Amy Lauterbach' })).toBeTruthy();
  });
});
