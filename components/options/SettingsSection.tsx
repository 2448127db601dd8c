// Contact Sync Settings: Karbon's two sections (QuickBooks → Karbon, Karbon → QuickBooks), worded
// as in Karbon, plus the schedule and the policies, each with one sentence on what it does.
import { type FormEvent, useEffect, useId, useState } from 'react';
import type { ConflictPolicy, FirstLinkPolicy, Settings, SettingsPatch } from '../../lib/db/settings';
import { ErrorLine } from '../ErrorLine';
import { HeldButton } from '../HeldButton';
import { useAction } from '../hooks';

const SCHEDULES = [5, 10, 15, 30, 60, 120, 240, 480, 1440];

function scheduleLabel(minutes: number): string {
  if (minutes < 60) return `Every ${minutes} minutes`;
  if (minutes === 60) return 'Every hour';
  if (minutes === 1440) return 'Once a day';
  return `Every ${minutes / 60} hours`;
}

const CONFLICT: Array<{ value: ConflictPolicy; label: string; sentence: string }> = [
  {
    value: 'latest',
    label: 'Latest edit wins',
    sentence:
      'The value edited most recently is kept on both sides; the other is saved in History and can be restored.',
  },
  {
    value: 'quickbooks',
    label: 'QuickBooks wins',
    sentence: 'QuickBooks’ value is copied to Karbon; Karbon’s is saved in History.',
  },
  {
    value: 'karbon',
    label: 'Karbon wins',
    sentence: 'Karbon’s value is copied to QuickBooks; QuickBooks’ is saved in History.',
  },
];

const FIRST_LINK: Array<{ value: FirstLinkPolicy; label: string; sentence: string }> = [
  {
    value: 'fill-blanks',
    label: 'Keep both values',
    sentence:
      'Nothing is overwritten; the differences are shown in the Client List. Blanks are filled either way.',
  },
  {
    value: 'quickbooks',
    label: 'QuickBooks wins',
    sentence: 'Where both hold different values, QuickBooks’ value is copied to Karbon.',
  },
  {
    value: 'karbon',
    label: 'Karbon wins',
    sentence: 'Where both hold different values, Karbon’s value is copied to QuickBooks.',
  },
];

function RadioGroup<T extends string>(p: {
  legend: string;
  name: string;
  value: T;
  options: Array<{ value: T; label: string; sentence: string }>;
  onChange: (v: T) => void;
}) {
  return (
    <fieldset>
      <legend>{p.legend}</legend>
      {p.options.map((o) => (
        <div key={o.value} className="row" style={{ alignItems: 'flex-start', marginBottom: 6 }}>
          <input
            type="radio"
            id={`${p.name}-${o.value}`}
            name={p.name}
            checked={p.value === o.value}
            onChange={() => p.onChange(o.value)}
          />
          <label htmlFor={`${p.name}-${o.value}`} style={{ fontWeight: 400 }}>
            <strong>{o.label}</strong> — {o.sentence}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function SettingsSection(p: {
  settings: Settings;
  contactTypes: string[];
  onSave: (patch: SettingsPatch) => Promise<unknown>;
}) {
  const [draft, setDraft] = useState<Settings>(p.settings);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(p.settings), [p.settings]);
  const save = useAction(p.onSave);
  const listId = useId();
  const set = (patch: SettingsPatch) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const types = [...new Set([...p.contactTypes, ...draft.pushTypes])];
  const schedules =
    draft.scheduleMinutes && !SCHEDULES.includes(draft.scheduleMinutes)
      ? [...SCHEDULES, draft.scheduleMinutes].sort((a, b) => a - b)
      : SCHEDULES;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if ((await save.run(draft)) !== undefined) setSaved(true);
  };
  const dirty = JSON.stringify(draft) !== JSON.stringify(p.settings);
  return (
    <form onSubmit={onSubmit} className="stack" style={{ maxWidth: 720 }}>
      <fieldset>
        <legend>Syncing from QuickBooks Online to Karbon</legend>
        <div className="field">
          <label htmlFor="new-contact-type">Contact Type for new contacts</label>
          <input
            id="new-contact-type"
            list={listId}
            value={draft.newContactType}
            onChange={(e) => set({ newContactType: e.target.value })}
            required
          />
          <datalist id={listId}>
            {p.contactTypes.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
          <span className="hint">
            Customers created in Karbon from QuickBooks get this Contact Type. Pick one of Karbon’s or type a
            new one.
          </span>
        </div>
      </fieldset>
      <fieldset>
        <legend>Syncing from Karbon to QuickBooks Online</legend>
        <p className="hint small">
          Contacts of these Contact Types are added to QuickBooks when they are created or changed after the
          first sync. The first sync never adds Karbon contacts to QuickBooks.
        </p>
        {types.length === 0 && <p className="muted">Connect Karbon to see its Contact Types.</p>}
        <div className="row wrap" style={{ gap: 16 }}>
          {types.map((t) => (
            <label key={t} className="row" style={{ fontWeight: 400 }}>
              <input
                type="checkbox"
                checked={draft.pushTypes.includes(t)}
                onChange={(e) =>
                  set({
                    pushTypes: e.target.checked
                      ? [...draft.pushTypes, t]
                      : draft.pushTypes.filter((x) => x !== t),
                  })
                }
              />
              {t}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Schedule</legend>
        <div className="field">
          <label htmlFor="schedule">Background sync</label>
          <select
            id="schedule"
            value={draft.scheduleMinutes ?? 'off'}
            onChange={(e) =>
              set({ scheduleMinutes: e.target.value === 'off' ? null : Number(e.target.value) })
            }
          >
            <option value="off">Off — only Sync Now</option>
            {schedules.map((m) => (
              <option key={m} value={m}>
                {scheduleLabel(m)}
              </option>
            ))}
          </select>
          <span className="hint">
            While the browser is open, a sync runs this often by itself, exactly like Sync Now.
          </span>
        </div>
      </fieldset>
      <RadioGroup
        legend="When both sides changed the same field"
        name="conflict"
        value={draft.conflictPolicy}
        options={CONFLICT}
        onChange={(v) => set({ conflictPolicy: v })}
      />
      <RadioGroup
        legend="When a pair is first linked and values differ"
        name="first-link"
        value={draft.firstLinkPolicy}
        options={FIRST_LINK}
        onChange={(v) => set({ firstLinkPolicy: v })}
      />
      <fieldset>
        <legend>Likely duplicates</legend>
        <label className="row" style={{ fontWeight: 400, alignItems: 'flex-start' }}>
          <input
            type="checkbox"
            checked={draft.fuzzyReview}
            onChange={(e) => set({ fuzzyReview: e.target.checked })}
          />
          <span>
            <strong>Review likely duplicates first</strong> — a customer with no exact match but a close one
            (e.g. “Smith & Co Ltd” and “Smith and Co Limited”) waits in Resolve Duplicates instead of becoming
            a new contact.
          </span>
        </label>
      </fieldset>
      <div className="row">
        <HeldButton type="submit" className="primary" held={save.pending || !dirty}>
          {save.pending ? 'Saving…' : 'Save settings'}
        </HeldButton>
        <span role="status" className="muted">
          {saved && !dirty ? 'Saved. The next run uses these settings.' : ''}
        </span>
      </div>
      <ErrorLine text={save.error} />
    </form>
  );
}
