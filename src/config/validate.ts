// Checks config.json against src/config/schema.ts without ajv: compiling that schema with ajv (what
// conf did with its `schema` option) cost ~100 ms of CPU at every start of every command that reads
// the file. This walks the schema as data, so schema.ts stays the one place the rules are written.
// It knows only the keywords schema.ts uses, and fails loudly on any other (a new keyword needs a
// line here). Its errors are ajv's, word for word and in ajv's order (allErrors, as conf set it up),
// so config-error.ts and what users see are unchanged; test/config/validate.test.ts compares the two.

/** The subset of JSON Schema that schema.ts is written in. */
export interface SchemaNode {
  type?: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array';
  pattern?: string;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  required?: readonly string[];
  properties?: Readonly<Record<string, SchemaNode>>;
  additionalProperties?: false | SchemaNode;
  propertyNames?: SchemaNode;
  items?: SchemaNode;
}

/** One fault as ajv reports it: a JSON pointer into the data, and its message. */
export interface SchemaError {
  instancePath: string;
  message: string;
}

const KNOWN = new Set([
  'type',
  'pattern',
  'minLength',
  'minimum',
  'maximum',
  'required',
  'properties',
  'additionalProperties',
  'propertyNames',
  'items',
]);

const regexps = new Map<string, RegExp>();
// ajv compiles patterns with the unicode flag
const regexp = (p: string): RegExp => regexps.get(p) ?? regexps.set(p, new RegExp(p, 'u')).get(p)!;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const TYPE_CHECKS: Record<NonNullable<SchemaNode['type']>, (v: unknown) => boolean> = {
  object: isObject,
  string: (v) => typeof v === 'string',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  array: Array.isArray,
};

/** Every fault of `data` against `schema`, in the order ajv gives them; empty when valid. */
export function schemaErrors(schema: SchemaNode, data: unknown, path = ''): SchemaError[] {
  for (const key of Object.keys(schema)) {
    if (!KNOWN.has(key)) throw new Error(`config validator: unsupported schema keyword "${key}"`);
  }
  const out: SchemaError[] = [];
  const fail = (message: string, at = path): number => out.push({ instancePath: at, message });
  // ajv goes on to the keywords that apply to the value's actual JSON type (0.5 for an integer of
  // minimum 1 is told both)
  if (schema.type && !TYPE_CHECKS[schema.type](data)) fail(`must be ${schema.type}`);
  if (typeof data === 'number') {
    if (schema.maximum !== undefined && !(data <= schema.maximum)) fail(`must be <= ${schema.maximum}`);
    if (schema.minimum !== undefined && !(data >= schema.minimum)) fail(`must be >= ${schema.minimum}`);
  } else if (typeof data === 'string') {
    // ajv counts code points, not UTF-16 units
    if (schema.minLength !== undefined && [...data].length < schema.minLength) {
      fail(`must NOT have fewer than ${schema.minLength} characters`);
    }
    if (schema.pattern !== undefined && !regexp(schema.pattern).test(data)) {
      fail(`must match pattern "${schema.pattern}"`);
    }
  } else if (Array.isArray(data)) {
    if (schema.items) data.forEach((item, i) => out.push(...schemaErrors(schema.items!, item, `${path}/${i}`)));
  } else if (isObject(data)) {
    objectErrors(schema, data, path, out);
  }
  return out;
}

function objectErrors(schema: SchemaNode, data: Record<string, unknown>, path: string, out: SchemaError[]): void {
  for (const key of schema.required ?? []) {
    // ajv's test: a key whose value is undefined (possible on write) is missing
    if (data[key] === undefined) out.push({ instancePath: path, message: `must have required property '${key}'` });
  }
  if (schema.propertyNames) {
    for (const key of Object.keys(data)) {
      // ajv reports the name's own fault at the object, then that a name was wrong
      const errors = schemaErrors(schema.propertyNames, key, path);
      if (errors.length === 0) continue;
      out.push(...errors, { instancePath: path, message: 'property name must be valid' });
    }
  }
  const known = schema.properties ?? {};
  const extra = schema.additionalProperties;
  if (extra !== undefined) {
    for (const key of Object.keys(data)) {
      if (Object.hasOwn(known, key)) continue;
      if (extra === false) out.push({ instancePath: path, message: 'must NOT have additional properties' });
      else out.push(...schemaErrors(extra, data[key], `${path}/${pointerToken(key)}`));
    }
  }
  for (const [key, sub] of Object.entries(known)) {
    if (data[key] !== undefined) {
      out.push(...schemaErrors(sub, data[key], `${path}/${pointerToken(key)}`));
    }
  }
}

/** A key as a JSON Pointer token (RFC 6901), as ajv writes it in instancePath. */
const pointerToken = (key: string): string => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** What conf threw for an invalid store, so that config-error.ts reads it as before. */
export function assertValidConfig(schema: SchemaNode, data: unknown): void {
  const errors = schemaErrors(schema, data);
  if (errors.length === 0) return;
  const text = errors.map(({ instancePath, message }) => `\`${instancePath.slice(1)}\` ${message}`).join('; ');
  throw new Error(`Config schema violation: ${text}`);
}
