// Reads a card's records in full once the card is on screen (each read costs requests to both
// services, so a long queue is not read all at once), and keeps them while the item is unchanged.
import { type RefObject, useCallback, useEffect, useState } from 'react';
import type { ItemRecords } from '../../lib/messaging/types';
import { errorSentence } from '../hooks';
import type { RecordsState } from './DuplicateCard';

export type LoadRecords = (itemId: string) => Promise<ItemRecords>;

/** Answers by item id and version, shared by the cards of one page. */
export type RecordsCache = Map<string, ItemRecords>;

function useOnScreen(ref: RefObject<Element | null>): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (seen || !el) return;
    if (typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, seen]);
  return seen;
}

export function useItemRecords(
  item: { id: string; updatedAt: string },
  load: LoadRecords | undefined,
  cache: RecordsCache,
  ref: RefObject<Element | null>,
): RecordsState | undefined {
  const key = `${item.id}|${item.updatedAt}`;
  const onScreen = useOnScreen(ref);
  const [state, setState] = useState<{ key: string; records: ItemRecords | null; error: string | null }>({
    key,
    records: cache.get(key) ?? null,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const current = state.key === key ? state : { key, records: cache.get(key) ?? null, error: null };
  const wanted = load !== undefined && onScreen && current.records === null && current.error === null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` asks again after an error
  useEffect(() => {
    if (!wanted || !load) return;
    let alive = true;
    load(item.id).then(
      (records) => {
        cache.set(key, records);
        if (alive) setState({ key, records, error: null });
      },
      (e: unknown) => alive && setState({ key, records: null, error: errorSentence(e) }),
    );
    return () => {
      alive = false;
    };
  }, [wanted, key, attempt]);
  if (!load) return undefined;
  return {
    records: current.records,
    loading: current.records === null && current.error === null,
    error: current.error,
    retry: () => {
      setState({ key, records: null, error: null });
      retry();
    },
  };
}
