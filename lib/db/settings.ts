// Contact Sync Settings: one row in `meta`, validated on read so a hand-edited state file or an
// older backup can never feed the engine a malformed value.
import { z } from 'zod';
import type { ConflictPolicy, FirstLinkPolicy } from '../sync/conflicts';
import { STRONG_FUZZY_CANDIDATE_SCORE } from '../sync/suggestions';
import type { SyncDatabase } from './database';

export const conflictPolicies = [
  'latest',
  'quickbooks',
  'karbon',
] as const satisfies readonly ConflictPolicy[];

/** Where both sides hold different values when first linked: fill blanks only (differences shown on the client list) or let one side win. */
export const firstLinkPolicies = [
  'fill-blanks',
  'quickbooks',
  'karbon',
] as const satisfies readonly FirstLinkPolicy[];

export const settingsSchema = z.object({
  /** Contact Type given to contacts created in Karbon from QuickBooks. */
  newContactType: z.string().trim().min(1).default('Client'),
  /** Karbon Contact Types pushed to QuickBooks after the first sync (none by default). */
  pushTypes: z.array(z.string().trim().min(1)).default([]),
  /** Background sync every N minutes; null = off. */
  scheduleMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .nullable()
    .default(15),
  conflictPolicy: z.enum(conflictPolicies).default('latest'),
  firstLinkPolicy: z.enum(firstLinkPolicies).default('fill-blanks'),
  /** A customer with no exact or partial match but a strong fuzzy candidate waits for review. */
  fuzzyReview: z.boolean().default(true),
  /** Score (0..100) from which a fuzzy candidate counts as strong. */
  fuzzyThreshold: z.number().min(0).max(100).default(STRONG_FUZZY_CANDIDATE_SCORE),
  /** Sub-customers (jobs) are not clients; a firm may ask for them later. */
  includeSubCustomers: z.boolean().default(false),
});

export type Settings = z.infer<typeof settingsSchema>;
export type { ConflictPolicy, FirstLinkPolicy };
export type SettingsPatch = Partial<Settings>;

export const defaultSettings: Settings = settingsSchema.parse({});

const SETTINGS_KEY = 'settings';

export async function readSettings(db: SyncDatabase): Promise<Settings> {
  const row = await db.meta.get(SETTINGS_KEY);
  const parsed = settingsSchema.safeParse(row?.value ?? {});
  // A stored value that no longer parses falls back to defaults field by field rather than failing the run.
  if (parsed.success) return parsed.data;
  const merged: Record<string, unknown> = { ...defaultSettings };
  const stored = typeof row?.value === 'object' && row.value !== null ? row.value : {};
  for (const [k, v] of Object.entries(stored)) {
    const field = settingsSchema.shape[k as keyof Settings];
    if (field?.safeParse(v).success) merged[k] = v;
  }
  return settingsSchema.parse(merged);
}

export async function writeSettings(db: SyncDatabase, patch: SettingsPatch): Promise<Settings> {
  return db.transaction('rw', db.meta, async () => {
    const current = await readSettings(db);
    const next = settingsSchema.parse({ ...current, ...patch });
    await db.meta.put({ key: SETTINGS_KEY, value: next });
    return next;
  });
}
