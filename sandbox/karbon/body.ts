// Reading request bodies field by field, with Karbon-style 400s that name the offending path.
// Stricter than ASP.NET (which drops unknown properties and coerces types): a client that sends
// a property Karbon would silently ignore learns it here instead of losing the value in production.
import { badRequest, fail } from './errors';

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class BodyReader {
  constructor(
    readonly obj: JsonObject,
    /** "" at the top, else e.g. "BusinessCards[0]." */
    readonly path: string,
    private readonly typeName: string,
  ) {}

  /** Unknown properties → 400; `ignored` are read-only response properties a GET-modify-PUT echoes. */
  onlyProperties(allowed: readonly string[], ignored: readonly string[] = []): void {
    for (const name of Object.keys(this.obj)) {
      if (allowed.includes(name) || ignored.includes(name) || name.startsWith('@odata.')) continue;
      fail(
        badRequest(
          `The property '${this.path}${name}' does not exist on type '${this.typeName}'. Make sure to only use property names that are defined by the type.`,
        ),
      );
    }
  }

  has(name: string): boolean {
    return Object.hasOwn(this.obj, name);
  }

  invalid(name: string, expected: string): never {
    return fail(badRequest(`Invalid value for property '${this.path}${name}': expected ${expected}.`));
  }

  /** A string, or undefined when absent, null or empty. */
  str(name: string, max?: number): string | undefined {
    const v = this.obj[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') return this.invalid(name, 'a string');
    if (max !== undefined && v.length > max) {
      fail(
        badRequest(
          `${this.path}${name}: The field ${name} must be a string or array type with a maximum length of '${max}'.`,
        ),
      );
    }
    return v === '' ? undefined : v;
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    if (!(values as readonly string[]).includes(v)) {
      fail(
        badRequest(
          `Invalid value '${v}' for property '${this.path}${name}'. Allowed values: ${values.join(', ')}.`,
        ),
      );
    }
    return v as T;
  }

  bool(name: string): boolean | undefined {
    const v = this.obj[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') return this.invalid(name, 'true or false');
    return v;
  }

  strings(name: string, check?: (s: string, path: string) => void): string[] | undefined {
    const v = this.obj[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) return this.invalid(name, 'an array of strings');
    return v.map((s, i) => {
      if (typeof s !== 'string') return this.invalid(`${name}[${i}]`, 'a string');
      check?.(s, `${this.path}${name}[${i}]`);
      return s;
    });
  }

  objects(name: string): BodyReader[] | undefined {
    const v = this.obj[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) return this.invalid(name, 'an array of objects');
    return v.map((o, i) => {
      if (!isObject(o)) return this.invalid(`${name}[${i}]`, 'an object');
      return new BodyReader(o, `${this.path}${name}[${i}].`, this.typeName);
    });
  }

  object(name: string, typeName = this.typeName): BodyReader | undefined {
    const v = this.obj[name];
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) return this.invalid(name, 'an object');
    return new BodyReader(v, `${this.path}${name}.`, typeName);
  }
}
