// check_prop / check_type of pve-common JSONSchema.pm: one value against one property schema.
// Wire values are strings (query/form) or JSON values (JSON body); Perl sees JSON numbers as
// plain scalars and JSON booleans as JSON::PP::Boolean objects, which this mirrors.
import { checkFormat } from './formats.js';
import { checkObject } from './object.js';
import { pvePattern } from './perl-regex.js';
import type { Errors, PropSchema } from './types.js';

/** Like PVE's add_error: a second message for the same path is appended after a literal "\n". */
export function addError(errors: Errors, path: string, msg: string): void {
  const key = path || '_root';
  errors[key] = errors[key] === undefined ? msg : `${errors[key]}\\n${msg}`;
}

const INTEGER = /^[+-]?\d+\n?$/;
const NUMBER = /^[+-]?(?:\d+\.\d+|\d+\.|\.\d+|\d+)(?:[eE][+-]?\d+)?\n?$/;
export const isPerlNumber = (s: string): boolean => NUMBER.test(s);
export const isPerlInteger = (s: string): boolean => INTEGER.test(s);

const isHash = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const truthy = (v: unknown): boolean => !!v && v !== '0';
const charLength = (s: string): number => (/[\ud800-\udfff]/.test(s) ? [...s].length : s.length);

function checkType(path: string, type: string | undefined, value: unknown, errors: Errors): boolean {
  if (!type || type === 'any') return true;
  const fail = (detail: string): false => {
    addError(errors, path, `type check ('${type}') failed${detail}`);
    return false;
  };
  if (type === 'null') return fail(' - value is not null');
  if (type === 'array') return Array.isArray(value) || fail('');
  if (type === 'object') return isHash(value) || fail('');
  if (Array.isArray(value)) return fail(' - got ARRAY');
  if (isHash(value)) return fail(' - got HASH');
  if (typeof value === 'boolean') return type === 'boolean' || fail(' - got JSON::PP::Boolean');
  const s = String(value);
  if (type === 'boolean') return s === '1' || s === '0' || fail(` - got '${s}'`);
  if (type === 'integer') return INTEGER.test(s) || fail(` - got '${s}'`);
  if (type === 'number') return NUMBER.test(s) || fail(` - got '${s}'`);
  return true; // string and unknown types: nothing to check
}

/** Handles `oneOf`; returns whether a missing value is acceptable because of the instance type. */
function checkOneOf(
  value: unknown,
  schema: PropSchema,
  path: string,
  errors: Errors,
  template: string,
  itype: string | undefined,
): boolean {
  const alts = schema.oneOf!;
  if (schema['type-property']) {
    if (itype === undefined) return true; // no type given: treated as optional
    let optional = true;
    for (const alt of alts) {
      if (!alt['instance-types']?.includes(itype)) continue;
      optional = truthy(alt.optional);
      checkProp(value, alt, path, errors, template);
    }
    return optional;
  }
  const tries = alts.map((alt) => {
    const e: Errors = {};
    checkProp(value, alt, path, e, template);
    return e;
  });
  if (!tries.some((e) => !Object.keys(e).length)) Object.assign(errors, tries[0]);
  return false;
}

/** Checks one value (undefined/null = absent) against `schema`, adding messages to `errors`. */
export function checkProp(
  value: unknown,
  schema: PropSchema,
  path: string,
  errors: Errors,
  template: string,
  itype?: string,
): void {
  const optionalForType = schema.oneOf ? checkOneOf(value, schema, path, errors, template, itype) : false;
  if (value === undefined || value === null) {
    if (schema.type === 'null') return;
    if (!truthy(schema.optional) && !schema.alias && !optionalForType) {
      addError(errors, path, 'property is missing and it is not optional');
    }
    return;
  }
  if (!checkType(path, schema.type, value, errors)) return;
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((el, i) => checkProp(el, schema.items!, `${path}[${i}]`, errors, template));
    return;
  }
  if (isHash(value)) {
    if (schema.properties || schema.additionalProperties) {
      checkObject(path, schema.properties ?? {}, value, schema.additionalProperties, errors, template);
    }
    return;
  }
  if (typeof value === 'boolean') return; // a JSON::PP::Boolean object: no scalar checks apply
  const s = String(value);
  if (schema.format) {
    const err = checkFormat(schema.format, s, path);
    if (err !== null) return addError(errors, path, `invalid format - ${err}`);
  }
  if (schema.pattern && pvePattern(schema.pattern)?.test(s) === false) {
    return addError(errors, path, 'value does not match the regex pattern');
  }
  if (schema.maxLength !== undefined && charLength(s) > Number(schema.maxLength)) {
    return addError(errors, path, `value may only be ${schema.maxLength} characters long`);
  }
  if (schema.minLength !== undefined && charLength(s) < Number(schema.minLength)) {
    return addError(errors, path, `value must be at least ${schema.minLength} characters long`);
  }
  if (NUMBER.test(s)) {
    if (schema.maximum !== undefined && Number(s) > Number(schema.maximum)) {
      return addError(errors, path, `value must have a maximum value of ${schema.maximum}`);
    }
    if (schema.minimum !== undefined && Number(s) < Number(schema.minimum)) {
      return addError(errors, path, `value must have a minimum value of ${schema.minimum}`);
    }
  }
  if (schema.enum && !schema.enum.some((e) => String(e) === s)) {
    addError(errors, path, `value '${s}' does not have a value in the enumeration '${schema.enum.join(', ')}'`);
  }
}
