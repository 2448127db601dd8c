// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackupSection } from './BackupSection';

afterEach(cleanup);

function file(name: string, text: string): File {
  return new File([text], name, { type: 'application/json' });
}

describe('BackupSection', () => {
  it('restoring asks first, then hands the parsed backup to the background', async () => {
    const onImport = vi.fn(async () => undefined);
    render(<BackupSection onExport={async () => ({})} onImport={onImport} />);
    fireEvent.change(screen.getByLabelText('Backup file'), {
      target: { files: [file('state.json', '{"format":"karbon-qbo-sync/state"}')] },
    });
    const restore = await screen.findByRole('button', { name: 'Restore state.json' });
    fireEvent.click(restore);
    expect(onImport).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Replace and restore' }));
    await waitFor(() => expect(onImport).toHaveBeenCalledWith({ format: 'karbon-qbo-sync/state' }));
    await screen.findByText('Backup restored.');
  });

  it('a file that is not JSON is refused before anything is sent', async () => {
    const onImport = vi.fn(async () => undefined);
    render(<BackupSection onExport={async () => ({})} onImport={onImport} />);
    fireEvent.change(screen.getByLabelText('Backup file'), {
      target: { files: [file('notes.txt', 'hello')] },
    });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'notes.txt is not a JSON file. Choose a backup this extension saved.',
    );
    expect(screen.queryByRole('button', { name: /Restore/ })).toBeNull();
  });

  it('the background’s refusal (a wrong backup) is shown as its sentence', async () => {
    const onImport = vi.fn(async () =>
      Promise.reject(new Error('The backup cannot be read at format: not a sync state backup')),
    );
    render(<BackupSection onExport={async () => ({})} onImport={onImport} />);
    fireEvent.change(screen.getByLabelText('Backup file'), { target: { files: [file('x.json', '{}')] } });
    fireEvent.click(await screen.findByRole('button', { name: 'Restore x.json' }));
    fireEvent.click(screen.getByRole('button', { name: 'Replace and restore' }));
    expect((await screen.findByRole('alert')).textContent).toContain('not a sync state backup');
  });
});
