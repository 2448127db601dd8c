// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../lib/db/settings';
import { SettingsSection } from './SettingsSection';

afterEach(cleanup);

describe('SettingsSection', () => {
  it('shows the defaults: Client, nothing pushed, every 15 minutes, latest edit wins', () => {
    render(
      <SettingsSection
        settings={defaultSettings}
        contactTypes={['Client', 'Prospect', 'Supplier']}
        onSave={async () => defaultSettings}
      />,
    );
    expect((screen.getByLabelText('Contact Type for new contacts') as HTMLInputElement).value).toBe('Client');
    expect((screen.getByLabelText('Background sync') as HTMLSelectElement).value).toBe('15');
    expect((screen.getByRole('checkbox', { name: 'Prospect' }) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole('radio', { name: /Latest edit wins/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('button', { name: 'Save settings' }).getAttribute('aria-disabled')).toBe('true');
  });

  it('saves exactly what was changed, then says the next run uses it', async () => {
    const onSave = vi.fn(async () => defaultSettings);
    const { rerender } = render(
      <SettingsSection settings={defaultSettings} contactTypes={['Client', 'Prospect']} onSave={onSave} />,
    );
    fireEvent.change(screen.getByLabelText('Contact Type for new contacts'), {
      target: { value: 'Prospect' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Client' }));
    fireEvent.change(screen.getByLabelText('Background sync'), { target: { value: 'off' } });
    fireEvent.click(
      screen.getByRole('radio', {
        name: /Karbon wins — Karbon’s value is copied to QuickBooks; QuickBooks’ is saved/,
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    const saved = {
      ...defaultSettings,
      newContactType: 'Prospect',
      pushTypes: ['Client'],
      scheduleMinutes: null,
      conflictPolicy: 'karbon' as const,
    };
    expect(onSave).toHaveBeenCalledWith(saved);
    rerender(<SettingsSection settings={saved} contactTypes={['Client', 'Prospect']} onSave={onSave} />);
    await waitFor(() => expect(screen.getByText('Saved. The next run uses these settings.')).toBeTruthy());
  });

  it('a refused save shows the reason', async () => {
    render(
      <SettingsSection
        settings={defaultSettings}
        contactTypes={[]}
        onSave={async () => Promise.reject(new Error('Contact Type must not be empty'))}
      />,
    );
    fireEvent.click(screen.getByRole('checkbox', { name: /Review likely duplicates first/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Contact Type must not be empty'));
  });
});
