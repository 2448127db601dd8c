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
    <div className="options-frame">
      <nav aria-label="Sections" className="options-nav">
        <p className="options-nav-title">QuickBooks ⇄ Karbon</p>
        <ul className="options-nav-list">
          {SECTIONS.map((s) => {
            const n = counts[s.id];
            return (
              <li key={s.id}>
                <a
                  href={`#${s.id}`}
                  aria-current={s.id === section ? 'page' : undefined}
                  className="nav-link"
                >
                  <span>{s.label}</span>
                  {n !== undefined && n > 0 && <span className="badge">{n.toLocaleString('en-US')}</span>}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <main className="options-main" aria-labelledby="section-heading">
        {banner}
        <h1 id="section-heading">{current?.label}</h1>
        {children}
      </main>
    </div>
  );
}
