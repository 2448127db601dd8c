// The Karbon emulator's choices where the sources disagree or a firm's real account may differ
// (docs/sandbox-karbon.md lists each). Tests pass them to createKarbonService; a running sandbox
// also reads `karbon` from its live config (PUT /__sandbox/config), so a test can flip one.
import { z } from 'zod';
import type { SandboxContext } from '../core/types';

export const karbonBehaviourSchema = z.strictObject({
  /** `$top` above 100: 400 code 4002 as the OpenAPI example, or capped silently as the paging guide says. */
  topOverLimit: z.enum(['error', 'cap']),
  /** Address/phone labels outside the OpenAPI enums: 400 (today's file) or stored as sent (Karbon in 2022). */
  offListLabels: z.enum(['reject', 'accept']),
  /** PATCH without `Prefer: return=representation`: 204 (ASP.NET OData default) or 200 with the record. */
  patchWithoutPrefer: z.enum(['no-content', 'representation']),
  /** The API application's per-tenant permission to read and set Private / Hidden records. */
  includePrivate: z.boolean(),
  includeHidden: z.boolean(),
  /**
   * Real milliseconds a write takes between reading its record and committing it; another write
   * to the same record committing inside that window makes this one lose with 409 code 4020.
   */
  writeMs: z.number().min(0).max(60_000),
});

export type KarbonBehaviour = z.infer<typeof karbonBehaviourSchema>;

export const DEFAULT_KARBON_BEHAVIOUR: KarbonBehaviour = {
  topOverLimit: 'error',
  offListLabels: 'reject',
  patchWithoutPrefer: 'no-content',
  includePrivate: false,
  includeHidden: false,
  writeMs: 0,
};

/** Defaults, then the options given at creation, then `karbon` in the live sandbox config. */
export function behaviourReader(
  ctx: SandboxContext,
  options: Partial<KarbonBehaviour> = {},
): () => KarbonBehaviour {
  const base = { ...DEFAULT_KARBON_BEHAVIOUR, ...karbonBehaviourSchema.partial().parse(options) };
  return () => {
    const live = karbonBehaviourSchema.partial().safeParse(Reflect.get(ctx.config(), 'karbon') ?? {});
    return live.success ? { ...base, ...live.data } : base;
  };
}
