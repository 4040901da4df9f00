// Response conformance: `data` against the endpoint's `returns` schema. Deliberately tolerant
// in the ways real PVE servers deviate (QUIRKS.md B1–B5): numbers may be numeric strings,
// booleans 0/1 or "0"/"1", optional fields may be null, undeclared fields are fine.
import { lookupProp, objectIndex } from './object.js';
import type { PropSchema } from './types.js';
import { isPerlInteger, isPerlNumber } from './validate-value.js';

const MAX_PROBLEMS = 50;

const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : JSON.stringify(v);

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
    case 'integer':
      return (
        (typeof v === 'number' && Number.isInteger(v)) ||
        (typeof v === 'string' && (isPerlInteger(v) || (isPerlNumber(v) && Number.isInteger(Number(v)))))
      );
    case 'number':
      return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && isPerlNumber(v));
    case 'boolean':
      return typeof v === 'boolean' || v === 0 || v === 1 || v === '0' || v === '1';
    case 'array':
      return Array.isArray(v);
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'null':
      return v === null || v === undefined;
    default:
      return true; // any, or types the validator does not know
  }
}

class Checker {
  readonly problems: string[] = [];
  private dropped = 0;

  constructor(private readonly template: string) {}

  report(msg: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(msg);
    else this.dropped++;
  }

  finish(): string[] {
    if (this.dropped) this.problems.push(`... and ${this.dropped} more problem(s)`);
    return this.problems;
  }

  value(v: unknown, schema: PropSchema, path: string): void {
    const type = schema.type ?? (schema.properties ? 'object' : undefined);
    if (type && !typeOk(type, v)) {
      this.report(`${path}: expected ${type}, got ${describe(v)}`);
      return;
    }
    if (
      schema.enum &&
      (typeof v === 'string' || typeof v === 'number') &&
      !schema.enum.some((e) => String(e) === String(v))
    ) {
      this.report(`${path}: value '${String(v)}' is not one of '${schema.enum.join(', ')}'`);
    }
    if (Array.isArray(v) && schema.items) {
      for (let i = 0; i < v.length && this.problems.length < MAX_PROBLEMS; i++) {
        const item = v[i];
        if (item === null && schema.items.type !== 'null') this.report(`${path}[${i}]: item is null`);
        else this.value(item, schema.items, `${path}[${i}]`);
      }
    } else if (schema.properties && typeof v === 'object' && v !== null && !Array.isArray(v)) {
      this.object(v as Record<string, unknown>, schema.properties, path);
    }
  }

  private object(v: Record<string, unknown>, props: Record<string, PropSchema>, path: string): void {
    for (const k of objectIndex(props).required) {
      if (v[k] === undefined) this.report(`${path}.${k}: required property is missing`);
      else if (v[k] === null) this.report(`${path}.${k}: required property is null`);
    }
    for (const [k, val] of Object.entries(v)) {
      if (val === undefined || val === null) continue; // optional and absent/null: fine
      const p = lookupProp(props, k, this.template);
      if (p) this.value(val, p, `${path}.${k}`);
    }
  }
}

// Endpoints documented to answer `data: null` although `returns` declares something else.
const NULL_OK = new Set(['/nodes/{node}/lxc/{vmid}/interfaces']);

export function checkReturns(schema: PropSchema | undefined, data: unknown, template: string): string[] {
  if (!schema) return [];
  const c = new Checker(template);
  if (data === null || data === undefined) {
    const declared = schema.type ?? (schema.properties ? 'object' : undefined);
    if (
      declared &&
      declared !== 'null' &&
      declared !== 'any' &&
      !Number(schema.optional ?? 0) &&
      !NULL_OK.has(template)
    ) {
      c.report(`data: null where the schema declares ${declared}`);
    }
    return c.finish();
  }
  c.value(data, schema, 'data');
  return c.finish();
}
