// check_object of pve-common JSONSchema.pm: required keys, per-key checks, `requires`,
// `additionalProperties`, and the mapping of numbered keys (`net3`) onto `net[n]`.
import { indexMax, splitIndexed } from './indexed.js';
import type { Errors, PropSchema } from './types.js';
import { addError, checkProp } from './validate-value.js';

interface ObjectIndex {
  required: string[]; // keys that must be present (not optional, not an alias)
  typed: string[]; // oneOf + type-property keys: whether required depends on the instance type
  indexed: Map<string, PropSchema>; // "net" → schema of "net[n]"
}

const indexes = new WeakMap<Record<string, PropSchema>, ObjectIndex>();

export function objectIndex(props: Record<string, PropSchema>): ObjectIndex {
  let idx = indexes.get(props);
  if (idx) return idx;
  idx = { required: [], typed: [], indexed: new Map() };
  for (const [key, p] of Object.entries(props)) {
    const m = /^(.+)\[n\]$/.exec(key);
    if (m) idx.indexed.set(m[1]!, p);
    else if (p.oneOf && p['type-property']) idx.typed.push(key);
    else if (!Number(p.optional ?? 0) && !p.alias) idx.required.push(key);
  }
  indexes.set(props, idx);
  return idx;
}

/** The schema of `key` in `props`, resolving numbered keys within the endpoint's limits. */
export function lookupProp(props: Record<string, PropSchema>, key: string, template: string): PropSchema | undefined {
  if (Object.prototype.hasOwnProperty.call(props, key)) return props[key];
  const idx = objectIndex(props);
  if (!idx.indexed.size) return undefined;
  const split = splitIndexed(key);
  if (!split) return undefined;
  const p = idx.indexed.get(split[0]);
  return p && split[1] <= indexMax(split[0], template) ? p : undefined;
}

const missing = (v: unknown): boolean => v === undefined || v === null;

function instanceType(schema: PropSchema, value: Record<string, unknown>): string | undefined {
  const tp = schema['type-property'];
  const t = tp === undefined ? undefined : value[tp];
  return missing(t) ? undefined : String(t);
}

/**
 * Checks an object `value` against `props`. `additional` is the schema's additionalProperties
 * (undefined = allowed, 0/false = rejected, a schema = checked). `template` selects index limits.
 */
export function checkObject(
  path: string,
  props: Record<string, PropSchema>,
  value: Record<string, unknown>,
  additional: PropSchema['additionalProperties'],
  errors: Errors,
  template: string,
): void {
  const idx = objectIndex(props);
  const sub = (k: string): string => (path ? `${path}.${k}` : k);
  for (const k of idx.required) {
    if (missing(value[k])) addError(errors, sub(k), 'property is missing and it is not optional');
  }
  for (const k of idx.typed) {
    if (missing(value[k])) checkProp(undefined, props[k]!, sub(k), errors, template, instanceType(props[k]!, value));
  }
  for (const k of Object.keys(value)) {
    const v = value[k];
    if (v === undefined) continue;
    const schema = lookupProp(props, k, template);
    if (schema) {
      const itype = schema['type-property'] ? instanceType(schema, value) : undefined;
      if (v !== null) checkProp(v, schema, sub(k), errors, template, itype);
      const req = schema.requires;
      if (typeof req === 'string' && missing(value[req])) {
        addError(errors, sub(req), `missing property - '${sub(k)}' requires this property`);
      }
      if (
        !schema.oneOf ||
        schema.oneOf.some((alt) => !alt['instance-types'] || alt['instance-types'].includes(itype ?? ''))
      )
        continue;
    }
    if (typeof additional === 'object') {
      if (additional && v !== null) checkProp(v, additional, sub(k), errors, template);
    } else if (additional !== undefined && !Number(additional)) {
      addError(errors, sub(k), 'property is not defined in schema and the schema does not allow additional properties');
    }
  }
}
