// Shared by the Karbon fidelity tests: Karbon's OpenAPI file compiled with Ajv's JSON Schema
// 2020-12 build (its non-standard spots cleaned here, never in the file), a small client for
// the sandbox's Karbon API, and a sandbox to point it at.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { defaultConfig } from '../../sandbox/core/config';
import { ISO_ALPHA2 } from '../../sandbox/karbon/countries';
import { type RunningSandbox, startSandbox } from '../../sandbox/server';

const KARBON_OPENAPI = new URL('../../sandbox/karbon/reference/KarbonAPI.json', import.meta.url);
const DOC_ID = 'https://api.karbonhq.com/openapi.json';

type Json = unknown;

/**
 * The file's non-standard spots: `"required": true` inside a property (OpenAPI 2 style) becomes
 * the parent's `required` array; `Description` (capital D) is dropped. Unknown formats
 * ("decimal", "ISO 3166-1 alpha-2") get real checks below rather than being ignored.
 */
export function cleanSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(cleanSchema);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'Description') continue;
    if (k === 'required' && !Array.isArray(v)) continue;
    out[k] = cleanSchema(v);
  }
  const props = out.properties;
  if (typeof props === 'object' && props !== null && !Array.isArray(props)) {
    const lifted = Object.entries(node as Record<string, Json>).flatMap(([k, v]) =>
      k === 'properties' && typeof v === 'object' && v !== null
        ? Object.entries(v as Record<string, Json>)
            .filter(
              ([, p]) => typeof p === 'object' && p !== null && (p as Record<string, Json>).required === true,
            )
            .map(([name]) => name)
        : [],
    );
    if (lifted.length > 0)
      out.required = [...new Set([...(Array.isArray(out.required) ? out.required : []), ...lifted])];
  }
  return out;
}

export interface KarbonOpenApi {
  /** Errors of `body` against the response schema for this operation and status ([] = valid). */
  check(method: string, template: string, status: number, body: unknown): string[];
  /** The operation's documented statuses. */
  statuses(method: string, template: string): string[];
}

export function loadKarbonOpenApi(): KarbonOpenApi {
  const doc = cleanSchema(JSON.parse(readFileSync(KARBON_OPENAPI, 'utf8'))) as Record<string, Json>;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('decimal', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('ISO 3166-1 alpha-2', (s: string) => ISO_ALPHA2.has(s));
  ajv.addSchema({ ...doc, $id: DOC_ID });
  const paths = doc.paths as Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: Json }> }> }>
  >;
  const pointerEscape = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');
  return {
    statuses: (method, template) => Object.keys(paths[template]?.[method.toLowerCase()]?.responses ?? {}),
    check(method, template, status, body) {
      const op = paths[template]?.[method.toLowerCase()];
      if (!op) return [`${method} ${template} is not in KarbonAPI.json`];
      const response = op.responses[String(status)];
      if (!response) return [`${method} ${template} documents no ${status} response`];
      if (!response.content?.['application/json']?.schema) {
        return body === undefined || body === ''
          ? []
          : [`${status} has no documented body, got ${JSON.stringify(body).slice(0, 200)}`];
      }
      const pointer = `${DOC_ID}#/paths/${pointerEscape(template)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
      const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
      if (validate(body)) return [];
      return (validate.errors ?? []).map(
        (e) => `${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
      );
    },
  };
}

export interface KarbonCall {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined when the answer had no body. */
  body: unknown;
  text: string;
}

export function karbonClient(base: string, credentials: { bearerToken: string; accessKey: string }) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<KarbonCall> => {
    const res = await fetch(path.startsWith('http') ? path : `${base}${path}`, {
      // Node's HTTP parser only knows upper-case methods.
      method: method.toUpperCase(),
      headers: {
        Authorization: `Bearer ${credentials.bearerToken}`,
        AccessKey: credentials.accessKey,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
  };
}

export type KarbonClient = ReturnType<typeof karbonClient>;

export interface KarbonSandbox {
  sandbox: RunningSandbox;
  /** The Karbon API's base URL on this sandbox (…/karbon/v3). */
  base: string;
  creds: { bearerToken: string; accessKey: string };
  call: KarbonClient;
}

/** A sandbox on port 0 whose Karbon rate limit no test reaches, and a client with its demo keys. */
export async function startKarbonSandbox(): Promise<KarbonSandbox> {
  const sandbox = await startSandbox({
    port: 0,
    config: { limits: { ...defaultConfig().limits, karbon: { perMinute: 100_000 } } },
  });
  const c = (await (await fetch(`${sandbox.url}/__sandbox/credentials`)).json()) as {
    karbon: { bearerToken: string; accessKey: string };
    urls: { karbon: string };
  };
  return { sandbox, base: c.urls.karbon, creds: c.karbon, call: karbonClient(c.urls.karbon, c.karbon) };
}
