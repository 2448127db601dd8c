// @vitest-environment happy-dom
// Resolve Duplicates with the records read in full: every field row marked, so two candidates
// that look the same by name and email can be told apart.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { emptyFields } from '../../lib/contact/model';
import type { ItemRecords, RecordView } from '../../lib/messaging/types';
import { duplicate } from '../test-fixtures';
import { compareAddresses, comparePhones } from './compare';
import { ResolveSection } from './ResolveSection';
import { READ_FIRST } from './use-item-records';

afterEach(cleanup);

// happy-dom never reports an element on screen: every card is, here.
class OnScreen {
  constructor(private readonly callback: (entries: Array<{ isIntersecting: boolean }>) => void) {}
  observe() {
    this.callback([{ isIntersecting: true }]);
  }
  disconnect() {}
}
beforeAll(() => vi.stubGlobal('IntersectionObserver', OnScreen));
afterAll(() => vi.unstubAllGlobals());

const twin = (id: string) => ({
  id,
  kind: 'contact' as const,
  name: 'Frank Ford',
  email: 'frank@ford.example',
  reasons: ['name' as const, 'email' as const],
  score: 100,
  agreeing: [],
  linkedTo: null,
  unlinkedByPerson: false,
  externalKey: false,
});

const frank = duplicate({
  id: 'dup-frank',
  name: 'Frank Ford',
  email: 'frank@ford.example',
  why: 'several-exact',
  candidates: [twin('K1'), twin('K2')],
});

function view(
  id: string,
  side: RecordView['side'],
  fields: Partial<RecordView['fields']>,
  extra: Partial<RecordView> = {},
): RecordView {
  return {
    id,
    side,
    kind: 'person',
    fields: {
      ...emptyFields(),
      firstName: 'Frank',
      lastName: 'Ford',
      email: 'frank@ford.example',
      ...fields,
    },
    contactType: side === 'karbon' ? 'Client' : '',
    lastModified: '2026-11-20T10:00:00.000Z',
    active: true,
    ...extra,
  };
}

const address = { physicalLines: '12 Elm St', physicalCity: 'Springfield', physicalPostalCode: '62704' };

const records: ItemRecords = {
  itemId: 'dup-frank',
  source: view('7', 'quickbooks', { phoneWork: '555 0107', phoneMobile: '555 0199', ...address }),
  candidates: {
    K1: view('K1', 'karbon', { phoneWork: '(555) 0107', ...address }),
    K2: view(
      'K2',
      'karbon',
      {
        phoneWork: '555 0107',
        phoneMobile: '555 0188',
        phoneOther: '555 0177',
        ...address,
        physicalLines: '14 Elm Street',
      },
      { contactType: 'Prospect' },
    ),
  },
};

function cell(candidateId: string, field: string): string {
  return (
    document.querySelector(`tr[data-field="${field}"] td[data-candidate="${candidateId}"]`)?.textContent ?? ''
  );
}

function renderWith(loadRecords: (id: string) => Promise<ItemRecords>, items = [frank]) {
  render(
    <ResolveSection
      items={items}
      lastRunAt={null}
      onDecide={vi.fn(async () => undefined)}
      onBulk={vi.fn(async () => undefined)}
      error={null}
      loadRecords={loadRecords}
    />,
  );
}

describe('DuplicateCard with the records read in full', () => {
  it('two candidates alike by name and email differ by mobile, address and Contact Type, each row marked', async () => {
    const load = vi.fn(async () => records);
    renderWith(load);
    // The first cards are shown once their records are read (a card growing would push the rest down).
    expect(screen.getByText('Reading the records of the first items to compare every field…')).toBeTruthy();
    expect(screen.queryByTestId('duplicate-card')).toBeNull();
    await waitFor(() => expect(cell('K1', 'contactType')).toBe('Client'));
    expect(load).toHaveBeenCalledWith('dup-frank');
    expect(cell('K2', 'contactType')).toBe('Prospect');
    expect(cell('K1', 'phoneWork')).toBe('(555) 0107 ✓ same');
    expect(cell('K1', 'phoneMobile')).toBe('— – missing on one side');
    expect(cell('K2', 'phoneMobile')).toBe('555 0188 ≠ different');
    expect(cell('K1', 'physical')).toBe('12 Elm St, Springfield 62704 ✓ same');
    expect(cell('K2', 'physical')).toBe('14 Elm Street, Springfield 62704 ≠ different · same postal code');
    expect(cell('K1', 'record')).toBe('Karbon contact K1');
    // Blank on both sides is not a difference: no mark.
    expect(cell('K1', 'phoneOther')).toBe('—');
    // Fields blank on every record (fax, mailing address) are left out.
    expect(document.querySelector('tr[data-field="phoneFax"]')).toBeNull();
    expect(document.querySelector('tr[data-field="mailing"]')).toBeNull();
    expect(screen.queryByText(/^Reading/)).toBeNull();
    // The two Link buttons say which record each links.
    expect(
      screen.getByRole('button', { name: 'Link Frank Ford to Frank Ford (Karbon contact K2)' }),
    ).toBeTruthy();
  });

  it('a candidate gone from Karbon says so; a failed read says why and can be tried again', async () => {
    const gone: ItemRecords = { ...records, candidates: { K1: records.candidates.K1 ?? null, K2: null } };
    const load = vi
      .fn<(id: string) => Promise<ItemRecords>>()
      .mockRejectedValueOnce(new Error('Karbon could not be reached: the next sync will try again.'))
      .mockResolvedValueOnce(gone);
    renderWith(load);
    await screen.findByText(/Could not read the records to compare every field: Karbon could not be reached/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(cell('K2', 'name')).toBe('— no longer exists'));
    expect(cell('K2', 'email')).toBe('—');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('a card beyond the first ones reads its records itself when it comes near the window', async () => {
    const many = Array.from({ length: READ_FIRST + 1 }, (_, i) => ({ ...frank, id: `dup-${i}` }));
    const load = vi.fn(async (_itemId: string) => records);
    render(
      <ResolveSection
        items={many}
        lastRunAt={null}
        onDecide={vi.fn(async () => undefined)}
        onBulk={vi.fn(async () => undefined)}
        error={null}
        loadRecords={load}
      />,
    );
    await waitFor(() => expect(load).toHaveBeenCalledTimes(READ_FIRST + 1));
    expect(load.mock.calls.map(([id]) => id)).toEqual(many.map((i) => i.id));
  });

  it('the records are read once per version of the item: a live update re-renders without a new read', async () => {
    const load = vi.fn(async () => records);
    const props = {
      lastRunAt: null,
      onDecide: vi.fn(async () => undefined),
      onBulk: vi.fn(async () => undefined),
      error: null,
      loadRecords: load,
    };
    const { rerender } = render(<ResolveSection items={[frank]} {...props} />);
    await waitFor(() => expect(cell('K1', 'contactType')).toBe('Client'));
    rerender(<ResolveSection items={[{ ...frank }]} {...props} />);
    expect(cell('K1', 'contactType')).toBe('Client');
    expect(load).toHaveBeenCalledTimes(1);
    // The item changed (a run updated it): read again.
    rerender(<ResolveSection items={[{ ...frank, updatedAt: '2026-11-26T10:00:00.000Z' }]} {...props} />);
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
  });
});

describe('field comparisons', () => {
  it.each([
    ['(555) 010-7000', '555-010-7000', 'equal'],
    ['+1 555 010 7000', '555 010 7000', 'equal'],
    ['555 010 7000', '555 010 7001', 'different'],
    ['', '555 010 7000', 'missing'],
  ])('phone %s vs %s → %s', (a, b, expected) => {
    expect(comparePhones(a, b)).toBe(expected);
  });

  it('addresses: equal whole; different with the postal code agreeing; missing when one is blank', () => {
    const a = { lines: '12 Elm St', city: 'Springfield', region: 'IL', postalCode: '62704', country: 'US' };
    expect(compareAddresses(a, { ...a, lines: '12  ELM st' })).toEqual({
      result: 'equal',
      samePostalCode: false,
    });
    expect(compareAddresses(a, { ...a, lines: '14 Elm St' })).toEqual({
      result: 'different',
      samePostalCode: true,
    });
    expect(
      compareAddresses(a, { ...a, lines: '', city: '', region: '', postalCode: '', country: '' }),
    ).toEqual({
      result: 'missing',
      samePostalCode: false,
    });
  });
});
