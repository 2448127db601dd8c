// The Karbon emulator's choices where the sources disagree or a firm's real account may differ
// (docs/sandbox-karbon.md lists each; the fields are documented on KarbonRules in core/types).
// Tests pass them to createKarbonService; a running sandbox also reads `karbonRules` from its
// live config (PUT /__sandbox/config), so a test can flip one.
import { z } from 'zod';
import type { KarbonRules, SandboxContext } from '../core/types';

export const karbonRulesSchema = z.strictObject({
  topOverLimit: z.enum(['error', 'cap']),
  offListLabels: z.enum(['reject', 'accept']),
  patchWithoutPrefer: z.enum(['no-content', 'representation']),
  includePrivate: z.boolean(),
  includeHidden: z.boolean(),
  writeMs: z.number().min(0).max(60_000),
}) satisfies z.ZodType<KarbonRules>;

export type KarbonBehaviour = KarbonRules;

export const DEFAULT_KARBON_RULES: KarbonRules = {
  topOverLimit: 'error',
  offListLabels: 'reject',
  patchWithoutPrefer: 'no-content',
  includePrivate: false,
  includeHidden: false,
  writeMs: 0,
};

/** Defaults, then the options given at creation, then `karbonRules` in the live sandbox config. */
export function behaviourReader(ctx: SandboxContext, options: Partial<KarbonRules> = {}): () => KarbonRules {
  const base = { ...DEFAULT_KARBON_RULES, ...karbonRulesSchema.partial().parse(options) };
  return () => {
    const live = Object.entries(ctx.config().karbonRules ?? {}).filter(([, v]) => v !== undefined);
    return { ...base, ...Object.fromEntries(live) };
  };
}
