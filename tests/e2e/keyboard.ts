// The keyboard as a person without a mouse uses it: Tab and Shift+Tab from the top of a page to
// its end, reading where focus lands and whether its ring shows; `tabTo` reaches a control by
// Tab alone, as such a person would.
import type { Page } from 'playwright-core';

export interface Stop {
  /** `button "Sync Now"`: the element's role-ish tag and its accessible name. */
  name: string;
  /** A visible ring: an outline of 2 px or more, or a box shadow. */
  ring: boolean;
  /** Where it is on the page (document coordinates) and in which landmark. */
  top: number;
  left: number;
  landmark: string;
}

/**
 * Runs in the page (passed to it whole, so its helpers live inside it): the focused element as a
 * Stop (null: focus is on the page itself, or left it), or the names of every element a keyboard
 * should reach, in document order: enabled controls and links that are shown, one radio per group
 * (the checked one, else the first), nothing with tabindex -1.
 */
function inPage(what: string): { focused: Stop | null; reachable: string[] } {
  const label = (e: Element): string => {
    const aria = e.getAttribute('aria-label');
    if (aria) return aria;
    const by = e.getAttribute('aria-labelledby');
    if (by)
      return by
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    const labels = 'labels' in e ? [...((e as HTMLInputElement).labels ?? [])] : [];
    if (labels.length > 0) return labels.map((l) => l.textContent ?? '').join(' ');
    return e.textContent ?? '';
  };
  const nameOf = (e: Element): string => {
    const kind =
      e.getAttribute('role') ??
      (e.tagName === 'INPUT' ? `input[${(e as HTMLInputElement).type}]` : e.tagName.toLowerCase());
    return `${kind} "${label(e).trim().replace(/\s+/g, ' ').slice(0, 60)}"`;
  };

  if (what === 'focused') {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement)
      return { focused: null, reachable: [] };
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    // Where it sits in its content, whatever has scrolled (the page, a list scrolling in its frame).
    let scrollTop = window.scrollY;
    let scrollLeft = window.scrollX;
    for (let p = el.parentElement; p; p = p.parentElement) {
      scrollTop += p.scrollTop;
      scrollLeft += p.scrollLeft;
    }
    const focused = {
      name: nameOf(el),
      ring:
        (s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) >= 2) ||
        (s.boxShadow !== 'none' && s.boxShadow !== ''),
      top: Math.round(r.top + scrollTop),
      left: Math.round(r.left + scrollLeft),
      landmark: el.closest('nav, main, aside, header, footer')?.tagName.toLowerCase() ?? 'page',
    };
    return { focused, reachable: [] };
  }

  const shown = (e: Element) => {
    const s = getComputedStyle(e);
    return e.getClientRects().length > 0 && s.visibility !== 'hidden' && !e.closest('[inert]');
  };
  const radiosSeen = new Set<string>();
  const out: string[] = [];
  // Controls by role too: one a mouse can press but the keyboard cannot reach is listed here
  // and missed by the walk.
  const candidates = document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"]), [role="button"], [role="link"], [role="tab"], [role="menuitem"], [role="checkbox"]',
  );
  for (const el of candidates) {
    if ((el as HTMLButtonElement).disabled || !shown(el)) continue;
    if (el.getAttribute('tabindex') === '-1') continue;
    if (el instanceof HTMLInputElement && el.type === 'hidden') continue;
    if (el instanceof HTMLInputElement && el.type === 'radio') {
      if (radiosSeen.has(el.name)) continue;
      const group = [...document.querySelectorAll(`input[type="radio"][name="${el.name}"]`)];
      const stop = group.find((r) => (r as HTMLInputElement).checked) ?? group[0];
      if (stop !== el) continue;
      radiosSeen.add(el.name);
    }
    out.push(nameOf(el));
  }
  return { focused: null, reachable: out };
}

/** Describes the focused element (null: focus is on the page itself, or left it). */
async function focused(page: Page): Promise<Stop | null> {
  return (await page.evaluate(inPage, 'focused')).focused;
}

/** Every element a keyboard should reach, in document order (see inPage). */
export async function reachable(page: Page): Promise<string[]> {
  return (await page.evaluate(inPage, 'reachable')).reachable;
}

export interface Walk {
  stops: Stop[];
  /** False when focus never left the page within the limit: a trap. */
  left: boolean;
}

/**
 * Puts the keyboard's starting point at the top (or the bottom) of the page, as when a person
 * tabs in from the address bar: focus on a stand-in there that then goes away. (A blur alone
 * keeps the starting point where focus was, e.g. on a card a link landed on.)
 */
function startAt(page: Page, end: 'top' | 'bottom'): Promise<void> {
  return page.evaluate((where) => {
    const standIn = document.createElement('button');
    standIn.setAttribute('aria-hidden', 'true');
    if (where === 'top') document.body.prepend(standIn);
    else document.body.append(standIn);
    standIn.focus({ preventScroll: true });
    standIn.remove();
  }, end);
}

/** Presses `key` from the top (or bottom) of the page until focus leaves it or comes round again. */
export async function walk(page: Page, key: 'Tab' | 'Shift+Tab', limit = 400): Promise<Walk> {
  await startAt(page, key === 'Tab' ? 'top' : 'bottom');
  const stops: Stop[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    const stop = await focused(page);
    if (!stop) return { stops, left: true };
    const first = stops[0];
    if (first && stops.length > 1 && first.name === stop.name && first.top === stop.top)
      return { stops, left: true };
    stops.push(stop);
  }
  return { stops, left: false };
}

/**
 * Stops whose order does not follow the page: within one landmark, each stop is below the one
 * before, or on its line and to its right (a row of buttons, a table row).
 */
export function outOfOrder(stops: Stop[]): string[] {
  const problems: string[] = [];
  for (let i = 1; i < stops.length; i++) {
    const a = stops[i - 1];
    const b = stops[i];
    if (!a || !b || a.landmark !== b.landmark) continue;
    const sameLine = Math.abs(b.top - a.top) <= 10;
    if (b.top < a.top - 10 || (sameLine && b.left < a.left - 4))
      problems.push(`${b.name} (${b.left},${b.top}) comes after ${a.name} (${a.left},${a.top})`);
  }
  return problems;
}

/** Tabs until the focused element's name matches (a person looking for it); throws past `limit`. */
export async function tabTo(page: Page, name: RegExp | string, limit = 200): Promise<Stop> {
  const wanted =
    typeof name === 'string' ? (n: string) => n.includes(`"${name}"`) : (n: string) => name.test(n);
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const stop = await focused(page);
    if (stop && wanted(stop.name)) return stop;
    seen.push(stop?.name ?? '(page)');
  }
  throw new Error(`Tab never reached ${String(name)}; it went through: ${seen.slice(0, 80).join(', ')}`);
}

/** The focused element, described as in a walk (null: nothing in the page has focus). */
export const focusedStop = focused;
