// Hooks the pages share: the connection status (re-read whenever extension storage changes)
// and a runner for background actions that keeps their pending state and error sentence.
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { nextSyncAt } from '../lib/extension/alarms';
import { sendMessage } from '../lib/messaging/protocol';
import type { ConnectionsStatus, OptionsPlace } from '../lib/messaging/types';

export function useConnections(): { status: ConnectionsStatus | null; error: string | null } {
  const [status, setStatus] = useState<ConnectionsStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () => {
      sendMessage('getConnections').then(
        (s) => {
          if (alive) {
            setStatus(s);
            setError(null);
          }
        },
        (e: unknown) => {
          if (alive) setError(errorSentence(e));
        },
      );
    };
    load();
    const onChanged = (_changes: unknown, area: string) => {
      if (area === 'local') load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return { status, error };
}

/** Chromium's words when a page's message finds no background to answer it (worker restarting, extension reloaded). */
const NO_BACKGROUND = /Receiving end does not exist|message port closed|Extension context invalidated/i;

/** The sentence a page shows for a failed action: the background's own sentence, or what to do. */
export function errorSentence(e: unknown): string {
  if (e instanceof Error && NO_BACKGROUND.test(e.message))
    return 'The extension’s background did not answer: close this page and open it again; if it keeps happening, reload the extension in chrome://extensions.';
  if (e instanceof Error && e.message) return e.message;
  return 'Something went wrong: try again.';
}

export interface Action<A extends unknown[], R> {
  run: (...args: A) => Promise<R | undefined>;
  pending: boolean;
  error: string | null;
  clearError: () => void;
}

/** Runs a background action; its error becomes a sentence shown beside the control. */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>): Action<A, R> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (...args: A) => {
      setPending(true);
      setError(null);
      try {
        return await fn(...args);
      } catch (e) {
        setError(errorSentence(e));
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [fn],
  );
  return { run, pending, error, clearError: () => setError(null) };
}

/** Opens the options page at a section or card, in a new tab (works from the popup and the options page). */
export function openOptions(place: OptionsPlace): void {
  void browser.tabs.create({ url: browser.runtime.getURL(`/options.html#${place}`) });
}

/**
 * When the schedule syncs next (for "will retry at 10:45"), read again when `changed` changes
 * (the last run) and every half minute, since the alarm moves on after each firing.
 */
export function useNextSync(changed: unknown): number | null {
  const [next, setNext] = useState<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `changed` is the reason to read again
  useEffect(() => {
    let alive = true;
    const read = () =>
      nextSyncAt().then(
        (t) => alive && setNext(t),
        () => alive && setNext(null),
      );
    void read();
    const timer = setInterval(() => void read(), 30_000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [changed]);
  return next;
}
