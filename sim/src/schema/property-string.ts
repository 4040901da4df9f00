// Property strings (`net0=virtio=BC:24:11:2E:C5:4A,bridge=vmbr0`): pve-common's
// parse_property_string, then a check of the parsed keys against the inline format.
import { checkObject } from './object.js';
import type { Errors, FormatMap, PropSchema } from './types.js';

const own = (format: FormatMap, key: string): PropSchema | undefined =>
  Object.prototype.hasOwnProperty.call(format, key) ? format[key] : undefined;

/** Inside property strings booleans are lenient (parse_boolean). */
function parseBoolean(v: string): string | null {
  if (/^(?:1|on|yes|true)$/i.test(v)) return '1';
  if (/^(?:0|off|no|false)$/i.test(v)) return '0';
  return null;
}

const defaultKeys = new WeakMap<FormatMap, string | null>();
function defaultKeyOf(format: FormatMap): string | null {
  let k = defaultKeys.get(format);
  if (k === undefined) {
    k = Object.keys(format).find((key) => format[key]!.default_key) ?? null;
    defaultKeys.set(format, k);
  }
  return k;
}

const perlTrue = (v: string | undefined): boolean => v !== undefined && v !== '' && v !== '0';

/**
 * Parses `data` and checks it against `format`. Returns null when valid, else the text after
 * "invalid format - ": a parse error, or "format error\n" plus one "<path>.<key>: <msg>\n" line
 * per problem (PVE's exception text with its `errors` appended).
 */
export function parsePropertyString(format: FormatMap, data: string, path: string): string | null {
  const res: Record<string, string> = Object.create(null) as Record<string, string>;
  let defaultKey: string | undefined;
  for (const part of data.split(',')) {
    if (/^\s*$/.test(part)) continue;
    const kv = /^([^=]+)=([^\n]+)\n?$/.exec(part);
    if (kv) {
      let k = kv[1]!;
      let v = kv[2]!;
      if (res[k] !== undefined) return `duplicate key in comma-separated list property: ${k}\n`;
      let schema = own(format, k);
      if (schema?.alias) {
        const keyAlias = schema.keyAlias;
        if (keyAlias) {
          if (res[keyAlias] !== undefined) return `key alias '${keyAlias}' is already defined\n`;
          res[keyAlias] = k;
        }
        k = schema.alias;
        schema = own(format, k);
      }
      if (!schema) return `invalid key in comma-separated list property: ${k}\n`;
      if (schema.type === 'boolean') v = parseBoolean(v) ?? v;
      res[k] = v;
    } else if (!part.includes('=')) {
      if (defaultKey) return `duplicate key in comma-separated list property: ${defaultKey}\n`;
      defaultKey = defaultKeyOf(format) ?? undefined;
      if (!defaultKey) return 'value without key, but schema does not define a default key\n';
      if (perlTrue(res[defaultKey])) return `duplicate key in comma-separated list property: ${defaultKey}\n`;
      res[defaultKey] = part;
    } else {
      return 'missing key in comma-separated list property\n';
    }
  }
  const errors: Errors = {};
  checkObject(path, format, res, 0, errors, '');
  const keys = Object.keys(errors);
  if (!keys.length) return null;
  return 'format error\n' + keys.map((k) => `${k}: ${errors[k]}\n`).join('');
}
