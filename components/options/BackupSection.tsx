// Backup: the whole sync state (links, decisions, history; never a token or key) as one JSON
// file, and restoring it after a confirmation.
import { useRef, useState } from 'react';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorLine } from '../ErrorLine';
import { HeldButton } from '../HeldButton';
import { useAction } from '../hooks';
import { downloadText } from './client-list-data';

export function BackupSection(p: {
  onExport: () => Promise<unknown>;
  onImport: (backup: unknown) => Promise<unknown>;
}) {
  const [file, setFile] = useState<{ name: string; json: unknown } | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const exp = useAction(async () => {
    const backup = await p.onExport();
    downloadText(
      `karbon-qbo-sync-backup-${new Date().toISOString().slice(0, 10)}.json`,
      JSON.stringify(backup, null, 2),
      'application/json',
    );
    setDone('Backup saved to your downloads.');
  });
  const imp = useAction(async (json: unknown) => {
    await p.onImport(json);
    setFile(null);
    if (inputRef.current) inputRef.current.value = '';
    setDone('Backup restored.');
  });
  const onFile = async (f: File | undefined) => {
    setReadError(null);
    setDone(null);
    setFile(null);
    if (!f) return;
    try {
      setFile({ name: f.name, json: JSON.parse(await f.text()) });
    } catch {
      setReadError(`${f.name} is not a JSON file. Choose a backup this extension saved.`);
    }
  };
  return (
    <div className="stack" style={{ gap: 16, maxWidth: 720 }}>
      <section className="card stack" aria-labelledby="backup-export">
        <h2 id="backup-export">Back up</h2>
        <p>
          Saves links, decisions, skipped items and the history as one JSON file. Tokens and keys are never
          included.
        </p>
        <div>
          <HeldButton className="primary" onClick={() => void exp.run()} held={exp.pending}>
            {exp.pending ? 'Preparing…' : 'Download backup'}
          </HeldButton>
        </div>
        <ErrorLine text={exp.error} />
      </section>
      <section className="card stack" aria-labelledby="backup-import">
        <h2 id="backup-import">Restore</h2>
        <p>
          Replaces the whole sync state with a backup’s. The connections (tokens and keys) of this browser
          stay as they are.
        </p>
        <div className="field">
          <label htmlFor="backup-file">Backup file</label>
          <input
            ref={inputRef}
            id="backup-file"
            type="file"
            accept="application/json,.json"
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </div>
        {file && (
          <ConfirmButton
            label={`Restore ${file.name}`}
            confirmLabel="Replace and restore"
            question="Replace every link, decision and run here with the backup’s?"
            danger
            disabled={imp.pending}
            onConfirm={() => void imp.run(file.json)}
          />
        )}
        <ErrorLine text={readError ?? imp.error} />
      </section>
      <p role="status" className="muted">
        {done ?? ''}
      </p>
    </div>
  );
}
