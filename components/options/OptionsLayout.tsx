// The options page frame: the left navigation of shared/spec/ui.md and the section it shows.
// The section lives in the URL hash (options.html#resolve) so the popup can open it directly.
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import type { OptionsPlace, OptionsSection } from '../../lib/messaging/types';

export const SECTIONS: Array<{ id: OptionsSection; label: string }> = [
  { id: 'connections', label: 'Connections' },
  { id: 'settings', label: 'Contact Sync Settings' },
  { id: 'preview', label: 'Preview' },
  { id: 'resolve', label: 'Resolve Duplicates' },
  { id: 'clients', label: 'Client List' },
  { id: 'history', label: 'History' },
  { id: 'backup', label: 'Backup' },
];

export type ConnectionsCard = 'quickbooks' | 'karbon';

/** Where the page is: a section and, for Connections, the card to land on. */
export interface Place {
  section: OptionsSection;
  card: ConnectionsCard | null;
  /** Counts arrivals, so going to the place the page is already at lands there again. */
  visit: number;
}

function placeFromHash(hash: string): Omit<Place, 'visit'> {
  const [id, card] = hash.replace(/^#/, '').split('/');
  const section = SECTIONS.find((s) => s.id === id)?.id ?? 'connections';
  return {
    section,
    card: section === 'connections' && (card === 'quickbooks' || card === 'karbon') ? card : null,
  };
}

export function usePlace(): Place & { goTo: (place: OptionsPlace) => void } {
  const [place, setPlace] = useState<Place>(() => ({ ...placeFromHash(window.location.hash), visit: 0 }));
  useEffect(() => {
    const onHash = () => setPlace((p) => ({ ...placeFromHash(window.location.hash), visit: p.visit + 1 }));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const goTo = useCallback((to: OptionsPlace) => {
    // The same hash fires no hashchange: arrive again by hand.
    if (window.location.hash === `#${to}`)
      setPlace((p) => ({ ...placeFromHash(`#${to}`), visit: p.visit + 1 }));
    else window.location.assign(`#${to}`);
  }, []);
  return { ...place, goTo };
}

export function OptionsLayout({
  section,
  counts,
  banner,
  running,
  arrival = 0,
  children,
}: {
  section: OptionsSection;
  counts: Partial<Record<OptionsSection, number>>;
  banner?: ReactNode;
  /** A run's progress: beside the section (below the navigation), so its coming and going moves nothing. */
  running?: ReactNode;
  /** Counts arrivals at a section from within the page (0: opened here); each one focuses its heading. */
  arrival?: number;
  children: ReactNode;
}) {
  const current = SECTIONS.find((s) => s.id === section);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // A section chosen from the navigation: the keyboard goes on in the section, not down the rest of
  // the links (and a screen reader says where it is).
  useEffect(() => {
    if (arrival) headingRef.current?.focus();
  }, [arrival]);
  useEffect(() => {
    document.title = `${current?.label ?? 'Settings'} — QuickBooks ⇄ Karbon`;
  }, [current]);
  return (
    <div className="options-frame">
      <div className="options-side">
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
        {running && (
          <aside className="card side-run" aria-label="Sync in progress">
            {running}
          </aside>
        )}
      </div>
      <main className="options-main" aria-labelledby="section-heading">
        {banner}
        <h1 id="section-heading" ref={headingRef} tabIndex={-1}>
          {current?.label}
        </h1>
        {children}
      </main>
    </div>
  );
}
