// Layout shifts as Chromium measures them (the Layout Instability API behind Cumulative Layout
// Shift): every page of the context records its 'layout-shift' entries from the first paint, so a
// test can ask how far things jumped while data arrived, and which elements moved.
import type { BrowserContext, Page } from 'playwright-core';

export interface ShiftSource {
  /** The element that moved, as `<tag.class> "its text"`. */
  node: string;
  /** Its top and left before and after, in CSS pixels of the window. */
  y: [number, number];
  x: [number, number];
}

export interface Shift {
  value: number;
  /** Shifts within 500 ms of a click or key press are expected (the person caused them). */
  hadRecentInput: boolean;
  sources: ShiftSource[];
}

/** Installs the recorder in every page the context opens from now on. */
export async function recordLayoutShifts(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const shifts: Array<{ value: number; hadRecentInput: boolean; sources: object[] }> = [];
    (globalThis as unknown as { __layoutShifts: typeof shifts }).__layoutShifts = shifts;
    const describe = (node: Node | null) => {
      if (!node) return '(gone)';
      const el = node instanceof Element ? node : node.parentElement;
      if (!el) return node.nodeName;
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `<${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}> "${text}"`;
    };
    type Entry = PerformanceEntry & {
      value: number;
      hadRecentInput: boolean;
      sources?: Array<{ node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }>;
    };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Entry[]) {
        shifts.push({
          value: e.value,
          hadRecentInput: e.hadRecentInput,
          sources: (e.sources ?? []).map((s) => ({
            node: describe(s.node),
            y: [Math.round(s.previousRect.y), Math.round(s.currentRect.y)],
            x: [Math.round(s.previousRect.x), Math.round(s.currentRect.x)],
          })),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The shifts a page has had so far that nobody's input caused. */
export async function unexpectedShifts(page: Page): Promise<{ score: number; shifts: Shift[] }> {
  const shifts = await page.evaluate(
    () => (globalThis as unknown as { __layoutShifts?: Shift[] }).__layoutShifts ?? [],
  );
  const unexpected = shifts.filter((s) => !s.hadRecentInput);
  return { score: unexpected.reduce((sum, s) => sum + s.value, 0), shifts: unexpected };
}

const sourceWords = (s: ShiftSource) => `${s.node} ${s.y[0]}→${s.y[1]} (x ${s.x[0]}→${s.x[1]})`;

/** Readable in an assertion's message: the score and what moved. */
export function shiftReport(r: { score: number; shifts: Shift[] }): string {
  return `CLS ${r.score.toFixed(4)}: ${r.shifts.map((s) => `${s.value.toFixed(4)} [${s.sources.map(sourceWords).join('; ')}]`).join(' | ')}`;
}
