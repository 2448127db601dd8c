/**
 * QuickBooks' XML form of a JSON answer (what Intuit sends when the client does not ask for
 * JSON). The JSON keys that are XML attributes in Intuit's schema (IntuitRestServiceDef.xsd,
 * IntuitBaseTypes.xsd) become attributes; everything else an element, arrays repeated.
 */
const ATTRIBUTES = new Set([
  'time',
  'domain',
  'sparse',
  'status',
  'startPosition',
  'maxResults',
  'totalCount',
  'bId',
  'type',
  'code',
  'element',
]);

const NAMESPACE = 'http://schema.intuit.com/finance/v3';

export function toIntuitXml(body: Record<string, unknown>): string {
  const { time, ...rest } = body;
  const attrs = [`xmlns="${NAMESPACE}"`];
  if (time !== undefined) attrs.push(`time="${escapeXml(String(time))}"`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<IntuitResponse ${attrs.join(' ')}>${children(rest)}</IntuitResponse>`;
}

function children(obj: Record<string, unknown>): string {
  let out = '';
  for (const [key, value] of Object.entries(obj)) {
    if (ATTRIBUTES.has(key) || value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) out += element(key, item);
    else out += element(key, value);
  }
  return out;
}

function element(name: string, value: unknown): string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = Object.fromEntries(Object.entries(value));
    // ReferenceType is text with a name attribute: <CurrencyRef name="United States Dollar">USD</CurrencyRef>.
    if (name.endsWith('Ref') && typeof record.value === 'string') {
      const attr = typeof record.name === 'string' ? ` name="${escapeXml(record.name)}"` : '';
      return `<${name}${attr}>${escapeXml(record.value)}</${name}>`;
    }
    const attrs = Object.entries(record)
      .filter(([k, v]) => ATTRIBUTES.has(k) && v !== undefined && v !== null)
      .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
      .join('');
    return `<${name}${attrs}>${children(record)}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
