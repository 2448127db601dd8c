// The options page frame: the left navigation of shared/spec/ui.md and the section it shows.
// The section lives in the URL hash (options.html#resolve) so the popup can open it directly.
import { type ReactNode, useEffect, useState } from 'react';
import type { OptionsSection } from '../../lib/messaging/types';

export const SECTIONS: Array<{ id: OptionsSection; label: string }> = [
  { id: 'connections', label: 'Connections' },
  { id: 'settings', label: 'Contact Sync Settings' },
  { id: 'preview', label: 'Preview' },
  { id: 'resolve', label: 'Resolve Duplicates' },
  { id: 'clients', label: 'Client List' },
  { id: 'history', label: 'History' },
  { id: 'backup', label: 'Backup' },
];

function sectionFromHash(hash: string): OptionsSection {
  const id = hash.replace(/^#/, '');
  return SECTIONS.find((s) => s.id === id)?.id ?? 'connections';
}

export function useSection(): OptionsSection {
  const [section, setSection] = useState<OptionsSection>(() => sectionFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setSection(sectionFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return section;
}

export function OptionsLayout({
  section,
  counts,
  banner,
  children,
}: {
  section: OptionsSection;
  counts: Partial<Record<OptionsSection, number>>;
  banner?: ReactNode;
  children: ReactNode;
}) {
  const current = SECTIONS.find((s) => s.id === section);
  useEffect(() => {
    document.title = `${current?.label ?? 'Settings'} — QuickBooks ⇄ Karbon`;
  }, [current]);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '220px minmax(0, 1fr)', minHeight: '100vh' }}>
      <nav
        aria-label="Sections"
        style={{ borderRight: '1px solid var(--border)', padding: 16, background: 'var(--bg-soft)' }}
      >
        <p style={{ fontWeight: 700, marginBottom: 16 }}>QuickBooks ⇄ Karbon</p>
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} className="stack">
          {SECTIONS.map((s) => {
            const n = counts[s.id];
            return (
              <li key={s.id}>
                <a
                  href={`#${s.id}`}
                  aria-current={s.id === section ? 'page' : undefined}
                  style={{
                    display: 'flex',
                    justifyContent: 'space-between',
                    padding: '6px 8px',
                    borderRadius: 'var(--radius)',
                    color: 'var(--text)',
                    textDecoration: 'none',
                    fontWeight: s.id === section ? 700 : 400,
                    background: s.id === section ? 'var(--accent-soft)' : 'transparent',
                    borderLeft: s.id === section ? '3px solid var(--accent)' : '3px solid transparent',
                  }}
                >
                  <span>{s.label}</span>
                  {n !== undefined && n > 0 && <span className="badge">{n.toLocaleString('en-US')}</span>}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <main style={{ padding: 24, maxWidth: 1100 }} aria-labelledby="section-heading">
        {banner}
        <h1 id="section-heading">{current?.label}</h1>
        {children}
      </main>
    </div>
  );
}
