// The sandbox's data: the demo firm (`--demo`, the default) and generated firms for benchmarks
// (`--generate N`). See docs/sandbox-karbon.md "The demo firm" for the story it tells.
import { DEMO_CREDENTIALS } from '../core/credentials';
import type { SandboxState } from '../core/state';
import { buildState } from './build';
import type { DemoExpectations } from './expectations';
import { Factory } from './factory';
import { generateFirm } from './generate';
import { bulkStories } from './story-bulk';
import { edgeStories } from './story-edge';
import { moreStories } from './story-more';

export type { DemoExpectations } from './expectations';

const DEMO_SEED = 20_260_115;

function buildDemo(): { state: SandboxState; expectations: DemoExpectations } {
  const f = new Factory(DEMO_SEED);
  const story = [...edgeStories(f), ...moreStories(f), ...bulkStories(f)];
  // Karbon's default list order is creation order: a plain, unique client first (Karbon's own
  // 2022 tests search for the first row's FullName and expect only exact-case hits).
  return buildState(story, f, {
    realmId: DEMO_CREDENTIALS.qbo.realmId,
    keySeed: DEMO_SEED,
    karbonFirst: ['exact-person-0', 'exact-person-1'],
  });
}

const demo = buildDemo();

/** The demo firm: a few hundred clients telling the product's story. A fresh copy each call. */
export function demoState(): SandboxState {
  return structuredClone(demo.state);
}

/** Which customers the first Sync Now should link, create, send to review or skip. */
export const demoExpectations: DemoExpectations = demo.expectations;

/** n QuickBooks customers and about n Karbon records, mostly exact matches (benchmarks). */
export function generateState(n: number): SandboxState {
  return generateFirm(n, DEMO_CREDENTIALS.qbo.realmId);
}
