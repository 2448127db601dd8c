// QuickBooks error bodies come in three forms (qbo-notes §8, §9): upper-case JSON (400), lower-case
// JSON (401/403), and XML — the throttle answers in XML even when JSON was asked for.
import { LowerFaultSchema, UpperFaultSchema } from './schema';

export interface FaultError {
  code: string;
  message: string;
  detail: string;
  element: string;
}

export interface Fault {
  type: string;
  errors: FaultError[];
}

export function parseFault(body: string): Fault | null {
  const trimmed = body.trim();
  if (trimmed.startsWith('<')) return parseXmlFault(trimmed);
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return null;
  }
  const upper = UpperFaultSchema.safeParse(json);
  if (upper.success) {
    return {
      type: upper.data.Fault.type ?? '',
      errors: upper.data.Fault.Error.map((e) => ({
        code: e.code,
        message: e.Message ?? '',
        detail: e.Detail ?? '',
        element: e.element ?? '',
      })),
    };
  }
  const lower = LowerFaultSchema.safeParse(json);
  if (lower.success) {
    return {
      type: lower.data.fault.type ?? '',
      errors: lower.data.fault.error.map((e) => ({
        code: e.code,
        message: e.message ?? '',
        detail: e.detail ?? '',
        element: e.element ?? '',
      })),
    };
  }
  return null;
}

function parseXmlFault(xml: string): Fault | null {
  const fault = /<Fault\b([^>]*)>([\s\S]*?)<\/Fault>/i.exec(xml);
  if (!fault) return null;
  const errors: FaultError[] = [];
  for (const m of (fault[2] ?? '').matchAll(/<Error\b([^>]*)>([\s\S]*?)<\/Error>/gi)) {
    const attrs = m[1] ?? '';
    const inner = m[2] ?? '';
    errors.push({
      code: attr(attrs, 'code'),
      message: element(inner, 'Message'),
      detail: element(inner, 'Detail'),
      element: attr(attrs, 'element'),
    });
  }
  return { type: attr(fault[1] ?? '', 'type'), errors };
}

function attr(attrs: string, name: string): string {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(attrs);
  return m ? unescapeXml(m[1] ?? '') : '';
}

function element(inner: string, name: string): string {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(inner);
  return m ? unescapeXml(m[1] ?? '').trim() : '';
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** "Message: Detail (code N)" for an error sentence. */
export function describeFault(fault: Fault): string {
  const first = fault.errors[0];
  if (!first) return fault.type || 'unknown fault';
  const words = [first.message, first.detail].filter(Boolean).join(': ');
  return `${words || 'error'} (code ${first.code})`;
}
