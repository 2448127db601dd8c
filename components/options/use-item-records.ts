// Reads a card's records in full when the card comes near the window (each read costs requests
// to both services, so a long queue is not read all at once), and keeps them while the item is
// unchanged. The first cards are read before the list is shown: a card that grew when its records
// arrived would push everything below it down.
import { type RefObject, useCallback, useEffect, useState } from 'react';
import type { ItemRecords } from '../../lib/messaging/types';
import { errorSentence } from '../hooks';
import type { RecordsState } from './DuplicateCard';

export type LoadRecords = (itemId: string) => Promise<ItemRecords>;

/** What a read gave, by item id and version, shared by the cards of one page. */
export type RecordsCache = Map<string, { records: ItemRecords } | { error: string }>;

/** How many cards are read before the list shows: more than a tall window holds. */
export const READ_FIRST = 5;
/** A slow service does not hold the list back longer: cards still reading say so. */
const FIRST_WAIT_MS = 4_000;

const cacheKey = (item: { id: string; updatedAt: string }) => `${item.id}|${item.updatedAt}`;

/** Reads under way, by cache: a card shown before its read ended waits for that read, not a second one. */
const underWay = new WeakMap<RecordsCache, Map<string, Promise<void>>>();

/** One read, its outcome kept in the cache (an error too, so a card shows it at once). */
function readInto(cache: RecordsCache, load: LoadRecords, item: { id: string; updatedAt: string }) {
  const key = cacheKey(item);
  const reads = underWay.get(cache) ?? new Map<string, Promise<void>>();
  underWay.set(cache, reads);
  const existing = reads.get(key);
  if (existing) return existing;
  const read = load(item.id).then(
    (records) => {
      cache.set(key, { records });
    },
    (e: unknown) => {
      cache.set(key, { error: errorSentence(e) });
    },
  );
  reads.set(key, read);
  void read.finally(() => reads.delete(key));
  return read;
}

/**
 * Reads the records of the first `READ_FIRST` items; true once they are all in the cache (at
 * once when there is nothing to read). Items arriving later are read by their cards.
 */
export function useFirstRecords(
  items: Array<{ id: string; updatedAt: string }>,
  load: LoadRecords | undefined,
  cache: RecordsCache,
): boolean {
  const first = items.slice(0, READ_FIRST).filter((i) => !cache.has(cacheKey(i)));
  const [ready, setReady] = useState(load === undefined || first.length === 0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for the items the section opened with
  useEffect(() => {
    if (ready || !load) return;
    let alive = true;
    const show = () => alive && setReady(true);
    const timer = setTimeout(show, FIRST_WAIT_MS);
    void Promise.all(first.map((i) => readInto(cache, load, i))).then(show);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, []);
  return ready;
}

/** True once the element is within a window's height of the window (read just before it is seen). */
function useNearScreen(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: '100% 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, near]);
  return near;
}

export function useItemRecords(
  item: { id: string; updatedAt: string },
  load: LoadRecords | undefined,
  cache: RecordsCache,
  ref: RefObject<Element | null>,
): RecordsState | undefined {
  const key = cacheKey(item);
  const near = useNearScreen(ref);
  const [, setVersion] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const outcome = cache.get(key);
  const wanted = load !== undefined && near && outcome === undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` asks again after an error
  useEffect(() => {
    if (!wanted || !load) return;
    let alive = true;
    void readInto(cache, load, item).then(() => alive && setVersion((v) => v + 1));
    return () => {
      alive = false;
    };
  }, [wanted, key, attempt]);
  const retry = useCallback(() => {
    cache.delete(key);
    setAttempt((n) => n + 1);
  }, [cache, key]);
  if (!load) return undefined;
  return {
    records: outcome && 'records' in outcome ? outcome.records : null,
    loading: outcome === undefined,
    error: outcome && 'error' in outcome ? outcome.error : null,
    retry,
  };
}
