import { z } from 'zod';
import { DEFAULT_KARBON_RULES, karbonRulesSchema } from '../karbon/options';
import type { KarbonRules, QboRules, SandboxConfig } from './types';

export const DEFAULT_QBO_RULES: QboRules = {
  nameUniqueIgnoresCase: true,
  inactiveNamesBlock: true,
  deletedSuffix: false,
};

/** The live config with every optional part filled in (what GET /__sandbox/config shows). */
export type LiveConfig = SandboxConfig & { qboRules: QboRules; karbonRules: KarbonRules };

/** The real services' published limits (qbo-api.md "Limits"; karbon-api.md: 120 a minute). */
export function defaultConfig(): LiveConfig {
  return {
    timeScale: 1,
    latencyMs: 0,
    limits: {
      qbo: { perMinute: 500, perSecond: 10, concurrent: 10, batchPerMinute: 40 },
      karbon: { perMinute: 120 },
    },
    consent: 'auto',
    qboRules: { ...DEFAULT_QBO_RULES },
    karbonRules: { ...DEFAULT_KARBON_RULES },
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
  karbonRules: karbonRulesSchema.partial().optional(),
  qboRules: z
    .strictObject({
      nameUniqueIgnoresCase: z.boolean().optional(),
      inactiveNamesBlock: z.boolean().optional(),
      deletedSuffix: z.boolean().optional(),
    })
    .optional(),
});

/** Describes what is wrong with a config body in one line, or merges it over `base`. */
export function mergeConfig(base: LiveConfig, patch: unknown): LiveConfig | { error: string } {
  const parsed = configPatch.safeParse(patch);
  if (!parsed.success) return { error: describeZodError(parsed.error) };
  const p = parsed.data;
  // A JSON body cannot carry undefined, so spreading the parsed optional keys is exact.
  return {
    timeScale: p.timeScale ?? base.timeScale,
    latencyMs: p.latencyMs ?? base.latencyMs,
    limits: {
      qbo: { ...base.limits.qbo, ...p.limits?.qbo },
      karbon: { ...base.limits.karbon, ...p.limits?.karbon },
    },
    consent: p.consent ?? base.consent,
    qboRules: { ...base.qboRules, ...p.qboRules },
    karbonRules: { ...base.karbonRules, ...p.karbonRules },
  };
}

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(body)'}: ${i.message}`)
    .join('; ');
}
