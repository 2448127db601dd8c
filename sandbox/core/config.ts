import { z } from 'zod';
import type { QboRules, SandboxConfig } from './types';

export const DEFAULT_QBO_RULES: QboRules = {
  nameUniqueIgnoresCase: true,
  inactiveNamesBlock: true,
  deletedSuffix: false,
};

/** The real services' published limits (qbo-api.md "Limits"; karbon-api.md: 120 a minute). */
export function defaultConfig(): SandboxConfig {
  return {
    timeScale: 1,
    latencyMs: 0,
    limits: {
      qbo: { perMinute: 500, perSecond: 10, concurrent: 10, batchPerMinute: 40 },
      karbon: { perMinute: 120 },
    },
    consent: 'auto',
    qboRules: { ...DEFAULT_QBO_RULES },
  };
}

const count = z.number().int().positive();

/** A PUT body: any subset of the config; unknown keys are mistakes, so they are refused. */
const configPatch = z.strictObject({
  timeScale: z.number().positive().finite().optional(),
  latencyMs: z.number().min(0).finite().optional(),
  limits: z
    .strictObject({
      qbo: z
        .strictObject({
          perMinute: count.optional(),
          perSecond: count.optional(),
          concurrent: count.optional(),
          batchPerMinute: count.optional(),
        })
        .optional(),
      karbon: z.strictObject({ perMinute: count.optional() }).optional(),
    })
    .optional(),
  consent: z.enum(['auto', 'page']).optional(),
  qboRules: z
    .strictObject({
      nameUniqueIgnoresCase: z.boolean().optional(),
      inactiveNamesBlock: z.boolean().optional(),
      deletedSuffix: z.boolean().optional(),
    })
    .optional(),
});

export type ConfigPatch = z.infer<typeof configPatch>;

/** Describes what is wrong with a config body in one line, or merges it over `base`. */
export function mergeConfig(base: SandboxConfig, patch: unknown): SandboxConfig | { error: string } {
  const parsed = configPatch.safeParse(patch);
  if (!parsed.success) return { error: describeZodError(parsed.error) };
  const p = parsed.data;
  // A JSON body cannot carry undefined, so spreading the parsed optional keys is exact.
  const rules = base.qboRules ?? DEFAULT_QBO_RULES;
  return {
    timeScale: p.timeScale ?? base.timeScale,
    latencyMs: p.latencyMs ?? base.latencyMs,
    limits: {
      qbo: { ...base.limits.qbo, ...p.limits?.qbo },
      karbon: { ...base.limits.karbon, ...p.limits?.karbon },
    },
    consent: p.consent ?? base.consent,
    qboRules: { ...rules, ...p.qboRules },
  };
}

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(body)'}: ${i.message}`)
    .join('; ');
}
