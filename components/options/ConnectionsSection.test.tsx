// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connections } from '../test-fixtures';
import { type ConnectionsApi, ConnectionsSection } from './ConnectionsSection';

afterEach(cleanup);

function api(): { [K in keyof ConnectionsApi]: ReturnType<typeof vi.fn> } & ConnectionsApi {
  return {
    setEnvironment: vi.fn(async () => undefined),
    saveIntuitApp: vi.fn(async () => undefined),
    connectQuickBooks: vi.fn(async () => undefined),
    disconnectQuickBooks: vi.fn(async () => undefined),
    saveKarbonKeys: vi.fn(async () => undefined),
    disconnectKarbon: vi.fn(async () => undefined),
    useSandboxCredentials: vi.fn(async () => undefined),
  };
}

describe('ConnectionsSection', () => {
  it('not connected: the sandbox address can be changed and saved', () => {
    const a = api();
    render(<ConnectionsSection status={connections()} api={a} />);
    fireEvent.change(screen.getByLabelText('Sandbox address'), {
      target: { value: 'http://127.0.0.1:9999' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save environment' }));
    expect(a.setEnvironment).toHaveBeenCalledWith('local', 'http://127.0.0.1:9999');
  });

  it('Connect QuickBooks saves the Intuit app first, then opens the Intuit window; the secret field empties', async () => {
    const a = api();
    render(<ConnectionsSection status={connections()} api={a} />);
    fireEvent.change(screen.getByLabelText('Intuit app client ID'), { target: { value: 'ABC' } });
    fireEvent.change(screen.getByLabelText('Intuit app client secret'), { target: { value: 's3cret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect QuickBooks' }));
    await waitFor(() => expect(a.connectQuickBooks).toHaveBeenCalled());
    expect(a.saveIntuitApp).toHaveBeenCalledWith('ABC', 's3cret');
    expect((screen.getByLabelText('Intuit app client secret') as HTMLInputElement).value).toBe('');
  });

  it('shows the redirect URI to register with Intuit', () => {
    render(<ConnectionsSection status={connections()} api={api()} />);
    expect(screen.getByTestId('redirect-uri').textContent).toBe(
      'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
    );
  });

  it('connected: company, realm and expiry shown; environment locked; Disconnect offered', () => {
    render(<ConnectionsSection status={connections({ quickBooks: true, karbon: true })} api={api()} />);
    expect(screen.getByTestId('quickbooks-state').textContent).toContain(
      'Connected to Craig’s Design and Landscaping (company 9130350)',
    );
    expect(screen.getByText(/Authorization valid until/)).toBeTruthy();
    expect(screen.getByTestId('karbon-state').textContent).toContain('Northwind Advisors');
    expect((screen.getByLabelText('Environment') as HTMLSelectElement).disabled).toBe(true);
    expect(screen.getByRole('button', { name: 'Disconnect QuickBooks' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reconnect QuickBooks' })).toBeTruthy();
  });

  it('Karbon keys are checked by the background; its refusal is shown and the keys stay typed', async () => {
    const a = api();
    a.saveKarbonKeys.mockRejectedValueOnce(new Error('Karbon rejected the bearer token or access key.'));
    render(<ConnectionsSection status={connections()} api={a} />);
    fireEvent.change(screen.getByLabelText('API bearer token'), { target: { value: 'tok' } });
    fireEvent.change(screen.getByLabelText('Access key'), { target: { value: 'key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check and connect Karbon' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Karbon rejected the bearer token or access key.'),
    );
    expect(a.saveKarbonKeys).toHaveBeenCalledWith('tok', 'key');
    expect((screen.getByLabelText('Access key') as HTMLInputElement).value).toBe('key');
  });

  it('needs reconnecting: says so in words, not only with a colour', () => {
    render(
      <ConnectionsSection
        status={connections({ quickBooks: 'reconnect', karbon: 'rejected' })}
        api={api()}
      />,
    );
    expect(screen.getByTestId('quickbooks-state').textContent).toContain('Needs reconnecting');
    expect(screen.getByTestId('karbon-state').textContent).toContain('Key rejected');
  });
});
