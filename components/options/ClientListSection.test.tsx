// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import Papa from 'papaparse';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { link } from '../test-fixtures';
import { ClientListSection } from './ClientListSection';
import { clientListCsv, filterAndSort } from './client-list-data';

afterEach(cleanup);

// happy-dom lays nothing out: give the scroll area a 600 px viewport and each row 44 px, as a browser would.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 44 });
});
afterAll(() => {
  for (const p of ['clientHeight', 'clientWidth', 'offsetHeight'])
    Reflect.deleteProperty(HTMLElement.prototype, p);
});

const TEN_THOUSAND = Array.from({ length: 10_000 }, (_, i) => link(i + 1));

function renderList(rows = TEN_THOUSAND) {
  const onRemoveMatch = vi.fn(async () => undefined);
  render(<ClientListSection rows={rows} onRemoveMatch={onRemoveMatch} error={null} />);
  return { onRemoveMatch };
}

const bodyRows = () =>
  within(screen.getByTestId('client-rows'))
    .getAllByRole('row')
    .filter((r) => r.hasAttribute('data-index'));

describe('ClientListSection', () => {
  it('10,000 links → only the rows in view are in the page, and the count is formatted', () => {
    renderList();
    expect(screen.getByText('10,000 linked')).toBeTruthy();
    const rendered = bodyRows().length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('10001');
  });

  it('search filters as you type, on names and emails', async () => {
    renderList();
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'client09999@' } });
    });
    expect(screen.getByText('1 of 10,000 linked')).toBeTruthy();
    expect(bodyRows()[0]?.textContent).toContain('Client 09999');
  });

  it('a column header sorts, and a second press reverses it (aria-sort says which)', () => {
    renderList(TEN_THOUSAND.slice(0, 20));
    const header = screen.getByRole('columnheader', { name: /QuickBooks name/ });
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(bodyRows()[0]?.textContent).toContain('Client 00020');
  });

  it('differences: a dot with a count that expands to both values', () => {
    renderList([
      link(1, { differences: [{ field: 'phoneWork', quickbooks: '555-0100', karbon: '555-0199' }] }),
    ]);
    const dot = screen.getByRole('button', { name: /1 difference/ });
    expect(dot.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(dot);
    expect(screen.getByText(/QuickBooks “555-0100” · Karbon “555-0199”/)).toBeTruthy();
    expect(screen.getByText('Work phone')).toBeTruthy();
  });

  it('Remove Match asks first, then sends the QuickBooks id', () => {
    const { onRemoveMatch } = renderList(TEN_THOUSAND.slice(0, 3));
    fireEvent.click(screen.getByRole('button', { name: 'Actions for Client 00002' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Remove Match' }));
    expect(onRemoveMatch).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('menuitem', { name: 'Confirm Remove Match' }));
    expect(onRemoveMatch).toHaveBeenCalledWith('2');
  });

  it('filterAndSort: every word must appear; case and spacing do not matter', () => {
    const rows = [
      link(1, { quickBooks: { name: 'Smith  & Co', email: '' } }),
      link(2, { quickBooks: { name: 'Smithers', email: '' } }),
    ];
    expect(
      filterAndSort(rows, 'SMITH  &', { key: 'quickBooks', dir: 'asc' }).map((r) => r.quickBooksId),
    ).toEqual(['1']);
  });

  it('CSV: one line per link with both names, and formulas neutralised', () => {
    const csv = clientListCsv([link(1, { quickBooks: { name: '=HYPERLINK("x")', email: 'a@b.c' } })]);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true }).data;
    expect(parsed[0]?.['QuickBooks name']).toBe('\'=HYPERLINK("x")');
    expect(parsed[0]?.['Karbon name']).toBe('Client 00001');
  });
});
