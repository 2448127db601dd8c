// Layout checks the screenshots were looked at for, as code: nothing sticks out sideways or is
// clipped (at 100% and at 200% zoom), count pills stay one line, rows of the virtualised Client
// List never cover each other, and every control has a label.
import type { Page } from 'playwright-core';

/**
 * What does not fit, in words (empty when all is well). An element inside a scroll container is
 * judged by the container: a wide data table that scrolls sideways in its frame fits.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (el: Element) => {
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : '';
      return `<${el.tagName.toLowerCase()}${cls}> "${text}"`;
    };
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1)
      problems.push(`the page scrolls sideways (${doc.scrollWidth} px wide in ${doc.clientWidth} px)`);
    const scrolls = (el: Element) => {
      const s = getComputedStyle(el);
      return s.overflowX === 'auto' || s.overflowX === 'scroll';
    };
    const insideScroller = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
        if (scrolls(p)) return true;
      return false;
    };
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('.sr-only') || insideScroller(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const s = getComputedStyle(el);
      if (s.display === 'inline' || s.position === 'fixed') continue;
      if (r.right > doc.clientWidth + 1)
        problems.push(`${name(el)} ends ${Math.round(r.right - doc.clientWidth)} px past the right edge`);
      // Content wider than its own box: text running over its neighbours, or cut off.
      if (
        !scrolls(el) &&
        el.scrollWidth > el.clientWidth + 1 &&
        el.clientWidth > 0 &&
        el.tagName !== 'SELECT'
      )
        problems.push(`${name(el)} holds ${el.scrollWidth - el.clientWidth} px more than it shows`);
    }
    return [...new Set(problems)];
  });
}

/** Count pills (".badge") are one line high, whatever their label does. */
export function pillProblems(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.badge')].flatMap((el) => {
      const r = el.getBoundingClientRect();
      const line = Number.parseFloat(getComputedStyle(el).lineHeight) || 18;
      return r.height > line + 6 ? [`pill "${el.textContent}" is ${Math.round(r.height)} px high`] : [];
    }),
  );
}

/** Virtualised rows are placed one under the other: none covers the one before (and its border). */
export function rowOverlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll('tr[data-index]')]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .sort((a, b) => a.r.top - b.r.top);
    const problems: string[] = [];
    for (let i = 1; i < rows.length; i++) {
      const above = rows[i - 1];
      const below = rows[i];
      // Even a fraction of a pixel hides the 1 px border when the page is drawn.
      if (above && below && below.r.top < above.r.bottom - 0.05)
        problems.push(
          `row "${(below.el.textContent ?? '').slice(0, 20)}" covers ${(above.r.bottom - below.r.top).toFixed(2)} px of the row above`,
        );
    }
    return problems;
  });
}

/** Every button, field and link has a name a screen reader can say. */
export function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nameOf = (el: Element): string => {
      const aria = el.getAttribute('aria-label') ?? '';
      const by = (el.getAttribute('aria-labelledby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join('');
      const labels =
        'labels' in el ? [...((el as HTMLInputElement).labels ?? [])].map((l) => l.textContent).join('') : '';
      const text = el.tagName === 'BUTTON' || el.tagName === 'A' ? (el.textContent ?? '') : '';
      return `${aria}${by}${labels}${text}`.trim();
    };
    return [
      ...document.querySelectorAll(
        'button, a[href], input, select, textarea, [role="tab"], [role="menuitem"]',
      ),
    ]
      .filter((el) => (el as HTMLInputElement).type !== 'hidden' && !nameOf(el))
      .map((el) => el.outerHTML.slice(0, 80));
  });
}

/** Everything the checks above find on this page. */
export async function allLayoutProblems(page: Page): Promise<string[]> {
  const lists = await Promise.all([
    layoutProblems(page),
    pillProblems(page),
    rowOverlaps(page),
    unlabelledControls(page),
  ]);
  return lists.flat();
}

/**
 * The page laid out as Chromium lays it out at 200% zoom in a window `width` × `height` device
 * pixels: half as many CSS pixels each way (media queries see the same). Pixel density does not
 * change the layout, so the viewport alone is the faithful part of the emulation.
 */
export async function zoom200(page: Page, width: number, height = 800): Promise<void> {
  await page.setViewportSize({ width: Math.round(width / 2), height: Math.round(height / 2) });
}
